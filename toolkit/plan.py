"""Assessment x target → an ordered, drill-ready migration plan (``plan.json``, ``evac.plan/1``).

Every resource of the assessment is listed in the steps that act on it, and only those
(the rule is in :mod:`toolkit.planning.rules`): its prepare step when it holds trapped parts or
data, the provision step of its replacement component, the bulk and delta data steps when it is a
data store, the deploy step when it is not, the verify step of its component, the DNS cutover when
it is a traffic entry point (DNS, web), and the decommission step of its service. Steps are listed
in dependency order (``depends_on`` always names earlier steps); commands come from
``providers/components.yaml`` and refer to ``terraform/targets/<target>/`` and the roles of
``playbooks/site.yml``. The plan is a pure function of its inputs: the same assessment gives the
same bytes (``generated_at`` is the assessment's).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

from pydantic import BaseModel

from . import __version__
from .catalog import Catalog
from .documents import dump
from .model import Assessment, Blocker, Plan
from .paths import providers_dir
from .planning.builder import StepBuilder
from .planning.components import ComponentTable, Renderer, load_components
from .planning.placement import Placement, place, resolve_target
from .planning.rules import PHASE_ORDER
from .planning.schedule import Slot, link, order, schedule


def assessment_digest(assessment: Assessment) -> str:
    """sha256 of the assessment's canonical JSON."""
    return "sha256:" + hashlib.sha256(dump(assessment).encode("utf-8")).hexdigest()


def make_plan(
    assessment: Assessment,
    catalog: Catalog,
    target: str,
    target_map: dict[str, str] | None = None,
    *,
    components: ComponentTable | None = None,
) -> Plan:
    """The migration plan of ``assessment`` to ``target`` (services in ``target_map`` go elsewhere)."""
    target_map = dict(sorted((target_map or {}).items()))
    main = resolve_target(catalog, target)
    source = providers_dir() / "components.yaml"
    table = components or load_components(source)
    placements = place(assessment, catalog, target, target_map, table.stateful())
    builder = StepBuilder(assessment, catalog, table, Renderer(source), placements, main)
    drafts = builder.drafts()
    steps = order(link([builder.build(d) for _, d in sorted(drafts.items())]))
    slots = schedule(steps)
    return Plan(
        generated_at=assessment.generated_at,
        tool_version=__version__,
        target=main.id,
        target_map=target_map,
        assessment_digest=assessment_digest(assessment),
        notice_hours=assessment.estimate.inputs.notice_hours,
        steps=steps,
        critical_path=[s.id for s in slots if s.critical],
        hours=max((s.end for s in slots), default=0.0),
        lost=lost(assessment, catalog, placements),
    )


def lost(assessment: Assessment, catalog: Catalog, placements: list[Placement]) -> list[Blocker]:
    """What will be lost or must be reset: the assessment's blockers, plus catalog traps it did not list."""
    found = list(assessment.blockers)
    covered = {b.service for b in found}
    uids_of: dict[str, list[str]] = {}
    for placement in placements:
        uids_of.setdefault(placement.service, []).append(placement.uid)
    for service in sorted(set(uids_of) - covered):
        entry = catalog.service(service) or catalog.platforms.get(service)
        if entry is None:
            continue
        uids = sorted(uids_of[service])
        for index, trap in enumerate(entry.traps, start=1):
            found.append(
                Blocker(
                    id=f"{entry.id}-trap-{index}",
                    service=entry.id,
                    title=trap.what.strip().split(". ")[0].rstrip("."),
                    detail=(trap.subtle or trap.what).strip(),
                    action_now=trap.action.strip(),
                    resources=uids,
                    deadline="after" if trap.when == "never" else "before_notice",
                )
            )
    return found


class PlanSummary(BaseModel):
    """What the terminal shows after ``evac plan``."""

    steps_per_phase: dict[str, int]
    hours_per_phase: dict[str, float]
    hours: float
    hours_to_cutover: float
    notice_hours: float
    fits_notice: bool
    critical_path: list[str]
    self_hosted: list[str]


def summarize(plan: Plan) -> PlanSummary:
    """Counts and hours per phase, the critical path and the verdict against the notice."""
    counts: Counter[str] = Counter(s.phase for s in plan.steps)
    hours: dict[str, float] = {}
    for step in plan.steps:
        hours[step.phase] = round(hours.get(step.phase, 0.0) + step.hours, 2)
    serving = hours_to_cutover(plan)
    return PlanSummary(
        steps_per_phase={p: counts.get(p, 0) for p in PHASE_ORDER},
        hours_per_phase={p: hours.get(p, 0.0) for p in PHASE_ORDER},
        hours=plan.hours,
        hours_to_cutover=serving,
        notice_hours=plan.notice_hours,
        fits_notice=serving <= plan.notice_hours,
        critical_path=plan.critical_path,
        self_hosted=sorted(
            {
                f"{s.component}: {s.replacement}"
                for s in plan.steps
                if s.phase == "provision" and s.self_hosted and not s.id.startswith("provision-base")
            }
        ),
    )


def hours_to_cutover(plan: Plan) -> float:
    """When the target serves: the end of the last cutover step (the verdict is judged on this)."""
    ends = {slot.id: slot.end for slot in schedule(plan.steps)}
    return max((ends[s.id] for s in plan.steps if s.phase == "cutover"), default=plan.hours)


def timeline(plan: Plan) -> list[Slot]:
    """Earliest start/end of every step of a plan (for the runbook's Gantt chart)."""
    return schedule(plan.steps)


def write_plan(plan: Plan, out_dir: Path) -> Path:
    """Write ``plan.json`` into ``out_dir``."""
    from .documents import write

    return write(out_dir / "plan.json", plan)
