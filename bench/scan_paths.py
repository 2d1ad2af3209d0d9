"""Benchmark: ``evac scan path`` vs checkov vs ``grep -r`` on the same large Terraform and CFN/SAM trees.

Usage: ``python bench/scan_paths.py [--tf-files 1600] [--cfn-files 600] [--runs 3] [--skip-checkov]``

Everything is built under ``bench/work/`` at run time:

* ``venv-checkov/``: a private virtualenv with checkov from PyPI (not a project dependency);
* ``corpus/terraform/``: 1,600+ ``.tf`` files generated from templates modelled on the
  terraform-aws-modules collection (vpc, s3-bucket, rds, eks, lambda, sqs, sns, iam, alb,
  dynamodb-table, cloudfront, kms, ecs, …): variables, locals, ``count``/``for_each``, dynamic
  blocks, heredoc policies and comments. This machine has no internet beyond PyPI/npm/Debian, so
  the collection is generated, not cloned;
* ``corpus/cloudformation/``: a mixed CloudFormation/SAM tree (YAML with short-form intrinsics,
  JSON, SAM functions with events), plus cfn-lint's own template fixtures when its sdist can be
  downloaded from PyPI (real-world templates).

Timings are wall-clock seconds (best of ``--runs``; checkov once, it is slow) and go to
``bench/work/results.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / "work"

TF_TEMPLATES = [
    """# VPC, modelled on terraform-aws-modules/vpc
locals {{
  azs = slice(data.aws_availability_zones.available.names, 0, 3)
}}

resource "aws_vpc" "this_{n}" {{
  count                = var.create_vpc ? 1 : 0
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  tags = merge({{ "Name" = format("%s", var.name) }}, var.tags)
}}

resource "aws_subnet" "private_{n}" {{
  count             = length(var.private_subnets)
  vpc_id            = aws_vpc.this_{n}[0].id
  cidr_block        = element(var.private_subnets, count.index)
  availability_zone = element(local.azs, count.index)
}}

resource "aws_nat_gateway" "this_{n}" {{
  count         = var.enable_nat_gateway ? 1 : 0
  allocation_id = aws_eip.nat_{n}[0].id
  subnet_id     = aws_subnet.private_{n}[0].id
}}

resource "aws_eip" "nat_{n}" {{
  count  = var.enable_nat_gateway ? 1 : 0
  domain = "vpc"
}}

# resource "aws_vpn_gateway" "disabled" {{}}
""",
    """# S3 bucket, modelled on terraform-aws-modules/s3-bucket
resource "aws_s3_bucket" "this_{n}" {{
  bucket        = var.bucket
  force_destroy = var.force_destroy
}}

resource "aws_s3_bucket_policy" "this_{n}" {{
  bucket = aws_s3_bucket.this_{n}.id
  policy = <<POLICY
{{
  "Version": "2012-10-17",
  "Statement": [{{ "Effect": "Deny", "Principal": "*", "Action": "s3:*",
    "Resource": "arn:aws:s3:::${{var.bucket}}/*" }}]
}}
POLICY
}}

resource "aws_s3_bucket_server_side_encryption_configuration" "this_{n}" {{
  bucket = aws_s3_bucket.this_{n}.id
  dynamic "rule" {{
    for_each = var.sse_rules
    content {{
      apply_server_side_encryption_by_default {{
        sse_algorithm     = rule.value.algorithm
        kms_master_key_id = aws_kms_key.this_{n}.arn
      }}
    }}
  }}
}}

resource "aws_kms_key" "this_{n}" {{
  description             = "bucket key"
  deletion_window_in_days = 10
  enable_key_rotation     = true
}}
""",
    """# RDS, modelled on terraform-aws-modules/rds
resource "aws_db_subnet_group" "this_{n}" {{
  name       = "db-{n}"
  subnet_ids = var.subnet_ids
}}

resource "aws_db_instance" "this_{n}" {{
  identifier           = "db-{n}"
  engine               = "postgres"
  engine_version       = "15.4"
  instance_class       = var.instance_class
  allocated_storage    = 20
  db_subnet_group_name = aws_db_subnet_group.this_{n}.name
  storage_encrypted    = true
  deletion_protection  = true
  skip_final_snapshot  = false
}}

resource "aws_security_group" "db_{n}" {{
  name   = "db-{n}"
  vpc_id = var.vpc_id
  dynamic "ingress" {{
    for_each = var.allowed_cidrs
    content {{
      from_port   = 5432
      to_port     = 5432
      protocol    = "tcp"
      cidr_blocks = [ingress.value]
    }}
  }}
}}
""",
    """# Lambda with SQS and SNS, modelled on terraform-aws-modules/lambda
data "aws_iam_policy_document" "assume_{n}" {{
  statement {{
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }}
  }}
}}

