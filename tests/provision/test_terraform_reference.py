"""The reference AWS estate, applied for real with the mirrored AWS provider against a moto server."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from tf_fixtures import MIRROR, REFERENCE

from toolkit.context import AwsAccess
from toolkit.provision.terraform import TerraformRun

DB_PASSWORD = "Ref-Estate-Pw-4711"
NAME = "evac-shop"


def existing(aws: AwsAccess) -> dict[str, Any]:
    """What moto holds for every kind of resource the reference estate creates."""
    session = aws.session()

    def client(service: str) -> Any:
        return aws.client(session, service, "us-east-1")

    ec2, elb = client("ec2"), client("elbv2")
    running = [
        i["InstanceId"]
        for r in ec2.describe_instances()["Reservations"]
        for i in r["Instances"]
        if i["State"]["Name"] != "terminated"
    ]
    zones = client("route53").list_hosted_zones()["HostedZones"]
    record_types: list[str] = []
    for zone in zones:
        sets = client("route53").list_resource_record_sets(HostedZoneId=zone["Id"])["ResourceRecordSets"]
        record_types += sorted(r["Type"] for r in sets if r["Type"] not in ("NS", "SOA"))
    buckets = [b["Name"] for b in client("s3").list_buckets()["Buckets"]]
    keys = [o["Key"] for b in buckets for o in client("s3").list_objects_v2(Bucket=b).get("Contents", [])]
    kms_keys = [
        k["KeyId"]
        for k in client("kms").list_keys()["Keys"]
        if client("kms").describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"] == "Enabled"
    ]
    return {
        "vpcs": [
            v["VpcId"] for v in ec2.describe_vpcs(Filters=[{"Name": "tag:Project", "Values": [NAME]}])["Vpcs"]
        ],
        "instances": running,
        "security_groups": sorted(
            g["GroupName"]
            for g in ec2.describe_security_groups()["SecurityGroups"]
            if g["GroupName"] != "default"
        ),
        "load_balancers": [lb["LoadBalancerName"] for lb in elb.describe_load_balancers()["LoadBalancers"]],
        "target_groups": [tg["TargetGroupName"] for tg in elb.describe_target_groups()["TargetGroups"]],
        "db_instances": [
            (d["DBInstanceIdentifier"], d["Engine"])
            for d in client("rds").describe_db_instances()["DBInstances"]
        ],
        "buckets": buckets,
        "objects": sorted(keys),
        "tables": client("dynamodb").list_tables()["TableNames"],
        "queues": client("sqs").list_queues().get("QueueUrls", []),
        "topics": [t["TopicArn"].rsplit(":", 1)[1] for t in client("sns").list_topics()["Topics"]],
        "functions": [f["FunctionName"] for f in client("lambda").list_functions()["Functions"]],
        "user_pools": [p["Name"] for p in client("cognito-idp").list_user_pools(MaxResults=10)["UserPools"]],
        "kms_keys": kms_keys,
        "secrets": [s["Name"] for s in client("secretsmanager").list_secrets()["SecretList"]],
        "zones": [z["Name"] for z in zones],
        "records": record_types,
        "log_groups": [g["logGroupName"] for g in client("logs").describe_log_groups()["logGroups"]],
        "roles": [r["RoleName"] for r in client("iam").list_roles()["Roles"]],
    }


@pytest.mark.slow
def test_reference_estate_applies_and_destroys_against_moto(
    tmp_path: Path, moto_server: str, aws: AwsAccess
) -> None:
    lines: list[str] = []
    run = TerraformRun(
        REFERENCE,
        tmp_path / "run",
        variables={
            "endpoint": moto_server,
            "access_key": "testing",
            "secret_key": "testing",
            "db_password": DB_PASSWORD,
            "elasticache": False,
        },
        secret_variables=["db_password"],
        mirror=MIRROR,
        on_line=lines.append,
    )
    plan = run.run().plan
    assert plan.count("create") >= 35
    assert existing(aws)["vpcs"] == []  # planning changed nothing

    started = time.monotonic()
    outputs = run.apply()
    apply_seconds = time.monotonic() - started

    found = existing(aws)
    assert found["vpcs"] == [outputs["vpc_id"]]
    assert sorted(found["instances"]) == sorted(outputs["web_instance_ids"]) and len(found["instances"]) == 2
    assert found["security_groups"] == [f"{NAME}-alb", f"{NAME}-data", f"{NAME}-web"]
    assert found["load_balancers"] == [f"{NAME}-alb"] and found["target_groups"] == [f"{NAME}-web"]
    assert found["db_instances"] == [(f"{NAME}-orders", "postgres")]
    assert found["buckets"] == [f"{NAME}-media"]
    assert found["objects"] == ["catalog/items.json", "img/logo.svg", "index.html"]
    assert found["tables"] == [f"{NAME}-sessions"]
    assert [q.rsplit("/", 1)[1] for q in found["queues"]] == [f"{NAME}-orders"]
    assert found["topics"] == [f"{NAME}-order-events"]
    assert found["functions"] == [f"{NAME}-thumbnailer"]
    assert found["user_pools"] == [f"{NAME}-customers"]
    assert found["kms_keys"] == [outputs["kms_key_id"]]
    assert found["secrets"] == [f"{NAME}/db"]
    assert found["zones"] == ["evac-shop.example."]
    assert found["records"] == ["A", "CNAME", "TXT"]
    assert found["log_groups"] == [f"/aws/lambda/{NAME}-thumbnailer"]
    assert f"{NAME}-thumbnailer" in found["roles"]
    assert "cache_cluster_id" not in outputs  # null outputs are left out: no ElastiCache against moto

    log = (tmp_path / "run" / "terraform.log").read_text()
    assert DB_PASSWORD not in log and all(DB_PASSWORD not in line for line in lines)
    assert any("Apply complete! Resources:" in line for line in lines)

    started = time.monotonic()
    run.destroy()
    destroy_seconds = time.monotonic() - started

    gone = existing(aws)
    for kind in (
        "vpcs",
        "instances",
        "security_groups",
        "load_balancers",
        "target_groups",
        "db_instances",
        "buckets",
        "objects",
        "tables",
        "queues",
        "topics",
        "functions",
        "user_pools",
        "kms_keys",
        "secrets",
        "zones",
        "log_groups",
    ):
        assert gone[kind] == [], kind
    assert f"{NAME}-thumbnailer" not in gone["roles"]
    print(f"reference estate: apply {apply_seconds:.1f}s, destroy {destroy_seconds:.1f}s")
