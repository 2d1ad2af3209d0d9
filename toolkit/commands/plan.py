"""``evac plan`` (assessment → plan.json) and ``evac runbook`` (plan.json → runbook.md/html)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from .common import OutDir

if TYPE_CHECKING:
    from ..plan import PlanSummary


def parse_target_map(pairs: list[str] | None) -> dict[str, str]:
    """``["rds=digitalocean", ...]`` → ``{"rds": "digitalocean"}``; a malformed pair is an InputError."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        service, sep, target = pair.partition("=")
        if not sep or not service.strip() or not target.strip():
            raise InputError(f"--target-map: {pair!r} is not SERVICE=TARGET (e.g. rds=digitalocean)")
        mapping[service.strip()] = target.strip()
    return mapping


def _print_summary(console: Console, summary: PlanSummary, path: Path) -> None:
    table = Table(title=f"Plan written to {path}", show_edge=False)
    table.add_column("phase")
    table.add_column("steps", justify="right")
    table.add_column("hours (sum)", justify="right")
    for phase, count in summary.steps_per_phase.items():
        table.add_row(phase, str(count), f"{summary.hours_per_phase[phase]:g}")
    console.print(table)
    console.print(
        f"Critical path ({summary.hours:g} h): " + " → ".join(summary.critical_path), highlight=False
    )
    for line in summary.self_hosted:
        console.print(f"  self-hosted {line}", highlight=False)
    colour, word = ("green", "fits") if summary.fits_notice else ("red", "does NOT fit")
    console.print(
        f"[bold {colour}]Serving from the target after {summary.hours_to_cutover:g} h: "
        f"{word} the {summary.notice_hours:g} h notice[/]"
    )


def register(app: typer.Typer) -> None:
    """Add the ``plan`` and ``runbook`` verbs."""

    @app.command("plan")
    def plan_command(
        assessment: Annotated[
            Path, typer.Option("--assessment", "-a", help="assessment.json written by `evac audit`.")
        ],
        target: Annotated[
            str,
            typer.Option(
                "--target", "-t", help="Where to move: bare-metal or a provider in providers/targets/."
            ),
        ],
        out: OutDir,
        target_map: Annotated[
            list[str] | None,
            typer.Option("--target-map", help="SERVICE=TARGET: send one service elsewhere (repeatable)."),
        ] = None,
    ) -> None:
        """Turn an assessment into an ordered migration plan (plan.json) for one target.

        Every resource lands in the steps that act on it: prepare, provision, data (bulk, then delta),
        deploy, verify, DNS cutover, decommission. Same input, same plan, byte for byte.
        """
        from ..catalog import Catalog
        from ..documents import read
        from ..model import Assessment
        from ..plan import make_plan, summarize, write_plan

        document = read(assessment, Assessment)
        plan = make_plan(document, Catalog.load(), target, parse_target_map(target_map))
        path = write_plan(plan, out)
        _print_summary(Console(), summarize(plan), path)

    @app.command("runbook")
    def runbook_command(
        plan: Annotated[Path, typer.Option("--plan", "-p", help="plan.json written by `evac plan`.")],
        out: OutDir,
        assessment: Annotated[
            Path | None,
            typer.Option("--assessment", "-a", help="assessment.json, to name resources and show data size."),
        ] = None,
    ) -> None:
        """Render a plan as runbook.md and a self-contained runbook.html (timeline as an inline SVG Gantt)."""
        from ..documents import read
        from ..model import Assessment, Plan
        from ..runbook import render_runbook

        document = read(plan, Plan)
        source = read(assessment, Assessment) if assessment else None
        for path in render_runbook(document, out, assessment=source):
            Console().print(f"wrote {path}", highlight=False)
