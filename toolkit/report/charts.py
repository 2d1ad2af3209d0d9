"""Inline SVG charts for the HTML report: lock-in by service, timeline against the notice, data gravity."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..model import Assessment, LockIn
from .view import LEVEL_COLOURS, by_service, hours, human_bytes

WIDTH = 760
LABEL = 170
ROW = 24


def _svg(chart_id: str, title: str, height: int, body: list[str]) -> Markup:
    return Markup(
        f'<svg id="{chart_id}" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" aria-labelledby="{chart_id}-title">'
        f'<title id="{chart_id}-title">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _text(x: float, y: float, text: str, anchor: str = "start", cls: str = "label") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}">{escape(text)}</text>'


def _legend(y: float) -> list[str]:
    parts = []
    for i, level in enumerate(LockIn):
        x = LABEL + i * 130
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{LEVEL_COLOURS[level]}"/>')
        parts.append(_text(x + 18, y, level.value))
    return parts


def lockin_by_service(a: Assessment, limit: int = 20) -> Markup:
    """Stacked bars: resources per service, coloured by lock-in level."""
    rows = by_service(a)[:limit]
    longest = max((r.total for r in rows), default=1) or 1
    scale = (WIDTH - LABEL - 60) / longest
    body = _legend(16)
    for i, row in enumerate(rows):
        y = 34 + i * ROW
        body.append(_text(LABEL - 8, y + 15, row.service, "end"))
        x = float(LABEL)
        for level in LockIn:
            count = row.counts[level.value]
            if count:
                w = count * scale
                body.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" '
                    f'fill="{LEVEL_COLOURS[level]}"><title>{escape(f"{row.service}: {count} {level.value}")}'
                    "</title></rect>"
                )
                x += w
        body.append(_text(x + 6, y + 15, str(row.total)))
    if not rows:
        body.append(_text(LABEL, 50, "no resources"))
    return _svg("chart-lockin", "Lock-in by service", 44 + max(1, len(rows)) * ROW, body)


def timeline(a: Assessment) -> Markup:
    """Gantt of the phases, with the notice window drawn as a line."""
    est = a.estimate
    span = max(est.hours, est.inputs.notice_hours) * 1.05 or 1
    scale = (WIDTH - LABEL - 80) / span
    height = 50 + len(est.phases) * ROW
    body = []
    for i, phase in enumerate(est.phases):
        y = 10 + i * ROW
        end = phase.start_hours + phase.hours
        colour = "#c62828" if end > est.inputs.notice_hours else "#2e7d32"
        critical = phase.name in est.critical_path
        body.append(_text(LABEL - 8, y + 15, phase.name + (" ★" if critical else ""), "end"))
        body.append(
            f'<rect class="bar" x="{LABEL + phase.start_hours * scale:.1f}" y="{y + 3}" '
            f'width="{max(2.0, phase.hours * scale):.1f}" height="{ROW - 6}" fill="{colour}" '
            f'opacity="{1 if critical else 0.55}"><title>{escape(f"{phase.name}: {hours(phase.hours)}")}'
            "</title></rect>"
        )
        body.append(_text(LABEL + end * scale + 4, y + 15, f"{phase.hours:.1f} h"))
    notice_x = LABEL + est.inputs.notice_hours * scale
    bottom = 10 + len(est.phases) * ROW
    body.append(
        f'<line id="notice-line" x1="{notice_x:.1f}" y1="4" x2="{notice_x:.1f}" y2="{bottom}" '
        'stroke="#111" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    body.append(
        _text(notice_x, bottom + 16, f"notice {est.inputs.notice_hours:g} h", "middle", "label strong")
    )
    body.append(_text(LABEL, bottom + 34, f"total {hours(est.hours)}", "start", "label strong"))
    return _svg("chart-timeline", "Evacuation timeline against the notice", height, body)


def gravity(a: Assessment, limit: int = 15) -> Markup:
    """Bars: bytes per store, largest first."""
    stores = a.data.stores[:limit]
    largest = max((s.bytes for s in stores), default=1) or 1
    scale = (WIDTH - LABEL - 90) / largest
    body = []
    for i, store in enumerate(stores):
        y = 10 + i * ROW
        w = max(1.0, store.bytes * scale)
        body.append(_text(LABEL - 8, y + 15, f"{store.name[:24]} ({store.service})", "end"))
        body.append(
            f'<rect class="bar" x="{LABEL}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" '
            f'fill="#5c6bc0"><title>{escape(f"{store.uid}: {store.bytes} bytes")}</title></rect>'
        )
        body.append(_text(LABEL + w + 6, y + 15, human_bytes(store.bytes)))
    if not stores:
        body.append(_text(LABEL, 25, "no data stores with measured bytes"))
    rest = len(a.data.stores) - len(stores)
    if rest > 0:
        body.append(_text(LABEL, 10 + len(stores) * ROW + 15, f"… and {rest} smaller stores"))
    return _svg("chart-gravity", "Data gravity by store", 30 + max(1, len(stores) + (rest > 0)) * ROW, body)
