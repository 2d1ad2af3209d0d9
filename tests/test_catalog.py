"""The knowledge catalog: every file valid, coverage as promised, the subtle facts right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from toolkit.catalog import Catalog
from toolkit.errors import CatalogError
from toolkit.model import LockIn, Resource
from toolkit.paths import providers_dir


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load()


def test_at_least_80_services_all_valid(catalog: Catalog) -> None:
    assert len(catalog.services) >= 80


def test_every_area_is_covered(catalog: Catalog) -> None:
    categories = {entry.category for entry in catalog.services.values()}
    for needed in (
        "compute",
        "storage",
        "database",
        "analytics",
        "messaging",
        "identity",
        "security",
        "networking",
        "observability",
        "devtools",
        "ml",
        "iot",
    ):
        assert needed in categories, needed


@pytest.mark.parametrize(
    "service",
    [
        "ec2",
        "s3",
        "rds",
        "dynamodb",
        "lambda",
        "sqs",
        "sns",
        "cognito-idp",
        "kms",
        "secretsmanager",
        "cloudfront",
        "route53",
        "elasticache",
        "elbv2",
        "ecr",
        "ecs",
        "eks",
        "iam",
        "acm",
        "logs",
        "cloudwatch",
        "apigateway",
        "stepfunctions",
        "events",
        "kinesis",
        "opensearch",
        "efs",
        "sagemaker",
        "iot",
        "route53domains",
        "sesv2",
        "cloudformation",
    ],
)
def test_services_a_real_estate_uses_are_described(catalog: Catalog, service: str) -> None:
    entry = catalog.service(service)
    assert entry is not None, f"{service} missing from providers/aws/"
    assert entry.replacements and entry.runbook and entry.export.summary


def _traps_text(catalog: Catalog, service: str) -> str:
    entry = catalog.service(service)
    assert entry is not None
    return " ".join(f"{t.what} {t.subtle or ''} {t.action}" for t in entry.traps).lower()


def test_subtle_facts(catalog: Catalog) -> None:
    assert catalog.services["cognito-idp"].lock_in is LockIn.trapped
    assert "password" in _traps_text(catalog, "cognito-idp")
    assert "mfa" in _traps_text(catalog, "cognito-idp") or "totp" in _traps_text(catalog, "cognito-idp")
    assert catalog.services["kms"].lock_in is LockIn.trapped
    assert "re-encrypt" in _traps_text(catalog, "kms") or "reencrypt" in _traps_text(catalog, "kms")
    assert "2025" in _traps_text(catalog, "acm")
    ec2 = _traps_text(catalog, "ec2")
    assert "elastic ip" in ec2
    assert "windows" in ec2 and "marketplace" in ec2


def test_trapped_services_say_what_to_do_now(catalog: Catalog) -> None:
    for entry in catalog.services.values():
        for trap in entry.traps:
            assert len(trap.action) >= 10, entry.id


def test_equivalents_name_known_targets(catalog: Catalog) -> None:
    known = set(catalog.targets)
    for entry in catalog.services.values():
        unknown = set(entry.equivalents) - known
        assert not unknown, f"{entry.id}: equivalents for unknown targets {unknown}"


def test_targets(catalog: Catalog) -> None:
    for needed in ("bare-metal", "hetzner", "ovh", "digitalocean", "scaleway", "openstack"):
        target = catalog.targets[needed]
        assert target.regions and target.terraform_module.startswith("targets/")
        assert target.egress.usd_per_gb >= 0


@pytest.mark.parametrize(
    ("resource_type", "service"),
    [
        ("aws_s3_bucket", "s3"),
        ("aws_s3_object", "s3"),
        ("aws_dynamodb_table", "dynamodb"),
        ("aws_db_instance", "rds"),
        ("aws_rds_cluster", "rds"),
        ("aws_lambda_function", "lambda"),
        ("aws_lb", "elbv2"),
        ("aws_lb_listener", "elbv2"),
        ("aws_instance", "ec2"),
        ("aws_vpc", "ec2"),
        ("aws_cognito_user_pool", "cognito-idp"),
        ("aws_kms_key", "kms"),
        ("aws_ecr_repository", "ecr"),
        ("aws_ecs_service", "ecs"),
        ("aws_route53_record", "route53"),
        ("aws_cloudwatch_log_group", "logs"),
        ("aws_cloudwatch_event_rule", "events"),
        ("aws_cloudwatch_metric_alarm", "cloudwatch"),
        ("aws_sfn_state_machine", "stepfunctions"),
        ("aws_api_gateway_rest_api", "apigateway"),
        ("aws_apigatewayv2_api", "apigateway"),
        ("aws_kinesis_firehose_delivery_stream", "firehose"),
        ("aws_kinesis_stream", "kinesis"),
        ("aws_iam_role", "iam"),
        ("aws_secretsmanager_secret", "secretsmanager"),
        ("aws_elasticache_replication_group", "elasticache"),
        ("aws_cloudfront_distribution", "cloudfront"),
    ],
)
def test_terraform_types_map_to_the_right_service(catalog: Catalog, resource_type: str, service: str) -> None:
    entry = catalog.by_terraform_type(resource_type)
    assert entry is not None and entry.id == service


@pytest.mark.parametrize(
    ("resource_type", "service"),
    [
        ("AWS::S3::Bucket", "s3"),
        ("AWS::Serverless::Function", "lambda"),
        ("AWS::DynamoDB::Table", "dynamodb"),
        ("AWS::Cognito::UserPool", "cognito-idp"),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer", "elbv2"),
        ("AWS::EC2::Instance", "ec2"),
        ("AWS::KMS::Key", "kms"),
        ("AWS::Logs::LogGroup", "logs"),
    ],
)
def test_cloudformation_types_map_to_the_right_service(
    catalog: Catalog, resource_type: str, service: str
) -> None:
    entry = catalog.by_cloudformation_type(resource_type)
    assert entry is not None and entry.id == service


def test_match_resolves_by_service_then_type(catalog: Catalog) -> None:
    live = Resource(uid="arn:aws:sqs:us-east-1:1:q", service="sqs", type="AWS::SQS::Queue", name="q")
    code = Resource(
        uid="main.tf:3", service="unknown", type="aws_dynamodb_table", name="t", origin="terraform"
    )
    assert catalog.match(live).id == "sqs"  # type: ignore[union-attr]
    assert catalog.match(code).id == "dynamodb"  # type: ignore[union-attr]


def _copy_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "providers"
    shutil.copytree(providers_dir(), root)
    return root


def test_malformed_catalog_file_is_rejected_with_path_and_field(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    broken = root / "aws" / "sqs.yaml"
    data = yaml.safe_load(broken.read_text())
    data["lock_in"] = "sticky"
    broken.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError) as caught:
        Catalog.load(root)
    assert str(broken) in caught.value.message
    assert "lock_in" in caught.value.message


def test_missing_required_field_and_bad_yaml_are_named(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    entry = root / "aws" / "sns.yaml"
    data = yaml.safe_load(entry.read_text())
    del data["replacements"]
    entry.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogError, match=r"sns\.yaml: .*replacements"):
        Catalog.load(root)
    entry.write_text("id: sns\nname: [unclosed\n")
    with pytest.raises(CatalogError, match=r"sns\.yaml: not valid YAML"):
        Catalog.load(root)


def test_id_must_match_file_name(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    entry = root / "aws" / "sqs.yaml"
    entry.write_text(entry.read_text().replace("id: sqs", "id: sqs-queue", 1))
    with pytest.raises(CatalogError, match=r"sqs\.yaml: field 'id'"):
        Catalog.load(root)


def test_catalog_cli_json_lists_every_service(catalog: Catalog, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from toolkit.cli import main

    assert main(["catalog", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    ids = {service["id"] for service in document["services"]}
    assert ids == set(catalog.services)
    first = document["services"][0]
    for key in ("id", "lock_in", "export", "traps", "replacements"):
        assert key in first


def test_catalog_cli_unknown_service_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.cli import main

    assert main(["catalog", "no-such-service"]) == 3
    assert "no catalog entry" in capsys.readouterr().err
