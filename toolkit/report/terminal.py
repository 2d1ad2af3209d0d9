"""Terminal: one screen for the CTO — score, lock-in by level, blockers, the estimate against the notice."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Assessment, LockIn
from .view import LEVEL_COLOURS, by_service, hours, human_bytes, inputs_line, verdict

MAX_FINDINGS = 12


def _headline(a: Assessment) -> Panel:
    colour = "green" if a.estimate.fits_notice else "red"
    score = Text.assemble(("Readiness ", "bold"), (f"{a.score.value:g}", f"bold {colour}"), " / 100")
    facts = Text(
        f"{len(a.inventory.resources)} resources · {len(a.findings)} findings · {len(a.blockers)} blockers · "
        f"data {human_bytes(a.data.bytes)} · egress ${a.egress.usd:,.2f}"
    )
    return Panel(
        Group(score, Text(verdict(a), style=f"bold {colour}"), facts), title="evac audit", expand=True
    )


def _levels(a: Assessment) -> Table:
    table = Table(title="Lock-in by level", title_justify="left", expand=True)
    table.add_column("level")
    table.add_column("resources", justify="right")
    table.add_column("", ratio=1)
    total = max(1, sum(a.score.by_level.values()))
    for level in reversed(LockIn):
        count = a.score.by_level.get(level.value, 0)
        bar = "█" * round(40 * count / total)
        table.add_row(
            Text(level.value, style=LEVEL_COLOURS[level]), str(count), Text(bar, style=LEVEL_COLOURS[level])
        )
    return table


def _services(a: Assessment) -> Table:
    table = Table(title="By service (score penalty)", title_justify="left", expand=True)
    table.add_column("service")
    for level in LockIn:
        table.add_column(level.value, justify="right")
    table.add_column("penalty", justify="right")
    for row in by_service(a)[:10]:
        table.add_row(row.service, *(str(row.counts[lv.value] or "") for lv in LockIn), f"{row.penalty:g}")
    return table


def _blockers(a: Assessment) -> Table:
    table = Table(
        title="Blockers — do now, while access lasts", title_justify="left", expand=True, show_lines=True
    )
    table.add_column("blocker", ratio=2)
    table.add_column("resources", justify="right")
    table.add_column("action now", ratio=4)
    for blocker in a.blockers:
        table.add_row(Text(blocker.title, style="bold red"), str(len(blocker.resources)), blocker.action_now)
    return table


def _estimate(a: Assessment) -> Table:
    est = a.estimate
    table = Table(
        title=f"Evacuation estimate: {hours(est.hours)} against {est.inputs.notice_hours:g} h notice",
        title_justify="left",
        caption=inputs_line(a),
        caption_justify="left",
        expand=True,
    )
    table.add_column("phase")
    table.add_column("starts", justify="right")
    table.add_column("takes", justify="right")
    table.add_column("", ratio=1)
    span = max(est.hours, est.inputs.notice_hours) or 1
    for phase in est.phases:
        critical = phase.name in est.critical_path
        bar = " " * round(30 * phase.start_hours / span) + "▇" * max(1, round(30 * phase.hours / span))
        end = phase.start_hours + phase.hours
        style = "red" if end > est.inputs.notice_hours else "green"
        table.add_row(
            Text(phase.name + (" *" if critical else ""), style="bold" if critical else ""),
            f"{phase.start_hours:.1f} h",
            hours(phase.hours),
            Text(bar, style=style),
        )
    return table


def _findings(a: Assessment) -> Table:
    shown = [f for f in a.findings if f.lock_in.rank >= LockIn.proprietary.rank and not f.waived]
    table = Table(
        title=f"Findings (proprietary and trapped: {len(shown)})", title_justify="left", expand=True
    )
    table.add_column("lock-in")
    table.add_column("finding", ratio=2)
    table.add_column("why", ratio=3)
    for finding in shown[:MAX_FINDINGS]:
        why = finding.checks[0] if finding.checks else finding.reason
        table.add_row(
            Text(finding.lock_in.value, style=LEVEL_COLOURS[finding.lock_in]),
            finding.title,
            why[:160] + ("…" if len(why) > 160 else ""),
        )
    if len(shown) > MAX_FINDINGS:
        table.add_row("", f"… {len(shown) - MAX_FINDINGS} more in report.md / report.html", "")
    return table


def render(assessment: Assessment, stream: TextIO) -> None:
    """Write the one-screen report with rich to ``stream`` (colour only when it is a terminal)."""
    console = Console(file=stream, width=None if stream.isatty() else 120, highlight=False)
    console.print(_headline(assessment))
    console.print(_levels(assessment))
    if assessment.blockers:
        console.print(_blockers(assessment))
    console.print(_estimate(assessment))
    console.print(_services(assessment))
    console.print(_findings(assessment))
    notes = [
        f"scan error: {e.scanner}/{e.service or '-'} {e.code}: {e.message}"
        for e in assessment.inventory.errors
    ]
    notes += [f"waiver expired: {w}" for w in assessment.expired_waivers]
    waived = sum(1 for f in assessment.findings if f.waived)
    if waived:
        notes.append(f"{waived} finding(s) waived (excluded from the score)")
    for note in notes[:10]:
        console.print(Text(note, style="yellow"))