resource "aws_iam_role" "lambda_{n}" {{
  name               = "fn-{n}"
  assume_role_policy = data.aws_iam_policy_document.assume_{n}.json
}}

resource "aws_lambda_function" "this_{n}" {{
  function_name = "fn-{n}"
  role          = aws_iam_role.lambda_{n}.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "${{path.module}}/fn.zip"
  tracing_config {{
    mode = "Active"
  }}
}}

resource "aws_sqs_queue" "dlq_{n}" {{
  name                      = "dlq-{n}"
  message_retention_seconds = 1209600
}}

resource "aws_sns_topic" "alerts_{n}" {{
  name = "alerts-{n}"
}}

resource "aws_lambda_event_source_mapping" "sqs_{n}" {{
  event_source_arn = aws_sqs_queue.dlq_{n}.arn
  function_name    = aws_lambda_function.this_{n}.arn
}}

resource "aws_cloudwatch_log_group" "fn_{n}" {{
  name              = "/aws/lambda/fn-{n}"
  retention_in_days = 14
}}
""",
    """# DynamoDB and ALB, modelled on terraform-aws-modules/dynamodb-table and alb
resource "aws_dynamodb_table" "this_{n}" {{
  for_each     = toset(var.tables)
  name         = each.key
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"
  attribute {{
    name = "pk"
    type = "S"
  }}
  point_in_time_recovery {{
    enabled = true
  }}
}}

resource "aws_lb" "this_{n}" {{
  name               = "alb-{n}"
  load_balancer_type = "application"
  subnets            = var.public_subnets
}}

resource "aws_lb_target_group" "this_{n}" {{
  name     = "tg-{n}"
  port     = 80
  protocol = "HTTP"
  vpc_id   = var.vpc_id
}}

resource "aws_lb_listener" "https_{n}" {{
  load_balancer_arn = aws_lb.this_{n}.arn
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = aws_acm_certificate.this_{n}.arn
  default_action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.this_{n}.arn
  }}
}}

resource "aws_acm_certificate" "this_{n}" {{
  domain_name       = "app-{n}.example.com"
  validation_method = "DNS"
}}

resource "aws_route53_record" "app_{n}" {{
  zone_id = var.zone_id
  name    = "app-{n}"
  type    = "A"
  alias {{
    name                   = aws_lb.this_{n}.dns_name
    zone_id                = aws_lb.this_{n}.zone_id
    evaluate_target_health = true
  }}
}}
""",
    """# EKS and ECR, modelled on terraform-aws-modules/eks
module "eks_{n}" {{
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
  cluster_name = "c-{n}"
}}

resource "aws_ecr_repository" "app_{n}" {{
  name                 = "app-{n}"
  image_tag_mutability = "IMMUTABLE"
  image_scanning_configuration {{
    scan_on_push = true
  }}
}}

resource "aws_cloudfront_distribution" "cdn_{n}" {{
  enabled = true
  origin {{
    domain_name = "origin-{n}.example.com"
    origin_id   = "o"
  }}
  default_cache_behavior {{
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "o"
    viewer_protocol_policy = "redirect-to-https"
    forwarded_values {{
      query_string = false
      cookies {{
        forward = "none"
      }}
    }}
  }}
  restrictions {{
    geo_restriction {{
      restriction_type = "none"
    }}
  }}
  viewer_certificate {{
    cloudfront_default_certificate = true
  }}
}}
""",
]

VARIABLES = """variable "name" {{
  type    = string
  default = "m{n}"
}}

variable "tags" {{
  type    = map(string)
  default = {{}}
}}

output "id_{n}" {{
  value = "m{n}"
}}
"""

CFN_YAML = """AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
Resources:
  Table{n}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{{AttributeName: pk, AttributeType: S}}]
      KeySchema: [{{AttributeName: pk, KeyType: HASH}}]
  Fn{n}:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Environment:
        Variables:
          TABLE: !Ref Table{n}
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table{n}
      Events:
        Api:
          Type: Api
          Properties: {{Path: /items, Method: get}}
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue{n}.Arn
  Queue{n}:
    Type: AWS::SQS::Queue
  Bucket{n}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${{AWS::StackName}}-{n}"
Outputs:
  Url:
    Value: !Sub "https://${{ServerlessRestApi}}.execute-api.${{AWS::Region}}.amazonaws.com/${{Stage}}"
