"""The scanner on the reference estate: coverage, exact data totals, relationships."""

from __future__ import annotations

from toolkit.estate import EstateSummary
from toolkit.model import Inventory, Resource
from toolkit.scanners.aws import services


def _one(inventory: Inventory, type_: str, name: str) -> Resource:
    found = [r for r in inventory.resources if r.type == type_ and r.name == name]
    assert len(found) == 1, f"{type_} {name}: {[r.uid for r in found]}"
    return found[0]


def _bytes(inventory: Inventory, *types: str) -> int:
    return sum(r.data.bytes for r in inventory.resources if r.data and r.type in types)


def test_covers_at_least_45_services() -> None:
    assert len(services()) >= 45


def test_every_seeded_service_is_found(
    estate_server: tuple[str, EstateSummary], estate_inventory: Inventory
) -> None:
    _, summary = estate_server
    assert len(summary.services) >= 15
    found = {r.service for r in estate_inventory.resources}
    assert set(summary.services) <= found, set(summary.services) - found
    assert not estate_inventory.errors, estate_inventory.errors
    for service, count in summary.counts.items():
        assert sum(r.service == service for r in estate_inventory.resources) >= count, service


def test_data_totals_are_exact(estate_server: tuple[str, EstateSummary], estate_inventory: Inventory) -> None:
    _, summary = estate_server
    assert _bytes(estate_inventory, "AWS::S3::Bucket") == summary.s3_bytes
    assert (
        sum(r.data.objects or 0 for r in estate_inventory.resources if r.data and r.type == "AWS::S3::Bucket")
        == summary.s3_objects
    )
    assert _bytes(estate_inventory, "AWS::EC2::Volume", "AWS::EC2::Snapshot") == summary.ebs_bytes
    assert _bytes(estate_inventory, "AWS::RDS::DBInstance", "AWS::RDS::DBCluster") == summary.rds_bytes
    pool = _one(estate_inventory, "AWS::Cognito::UserPool", "socialnet-users")
    assert pool.data is not None and pool.data.users == summary.cognito_users
    table = _one(estate_inventory, "AWS::DynamoDB::Table", "socialnet-users")
    assert table.data is not None and table.data.items == 40 and table.data.method == "api"


def test_instances_carry_no_bytes_their_volumes_do(estate_inventory: Inventory) -> None:
    web = _one(estate_inventory, "AWS::EC2::Instance", "web-1")
    assert web.data is None
    volumes = [
        r for r in estate_inventory.resources if r.uid in web.depends_on and r.type == "AWS::EC2::Volume"
    ]
    assert len(volumes) == 2  # root + data, each counted once as a volume
    assert all(v.data and v.data.bytes > 0 for v in volumes)


