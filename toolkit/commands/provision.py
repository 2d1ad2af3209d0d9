"""``evac provision``: build the replacement estate a plan needs (a dry run unless --apply)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from ..documents import read
from ..model import Plan
from ..provision.tfvars import Size, TerraformOptions
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
        var_file: Annotated[
            list[Path] | None,
            typer.Option(
                "--var-file",
                help="Variables of the target module: JSON, .tfvars.json or HCL .tfvars (repeatable; "
                "later files win). Values outside the module contract are treated as secrets.",
            ),
        ] = None,
        name: Annotated[
            str | None, typer.Option("--name", help="Prefix of every resource and host name.")
        ] = None,
        region: Annotated[
            str | None, typer.Option("--region", help="Provider region or location (e.g. fsn1).")
        ] = None,
        ssh_key: Annotated[
            list[Path] | None,
            typer.Option("--ssh-key", help="OpenSSH public key file for the hosts' login (repeatable)."),
        ] = None,
        size: Annotated[
            Size,
            typer.Option(
                "--size", help="Size class of the one host per group derived from the plan (no `roles`)."
            ),
        ] = "small",
        provider_mirror: Annotated[
            Path | None,
            typer.Option(
                "--provider-mirror",
                help="Install Terraform providers only from this filesystem mirror "
                "(default: your CLI config, TF_CLI_CONFIG_FILE or ~/.terraformrc).",
            ),
        ] = None,
        terraform_only: Annotated[
            bool,
            typer.Option("--terraform-only", help="Stop after Terraform: make (or plan) the machines only."),
        ] = False,
        destroy: Annotated[
            bool,
            typer.Option(
                "--destroy",
                help="Remove what an earlier run in --out created (a dry run unless --apply).",
            ),
        ] = False,
        out: OutDir = Path("evac-out"),
        quiet: Quiet = False,
    ) -> None:
        """Provision the replacement components: Terraform for machines, Ansible for what runs on them.

        A dry run by default (terraform plan, ansible --check --diff); --apply does it. Without
        --inventory the plan's target module (terraform/targets/TARGET) makes the machines: one host
        per group the plan needs unless a --var-file sets `roles`. Every run writes OUT/journal.json
        as it goes (outcome dry_run, ok, failed or interrupted).
        """
        from ..provision.ansible import rich_progress
        from ..provision.pipeline import provision as run_provision

        console = Console(stderr=True)
        document = read(plan, Plan)
        options = TerraformOptions(
            var_files=var_file or [],
            name=name,
            region=region,
            ssh_keys=ssh_key or [],
            size=size,
            mirror=provider_mirror,
        )
        result = run_provision(
            document,
            out,
            inventory=inventory,
            apply=apply,
            limit=limit,
            terraform=options,
            terraform_only=terraform_only,
            destroy=destroy,
            progress=None if quiet else rich_progress(console),
            on_terraform_line=None
            if quiet
            else (lambda line: console.print(line, highlight=False, markup=False)),
        )
        _print_result(Console(), result)
