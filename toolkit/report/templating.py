"""The jinja2 environment for the Markdown and HTML templates (built per call, not at import)."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from .view import hours, human_bps, human_bytes


def _md_cell(value: object) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def environment() -> Environment:
    """Templates under toolkit/report/templates; HTML autoescaped."""
    env = Environment(
        loader=PackageLoader("toolkit.report", "templates"),
        autoescape=select_autoescape(["html", "j2.html"], default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(hours=hours, bytes=human_bytes, bps=human_bps, cell=_md_cell)
    return env
