"""Waivers, baselines and the CI gates, through the library and the ``evac audit`` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from audit_builders import NOW, inventory, res

from toolkit import documents
from toolkit.assess.gating import Waiver, Waivers, baseline_of
from toolkit.audit import assess, evaluate_gates, load_baseline, load_waivers
from toolkit.catalog import Catalog
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.model import Assessment, EstimateInputs, LockIn, ScanError, ScannerRun

POOL = "arn:aws:cognito-idp:us-east-1:1:userpool/p"
QUEUE = "arn:aws:frobnicator:us-east-1:1:thing/q"
PG = "arn:aws:rds:us-east-1:1:db:pg"


def _resources() -> list:
    return [
        res(POOL, "cognito-idp", "AWS::Cognito::UserPool", users=10),
        res(QUEUE, "frobnicator", "AWS::Frobnicator::Thing"),
        res(PG, "rds", "AWS::RDS::DBInstance", engine="postgres", size=10**9),
    ]


def _assess(catalog: Catalog, waivers: Waivers | None = None) -> Assessment:
    return assess(
        inventory(*_resources()), catalog, EstimateInputs(target="test-metal"), waivers=waivers, now=NOW
    )


def test_waived_findings_are_kept_but_leave_the_score(catalog: Catalog) -> None:
    plain = _assess(catalog)
    waivers = Waivers(
        waivers=[
            Waiver(service="cognito-idp", reason="migrating to Keycloak in Q3", expires=date(2025, 12, 31)),
            Waiver(resource="arn:aws:frobnicator:*", reason="old and expired", expires=date(2025, 1, 1)),
        ]
    )
    waived = _assess(catalog, waivers)
    pool = next(f for f in waived.findings if POOL in f.resources)
    assert pool.waived == "migrating to Keycloak in Q3"
    assert len(waived.findings) == len(plain.findings)
    # without the pool: frobnicator (0.6) and postgres (0) over 2 resources
    assert waived.score.value == 70.0 and plain.score.value == round(100 * (1 - 1.6 / 3), 1)
    assert waived.expired_waivers == ["arn:aws:frobnicator:* (old and expired) expired 2025-01-01"]
    assert next(f for f in waived.findings if QUEUE in f.resources).waived is None
    assert not evaluate_gates(waived, fail_on=LockIn.trapped).failed
    assert evaluate_gates(plain, fail_on=LockIn.trapped).failed


def test_gates(catalog: Catalog) -> None:
    a = _assess(catalog)
    assert evaluate_gates(a, fail_under=a.score.value).failed is False
    assert evaluate_gates(a, fail_under=a.score.value + 0.1).failed is True
    result = evaluate_gates(a, fail_on=LockIn.proprietary)
    assert result.failed and "2 finding(s) at proprietary or worse" in result.reasons[0]


def test_baseline_fails_only_on_new_lock_in(catalog: Catalog) -> None:
    before = assess(inventory(*_resources()[:2]), catalog, EstimateInputs(target="test-metal"), now=NOW)
    baseline = baseline_of(before)
    assert not evaluate_gates(before, baseline=baseline).failed
    grown = [*_resources(), res("arn:aws:kms:us-east-1:1:key/k", "kms", "AWS::KMS::Key")]
    after = assess(inventory(*grown), catalog, EstimateInputs(target="test-metal"), now=NOW)
    result = evaluate_gates(after, baseline=baseline)
    kms = next(f for f in after.findings if f.entry == "kms")
    assert result.failed and result.new_findings == [kms.id]


def test_waivers_file_errors_name_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "waivers.yaml"
    bad.write_text("waivers:\n  - service: s3\n    expires: 2030-01-01\n")
    with pytest.raises(InputError, match=r"waivers.yaml: field 'waivers.0.reason'"):
        load_waivers(bad)
    bad.write_text("waivers:\n  - reason: because\n    expires: 2030-01-01\n")
    with pytest.raises(InputError, match="one of service, finding or resource"):
        load_waivers(bad)
    good = tmp_path / "good.yaml"
    good.write_text("waivers:\n  - finding: s3-abc\n    reason: accepted\n    expires: 2030-01-01\n")
    assert load_waivers(good).waivers[0].finding == "s3-abc"


def _write_inventory(tmp_path: Path, *, partial: bool = False) -> Path:
    inv = inventory(*_resources())
    if partial:
        inv.runs.append(
            ScannerRun(
                scanner="aws",
                target="1/us-east-1",
                errors=[
                    ScanError(scanner="aws", service="s3", code="AccessDenied", message="ListBuckets denied")
                ],
            )
        )
    return documents.write(tmp_path / "in.json", inv)


def test_cli_audit_writes_documents_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_inventory(tmp_path)
    out = tmp_path / "out"
    code = main(
        [
            "audit",
            "--inventory",
            str(source),
            "--out",
            str(out),
            "--target",
            "test-metal",
            "--notice",
            "2d",
            "--bandwidth",
            "500Mbps",
            "--team-size",
            "3",
        ]
    )
    # the CLI loads the packaged catalog, which may lack the tests' target: accept only that error
    if code == 3:
        assert "test-metal" in capsys.readouterr().err
        code = main(
            [
                "audit",
                "--inventory",
                str(source),
                "--out",
                str(out),
                "--notice",
                "2d",
                "--bandwidth",
                "500Mbps",
                "--team-size",
                "3",
            ]
        )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "assessment.json",
        "inventory.json",
        "report.html",
        "report.junit.xml",
        "report.md",
        "report.sarif",
    ]
    saved = documents.read(out / "assessment.json", Assessment)
    assert saved.inventory.resources and saved.estimate.inputs.notice_hours == 48.0
    assert saved.estimate.inputs.bandwidth_bps == 5e8 and saved.estimate.inputs.team_size == 3
    assert "Readiness" in capsys.readouterr().out


def test_cli_exit_codes(tmp_path: Path) -> None:
    source = _write_inventory(tmp_path)
    out = tmp_path / "out"
    assert main(["audit", "-i", str(source), "-o", str(out), "-q", "--fail-on", "trapped"]) == 1
    assert main(["audit", "-i", str(source), "-o", str(out), "-q", "--fail-under", "99"]) == 1
    assert main(["audit", "-i", str(source), "-o", str(out), "-q", "--fail-under", "1"]) == 0
    base = tmp_path / "baseline.json"
    assert main(["audit", "-i", str(source), "-o", str(out), "-q", "--write-baseline", str(base)]) == 0
    assert json.loads(base.read_text())["schema"] == "evac.baseline/1"
    assert load_baseline(base).findings
    assert (
        main(
            [
                "audit",
                "-i",
                str(source),
                "-o",
                str(out),
                "-q",
                "--baseline",
                str(base),
                "--fail-on",
                "trapped",
            ]
        )
        == 0
    )
    partial = _write_inventory(tmp_path / "p", partial=True)
    assert main(["audit", "-i", str(partial), "-o", str(out), "-q"]) == 6
    assert main(["audit", "-i", str(partial), "-o", str(out), "-q", "--fail-on", "trapped"]) == 1
    assert main(["audit", "-i", str(source), "-o", str(out), "-q", "--bandwidth", "lots"]) == 3
    assert main(["audit", "-o", str(out), "-q"]) == 2
    assert (
        main(
            [
                "report",
                "--assessment",
                str(out / "assessment.json"),
                "--out",
                str(tmp_path / "re"),
                "--format",
                "md,sarif",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "re").iterdir()) == ["report.md", "report.sarif"]
