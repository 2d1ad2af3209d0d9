"""Text helpers: decoding any encoding, offset→line lookup, evidence lines with secrets redacted."""

from __future__ import annotations

import re
from bisect import bisect_right

EVIDENCE_CHARS = 200

_SECRET_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*"), "-----BEGIN PRIVATE KEY-----***"),
    (re.compile(r"\b(AKIA|ASIA|AIDA|AROA)[0-9A-Z]{16}\b"), r"\1****************"),
    (re.compile(r"\b(sk|rk|pk)_(live|test)_[0-9A-Za-z]{8,}"), r"\1_\2_***"),
    (re.compile(r"\bxox[abprs]-[0-9A-Za-z-]{10,}"), "xox*-***"),
    (re.compile(r"\bgh[pousr]_[0-9A-Za-z]{20,}"), "gh*_***"),
    (re.compile(r"\bSG\.[\w-]{16,}\.[\w-]{16,}"), "SG.***"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{12,}"), r"\1 ***"),
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), r"\1***@"),
    (
        re.compile(
            r"""(?ix)
            ((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key
               |client[_-]?secret|auth[_-]?token|credentials?|secret[_-]?access[_-]?key)[\w-]*
             ["']?\s*[:=]\s*)
            (?!\$\{|\{\{|!Ref|!Sub|var\.|local\.|os\.|process\.env)
            ("[^"]*"|'[^']*'|[^\s,;)}\]]+)"""
        ),
        r"\1***",
    ),
]


def decode(data: bytes) -> tuple[str, str]:
    """Text of ``data`` and the encoding used: UTF-8 (with or without BOM), UTF-16 by BOM, else latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB hold a NUL byte (and no UTF-16 BOM explains it)."""
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def redact(line: str) -> str:
    """``line`` with keys, tokens and password values replaced by ``***``."""
    for pattern, replacement in _SECRET_PATTERNS:
        line = pattern.sub(replacement, line)
    return line


def evidence(line: str) -> str:
    """The evidence form of a source line: stripped, secrets redacted, at most ~200 characters."""
    text = redact(line.strip())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


class LineIndex:
    """Maps character offsets of a text to 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect_right(self.starts, offset)


def locate(text: str, needles: list[re.Pattern[str]], start: int = 0) -> tuple[int, int]:
    """Offset after the first needle matched in order from ``start``, and the offset of the last one.

    Used to give lines to JSON values: the document is walked in order, each key searched for
    from where the previous one was found.
    """
    position = start
    found = start
    for needle in needles:
        match = needle.search(text, position)
        if match is None:
            return start, found
        found = match.start()
        position = match.end()
    return position, found


_C_TOKENS = re.compile(
    r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|(?P<comment>//[^\n]*|/\*.*?\*/)""", re.S
)
_HASH_TOKENS = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|(?P<comment>\#[^\n]*)""")
_HASH_LINE = re.compile(r"^[ \t]*#[^\n]*", re.M)


def blank_comments(text: str, style: str) -> str:
    """``text`` with comments replaced by spaces (newlines kept): ``c`` (// /* */) or ``hash`` (#) style."""
    pattern = _C_TOKENS if style == "c" else _HASH_TOKENS

    def _blank(match: re.Match[str]) -> str:
        if match.group("comment") is None:
            return match.group(0)
        return re.sub(r"[^\n]", " ", match.group(0))

    return pattern.sub(_blank, text)


def blank_hash_lines(text: str) -> str:
    """``text`` with whole-line ``#`` comments blanked (YAML, .env, properties, Dockerfiles)."""
    return _HASH_LINE.sub(lambda m: " " * len(m.group(0)), text)
