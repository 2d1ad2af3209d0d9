"""An assessment with every kind of finding: live and code resources, blockers, a waiver, a scan error."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from toolkit.assess.gating import Waiver, Waivers
from toolkit.audit import assess
from toolkit.catalog import Catalog
from toolkit.model import (
    Assessment,
    DataSize,
    EstimateInputs,
    Inventory,
    Location,
    Resource,
    ScanError,
    ScannerRun,
)

NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def _r(
    uid: str,
    service: str,
    type_: str,
    size: int | None = None,
    users: int | None = None,
    location: Location | None = None,
    region: str = "us-east-1",
    **attributes: object,
) -> Resource:
    data = DataSize(bytes=size or 0, users=users) if size is not None or users is not None else None
    return Resource(
        uid=uid,
        service=service,
        type=type_,
        name=uid.rsplit("/", 1)[-1],
        region=region,
        attributes=dict(attributes),
        data=data,
        location=location,
        origin="terraform" if location else "api",
    )


@pytest.fixture(scope="session")
def assessment() -> Assessment:
    """A small but complete estate, assessed with the packaged catalog."""
    inventory = Inventory(
        generated_at=NOW,
        resources=[
            _r(
                'arn:aws:s3:::media <&> "quoted"',
                "s3",
                "AWS::S3::Bucket",
                size=3 * 10**12,
                storage_classes={"GLACIER": 10**11},
            ),
            _r(
                "arn:aws:dynamodb:us-east-1:1:table/orders",
                "dynamodb",
                "AWS::DynamoDB::Table",
                size=4 * 10**11,
                stream="arn:aws:dynamodb:us-east-1:1:table/orders/stream/1",
            ),
            _r(
                "arn:aws:rds:eu-west-1:1:db/main",
                "rds",
                "AWS::RDS::DBInstance",
                size=2 * 10**11,
                region="eu-west-1",
                engine="postgres",
                kms_key="arn:aws:kms:eu-west-1:1:key/k1",
            ),
            _r("arn:aws:kms:eu-west-1:1:key/k1", "kms", "AWS::KMS::Key", region="eu-west-1"),
            _r(
                "arn:aws:cognito-idp:us-east-1:1:userpool/users",
                "cognito-idp",
                "AWS::Cognito::UserPool",
                users=4200,
            ),
            _r(
                "infra/queues.tf:4",
                "sqs",
                "aws_sqs_queue",
                location=Location(path="infra/queues.tf", line=4, end_line=7),
            ),
            _r(
                "src/app.py:12",
                "dynamodb",
                "sdk",
                location=Location(path="src/app.py", line=12, column=5, evidence="boto3.client('dynamodb')"),
            ),
            _r("arn:aws:frobnicator:us-east-1:1:thing/x", "frobnicator", "AWS::Frobnicator::Thing"),
        ],
        runs=[
            ScannerRun(
                scanner="aws",
                target="1",
                errors=[
                    ScanError(
                        scanner="aws", service="ses", code="AccessDenied", message="ses:ListIdentities denied"
                    )
                ],
            )
        ],
    )
    waivers = Waivers(
        waivers=[Waiver(service="frobnicator", reason="being removed", expires=date(2026, 1, 1))]
    )
    return assess(inventory, Catalog.load(), EstimateInputs(), waivers=waivers, now=NOW)
