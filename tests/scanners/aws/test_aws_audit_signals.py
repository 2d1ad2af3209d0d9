"""What the audit needs from the scanner: Object Lock, archive classes, Cognito login at the load
balancer and certificate types are read from a real (moto) endpoint and fire the matching checks.
Edge functions come from a recorded CloudFront answer: moto does not keep function associations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from toolkit.audit import assess
from toolkit.catalog import Catalog
from toolkit.context import AwsAccess
from toolkit.demo import local_aws
from toolkit.model import Assessment, EstimateInputs, Inventory
from toolkit.scanners.aws import scan
from toolkit.scanners.aws.base import ScanContext, ScanShared
from toolkit.scanners.aws.network import distributions

REGION = "us-east-1"
EDGE_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:evac-edge:3"
VIEWER_FUNCTION = "arn:aws:cloudfront::123456789012:function/evac-rewrite"


def _client(url: str, service: str) -> object:
    import boto3

    return boto3.client(service, endpoint_url=url, region_name=REGION)


def _seed_bucket(url: str) -> None:
    s3 = _client(url, "s3")
    s3.create_bucket(Bucket="evac-vault", ObjectLockEnabledForBucket=True)  # type: ignore[attr-defined]
    s3.put_object_lock_configuration(  # type: ignore[attr-defined]
        Bucket="evac-vault",
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}},
        },
    )
    for key, body, storage in (
        ("hot.txt", b"h" * 100, "STANDARD"),
        ("cold.bin", b"c" * 2_000, "GLACIER"),
        ("frozen.bin", b"f" * 3_000, "DEEP_ARCHIVE"),
    ):
        s3.put_object(Bucket="evac-vault", Key=key, Body=body, StorageClass=storage)  # type: ignore[attr-defined]


def _seed_load_balancer(url: str) -> None:
    ec2, elb, idp, acm = (_client(url, s) for s in ("ec2", "elbv2", "cognito-idp", "acm"))
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]  # type: ignore[attr-defined]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{n}.0/24", AvailabilityZone=f"{REGION}{z}")[  # type: ignore[attr-defined]
            "Subnet"
        ]["SubnetId"]
        for n, z in ((1, "a"), (2, "b"))
    ]
    lb = elb.create_load_balancer(Name="evac-login", Subnets=subnets, Type="application")[  # type: ignore[attr-defined]
        "LoadBalancers"
    ][0]["LoadBalancerArn"]
    pool = idp.create_user_pool(PoolName="evac-staff")["UserPool"]  # type: ignore[attr-defined]
    app = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="alb")["UserPoolClient"]  # type: ignore[attr-defined]
    certificate = acm.request_certificate(DomainName="login.evac.example")["CertificateArn"]  # type: ignore[attr-defined]
    elb.create_listener(  # type: ignore[attr-defined]
        LoadBalancerArn=lb,
        Protocol="HTTPS",
        Port=443,
        Certificates=[{"CertificateArn": certificate}],
        DefaultActions=[
            {
                "Type": "authenticate-cognito",
                "Order": 1,
                "AuthenticateCognitoConfig": {
                    "UserPoolArn": pool["Arn"],
                    "UserPoolClientId": app["ClientId"],
                    "UserPoolDomain": "evac-staff",
                },
            },
            {
                "Type": "fixed-response",
                "Order": 2,
                "FixedResponseConfig": {
                    "StatusCode": "200",
                    "ContentType": "text/plain",
                    "MessageBody": "ok",
                },
            },
        ],
    )


@pytest.fixture(scope="module")
def signals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Inventory, Assessment]:
    with local_aws() as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        _seed_bucket(url)
        _seed_load_balancer(url)
        inventory = scan(
            AwsAccess(endpoint_url=url),
            [REGION],
            services=["s3", "elbv2", "cognito-idp", "acm"],
            progress=False,
        )
    return inventory, assess(inventory, Catalog.load(), EstimateInputs(target="hetzner"))


def _checks(assessment: Assessment, uid: str) -> list[str]:
    return [c.split(":", 1)[0] for f in assessment.findings if uid in f.resources for c in f.checks]


def test_bucket_object_lock_and_archive_classes(signals: tuple[Inventory, Assessment]) -> None:
    inventory, assessment = signals
    assert not inventory.errors, inventory.errors
    bucket = next(r for r in inventory.resources if r.name == "evac-vault")
    assert bucket.attributes["object_lock_enabled"] is True
    assert bucket.attributes["object_lock_mode"] == "GOVERNANCE"
    assert bucket.attributes["storage_classes"] == {"DEEP_ARCHIVE": 3_000, "GLACIER": 2_000, "STANDARD": 100}
    assert {"s3.object_lock", "s3.archive_classes"} <= set(_checks(assessment, bucket.uid))


def test_listener_with_cognito_login(signals: tuple[Inventory, Assessment]) -> None:
    inventory, assessment = signals
    listener = next(r for r in inventory.resources if r.type == "AWS::ElasticLoadBalancingV2::Listener")
    pool = next(r for r in inventory.resources if r.type == "AWS::Cognito::UserPool")
    assert "authenticate-cognito" in listener.attributes["action_types"]
    assert pool.uid in listener.depends_on
    assert "elb.cognito_auth" in _checks(assessment, listener.uid)


def _recorded_distribution() -> dict[str, Any]:
    """A ListDistributions answer as CloudFront gives it (moto 5.2 drops function associations)."""
    behaviour = {
        "TargetOriginId": "web",
        "ViewerProtocolPolicy": "redirect-to-https",
        "LambdaFunctionAssociations": {
            "Quantity": 1,
            "Items": [{"LambdaFunctionARN": EDGE_FUNCTION, "EventType": "origin-request"}],
        },
        "FunctionAssociations": {
            "Quantity": 1,
            "Items": [{"FunctionARN": VIEWER_FUNCTION, "EventType": "viewer-request"}],
        },
    }
    summary = {
        "Id": "E2EVACEDGE",
        "ARN": "arn:aws:cloudfront::123456789012:distribution/E2EVACEDGE",
        "Status": "Deployed",
        "LastModifiedTime": datetime(2024, 6, 1, tzinfo=UTC),
        "DomainName": "d111111abcdef8.cloudfront.net",
        "Aliases": {"Quantity": 0},
        "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": "origin.evac.example"}]},
        "DefaultCacheBehavior": behaviour,
        "CacheBehaviors": {"Quantity": 0},
        "CustomErrorResponses": {"Quantity": 0},
        "Comment": "edge logic",
        "PriceClass": "PriceClass_All",
        "Enabled": True,
        "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
        "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
        "WebACLId": "",
        "HttpVersion": "http2",
        "IsIPV6Enabled": True,
        "Staging": False,
    }
    return {
        "DistributionList": {
            "Marker": "",
            "MaxItems": 100,
            "IsTruncated": False,
            "Quantity": 1,
            "Items": [summary],
        }
    }


def test_distribution_with_edge_functions() -> None:
    import boto3
    from botocore.stub import Stubber

    shared = ScanShared(access=AwsAccess(), session=boto3.Session(), account="123456789012")
    client = boto3.client("cloudfront", region_name=REGION)
    with Stubber(client) as stub:
        stub.add_response("list_distributions", _recorded_distribution(), {})
        shared._clients[("cloudfront", REGION)] = client
        resources = list(distributions(ScanContext(shared, REGION, "cloudfront")))
    cdn = resources[0]
    assert cdn.attributes["lambda_function_associations"] == [EDGE_FUNCTION]
    assert cdn.attributes["function_associations"] == [VIEWER_FUNCTION]
    assert EDGE_FUNCTION.rsplit(":", 1)[0] in cdn.depends_on  # the function, not one version
    assessment = assess(Inventory(resources=resources), Catalog.load(), EstimateInputs(target="hetzner"))
    assert "cloudfront.edge_functions" in _checks(assessment, cdn.uid)


def test_certificate_type_reaches_the_acm_check(signals: tuple[Inventory, Assessment]) -> None:
    inventory, assessment = signals
    certificate = next(r for r in inventory.resources if r.service == "acm")
    assert certificate.attributes["type"] == "AMAZON_ISSUED"
    assert "acm.export" in _checks(assessment, certificate.uid)
