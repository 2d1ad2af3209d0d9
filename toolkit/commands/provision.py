"""``evac provision``: build the replacement estate a plan needs (a dry run unless --apply)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..documents import read
from ..model import Plan
from .common import OutDir, Quiet

if TYPE_CHECKING:
    from ..provision.pipeline import ProvisionResult


def _print_result(console: Console, result: ProvisionResult) -> None:
    if result.terraform is not None:
        counts = result.terraform
        console.print(
            f"terraform: {counts['create']} to create, {counts['update']} to change, "
            f"{counts['delete']} to destroy",
            highlight=False,
        )
    if result.ansible is not None:
        summary = result.ansible
        verb = "would change" if summary.check else "changed"
        table = Table(title=f"ansible ({'dry run' if summary.check else 'applied'})", show_edge=False)
        for column in ("host", "ok", verb, "failed", "unreachable"):
            table.add_column(column, justify="left" if column == "host" else "right")
        for host in summary.hosts:
            table.add_row(host.host, str(host.ok), str(host.changed), str(host.failed), str(host.unreachable))
        console.print(table)
        for change in summary.changes:
            role = f"{change.role} | " if change.role else ""
            console.print(f"  [yellow]{verb}[/] {change.host}: {role}{change.task}", highlight=False)
    console.print(f"Journal ({result.outcome}): {result.journal}", highlight=False)


def register(app: typer.Typer) -> None:
    """Register ``provision`` on the main app."""

    @app.command("provision")
    def provision(
        plan: Annotated[Path, typer.Option("--plan", "-p", help="plan.json written by `evac plan`.")],
        inventory: Annotated[
            Path | None,
            typer.Option(
                "--inventory",
                "-i",
                help="Ansible inventory of existing hosts (groups: postgres, objectstore, dns, web, app). "
                "Without it the plan's target is planned with Terraform.",
            ),
        ] = None,
        apply: Annotated[
            bool,
            typer.Option(
                "--apply", help="Make the changes. Without it: a dry run showing what would change."
            ),
        ] = False,
        limit: Annotated[
            str | None,
            typer.Option("--limit", help="Only these hosts or groups (default: the groups the plan needs)."),
        ] = None,
        out: OutDir = Path("evac-out"),
        quiet: Quiet = False,
    ) -> None:
        """Provision the replacement components: Terraform for machines, Ansible for what runs on them.

        A dry run by default (terraform plan, ansible --check --diff); --apply does it. Every run
        writes OUT/journal.json as it goes (outcome dry_run, ok, failed or interrupted).
        """
        from ..provision.ansible import rich_progress
        from ..provision.pipeline import provision as run_provision

        console = Console(stderr=True)
        document = read(plan, Plan)
        result = run_provision(
            document,
            out,
            inventory=inventory,
            apply=apply,
            limit=limit,
            progress=None if quiet else rich_progress(console),
            on_terraform_line=None
            if quiet
            else (lambda line: console.print(line, highlight=False, markup=False)),
        )
        _print_result(Console(), result)
