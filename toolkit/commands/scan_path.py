"""``evac scan path DIR...``: find every AWS and platform dependency written down in source trees."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..catalog import Catalog
from ..documents import write
from ..errors import EXIT_PARTIAL
from ..model import Inventory, Location
from .common import EndpointUrl, OutDir, Quiet, Route53Zone, ZoneFile, live_zones

AwsProfile = Annotated[
    str | None,
    typer.Option("--profile", help="AWS profile for --route53-zone (default: the standard chain)."),
]


def register(app: typer.Typer) -> None:
    """Add ``path`` to the ``scan`` group."""

    @app.command("path")
    def scan_path(
        out: OutDir,
        paths: Annotated[list[Path] | None, typer.Argument(help="Directories or files to scan.")] = None,
        exclude: Annotated[
            list[str] | None, typer.Option("--exclude", help="Glob of paths to skip (repeatable).")
        ] = None,
        no_default_excludes: Annotated[
            bool,
            typer.Option("--no-default-excludes", help="Also read .git, node_modules, .terraform, vendor, …"),
        ] = False,
        waivers: Annotated[
            Path | None,
            typer.Option("--waivers", help="YAML file of waivers: service, path glob, line, reason."),
        ] = None,
        zone_file: ZoneFile = None,
        route53_zone: Route53Zone = None,
        profile: AwsProfile = None,
        endpoint_url: EndpointUrl = None,
        quiet: Quiet = False,
    ) -> None:
        """Read Terraform, CloudFormation/SAM, Serverless, Kubernetes/Helm and code into inventory.json."""
        console = Console(stderr=True, quiet=False)
        from ..scanners.paths import scan_paths

        zone_file = [*(zone_file or []), *live_zones(route53_zone, profile, endpoint_url, out)]
        if not paths and not zone_file:
            raise typer.BadParameter("nothing to scan: give PATH..., --zone-file or --route53-zone")
        inventory = scan_paths(
            paths or [],
            catalog=Catalog.load(),
            exclude=exclude,
            include_default_excludes=not no_default_excludes,
            waivers_file=waivers,
            zone_files=zone_file,
            progress=not quiet,
            console=console,
        )
        target = write(out / "inventory.json", inventory)
        render(Console(), inventory, target, quiet=quiet)
        if inventory.partial:
            raise typer.Exit(EXIT_PARTIAL)


def render(out: Console, inventory: Inventory, target: Path, *, quiet: bool = False) -> None:
    """Services found (with counts and a first location), files scanned and parse errors."""
    services = Counter((r.provider, r.service) for r in inventory.resources)
    first: dict[tuple[str, str], Location | None] = {}
    for resource in inventory.resources:
        first.setdefault((resource.provider, resource.service), resource.location)
    if not quiet and services:
        table = Table(title="Dependencies found", title_justify="left")
        table.add_column("provider")
        table.add_column("service", style="bold")
        table.add_column("places", justify="right")
        table.add_column("first seen at", style="cyan")
        for (provider, service), count in sorted(services.items()):
            table.add_row(provider, service, str(count), str(first[(provider, service)] or ""))
        out.print(table)
    runs = {run.scanner: run for run in inventory.runs}
    files = runs["paths"].files_scanned if "paths" in runs else 0
    scanned = ", ".join(
        f"{name} {run.files_scanned}" for name, run in runs.items() if name != "paths" and run.files_scanned
    )
    out.print(
        f"[bold]{len(services)}[/] services in [bold]{len(inventory.resources)}[/] places; "
        f"{files} files read ({scanned or 'none matched a scanner'})"
    )
    waived = sum(1 for run in inventory.runs for note in run.skipped if note.startswith("waived "))
    if waived:
        out.print(f"[dim]{waived} waived[/]")
    for error in inventory.errors[:20]:
        out.print(f"[yellow]could not parse[/] {error.target}: {error.message}", highlight=False)
    if len(inventory.errors) > 20:
        out.print(f"[yellow]… and {len(inventory.errors) - 20} more errors in {target}[/]")
    out.print(f"wrote [cyan]{target}[/]")
