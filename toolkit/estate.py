"""The reference estate: a mid-size social network on AWS, seeded into a moto server.

Deterministic (fixed names, seeded random sizes) so the demo and the tests can check exact figures.
Everything is created through boto3 against the endpoint of the given :class:`AwsAccess`; it is
meant for an emulator, never for a real account.

First region: a VPC with public and private subnets, a web tier of three EC2 instances (data
volumes, an AMI, an Elastic IP) behind an ALB, RDS PostgreSQL and an Aurora PostgreSQL cluster, a
media bucket with real objects and a logs bucket, DynamoDB tables with items and a stream, SQS, SNS
with a subscription, Lambda with an SQS event source, a Cognito user pool with users, a KMS key used
by RDS/S3/Secrets Manager, CloudFront in front of the media bucket, a Route 53 zone, ElastiCache
Redis, log groups, ECR, an EventBridge rule, a Step Functions state machine, API Gateway, IAM roles.
Second region: a replica bucket, a DynamoDB table, a queue, a copied EBS snapshot, an ECR repository.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from pydantic import BaseModel, Field

from .context import AwsAccess

DOMAIN = "socialnet.example"
SECRET_MARKER = "evac-reference-secret-9f2c1e77"
GIB = 2**30
MEDIA_OBJECTS = 200
SEED = 20240611


class EstateSummary(BaseModel):
    """What was seeded: resources per service, exact data totals, regions."""

    regions: list[str]
    account: str
    counts: dict[str, int] = Field(description="resources created per service (boto3 client name)")
    s3_bytes: int
    s3_objects: int
    ebs_bytes: int = Field(description="volumes' provisioned size + snapshots' VolumeSize, GiB * 2**30")
    rds_bytes: int = Field(description="AllocatedStorage of instances and the Aurora cluster, GiB * 2**30")
    cognito_users: int
    secret_marker: str = Field(default=SECRET_MARKER, description="a secret value that must never surface")

    @property
    def services(self) -> list[str]:
        """Services that hold at least one seeded resource."""
        return sorted(s for s, n in self.counts.items() if n)


class _Seeder:
    """Holds the clients and the tally while seeding one estate."""

    def __init__(self, access: AwsAccess, regions: tuple[str, str]) -> None:
        self.access = access
        self.session = access.session()
        self.regions = regions
        self.counts: Counter[str] = Counter()
        self.random = random.Random(SEED)
        self._clients: dict[tuple[str, str], Any] = {}
        self.account = self.client("sts").get_caller_identity()["Account"]

    def client(self, service: str, region: str | None = None) -> Any:
        key = (service, region or self.regions[0])
        if key not in self._clients:
            self._clients[key] = self.access.client(self.session, service, key[1])
        return self._clients[key]

    def made(self, service: str, n: int = 1) -> None:
        self.counts[service] += n


def seed_reference_estate(
    access: AwsAccess, regions: tuple[str, str] = ("us-east-1", "eu-west-1")
) -> EstateSummary:
    """Seed the reference estate into the (emulated) account behind ``access``; returns what was made."""
    s = _Seeder(access, regions)
    key = _kms(s)
    net = _network(s)
    web = _web_tier(s, net)
    _load_balancer(s, net, web)
    rds_bytes = _databases(s, net, key)
    s3_bytes, s3_objects = _buckets(s, key)
    _dynamodb(s, regions[0], ["users", "posts", "follows"], items=40)
    _messaging(s)
    role = _iam(s)
    _serverless(s, role)
    users = _cognito(s)
    _secrets(s, key)
    distribution = _cloudfront(s)
    _route53(s, web["alb_dns"], distribution)
    _cache(s, net)
    _misc(s, regions[0], role)
    b_bytes, b_objects, copy = _second_region(s, web["snapshot"])
    ebs = _ebs_bytes(s, {regions[0]: web["snapshots"], regions[1]: [copy]})
    return EstateSummary(
        regions=list(regions),
        account=s.account,
        counts=dict(sorted(s.counts.items())),
        s3_bytes=s3_bytes + b_bytes,
        s3_objects=s3_objects + b_objects,
        ebs_bytes=ebs,
        rds_bytes=rds_bytes,
        cognito_users=users,
    )


def _tags(**tags: str) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in {"project": "socialnet", **tags}.items()]


def _kms(s: _Seeder) -> str:
    kms = s.client("kms")
    key = kms.create_key(
        Description="socialnet data key", Tags=[{"TagKey": "project", "TagValue": "socialnet"}]
    )
    arn = str(key["KeyMetadata"]["Arn"])
    kms.create_alias(AliasName="alias/socialnet-data", TargetKeyId=key["KeyMetadata"]["KeyId"])
    s.made("kms")
    return arn


def _network(s: _Seeder) -> dict[str, Any]:
    ec2 = s.client("ec2")
    region = s.regions[0]
    vpc = ec2.create_vpc(
        CidrBlock="10.40.0.0/16", TagSpecifications=[{"ResourceType": "vpc", "Tags": _tags(Name="socialnet")}]
    )["Vpc"]["VpcId"]
    subnets: dict[str, str] = {}
    for index, (name, cidr) in enumerate(
        [
            ("public-a", "10.40.1.0/24"),
            ("public-b", "10.40.2.0/24"),
            ("private-a", "10.40.11.0/24"),
            ("private-b", "10.40.12.0/24"),
        ]
    ):
        zone = f"{region}{'ab'[index % 2]}"
        subnets[name] = ec2.create_subnet(
            VpcId=vpc,
            CidrBlock=cidr,
            AvailabilityZone=zone,
            TagSpecifications=[{"ResourceType": "subnet", "Tags": _tags(Name=f"socialnet-{name}")}],
        )["Subnet"]["SubnetId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    groups = {}
    for name, port in (("web", 80), ("db", 5432), ("cache", 6379)):
        groups[name] = ec2.create_security_group(
            GroupName=f"socialnet-{name}", Description=f"{name} tier", VpcId=vpc
        )["GroupId"]
        ec2.authorize_security_group_ingress(
            GroupId=groups[name],
            IpPermissions=[
                {
                    "IpProtocol": "tcp",
                    "FromPort": port,
                    "ToPort": port,
                    "IpRanges": [{"CidrIp": "10.40.0.0/16"}],
                }
            ],
        )
    s.made("ec2", 1 + 4 + 1 + 1 + 3)
    return {"vpc": vpc, "subnets": subnets, "groups": groups}


def _web_tier(s: _Seeder, net: dict[str, Any]) -> dict[str, Any]:
    ec2 = s.client("ec2")
    image = _linux_image(ec2)
    instances = []
    for index in range(3):
        subnet = net["subnets"]["public-a" if index % 2 == 0 else "public-b"]
        instance = ec2.run_instances(
            ImageId=image,
            InstanceType="t3.medium",
            MinCount=1,
            MaxCount=1,
            SubnetId=subnet,
            SecurityGroupIds=[net["groups"]["web"]],
            TagSpecifications=[
                {"ResourceType": "instance", "Tags": _tags(Name=f"web-{index + 1}", tier="web")}
            ],
        )["Instances"][0]
        volume = ec2.create_volume(
            AvailabilityZone=instance["Placement"]["AvailabilityZone"],
            Size=50,
            VolumeType="gp3",
            TagSpecifications=[{"ResourceType": "volume", "Tags": _tags(Name=f"web-{index + 1}-data")}],
        )
        ec2.attach_volume(VolumeId=volume["VolumeId"], InstanceId=instance["InstanceId"], Device="/dev/sdf")
        instances.append({"id": instance["InstanceId"], "volume": volume["VolumeId"]})
    snapshot = ec2.create_snapshot(VolumeId=instances[0]["volume"], Description="web-1 data nightly")[
        "SnapshotId"
    ]
    ami = ec2.create_image(InstanceId=instances[0]["id"], Name="socialnet-web-golden")["ImageId"]
    backing = [
        m["Ebs"]["SnapshotId"]
        for m in ec2.describe_images(ImageIds=[ami])["Images"][0]["BlockDeviceMappings"]
        if m.get("Ebs", {}).get("SnapshotId")
    ]
    address = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=address["AllocationId"], InstanceId=instances[0]["id"])
    s.made("ec2", 3 + 3 + 1 + 1 + 1)
    return {"instances": instances, "snapshot": snapshot, "ami": ami, "snapshots": [snapshot, *backing]}


def _linux_image(ec2: Any) -> str:
    """An Amazon Linux image of the emulator's defaults: the first by name, so the estate is the same
    on every run. The web tier is Linux; a Windows source would make the golden AMI Windows too."""
    for pattern in ("amzn2-ami-hvm-*-x86_64-gp2", "amzn*"):
        images = ec2.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": [pattern]}])[
            "Images"
        ]
        linux = [i for i in images if not i.get("Platform") and "windows" not in str(i.get("Name")).lower()]
        if linux:
            return str(min(linux, key=lambda i: (str(i["Name"]), str(i["ImageId"])))["ImageId"])
    raise RuntimeError("the endpoint offers no Amazon Linux image to build the web tier from")


def _load_balancer(s: _Seeder, net: dict[str, Any], web: dict[str, Any]) -> None:
    elb = s.client("elbv2")
    lb = elb.create_load_balancer(
        Name="socialnet-web",
        Subnets=[net["subnets"]["public-a"], net["subnets"]["public-b"]],
        SecurityGroups=[net["groups"]["web"]],
        Scheme="internet-facing",
        Type="application",
        Tags=_tags(),
    )["LoadBalancers"][0]
    group = elb.create_target_group(
        Name="socialnet-web",
        Protocol="HTTP",
        Port=80,
        VpcId=net["vpc"],
        TargetType="instance",
        HealthCheckPath="/health",
    )["TargetGroups"][0]
    elb.register_targets(
        TargetGroupArn=group["TargetGroupArn"], Targets=[{"Id": i["id"]} for i in web["instances"]]
    )
    elb.create_listener(
        LoadBalancerArn=lb["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
    )
    web["alb_dns"] = lb["DNSName"]
    s.made("elbv2", 3)


def _databases(s: _Seeder, net: dict[str, Any], key: str) -> int:
    rds = s.client("rds")
    rds.create_db_subnet_group(
        DBSubnetGroupName="socialnet-db",
        DBSubnetGroupDescription="private subnets",
        SubnetIds=[net["subnets"]["private-a"], net["subnets"]["private-b"]],
    )
    rds.create_db_instance(
        DBInstanceIdentifier="socialnet-main",
        Engine="postgres",
        EngineVersion="15.4",
        DBInstanceClass="db.m5.large",
        AllocatedStorage=100,
        MasterUsername="socialnet",
        MasterUserPassword=SECRET_MARKER,
        DBSubnetGroupName="socialnet-db",
        VpcSecurityGroupIds=[net["groups"]["db"]],
        StorageEncrypted=True,
        KmsKeyId=key,
        Tags=_tags(tier="db"),
    )
    rds.create_db_cluster(
        DBClusterIdentifier="socialnet-analytics",
        Engine="aurora-postgresql",
        EngineVersion="15.4",
        MasterUsername="analytics",
        MasterUserPassword=SECRET_MARKER,
        DBSubnetGroupName="socialnet-db",
        StorageEncrypted=True,
        KmsKeyId=key,
        Tags=_tags(tier="analytics"),
    )
    rds.create_db_instance(
        DBInstanceIdentifier="socialnet-analytics-1",
        DBClusterIdentifier="socialnet-analytics",
        Engine="aurora-postgresql",
        DBInstanceClass="db.r6g.large",
    )
    cluster = rds.describe_db_clusters(DBClusterIdentifier="socialnet-analytics")["DBClusters"][0]
    s.made("rds", 4)
    return 100 * GIB + int(cluster.get("AllocatedStorage") or 0) * GIB


def _put_objects(s3: Any, bucket: str, objects: list[tuple[str, bytes]]) -> None:
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda o: s3.put_object(Bucket=bucket, Key=o[0], Body=o[1]), objects))


def _media(s: _Seeder, count: int, prefix: str) -> list[tuple[str, bytes]]:
    objects = []
    for index in range(count):
        size = s.random.randint(2_000, 40_000)
        kind = s.random.choice(["jpg", "png", "webp", "mp4"])
        body = bytes(s.random.getrandbits(8) for _ in range(64)) * (size // 64) + b"\0" * (size % 64)
        objects.append((f"{prefix}/{index:04d}.{kind}", body))
    return objects


def _buckets(s: _Seeder, key: str) -> tuple[int, int]:
    s3 = s.client("s3")
    media, logs = "socialnet-media", "socialnet-logs"
    for bucket in (media, logs):
        if s.regions[0] == "us-east-1":
            s3.create_bucket(Bucket=bucket)
        else:
            s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": s.regions[0]})
        s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": _tags()})
    s3.put_bucket_encryption(
        Bucket=media,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}}
            ]
        },
    )
    objects = _media(s, MEDIA_OBJECTS, "uploads")
    objects_logs = [
        (f"alb/2024/06/{d:02d}.log.gz", f"log line {d}\n".encode() * (50 + d)) for d in range(1, 15)
    ]
    _put_objects(s3, media, objects)
    _put_objects(s3, logs, objects_logs)
    s.made("s3", 2)
    every = objects + objects_logs
    return sum(len(b) for _, b in every), len(every)


def _dynamodb(s: _Seeder, region: str, names: list[str], items: int) -> None:
    dynamodb = s.client("dynamodb", region)
    for name in names:
        stream = (
            {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
            if name == "users"
            else {"StreamEnabled": False}
        )
        dynamodb.create_table(
            TableName=f"socialnet-{name}",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            StreamSpecification=stream,
            Tags=_tags(),
        )
        rows = [
            {"PutRequest": {"Item": {"id": {"S": f"{name}-{i:04d}"}, "body": {"S": f"{name} {i} " * 8}}}}
            for i in range(items)
        ]
        for start in range(0, len(rows), 25):
            dynamodb.batch_write_item(RequestItems={f"socialnet-{name}": rows[start : start + 25]})
    s.made("dynamodb", len(names))


def _messaging(s: _Seeder) -> None:
    sqs, sns = s.client("sqs"), s.client("sns")
    dlq = sqs.create_queue(QueueName="socialnet-media-jobs-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.create_queue(
        QueueName="socialnet-media-jobs",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"})},
    )
    notify = sqs.create_queue(QueueName="socialnet-notifications")["QueueUrl"]
    notify_arn = sqs.get_queue_attributes(QueueUrl=notify, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    topic = sns.create_topic(Name="socialnet-events", Tags=[{"Key": "project", "Value": "socialnet"}])[
        "TopicArn"
    ]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=notify_arn)
    sns.create_topic(Name="socialnet-alerts")
    s.made("sqs", 3)
    s.made("sns", 3)


def _iam(s: _Seeder) -> str:
    iam = s.client("iam")
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}
        ],
    }
    role = iam.create_role(
        RoleName="socialnet-lambda",
        AssumeRolePolicyDocument=json.dumps(trust),
        Tags=[{"Key": "project", "Value": "socialnet"}],
    )["Role"]["Arn"]
    policy = iam.create_policy(
        PolicyName="socialnet-media-rw",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:PutObject"],
                        "Resource": "arn:aws:s3:::socialnet-media/*",
                    }
                ],
            }
        ),
    )["Policy"]["Arn"]
    iam.attach_role_policy(RoleName="socialnet-lambda", PolicyArn=policy)
    ec2_trust = json.loads(json.dumps(trust).replace("lambda.amazonaws.com", "ec2.amazonaws.com"))
    iam.create_role(RoleName="socialnet-web", AssumeRolePolicyDocument=json.dumps(ec2_trust))
    iam.create_role(RoleName="socialnet-states", AssumeRolePolicyDocument=json.dumps(trust))
    s.made("iam", 4)
    return str(role)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return {'ok': True}\n")
    return buffer.getvalue()


def _serverless(s: _Seeder, role: str) -> None:
    functions = s.client("lambda")
    code = _zip()
    arns = []
    for name in ("socialnet-thumbnailer", "socialnet-feed-builder"):
        arns.append(
            functions.create_function(
                FunctionName=name,
                Runtime="python3.12",
                Role=role,
                Handler="handler.handler",
                Code={"ZipFile": code},
                MemorySize=512,
                Timeout=30,
                Tags={"project": "socialnet"},
            )["FunctionArn"]
        )
    queue = s.client("sqs").get_queue_url(QueueName="socialnet-media-jobs")["QueueUrl"]
    queue_arn = s.client("sqs").get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    functions.create_event_source_mapping(
        EventSourceArn=queue_arn, FunctionName="socialnet-thumbnailer", BatchSize=10
    )
    events = s.client("events")
    events.put_rule(Name="socialnet-nightly-feed", ScheduleExpression="cron(0 3 * * ? *)")
    events.put_targets(Rule="socialnet-nightly-feed", Targets=[{"Id": "feed", "Arn": arns[1]}])
    s.made("lambda", 3)
    s.made("events")


def _cognito(s: _Seeder, users: int = 20) -> int:
    idp = s.client("cognito-idp")
    pool = idp.create_user_pool(
        PoolName="socialnet-users", UsernameAttributes=["email"], UserPoolTags={"project": "socialnet"}
    )["UserPool"]["Id"]
    idp.create_user_pool_client(UserPoolId=pool, ClientName="socialnet-web")
    for index in range(users):
        idp.admin_create_user(
            UserPoolId=pool,
            Username=f"user{index:02d}@{DOMAIN}",
            UserAttributes=[{"Name": "email", "Value": f"user{index:02d}@{DOMAIN}"}],
            MessageAction="SUPPRESS",
        )
    s.made("cognito-idp")
    return users


def _secrets(s: _Seeder, key: str) -> None:
    secrets = s.client("secretsmanager")
    secrets.create_secret(
        Name="socialnet/db-password",
        SecretString=SECRET_MARKER,
        KmsKeyId=key,
        Tags=[{"Key": "project", "Value": "socialnet"}],
    )
    secrets.create_secret(Name="socialnet/api-keys", SecretString=json.dumps({"stripe": SECRET_MARKER}))
    s.client("ssm").put_parameter(Name="/socialnet/db-password", Value=SECRET_MARKER, Type="SecureString")
    s.client("ssm").put_parameter(Name="/socialnet/feature-flags", Value="feed=v2", Type="String")
    s.made("secretsmanager", 2)
    s.made("ssm", 2)


def _cloudfront(s: _Seeder) -> str:
    cloudfront = s.client("cloudfront")
    origin = "socialnet-media.s3.amazonaws.com"
    distribution = cloudfront.create_distribution(
        DistributionConfig={
            "CallerReference": "socialnet-media",
            "Comment": "media CDN",
            "Enabled": True,
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {"Id": "media", "DomainName": origin, "S3OriginConfig": {"OriginAccessIdentity": ""}}
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "media",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                "TrustedSigners": {"Enabled": False, "Quantity": 0},
            },
        }
    )["Distribution"]
    s.made("cloudfront")
    return str(distribution["DomainName"])


def _route53(s: _Seeder, alb_dns: str, cdn: str) -> None:
    route53 = s.client("route53")
    zone = route53.create_hosted_zone(Name=DOMAIN, CallerReference="socialnet-zone")["HostedZone"]["Id"]
    changes = [
        {
            "Name": f"www.{DOMAIN}",
            "Type": "A",
            "AliasTarget": {
                "HostedZoneId": "Z35SXDOTRQ7X7K",
                "DNSName": alb_dns,
                "EvaluateTargetHealth": False,
            },
        },
        {"Name": f"cdn.{DOMAIN}", "Type": "CNAME", "TTL": 300, "ResourceRecords": [{"Value": cdn}]},
        {"Name": DOMAIN, "Type": "MX", "TTL": 3600, "ResourceRecords": [{"Value": f"10 mail.{DOMAIN}"}]},
        {"Name": DOMAIN, "Type": "TXT", "TTL": 300, "ResourceRecords": [{"Value": '"v=spf1 -all"'}]},
    ]
    route53.change_resource_record_sets(
        HostedZoneId=zone,
        ChangeBatch={"Changes": [{"Action": "CREATE", "ResourceRecordSet": c} for c in changes]},
    )
    s.made("route53", 1 + len(changes))


def _cache(s: _Seeder, net: dict[str, Any]) -> None:
    cache = s.client("elasticache")
    cache.create_cache_subnet_group(
        CacheSubnetGroupName="socialnet-cache",
        CacheSubnetGroupDescription="cache",
        SubnetIds=[net["subnets"]["private-a"], net["subnets"]["private-b"]],
    )
    cache.create_cache_cluster(
        CacheClusterId="socialnet-sessions",
        Engine="redis",
        EngineVersion="7.0",
        CacheNodeType="cache.t3.medium",
        NumCacheNodes=1,
        CacheSubnetGroupName="socialnet-cache",
    )
    s.made("elasticache", 2)


def _misc(s: _Seeder, region: str, role: str) -> None:
    logs = s.client("logs", region)
    for name in ("/socialnet/web", "/aws/lambda/socialnet-thumbnailer", "/aws/lambda/socialnet-feed-builder"):
        logs.create_log_group(logGroupName=name)
    s.made("logs", 3)
    s.client("ecr", region).create_repository(repositoryName="socialnet/web")
    s.made("ecr")
    definition = {"StartAt": "Fanout", "States": {"Fanout": {"Type": "Pass", "End": True}}}
    s.client("stepfunctions", region).create_state_machine(
        name="socialnet-signup", definition=json.dumps(definition), roleArn=role.replace("lambda", "states")
    )
    s.made("stepfunctions")
    s.client("apigateway", region).create_rest_api(name="socialnet-public-api", tags={"project": "socialnet"})
    s.made("apigateway")


def _second_region(s: _Seeder, snapshot: str) -> tuple[int, int, str]:
    region = s.regions[1]
    s3 = s.client("s3", region)
    bucket = "socialnet-media-replica"
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    objects = _media(s, 40, "uploads")
    _put_objects(s3, bucket, objects)
    s.made("s3")
    _dynamodb(s, region, ["sessions-eu"], items=10)
    s.client("sqs", region).create_queue(QueueName="socialnet-eu-jobs")
    s.made("sqs")
    copy = s.client("ec2", region).copy_snapshot(
        SourceRegion=s.regions[0], SourceSnapshotId=snapshot, Description="web-1 data DR copy"
    )["SnapshotId"]
    s.made("ec2")
    s.client("ecr", region).create_repository(repositoryName="socialnet/web-dr")
    s.made("ecr")
    return sum(len(b) for _, b in objects), len(objects), str(copy)


def _ebs_bytes(s: _Seeder, snapshots: dict[str, list[str]]) -> int:
    """Provisioned bytes of every volume in the estate's regions and of the snapshots the seeder made."""
    total = 0
    for region in s.regions:
        ec2 = s.client("ec2", region)
        total += sum(v["Size"] * GIB for v in ec2.describe_volumes()["Volumes"])
        if snapshots.get(region):
            found = ec2.describe_snapshots(SnapshotIds=snapshots[region])["Snapshots"]
            total += sum(x["VolumeSize"] * GIB for x in found)
    return total
