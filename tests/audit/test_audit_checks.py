"""Attribute checks that change the verdict, and findings that cover every resource."""

from __future__ import annotations

from audit_builders import NOW, inventory, record, res

from toolkit.audit import assess
from toolkit.catalog import Catalog
from toolkit.model import Assessment, EstimateInputs, Finding, LockIn


def _assess(catalog: Catalog, *resources: object) -> Assessment:
    return assess(inventory(*resources), catalog, EstimateInputs(target="test-metal"), now=NOW)  # type: ignore[arg-type]


def _finding(a: Assessment, uid: str) -> Finding:
    return next(f for f in a.findings if uid in f.resources)


def test_rds_engines(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res("arn:aws:rds:us-east-1:1:db:pg", "rds", "AWS::RDS::DBInstance", engine="postgres"),
        res("arn:aws:rds:us-east-1:1:db:my", "rds", "AWS::RDS::DBInstance", engine="mysql"),
        res("arn:aws:rds:us-east-1:1:cluster:au", "rds", "AWS::RDS::DBCluster", engine="aurora-postgresql"),
        res(
            "arn:aws:rds:us-east-1:1:cluster:ag",
            "rds",
            "AWS::RDS::DBCluster",
            engine="aurora-mysql",
            global_cluster_identifier="g1",
        ),
        res("arn:aws:rds:us-east-1:1:db:ss", "rds", "AWS::RDS::DBInstance", engine="sqlserver-se"),
    )
    assert _finding(a, "arn:aws:rds:us-east-1:1:db:pg").lock_in is LockIn.portable
    assert _finding(a, "arn:aws:rds:us-east-1:1:db:my").lock_in is LockIn.portable
    assert _finding(a, "arn:aws:rds:us-east-1:1:cluster:au").lock_in is LockIn.compatible
    aurora_global = _finding(a, "arn:aws:rds:us-east-1:1:cluster:ag")
    assert aurora_global.lock_in is LockIn.proprietary and "global database" in aurora_global.reason
    assert _finding(a, "arn:aws:rds:us-east-1:1:db:ss").lock_in is LockIn.proprietary


def test_s3_object_lock_and_glacier(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res("arn:aws:s3:::plain", "s3", "AWS::S3::Bucket", size=10),
        res("arn:aws:s3:::locked", "s3", "AWS::S3::Bucket", size=10, object_lock_enabled="Enabled"),
        res("arn:aws:s3:::cold", "s3", "AWS::S3::Bucket", size=10, storage_classes={"GLACIER": 10}),
    )
    plain = _finding(a, "arn:aws:s3:::plain")
    assert plain.lock_in is catalog.services["s3"].lock_in
    locked = _finding(a, "arn:aws:s3:::locked")
    assert locked.lock_in.rank >= LockIn.proprietary.rank and any("Object Lock" in c for c in locked.checks)
    cold = _finding(a, "arn:aws:s3:::cold")
    assert any("+5 h" in c for c in cold.checks) and "s3-archive-restore" in cold.blockers


def test_dynamodb_streams_and_global_tables_add_effort(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res("arn:aws:dynamodb:us-east-1:1:table/plain", "dynamodb", "AWS::DynamoDB::Table", size=1),
        res(
            "arn:aws:dynamodb:us-east-1:1:table/g",
            "dynamodb",
            "AWS::DynamoDB::Table",
            size=1,
            stream="arn:aws:dynamodb:us-east-1:1:table/g/stream/x",
            replicas=["eu-west-1", "us-west-2"],
        ),
    )
    plain = _finding(a, "arn:aws:dynamodb:us-east-1:1:table/plain")
    rich = _finding(a, "arn:aws:dynamodb:us-east-1:1:table/g")
    assert {c.split(":")[0] for c in rich.checks} == {"dynamodb.streams", "dynamodb.global_table"}
    assert rich.effort_hours == (plain.effort_hours[0] + 12, plain.effort_hours[1] + 40)


def test_lambda_event_sources(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res(
            "arn:aws:lambda:us-east-1:1:function:f",
            "lambda",
            "AWS::Lambda::Function",
            event_sources=["arn:aws:sqs:us-east-1:1:q"],
        ),
    )
    finding = _finding(a, "arn:aws:lambda:us-east-1:1:function:f")
    assert finding.lock_in.rank >= LockIn.proprietary.rank
    assert any("arn:aws:sqs:us-east-1:1:q" in c for c in finding.checks)


def test_kms_key_lists_what_it_encrypts(catalog: Catalog) -> None:
    key = "arn:aws:kms:us-east-1:1:key/1234-abcd"
    a = _assess(
        catalog,
        res(key, "kms", "AWS::KMS::Key"),
        res("arn:aws:s3:::enc", "s3", "AWS::S3::Bucket", size=1, kms_key="1234-abcd"),
        res("arn:aws:rds:us-east-1:1:db:pg", "rds", "AWS::RDS::DBInstance", engine="postgres", kms_key=key),
    )
    key_finding = _finding(a, key)
    assert key_finding.lock_in is LockIn.trapped
    assert "encrypts 2 resource(s)" in key_finding.checks[0]
    blocker = next(b for b in a.blockers if b.id == "kms-reencrypt")
    assert blocker.resources == sorted([key, "arn:aws:s3:::enc", "arn:aws:rds:us-east-1:1:db:pg"])
    assert "re-encrypt" in blocker.action_now


