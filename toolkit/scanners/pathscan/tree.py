"""YAML/JSON documents as trees that remember the line of every key.

YAML is composed (not constructed) with a SafeLoader subclass, so CloudFormation short-form
intrinsics (``!Ref``, ``!GetAtt``, ``!Sub`` …) and any other tag parse as plain nodes. JSON that
YAML cannot read (tabs, odd escapes) is loaded with :mod:`json` and its keys located in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import yaml

from .text import LineIndex

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CfnLoader(_BaseLoader):
    """SafeLoader that accepts every ``!Tag`` (CloudFormation intrinsics) and keeps line numbers."""


def _intrinsic(loader: Any, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
    return {name: value}


CfnLoader.add_multi_constructor("!", _intrinsic)


class Node:
    """A value with the 1-based line it was written on; ``tag`` keeps a YAML tag like ``!Ref``."""

    __slots__ = ("line", "tag", "value")

    def __init__(self, value: Any, line: int, tag: str | None = None) -> None:
        self.value = value
        self.line = line
        self.tag = tag

    def get(self, key: str) -> Node | None:
        """The child under ``key`` when this is a mapping."""
        return self.value.get(key) if isinstance(self.value, dict) else None

    def items(self) -> list[tuple[str, Node]]:
        """Mapping entries, or nothing."""
        return list(self.value.items()) if isinstance(self.value, dict) else []

    def children(self) -> list[Node]:
        """Sequence items, or nothing."""
        return self.value if isinstance(self.value, list) else []

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for _, child in self.items():
            yield from child.walk()
        for child in self.children():
            yield from child.walk()

    def text(self) -> str | None:
        """The scalar value as text (None for mappings, sequences and tagged intrinsics)."""
        if self.tag or isinstance(self.value, dict | list) or self.value is None:
            return None
        return str(self.value)

    def plain(self) -> Any:
        """The subtree as plain Python values."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def _from_yaml(node: yaml.Node, line: int | None = None) -> Node:
    here = line if line is not None else node.start_mark.line + 1
    tag = node.tag if node.tag.startswith("!") else None
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else str(key.start_mark.line)
            mapping[str(name)] = _from_yaml(value, key.start_mark.line + 1)
        return Node(mapping, here, tag)
    if isinstance(node, yaml.SequenceNode):
        return Node([_from_yaml(item) for item in node.value], here, tag)
    return Node(node.value, here, tag)


def _from_json(value: Any, text: str, index: LineIndex, cursor: list[int], line: int) -> Node:
    if isinstance(value, dict):
        mapping: dict[str, Node] = {}
        for key, child in value.items():
            found = re.compile(r'"' + re.escape(json.dumps(key)[1:-1]) + r'"\s*:').search(text, cursor[0])
            key_line = line
            if found:
                cursor[0] = found.end()
                key_line = index.line(found.start())
            mapping[key] = _from_json(child, text, index, cursor, key_line)
        return Node(mapping, line)
    if isinstance(value, list):
        return Node([_from_json(item, text, index, cursor, line) for item in value], line)
    return Node(value, line)


_TAB_ONLY_LINE = re.compile(r"^[ \t]*\t[ \t]*$", re.M)


def parse(text: str, *, json_first: bool = False) -> list[Node]:
    """Every document of a YAML (or JSON) text as :class:`Node` trees. Raises ValueError if unreadable."""
    if json_first or text.lstrip().startswith(("{", "[")):
        try:
            return [_from_yaml(n) for n in yaml.compose_all(text.replace("\t", " "), Loader=CfnLoader) if n]
        except yaml.YAMLError:
            pass
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise ValueError(f"not valid JSON: {exc}") from exc
        return [_from_json(value, text, LineIndex(text), [0], 1)]
    try:
        return [_from_yaml(n) for n in yaml.compose_all(text, Loader=CfnLoader) if n is not None]
    except yaml.YAMLError as exc:
        # a tab on an otherwise blank line means nothing, but YAML refuses it: read without those
        if _TAB_ONLY_LINE.search(text):
            return parse(_TAB_ONLY_LINE.sub("", text))
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ValueError(f"not valid YAML{where}: {problem}") from exc
