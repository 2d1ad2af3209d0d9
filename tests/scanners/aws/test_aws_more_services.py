"""The collectors added for full catalog coverage, each found on a real (moto) endpoint.

Services moto 5.2 lacks (Amplify, App Runner, CodeArtifact, Global Accelerator, Grafana, IoT Events,
Kendra, Lightsail, Location, MediaConvert, MWAA, Storage Gateway, Translate) or whose create/list
calls it does not implement (AppConfig, CodeCommit, Greengrass v2, Personalize, QuickSight,
Rekognition, Textract, X-Ray, DocumentDB, Route 53 Domains, IAM Identity Center, WorkSpaces) are
not seeded here: against this endpoint they are skipped, which one test checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest

from toolkit.context import AwsAccess
from toolkit.demo import local_aws
from toolkit.model import Inventory
from toolkit.scanners.aws import scan

REGION = "us-east-1"
ROLE = "arn:aws:iam::123456789012:role/evac-test"
Client = Callable[[str], Any]


def _two_zones(c: Client) -> dict[str, Any]:
    """The default VPC and one of its subnets in each of two zones (Directory Service needs that)."""
    vpc = c("ec2").describe_vpcs(Filters=[{"Name": "is-default", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    subnets = c("ec2").describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
    by_zone = {s["AvailabilityZone"]: s["SubnetId"] for s in sorted(subnets, key=lambda s: s["SubnetId"])}
    return {"VpcId": vpc, "SubnetIds": [by_zone[z] for z in sorted(by_zone)[:2]]}


SEEDS: dict[str, Callable[[Client], object]] = {
    "acm-pca": lambda c: c("acm-pca").create_certificate_authority(
        CertificateAuthorityConfiguration={
            "KeyAlgorithm": "RSA_2048",
            "SigningAlgorithm": "SHA256WITHRSA",
            "Subject": {"CommonName": "evac.example"},
        },
        CertificateAuthorityType="ROOT",
    ),
    "bedrock": lambda c: c("bedrock").create_model_customization_job(
        jobName="evac-job",
        customModelName="evac-model",
        roleArn=ROLE,
        baseModelIdentifier="amazon.titan-text-express-v1",
        trainingDataConfig={"s3Uri": "s3://evac/train"},
        outputDataConfig={"s3Uri": "s3://evac/out"},
        hyperParameters={},
    ),
    "cloudhsmv2": lambda c: c("cloudhsmv2").create_cluster(
        HsmType="hsm1.medium", SubnetIds=["subnet-12345678"]
    ),
    "codedeploy": lambda c: c("codedeploy").create_application(
        applicationName="evac-app", computePlatform="Server"
    ),
    "comprehend": lambda c: c("comprehend").create_endpoint(
        EndpointName="evac-endpoint",
        ModelArn="arn:aws:comprehend:us-east-1:123456789012:document-classifier/evac",
        DesiredInferenceUnits=1,
    ),
    "config": lambda c: c("config").put_config_rule(
        ConfigRule={
            "ConfigRuleName": "evac-rule",
            "Source": {"Owner": "AWS", "SourceIdentifier": "S3_BUCKET_VERSIONING_ENABLED"},
        }
    ),
    "connect": lambda c: c("connect").create_instance(
        IdentityManagementType="CONNECT_MANAGED",
        InstanceAlias="evac-connect",
        InboundCallsEnabled=True,
        OutboundCallsEnabled=False,
    ),
    "directconnect": lambda c: c("directconnect").create_connection(
        location="EqDC2", bandwidth="1Gbps", connectionName="evac-dx"
    ),
    "dms": lambda c: c("dms").create_replication_instance(
        ReplicationInstanceIdentifier="evac-dms", ReplicationInstanceClass="dms.t3.micro"
    ),
    "ds": lambda c: c("ds").create_directory(
        Name="corp.evac.example",
        Password="Evac-Passw0rd!",
        Size="Small",
        VpcSettings=_two_zones(c),
    ),
    "guardduty": lambda c: c("guardduty").create_detector(Enable=True),
    "ivs": lambda c: c("ivs").create_channel(name="evac-channel"),
    "kinesisanalyticsv2": lambda c: c("kinesisanalyticsv2").create_application(
        ApplicationName="evac-flink", RuntimeEnvironment="FLINK-1_18", ServiceExecutionRole=ROLE
    ),
    "kinesisvideo": lambda c: c("kinesisvideo").create_stream(StreamName="evac-video"),
    "lakeformation": lambda c: c("lakeformation").register_resource(
        ResourceArn="arn:aws:s3:::evac-lake/raw", UseServiceLinkedRole=True
    ),
    "lexv2-models": lambda c: c("lexv2-models").create_bot(
        botName="evac-bot", roleArn=ROLE, dataPrivacy={"childDirected": False}, idleSessionTTLInSeconds=300
    ),
    "neptune": lambda c: c("neptune").create_db_cluster(DBClusterIdentifier="evac-graph", Engine="neptune"),
    "network-firewall": lambda c: c("network-firewall").create_firewall(
        FirewallName="evac-fw",
        FirewallPolicyArn="arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/evac",
        VpcId="vpc-12345678",
        SubnetMappings=[{"SubnetId": "subnet-12345678"}],
    ),
    "pinpoint": lambda c: c("pinpoint").create_app(CreateApplicationRequest={"Name": "evac-pinpoint"}),
    "pipes": lambda c: c("pipes").create_pipe(
        Name="evac-pipe",
        RoleArn=ROLE,
        Source="arn:aws:sqs:us-east-1:123456789012:evac-src",
        Target="arn:aws:sqs:us-east-1:123456789012:evac-dst",
    ),
    "polly": lambda c: c("polly").put_lexicon(
        Name="evaclex",
        Content='<?xml version="1.0" encoding="UTF-8"?><lexicon version="1.0" '
        'xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-US">'
        "<lexeme><grapheme>W3C</grapheme><alias>World Wide Web Consortium</alias></lexeme></lexicon>",
    ),
    "ram": lambda c: c("ram").create_resource_share(name="evac-share"),
    "servicecatalog": lambda c: c("servicecatalog").create_portfolio(
        DisplayName="evac-portfolio", ProviderName="evac", IdempotencyToken="evac-1"
    ),
    "shield": lambda c: (
        c("shield").create_subscription(),
        c("shield").create_protection(
            Name="evac-protect", ResourceArn="arn:aws:cloudfront::123456789012:distribution/EVAC"
        ),
    ),
    "timestream-influxdb": lambda c: c("timestream-influxdb").create_db_instance(
        name="evac-influx",
        password="evac-password-1",
        dbInstanceType="db.influx.medium",
        vpcSubnetIds=["subnet-12345678"],
        vpcSecurityGroupIds=["sg-12345678"],
        allocatedStorage=20,
    ),
    "transcribe": lambda c: c("transcribe").create_vocabulary(
        VocabularyName="evac-vocab", LanguageCode="en-US", Phrases=["evac"]
    ),
    "vpc-lattice": lambda c: c("vpc-lattice").create_service_network(name="evac-mesh"),
}
UNSERVED = ["amplify", "grafana", "location", "mwaa"]


@pytest.fixture(scope="module")
def seeded() -> Iterator[tuple[str, Inventory]]:
    with local_aws() as url, pytest.MonkeyPatch.context() as patch:
        patch.setenv("AWS_ACCESS_KEY_ID", "testing")
        patch.setenv("AWS_SECRET_ACCESS_KEY", "testing")

        def client(service: str) -> Any:
            return boto3.client(service, endpoint_url=url, region_name=REGION)

        for seed in SEEDS.values():
            seed(client)
        inventory = scan(
            AwsAccess(endpoint_url=url), [REGION], services=[*SEEDS, "rds", *UNSERVED], progress=False
        )
        yield url, inventory


@pytest.mark.parametrize("service", sorted(SEEDS))
def test_seeded_resource_is_found(seeded: tuple[str, Inventory], service: str) -> None:
    _, inventory = seeded
    found = [r for r in inventory.resources if r.service == service]
    assert len(found) == 1, (service, [r.uid for r in found], inventory.errors)
    resource = found[0]
    assert resource.uid.startswith("arn:aws:") and resource.type.startswith("AWS::")
    assert "evac" in resource.name or resource.service in {"acm-pca", "cloudhsmv2", "guardduty", "ds"}


def test_neptune_cluster_is_counted_once(seeded: tuple[str, Inventory]) -> None:
    _, inventory = seeded
    graph = [r for r in inventory.resources if r.name == "evac-graph"]
    assert [(r.service, r.type) for r in graph] == [("neptune", "AWS::Neptune::DBCluster")]


def test_services_the_endpoint_lacks_are_skipped_not_errors(seeded: tuple[str, Inventory]) -> None:
    _, inventory = seeded
    assert inventory.errors == []
    skipped = " ".join(inventory.runs[0].skipped)
    for service in UNSERVED:
        assert f"{service}: not served by the endpoint" in skipped, service
    calls = inventory.runs[0].api_calls_by_operation
    assert all(n == 1 for op, n in calls.items() if op.split(":")[0] in {"amplify", "grafana", "mwaa"})


def test_every_catalog_service_with_a_list_api_is_collected() -> None:
    from pathlib import Path

    from toolkit.scanners.aws import services

    folder = Path(__file__).resolve().parents[3] / "providers" / "aws"
    catalog = {p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_")}
    # no list API of resources (ebs, sts), findings only (inspector2, securityhub, macie2), a data-read
    # permission for listing (keyspaces: cassandra:Select), read as `ses` (sesv2)
    without = {"ebs", "sts", "inspector2", "securityhub", "macie2", "keyspaces", "sesv2"}
    assert catalog - set(services()) == without
