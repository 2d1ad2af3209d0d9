"""Where the source scanners put what they find: hits with lines, from offsets or line numbers."""

from __future__ import annotations

from .hits import FileResult, Hit
from .text import LineIndex


class Sink:
    """Collects one file's hits, turning character offsets into line numbers."""

    def __init__(self, text: str, origin: str, result: FileResult) -> None:
        self.index = LineIndex(text)
        self.origin = origin
        self.result = result
        # spans whose findings do not count (imports nothing in the file uses: .imports)
        self.unused: list[tuple[int, int]] = []

    def add(self, service: str | None, type_: str, name: str, offset: int, region: str | None = None) -> None:
        """A hit at the line holding ``offset``; nothing when ``service`` is None (not AWS)."""
        if service and not any(start <= offset < end for start, end in self.unused):
            self.result.hits.append(
                Hit(self.origin, service, type_, name, self.index.line(offset), region=region)
            )

    def at_line(self, service: str | None, type_: str, name: str, line: int) -> None:
        """A hit at a known line; nothing when ``service`` is None."""
        if service:
            self.result.hits.append(Hit(self.origin, service, type_, name, line))
