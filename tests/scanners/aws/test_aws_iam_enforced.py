"""Read-only, provably: the scan succeeds under exactly the printed policy and issues only reads."""

from __future__ import annotations

import json
import re
from typing import Any

import boto3
import botocore.client
import pytest

from toolkit.cli import main
from toolkit.context import AwsAccess
from toolkit.errors import EXIT_CREDENTIALS, EXIT_PARTIAL
from toolkit.estate import EstateSummary
from toolkit.model import Inventory
from toolkit.scanners.aws import iam_policy_document, required_permissions, scan, services

REGIONS = ("us-east-1", "eu-west-1")

READ = re.compile(r"^(Describe|List|Get|Search|Lookup|BatchGet)[A-Z]")
# moto's server-side IAM check cannot verify these here (as of moto 5.2): it answers every REST
# GET request of these services with SignatureDoesNotMatch, or an unparseable auth error, even for
# an allowed identity. They are left out of the enforced scans, not out of the policy.
MOTO_UNVERIFIABLE = {
    "amp",
    "apigateway",
    "apigatewayv2",
    "appconfig",
    "appsync",
    "backup",
    "bedrock",
    "cloudfront",
    "connect",
    "efs",
    "eks",
    "glacier",
    "guardduty",
    "iot",
    "kafka",
    "lambda",
    "mq",
    "opensearch",
    "pinpoint",
    "pipes",
    "polly",
    "quicksight",
    "route53",
    "scheduler",
    "vpc-lattice",
}
# moto names a few actions by endpoint prefix or in lower case; real IAM uses the names we print.
MOTO_PREFIX = {"cloudwatch": "monitoring", "tag": "tagging"}
NEVER = {
    "GetSecretValue",
    "GetParameter",
    "GetParameters",
    "GetParametersByPath",
    "Scan",
    "Query",
    "GetObject",
    "ReceiveMessage",
    "GetRecords",
    "Decrypt",
}


def _moto_policy(policy: dict[str, Any]) -> dict[str, Any]:
    """The printed policy plus moto's spelling of the same actions (no other action is added)."""
    actions = list(policy["Statement"][0]["Action"])
    extra = [
        f"{MOTO_PREFIX[a.split(':')[0]]}:{a.split(':')[1]}" for a in actions if a.split(":")[0] in MOTO_PREFIX
    ]
    extra += [a.lower() for a in actions if a.startswith("batch:")]
    return {**policy, "Statement": [{**policy["Statement"][0], "Action": actions + extra}]}


def _verifiable() -> list[str]:
    return [s for s in services() if s not in MOTO_UNVERIFIABLE]


def _auditor(url: str, name: str, policy: dict[str, Any]) -> dict[str, str]:
    """Access keys of a new IAM user holding exactly ``policy`` (created before enforcement starts)."""
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")
    iam.create_user(UserName=name)
    iam.put_user_policy(
        UserName=name, PolicyName="evac-read-only", PolicyDocument=json.dumps(_moto_policy(policy))
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}


def _as(monkeypatch: pytest.MonkeyPatch, keys: dict[str, str]) -> None:
    for name, value in keys.items():
        monkeypatch.setenv(name, value)


def test_policy_is_read_only() -> None:
    actions = required_permissions()
    assert actions == iam_policy_document()["Statement"][0]["Action"]
    verbs = [a.split(":", 1)[1] for a in actions]
    assert all(READ.match(v) or v == "GET" for v in verbs), [v for v in verbs if not READ.match(v)]


def test_iam_policy_command_prints_the_policy(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["iam-policy"]) == 0
    assert json.loads(capsys.readouterr().out) == iam_policy_document()


def test_scan_issues_only_reads(
    estate_server: tuple[str, EstateSummary], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = estate_server
    issued: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def spy(self: Any, operation: str, params: Any) -> Any:
        issued.append(f"{self.meta.service_model.service_name}:{operation}")
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", spy)
    inventory = scan(AwsAccess(endpoint_url=url), list(REGIONS), progress=False)
    assert len(issued) >= inventory.runs[0].api_calls > 50
    writes = sorted({op for op in issued if not READ.match(op.split(":", 1)[1])})
    assert writes == [], writes
    assert not {op.split(":", 1)[1] for op in issued} & NEVER


def test_scan_succeeds_under_exactly_the_policy(
    estate_server: tuple[str, EstateSummary],
    estate_inventory: Inventory,
    monkeypatch: pytest.MonkeyPatch,
    iam_enforcement: Any,
) -> None:
    url, _ = estate_server
    _as(monkeypatch, _auditor(url, "evac-auditor", iam_policy_document()))
    with iam_enforcement(url):
        inventory = scan(AwsAccess(endpoint_url=url), list(REGIONS), services=_verifiable(), progress=False)
    assert inventory.errors == []
    expected = {r.uid for r in estate_inventory.resources if r.service in _verifiable()}
    found = {r.uid for r in inventory.resources if not r.uid.endswith(":user/evac-auditor")}
    assert len(expected) > 60 and found == expected


def test_missing_permission_is_a_partial_scan(
    estate_server: tuple[str, EstateSummary],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
    iam_enforcement: Any,
) -> None:
    url, _ = estate_server
    policy = iam_policy_document()
    policy["Statement"][0]["Action"] = [a for a in policy["Statement"][0]["Action"] if a != "sqs:ListQueues"]
    _as(monkeypatch, _auditor(url, "evac-auditor-no-sqs", policy))
    with iam_enforcement(url):
        status = main(
            [
                "scan",
                "aws",
                "--out",
                str(tmp_path),
                "--regions",
                ",".join(REGIONS),
                "--endpoint-url",
                url,
                "--quiet",
                "--services",
                ",".join(_verifiable()),
            ]
        )
    assert status == EXIT_PARTIAL
    inventory = Inventory.model_validate_json((tmp_path / "inventory.json").read_text())
    denied = [e for e in inventory.errors if e.code == "AccessDenied"]
    assert {(e.service, e.region) for e in denied} == {("sqs", r) for r in REGIONS}
    assert not any(r.service == "sqs" for r in inventory.resources)
    assert any(r.service == "rds" for r in inventory.resources)


def test_rejected_credentials_exit_4(
    estate_server: tuple[str, EstateSummary],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Any,
    capsys: pytest.CaptureFixture[str],
    iam_enforcement: Any,
) -> None:
    url, _ = estate_server
    _as(monkeypatch, {"AWS_ACCESS_KEY_ID": "AKIAUNKNOWNKEY000000", "AWS_SECRET_ACCESS_KEY": "nope"})
    with iam_enforcement(url):
        status = main(
            ["scan", "aws", "--out", str(tmp_path), "--regions", "us-east-1", "--endpoint-url", url]
        )
    assert status == EXIT_CREDENTIALS
    assert "rejected the credentials" in capsys.readouterr().err
    assert not (tmp_path / "inventory.json").exists()
