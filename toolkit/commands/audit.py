"""``evac audit`` (scan or read an inventory, judge it, report, gate) and ``evac report`` (re-render)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..model import Inventory

from .common import (
    AssumeRole,
    EndpointUrl,
    OutDir,
    Profile,
    Quiet,
    Regions,
    Route53Zone,
    ZoneFile,
    aws_accesses,
    live_zones,
    split_regions,
)

DEFAULT_FORMATS = "terminal,json,md,html,sarif,junit"
Formats = Annotated[
    str, typer.Option("--format", "-f", help="Comma-separated: terminal,json,md,html,sarif,junit (or all).")
]


def _inventory(
    paths: list[Path],
    use_aws: bool,
    inventory_file: Path | None,
    *,
    regions: str,
    profiles: list[str] | None,
    roles: list[str] | None,
    endpoint_url: str | None,
    deep: bool,
    quiet: bool,
    console: Console,
    catalog: Catalog,
    zone_files: list[Path],
) -> Inventory:
    from .. import documents
    from ..model import Inventory

    parts: list[Inventory] = []
    if inventory_file is not None:
        parts.append(documents.read(inventory_file, Inventory))
    if use_aws:
        from ..scanners.aws import scan_accounts

        accesses = aws_accesses(profiles, endpoint_url, roles)
        parts.append(
            scan_accounts(accesses, split_regions(regions), deep=deep, progress=not quiet, console=console)
        )
    if paths or zone_files:
        from ..scanners.paths import scan_paths

        parts.append(
            scan_paths(paths, catalog=catalog, zone_files=zone_files, progress=not quiet, console=console)
        )
    if not parts:
        raise typer.BadParameter(
            "nothing to audit: give PATH..., --aws, --inventory FILE, --zone-file or --route53-zone"
        )
    merged = parts[0]
    for part in parts[1:]:
        merged = merged.merge(part)
    return merged


def register(app: typer.Typer) -> None:
    """Add ``audit`` and ``report`` to the app."""

    @app.command("audit")
    def audit(
        paths: Annotated[
            list[Path] | None, typer.Argument(help="Source trees to scan (IaC and code).")
        ] = None,
        out: OutDir = Path("evac-out"),
        use_aws: Annotated[bool, typer.Option("--aws", help="Scan the live AWS account(s).")] = False,
        regions: Regions = "all",
        profile: Profile = None,
        assume_role: AssumeRole = None,
        endpoint_url: EndpointUrl = None,
        inventory: Annotated[
            Path | None,
            typer.Option("--inventory", "-i", help="Audit a saved inventory.json instead of scanning."),
        ] = None,
        deep: Annotated[bool, typer.Option("--deep", help="List objects for exact sizes (slower).")] = False,
        zone_file: ZoneFile = None,
        route53_zone: Route53Zone = None,
        formats: Formats = DEFAULT_FORMATS,
        notice: Annotated[str, typer.Option("--notice", help="Notice window: 36h, 2d, 90m.")] = "36h",
        bandwidth: Annotated[
            str, typer.Option("--bandwidth", help="Link out of AWS: 1Gbps, 500Mbps.")
        ] = "1Gbps",
        team_size: Annotated[
            int, typer.Option("--team-size", min=1, help="Engineers rebuilding services.")
        ] = 4,
        target: Annotated[
            str, typer.Option("--target", help="Target profile from providers/targets/.")
        ] = "bare-metal",
        fail_under: Annotated[
            float | None, typer.Option("--fail-under", min=0, max=100, help="Fail (exit 1) under this score.")
        ] = None,
        fail_on: Annotated[
            str | None,
            typer.Option("--fail-on", help="Fail on unwaived findings at this level: trapped|proprietary."),
        ] = None,
        baseline: Annotated[
            Path | None, typer.Option("--baseline", help="Known findings: fail only on new lock-in.")
        ] = None,
        write_baseline: Annotated[
            Path | None, typer.Option("--write-baseline", help="Write this run's findings as a baseline.")
        ] = None,
        waivers: Annotated[
            Path | None,
            typer.Option("--waivers", help="YAML waivers: service|finding|resource, reason, expires."),
        ] = None,
        quiet: Quiet = False,
    ) -> None:
        """Audit lock-in: findings, score, data gravity, time to evacuate, egress bill, blockers; gate CI."""
        from .. import documents
        from ..audit import (
            assess,
            evaluate_gates,
            load_baseline,
            load_waivers,
            parse_bandwidth,
            parse_duration_hours,
        )
        from ..audit import write_baseline as save_baseline
        from ..catalog import Catalog
        from ..errors import EXIT_GATE, EXIT_PARTIAL
        from ..model import EstimateInputs, LockIn
        from ..report import parse_formats, write_reports

        console = Console(stderr=True, quiet=False)
        chosen = parse_formats(formats)
        if fail_on is not None and fail_on not in {"trapped", "proprietary"}:
            raise typer.BadParameter("--fail-on must be trapped or proprietary")
        inputs = EstimateInputs(
            notice_hours=parse_duration_hours(notice),
            bandwidth_bps=parse_bandwidth(bandwidth),
            team_size=team_size,
            target=target,
        )
        catalog = Catalog.load()
        loaded_waivers = load_waivers(waivers) if waivers else None
        loaded_baseline = load_baseline(baseline) if baseline else None
        scanned = _inventory(
            list(paths or []),
            use_aws,
            inventory,
            regions=regions,
            profiles=profile,
            roles=assume_role,
            endpoint_url=endpoint_url,
            deep=deep,
            quiet=quiet,
            console=console,
            catalog=catalog,
            zone_files=[
                *(zone_file or []),
                *live_zones(route53_zone, profile[0] if profile else None, endpoint_url, out),
            ],
        )
        documents.write(out / "inventory.json", scanned)
        assessment = assess(scanned, catalog, inputs, waivers=loaded_waivers)
        written = write_reports(assessment, out, [f for f in chosen if f not in {"terminal", "json"}])
        written.insert(0, documents.write(out / "assessment.json", assessment))
        if write_baseline is not None:
            written.append(save_baseline(assessment, write_baseline))
        if "terminal" in chosen and not quiet:
            from ..report.terminal import render

            render(assessment, typer.get_text_stream("stdout"))
        gate = evaluate_gates(
            assessment,
            fail_under=fail_under,
            fail_on=LockIn(fail_on) if fail_on else None,
            baseline=loaded_baseline,
        )
        console.print(
            f"score {assessment.score.value:g} · {assessment.estimate.hours:.1f} h vs {notice} notice · "
            f"wrote {', '.join(str(p) for p in written)}",
            highlight=False,
        )
        for warning in assessment.expired_waivers:
            console.print(f"[yellow]waiver expired, no longer applied:[/] {warning}", highlight=False)
        if gate.failed:
            for reason in gate.reasons:
                console.print(f"[bold red]gate failed:[/] {reason}", highlight=False)
            raise typer.Exit(EXIT_GATE)
        if scanned.partial:
            console.print(f"[yellow]partial scan: {len(scanned.errors)} error(s); see the report[/]")
            raise typer.Exit(EXIT_PARTIAL)

    @app.command("report")
    def report(
        assessment_file: Annotated[Path, typer.Option("--assessment", "-a", help="A saved assessment.json.")],
        out: OutDir = Path("evac-out"),
        formats: Formats = "terminal,md,html",
    ) -> None:
        """Re-render reports from a saved assessment, without scanning or judging again."""
        from .. import documents
        from ..model import Assessment
        from ..report import parse_formats, write_reports

        chosen = parse_formats(formats)
        assessment = documents.read(assessment_file, Assessment)
        written = write_reports(assessment, out, [f for f in chosen if f != "terminal"])
        if "terminal" in chosen:
            from ..report.terminal import render

            render(assessment, typer.get_text_stream("stdout"))
        Console(stderr=True).print(
            f"wrote {', '.join(str(p) for p in written) or 'nothing'}", highlight=False
        )
