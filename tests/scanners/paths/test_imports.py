"""Unused imports name no dependency: which spans the source scanner leaves out."""

from __future__ import annotations

from toolkit.scanners.pathscan.imports import unused_java_imports, unused_js_imports


def _texts(code: str, spans: list[tuple[int, int]]) -> list[str]:
    return [code[start:end].strip() for start, end in spans]


def test_js_statements_nothing_uses_are_left_out_whole() -> None:
    code = (
        "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\n"
        "import type { SQSEvent } from 'aws-lambda';\n"
        "import * as sns from 'aws-cdk-lib/aws-sns';\n"
        "const { S3Client: Storage } = require('@aws-sdk/client-s3');\n"
        "import 'aws-xray-sdk';\n"
        "export const handler = async (event: SQSEvent) => new Storage({});\n"
    )
    assert _texts(code, unused_js_imports(code)) == [
        "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb'",
        "import * as sns from 'aws-cdk-lib/aws-sns'",
    ]


def test_js_names_unused_beside_used_ones_are_left_out_alone() -> None:
    code = (
        "import { aws_apigateway, aws_s3 as s3, Stack } from 'aws-cdk-lib';\n"
        "export class Site extends Stack { bucket = new s3.Bucket(this, 'B'); }\n"
    )
    assert _texts(code, unused_js_imports(code)) == ["aws_apigateway"]


def test_java_and_kotlin_single_type_imports_nothing_names() -> None:
    code = (
        "import software.amazon.awssdk.services.sqs.SqsClient;\n"
        "import com.amazonaws.services.sns.AmazonSNS;\n"
        "import software.amazon.awssdk.services.s3.*;\n"
        "import static software.amazon.awssdk.services.kms.KmsClient.builder;\n"
        "import software.amazon.awssdk.services.ses.SesClient as Mail\n"
        "class Sender { SqsClient queue; Mail mail = Mail.create(); }\n"
    )
    assert _texts(code, unused_java_imports(code)) == [
        "import com.amazonaws.services.sns.AmazonSNS;",
        "import static software.amazon.awssdk.services.kms.KmsClient.builder;",
    ]


def test_js_nested_destructuring_binds_the_inner_names() -> None:
    # `constants: { R_OK }` binds R_OK, not "constants"; the pattern once crashed the scanner
    code = (
        "const { access, constants: { R_OK, W_OK } } = require('node:fs/promises');\n"
        "const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');\n"
        "access('/tmp', R_OK);\n"
        "new SQSClient({});\n"
    )
    assert _texts(code, unused_js_imports(code)) == ["W_OK", "SendMessageCommand"]
