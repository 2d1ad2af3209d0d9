"""Dependencies a file shows without declaring them: IAM actions and ARNs in policies, Terraform
references to resources declared elsewhere, Lambda event types and aws-sdk v2 member access.
The fixtures under fixtures/implied were written for these tests; each line asserted on is the one
holding the evidence, and each trap (comments, trust policies, condition keys, variables) must stay
silent."""

from __future__ import annotations

from pathlib import Path

from toolkit.catalog import Catalog
from toolkit.scanners.paths import scan_paths

IMPLIED = Path(__file__).parent / "fixtures" / "implied"

EXPECTED = {
    ("tf/policy.tf", 2, "sts"),  # aws_caller_identity calls sts:GetCallerIdentity
    ("tf/policy.tf", 4, "iam"),
    ("tf/policy.tf", 13, "ses"),  # ses:SendRawEmail; sts:AssumeRole on line 6 is a trust statement
    ("tf/policy.tf", 13, "sqs"),  # sqs:*
    ("tf/policy.tf", 14, "logs"),  # ARN of a log group
    ("tf/policy.tf", 24, "dynamodb"),  # reference to a table declared in another file
    ("tf/policy.tf", 25, "eks"),  # data source declared elsewhere
    ("sam/template.yaml", 6, "lambda"),
    ("sam/template.yaml", 14, "ses"),
    ("sam/template.yaml", 15, "scheduler"),
    ("sam/template.yaml", 18, "sts"),  # a permission to assume another role: the function uses STS
    ("sam/template.yaml", 21, "iam"),  # declared; the iam ARN on line 19 adds nothing
    ("sam/template.yaml", 27, "logs"),
    ("sam/template.yaml", 28, "firehose"),
    ("sls/serverless.yml", 7, "textract"),
    ("sls/serverless.yml", 8, "sts"),  # sts:AssumeRole granted to the functions
    ("sls/serverless.yml", 11, "lambda"),
    ("src/Handler.java", 3, "lambda"),
    ("src/Handler.java", 4, "lambda"),
    ("src/Handler.java", 4, "sqs"),
    ("src/Handler.java", 5, "lambda"),
    ("src/Handler.java", 5, "events"),  # (line 6: AmazonSNS imported, never used, beside real use)
    ("src/handler.ts", 1, "lambda"),
    ("src/handler.ts", 1, "apigateway"),
    ("src/handler.ts", 2, "lambda"),
    ("src/handler.ts", 2, "s3"),
    ("src/handler.ts", 5, "dynamodb"),  # AWS.DynamoDB.Converter
    ("src/handler.ts", 7, "sqs"),  # AWS.SQS.SendMessageRequest type
    # Powertools is a toolbox for Lambda code (the runtime is implicit), not Lambda itself; its
    # typed event and its utilities name services
    ("src/handler.py", 2, "dynamodb"),  # DynamoDBStreamEvent
    ("src/handler.py", 3, "ssm"),
    ("src/handler.py", 4, "dynamodb"),
    ("src/main.go", 7, "lambda"),
    ("src/main.go", 10, "kinesis"),  # events.KinesisEvent, reported once
}


def test_implied_dependencies_at_their_lines(catalog: Catalog) -> None:
    inventory = scan_paths([IMPLIED], catalog=catalog, progress=False, workers=1)
    found = {(r.location.path, r.location.line, r.service) for r in inventory.resources if r.location}
    assert found == EXPECTED
    implied = {r.attributes.get("implied_by") for r in inventory.resources}
    assert {"iam-action", "arn", "reference"} <= implied


def test_evidence_is_the_line_that_shows_the_dependency(catalog: Catalog) -> None:
    inventory = scan_paths([IMPLIED], catalog=catalog, progress=False, workers=1)
    for resource in inventory.resources:
        assert resource.location and resource.location.evidence
        line = (IMPLIED / resource.location.path).read_text().splitlines()[resource.location.line - 1]
        assert resource.location.evidence == line.strip()
