"""``evac provision``'s library side: from a plan (and maybe an inventory) to configured hosts.

A dry run unless ``apply``: without an inventory the plan's target module is planned with Terraform
(its variables from :mod:`.tfvars`; with ``apply`` created, its ``hosts`` output becoming
``inventory.yml``); the hosts are then configured with ``site.yml`` (``--check --diff`` in a dry
run). ``destroy`` plans (with ``apply``: carries out) the removal of what an earlier run in the same
directory created. Every run leaves ``journal.json``, outcome ``interrupted`` after Ctrl-C.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, Field

from ..errors import InputError
from ..journal import JournalWriter
from ..model import Journal, Plan
from ..paths import terraform_dir
from .ansible import PlaybookFailed, PlaybookSummary, ProgressCallback, run_playbook
from .tfvars import TerraformOptions, module_variables

if TYPE_CHECKING:
    from .terraform import PlanSummary, TerraformRun

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
    """The inventory groups the plan's components need, and the components no role provides.

    A step's ``role`` wins over its component's name; managed offerings (``self_hosted`` false) and
    the base role (every host) need no group of their own.
    """
    groups: set[str] = set()
    unknown: set[str] = set()
    for step in plan.steps:
        if not step.component or step.self_hosted is False or step.role == "base":
            continue
        name = step.component.strip().lower()
        group = (
            step.role
            if step.role in GROUP_ORDER
            else COMPONENT_GROUPS.get(name) or COMPONENT_GROUPS.get(name.split("-")[0])
        )
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


def _module(plan: Plan) -> Path:
    module = terraform_dir() / "targets" / plan.target
    if not module.is_dir():
        raise InputError(
            f"no --inventory given and no Terraform module for target {plan.target!r} ({module})",
            hint="pass --inventory hosts.yml naming existing hosts",
        )
    return module


def _output(outputs: dict[str, Any], name: str) -> Any:
    """An output's value, whether given as ``{name: value}`` or ``terraform output -json``'s wrapping."""
    value = outputs.get(name)
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _counts(summary: PlanSummary) -> dict[str, int]:
    return {action: summary.count(action) for action in ("create", "update", "delete")}


@dataclass
class _Run:
    """One ``provision`` run: what it acts on, where it writes, and the journal it keeps."""

    plan: Plan
    out: Path
    groups: list[str]
    options: TerraformOptions
    apply: bool
    journal: JournalWriter
    progress: ProgressCallback | None
    on_line: Callable[[str], None] | None

    def terraform_run(self, *, reuse_variables: bool = False) -> tuple[TerraformRun, dict[str, Any]]:
        """The target module's TerraformRun with the merged variables, and what to journal about it."""
        from .terraform import MODULE_DIR, VARS_FILE, TerraformRun  # lazy: not needed with --inventory

        module = _module(self.plan)
        run_dir = self.out / "terraform"
        options = self.options
        previous = run_dir / MODULE_DIR / VARS_FILE
        if reuse_variables and previous.is_file():
            options = options.model_copy(update={"var_files": [previous, *options.var_files]})
        variables = module_variables(options, self.groups)
        run = TerraformRun(
            module, run_dir, variables=variables.values, mirror=options.mirror, on_line=self.on_line
        )
        run.redact.add(variables.secrets)
        detail = {
            "module": str(module),
            "provider_mirror": str(options.mirror) if options.mirror else None,
            **variables.journal_detail(),
        }
        return run, detail

    def terraform(self) -> tuple[dict[str, int], Path | None]:
        """Plan (or apply) the target's module; with apply, write the inventory of the hosts it made."""
        from .terraform import ansible_inventory, hosts_from_outputs

        run, detail = self.terraform_run()
        action = f"terraform {'apply' if self.apply else 'plan'} {self.plan.target}"
        with self.journal.step("provision", action, detail) as entry:
            result = run.run(apply=self.apply)
            counts = _counts(result.plan)
            entry.detail.update(counts)
            entry.status = "changed" if result.plan.changed else "ok"
        if not self.apply:
            return counts, None
        hosts = hosts_from_outputs(result.outputs)
        inventory = self.out / "inventory.yml"
        document = ansible_inventory(hosts, ssh_user=_output(result.outputs, "ssh_user"))
        inventory.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        self.journal.record(
            "provision",
            "write inventory",
            "ok",
            {"inventory": str(inventory), "hosts": {h.name: h.role for h in hosts}},
        )
        return counts, inventory

    def destroy(self) -> dict[str, int]:
        """Plan (with apply: carry out) destroying what an earlier run in ``out`` created."""
        run, detail = self.terraform_run(reuse_variables=True)
        action = f"terraform {'destroy' if self.apply else 'plan -destroy'} {self.plan.target}"
        with self.journal.step("provision", action, detail) as entry:
            summary = run.plan(destroy=True)
            if self.apply and summary.changed:
                run.apply()
            entry.detail.update(_counts(summary))
            entry.status = "changed" if summary.changed else "ok"
        return _counts(summary)

    def ansible(self, inventory: Path, limit: str) -> PlaybookSummary:
        """``site.yml`` on the inventory (``--check --diff`` in a dry run)."""
        action = "ansible site.yml" + ("" if self.apply else " --check --diff")
        with self.journal.step("provision", action, {"inventory": str(inventory), "limit": limit}) as entry:
            try:
                summary = run_playbook(
                    inventory, self.out / "ansible", check=not self.apply, limit=limit, progress=self.progress
                )
            except PlaybookFailed as failed:
                entry.detail.update(_summary_detail(failed.summary))
                raise
            entry.detail.update(_summary_detail(summary))
            entry.status = "changed" if summary.changed else "ok"
        return summary

    def build(
        self, result: ProvisionResult, inventory: Path | None, limit: str | None, terraform_only: bool
    ) -> None:
        """Machines (unless an inventory names them), then what runs on them; fills ``result``."""
        if inventory is None:
            result.terraform, inventory = self.terraform()
            made_by_terraform = True
        else:
            made_by_terraform = False
        result.inventory = inventory
        reason = None
        if terraform_only:
            reason = "--terraform-only"
        elif inventory is None:
            reason = "the hosts exist only once terraform has applied"
        elif made_by_terraform and not inventory_groups(inventory):
            reason = "terraform made no hosts"
        if reason is not None:
            action = "ansible site.yml" + ("" if self.apply else " --check --diff")
            self.journal.record("provision", action, "skipped", {"reason": reason})
            return
        assert inventory is not None
        result.ansible = self.ansible(inventory, limit or default_limit(self.groups, inventory))


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
    terraform: TerraformOptions | None = None,
    terraform_only: bool = False,
    destroy: bool = False,
    progress: ProgressCallback | None = None,
    on_terraform_line: Callable[[str], None] | None = None,
) -> ProvisionResult:
    """Provision what ``plan`` needs; a dry run unless ``apply``. Leaves ``out/journal.json``.

    ``destroy`` instead removes what an earlier run in ``out`` made (its variables are reused).
    """
    groups, unknown = plan_groups(plan)
    writer = JournalWriter(out, "provision", dry_run=not apply)
    result = ProvisionResult(journal=writer.path, outcome="running", groups=groups)
    run = _Run(plan, out, groups, terraform or TerraformOptions(), apply, writer, progress, on_terraform_line)
    with writer:
        writer.record(
            "prepare",
            "read plan",
            "ok",
            {"target": plan.target, "groups": groups, "components_without_role": unknown},
        )
        if destroy and inventory is not None:
            raise InputError("--destroy removes what Terraform made; it takes no --inventory")
        if destroy:
            result.terraform = run.destroy()
        else:
            run.build(result, inventory, limit, terraform_only)
    result.outcome = writer.journal.outcome
    return result


def read_journal(out: Path) -> Journal:
    """The journal a run left in ``out``."""
    from ..documents import read

    return read(out / "journal.json", Journal)
