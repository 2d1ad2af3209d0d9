"""The path scanners against a fixture tree holding every format and the tricky cases, line by line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.catalog import Catalog
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.model import Inventory
from toolkit.scanners import paths as paths_module
from toolkit.scanners.paths import scan_paths

EXPECTED = {
    ("android/AndroidManifest.xml", 1, "google-play"),
    ("cfn/nested/child.yaml", 3, "sns"),
    ("cfn/stack.json", 5, "elbv2"),
    ("cfn/stack.json", 8, "cognito-idp"),
    ("cfn/template.yaml", 6, "s3"),
    ("cfn/template.yaml", 10, "lambda"),
    ("cfn/template.yaml", 15, "dynamodb"),  # DynamoDBCrudPolicy
    ("cfn/template.yaml", 19, "apigateway"),  # Api event
    ("cfn/template.yaml", 23, "sqs"),  # SQS event
    ("cfn/template.yaml", 27, "events"),  # Schedule event
    ("cfn/template.yaml", 31, "dynamodb"),  # SimpleTable
    ("cfn/template.yaml", 33, "cloudformation"),  # nested stack
    ("example.zone", 3, "route53"),
    ("example.zone", 4, "google-workspace"),
    ("example.zone", 5, "sendgrid"),
    ("example.zone", 6, "cloudfront"),
    ("example.zone", 7, "akamai"),
    ("go.mod", 6, "s3"),
    ("go.mod", 7, "stripe"),  # (line 8, an indirect kms requirement, is not this module's)
    ("ios/Info.plist", 1, "apple-app-store"),
    ("k8s/chart/templates/ingress.yaml", 6, "elbv2"),
    ("k8s/chart/templates/ingress.yaml", 11, "elbv2"),
    ("k8s/chart/templates/ingress.yaml", 15, "efs"),
    ("k8s/storage.yaml", 5, "ec2"),  # EBS CSI
    ("k8s/storage.yaml", 12, "eks"),
    ("k8s/storage.yaml", 12, "iam"),  # IRSA
    ("k8s/storage.yaml", 14, "s3"),  # ACK
    ("k8s/storage.yaml", 19, "ec2"),  # Karpenter
    ("k8s/storage.yaml", 20, "ec2"),
    ("k8s/storage.yaml", 31, "secretsmanager"),  # external-secrets
    ("package.json", 4, "stepfunctions"),
    ("package.json", 5, "sendgrid"),
    ("package.json", 6, "twilio"),
    ("requirements.txt", 2, "stripe"),
    ("requirements.txt", 3, "sqs"),
    ("sls/serverless.yml", 9, "dynamodb"),  # IAM action granted in provider.iam
    ("sls/serverless.yml", 10, "dynamodb"),
    ("sls/serverless.yml", 12, "lambda"),
    ("sls/serverless.yml", 15, "apigateway"),
    ("sls/serverless.yml", 18, "sqs"),
    ("sls/serverless.yml", 20, "kinesis"),
    ("sls/serverless.yml", 23, "events"),
    ("sls/serverless.yml", 27, "sqs"),
    ("cfn/broken.yaml", 4, "s3"),  # does not parse: reported, and read line by line
    ("cdk/Stack.java", 4, "s3"),  # AWS CDK for Java
    ("cdk/Stack.java", 5, "elbv2"),
    ("cdk/Stack.java", 6, "events"),
    ("cdk/stack.go", 5, "s3"),  # AWS CDK for Go
    ("cdk/stack.go", 6, "lambda"),
    ("cdk/stack.go", 7, "elbv2"),
    ("src/App.java", 3, "kinesis"),
    ("src/App.java", 4, "dynamodb"),
    ("src/App.java", 5, "stepfunctions"),
    ("src/app.py", 5, "s3"),
    ("src/app.py", 6, "dynamodb"),
    ("src/app.py", 7, "sqs"),
    ("src/app.py", 10, "sns"),
    ("src/app.py", 11, "apigateway"),
    ("src/broken.py", 2, "athena"),
    ("src/index.ts", 1, "s3"),
    ("src/index.ts", 2, "dynamodb"),
    ("src/index.ts", 3, "cognito-idp"),
    ("src/index.ts", 5, "s3"),
    ("src/index.ts", 6, "stripe"),
    ("src/index.ts", 7, "stripe"),
    ("src/latin.py", 4, "sns"),
    ("src/legacy.js", 2, "stepfunctions"),
    ("src/legacy.js", 3, "logs"),
    ("src/main.go", 4, "sqs"),
    ("src/main.go", 5, "cognito-idp"),
    ("src/settings.env", 3, "ec2"),
    ("src/settings.env", 4, "sendgrid"),
    ("terraform/extra.tf.json", 4, "lambda"),
    ("terraform/extra.tf.json", 9, "logs"),
    ("terraform/main.tf", 8, "s3"),
    ("terraform/main.tf", 13, "iam"),
    ("terraform/main.tf", 16, "sqs"),  # granted in a heredoc policy
    ("terraform/main.tf", 20, "ec2"),
    ("terraform/main.tf", 30, "sts"),  # data "aws_caller_identity"
    ("terraform/main.tf", 31, "route53"),
    ("terraform/main.tf", 33, "ec2"),  # terraform-aws-modules/vpc/aws
    ("terraform/main.tf", 42, "module"),  # cloudposse/label/null: not AWS, recorded as a module
    ("terraform/main.tf", 46, "cloudflare"),
    ("terraform/modules/queue/main.tf", 1, "sqs"),
    ("terraform/plan.json", 1, "ecr"),
    ("terraform/plan.json", 1, "sns"),
    ("terraform/terraform.tfstate", 9, "dynamodb"),
    ("terraform/terraform.tfstate", 29, "kms"),
}


def _scan(repo: Path, catalog: Catalog, **options: object) -> Inventory:
    return scan_paths(
        [repo],
        catalog=catalog,
        waivers_file=repo / "waivers.yaml",
        zone_files=[repo / "dns" / "example.zone"],
        progress=False,
        **options,  # type: ignore[arg-type]
    )


def _found(inventory: Inventory) -> set[tuple[str, int, str]]:
    return {(r.location.path, r.location.line, r.service) for r in inventory.resources if r.location}


def test_every_dependency_at_its_exact_line(repo: Path, catalog: Catalog) -> None:
    inventory = _scan(repo, catalog, workers=1)
    assert _found(inventory) == EXPECTED


def test_parallel_workers_find_the_same(
    repo: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths_module, "_INLINE_BELOW", 0)
    inventory = _scan(repo, catalog, workers=2)
    assert _found(inventory) == EXPECTED


def test_evidence_is_the_line_with_secrets_redacted(repo: Path, catalog: Catalog) -> None:
    inventory = _scan(repo, catalog, workers=1)
    by_place = {(r.location.path, r.location.line): r for r in inventory.resources if r.location}
    sns = by_place[("src/app.py", 10)]
    assert sns.location and sns.location.evidence
    assert "AKIAIOSFODNN7EXAMPLE" not in sns.location.evidence and "hunter2" not in sns.location.evidence
    assert 'boto3.client("sns")' in sns.location.evidence
    env = by_place[("src/settings.env", 4)]
    assert env.location and env.location.evidence == "SENDGRID_API_KEY=***"
    bucket = by_place[("terraform/main.tf", 8)]
    assert (
        bucket.type == "aws_s3_bucket"
        and bucket.name == "aws_s3_bucket.assets"
        and bucket.origin == "terraform"
    )
    assert bucket.uid == "terraform/main.tf:8" and bucket.attributes["count"].startswith("var.enabled")
    plan = [r for r in inventory.resources if r.location and r.location.path == "terraform/plan.json"]
    assert sorted(r.uid for r in plan) == ["terraform/plan.json:1", "terraform/plan.json:1#2"]
    state = by_place[("terraform/terraform.tfstate", 9)]
    assert state.name == "arn:aws:dynamodb:eu-west-1:123456789012:table/orders"
    vpc = by_place[("terraform/main.tf", 33)]
    assert vpc.attributes == {"source": "terraform-aws-modules/vpc/aws", "version": "~> 5.0"}
    stripe = by_place[("requirements.txt", 2)]
    assert stripe.provider == "platform" and stripe.origin == "platform"


def test_runs_record_errors_waivers_and_skips(repo: Path, catalog: Catalog) -> None:
    inventory = _scan(repo, catalog, workers=1)
    runs = {run.scanner: run for run in inventory.runs}
    assert [(e.target, e.code) for e in inventory.errors] == [("cfn/broken.yaml", "ParseError")]
    assert "line 5" in inventory.errors[0].message
    assert runs["terraform"].files_scanned == 5
    assert runs["cloudformation"].files_scanned == 4
    assert "waived secretsmanager at src/app.py:8: migrated to vault" in runs["code"].skipped
    assert any(s.startswith("waived events at src/app.py:9: EventBridge") for s in runs["code"].skipped)
    assert "waived ecr at k8s/storage.yaml:41: images move to Harbor" in runs["kubernetes"].skipped
    notes = runs["paths"].skipped
    assert "assets/blob.json: binary file, skipped" in notes
    assert "src/latin.py: read as latin-1" in notes
    assert any(n.startswith("src/loop/: symlink loop") for n in notes)
    assert not any("node_modules" in (r.location.path if r.location else "") for r in inventory.resources)


def test_excludes_are_configurable(repo: Path, catalog: Catalog) -> None:
    everything = scan_paths(
        [repo / "node_modules"], catalog=catalog, include_default_excludes=False, progress=False
    )
    assert {(r.location.path, r.service) for r in everything.resources if r.location} == {
        ("aws-sdk/index.js", "s3")
    }
    skipped = scan_paths([repo], catalog=catalog, exclude=["src", "*.tf"], progress=False, workers=1)
    paths = {r.location.path for r in skipped.resources if r.location}
    assert not any(p.startswith("src/") or p.endswith(".tf") for p in paths)
    assert "terraform/extra.tf.json" in paths


def test_oversized_files_are_skipped_with_a_note(repo: Path, catalog: Catalog) -> None:
    inventory = scan_paths(
        [repo / "terraform"], catalog=catalog, max_file_bytes=200, progress=False, workers=1
    )
    notes = next(run for run in inventory.runs if run.scanner == "paths").skipped
    assert any(n.startswith("main.tf: ") and "over the 200-byte limit" in n for n in notes)
    assert ("main.tf", 8, "s3") not in _found(inventory)
    assert ("modules/queue/main.tf", 1, "sqs") in _found(inventory)


def test_local_modules_outside_the_root_are_followed(tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "live").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "live" / "main.tf").write_text('module "db" {\n  source = "../shared"\n}\n')
    (tmp_path / "shared" / "rds.tf").write_text('\n\nresource "aws_db_instance" "main" {\n}\n')
    inventory = scan_paths([tmp_path / "live"], catalog=catalog, progress=False)
    assert _found(inventory) == {("../shared/rds.tf", 3, "rds")}


def test_hcl_edge_cases(tmp_path: Path, catalog: Catalog) -> None:
    (tmp_path / "a.tf").write_text(
        'locals {\n  url = "http://x#y" # resource "aws_sqs_queue" "c" {}\n}\n'
        'resource "aws_sns_topic" "t" {\n  policy = <<EOT\n}}}\nEOT\n}\n'
        "resource aws_kms_key k {}\n"
    )
    (tmp_path / "bad.tf").write_text('resource "aws_s3_bucket" "b" {\n  tags = {\n}\n')
    inventory = scan_paths([tmp_path], catalog=catalog, progress=False)
    assert _found(inventory) == {("a.tf", 4, "sns"), ("a.tf", 9, "kms")}
    assert [(e.target, e.code) for e in inventory.errors] == [("bad.tf", "ParseError")]


def test_route53_record_sets_json_as_zone(tmp_path: Path, catalog: Catalog) -> None:
    zone = tmp_path / "records.json"
    zone.write_text(
        json.dumps(
            {
                "ResourceRecordSets": [
                    {
                        "Name": "example.com.",
                        "Type": "NS",
                        "ResourceRecords": [{"Value": "kim.ns.cloudflare.com."}],
                    },
                    {
                        "Name": "api.example.com.",
                        "Type": "CNAME",
                        "ResourceRecords": [{"Value": "x.fastly.net"}],
                    },
                ]
            },
            indent=1,
        )
    )
    (tmp_path / "empty").mkdir()
    inventory = scan_paths([tmp_path / "empty"], catalog=catalog, zone_files=[zone], progress=False)
    assert {(r.location.line, r.service, r.origin) for r in inventory.resources if r.location} == {
        (4, "cloudflare", "dns"),
        (13, "fastly", "dns"),
    }


def test_bad_waivers_file_names_the_field(repo: Path, catalog: Catalog) -> None:
    bad = repo / "bad-waivers.yaml"
    bad.write_text("waivers:\n  - service: s3\n    reason: ok!\n    when: never\n")
    with pytest.raises(InputError, match=r"bad-waivers.yaml: field 'waivers.0.when'"):
        scan_paths([repo], catalog=catalog, waivers_file=bad, progress=False)


def test_real_catalog_maps_common_services(repo: Path) -> None:
    inventory = scan_paths([repo / "terraform"], catalog=Catalog.load(), progress=False)
    services = {r.service for r in inventory.resources}
    assert {"s3", "sqs", "lambda", "dynamodb", "kms"} <= services


def test_cli_writes_inventory_and_exits_partial(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run"
    status = main(
        [
            "scan",
            "path",
            str(repo),
            "--out",
            str(out),
            "--waivers",
            str(repo / "waivers.yaml"),
            "--zone-file",
            str(repo / "dns" / "example.zone"),
            "--quiet",
        ]
    )
    assert status == 6  # cfn/broken.yaml could not be parsed
    document = json.loads((out / "inventory.json").read_text())
    assert document["schema"] == "evac.inventory/1"
    assert {"terraform/main.tf:8", "cfn/template.yaml:19", "src/app.py:5"} <= {
        r["uid"] for r in document["resources"]
    }
    printed = capsys.readouterr().out
    assert "could not parse" in printed and "cfn/broken.yaml" in printed

    clean = tmp_path / "clean"
    status = main(["scan", "path", str(repo / "terraform"), "--out", str(clean), "--exclude", "plan.json"])
    assert status == 0
    assert "aws_s3_bucket" in (clean / "inventory.json").read_text()

    assert main(["scan", "path", str(tmp_path / "missing"), "--out", str(clean)]) == 3
