"""Imports a file never uses (JavaScript/TypeScript, Java/Kotlin/Scala/Groovy).

What an unused import names is not a dependency: nothing would change if it were deleted, and
careful readers do not count it. These functions return the character spans to leave out: an
imported name the rest of the file never mentions, and the whole statement when none of its
names is used. Wildcard and side-effect imports (``import 'x'``, ``import a.b.*``) always count.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_JS_STATEMENT = re.compile(
    r"""^[ \t]*(?:import\s+(?:type\s+)?(?P<clause>[\w$*{}\s,]+?)\s*from\s*"""
    r"""|(?:export\s+)?(?:const|let|var)\s+(?P<binding>[\w${}\s,:]+?)\s*=\s*(?:await\s+)?require\(\s*)"""
    r"""['"][^'"\n]+['"]\s*\)?""",
    re.M,
)
_JAVA_STATEMENT = re.compile(
    r"^[ \t]*import\s+(?:static\s+)?(?P<path>[\w.]+?)(?P<wildcard>\.\*)?"
    r"(?:\s+as\s+(?P<alias>\w+))?\s*;?[ \t]*$",
    re.M,
)
_PIECE = re.compile(r"[^{},]+")


def _blank(code: str, spans: list[Span]) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts += [code[last:start], " " * (end - start)]
        last = end
    return "".join(parts) + code[last:]


def _mentions(body: str, name: str) -> bool:
    return re.search(rf"(?<![\w$]){re.escape(name)}(?![\w$])", body) is not None


def _bound(piece: str, separator: str) -> str:
    """The local name a clause piece binds: ``A as B`` → B, ``* as X`` → X, ``type A`` → A, ``A: B`` → B;
    nothing for ``A: {`` (a nested pattern binds the names inside it)."""
    words = piece.split(separator)[-1].split()
    return words[-1] if words else ""


def unused_js_imports(code: str) -> list[Span]:
    """Spans of ES ``import … from`` and ``require()`` bindings that the rest of ``code`` never uses."""
    statements = list(_JS_STATEMENT.finditer(code))
    if not statements:
        return []
    body = _blank(code, [match.span() for match in statements])
    unused: list[Span] = []
    for match in statements:
        group = "clause" if match.group("clause") is not None else "binding"
        separator = " as " if group == "clause" else ":"
        base = match.start(group)
        pieces = [
            (base + piece.start(), base + piece.end(), _bound(piece.group(), separator))
            for piece in _PIECE.finditer(match.group(group))
        ]
        pieces = [piece for piece in pieces if piece[2]]
        idle = [(start, end) for start, end, name in pieces if not _mentions(body, name)]
        if pieces and len(idle) == len(pieces):
            unused.append(match.span())
        else:
            unused += idle
    return unused


def unused_java_imports(code: str) -> list[Span]:
    """Spans of single-type imports whose class (or static member) the rest of ``code`` never names."""
    statements = list(_JAVA_STATEMENT.finditer(code))
    body = _blank(code, [match.span() for match in statements])
    return [
        match.span()
        for match in statements
        if not match.group("wildcard")
        and not _mentions(body, match.group("alias") or match.group("path").rsplit(".", 1)[-1])
    ]
