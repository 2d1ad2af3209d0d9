"""Render a plan as a runbook a tired on-call engineer can follow: ``runbook.md`` and ``runbook.html``.

The HTML is self-contained (inline CSS, the timeline as an inline SVG Gantt chart, no external
assets). Both files carry the same sections: summary and verdict against the notice window,
timeline with the critical path, the pre-eviction checklist, every step with copy-pasteable
commands, verification and rollback, the communications checklist, and the appendix of what will be
lost or must be reset.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from pydantic import BaseModel

from .documents import write_text
from .model import Assessment, Blocker, Plan, Step
from .plan import hours_to_cutover
from .planning.rules import PHASE_ORDER
from .planning.schedule import Slot, schedule
from .units import human_bytes

TEMPLATES = Path(__file__).parent / "templates" / "runbook"

PHASE_COLOURS = {
    "prepare": "#6b7280",
    "provision": "#2563eb",
    "data": "#0d9488",
    "deploy": "#7c3aed",
    "verify": "#ca8a04",
    "cutover": "#ea580c",
    "decommission": "#9ca3af",
}

MEMBERSHIP_RULE = (
    "Each resource is listed in the steps that act on it, and only those: its prepare step when it "
    "holds trapped parts or data (DNS zones: the TTL step), the provision step of its replacement "
    "component, the bulk and delta data steps when it is a data store, the deploy step when its "
    "component runs code or configuration, the verify step of its component, the DNS cutover when "
    "it is a traffic entry point (DNS, web), and the decommission step of its service. A step runs "
    "only after every step it depends on; steps with no path between them can run in parallel."
)


class Bar(BaseModel):
    """One row of the Gantt chart, in SVG coordinates."""

    id: str
    phase: str
    x: float
    y: float
    width: float
    critical: bool
    colour: str
    label_y: float
    start: float
    end: float


class Gantt(BaseModel):
    """The Gantt chart's geometry."""

    width: int
    height: int
    label_width: int
    chart_width: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]
    notice_x: float
    axis_y: float


class CheckItem(BaseModel):
    """One line of the pre-eviction checklist, optionally pointing at its step."""

    text: str
    step: str | None = None


class CommsItem(BaseModel):
    """One line of the communications checklist."""

    audience: str
    what: str
    when: str


class RunbookView(BaseModel):
    """Everything the templates render, computed once."""

    plan: Plan
    verdict: str
    fits: bool
    hours_to_cutover: float
    margin_hours: float
    slots: dict[str, Slot]
    gantt: Gantt
    phases: list[tuple[str, list[Step]]]
    checklist: list[CheckItem]
    comms: list[CommsItem]
    lost_never: list[Blocker]
    lost_unless: list[Blocker]
    resource_names: dict[str, str]
    rule: str
    data_bytes: int
    score: float | None


def _gantt(plan: Plan, slots: list[Slot]) -> Gantt:
    label_width, chart_width, row, top = 280, 820, 18, 28
    horizon = max(plan.hours, plan.notice_hours, 1.0)
    scale = chart_width / horizon
    bars = [
        Bar(
            id=slot.id,
            phase=step.phase,
            x=round(label_width + slot.start * scale, 1),
            y=top + index * row,
            width=round(max((slot.end - slot.start) * scale, 2.0), 1),
            critical=slot.critical,
            colour=PHASE_COLOURS[step.phase],
            label_y=top + index * row + 12,
            start=slot.start,
            end=slot.end,
        )
        for index, (slot, step) in enumerate(zip(slots, plan.steps, strict=True))
    ]
    step_hours = _tick_step(horizon)
    ticks = []
    hour = 0.0
    while hour <= horizon + 1e-9:
        ticks.append((round(label_width + hour * scale, 1), f"{hour:g} h"))
        hour += step_hours
    height = top + len(bars) * row + 10
    return Gantt(
        width=label_width + chart_width + 12,
        height=height,
        label_width=label_width,
        chart_width=chart_width,
        bars=bars,
        ticks=ticks,
        notice_x=round(label_width + plan.notice_hours * scale, 1),
        axis_y=top - 6,
    )


def _tick_step(horizon: float) -> float:
    for step in (1, 2, 4, 6, 12, 24, 48, 96, 168):
        if horizon / step <= 12:
            return float(step)
    return 336.0


