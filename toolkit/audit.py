"""The audit: judge an inventory against the catalog. Pure (no I/O) and deterministic.

Findings for every resource, the readiness score, data gravity, the evacuation estimate, the egress
bill and the blockers; the parts live in :mod:`toolkit.assess`.
"""

from __future__ import annotations

from datetime import datetime

from . import __version__
from .assess.blockers import attach_blockers
from .assess.egress import egress_bill
from .assess.estimate import estimate
from .assess.findings import build_findings
from .assess.gating import (
    Baseline,
    GateResult,
    Waivers,
    apply_waivers,
    evaluate_gates,
    load_baseline,
    load_waivers,
    write_baseline,
)
from .assess.gravity import data_gravity
from .assess.score import compute_score
from .catalog import Catalog
from .model import Assessment, EstimateInputs, Inventory
from .units import parse_bandwidth, parse_duration_hours

__all__ = [
    "Baseline",
    "GateResult",
    "Waivers",
    "assess",
    "evaluate_gates",
    "load_baseline",
    "load_waivers",
    "parse_bandwidth",
    "parse_duration_hours",
    "write_baseline",
]


def assess(
    inventory: Inventory,
    catalog: Catalog,
    inputs: EstimateInputs,
    *,
    waivers: Waivers | None = None,
    now: datetime | None = None,
) -> Assessment:
    """Audit ``inventory``: the same input (and ``now``) always gives the same assessment."""
    generated_at = now or inventory.generated_at
    findings, judgements = build_findings(inventory, catalog)
    findings, expired = apply_waivers(findings, waivers, generated_at)
    findings, blockers = attach_blockers(findings, judgements)
    data = data_gravity(inventory)
    return Assessment(
        generated_at=generated_at,
        tool_version=__version__,
        inventory=inventory,
        findings=findings,
        blockers=blockers,
        score=compute_score(findings, inventory.resources),
        data=data,
        estimate=estimate(inventory, catalog, findings, inputs),
        egress=egress_bill(data, catalog.egress),
        expired_waivers=expired,
    )