def test_relationships(estate_inventory: Inventory) -> None:
    by_uid = {r.uid: r for r in estate_inventory.resources}
    web = _one(estate_inventory, "AWS::EC2::Instance", "web-1")
    subnet = next(by_uid[d] for d in web.depends_on if by_uid.get(d) and by_uid[d].type == "AWS::EC2::Subnet")
    assert any(by_uid[d].type == "AWS::EC2::VPC" for d in subnet.depends_on if d in by_uid)

    alb = _one(estate_inventory, "AWS::ElasticLoadBalancingV2::LoadBalancer", "socialnet-web")
    assert sum(by_uid[d].type == "AWS::EC2::Instance" for d in alb.depends_on if d in by_uid) == 3

    cdn = next(r for r in estate_inventory.resources if r.type == "AWS::CloudFront::Distribution")
    assert _one(estate_inventory, "AWS::S3::Bucket", "socialnet-media").uid in cdn.depends_on

    alias = _one(estate_inventory, "AWS::Route53::RecordSet", "www.socialnet.example A")
    assert alb.uid in alias.depends_on
    cname = _one(estate_inventory, "AWS::Route53::RecordSet", "cdn.socialnet.example CNAME")
    assert cdn.uid in cname.depends_on and cname.attributes["ttl"] == 300

    function = _one(estate_inventory, "AWS::Lambda::Function", "socialnet-thumbnailer")
    queue = _one(estate_inventory, "AWS::SQS::Queue", "socialnet-media-jobs")
    role = _one(estate_inventory, "AWS::IAM::Role", "socialnet-lambda")
    assert queue.uid in function.depends_on and role.uid in function.depends_on

    db = _one(estate_inventory, "AWS::RDS::DBInstance", "socialnet-main")
    group = _one(estate_inventory, "AWS::RDS::DBSubnetGroup", "socialnet-db")
    assert group.uid in db.depends_on
    assert db.attributes["engine"] == "postgres" and db.attributes["db_instance_class"] == "db.m5.large"

    key = _one(estate_inventory, "AWS::KMS::Key", "socialnet-data")
    secret = _one(estate_inventory, "AWS::SecretsManager::Secret", "socialnet/db-password")
    media = _one(estate_inventory, "AWS::S3::Bucket", "socialnet-media")
    for encrypted in (db, secret, media):
        # the key → what it encrypts, literally; the resource names its key but does not depend on it
        assert encrypted.uid in key.depends_on, encrypted.uid
        assert encrypted.uid in key.attributes["encrypts"]
        assert key.uid not in encrypted.depends_on, encrypted.uid
    assert len(key.depends_on) == len(key.attributes["encrypts"])


def test_golden_image_is_linux_and_exportable(estate_inventory: Inventory) -> None:
    image = _one(estate_inventory, "AWS::EC2::Image", "socialnet-web-golden")
    assert "platform" not in image.attributes  # moto reports Windows images with Platform=windows
    assert image.attributes["owner_id"] == image.account
    assert image.attributes["encrypted"] is False


def test_audit_attributes_are_emitted(estate_inventory: Inventory) -> None:
    users = _one(estate_inventory, "AWS::DynamoDB::Table", "socialnet-users")
    assert users.attributes["stream_enabled"] is True and users.attributes["stream"].startswith("arn:aws:")
    aurora = _one(estate_inventory, "AWS::RDS::DBCluster", "socialnet-analytics")
    assert aurora.attributes["engine"] == "aurora-postgresql" and "engine_mode" in aurora.attributes
    mx = _one(estate_inventory, "AWS::Route53::RecordSet", "socialnet.example MX")
    assert (mx.attributes["record_type"], mx.attributes["ttl"]) == ("MX", 3600)
    function = _one(estate_inventory, "AWS::Lambda::Function", "socialnet-thumbnailer")
    assert function.attributes["event_sources"]
    media = _one(estate_inventory, "AWS::S3::Bucket", "socialnet-media")
    assert sum(media.attributes["storage_classes"].values()) == (media.data.bytes if media.data else -1)


def test_uids_are_arns_and_tags_are_read(estate_inventory: Inventory) -> None:
    assert all(r.uid.startswith("arn:aws:") for r in estate_inventory.resources)
    assert _one(estate_inventory, "AWS::SQS::Queue", "socialnet-media-jobs").region == "us-east-1"
    assert _one(estate_inventory, "AWS::S3::Bucket", "socialnet-media-replica").region == "eu-west-1"
    assert _one(estate_inventory, "AWS::EC2::Instance", "web-2").tags["tier"] == "web"
    assert _one(estate_inventory, "AWS::Lambda::Function", "socialnet-feed-builder").tags == {
        "project": "socialnet"
    }
    assert _one(estate_inventory, "AWS::S3::Bucket", "socialnet-logs").tags["project"] == "socialnet"


def test_scan_records_its_cost(estate_inventory: Inventory) -> None:
    run = estate_inventory.runs[0]
    assert run.scanner == "aws" and "us-east-1" in run.target and "eu-west-1" in run.target
    assert run.api_calls == sum(run.api_calls_by_operation.values()) > 0
    assert run.resources == len(estate_inventory.resources)
