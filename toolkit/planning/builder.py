"""Turn placements into steps: membership from :mod:`.rules`, commands from the component table,
durations from :mod:`.hours`, dependencies from the phase order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog, ServiceEntry, TargetEntry
from ..model import Assessment, PhaseName, Resource, Step
from ..units import human_bytes
from . import rules
from .components import Action, ComponentSpec, ComponentTable, Renderer
from .hours import (
    DECOMMISSION_HOURS,
    DEFAULT_CUTOVER_HOURS,
    DEFAULT_PREPARE_HOURS,
    PROVISION_COMPONENT_HOURS,
    HoursModel,
)
from .placement import Placement

HOSTS_FILE = "hosts.yml"


@dataclass
class Draft:
    """A step being assembled: its id, phase and the placements it acts on."""

    id: str
    kind: str
    phase: PhaseName
    placements: list[Placement] = field(default_factory=list)


KINDS: tuple[tuple[str, str, PhaseName], ...] = (
    ("prepare-dns-ttl", "ttl", "prepare"),
    ("prepare-platform-", "platform", "prepare"),
    ("prepare-review", "review", "prepare"),
    ("prepare-", "prepare", "prepare"),
    ("provision-base", "base", "provision"),
    ("provision-", "provision", "provision"),
    ("data-bulk-", "bulk", "data"),
    ("data-delta-", "delta", "data"),
    ("deploy-", "deploy", "deploy"),
    ("verify-", "verify", "verify"),
    ("cutover-", "cutover", "cutover"),
    ("decommission-", "decommission", "decommission"),
)


def classify(step_id: str) -> tuple[str, PhaseName]:
    """The kind and phase of a step id."""
    for prefix, kind, phase in KINDS:
        if step_id.startswith(prefix):
            return kind, phase
    raise ValueError(f"unknown step id {step_id!r}")


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _replacements(placements: list[Placement]) -> str:
    """Every distinct replacement a step stands up, in a stable order (e.g. SQS and EventBridge)."""
    return ", ".join(sorted({p.replacement for p in placements}))


class StepBuilder:
    """Builds the steps of one plan."""

    def __init__(
        self,
        assessment: Assessment,
        catalog: Catalog,
        table: ComponentTable,
        renderer: Renderer,
        placements: list[Placement],
        main: TargetEntry,
    ) -> None:
        self.assessment = assessment
        self.catalog = catalog
        self.table = table
        self.renderer = renderer
        self.placements = placements
        self.main = main
        self.hours = HoursModel(assessment)
        self.resources: dict[str, Resource] = {r.uid: r for r in assessment.inventory.resources}
        self.sizes = {s.uid: s.bytes for s in assessment.data.stores}

    # ---- grouping -------------------------------------------------------------------------

    def drafts(self) -> dict[str, Draft]:
        """Every step id with the placements it lists (fixed steps included even when empty)."""
        drafts: dict[str, Draft] = {}

        def add(step_id: str, placement: Placement | None) -> None:
            if step_id not in drafts:
                kind, phase = classify(step_id)
                drafts[step_id] = Draft(step_id, kind, phase)
            if placement is not None:
                drafts[step_id].placements.append(placement)

        for fixed in ("prepare-dns-ttl", "provision-base", "cutover-dns"):
            add(fixed, None)
        for target in sorted({p.target for p in self.placements} - {self.main.id}):
            add(f"provision-base-{target}", None)
        for placement in self.placements:
            for step_id in rules.steps_of(placement, self.main.id):
                add(step_id, placement)
        return drafts

    # ---- helpers --------------------------------------------------------------------------

    def _target(self, target_id: str) -> TargetEntry:
        return self.catalog.targets[target_id]

    def _context(self, target: TargetEntry, group: str, offering: str | None = None) -> dict[str, Any]:
        return {
            "target": target.id,
            "target_name": target.name,
            "module": f"terraform/{target.terraform_module}",
            "tfvars": f"{target.id}.tfvars.json",
            "group": group,
            "offering": offering or "",
            "hosts": HOSTS_FILE,
        }

    def _render(
        self, action: Action | None, context: dict[str, Any], resources: list[Resource]
    ) -> tuple[list[str], list[str], list[str]]:
        if action is None:
            return [], [], []
        r = self.renderer
        commands = r.lines(action.run, context) + r.each(action.each, context, resources)
        verify = r.lines(action.verify, context) + r.each(action.verify_each, context, resources)
        rollback = r.lines(action.rollback, context) + r.each(action.rollback_each, context, resources)
        return commands, verify, rollback

    def _component_action(
        self, draft: Draft, kind: str, fallback: Action | None = None
    ) -> tuple[Placement, TargetEntry, list[str], list[str], list[str]]:
        """The draft's first placement, its target, and the component's ``kind`` action rendered."""
        first = draft.placements[0]
        spec = self.table.spec(first.component)
        target = self._target(first.target)
        action = self.table.action(first.component, kind) or fallback
        rendered = self._render(
            action, self._context(target, spec.group, first.offering), self._resources(draft)
        )
        return first, target, *rendered

    def _shared_fields(
        self, first: Placement, target: TargetEntry, replacement: str | None = None
    ) -> dict[str, Any]:
        """Step fields every component step fills the same way."""
        return {
            "component": first.component,
            "target": target.id,
            "replacement": replacement or first.replacement,
            "self_hosted": first.self_hosted,
            "role": self.table.role(first.component),
            "owner": self.table.spec(first.component).owner,
        }

    def _entries(self, placements: list[Placement]) -> list[tuple[ServiceEntry, int]]:
        counts: dict[str, int] = {}
        for p in placements:
            counts[p.service] = counts.get(p.service, 0) + 1
        return [(e, n) for s, n in sorted(counts.items()) if (e := self.catalog.service(s)) is not None]

    def _trap_notes(self, placements: list[Placement]) -> list[str]:
        notes: list[str] = []
        for service in sorted({p.service for p in placements}):
            entry = self.catalog.service(service) or self.catalog.platforms.get(service)
            for trap in entry.traps if entry else []:
                notes.append(f"Trap ({trap.when}): {trap.what.strip()} Do now: {trap.action.strip()}")
        uids = {p.uid for p in placements}
        for blocker in self.assessment.blockers:
            if uids.intersection(blocker.resources):
                notes.append(f"Blocker {blocker.id}: {blocker.title}. Do now: {blocker.action_now}")
        return _dedupe(notes)

    def _resources(self, draft: Draft) -> list[Resource]:
        return [self.resources[p.uid] for p in draft.placements]

    # ---- one method per kind -------------------------------------------------------------

    def build(self, draft: Draft) -> Step:
        """The step for a draft (dependencies are filled in later)."""
        method: Callable[[Draft], Step] = getattr(self, f"_{draft.kind}")
        step = method(draft)
        placements = draft.placements
        return step.model_copy(update={"resources": _dedupe([p.uid for p in placements])})

    def _ttl(self, draft: Draft) -> Step:
        spec = self.table.spec("dns")
        context = self._context(self.main, spec.group)
        commands, verify, rollback = self._render(spec.prepare, context, self._resources(draft))
        if not draft.placements:
            commands = ["# Lower the TTL of every record you will move to 60 s at your current DNS provider"]
            verify = ["dig +noall +answer www.example.com | awk '{print $2}'  # expect 60 or less"]
            rollback = ["# Raise the TTLs back to their saved values"]
        return Step(
            id=draft.id,
            phase="prepare",
            title="Lower DNS TTLs so the cutover takes effect in minutes",
            service="route53" if draft.placements else None,
            component="dns",
            commands=commands,
            verification=verify,
            rollback=rollback,
            hours=self.hours.phase("dns", "ttl", default=DEFAULT_PREPARE_HOURS),
            owner=spec.owner,
            notes=["Do this first: resolvers keep old answers for up to the old TTL (often 24-48 h for NS)."],
        )

    def _prepare(self, draft: Draft) -> Step:
        first = draft.placements[0]
        spec = self.table.spec(first.component)
        context = self._context(self._target(first.target), spec.group)
        commands, verify, rollback = self._render(spec.prepare, context, self._resources(draft))
        traps = self._trap_notes(draft.placements)
        what = "capture what only leaves while access lasts" if first.trapped else "switch on change capture"
        actions = [trap.action.strip() for e, _ in self._entries(draft.placements) for trap in e.traps]
        if not commands:
            commands = [f"# Do now: {action}" for action in _dedupe(actions)] or [
                f"# Record the configuration of {first.service_name} while the API still answers"
            ]
        if not verify:
            verify = [f"Confirm: {note.split('Do now: ', 1)[-1]}" for note in traps] or [
                "The exported files named above exist and are non-empty"
            ]
        return Step(
            id=draft.id,
            phase="prepare",
            title=f"Prepare {first.service_name}: {what}",
            service=first.service,
            component=first.component,
            target=first.target,
            commands=commands,
            verification=verify,
            rollback=rollback or ["# Read-only or additive at the source; nothing to roll back"],
            hours=self.hours.phase("prepare", default=DEFAULT_PREPARE_HOURS),
            owner=spec.owner,
            notes=traps,
        )

    def _platform(self, draft: Draft) -> Step:
        first = draft.placements[0]
        entry = self.catalog.platforms.get(first.service)
        return Step(
            id=draft.id,
            phase="prepare",
            title=f"Secure the {first.service_name} dependency",
            service=first.service,
            replacement=first.replacement,
            commands=[f"# {line}" for line in (entry.runbook if entry else [])],
            verification=[f"Confirm: {t.action}" for t in (entry.traps if entry else [])]
            or ["The account owner confirmed the dependency survives the AWS eviction"],
            rollback=["# Nothing changes at the source"],
            hours=self.hours.phase("prepare", default=DEFAULT_PREPARE_HOURS),
            owner="product",
            notes=[first.reason, *self._trap_notes(draft.placements)],
        )

    def _review(self, draft: Draft) -> Step:
        names = sorted({p.service for p in draft.placements})
        return Step(
            id=draft.id,
            phase="prepare",
            title="Review resources the catalog does not know",
            commands=[
                f"aws resourcegroupstaggingapi get-resources --resource-arn-list {self.resources[p.uid].uid}"
                for p in draft.placements
                if self.resources[p.uid].uid.startswith("arn:")
            ],
            verification=["Each resource has an owner and a decision: move, rebuild or drop"],
            rollback=["# Read-only; nothing to roll back"],
            hours=DEFAULT_PREPARE_HOURS,
            owner="platform",
            notes=[
                f"No catalog entry for: {', '.join(names)}. Add providers/aws/<service>.yaml to plan them."
            ],
        )

    def _base(self, draft: Draft) -> Step:
        target_id = draft.id.removeprefix("provision-base").removeprefix("-") or self.main.id
        target = self._target(target_id)
        module = f"terraform/{target.terraform_module}"
        tfvars = f'"$PWD/{target.id}.tfvars.json"'
        return Step(
            id=draft.id,
            phase="provision",
            title=f"Provision base infrastructure on {target.name}",
            component="network",
            target=target.id,
            replacement=f"Terraform module {module}",
            self_hosted=target.kind == "bare-metal",
            role="base",
            commands=[
                f"terraform -chdir={module} init",
                f"terraform -chdir={module} apply -var-file={tfvars}",
                f"terraform -chdir={module} output -json hosts > hosts.json",
            ],
            verification=[
                f"terraform -chdir={module} output -json hosts",
                f"ansible -i {HOSTS_FILE} all -m ping",
            ],
            rollback=[f"terraform -chdir={module} destroy -var-file={tfvars}"],
            hours=round(target.provision_hours, 2),
            owner="platform",
            notes=[
                "`evac provision --plan plan.json --apply` runs this step and every provision step after it.",
                f"{target.id}.tfvars.json sets the module's contract: name, region, ssh_keys and per-role "
                "count/size; hosts.yml is the Ansible inventory built from its `hosts` output.",
                "The base role (hardening, firewall) runs on every host with each group's playbook run.",
            ],
        )

    def _provision(self, draft: Draft) -> Step:
        first = draft.placements[0]
        target = self._target(first.target)
        spec = self.table.spec(first.component)
        managed = first.offering is not None
        action = self.table.action(first.component, "managed" if managed else "provision")
        context = self._context(target, spec.group, first.offering)
        commands, verify, rollback = self._render(action, context, self._resources(draft))
        # Engineering effort is counted once per resource: in its deploy step when it has one.
        rebuilt_here = [
            p
            for p in draft.placements
            if p.data_store and not any(s.startswith("deploy-") for s in rules.steps_of(p, self.main.id))
        ]
        hours = self.hours.effort(self._entries(rebuilt_here)) if rebuilt_here else PROVISION_COMPONENT_HOURS
        replacement = _replacements(draft.placements)
        return Step(
            id=draft.id,
            phase="provision",
            title=f"Provision {replacement} ({first.component}) on {target.name}",
            component=first.component,
            target=target.id,
            replacement=replacement,
            self_hosted=not managed,
            role=self.table.role(first.component),
            commands=commands,
            verification=verify,
            rollback=rollback,
            hours=hours,
            owner=spec.owner,
            notes=_dedupe(
                [f"{p.service_name}: {p.reason}" for p in draft.placements]
                + self._install_note(spec, managed)
            ),
        )

    @staticmethod
    def _install_note(spec: ComponentSpec, managed: bool) -> list[str]:
        if managed or spec.installs:
            return []
        return [
            f"No role in playbooks/ installs {spec.software} yet: install it on the {spec.group} hosts "
            "(package or container) after the playbook run, then record its address for the next steps."
        ]

    def _bulk(self, draft: Draft) -> Step:
        first, target, commands, verify, rollback = self._component_action(draft, "bulk")
        entry = self.catalog.service(first.service)
        size = sum(self.sizes.get(p.uid, self._bytes(p.uid)) for p in draft.placements)
        if not commands and entry:
            commands = [f"# {tool}" for tool in entry.export.tools]
            verify = verify or ["Item/object counts match between source and target"]
        return Step(
            id=draft.id,
            phase="data",
            title=f"Bulk copy {first.service_name} to {first.replacement} on {target.name} "
            f"({human_bytes(size)})",
            service=first.service,
            commands=commands,
            verification=verify,
            rollback=rollback or ["# The source is only read; delete the partial copy and retry"],
            hours=self.hours.bulk(size, entry.transfer if entry else None),
            **self._shared_fields(first, target),
            notes=[entry.export.summary.strip(), *entry.runbook] if entry else [],
        )

    def _bytes(self, uid: str) -> int:
        data = self.resources[uid].data
        return data.bytes if data else 0

    def _delta(self, draft: Draft) -> Step:
        first, target, commands, verify, rollback = self._component_action(draft, "delta")
        bulk = self._bulk(
            Draft(draft.id.replace("data-delta-", "data-bulk-", 1), "bulk", "data", draft.placements)
        )
        return Step(
            id=draft.id,
            phase="data",
            title=f"Delta sync {first.service_name} until cutover",
            service=first.service,
            commands=commands or ["# Re-run the bulk copy commands; they copy only what changed"],
            verification=verify or bulk.verification,
            rollback=rollback or ["# The source is only read; stop the sync"],
            hours=self.hours.delta(bulk.hours),
            **self._shared_fields(first, target),
            notes=["Keep this running until the cutover freezes writes at the source."],
        )

    def _deploy(self, draft: Draft) -> Step:
        first, target, commands, verify, rollback = self._component_action(draft, "deploy")
        notes = [line for e, _ in self._entries(draft.placements) for line in e.runbook]
        replacement = _replacements(draft.placements)
        return Step(
            id=draft.id,
            phase="deploy",
            title=f"Deploy {first.component} workloads on {replacement} ({target.name})",
            commands=commands,
            verification=verify,
            rollback=rollback,
            hours=self.hours.effort(self._entries(draft.placements)),
            **self._shared_fields(first, target, replacement),
            notes=_dedupe(notes),
        )

    def _verify(self, draft: Draft) -> Step:
        first, target, commands, verify, rollback = self._component_action(
            draft, "verify", fallback=self.table.defaults["provision"]
        )
        return Step(
            id=draft.id,
            phase="verify",
            title=f"Verify {first.component} on {target.name} before any traffic moves",
            commands=commands,
            verification=verify or ["Every command above exits 0 and shows the expected counts"],
            rollback=rollback,
            hours=self.hours.verify(len(draft.placements)),
            **self._shared_fields(first, target),
        )

    def _cutover(self, draft: Draft) -> Step:
        dns = [p for p in draft.placements if p.component == "dns"]
        spec = self.table.spec("dns")
        context = self._context(self.main, spec.group)
        zones = [self.resources[p.uid] for p in dns]
        commands, verify, rollback = self._render(spec.cutover, context, zones)
        freeze = [
            "# 1. Put the application at the source into maintenance mode (stop writes)",
            "# 2. Wait until every data-delta step's verification shows zero lag",
        ]
        if not dns:
            commands = ["# 3. Point the public records at the target's web hosts at your DNS provider"]
            verify = ['dig +short "$SITE_HOST" @1.1.1.1  # expect the target web address']
            rollback = ["# Point the records back at the AWS entry points"]
        web_checks = [
            f"curl -fsS -o /dev/null -w '%{{remote_ip}} %{{http_code}}\\n' https://$SITE_HOST/  # {p.uid}"
            for p in draft.placements
            if p.component == "web"
        ]
        return Step(
            id=draft.id,
            phase="cutover",
            title="Cut over: freeze writes, final sync, switch DNS to the target",
            component="dns",
            target=self.main.id,
            commands=[*freeze, *commands],
            verification=[*verify, *web_checks],
            rollback=[
                *rollback,
                "# Re-enable writes at the source; the target copies stay for another attempt",
            ],
            hours=self.hours.phase("cutover", default=DEFAULT_CUTOVER_HOURS),
            owner="incident-lead",
            notes=["Announce the window first (communications checklist)."],
        )

    def _decommission(self, draft: Draft) -> Step:
        first = draft.placements[0]
        action = self.table.decommission(first.service)
        commands, verify, rollback = self._render(action, {}, self._resources(draft))
        default = self.table.defaults["decommission"]
        return Step(
            id=draft.id,
            phase="decommission",
            title=f"Decommission {first.service_name} at the source",
            service=first.service,
            commands=commands,
            verification=verify or self.renderer.lines(default.verify, {}),
            rollback=rollback or ["# Deletion is final: run it only after the target has served a full day"],
            hours=DECOMMISSION_HOURS,
            owner="platform",
            notes=["Skip when the account is already closed; keep the final backups off AWS."],
        )
