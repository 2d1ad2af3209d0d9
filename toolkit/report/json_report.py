"""JSON: the Assessment document itself (schema evac.assessment/1)."""

from __future__ import annotations

from typing import TextIO

from ..documents import dump
from ..model import Assessment


def render(assessment: Assessment, stream: TextIO) -> None:
    """Write the canonical JSON form of the assessment."""
    stream.write(dump(assessment))
