"""HTML: one self-contained page (inline CSS, inline SVG charts, no external assets)."""

from __future__ import annotations

from typing import TextIO

from ..model import Assessment, LockIn
from . import charts
from .templating import environment
from .view import LEVEL_COLOURS, by_service, inputs_line, verdict


def render(assessment: Assessment, stream: TextIO) -> None:
    """Render templates/report.html.j2 with the three charts inlined."""
    template = environment().get_template("report.html.j2")
    stream.write(
        template.render(
            a=assessment,
            levels=list(reversed(LockIn)),
            colours={level.value: colour for level, colour in LEVEL_COLOURS.items()},
            services=by_service(assessment),
            verdict=verdict(assessment),
            inputs=inputs_line(assessment),
            chart_lockin=charts.lockin_by_service(assessment),
            chart_timeline=charts.timeline(assessment),
            chart_gravity=charts.gravity(assessment),
        )
    )
