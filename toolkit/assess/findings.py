"""Judge every resource against the catalog and the attribute checks, and group them into findings."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from ..catalog import Catalog, PlatformEntry, ServiceEntry
from ..model import Finding, Inventory, Location, LockIn, Resource
from .checks import CheckResult, EstateIndex, run_checks

UNKNOWN_REASON = "not in the catalog: judged proprietary until described"
UNKNOWN_EFFORT = (8.0, 40.0)
"""Hours assumed per resource of a service the catalog does not describe."""

Entry = ServiceEntry | PlatformEntry


def finding_id(entry: str, uids: list[str]) -> str:
    """Stable id: the entry id and the first 10 hex digits of sha256 over the sorted uids."""
    digest = hashlib.sha256("\n".join(sorted(uids)).encode()).hexdigest()[:10]
    return f"{entry}-{digest}"


@dataclass
class Judgement:
    """One resource judged: its entry, its level and the checks behind it."""

    resource: Resource
    entry: Entry | None
    lock_in: LockIn
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def entry_id(self) -> str:
        return self.entry.id if self.entry else self.resource.service

    @property
    def per_resource(self) -> bool:
        """Resources that hold data, or whose attributes were checked, get a finding of their own."""
        return self.resource.data is not None or bool(self.checks)


def judge(resource: Resource, catalog: Catalog, index: EstateIndex) -> Judgement:
    """The resource's catalog entry and lock-in level after the attribute checks."""
    entry = catalog.match(resource)
    base = entry.lock_in if entry else LockIn.proprietary
    checks = run_checks(resource, base, index)
    levels = [c.lock_in for c in checks if c.lock_in is not None]
    level = max(levels, key=lambda lv: lv.rank) if levels else base
    return Judgement(resource, entry, level, checks)


def _group_key(j: Judgement) -> tuple[str, ...]:
    if j.per_resource:
        return (j.entry_id, j.resource.uid)
    where = j.resource.location.path if j.resource.location else "live"
    return (j.entry_id, j.lock_in.value, where)


def _effort(entry: Entry | None, judgements: list[Judgement]) -> tuple[float, float]:
    if entry is None:
        low, high = UNKNOWN_EFFORT[0] * len(judgements), UNKNOWN_EFFORT[1] * len(judgements)
    elif entry.effort.per == "resource":
        low, high = entry.effort.hours[0] * len(judgements), entry.effort.hours[1] * len(judgements)
    else:
        low, high = entry.effort.hours
    for j in judgements:
        for check in j.checks:
            low, high = low + check.effort[0], high + check.effort[1]
    return (round(low, 3), round(high, 3))


def _title(entry: Entry | None, judgements: list[Judgement], key: tuple[str, ...]) -> str:
    name = entry.name if entry else judgements[0].resource.service
    if len(judgements) == 1:
        return f"{name}: {judgements[0].resource.name}"
    where = key[-1]
    suffix = f" in {where}" if where != "live" else ""
    return f"{name}: {len(judgements)} resources{suffix}"


def _finding(key: tuple[str, ...], judgements: list[Judgement]) -> Finding:
    first = judgements[0]
    entry = first.entry
    uids = sorted(j.resource.uid for j in judgements)
    level = max((j.lock_in for j in judgements), key=lambda lv: lv.rank)
    checks = sorted({f"{c.check}: {c.note}" for j in judgements for c in j.checks})
    locations = sorted(
        (j.resource.location for j in judgements if j.resource.location),
        key=lambda loc: (loc.path, loc.line),
    )
    unique_locations: list[Location] = []
    for loc in locations:
        if not unique_locations or (unique_locations[-1].path, unique_locations[-1].line) != (
            loc.path,
            loc.line,
        ):
            unique_locations.append(loc)
    if entry is None:
        reason = UNKNOWN_REASON
    else:
        changed = [c.note for j in judgements for c in j.checks if c.lock_in is not None]
        reason = entry.rationale.strip()
        if level is not entry.lock_in and changed:
            reason = f"{sorted(set(changed))[0]} (catalog default: {entry.lock_in.value})"
    return Finding(
        id=finding_id(first.entry_id, uids),
        entry=first.entry_id,
        service=first.resource.service,
        title=_title(entry, judgements, key),
        resources=uids,
        lock_in=level,
        reason=reason,
        checks=checks,
        replacements=list(entry.replacements) if entry else [],
        export=entry.export.summary.strip() if entry else "",
        effort_hours=_effort(entry, judgements),
        locations=unique_locations,
    )


def build_findings(inventory: Inventory, catalog: Catalog) -> tuple[list[Finding], list[Judgement]]:
    """Findings covering every resource (sorted by lock-in, then id), and the per-resource judgements."""
    index = EstateIndex.build(inventory)
    judgements = [judge(r, catalog, index) for r in sorted(inventory.resources, key=lambda r: r.uid)]
    groups: dict[tuple[str, ...], list[Judgement]] = defaultdict(list)
    for j in judgements:
        groups[_group_key(j)].append(j)
    findings = [_finding(key, members) for key, members in groups.items()]
    findings.sort(key=lambda f: (-f.lock_in.rank, f.entry, f.id))
    return findings, judgements
