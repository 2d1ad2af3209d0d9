"""Lambda code written inside a template (``Code: ZipFile:``, SAM ``InlineCode:``), read as the
Python or Node.js source it is, with every finding put back at its line in the template."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from .pathscan.resolver import Resolver
from .pathscan.tree import Node

_FUNCTIONS = {"AWS::Lambda::Function": ("Code", "ZipFile"), "AWS::Serverless::Function": ("InlineCode",)}
# a part of an Fn::Join/Fn::Sub only known at deploy time (!Ref, !GetAtt) stands in as a name
_UNKNOWN = "x"


def uses(
    resources: Node | None, text: str, relpath: str, resolver: Resolver
) -> list[tuple[int, str, str, str]]:
    """``(line, service, how, name)`` for what the inline code of each function in ``resources``
    uses (clients, endpoints, ARNs), at the template line the code is written on."""
    from . import source  # not at the top: source imports serverless, which imports this module

    found: list[tuple[int, str, str, str]] = []
    lines = text.splitlines()
    for logical_id, resource in resources.items() if resources else []:
        type_node, properties = resource.get("Type"), resource.get("Properties")
        path = _FUNCTIONS.get(type_node.text() or "") if type_node else None
        node = properties
        for key in path or ():
            node = node.get(key) if node is not None else None
        if not path or properties is None or node is None:
            continue
        code, code_lines = _code(node, lines)
        if not code.strip() or not code_lines:
            continue
        runtime = properties.get("Runtime")
        node_js = ((runtime.text() or "") if runtime else "").startswith("nodejs") or "require(" in code
        label = f"{relpath} ({logical_id} inline code){'.js' if node_js else '.py'}"
        found += [
            (code_lines[min(hit.line, len(code_lines)) - 1], hit.service, "inline-code", hit.name)
            for hit in source.scan(code, label, resolver).hits
        ]
    return found


def _code(node: Node, lines: list[str]) -> tuple[str, list[int]]:
    """The code a ``ZipFile``/``InlineCode`` value holds, and the template line of each code line."""
    value = node.value
    if node.tag == "!Join" and len(node.children()) == 2:
        return _joined(node.children())
    if node.tag == "!Sub" and node.children():  # !Sub [code, {Name: value}]
        return _code(node.children()[0], lines)
    if isinstance(value, dict) and len(value) == 1:  # {"Fn::Sub": …} / {"Fn::Join": [delimiter, [...]]}
        ((function, argument),) = value.items()
        if function == "Fn::Sub":
            return _code(argument.children()[0] if argument.children() else argument, lines)
        if function == "Fn::Join" and len(argument.children()) == 2:
            return _joined(argument.children())
    if not isinstance(value, str):
        return "", []
    return value, _scalar_lines(value, node.line, lines)


def _joined(arguments: list[Node]) -> tuple[str, list[int]]:
    """An ``Fn::Join`` of code lines (JSON templates write inline code this way): each code line
    is put at the template line of the part it starts in."""
    delimiter = arguments[0].text() or ""
    parts = arguments[1].children()
    pieces = [_text_or_unknown(part) for part in parts]
    offsets = [0, *accumulate(len(piece) + len(delimiter) for piece in pieces[:-1])]  # each part's start
    code = delimiter.join(pieces)
    line_starts = [0] + [index + 1 for index, char in enumerate(code) if char == "\n"]
    return code, [parts[bisect_right(offsets, at) - 1].line for at in line_starts] if parts else []


def _text_or_unknown(part: Node) -> str:
    text = part.text()
    return _UNKNOWN if text is None else text


def _scalar_lines(value: str, near: int, lines: list[str]) -> list[int]:
    """Template lines of a string's code lines: a block scalar (``ZipFile: |``) runs on from the
    line its first code line is found on; anything else (a JSON string with ``\\n`` escapes) sits
    on one line."""
    code_lines = value.splitlines()
    written = [(index, line.strip()) for index, line in enumerate(code_lines) if line.strip()]
    if not written:
        return []
    first_index, head = written[0]
    for number in range(max(near, 1), min(near + 3, len(lines)) + 1):
        if head in lines[number - 1]:
            top = number - first_index
            last_index, tail = written[-1]
            if 0 < top + last_index <= len(lines) and tail in lines[top + last_index - 1]:
                return [top + index for index in range(len(code_lines))]
            return [number] * len(code_lines)
    return [near] * len(code_lines)
