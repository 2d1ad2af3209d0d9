"""Dependencies between steps, their order, and the critical path.

Dependencies follow the phase order that survives reality: prepare → provision → bulk copy →
delta sync → deploy → verify → DNS cutover → decommission. A data step waits for the provision
step of the component it writes to; the cutover waits for every data, verify and prepare step.
Bulk copies run one after another: they share one egress link, so running them side by side would
promise a faster copy than the link can carry.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

from pydantic import BaseModel

from ..model import Step
from .rules import PHASE_ORDER


class Slot(BaseModel):
    """When a step can start and end, in hours from the start, with unlimited hands."""

    id: str
    start: float
    end: float
    critical: bool = False


def _ids(steps: Iterable[Step], *phases: str, prefix: str = "") -> list[str]:
    return [s.id for s in steps if s.phase in phases and s.id.startswith(prefix)]


def link(steps: list[Step]) -> list[Step]:
    """The steps with their ``depends_on`` filled in from the phase order and the components."""
    by_id = {s.id: s for s in steps}
    provision_of = {(s.component, s.target): s.id for s in steps if s.phase == "provision"}
    base_of = {s.target: s.id for s in steps if s.id.startswith("provision-base")}
    data_ids = _ids(steps, "data")
    bulk_ids = sorted(_ids(steps, "data", prefix="data-bulk-"))
    previous_bulk = dict(zip(bulk_ids[1:], bulk_ids[:-1], strict=True))
    prepare_ids = _ids(steps, "prepare")
    verify_ids = _ids(steps, "verify")
    cutover_ids = _ids(steps, "cutover")
    linked: list[Step] = []
    for step in steps:
        own_provision = provision_of.get((step.component, step.target))
        deps: list[str] = []
        if step.phase == "provision" and not step.id.startswith("provision-base"):
            deps = [base_of[step.target]] if step.target in base_of else []
        elif step.id.startswith("data-bulk-"):
            prepare = f"prepare-{step.service}"
            deps = [d for d in (own_provision, prepare, previous_bulk.get(step.id)) if d and d in by_id]
        elif step.id.startswith("data-delta-"):
            deps = [step.id.replace("data-delta-", "data-bulk-", 1)]
        elif step.phase == "deploy":
            deps = [d for d in (own_provision,) if d] + data_ids
        elif step.phase == "verify":
            deploy = step.id.replace("verify-", "deploy-", 1)
            own_data = [
                d for d in data_ids if by_id[d].component == step.component and by_id[d].target == step.target
            ]
            deps = [d for d in (own_provision,) if d] + ([deploy] if deploy in by_id else []) + own_data
        elif step.phase == "cutover":
            deps = prepare_ids + data_ids + verify_ids
        elif step.phase == "decommission":
            deps = cutover_ids
        linked.append(step.model_copy(update={"depends_on": sorted(set(deps))}))
    return linked


def order(steps: list[Step]) -> list[Step]:
    """Topological order: phase order first, then id; a dependency always comes before its step."""
    rank = {phase: i for i, phase in enumerate(PHASE_ORDER)}
    by_id = {s.id: s for s in steps}
    waiting = {s.id: set(s.depends_on) for s in steps}
    unknown = {d for deps in waiting.values() for d in deps} - set(by_id)
    if unknown:
        raise ValueError(f"steps depend on unknown steps: {sorted(unknown)}")
    dependants: dict[str, list[str]] = {s.id: [] for s in steps}
    for step in steps:
        for dep in step.depends_on:
            dependants[dep].append(step.id)
    ready = [(rank[s.phase], s.id) for s in steps if not waiting[s.id]]
    heapq.heapify(ready)
    result: list[Step] = []
    while ready:
        _, step_id = heapq.heappop(ready)
        result.append(by_id[step_id])
        for child in dependants[step_id]:
            waiting[child].discard(step_id)
            if not waiting[child]:
                heapq.heappush(ready, (rank[by_id[child].phase], child))
    if len(result) != len(steps):
        raise ValueError(f"dependency cycle among {sorted(set(by_id) - {s.id for s in result})}")
    return result


def schedule(steps: list[Step]) -> list[Slot]:
    """Earliest start and end of each ordered step, with the critical path marked."""
    end: dict[str, float] = {}
    start: dict[str, float] = {}
    via: dict[str, str | None] = {}
    for step in steps:
        previous = max(step.depends_on, key=lambda d: (end[d], d), default=None)
        start[step.id] = end[previous] if previous else 0.0
        end[step.id] = round(start[step.id] + step.hours, 2)
        via[step.id] = previous
    path = critical_path(steps, end, via)
    return [Slot(id=s.id, start=start[s.id], end=end[s.id], critical=s.id in path) for s in steps]


def critical_path(steps: list[Step], end: dict[str, float], via: dict[str, str | None]) -> list[str]:
    """The chain of steps that ends last (ties broken by id, so the result is stable)."""
    if not steps:
        return []
    last: str | None = max(steps, key=lambda s: (end[s.id], s.id)).id
    path: list[str] = []
    while last is not None:
        path.append(last)
        last = via[last]
    return path[::-1]
