"""``evac provision``'s library side: from a plan (and maybe an inventory) to configured hosts.

A dry run unless ``apply``: without an inventory the plan's target module is planned with Terraform
(and, with ``apply``, created, its ``hosts`` output becoming the inventory); the hosts are then
configured with ``site.yml`` (``--check --diff`` in a dry run). Every run leaves ``journal.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from ..errors import InputError
from ..journal import JournalWriter
from ..model import Journal, Plan
from ..paths import terraform_dir
from .ansible import PlaybookFailed, PlaybookSummary, ProgressCallback, run_playbook

# Plan components (and common names for them) -> the inventory group whose role provides them.
COMPONENT_GROUPS: dict[str, str] = {
    "postgres": "postgres",
    "postgresql": "postgres",
    "mysql": "postgres",
    "dns": "dns",
    "powerdns": "dns",
    "pdns": "dns",
    "web": "web",
    "nginx": "web",
    "haproxy": "web",
    "lb": "web",
    "objectstore": "objectstore",
    "minio": "objectstore",
    "garage": "objectstore",
    "s3": "objectstore",
    "app": "app",
    "runtime": "app",
}
GROUP_ORDER = ["postgres", "objectstore", "dns", "web", "app"]


class ProvisionResult(BaseModel):
    """What one provisioning run did."""

    journal: Path
    outcome: str
    groups: list[str] = Field(default_factory=list)
    inventory: Path | None = None
    terraform: dict[str, Any] | None = Field(default=None, description="terraform plan counts, when run")
    ansible: PlaybookSummary | None = None


def plan_groups(plan: Plan) -> tuple[list[str], list[str]]:
    """The inventory groups the plan's components need, and the components no role provides."""
    groups: set[str] = set()
    unknown: set[str] = set()
    for step in plan.steps:
        if not step.component:
            continue
        name = step.component.strip().lower()
        group = COMPONENT_GROUPS.get(name) or COMPONENT_GROUPS.get(name.split("-")[0])
        if group:
            groups.add(group)
        else:
            unknown.add(step.component)
    return [g for g in GROUP_ORDER if g in groups], sorted(unknown)


def inventory_groups(inventory: Path) -> set[str]:
    """The groups that hold at least one host in an Ansible inventory (any format Ansible reads)."""
    from ansible.inventory.manager import InventoryManager  # lazy: ansible is slow to import
    from ansible.parsing.dataloader import DataLoader

    manager = InventoryManager(loader=DataLoader(), sources=[str(inventory)])
    return {name for name, group in manager.groups.items() if group.get_hosts() and name != "all"}


def default_limit(plan_needs: list[str], inventory: Path) -> str:
    """The plan's groups that the inventory has hosts for, as an Ansible ``--limit`` pattern."""
    present = inventory_groups(inventory)
    wanted = [g for g in plan_needs if g in present]
    if not wanted:
        raise InputError(
            f"{inventory}: no host in any group the plan needs ({', '.join(plan_needs) or 'none'})",
            hint="name hosts in groups postgres, objectstore, dns, web or app, or pass --limit",
        )
    return ":".join(wanted)


def _terraform(
    plan: Plan, out: Path, apply: bool, journal: JournalWriter, on_line: Callable[[str], None] | None
) -> tuple[dict[str, Any], Path | None]:
    """Plan (or apply) the target's module; with apply, write the inventory of the hosts it made."""
    module = terraform_dir() / "targets" / plan.target
    if not module.is_dir():
        raise InputError(
            f"no --inventory given and no Terraform module for target {plan.target!r} ({module})",
            hint="pass --inventory hosts.yml naming existing hosts",
        )
    from . import terraform  # lazy: only needed without an inventory

    with journal.step("provision", f"terraform {'apply' if apply else 'plan'} {plan.target}") as entry:
        result = terraform.TerraformRun(module, out / "terraform", on_line=on_line).run(apply=apply)
        counts = {a: result.plan.count(a) for a in ("create", "update", "delete")}
        entry.detail.update(counts)
        entry.status = "changed" if result.plan.changed else "ok"
    if not apply:
        return counts, None
    hosts = terraform.hosts_from_outputs(result.outputs)
    inventory = out / "inventory.yml"
    inventory.write_text(yaml.safe_dump(terraform.ansible_inventory(hosts), sort_keys=False))
    return counts, inventory


def _ansible(
    inventory: Path,
    out: Path,
    apply: bool,
    limit: str,
    journal: JournalWriter,
    progress: ProgressCallback | None,
) -> PlaybookSummary:
    action = "ansible site.yml" + ("" if apply else " --check --diff")
    with journal.step("provision", action, {"inventory": str(inventory), "limit": limit}) as entry:
        try:
            summary = run_playbook(
                inventory, out / "ansible", check=not apply, limit=limit, progress=progress
            )
        except PlaybookFailed as failed:
            entry.detail.update(_summary_detail(failed.summary))
            raise
        entry.detail.update(_summary_detail(summary))
        entry.status = "changed" if summary.changed else "ok"
    return summary


def _summary_detail(summary: PlaybookSummary) -> dict[str, Any]:
    return {
        "hosts": [h.model_dump() for h in summary.hosts],
        "changes": [f"{c.host}: {c.role + ' | ' if c.role else ''}{c.task}" for c in summary.changes],
        "failures": [f.model_dump() for f in summary.failures],
        "artifacts": summary.artifacts,
        "ansible_seconds": summary.seconds,
    }


def provision(
    plan: Plan,
    out: Path,
    *,
    inventory: Path | None = None,
    apply: bool = False,
    limit: str | None = None,
    progress: ProgressCallback | None = None,
    on_terraform_line: Callable[[str], None] | None = None,
) -> ProvisionResult:
    """Provision what ``plan`` needs; a dry run unless ``apply``. Leaves ``out/journal.json``."""
    groups, unknown = plan_groups(plan)
    writer = JournalWriter(out, "provision", dry_run=not apply)
    result = ProvisionResult(journal=writer.path, outcome="running", groups=groups)
    with writer:
        writer.record(
            "prepare",
            "read plan",
            "ok",
            {"target": plan.target, "groups": groups, "components_without_role": unknown},
        )
        if inventory is None:
            result.terraform, inventory = _terraform(plan, out, apply, writer, on_terraform_line)
            if inventory is None:
                writer.record(
                    "provision",
                    "ansible site.yml --check --diff",
                    "skipped",
                    {"reason": "the hosts exist only once terraform has applied"},
                )
        if inventory is not None:
            result.inventory = inventory
            result.ansible = _ansible(
                inventory, out, apply, limit or default_limit(groups, inventory), writer, progress
            )
    result.outcome = writer.journal.outcome
    return result


def read_journal(out: Path) -> Journal:
    """The journal a run left in ``out``."""
    from ..documents import read

    return read(out / "journal.json", Journal)