def _comms(plan: Plan) -> list[CommsItem]:
    components = {s.component for s in plan.steps}
    items = [
        CommsItem(
            audience="Status page",
            what="Post the maintenance window and a plain-language reason; "
            "host the status page outside AWS and outside the target.",
            when="before the cutover step",
        ),
        CommsItem(
            audience="Users",
            what="Email the window and what changes for them; publish a support "
            "contact that does not depend on the old stack.",
            when="24 h before the cutover",
        ),
        CommsItem(
            audience="App stores",
            what="Mobile apps with hard-coded AWS endpoints or Cognito pool ids "
            "need a release through review (days): ship configuration that can follow DNS.",
            when="now",
        ),
        CommsItem(
            audience="Partners",
            what="Send the new egress IP addresses to partners who allowlist you "
            "(Elastic IPs never leave AWS); update webhook and callback URLs.",
            when="before the cutover step",
        ),
        CommsItem(
            audience="Team",
            what="Name the incident lead, the owner of each step, the bridge and "
            "the channel; agree the go/no-go rule for the cutover.",
            when="now",
        ),
    ]
    if "identity" in components:
        items.append(
            CommsItem(
                audience="Users",
                what="Warn that passwords (and MFA) must be reset after "
                "the move: they cannot be exported from Cognito.",
                when="with the window notice",
            )
        )
    if "mail" in components:
        items.append(
            CommsItem(
                audience="Email deliverability",
                what="Publish SPF/DKIM for the new sender and warm up its IP before sending at volume.",
                when="before the cutover step",
            )
        )
    return items


def build_view(plan: Plan, assessment: Assessment | None = None) -> RunbookView:
    """The data the templates render."""
    ordered = schedule(plan.steps)
    slots = {s.id: s for s in ordered}
    cutover_end = hours_to_cutover(plan)
    fits = cutover_end <= plan.notice_hours
    margin = round(plan.notice_hours - cutover_end, 2)
    verdict = (
        f"Fits the notice: serving from the target after {cutover_end:g} h of a {plan.notice_hours:g} h "
        f"window ({margin:g} h to spare)."
        if fits
        else f"Does NOT fit the notice: the cutover ends at {cutover_end:g} h, {-margin:g} h after a "
        f"{plan.notice_hours:g} h window closes. Do the pre-eviction checklist now and shorten "
        "the critical path."
    )
    phases = [(phase, [s for s in plan.steps if s.phase == phase]) for phase in PHASE_ORDER]
    checklist = [
        CheckItem(text=f"{s.title} ({s.hours:g} h, owner {s.owner})", step=s.id)
        for s in plan.steps
        if s.phase == "prepare"
    ]
    checklist += [CheckItem(text=f"{b.title}: {b.action_now}") for b in plan.lost if b.deadline != "after"]
    checklist += [
        CheckItem(text="Dry-run the provisioning against the target: evac provision --plan plan.json"),
        CheckItem(
            text="Copy this runbook, plan.json and the credentials it needs somewhere that survives "
            "losing AWS"
        ),
    ]
    names = {}
    if assessment is not None:
        names = {r.uid: f"{r.name} ({r.service})" for r in assessment.inventory.resources}
    return RunbookView(
        plan=plan,
        verdict=verdict,
        fits=fits,
        hours_to_cutover=cutover_end,
        margin_hours=margin,
        slots=slots,
        gantt=_gantt(plan, ordered),
        phases=[(p, steps) for p, steps in phases if steps],
        checklist=checklist,
        comms=_comms(plan),
        lost_never=[b for b in plan.lost if b.deadline == "after"],
        lost_unless=[b for b in plan.lost if b.deadline != "after"],
        resource_names=names,
        rule=MEMBERSHIP_RULE,
        data_bytes=assessment.data.bytes if assessment else 0,
        score=assessment.score.value if assessment else None,
    )


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["human_bytes"] = human_bytes
    env.filters["anchor"] = lambda text: str(text).replace(" ", "-").lower()
    return env


def render_runbook(plan: Plan, out_dir: Path, *, assessment: Assessment | None = None) -> list[Path]:
    """Write ``runbook.md`` and ``runbook.html`` into ``out_dir``; return their paths."""
    view = build_view(plan, assessment)
    env = _environment()
    context = {"v": view, "colours": PHASE_COLOURS}
    written = []
    for name in ("runbook.md", "runbook.html"):
        text = env.get_template(f"{name}.j2").render(context)
        if name.endswith(".md"):
            text = re.sub(r"\n{3,}", "\n\n", text)
        written.append(write_text(out_dir / name, text))
    return written
