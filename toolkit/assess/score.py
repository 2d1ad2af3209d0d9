"""The readiness score: 100 minus the weighted share of resources that are locked in (docs/scoring.md)."""

from __future__ import annotations

from collections import Counter

from ..model import Finding, LockIn, Resource, Score, ScoreComponent

WEIGHTS: dict[LockIn, float] = {
    LockIn.portable: 0.0,
    LockIn.compatible: 0.25,
    LockIn.proprietary: 0.6,
    LockIn.trapped: 1.0,
}
"""Penalty weight of one resource at each lock-in level."""

FORMULA = (
    "score = 100 * (1 - Σ_r w(level_r) / N), N = resources covered by unwaived findings, level_r = the "
    "highest lock-in of an unwaived finding covering r, w: portable 0, compatible 0.25, proprietary 0.6, "
    "trapped 1.0; rounded to 1 decimal"
)


def resource_levels(findings: list[Finding]) -> dict[str, LockIn]:
    """Each resource's highest lock-in among the unwaived findings that cover it."""
    levels: dict[str, LockIn] = {}
    for finding in findings:
        if finding.waived:
            continue
        for uid in finding.resources:
            current = levels.get(uid)
            if current is None or finding.lock_in.rank > current.rank:
                levels[uid] = finding.lock_in
    return levels


def compute_score(findings: list[Finding], resources: list[Resource]) -> Score:
    """The score, its count per level and its breakdown per (service, level)."""
    levels = resource_levels(findings)
    service_of = {r.uid: r.service for r in resources}
    for finding in findings:
        for uid in finding.resources:
            service_of.setdefault(uid, finding.service)
    total = len(levels)
    rows: Counter[tuple[str, LockIn]] = Counter((service_of[uid], level) for uid, level in levels.items())
    breakdown = [
        ScoreComponent(
            service=service,
            lock_in=level,
            resources=count,
            weight=WEIGHTS[level],
            penalty=round(100 * WEIGHTS[level] * count / total, 4),
        )
        for (service, level), count in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1].rank))
    ]
    penalty = sum(WEIGHTS[level] for level in levels.values())
    value = 100.0 if total == 0 else round(100 * (1 - penalty / total), 1)
    by_level = {level.value: sum(1 for lv in levels.values() if lv is level) for level in LockIn}
    return Score(value=max(0.0, min(100.0, value)), formula=FORMULA, by_level=by_level, breakdown=breakdown)
