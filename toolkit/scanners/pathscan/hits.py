"""What a path scanner returns for one file: hits (one per dependency seen), errors and notes.

Plain slotted dataclasses: they cross process boundaries by the thousand, so they stay light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

ORIGINS = ("terraform", "cloudformation", "serverless", "kubernetes", "code", "dns", "platform")


@dataclass(slots=True)
class Hit:
    """One dependency seen at one line of one file."""

    origin: str
    service: str
    type: str
    name: str
    line: int
    provider: str = "aws"
    attributes: dict[str, Any] = field(default_factory=dict)
    region: str | None = None


@dataclass(slots=True)
class FileError:
    """A file (or part of one) a scanner could not read."""

    scanner: str
    code: str
    message: str


@dataclass(slots=True)
class FollowUp:
    """A file outside the walk that a scanner wants read too (nested stack, local module)."""

    path: str
    kind: str
    referrer: str


@dataclass(slots=True)
class FileResult:
    """Everything the scanners found in one file."""

    relpath: str
    scanners: list[str] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    evidence: dict[int, str] = field(default_factory=dict)
    errors: list[FileError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    waivers: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    followups: list[FollowUp] = field(default_factory=list)


def _implied_by(how: str) -> dict[str, Any]:
    return {"implied_by": how}


def add_first_uses(
    result: FileResult,
    origin: str,
    found: Iterable[tuple[int, str, str, str]],
    *,
    line: Callable[[int], int] = int,
    attributes: Callable[[str], dict[str, Any]] = _implied_by,
) -> None:
    """One hit for each service ``result`` does not show yet, at its first place in the file.

    ``found`` holds ``(position, service, how, name)``; ``line`` turns a position into a line
    number (positions are lines already unless told), ``attributes`` says how the hit was inferred.
    """
    known = {hit.service for hit in result.hits}
    for position, service, how, name in sorted(found):
        if service not in known:
            known.add(service)
            result.hits.append(Hit(origin, service, how, name, line(position), attributes=attributes(how)))
