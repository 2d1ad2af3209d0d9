"""Recall on random estates: what an independent script might seed, the scanner must find.

Each estate is drawn by ``bench/random_estate.py`` (at least 16 services across three regions, a
random mix of ~100 resource kinds); the scanner must find every seeded service, at least 98% of the
seeded resources (by ARN or identifier) and the S3, EBS and RDS byte totals exactly. Also here:
``--assume-role`` into another account, and real throttling through a local proxy.
"""

from __future__ import annotations

import http.client
import json
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import boto3
import pytest

from toolkit.catalog import Catalog
from toolkit.cli import main
from toolkit.context import AwsAccess
from toolkit.errors import EXIT_PARTIAL
from toolkit.model import Inventory
from toolkit.scanners.aws import scan, scan_accounts

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from random_estate import REGIONS, byte_totals, recall, seed_random_estate

OTHER_ACCOUNT = "111111111111"


def _service_ids(services: list[str]) -> set[str]:
    catalog = Catalog.load()
    return {(catalog.service(s).id if catalog.service(s) else s) for s in services}  # type: ignore[union-attr]


@pytest.mark.parametrize(("seed", "services"), [(7, None), (11, 60)])
def test_random_estate_is_found(moto_server: str, seed: int, services: int | None) -> None:
    truth = seed_random_estate(moto_server, seed, services=services)
    assert len(truth.services) >= 16 and {r.region for r in truth.resources} >= set(REGIONS)

    inventory = scan(AwsAccess(endpoint_url=moto_server), list(REGIONS), progress=False)

    found = recall(truth, inventory)
    assert found.services_missing == []
    assert _service_ids(truth.services) <= _service_ids([r.service for r in inventory.resources])
    assert found.ratio >= 0.98, [m.model_dump() for m in found.missing]
    totals = byte_totals(inventory)
    assert totals == {
        "s3": truth.s3_bytes,
        "ebs_volumes": truth.ebs_volume_bytes,
        "ebs_snapshots": truth.ebs_snapshot_bytes,
        "rds": truth.rds_bytes,
    }
    assert sum(
        r.data.objects or 0 for r in inventory.resources if r.type == "AWS::S3::Bucket" and r.data
    ) == (truth.s3_objects)
    codes = {e.code for e in inventory.errors}
    assert codes <= {"InternalError"}  # only moto's own tag-index bugs (e.g. SageMaker endpoint configs)
    assert all(e.service == "resourcegroupstaggingapi" for e in inventory.errors)


def test_versioned_bucket_counts_every_stored_version(aws: AwsAccess, moto_server: str) -> None:
    s3 = boto3.client("s3", endpoint_url=moto_server, region_name="us-east-1")
    s3.create_bucket(Bucket="versions")
    s3.put_bucket_versioning(Bucket="versions", VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket="versions", Key="a", Body=b"x" * 1000)
    s3.put_object(Bucket="versions", Key="a", Body=b"y" * 10)
    s3.put_object(Bucket="versions", Key="b", Body=b"z" * 5)
    bucket = next(r for r in scan(aws, ["us-east-1"], services=["s3"], progress=False).resources)
    assert bucket.data is not None
    assert (bucket.data.bytes, bucket.data.objects, bucket.attributes["current_bytes"]) == (1015, 2, 15)


def test_assume_role_scans_the_other_account(moto_server: str) -> None:
    sts = boto3.client("sts", endpoint_url=moto_server, region_name="us-east-1")
    role = f"arn:aws:iam::{OTHER_ACCOUNT}:role/evac"
    creds = sts.assume_role(RoleArn=role, RoleSessionName="seed")["Credentials"]
    other = boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name="us-east-1",
    )
    truth = seed_random_estate(moto_server, 5, services=16, session=other)
    assert truth.account == OTHER_ACCOUNT
    boto3.client("sqs", endpoint_url=moto_server, region_name="us-east-1").create_queue(QueueName="home-only")

    inventory = scan_accounts(
        [AwsAccess(endpoint_url=moto_server, assume_role=role)],
        list(REGIONS),
        services=sorted({*truth.services, "sqs"}),
        progress=False,
    )

    assert {r.account for r in inventory.resources} == {OTHER_ACCOUNT}
    assert OTHER_ACCOUNT in inventory.runs[0].target
    assert "home-only" not in {r.name for r in inventory.resources}
    found = recall(truth, inventory)
    assert found.services_missing == [] and found.ratio >= 0.98
    assert byte_totals(inventory)["s3"] == truth.s3_bytes


HTML_500 = (
    b"<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
    b"<h1>Internal Server Error</h1>\n<p>The server encountered an internal error.</p>\n"
)


