"""``--route53-zone``: a live hosted zone's records (on a real moto server) feed the DNS scanner."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest

from toolkit.cli import main

RECORDS = [
    ("", "MX", "10 aspmx.l.google.com."),
    ("", "TXT", '"v=spf1 include:sendgrid.net ~all"'),
    ("www.", "CNAME", "d111111abcdef8.cloudfront.net."),
    ("cdn.", "CNAME", "example.com.edgekey.net."),
    ("api.", "CNAME", "abc123.execute-api.eu-west-1.amazonaws.com."),
]


def _zone(url: str, name: str = "example.com") -> str:
    route53 = boto3.client("route53", endpoint_url=url, region_name="us-east-1")
    zone_id = route53.create_hosted_zone(Name=name, CallerReference=name)["HostedZone"]["Id"]
    changes = [
        {
            "Action": "CREATE",
            "ResourceRecordSet": {
                "Name": f"{record}{name}.",
                "Type": rtype,
                "TTL": 300,
                "ResourceRecords": [{"Value": value}],
            },
        }
        for record, rtype, value in RECORDS
    ]
    route53.change_resource_record_sets(HostedZoneId=zone_id, ChangeBatch={"Changes": changes})
    return str(zone_id).rsplit("/", 1)[-1]


def _scan(zone: str, endpoint: str, out: Path, *paths: Path) -> int:
    return main(
        [
            "scan",
            "path",
            *map(str, paths),
            "--route53-zone",
            zone,
            "--endpoint-url",
            endpoint,
            "--out",
            str(out),
        ]
    )


def _found(out: Path) -> set[tuple[str, str, str]]:
    inventory = json.loads((out / "inventory.json").read_text())
    return {(r["service"], r["provider"], r["location"]["path"]) for r in inventory["resources"]}


def test_live_zone_records_are_read_and_kept_as_evidence(
    moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _zone(moto_server)
    _zone(moto_server, "other.org")
    from botocore.client import BaseClient

    calls: list[str] = []
    original = BaseClient._make_api_call

    def recording(self: BaseClient, operation: str, params: dict[str, object]) -> object:
        calls.append(operation)
        return original(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", recording)
    status = _scan("example.com", moto_server, tmp_path)
    assert status == 0
    evidence = tmp_path / "route53-example.com.json"
    found = _found(tmp_path)
    services = {service for service, _, _ in found}
    assert {"google-workspace", "sendgrid", "akamai", "cloudfront", "apigateway", "route53"} <= services, (
        found
    )
    assert {path for _, _, path in found} == {evidence.name}
    lines = evidence.read_text().splitlines()
    inventory = json.loads((tmp_path / "inventory.json").read_text())
    for resource in inventory["resources"]:
        line = lines[resource["location"]["line"] - 1]
        assert '"Name"' in line, (resource["service"], line)
    assert not (tmp_path / "route53-other.org.json").exists()
    assert set(calls) == {"ListHostedZones", "ListResourceRecordSets"}  # read-only, and in `evac iam-policy`


def test_zone_given_by_id_and_with_a_source_tree(moto_server: str, tmp_path: Path) -> None:
    zone_id = _zone(moto_server)
    tree = tmp_path / "src"
    tree.mkdir()
    (tree / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    out = tmp_path / "out"
    status = _scan(zone_id, moto_server, out, tree)
    assert status == 0
    found = _found(out)
    assert ("sqs", "aws", "main.tf") in found
    assert ("cloudfront", "aws", "route53-example.com.json") in found


def test_unknown_zone_is_bad_input_naming_it(moto_server: str, tmp_path: Path) -> None:
    _zone(moto_server)
    status = _scan("nope.example", moto_server, tmp_path)
    assert status == 3
    assert not (tmp_path / "inventory.json").exists()


def test_unreachable_route53_endpoint_exits_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = _scan("example.com", "http://127.0.0.1:9", tmp_path)
    assert status == 5
    assert "127.0.0.1:9" in capsys.readouterr().err.replace("\n", "")


def test_audit_reads_a_live_zone_too(moto_server: str, tmp_path: Path) -> None:
    _zone(moto_server)
    status = main(
        [
            "audit",
            "--route53-zone",
            "example.com",
            "--endpoint-url",
            moto_server,
            "--out",
            str(tmp_path),
            "--format",
            "json",
            "-q",
        ]
    )
    assert status == 0
    assessment = json.loads((tmp_path / "assessment.json").read_text())
    assert "cloudfront" in json.dumps(assessment)
