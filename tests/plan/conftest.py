"""A realistic assessed estate for the planner: the mix a small SaaS on AWS really runs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolkit.catalog import Catalog
from toolkit.documents import write
from toolkit.model import (
    Assessment,
    Blocker,
    DataGravity,
    DataSize,
    Egress,
    Estimate,
    EstimateInputs,
    Finding,
    Inventory,
    LockIn,
    Phase,
    Resource,
    Score,
    StoreSize,
)

ACCOUNT = "123456789012"
REGION = "eu-west-1"
GIB = 1024**3


def _arn(service: str, rest: str, region: str = REGION) -> str:
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{rest}"


def estate_resources() -> list[Resource]:
    """EC2, ALB, RDS PostgreSQL, S3 with bytes, DynamoDB, SQS, Lambda, Cognito, KMS, Route53,
    CloudFront, ElastiCache, and one service the catalog does not know."""
    return [
        Resource(
            uid=_arn("ec2", "instance/i-0a1b2c3d4e5f00001"),
            service="ec2",
            type="AWS::EC2::Instance",
            name="i-0a1b2c3d4e5f00001",
            region=REGION,
            attributes={"PrivateIpAddress": "10.0.1.10"},
            data=DataSize(bytes=40 * GIB, method="api"),
        ),
        Resource(
            uid=_arn("ec2", "instance/i-0a1b2c3d4e5f00002"),
            service="ec2",
            type="AWS::EC2::Instance",
            name="i-0a1b2c3d4e5f00002",
            region=REGION,
            data=DataSize(bytes=40 * GIB, method="api"),
        ),
        Resource(
            uid=_arn("elasticloadbalancing", "loadbalancer/app/web/50dc6c495c0c9188"),
            service="elbv2",
            type="AWS::ElasticLoadBalancingV2::LoadBalancer",
            name="web",
            region=REGION,
        ),
        Resource(
            uid=_arn("rds", "db:orders"),
            service="rds",
            type="AWS::RDS::DBInstance",
            name="orders",
            region=REGION,
            attributes={
                "Engine": "postgres",
                "DBName": "orders",
                "Endpoint": {"Address": "orders.abc.eu-west-1.rds.amazonaws.com"},
            },
            data=DataSize(bytes=120 * GIB, method="cloudwatch"),
        ),
        Resource(
            uid="arn:aws:s3:::acme-uploads",
            service="s3",
            type="AWS::S3::Bucket",
            name="acme-uploads",
            region=REGION,
            data=DataSize(bytes=2_000 * GIB, objects=4_000_000, method="cloudwatch"),
        ),
        Resource(
            uid=_arn("dynamodb", "table/sessions"),
            service="dynamodb",
            type="AWS::DynamoDB::Table",
            name="sessions",
            region=REGION,
            data=DataSize(bytes=3 * GIB, items=9_000_000, method="api"),
        ),
        Resource(uid=_arn("sqs", "jobs"), service="sqs", type="AWS::SQS::Queue", name="jobs", region=REGION),
        Resource(
            uid=_arn("lambda", "function:thumbnailer"),
            service="lambda",
            type="AWS::Lambda::Function",
            name="thumbnailer",
            region=REGION,
        ),
        Resource(
            uid=_arn("cognito-idp", "userpool/eu-west-1_AbCdEf"),
            service="cognito-idp",
            type="AWS::Cognito::UserPool",
            name="customers",
            region=REGION,
            attributes={"Id": "eu-west-1_AbCdEf"},
            data=DataSize(users=52_000, method="api"),
        ),
        Resource(
            uid=_arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            service="kms",
            type="AWS::KMS::Key",
            name="1234abcd-12ab-34cd-56ef-1234567890ab",
            region=REGION,
        ),
        Resource(
            uid="arn:aws:route53:::hostedzone/Z0123456789ABC",
            service="route53",
            type="AWS::Route53::HostedZone",
            name="acme.example.",
            region="global",
            attributes={"Id": "Z0123456789ABC", "Name": "acme.example."},
        ),
        Resource(
            uid=f"arn:aws:cloudfront::{ACCOUNT}:distribution/E2QWRUHEXAMPLE",
            service="cloudfront",
            type="AWS::CloudFront::Distribution",
            name="E2QWRUHEXAMPLE",
            region="global",
        ),
        Resource(
            uid=_arn("elasticache", "cluster:sessions-cache"),
            service="elasticache",
            type="AWS::ElastiCache::CacheCluster",
            name="sessions-cache",
            region=REGION,
            data=DataSize(bytes=1 * GIB, method="api"),
        ),
        Resource(
            uid=_arn("frobnicator", "widget/w-1"),
            service="frobnicator",
            type="AWS::Frobnicator::Widget",
            name="w-1",
            region=REGION,
        ),
    ]


def build_assessment(catalog: Catalog, resources: list[Resource] | None = None) -> Assessment:
    """An assessment of ``resources`` judged against the real catalog, made by hand as the audit would."""
    resources = resources if resources is not None else estate_resources()
    findings: list[Finding] = []
    by_entry: dict[str, list[Resource]] = {}
    for resource in resources:
        entry = catalog.match(resource)
        if entry is not None:
            by_entry.setdefault(entry.id, []).append(resource)
    for entry_id, members in sorted(by_entry.items()):
        entry = catalog.service(entry_id) or catalog.platforms[entry_id]
        findings.append(
            Finding(
                id=f"{entry_id}-0001",
                entry=entry_id,
                service=entry_id,
                title=entry.name,
                resources=[r.uid for r in members],
                lock_in=entry.lock_in,
                reason=entry.rationale,
                effort_hours=entry.effort.hours,
            )
        )
    blockers = (
        [
            Blocker(
                id="cognito-idp-passwords",
                service="cognito-idp",
                title="User passwords and MFA secrets cannot be exported",
                detail="No API returns password hashes or TOTP secrets.",
                action_now="Deploy a migrate-user Lambda trigger now, or plan a forced reset.",
                resources=[r.uid for r in resources if r.service == "cognito-idp"],
                deadline="after",
            ),
        ]
        if any(r.service == "cognito-idp" for r in resources)
        else []
    )
    stores = [
        StoreSize(uid=r.uid, service=r.service, name=r.name, region=r.region, bytes=r.data.bytes)
        for r in resources
        if r.data and r.data.bytes
    ]
    total = sum(s.bytes for s in stores)
    inputs = EstimateInputs(
        notice_hours=36, bandwidth_bps=1e9, parallel_lanes=16, efficiency=0.8, team_size=4
    )
    transfer = total / (inputs.bandwidth_bps * inputs.efficiency / 8) / 3600
    return Assessment(
        generated_at=datetime(2025, 6, 1, 12, 0, tzinfo=UTC),
        tool_version="test",
        inventory=Inventory(generated_at=datetime(2025, 6, 1, 11, 0, tzinfo=UTC), resources=resources),
        findings=findings,
        blockers=blockers,
        score=Score(value=42.0, formula="test", by_level={level.value: 0 for level in LockIn}),
        data=DataGravity(bytes=total, stores=stores),
        estimate=Estimate(
            inputs=inputs,
            phases=[
                Phase(name="prepare", hours=3.0),
                Phase(name="transfer", hours=transfer, depends_on=["prepare"]),
                Phase(name="cutover", hours=2.0, depends_on=["transfer"]),
            ],
            critical_path=["prepare", "transfer", "cutover"],
            hours=5.0 + transfer,
            fits_notice=True,
            transfer_hours=transfer,
        ),
        egress=Egress(usd=180.0, bytes=total),
    )


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The real catalog under providers/."""
    return Catalog.load()


@pytest.fixture(scope="session")
def assessment(catalog: Catalog) -> Assessment:
    """The assessed estate."""
    return build_assessment(catalog)


@pytest.fixture
def assessment_file(tmp_path: Path, assessment: Assessment) -> Path:
    """The assessment written as ``assessment.json``."""
    return write(tmp_path / "assessment.json", assessment)
