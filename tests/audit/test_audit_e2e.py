"""End to end: seed the reference estate into a moto server, ``evac audit --aws``, check the figures."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from toolkit import documents
from toolkit.catalog import Catalog
from toolkit.cli import main
from toolkit.context import AwsAccess
from toolkit.estate import seed_reference_estate
from toolkit.model import Assessment

pytestmark = pytest.mark.slow
SARIF_SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")


def _tiered(gb: float, tiers: list[tuple[float | None, float]], free: float) -> float:
    """Independent restatement of AWS's tiered pricing: walk GB free..gb through the tiers."""
    cost, lower = 0.0, 0.0
    for upper, price in tiers:
        top = gb if upper is None else min(gb, upper)
        cost += max(0.0, top - max(lower, free)) * price
        if upper is None or gb <= upper:
            break
        lower = upper
    return cost


def test_audit_of_the_reference_estate(aws: AwsAccess, tmp_path: Path) -> None:
    summary = seed_reference_estate(aws)
    out = tmp_path / "run"
    code = main(
        [
            "audit",
            "--aws",
            "--endpoint-url",
            str(aws.endpoint_url),
            "--regions",
            ",".join(summary.regions),
            "--out",
            str(out),
            "--quiet",
            "--notice",
            "36h",
            "--bandwidth",
            "1Gbps",
            "--team-size",
            "4",
        ]
    )
    assert code in (0, 6)
    a = documents.read(out / "assessment.json", Assessment)
    assert (code == 6) is a.inventory.partial

    # every resource is covered by a finding
    covered = {uid for f in a.findings for uid in f.resources}
    assert covered == {r.uid for r in a.inventory.resources}

    # data gravity: the scanners' bytes, summed once; S3 matches what was seeded
    assert a.data.bytes == sum(r.data.bytes for r in a.inventory.resources if r.data)
    assert a.data.by_service.get("s3") == summary.s3_bytes
    assert sum(a.data.by_region.values()) == a.data.bytes

    # blockers: the Cognito users and the KMS key with what it encrypts
    cognito = next(b for b in a.blockers if b.id == "cognito-passwords")
    assert f"({summary.cognito_users} users)" in cognito.title
    kms = next(b for b in a.blockers if b.id == "kms-reencrypt")
    assert any(":kms:" in uid for uid in kms.resources) and len(kms.resources) >= 3

    # the estimate recomputes from its inputs and is never below the raw transfer time
    est = a.estimate
    assert est.transfer_hours == pytest.approx(a.data.bytes * 8 / 1e9 / 3600, abs=1e-4)
    phases = {p.name: p for p in est.phases}
    assert phases["transfer"].hours >= est.transfer_hours
    assert est.hours >= est.transfer_hours
    ends = {p.name: p.start_hours + p.hours for p in est.phases}
    for p in est.phases:
        assert p.start_hours == pytest.approx(max((ends[d] for d in p.depends_on), default=0.0), abs=1e-3)
    assert est.hours == pytest.approx(max(ends.values()), abs=1e-3)
    assert est.fits_notice is (est.hours <= 36)

    # the egress bill from AWS's published tiers, restated here
    prices = Catalog.load().egress
    assert prices is not None
    order = sorted(
        a.egress.by_region, key=lambda line: (-prices.regions[line.region][0].usd_per_gb, line.region)
    )
    free_left, total = prices.free_gb_per_month, 0.0
    for line in order:
        gb = line.bytes / 1e9
        free = min(free_left, gb)
        free_left -= free
        tiers = [(t.up_to_gb, t.usd_per_gb) for t in prices.regions[line.region]]
        assert line.usd == pytest.approx(round(_tiered(gb, tiers, free), 2), abs=0.005)
        total += line.usd
    assert a.egress.usd == pytest.approx(total, abs=0.01)

    # the reports
    sarif = json.loads((out / "report.sarif").read_text())
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text()))
    assert len(sarif["runs"][0]["results"]) == len(a.findings)
    assert ET.parse(out / "report.junit.xml").getroot().tag == "testsuites"
    assert 'id="chart-timeline"' in (out / "report.html").read_text()
    inventory = json.loads((out / "inventory.json").read_text())
    assert inventory["schema"] == "evac.inventory/1"
    assert summary.secret_marker not in (out / "assessment.json").read_text()
