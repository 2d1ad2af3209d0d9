"""Time to evacuate: phases with dependencies, the critical path, and the verdict against the notice.

Every Phase.detail states its formula with the numbers put in, so a reader can redo the arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog, ServiceEntry
from ..errors import InputError
from ..model import Estimate, EstimateInputs, Finding, Inventory, LockIn, Phase
from ..units import human_bps, human_bytes
from .checks import DEFAULT_TTL_SECONDS, RESTORE_HOURS, archived_bytes, record_ttls

PREPARE_HOURS = 2.0
"""Freeze changes, gather credentials and access, brief the team, open the runbook."""
FALLBACK_PROVISION_HOURS = 8.0
"""Used only when the catalog has no target profiles at all."""
DEFAULT_LANE_MBPS = 50.0
DEFAULT_MAX_LANES = 16
"""Transfer limits assumed for a data store whose catalog entry states none."""
VERIFY_BASE_HOURS = 1.0
VERIFY_HOURS_PER_STORE = 0.25
PRECISION = 4

DEPENDENCIES: dict[str, list[str]] = {
    "prepare": [],
    "provision": ["prepare"],
    "transfer": ["provision"],
    "rebuild": ["provision"],
    "cutover": ["transfer", "rebuild"],
    "verify": ["cutover"],
}


@dataclass(frozen=True)
class Lane:
    """The bulk-copy limit of one service: lanes * MB/s per lane."""

    service: str
    bytes: int
    lanes: int
    mbps_per_lane: float

    @property
    def bps(self) -> float:
        return self.lanes * self.mbps_per_lane * 8e6


def validate_inputs(inputs: EstimateInputs) -> None:
    """Reject inputs that make the arithmetic meaningless, naming the option."""
    problems = [
        (inputs.bandwidth_bps <= 0, "--bandwidth must be greater than zero"),
        (inputs.team_size < 1, "--team-size must be at least 1"),
        (inputs.parallel_lanes < 1, "parallel lanes must be at least 1"),
        (not 0 < inputs.efficiency <= 1, "efficiency must be in (0, 1]"),
        (not 0 < inputs.hours_per_day <= 24, "hours per day must be in (0, 24]"),
        (inputs.notice_hours <= 0, "--notice must be greater than zero"),
    ]
    for bad, message in problems:
        if bad:
            raise InputError(message)


def _lanes(inventory: Inventory, catalog: Catalog, parallel_lanes: int) -> list[Lane]:
    sizes: dict[str, int] = {}
    for r in inventory.resources:
        if r.data and r.data.bytes > 0:
            sizes[r.service] = sizes.get(r.service, 0) + r.data.bytes
    lanes = []
    for service, size in sorted(sizes.items()):
        entry = catalog.service(service)
        limit = entry.transfer if isinstance(entry, ServiceEntry) else None
        max_lanes, mbps = (
            (limit.max_lanes, limit.max_mbps_per_lane) if limit else (DEFAULT_MAX_LANES, DEFAULT_LANE_MBPS)
        )
        lanes.append(Lane(service, size, min(max_lanes, parallel_lanes), mbps))
    return lanes


def _transfer(inventory: Inventory, catalog: Catalog, inputs: EstimateInputs) -> tuple[Phase, float]:
    total = sum(r.data.bytes for r in inventory.resources if r.data)
    raw = total * 8 / inputs.bandwidth_bps / 3600
    link = inputs.bandwidth_bps * inputs.efficiency
    lanes = _lanes(inventory, catalog, inputs.parallel_lanes)
    cap = sum(lane.bps for lane in lanes)
    rate = min(link, cap) if lanes else link
    bulk = total * 8 / rate / 3600 if total else 0.0
    per_service = {lane.service: lane.bytes * 8 / min(lane.bps, link) / 3600 for lane in lanes}
    slowest = max(per_service.items(), key=lambda kv: (kv[1], kv[0]), default=("", 0.0))
    by_service = {lane.service: lane for lane in lanes}
    archived: list[tuple[float, str, str]] = []
    for r in sorted(inventory.resources, key=lambda r: r.uid):
        classes = archived_bytes(r)
        if classes:
            delay = max(RESTORE_HOURS[c] for c in classes)
            lane_bps = min(by_service[r.service].bps, link) if r.service in by_service else link
            size = r.data.bytes if r.data else 0
            archived.append((delay + size * 8 / lane_bps / 3600, r.name, f"{delay:g} h restore"))
    worst_archive = max(archived, default=(0.0, "", ""))
    hours = max(raw, bulk, slowest[1], worst_archive[0])
    lane_text = (
        ", ".join(
            f"{lane.service} {lane.lanes}*{lane.mbps_per_lane:g} MB/s = {human_bps(lane.bps)}"
            for lane in lanes
        )
        or "none"
    )
    detail = (
        f"max(bulk, slowest service, archive restore, raw floor). "
        f"bulk = {total} B * 8 / min(bandwidth {human_bps(inputs.bandwidth_bps)} * efficiency "
        f"{inputs.efficiency:g} = {human_bps(link)}, Σ lanes {human_bps(cap)}) / 3600 = {bulk:.4f} h; "
        f"lanes (min(catalog max_lanes, {inputs.parallel_lanes}) * catalog MB/s per lane): {lane_text}; "
        f"slowest service alone = {slowest[1]:.4f} h ({slowest[0] or 'none'}); "
        f"archive = restore delay + store bytes at its lane rate = {worst_archive[0]:.4f} h "
        f"({worst_archive[1] or 'no archived stores'}); "
        f"raw floor = {total} B * 8 / {inputs.bandwidth_bps:g} bps / 3600 = {raw:.4f} h "
        f"({human_bytes(total)})"
    )
    return Phase(name="transfer", hours=round(hours, PRECISION), detail=detail), raw


def _mid(hours: tuple[float, float]) -> float:
    return (hours[0] + hours[1]) / 2


def _rebuild(findings: list[Finding], catalog: Catalog, inputs: EstimateInputs) -> Phase:
    rebuilt = [f for f in findings if f.lock_in.rank >= LockIn.proprietary.rank]
    person_hours = sum(_mid(f.effort_hours) for f in rebuilt)
    # an entry whose effort counts once per service is rebuilt once, however many findings it has
    repeats = 0.0
    for entry_id in sorted({f.entry for f in rebuilt}):
        entry = catalog.service(entry_id) or catalog.platforms.get(entry_id)
        count = sum(1 for f in rebuilt if f.entry == entry_id)
        if entry is not None and entry.effort.per == "service" and count > 1:
            repeats += _mid(entry.effort.hours) * (count - 1)
    person_hours -= repeats
    hours = person_hours / inputs.team_size * (24 / inputs.hours_per_day)
    detail = (
        f"Σ effort midpoints of {len(rebuilt)} proprietary/trapped findings, per-service entries counted "
        f"once (-{repeats:g}) = {person_hours:g} person-hours / team of {inputs.team_size} * "
        f"(24 / {inputs.hours_per_day:g} working hours a day) = {hours:.4f} h; "
        "runs in parallel with the transfer"
    )
    return Phase(name="rebuild", hours=round(hours, PRECISION), detail=detail)


def _cutover(inventory: Inventory) -> Phase:
    ttls = [t for r in inventory.resources if r.service == "route53" for t in record_ttls(r)]
    ttl = max(ttls) if ttls else DEFAULT_TTL_SECONDS
    source = f"max TTL of {len(ttls)} Route53 records" if ttls else f"no record TTLs found: default {ttl} s"
    return Phase(
        name="cutover",
        hours=round(ttl / 3600, PRECISION),
        detail=f"DNS switch waits for caches: {source} = {ttl} s / 3600 = {ttl / 3600:.4f} h",
    )


def _provision(catalog: Catalog, target: str) -> Phase:
    profile = catalog.targets.get(target)
    if profile is not None:
        return Phase(
            name="provision",
            hours=profile.provision_hours,
            detail=f"target profile {target}: provision_hours = {profile.provision_hours:g} h",
        )
    if catalog.targets:
        raise InputError(f"--target: unknown target {target!r}; known: {', '.join(sorted(catalog.targets))}")
    return Phase(
        name="provision",
        hours=FALLBACK_PROVISION_HOURS,
        detail=f"no target profiles in the catalog: assumed {FALLBACK_PROVISION_HOURS:g} h for {target}",
    )


def schedule(phases: list[Phase]) -> tuple[list[Phase], list[str], float]:
    """Start times by longest path through the dependencies, the critical path and the end time."""
    ends: dict[str, float] = {}
    came_from: dict[str, str | None] = {}
    scheduled = []
    for phase in phases:  # listed in dependency order
        start = max((ends[d] for d in phase.depends_on), default=0.0)
        came_from[phase.name] = max(phase.depends_on, key=lambda d: (ends[d], d), default=None)
        ends[phase.name] = start + phase.hours
        scheduled.append(phase.model_copy(update={"start_hours": round(start, PRECISION)}))
    last: str | None = max(ends, key=lambda n: (ends[n], n)) if ends else None
    path = []
    while last is not None:
        path.append(last)
        last = came_from[last]
    return scheduled, list(reversed(path)), round(max(ends.values(), default=0.0), PRECISION)


def estimate(
    inventory: Inventory, catalog: Catalog, findings: list[Finding], inputs: EstimateInputs
) -> Estimate:
    """The evacuation estimate for this inventory, never below the raw transfer time."""
    validate_inputs(inputs)
    transfer, raw = _transfer(inventory, catalog, inputs)
    stores = sum(1 for r in inventory.resources if r.data and r.data.bytes > 0)
    verify_hours = VERIFY_BASE_HOURS + VERIFY_HOURS_PER_STORE * stores
    phases = [
        Phase(
            name="prepare",
            hours=PREPARE_HOURS,
            detail=f"fixed {PREPARE_HOURS:g} h: freeze changes, gather access, brief the team",
        ),
        _provision(catalog, inputs.target),
        transfer,
        _rebuild(findings, catalog, inputs),
        _cutover(inventory),
        Phase(
            name="verify",
            hours=verify_hours,
            detail=f"{VERIFY_BASE_HOURS:g} h smoke tests + {VERIFY_HOURS_PER_STORE:g} h * {stores} data "
            f"stores (counts and checksums) = {verify_hours:g} h",
        ),
    ]
    phases = [p.model_copy(update={"depends_on": DEPENDENCIES[p.name]}) for p in phases]
    scheduled, path, hours = schedule(phases)
    return Estimate(
        inputs=inputs,
        phases=scheduled,
        critical_path=path,
        hours=hours,
        fits_notice=hours <= inputs.notice_hours,
        transfer_hours=round(raw, PRECISION),
    )
