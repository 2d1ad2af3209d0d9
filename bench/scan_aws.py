"""Benchmark: scan an estate of >= 2,000 resources across three regions in a moto server.

Runs moto as a separate process (so server work and scanner work are told apart), seeds the estate
with batch calls, then scans it twice:

* ``evac``: ``toolkit.scanners.aws.scan`` (concurrent jobs, paginated, batched describes);
* ``naive``: what a user would otherwise write: a sequential boto3 loop over the same regions that
  lists each service, then describes/tags each resource one call at a time.

Prints wall time, API calls per resource, and a cProfile summary of where the evac scan's own CPU
time goes. Usage: ``python bench/scan_aws.py [--per-region N] [--port P]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import threading
import time
from collections import Counter
from typing import Any

import boto3

REGIONS = ("us-east-1", "eu-west-1", "ap-southeast-2")


def start_moto(port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    raise SystemExit("moto server did not start")


def seed(url: str, per_region: int) -> Counter[str]:
    """About ``per_region`` resources per region, across 16 services."""
    made: Counter[str] = Counter()
    n = per_region // 16
    for region in REGIONS:

        def c(service: str, region: str = region) -> Any:
            return boto3.client(service, endpoint_url=url, region_name=region)

        sqs, sns, ddb, logs, ssm = c("sqs"), c("sns"), c("dynamodb"), c("logs"), c("ssm")
        ec2, s3, lam, kms, sec = c("ec2"), c("s3"), c("lambda"), c("kms"), c("secretsmanager")
        iam, events, sfn, ecr, kinesis = c("iam"), c("events"), c("stepfunctions"), c("ecr"), c("kinesis")
        rds = c("rds")
        role = iam.create_role(
            RoleName=f"bench-{region}",
            AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}),
        )["Role"]["Arn"]
        image = ec2.describe_images(Owners=["amazon"], MaxResults=5)["Images"][0]["ImageId"]
        ec2.run_instances(ImageId=image, MinCount=n, MaxCount=n, InstanceType="t3.micro")  # + n root volumes
        made["ec2"] += 2 * n
        for i in range(n):
            sqs.create_queue(QueueName=f"q-{i}")
            sns.create_topic(Name=f"t-{i}")
            logs.create_log_group(logGroupName=f"/bench/{i}")
            ssm.put_parameter(Name=f"/bench/p{i}", Value="x", Type="String")
            ec2.create_volume(AvailabilityZone=f"{region}a", Size=1 + i % 5)
            events.put_rule(Name=f"r-{i}", ScheduleExpression="rate(1 hour)")
            iam.create_role(RoleName=f"bench-{region}-{i}", AssumeRolePolicyDocument="{}")
            sec.create_secret(Name=f"s-{i}", SecretString="x")
            sfn.create_state_machine(
                name=f"m-{i}",
                definition='{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}',
                roleArn=role,
            )
            lam.create_function(
                FunctionName=f"f-{i}",
                Runtime="python3.12",
                Role=role,
                Handler="h.h",
                Code={"ZipFile": b"PK\x05\x06" + b"\0" * 18},
            )
            ecr.create_repository(repositoryName=f"r-{i}")
            made.update(
                [
                    "sqs",
                    "sns",
                    "logs",
                    "ssm",
                    "ec2",
                    "events",
                    "iam",
                    "secretsmanager",
                    "stepfunctions",
                    "lambda",
                    "ecr",
                ]
            )
        for i in range(max(1, n // 4)):
            ddb.create_table(
                TableName=f"d-{i}",
                BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            )
            kms.create_key(Description=f"k-{i}")
            kinesis.create_stream(StreamName=f"k-{i}", ShardCount=1)
            rds.create_db_instance(
                DBInstanceIdentifier=f"db-{i}",
                Engine="postgres",
                DBInstanceClass="db.t3.micro",
                AllocatedStorage=20,
                MasterUsername="u",
                MasterUserPassword="password123",
            )
            bucket = f"bench-{region}-{i}"
            args: dict[str, Any] = (
                {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
            )
            s3.create_bucket(Bucket=bucket, **args)
            for k in range(20):
                s3.put_object(Bucket=bucket, Key=f"o{k}", Body=b"x" * (100 + k))
            made.update(["dynamodb", "kms", "kinesis", "rds", "s3"])
    return made


NAIVE = [  # (service, list op, result key, per-item describe op or None, param name for the item)
    ("sqs", "list_queues", "QueueUrls", "get_queue_attributes", "QueueUrl"),
    ("sns", "list_topics", "Topics", "get_topic_attributes", "TopicArn"),
    ("logs", "describe_log_groups", "logGroups", None, None),
    ("ssm", "describe_parameters", "Parameters", None, None),
    ("ec2", "describe_instances", "Reservations", None, None),
    ("ec2", "describe_volumes", "Volumes", None, None),
    ("events", "list_rules", "Rules", "describe_rule", "Name"),
    ("secretsmanager", "list_secrets", "SecretList", "describe_secret", "SecretId"),
    ("stepfunctions", "list_state_machines", "stateMachines", "describe_state_machine", "stateMachineArn"),
    ("lambda", "list_functions", "Functions", "get_function", "FunctionName"),
    ("ecr", "describe_repositories", "repositories", None, None),
    ("dynamodb", "list_tables", "TableNames", "describe_table", "TableName"),
    ("kms", "list_keys", "Keys", "describe_key", "KeyId"),
    ("kinesis", "list_streams", "StreamNames", "describe_stream", "StreamName"),
    ("rds", "describe_db_instances", "DBInstances", None, None),
]


def naive(url: str) -> tuple[float, int, int]:
    """A sequential boto3 script: list each service, then describe each item, region by region."""
    calls = found = 0
    started = time.perf_counter()
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1")
    for page in iam.get_paginator("list_roles").paginate():
        calls += 1
        found += len(page["Roles"])
    s3 = boto3.client("s3", endpoint_url=url, region_name="us-east-1")
    buckets = s3.list_buckets()["Buckets"]
    calls += 1
    for bucket in buckets:
        calls += sum(1 for _ in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket["Name"]))
        found += 1
    for region in REGIONS:
        for service, op, key, describe, param in NAIVE:
            client = boto3.client(service, endpoint_url=url, region_name=region)
            pages = (
                client.get_paginator(op).paginate() if client.can_paginate(op) else [getattr(client, op)()]
            )
            for page in pages:
                calls += 1
                items = page.get(key, [])
                if service == "ec2" and key == "Reservations":
                    items = [i for r in items for i in r["Instances"]]
                found += len(items)
                for item in items if describe else []:
                    value = (
                        item
                        if isinstance(item, str)
                        else item.get(
                            {
                                "TopicArn": "TopicArn",
                                "Name": "Name",
                                "SecretId": "ARN",
                                "stateMachineArn": "stateMachineArn",
                                "FunctionName": "FunctionName",
                                "KeyId": "KeyId",
                            }[param]
                        )
                    )
                    getattr(client, describe)(**{param: value})
                    calls += 1
    return time.perf_counter() - started, calls, found


def _profile_thread(profiles: list[cProfile.Profile]) -> None:
    """Start a profiler in the calling worker thread (it replaces this hook for the thread)."""
    profile = cProfile.Profile()
    profiles.append(profile)
    profile.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-region", type=int, default=720)
    parser.add_argument("--port", type=int, default=5799)
    options = parser.parse_args()
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1"
    )
    server = start_moto(options.port)
    url = f"http://127.0.0.1:{options.port}"
    try:
        t = time.perf_counter()
        made = seed(url, options.per_region)
        print(
            f"seeded {sum(made.values())} resources in {len(made)} services x {len(REGIONS)} regions "
            f"in {time.perf_counter() - t:.1f}s"
        )
        from toolkit.context import AwsAccess
        from toolkit.scanners.aws import scan
        from toolkit.scanners.aws import services as covered

        scan(AwsAccess(endpoint_url=url), list(REGIONS), progress=False)  # warm moto's lazy backends
        for label, services in (
            (f"evac (all {len(covered())} services)", None),
            ("evac (the 16 seeded)", sorted(made)),
        ):
            profiles: list[cProfile.Profile] = []
            threading.setprofile(lambda *_, into=profiles: _profile_thread(into))
            cpu = time.process_time()
            t = time.perf_counter()
            inventory = scan(AwsAccess(endpoint_url=url), list(REGIONS), services=services, progress=False)
            wall, cpu = time.perf_counter() - t, time.process_time() - cpu
            threading.setprofile(None)  # type: ignore[arg-type]
            run = inventory.runs[0]
            count = len(inventory.resources)
            found = Counter(r.service for r in inventory.resources)
            missing = {s: (found.get(s, 0), n) for s, n in made.items() if found.get(s, 0) < n}
            print(
                f"{label}: {wall:6.2f}s wall, {cpu:5.2f}s CPU in the scanner's process, {count} resources, "
                f"{run.api_calls} API calls = {run.api_calls / count:.3f}/resource, "
                f"errors {len(run.errors)}, "
                f"under-found services {missing or 'none'}"
            )
        top = Counter(run.api_calls_by_operation).most_common(8)
        print("most frequent evac calls:", ", ".join(f"{op} {n}" for op, n in top))
        stream = io.StringIO()
        stats = pstats.Stats(*profiles, stream=stream)
        pattern = (
            r"(recv_into|getaddrinfo|create_client|_make_api_call|load_service_model|parsers.py:238|collect)"
        )
        stats.sort_stats("cumulative").print_stats(pattern, 14)
        print("where the worker threads' time goes (last run, cumulative):")
        print("\n".join(line for line in stream.getvalue().splitlines() if "{" in line or "/" in line)[:4000])
        nwall, ncalls, nfound = naive(url)
        print(
            f"naive: {nwall:6.2f}s wall, {nfound} items, "
            f"{ncalls} API calls = {ncalls / max(nfound, 1):.3f}/item"
        )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
