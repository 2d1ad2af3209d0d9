"""Markdown: the whole assessment for engineers, readable in a pull request or a wiki."""

from __future__ import annotations

from typing import TextIO

from ..model import Assessment, LockIn
from .templating import environment
from .view import by_service, inputs_line, verdict


def render(assessment: Assessment, stream: TextIO) -> None:
    """Render templates/report.md.j2."""
    template = environment().get_template("report.md.j2")
    stream.write(
        template.render(
            a=assessment,
            levels=list(reversed(LockIn)),
            services=by_service(assessment),
            verdict=verdict(assessment),
            inputs=inputs_line(assessment),
        )
    )
