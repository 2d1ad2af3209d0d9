"""Reports: one renderer per format, registered by name; each is ``render(assessment, stream)``."""

from __future__ import annotations

from pathlib import Path

from ..documents import atomic_stream
from ..errors import InputError
from ..model import Assessment
from ..registry import Registry

RENDERERS = Registry(
    "evac.renderers",
    {
        "terminal": "toolkit.report.terminal:render",
        "json": "toolkit.report.json_report:render",
        "md": "toolkit.report.markdown:render",
        "html": "toolkit.report.html:render",
        "sarif": "toolkit.report.sarif:render",
        "junit": "toolkit.report.junit:render",
    },
)
"""Renderer name → ``render(assessment, stream)``; third parties add theirs via entry points."""

FILENAMES = {
    "terminal": "report.txt",
    "json": "assessment.json",
    "md": "report.md",
    "html": "report.html",
    "sarif": "report.sarif",
    "junit": "report.junit.xml",
}


def parse_formats(text: str) -> list[str]:
    """``"terminal,json,md"`` → the names, checked against the registry (``all`` for every one)."""
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    known = RENDERERS.names()
    if names == ["all"]:
        return known
    unknown = [n for n in names if n not in known]
    if unknown:
        raise InputError(f"--format: unknown format(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return list(dict.fromkeys(names))


def write_reports(assessment: Assessment, out_dir: Path, formats: list[str]) -> list[Path]:
    """Render each format into ``out_dir`` (report.md, report.html, assessment.json, ...); the paths."""
    written = []
    for name in formats:
        render = RENDERERS.get(name)
        path = out_dir / FILENAMES.get(name, f"report.{name}")
        with atomic_stream(path, mode=0o644) as stream:
            render(assessment, stream)
        written.append(path)
    return written