"""

CFN_JSON = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Resources": {
        "Topic": {"Type": "AWS::SNS::Topic"},
        "Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": True}},
        "Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": []}}},
        "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 14}},
    },
}


def generate_terraform(root: Path, files: int) -> None:
    """``files`` .tf files in module-like directories of four files each."""
    if root.exists() and sum(1 for _ in root.rglob("*.tf")) >= files:
        return
    shutil.rmtree(root, ignore_errors=True)
    rng = random.Random(42)
    for n in range(files):
        module = root / f"modules/m{n // 4:04d}"
        module.mkdir(parents=True, exist_ok=True)
        body = VARIABLES if n % 4 == 3 else rng.choice(TF_TEMPLATES)
        (module / f"f{n % 4}.tf").write_text(body.format(n=n), encoding="utf-8")


def generate_cloudformation(root: Path, files: int) -> None:
    """A mixed tree: SAM YAML with short-form intrinsics, plain JSON, and cfn-lint's real templates."""
    if root.exists() and sum(1 for _ in root.rglob("*.*")) >= files:
        return
    shutil.rmtree(root, ignore_errors=True)
    for n in range(files):
        folder = root / f"stacks/s{n // 10:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 3 == 2:
            (folder / f"t{n}.json").write_text(json.dumps(CFN_JSON, indent=2), encoding="utf-8")
        else:
            (folder / f"t{n}.yaml").write_text(CFN_YAML.format(n=n), encoding="utf-8")
    _cfn_lint_fixtures(root / "cfn-lint")


def _cfn_lint_fixtures(target: Path) -> None:
    download = WORK / "downloads"
    download.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "cfn-lint",
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(download),
            "-q",
        ],
        check=False,
        capture_output=True,
        timeout=300,
    )
    for archive in download.glob("cfn_lint-*.tar.gz"):
        with tarfile.open(archive) as tar:
            members = [
                m
                for m in tar.getmembers()
                if "/test/fixtures/templates/good/" in m.name
                and m.name.endswith((".yaml", ".json"))
                and m.isfile()
            ]
            for member in members:
                member.name = member.name.split("/test/fixtures/templates/good/", 1)[1]
                tar.extract(member, target, filter="data")


def checkov_binary() -> Path:
    """checkov in its own venv under bench/work (installed on first use)."""
    venv = WORK / "venv-checkov"
    binary = venv / "bin" / "checkov"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "checkov"], check=True)
    return binary


def timed(command: list[str], runs: int) -> float:
    """Best wall-clock time of ``runs`` executions, standard output written to a file.

    Not to /dev/null: GNU grep notices an output of /dev/null and stops at the first match, which
    would time reading one file instead of the tree.
    """
    best = float("inf")
    sink = WORK / "stdout.txt"
    for _ in range(runs):
        with sink.open("wb") as out:
            start = time.perf_counter()
            subprocess.run(command, stdout=out, stderr=subprocess.DEVNULL, check=False)
            best = min(best, time.perf_counter() - start)
    sink.unlink(missing_ok=True)
    return best


def main() -> None:
    """Build the corpora, time the three tools, print and save the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tf-files", type=int, default=1600)
    parser.add_argument("--cfn-files", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-checkov", action="store_true")
    args = parser.parse_args()
    corpus = WORK / "corpus"
    generate_terraform(corpus / "terraform", args.tf_files)
    generate_cloudformation(corpus / "cloudformation", args.cfn_files)
    evac = shutil.which("evac") or "evac"
    results: dict[str, dict[str, float | int]] = {}
    for name, framework in (("terraform", "terraform"), ("cloudformation", "cloudformation")):
        tree = corpus / name
        files = sum(1 for p in tree.rglob("*") if p.is_file())
        row: dict[str, float | int] = {"files": files}
        row["evac"] = timed(
            [evac, "scan", "path", str(tree), "--out", str(WORK / f"out-{name}"), "--quiet"], args.runs
        )
        row["evac_1_worker"] = timed(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from toolkit.catalog import Catalog; "
                "from toolkit.scanners.paths import scan_paths; "
                "scan_paths([Path(sys.argv[1])], catalog=Catalog.load(), workers=1, progress=False)",
                str(tree),
            ],
            args.runs,
        )
        row["grep"] = timed(["grep", "-rnE", r"resource|module|Type:|\"Type\"", str(tree)], args.runs)
        row["python_start"] = timed([sys.executable, "-c", "pass"], args.runs)
        if not args.skip_checkov:
            row["checkov"] = timed(
                [
                    str(checkov_binary()),
                    "-d",
                    str(tree),
                    "--framework",
                    framework,
                    "--quiet",
                    "--compact",
                    "-o",
                    "json",
                    "--skip-download",
                ],
                1,
            )
        results[name] = row
        print(json.dumps({name: row}))
    (WORK / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    for name, row in results.items():
        line = f"{name:15s} files={row['files']:5d} evac={row['evac']:.2f}s grep={row['grep']:.3f}s"
        if "checkov" in row:
            line += (
                f" checkov={row['checkov']:.1f}s evac/checkov speed-up={row['checkov'] / row['evac']:.1f}x"
            )
        line += f" evac/grep={row['evac'] / row['grep']:.1f}x"
        line += f" (python -c pass alone: {row['python_start']:.3f}s)"
        print(line)


if __name__ == "__main__":
    main()
