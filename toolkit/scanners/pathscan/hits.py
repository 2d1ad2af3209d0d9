"""What a path scanner returns for one file: hits (one per dependency seen), errors and notes.

Plain slotted dataclasses: they cross process boundaries by the thousand, so they stay light.
"""

from __future__ import annotations

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
