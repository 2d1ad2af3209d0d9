"""Where each resource of an assessment goes: which component, on which target, managed or self-hosted."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..catalog import Catalog, PlatformEntry, ServiceEntry, TargetEntry
from ..errors import InputError
from ..model import Assessment, Resource


class Placement(BaseModel):
    """The decision for one resource."""

    model_config = ConfigDict(frozen=True)

    uid: str
    service: str
    service_name: str
    component: str
    target: str
    data_store: bool
    trapped: bool
    stateful: bool = False
    platform: bool = False
    catalogued: bool = True
    offering: str | None = None
    replacement: str
    self_hosted: bool
    reason: str


def resolve_target(catalog: Catalog, target: str) -> TargetEntry:
    """The target entry, or an InputError listing the known targets."""
    entry = catalog.targets.get(target)
    if entry is None:
        known = ", ".join(sorted(catalog.targets)) or "(none: providers/targets/ is empty)"
        raise InputError(f"--target: unknown target {target!r}; known targets: {known}")
    return entry


def _self_hosted_name(entry: ServiceEntry) -> str:
    chosen = next((r for r in entry.replacements if r.kind == "self-hosted"), entry.replacements[0])
    return chosen.name


def _place_service(
    resource: Resource, entry: ServiceEntry, target: TargetEntry, trapped: bool, stateful: frozenset[str]
) -> Placement:
    component = entry.component
    offering = target.managed.get(component)
    if offering is None:
        offering = entry.equivalents.get(target.id)
    if component in ("none", "network"):
        offering = None
    self_hosted_name = _self_hosted_name(entry)
    if offering:
        replacement, reason = offering, f"managed on {target.name}: {offering}"
    elif component == "none":
        replacement, reason = "nothing to run", "configuration only; recreated by hand or dropped"
    else:
        replacement = self_hosted_name
        reason = f"{target.name} has no managed equivalent of {entry.name}: self-hosted {self_hosted_name}"
    return Placement(
        uid=resource.uid,
        service=entry.id,
        service_name=entry.name,
        component=component,
        target=target.id,
        data_store=entry.data_store,
        trapped=trapped or bool(entry.traps),
        stateful=component in stateful,
        offering=offering or None,
        replacement=replacement,
        self_hosted=not offering,
        reason=reason,
    )


def place(
    assessment: Assessment,
    catalog: Catalog,
    target: str,
    target_map: dict[str, str],
    stateful: frozenset[str] = frozenset(),
) -> list[Placement]:
    """One placement per resource of the assessment, in inventory order."""
    main = resolve_target(catalog, target)
    targets = {service: resolve_target(catalog, t) for service, t in sorted(target_map.items())}
    entry_of = {uid: f.entry for f in assessment.findings for uid in f.resources}
    blocked = {uid for b in assessment.blockers for uid in b.resources}
    placements: list[Placement] = []
    for resource in assessment.inventory.resources:
        found = catalog.service(entry_of.get(resource.uid, "")) or catalog.platforms.get(
            entry_of.get(resource.uid, "")
        )
        entry = found or catalog.match(resource)
        trapped = resource.uid in blocked
        if isinstance(entry, ServiceEntry):
            chosen = targets.get(entry.id) or targets.get(resource.service) or main
            placements.append(_place_service(resource, entry, chosen, trapped, stateful))
        elif isinstance(entry, PlatformEntry):
            placements.append(_platform(resource, entry, main, trapped))
        else:
            placements.append(_unknown(resource, targets.get(resource.service) or main, trapped))
    return placements


def _platform(resource: Resource, entry: PlatformEntry, target: TargetEntry, trapped: bool) -> Placement:
    replacement = entry.replacements[0].name
    return Placement(
        uid=resource.uid,
        service=entry.id,
        service_name=entry.name,
        component="none",
        target=target.id,
        data_store=False,
        trapped=trapped or bool(entry.traps),
        platform=True,
        replacement=replacement,
        self_hosted=entry.replacements[0].kind == "self-hosted",
        reason=f"SaaS dependency, not hosted on AWS: keep it or move to {replacement}",
    )


def _unknown(resource: Resource, target: TargetEntry, trapped: bool) -> Placement:
    return Placement(
        uid=resource.uid,
        service=resource.service,
        service_name=resource.service,
        component="none",
        target=target.id,
        data_store=False,
        trapped=trapped,
        catalogued=False,
        replacement="to be decided",
        self_hosted=True,
        reason=f"no catalog entry for service {resource.service!r}: review by hand",
    )
