"""`evac scan aws` end to end: documents, exit statuses, regions, failures, secrets."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from botocore.exceptions import ClientError

from toolkit.cli import main
from toolkit.context import AwsAccess
from toolkit.errors import EXIT_INPUT, EXIT_OK, EXIT_PARTIAL, EXIT_UNREACHABLE
from toolkit.estate import SECRET_MARKER, EstateSummary
from toolkit.model import Inventory
from toolkit.scanners.aws import scan, scan_accounts
from toolkit.scanners.aws.failures import classify

REGIONS = "us-east-1,eu-west-1"


def test_cli_writes_inventory_without_secrets(
    estate_server: tuple[str, EstateSummary], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, summary = estate_server
    status = main(["scan", "aws", "--out", str(tmp_path), "--regions", REGIONS, "--endpoint-url", url, "-q"])
    assert status == EXIT_OK
    text = (tmp_path / "inventory.json").read_text()
    inventory = Inventory.model_validate_json(text)
    assert json.loads(text)["schema"] == "evac.inventory/1"
    assert {r.service for r in inventory.resources} >= set(summary.services)
    out = capsys.readouterr()
    assert SECRET_MARKER not in text and SECRET_MARKER not in out.out + out.err
    assert "Resources found" in out.out and "API calls" in out.out


def test_regions_all_discovers_every_enabled_region(estate_server: tuple[str, EstateSummary]) -> None:
    url, _ = estate_server
    inventory = scan(AwsAccess(endpoint_url=url), None, services=["sqs", "iam"], progress=False)
    run = inventory.runs[0]
    scanned = run.target.split("regions ", 1)[1].split(",")
    assert len(scanned) >= 15 and {"us-east-1", "eu-west-1", "ap-southeast-2"} <= set(scanned)
    assert run.api_calls < 3 * len(scanned)  # list calls only: no tag reads where nothing was found
    assert {r.region for r in inventory.resources if r.service == "sqs"} == {"us-east-1", "eu-west-1"}
    iam_calls = sum(n for op, n in run.api_calls_by_operation.items() if op.startswith("iam:"))
    # a global service is read once, not per region: authorization details, standalone instance
    # profiles, OIDC and SAML providers
    assert iam_calls == 4
    assert not inventory.errors


def test_unsupported_region_is_partial(
    estate_server: tuple[str, EstateSummary], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = estate_server
    status = main(
        [
            "scan",
            "aws",
            "--out",
            str(tmp_path),
            "--regions",
            "us-east-1,mars-north-1",
            "--endpoint-url",
            url,
            "--services",
            "sqs,dynamodb",
        ]
    )
    assert status == EXIT_PARTIAL
    inventory = Inventory.model_validate_json((tmp_path / "inventory.json").read_text())
    assert [(e.region, e.code) for e in inventory.errors] == [("mars-north-1", "UnsupportedRegion")]
    assert any(r.service == "dynamodb" for r in inventory.resources)
    assert "Partial scan" in capsys.readouterr().out


def test_unreachable_endpoint_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens once the socket closes
    endpoint = f"http://127.0.0.1:{port}"
    status = main(
        ["scan", "aws", "--out", str(tmp_path), "--regions", "us-east-1", "--endpoint-url", endpoint]
    )
    assert status == EXIT_UNREACHABLE
    assert endpoint in capsys.readouterr().err
    assert not (tmp_path / "inventory.json").exists()


def test_unknown_service_is_an_input_error(
    moto_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "scan",
            "aws",
            "--out",
            str(tmp_path),
            "--regions",
            "us-east-1",
            "--endpoint-url",
            moto_server,
            "--services",
            "sqs,notaservice",
        ]
    )
    assert status == EXIT_INPUT
    assert "notaservice" in capsys.readouterr().err


def test_several_accounts_merge(estate_server: tuple[str, EstateSummary]) -> None:
    import boto3

    url, _ = estate_server
    # own queues: moto's state is per process, and other tests' servers may have reset it
    for region in ("us-east-1", "eu-west-1"):
        boto3.client("sqs", endpoint_url=url, region_name=region).create_queue(QueueName=f"merge-{region}")
    accesses = [AwsAccess(endpoint_url=url), AwsAccess(endpoint_url=url, region="eu-west-1")]
    inventory = scan_accounts(accesses, ["us-east-1", "eu-west-1"], services=["sqs"], progress=False)
    assert len(inventory.runs) == 2
    names = [r.name for r in inventory.resources]
    assert len(inventory.resources) == len({r.uid for r in inventory.resources})
    assert names.count("merge-us-east-1") == names.count("merge-eu-west-1") == 1


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Throttling", "Throttling"),
        ("ThrottlingException", "Throttling"),
        ("RequestLimitExceeded", "Throttling"),
        ("AccessDeniedException", "AccessDenied"),
        ("UnauthorizedOperation", "AccessDenied"),
        ("OptInRequired", "NotEnabled"),
    ],
)
def test_failures_are_classified(code: str, expected: str) -> None:
    # recorded shapes of AWS error responses; moto cannot throttle or require opt-in
    error = ClientError({"Error": {"Code": code, "Message": "recorded"}}, "DescribeThings")
    assert classify(error)[0] == expected