def test_cognito_user_count_traps(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res("arn:aws:cognito-idp:us-east-1:1:userpool/a", "cognito-idp", "AWS::Cognito::UserPool", users=700),
        res(
            "arn:aws:cognito-idp:us-east-1:1:userpool/b",
            "cognito-idp",
            "AWS::Cognito::UserPool",
            estimated_number_of_users=300,
        ),
        res(
            "arn:aws:cognito-idp:us-east-1:1:userpool/empty", "cognito-idp", "AWS::Cognito::UserPool", users=0
        ),
    )
    assert _finding(a, "arn:aws:cognito-idp:us-east-1:1:userpool/a").lock_in is LockIn.trapped
    assert _finding(a, "arn:aws:cognito-idp:us-east-1:1:userpool/empty").lock_in is LockIn.proprietary
    blocker = next(b for b in a.blockers if b.id == "cognito-passwords")
    assert "(1000 users)" in blocker.title and "lazy migration" in blocker.action_now
    assert a.blockers[0].deadline == "before_notice"


def test_ami_export_limits(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res("arn:aws:ec2:us-east-1::image/ami-lin", "ec2", "AWS::EC2::Image", platform_details="Linux/UNIX"),
        res("arn:aws:ec2:us-east-1::image/ami-win", "ec2", "AWS::EC2::Image", platform="windows"),
        res("arn:aws:ec2:us-east-1::image/ami-mkt", "ec2", "AWS::EC2::Image", product_codes=["abc"]),
        res(
            "arn:aws:ec2:us-east-1::image/ami-enc",
            "ec2",
            "AWS::EC2::Image",
            block_device_mappings=[{"Ebs": {"Encrypted": True}}],
        ),
    )
    assert _finding(a, "arn:aws:ec2:us-east-1::image/ami-lin").lock_in is LockIn.compatible
    for name in ("win", "mkt", "enc"):
        assert _finding(a, f"arn:aws:ec2:us-east-1::image/ami-{name}").lock_in is LockIn.trapped
    assert len(next(b for b in a.blockers if b.id == "ami-not-exportable").resources) == 3


def test_load_balancer_cognito_and_cloudfront_edge(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res(
            "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/x/1/2",
            "elbv2",
            "AWS::ElasticLoadBalancingV2::Listener",
            default_actions=[{"Type": "authenticate-cognito"}],
        ),
        res(
            "arn:aws:cloudfront::1:distribution/E1",
            "cloudfront",
            "AWS::CloudFront::Distribution",
            region="global",
            lambda_function_associations=["arn:aws:lambda:us-east-1:1:function:edge:1"],
        ),
    )
    listener = _finding(a, "arn:aws:elasticloadbalancing:us-east-1:1:listener/app/x/1/2")
    assert listener.lock_in.rank >= LockIn.proprietary.rank and "elb.cognito_auth" in listener.checks[0]
    cdn = _finding(a, "arn:aws:cloudfront::1:distribution/E1")
    assert cdn.lock_in.rank >= LockIn.proprietary.rank and "cloudfront.edge_functions" in cdn.checks[0]


def test_domains_certificates_and_dns_blockers(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        res(
            "arn:aws:route53domains:::domain/example.com",
            "route53domains",
            "AWS::Route53Domains::Domain",
            region="global",
            transfer_lock=True,
        ),
        res(
            "arn:aws:acm:us-east-1:1:certificate/exp",
            "acm",
            "AWS::CertificateManager::Certificate",
            type="AMAZON_ISSUED",
            export_option="ENABLED",
        ),
        res(
            "arn:aws:acm:us-east-1:1:certificate/old",
            "acm",
            "AWS::CertificateManager::Certificate",
            type="AMAZON_ISSUED",
        ),
        record("www", "A", 86400),
    )
    ids = {b.id for b in a.blockers}
    assert {"domain-transfer", "acm-export", "acm-reissue", "dns-lower-ttl"} <= ids
    assert _finding(a, "arn:aws:route53domains:::domain/example.com").lock_in is LockIn.trapped
    assert "RetrieveDomainAuthCode" in next(b for b in a.blockers if b.id == "domain-transfer").action_now
    order = [b.deadline for b in a.blockers]
    assert order == sorted(order, key=["before_notice", "during_notice", "after"].index)


def test_every_resource_is_covered_and_unknown_services_are_proprietary(catalog: Catalog) -> None:
    resources = [
        res("arn:aws:frobnicator:us-east-1:1:x/1", "frobnicator", "AWS::Frobnicator::X"),
        res("arn:aws:frobnicator:us-east-1:1:x/2", "frobnicator", "AWS::Frobnicator::X"),
        res("arn:aws:s3:::a", "s3", "AWS::S3::Bucket", size=1),
        res("arn:aws:sqs:us-east-1:1:q", "sqs", "AWS::SQS::Queue"),
    ]
    a = _assess(catalog, *resources)
    covered = {uid for f in a.findings for uid in f.resources}
    assert covered == {r.uid for r in resources}
    unknown = _finding(a, "arn:aws:frobnicator:us-east-1:1:x/1")
    assert unknown.lock_in is LockIn.proprietary
    assert unknown.reason == "not in the catalog: judged proprietary until described"
    assert unknown.resources == ["arn:aws:frobnicator:us-east-1:1:x/1", "arn:aws:frobnicator:us-east-1:1:x/2"]
    import hashlib

    digest = hashlib.sha256("\n".join(unknown.resources).encode()).hexdigest()[:10]
    assert unknown.id == f"frobnicator-{digest}"


def test_trapped_blockers_come_before_the_rest_of_their_deadline(catalog: Catalog) -> None:
    a = _assess(
        catalog,
        record("www", "A", 86400),
        res("arn:aws:cognito-idp:us-east-1:1:userpool/a", "cognito-idp", "AWS::Cognito::UserPool", users=70),
    )
    before = [b.service for b in a.blockers if b.deadline == "before_notice"]
    assert before.index("cognito-idp") < before.index("route53")
