"""The terminal summary of an AWS scan: what was found where, how much data, what it cost, what failed."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.table import Table

from ...model import Inventory
from ...units import human_bytes


def render(inventory: Inventory, console: Console) -> None:
    """Print resources per service and region, data, API calls, and every error."""
    per: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    data: dict[str, int] = defaultdict(int)
    regions: set[str] = set()
    for resource in inventory.resources:
        region = resource.region or "?"
        regions.add(region)
        per[resource.service][region] += 1
        data[resource.service] += resource.data.bytes if resource.data else 0
    ordered = sorted(regions, key=lambda r: (r == "global", r))
    table = Table(title="Resources found", show_footer=True)
    table.add_column("service", footer="total")
    for region in ordered:
        table.add_column(region, justify="right", footer=str(sum(per[s].get(region, 0) for s in per)))
    table.add_column("data", justify="right", footer=human_bytes(sum(data.values())))
    for service in sorted(per):
        table.add_row(
            service,
            *(str(per[service].get(r, "")) for r in ordered),
            human_bytes(data[service]) if data[service] else "",
        )
    console.print(table)
    calls = sum(run.api_calls for run in inventory.runs)
    count = len(inventory.resources)
    seconds = sum(
        ((r.finished_at - r.started_at).total_seconds() for r in inventory.runs if r.finished_at), 0.0
    )
    console.print(
        f"[bold]{count}[/] resources in [bold]{len(per)}[/] services · "
        f"data {human_bytes(sum(data.values()))} · "
        f"{calls} API calls ({calls / max(count, 1):.2f}/resource) · {seconds:.1f}s"
    )
    for run in inventory.runs:
        console.print(f"[dim]{run.target}[/]")
    if inventory.errors:
        errors = Table(title=f"[yellow]Partial scan: {len(inventory.errors)} part(s) could not be read[/]")
        for column in ("service", "region", "code", "message"):
            errors.add_column(column, overflow="fold")
        for error in inventory.errors:
            errors.add_row(error.service or "", error.region or "", error.code, error.message)
        console.print(errors)
