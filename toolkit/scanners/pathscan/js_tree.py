"""Object literals of JavaScript/TypeScript source as :class:`Node` trees, parsed with tree-sitter.

A Serverless configuration written in code (``serverless.ts``) and the function definitions it
imports (``src/functions/x/index.ts``) are the same data as a ``serverless.yml``; read into the
tree the YAML scanners use, they are scanned by the same code. Values that are not literals
(identifiers, calls) keep their source text, as YAML keeps a plain scalar; spreads and computed
keys, known only when the code runs, are left out.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from .tree import Node

if TYPE_CHECKING:
    from tree_sitter import Node as SyntaxNode
    from tree_sitter import Parser

_WRAPPERS = {
    "as_expression",
    "satisfies_expression",
    "parenthesized_expression",
    "non_null_expression",
    "type_assertion",
}
_CONTAINERS = {"object", "array"}


@cache
def _parser(tsx: bool) -> Parser:
    import tree_sitter_typescript
    from tree_sitter import Language, Parser

    grammar = tree_sitter_typescript.language_tsx() if tsx else tree_sitter_typescript.language_typescript()
    return Parser(Language(grammar))


def object_literals(text: str, *, tsx: bool = False) -> list[Node]:
    """Every outermost object literal in ``text`` (one not inside another object or array), in order.

    ``tsx`` picks the grammar that also reads JSX (use it for ``.js``/``.jsx``/``.tsx``).
    """
    tree = _parser(tsx).parse(text.encode("utf-8", errors="surrogatepass"))
    found: list[Node] = []
    pending = [tree.root_node]
    while pending:
        node = pending.pop()
        if node.type == "object":
            found.append(_convert(node, node.start_point.row + 1))
            continue
        pending.extend(reversed(node.named_children))
    return found


def _convert(node: SyntaxNode, line: int) -> Node:
    while node.type in _WRAPPERS and node.named_children:
        node = node.named_children[0]
    if node.type == "object":
        mapping: dict[str, Node] = {}
        for entry in node.named_children:
            key_line = entry.start_point.row + 1
            if entry.type == "shorthand_property_identifier":
                mapping[_text(entry)] = Node(None, key_line)
            elif entry.type == "pair":
                key, value = entry.child_by_field_name("key"), entry.child_by_field_name("value")
                if key is None or value is None or key.type == "computed_property_name":
                    continue
                mapping[_scalar(key)] = _convert(value, key_line)
        return Node(mapping, line)
    if node.type == "array":
        return Node(
            [
                _convert(item, item.start_point.row + 1)
                for item in node.named_children
                if item.type not in ("comment", "spread_element")
            ],
            line,
        )
    return Node(_scalar(node), line)


def _scalar(node: SyntaxNode) -> str:
    """A string's or template's contents without quotes; any other expression as written."""
    raw = _text(node)
    if node.type in ("string", "template_string") and len(raw) >= 2:
        return raw[1:-1]
    return raw


def _text(node: SyntaxNode) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")