class _Throttler:
    """A loopback reverse proxy that answers one DynamoDB operation with ThrottlingException
    (or, with ``html500``, with the HTML error page an overloaded emulator sends)."""

    def __init__(self, upstream: str, operation: str, times: int | None, html500: bool = False) -> None:
        self.upstream = urlparse(upstream).netloc
        self.target = f"DynamoDB_20120810.{operation}"
        self.times = times
        self.html500 = html500
        self.throttled = 0
        self.lock = threading.Lock()

    def should_throttle(self, target: str) -> bool:
        with self.lock:
            if target != self.target or (self.times is not None and self.throttled >= self.times):
                return False
            self.throttled += 1
            return True

    def handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: object) -> None:
                pass

            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if proxy.html500 and proxy.should_throttle(self.headers.get("X-Amz-Target", "")):
                    self.send_response(500)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(HTML_500)))
                    self.end_headers()
                    self.wfile.write(HTML_500)
                    return
                if proxy.should_throttle(self.headers.get("X-Amz-Target", "")):
                    payload = json.dumps(
                        {
                            "__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException",
                            "message": "Rate of requests exceeds the allowed throughput.",
                        }
                    ).encode()
                    self.send_response(400)
                    self.send_header("Content-Type", "application/x-amz-json-1.0")
                    self.send_header("x-amzn-RequestId", "throttled")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                upstream = http.client.HTTPConnection(proxy.upstream, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in {"connection"}}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                for key, value in answer.getheaders():
                    if key.lower() not in {"transfer-encoding", "connection", "content-length"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay

        return Handler


@contextmanager
def throttling_proxy(
    upstream: str, operation: str, times: int | None, html500: bool = False
) -> Iterator[tuple[str, _Throttler]]:
    """A proxy URL in front of ``upstream`` throttling ``operation`` ``times`` times (None: always)."""
    throttler = _Throttler(upstream, operation, times, html500)
    server = ThreadingHTTPServer(("127.0.0.1", 0), throttler.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", throttler
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _seed_tables_and_queues(url: str, regions: tuple[str, ...]) -> Counter[str]:
    made: Counter[str] = Counter()
    for region in regions:
        dynamodb = boto3.client("dynamodb", endpoint_url=url, region_name=region)
        for index in range(2):
            dynamodb.create_table(
                TableName=f"t{index}",
                BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            )
            made["dynamodb"] += 1
        boto3.client("sqs", endpoint_url=url, region_name=region).create_queue(QueueName="q")
        made["sqs"] += 1
    return made


def test_throttling_is_retried_and_recorded(moto_server: str) -> None:
    made = _seed_tables_and_queues(moto_server, REGIONS)
    with throttling_proxy(moto_server, "ListTables", times=2) as (url, throttler):
        inventory = scan(
            AwsAccess(endpoint_url=url), list(REGIONS), services=["dynamodb", "sqs"], progress=False
        )
    assert throttler.throttled == 2
    assert not inventory.errors
    assert Counter(r.service for r in inventory.resources) == made
    run = inventory.runs[0]
    assert run.api_retries == {"dynamodb:ListTables": 2}
    assert run.api_calls_by_operation["dynamodb:ListTables"] == len(REGIONS)  # a retry is not a new call


def test_endless_throttling_is_a_partial_scan(
    moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regions = REGIONS[:2]
    made = _seed_tables_and_queues(moto_server, regions)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "2")  # botocore: 2 retries, 3 attempts; keeps the backoff short
    with throttling_proxy(moto_server, "ListTables", times=None) as (url, throttler):
        status = main(
            [
                "scan",
                "aws",
                "--out",
                str(tmp_path),
                "--regions",
                ",".join(regions),
                "--endpoint-url",
                url,
                "--services",
                "dynamodb,sqs",
                "-q",
            ]
        )
    assert status == EXIT_PARTIAL
    assert throttler.throttled == 3 * len(regions)
    inventory = Inventory.model_validate_json((tmp_path / "inventory.json").read_text())
    assert sorted((e.service, e.region, e.code) for e in inventory.errors) == [
        ("dynamodb", region, "Throttling") for region in sorted(regions)
    ]
    assert Counter(r.service for r in inventory.resources) == {"sqs": made["sqs"]}
    assert inventory.runs[0].api_retries == {"dynamodb:ListTables": 2 * len(regions)}


def test_an_emulator_hiccup_on_a_service_that_answered_is_retried(moto_server: str) -> None:
    made = _seed_tables_and_queues(moto_server, REGIONS[:1])
    with throttling_proxy(moto_server, "DescribeTable", times=1, html500=True) as (url, proxy):
        inventory = scan(
            AwsAccess(endpoint_url=url), list(REGIONS[:1]), services=["dynamodb"], progress=False
        )
    assert proxy.throttled == 1
    assert not inventory.errors
    assert not [note for note in inventory.runs[0].skipped if "not served" in note]
    assert sum(r.type == "AWS::DynamoDB::Table" for r in inventory.resources) == made["dynamodb"]


def test_a_lasting_emulator_error_is_reported_not_skipped(moto_server: str) -> None:
    _seed_tables_and_queues(moto_server, REGIONS[:1])
    with throttling_proxy(moto_server, "DescribeTable", times=None, html500=True) as (url, _):
        inventory = scan(
            AwsAccess(endpoint_url=url), list(REGIONS[:1]), services=["dynamodb"], progress=False
        )
    assert [(e.service, e.code) for e in inventory.errors] == [("dynamodb", "HTTP500")]
    assert inventory.partial
