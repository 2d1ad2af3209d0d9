"""Numbers and words shared by the human-readable renderers (terminal, Markdown, HTML)."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from ..model import Assessment, LockIn
from ..units import human_bps, human_bytes

LEVEL_COLOURS = {
    LockIn.portable: "#2e7d32",
    LockIn.compatible: "#1565c0",
    LockIn.proprietary: "#ef6c00",
    LockIn.trapped: "#c62828",
}


def hours(value: float) -> str:
    """Hours for people: 45 min, 3.5 h, 2.1 d (73.1 h)."""
    if value < 1:
        return f"{value * 60:.0f} min"
    if value < 48:
        return f"{value:.1f} h"
    return f"{value / 24:.1f} d ({value:.1f} h)"


def verdict(assessment: Assessment) -> str:
    """One sentence a CTO reads first."""
    est = assessment.estimate
    notice = est.inputs.notice_hours
    if est.fits_notice:
        return f"Could be out in {hours(est.hours)}: fits the {notice:g} h notice."
    short = hours(est.hours - notice)
    return f"Needs {hours(est.hours)}: does NOT fit the {notice:g} h notice (short by {short})."


class ServiceRow(BaseModel):
    """Resources of one service per lock-in level."""

    service: str
    counts: dict[str, int]
    penalty: float

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def by_service(assessment: Assessment) -> list[ServiceRow]:
    """The score breakdown pivoted to one row per service, heaviest penalty first."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {level.value: 0 for level in LockIn})
    penalty: dict[str, float] = defaultdict(float)
    for component in assessment.score.breakdown:
        counts[component.service][component.lock_in.value] += component.resources
        penalty[component.service] += component.penalty
    rows = [ServiceRow(service=s, counts=c, penalty=round(penalty[s], 2)) for s, c in counts.items()]
    return sorted(rows, key=lambda r: (-r.penalty, r.service))


def inputs_line(assessment: Assessment) -> str:
    """The estimate's inputs, stated so a reader can redo the arithmetic."""
    i = assessment.estimate.inputs
    return (
        f"notice {i.notice_hours:g} h · bandwidth {human_bps(i.bandwidth_bps)} * "
        f"efficiency {i.efficiency:g} · "
        f"{i.parallel_lanes} parallel lanes · team of {i.team_size} working {i.hours_per_day:g} h/day · "
        f"target {i.target}"
    )


__all__ = ["LEVEL_COLOURS", "by_service", "hours", "human_bps", "human_bytes", "inputs_line", "verdict"]
