"""`evac demo`: the embedded default runs end to end through the real scanner and audit."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from toolkit.cli import main


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path, int]:
    out = tmp_path_factory.mktemp("demo")
    threads_before = threading.active_count()
    status = main(["demo", "--out", str(out), "--quiet"])
    return status, out, threads_before


def test_demo_writes_every_document(demo_run: tuple[int, Path, int]) -> None:
    status, out, _ = demo_run
    assert status == 0
    for name in ("inventory.json", "assessment.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 500, name
    assessment = json.loads((out / "assessment.json").read_text())
    assert assessment["schema"] == "evac.assessment/1"
    assert assessment["inventory"]["schema"] == "evac.inventory/1"


def test_demo_estate_spans_15_services_and_two_regions(demo_run: tuple[int, Path, int]) -> None:
    _, out, _ = demo_run
    inventory = json.loads((out / "inventory.json").read_text())
    services = {r["service"] for r in inventory["resources"]}
    regions = {r["region"] for r in inventory["resources"]} - {"global", None}
    assert len(services) >= 15, services
    assert {"us-east-1", "eu-west-1"} <= regions
    for needed in (
        "ec2",
        "elbv2",
        "rds",
        "s3",
        "dynamodb",
        "sqs",
        "sns",
        "lambda",
        "cognito-idp",
        "kms",
        "secretsmanager",
        "cloudfront",
        "route53",
        "elasticache",
    ):
        assert needed in services, needed


def test_demo_audit_is_honest(demo_run: tuple[int, Path, int]) -> None:
    _, out, _ = demo_run
    assessment = json.loads((out / "assessment.json").read_text())
    media = [r for r in assessment["inventory"]["resources"] if r["service"] == "s3" and r["data"]]
    assert sum(r["data"]["bytes"] for r in media) > 0, "the media bucket holds real objects"
    assert assessment["data"]["bytes"] >= sum(r["data"]["bytes"] for r in media)
    assert 0 <= assessment["score"]["value"] < 100
    blocker_services = {b["service"] for b in assessment["blockers"]}
    assert {"cognito-idp", "kms"} <= blocker_services
    assert assessment["estimate"]["hours"] >= assessment["estimate"]["transfer_hours"]
    report = (out / "report.md").read_text()
    assert "cognito" in report.lower()


def test_demo_leaves_nothing_running(demo_run: tuple[int, Path, int]) -> None:
    _, _, threads_before = demo_run
    alive = [t for t in threading.enumerate() if "moto" in t.name.lower() or "serve_forever" in repr(t)]
    assert not alive
    assert threading.active_count() <= threads_before + 1


def test_demo_secrets_never_reach_the_documents(demo_run: tuple[int, Path, int]) -> None:
    _, out, _ = demo_run
    from toolkit.estate import SECRET_MARKER

    for path in out.iterdir():
        assert SECRET_MARKER not in path.read_text(errors="replace"), path.name


def test_demo_bad_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--bandwidth", "fast", "--out", "/tmp/never-written"]) == 3
    assert "bandwidth" in capsys.readouterr().err
    assert not Path("/tmp/never-written").exists()


def test_unreachable_endpoint_gives_exit_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status = main(
        [
            "scan",
            "aws",
            "--regions",
            "us-east-1",
            "--endpoint-url",
            f"http://127.0.0.1:{port}",
            "--out",
            str(tmp_path),
            "--quiet",
        ]
    )
    assert status == 5
    assert f"127.0.0.1:{port}" in capsys.readouterr().err
