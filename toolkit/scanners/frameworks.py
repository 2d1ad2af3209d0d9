"""Deployment tools that put an application on AWS from a small descriptor: Zappa
(``zappa_settings.json``), Chalice (``.chalice/config.json`` and the event decorators of its app),
Architect (``app.arc``), and stand-alone IAM policy documents (``policy.json``)."""

from __future__ import annotations

import json
import re

from .pathscan.hits import FileResult, Hit
from .pathscan.resolver import Resolver
from .pathscan.text import LineIndex

SCANNER = "serverless"  # Zappa, Chalice and Architect are serverless frameworks
POLICY_SCANNER = "code"

_ZAPPA = re.compile(r"zappa_settings\.(?:json|ya?ml|toml)")
_ZAPPA_HANDLER = re.compile(r"""^\s*["']?(app_function|lambda_handler|django_settings)["']?\s*[:=]""", re.M)
_ZAPPA_BUCKET = re.compile(r"""^\s*["']?s3_bucket["']?\s*[:=]\s*["']?[\w{$]""", re.M)
_CHALICE_APP = re.compile(r"""^\s*"app_name"\s*:""", re.M)
_ARC_NAMES = ("app.arc", ".arc", "arc.json", "arc.yaml", "arc.yml")
_ARC_PRAGMA = re.compile(r"^@([a-z-]+)\s*$", re.M)
# what each Architect pragma deploys
_ARC_SERVICES = {
    "http": ("apigatewayv2", "lambda"),
    "ws": ("apigatewayv2", "lambda"),
    "tables": ("dynamodb",),
    "tables-indexes": ("dynamodb",),
    "static": ("s3",),
    "queues": ("sqs", "lambda"),
    "events": ("sns", "lambda"),
    "scheduled": ("events", "lambda"),
    "tables-streams": ("dynamodb", "lambda"),
}
# Chalice's event decorators: @app.schedule(…), @app.on_sqs_message(…), …
CHALICE_EVENTS = re.compile(
    r"^[ \t]*@\w+\.(schedule|on_cw_event|on_sns_message|on_sqs_message|on_s3_event|on_kinesis_record"
    r"|on_dynamodb_record|on_ws_message|on_ws_connect|on_ws_disconnect)\(",
    re.M,
)
CHALICE_EVENT_SERVICES = {
    "schedule": "events",
    "on_cw_event": "events",
    "on_sns_message": "sns",
    "on_sqs_message": "sqs",
    "on_s3_event": "s3",
    "on_kinesis_record": "kinesis",
    "on_dynamodb_record": "dynamodb",
    "on_ws_message": "apigatewayv2",
    "on_ws_connect": "apigatewayv2",
    "on_ws_disconnect": "apigatewayv2",
}
_POLICY_VERSION = re.compile(r"""^[ \t]{0,4}"Version"\s*:\s*"2012-10-17\"""", re.M)


def handles(relpath: str) -> bool:
    """True for a descriptor this module reads."""
    name = relpath.rsplit("/", 1)[-1].lower()
    return (
        _ZAPPA.fullmatch(name) is not None
        or relpath.lower().endswith(".chalice/config.json")
        or name in _ARC_NAMES
    )


def scan(text: str, relpath: str, resolver: Resolver) -> FileResult:
    """The services a Zappa, Chalice or Architect descriptor deploys the application onto."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    name = relpath.rsplit("/", 1)[-1].lower()
    index = LineIndex(text)

    def add(service: str, how: str, offset: int) -> None:
        result.hits.append(Hit(SCANNER, resolver.canon(service), how, name, index.line(offset)))

    if _ZAPPA.fullmatch(name):
        handler = _ZAPPA_HANDLER.search(text)
        add("lambda", "zappa", handler.start(1) if handler else 0)
        bucket = _ZAPPA_BUCKET.search(text)
        if bucket:
            add("s3", "zappa.s3_bucket", bucket.start())
    elif name == "config.json":
        app = _CHALICE_APP.search(text)
        add("lambda", "chalice", app.start() if app else 0)
    else:
        for pragma in _ARC_PRAGMA.finditer(text):
            for service in _ARC_SERVICES.get(pragma.group(1), ()):
                add(service, f"architect.@{pragma.group(1)}", pragma.start())
    return result


def policy_document(text: str, relpath: str, resolver: Resolver) -> FileResult | None:
    """An IAM policy document kept in its own JSON file (``"Version": "2012-10-17"`` and a
    ``Statement`` at the top): the policy itself is IAM; its actions are found as in any text."""
    version = _POLICY_VERSION.search(text)
    if version is None or '"Statement"' not in text:
        return None
    try:
        document = json.loads(text)
    except ValueError:
        document = None  # a template (policy.json.template with $VARIABLES) may still be one
    if document is not None and not (isinstance(document, dict) and "Statement" in document):
        return None
    line = LineIndex(text).line(version.start())
    result = FileResult(relpath=relpath, scanners=[POLICY_SCANNER])
    result.hits.append(Hit(POLICY_SCANNER, resolver.canon("iam"), "iam-policy-document", "Version", line))
    return result
