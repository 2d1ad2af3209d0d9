"""Which steps a resource belongs to — the plan's membership rule, in one place.

A resource is listed in a step only when that step acts on it:

========================  ====================================================================
step                      lists
========================  ====================================================================
``prepare-dns-ttl``       DNS zones (component ``dns``): their TTLs are lowered before anything else
``prepare-<service>``     resources of a service with traps or blockers, and every data store
                          (change capture is switched on before the bulk copy)
``prepare-platform-<id>`` SaaS dependencies found in code or DNS (not hosted on AWS)
``prepare-review``        resources with no catalog entry: a human decides
``provision-base[-T]``    network resources (VPC, subnets, security groups) of target T
``provision-<comp>[-T]``  every resource whose replacement ``<comp>`` is stood up on target T
``data-bulk-<service>``   data stores only (catalog ``data_store: true``): the bulk copy
``data-delta-<service>``  the same data stores: changes since the bulk copy, until cutover
``deploy-<comp>[-T]``     resources of components that run code or configuration (not the
                          ``stateful`` ones of components.yaml: databases, object stores, caches)
``verify-<comp>[-T]``     every resource moved to ``<comp>``: data compared, services checked
``cutover-dns``           the traffic entry points: DNS zones and web front ends (``dns``, ``web``)
``decommission-<service>`` every AWS resource of the service, retired at the source
========================  ====================================================================

Components ``none`` (configuration only) are not provisioned, deployed or verified; they appear
in their prepare step when trapped and in decommission. ``-T`` is added to an id only for a target
other than the plan's main one (``--target-map``).
"""

from __future__ import annotations

from .placement import Placement

PHASE_ORDER = ("prepare", "provision", "data", "deploy", "verify", "cutover", "decommission")
ENTRY_COMPONENTS = frozenset({"dns", "web"})
NOT_RUN = frozenset({"none"})


def suffix(target: str, main: str) -> str:
    """The step id suffix for a target (empty for the main target)."""
    return "" if target == main else f"-{target}"


def prepare_step(p: Placement) -> str | None:
    """The prepare step of a resource, or None."""
    if p.platform:
        return f"prepare-platform-{p.service}"
    if not p.catalogued:
        return "prepare-review"
    if p.component == "dns":
        return "prepare-dns-ttl"
    if p.trapped or p.data_store:
        return f"prepare-{p.service}"
    return None


def provision_step(p: Placement, main: str) -> str | None:
    """The provision step of a resource, or None."""
    if p.platform or p.component in NOT_RUN:
        return None
    if p.component == "network":
        return f"provision-base{suffix(p.target, main)}"
    return f"provision-{p.component}{suffix(p.target, main)}"


def data_steps(p: Placement, main: str) -> list[str]:
    """The bulk and delta steps of a data store; none for anything else."""
    if p.platform or not p.data_store or p.component in NOT_RUN:
        return []
    tail = f"{p.service}{suffix(p.target, main)}"
    return [f"data-bulk-{tail}", f"data-delta-{tail}"]


def deploy_step(p: Placement, main: str) -> str | None:
    """The deploy step of a resource whose component runs code or configuration, or None."""
    if p.platform or p.stateful or p.component in NOT_RUN:
        return None
    return f"deploy-{p.component}{suffix(p.target, main)}"


def verify_step(p: Placement, main: str) -> str | None:
    """The verify step of every resource that moves."""
    if p.platform or p.component in NOT_RUN:
        return None
    return f"verify-{p.component}{suffix(p.target, main)}"


def cutover_step(p: Placement) -> str | None:
    """The cutover step of a traffic entry point."""
    return "cutover-dns" if not p.platform and p.component in ENTRY_COMPONENTS else None


def decommission_step(p: Placement) -> str | None:
    """The decommission step of every AWS resource."""
    return None if p.platform else f"decommission-{p.service}"


def steps_of(p: Placement, main: str) -> list[str]:
    """Every step id a resource belongs to, in phase order."""
    ids = [
        prepare_step(p),
        provision_step(p, main),
        *data_steps(p, main),
        deploy_step(p, main),
        verify_step(p, main),
        cutover_step(p),
        decommission_step(p),
    ]
    return [i for i in ids if i]
