"""The short summary printed at the end of ``evac demo``: score, verdict, top blockers, files."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from ..model import Assessment
from ..units import human_bytes, human_hours


def render_summary(out: Console, assessment: Assessment, files: list[Path], *, top: int = 5) -> None:
    """Print the few lines a CTO reads: can we leave within the notice, and what is in the way."""
    estimate = assessment.estimate
    verdict = (
        "[bold green]fits the notice[/]" if estimate.fits_notice else "[bold red]does NOT fit the notice[/]"
    )
    out.rule("[bold]evac readiness audit")
    out.print(
        f"Readiness score [bold]{assessment.score.value:.0f}/100[/]   "
        f"resources {len(assessment.inventory.resources)}   "
        f"data to move {human_bytes(assessment.data.bytes)}   "
        f"egress bill ${assessment.egress.usd:,.2f}"
    )
    out.print(
        f"Time to evacuate [bold]{human_hours(estimate.hours)}[/] against a "
        f"{human_hours(estimate.inputs.notice_hours)} notice: {verdict} "
        f"(critical path: {' → '.join(estimate.critical_path)})"
    )
    if assessment.blockers:
        out.print("[bold]Do now, while access lasts:[/]")
        for blocker in assessment.blockers[:top]:
            out.print(f" [bold red]•[/] [bold]{blocker.title}[/]\n   {blocker.action_now}", highlight=False)
        if len(assessment.blockers) > top:
            out.print(f"[dim]… and {len(assessment.blockers) - top} more in the report[/]")
    for path in files:
        out.print(f"  wrote [cyan]{path}[/]")
