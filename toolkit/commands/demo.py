"""``evac demo``: the whole audit on an embedded reference estate, no AWS account needed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


def register(app: typer.Typer) -> None:
    """Add the ``demo`` verb."""

    @app.command("demo")
    def demo_command(
        out: Annotated[
            Path | None,
            typer.Option("--out", "-o", help="Run directory (default: ./evac-demo-<timestamp>)."),
        ] = None,
        notice: Annotated[str, typer.Option(help="Eviction notice window, e.g. 36h or 2d.")] = "36h",
        bandwidth: Annotated[str, typer.Option(help="Egress bandwidth available, e.g. 1Gbps.")] = "1Gbps",
        team_size: Annotated[int, typer.Option(min=1, help="Engineers working on the evacuation.")] = 4,
        target: Annotated[
            str, typer.Option(help="Where to move to (see `evac catalog --targets`).")
        ] = "bare-metal",
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary.")] = False,
    ) -> None:
        """Seed a local moto server with a mid-size social network's AWS estate, scan it, audit it.

        Runs the same scanner and audit you would point at a real account, writes inventory.json,
        assessment.json, report.md and report.html, and prints the score, the blockers and the time
        to evacuate against the notice window. Needs no AWS account and leaves nothing running.
        """
        from ..context import RunContext
        from ..demo import default_out_dir, run_demo
        from ..model import EstimateInputs
        from ..units import parse_bandwidth, parse_duration_hours
        from ..views.summary import render_summary

        ctx = RunContext(out_dir=out or default_out_dir(), quiet=quiet)
        inputs = EstimateInputs(
            notice_hours=parse_duration_hours(notice),
            bandwidth_bps=parse_bandwidth(bandwidth),
            team_size=team_size,
            target=target,
        )
        result = run_demo(ctx, inputs, ["json", "md", "html"])
        render_summary(Console(), result.assessment, result.files)
        timing = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in result.seconds.items())
        ctx.console.print(f"[dim]{timing}[/]")
