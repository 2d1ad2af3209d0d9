"""Turns the names code uses for AWS services into catalog service ids (boto3 client names).

Built once per scan from the catalog (``reveals``) and ``providers/aws/_sdk_names.yaml``, then
shipped to every worker process. The catalog wins over the hand-kept table, which wins over names
derived from botocore's service list.
"""

from __future__ import annotations

import json
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ... import yamlfast
from ...catalog import Catalog
from ...errors import CatalogError
from ...paths import providers_dir

_REGION = re.compile(r"^(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+|global|dualstack|fips)$")
_NORMALISE = re.compile(r"[\s_\-.]+")


def normalise(name: str) -> str:
    """Lower case without spaces, dashes, dots or underscores (``Cognito Identity`` → ``cognitoidentity``)."""
    return _NORMALISE.sub("", name.lower())


_CAMEL = re.compile(r"[A-Z0-9]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z0-9]+")


def camel_words(name: str) -> list[str]:
    """``EC2ContainerRegistryReadOnly`` → ``["EC2", "Container", "Registry", "Read", "Only"]``."""
    return _CAMEL.findall(name)


_RECEIVER_SUFFIX = re.compile(r"(?:client|conn(?:ection)?|svc|service|resource)$")


class Receivers(BaseModel):
    """How code names a variable holding a service's client (``_sdk_names.yaml`` ``receivers``)."""

    model_config = ConfigDict(extra="forbid")

    nicknames: dict[str, str] = Field(default_factory=dict)
    everyday_words: list[str] = Field(default_factory=list)
    sdk_methods: dict[str, list[str]] = Field(default_factory=dict)
    collections: dict[str, list[str]] = Field(default_factory=dict)


class SdkNames(BaseModel):
    """The schema of ``providers/aws/_sdk_names.yaml``."""

    model_config = ConfigDict(extra="forbid")

    names: dict[str, str] = Field(default_factory=dict)
    js_packages: dict[str, str] = Field(default_factory=dict)
    terraform: dict[str, str] = Field(default_factory=dict)
    terraform_meta: list[str] = Field(default_factory=list)
    cloudformation: dict[str, str] = Field(default_factory=dict)
    endpoints: dict[str, str] = Field(default_factory=dict)
    environment: dict[str, str] = Field(default_factory=dict)
    metadata_hosts: dict[str, str] = Field(default_factory=dict)
    sam_events: dict[str, str] = Field(default_factory=dict)
    serverless_events: dict[str, str] = Field(default_factory=dict)
    lambda_events: dict[str, str] = Field(default_factory=dict)
    services: dict[str, tuple[str, str]] = Field(default_factory=dict)
    libraries: dict[str, dict[str, list[str]]] = Field(default_factory=dict)
    receivers: Receivers = Field(default_factory=Receivers)

    @classmethod
    def load(cls, path: Path | None = None) -> SdkNames:
        """Read and validate the table (default: the packaged one)."""
        path = path or providers_dir() / "aws" / "_sdk_names.yaml"
        try:
            return cls.model_validate(yamlfast.safe_load(path.read_text(encoding="utf-8")) or {})
        except (OSError, yaml.YAMLError, ValueError) as exc:
            raise CatalogError(f"{path}: {exc}") from exc


class PlatformDetect(BaseModel):
    """The detection rules of one platform entry, reduced to what the workers need."""

    id: str
    detect: dict[str, list[str]]


class Resolver:
    """Name → service id lookups for every notation the path scanners meet."""

    def __init__(self, catalog: Catalog, table: SdkNames) -> None:
        self.canonical: dict[str, str] = {}
        for entry in catalog.services.values():
            self.canonical[entry.id] = entry.id
            for alias in entry.aliases:
                self.canonical[alias] = entry.id
        self.boto3: set[str] = set(table.services) | set(self.canonical)
        self.names: dict[str, str] = {}
        for boto3_name, (service_id, _) in table.services.items():
            self.names.setdefault(normalise(service_id), boto3_name)
        for boto3_name in table.services:
            self.names[normalise(boto3_name)] = boto3_name
        for entry in catalog.services.values():
            for sdk in entry.reveals.sdk:
                self.names.setdefault(normalise(sdk.removeprefix("client-")), entry.id)
        self.names.update({normalise(k): v for k, v in table.names.items()})
        for entry in catalog.services.values():
            self.names[normalise(entry.id)] = entry.id

        tf = dict(table.terraform)
        tf.update({p: e.id for e in catalog.services.values() for p in e.reveals.terraform})
        self.terraform = sorted(tf.items(), key=lambda kv: -len(kv[0]))
        self._terraform_seen: dict[str, str | None] = {}
        self.terraform_meta = set(table.terraform_meta)
        cfn = dict(table.cloudformation)
        cfn.update({p: e.id for e in catalog.services.values() for p in e.reveals.cloudformation})
        self.cloudformation = sorted(cfn.items(), key=lambda kv: -len(kv[0]))

        prefixes: dict[str, set[str]] = {}
        for boto3_name, (_, prefix) in table.services.items():
            prefixes.setdefault(prefix, set()).add(boto3_name)
        self.endpoints = {p: next(iter(s)) for p, s in prefixes.items() if len(s) == 1}
        for entry in catalog.services.values():
            for host in entry.reveals.endpoints:
                self.endpoints.setdefault(host.strip(".").lower(), entry.id)
        self.endpoints.update(table.endpoints)
        self.js_packages = table.js_packages
        self.environment = table.environment
        self.metadata_hosts = table.metadata_hosts
        self.sam_events = table.sam_events
        self.serverless_events = table.serverless_events
        self.lambda_events = table.lambda_events
        self.libraries = table.libraries
        self.receivers = table.receivers
        self.platforms = [
            PlatformDetect(id=p.id, detect=p.detect.model_dump()) for p in catalog.platforms.values()
        ]

    @cached_property
    def env_pattern(self) -> re.Pattern[str]:
        """One pattern for every AWS-only environment variable name."""
        names = sorted(self.environment, key=len, reverse=True)
        return re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(map(re.escape, names)) + r")(?![A-Za-z0-9_])")

    @classmethod
    def load(cls, catalog: Catalog) -> Resolver:
        """A resolver for ``catalog`` and the packaged name table."""
        return cls(catalog, SdkNames.load())

    def canon(self, service: str) -> str:
        """The catalog id for a boto3 name or alias; the name itself when the catalog lacks it."""
        return self.canonical.get(service, service)

    def by_name(self, name: str) -> str | None:
        """Service id for an SDK-ish name: ``client-cognito-identity-provider``, ``dynamodbv2``, ``SFN``."""
        found = self.names.get(normalise(name))
        return self.canon(found) if found else None

    def by_cdk(self, module: str) -> str | None:
        """Service id for a CDK module name after ``aws-``: ``lambda-event-sources`` → lambda."""
        return self.by_name(re.split(r"[-_]", module)[0])

    def is_boto3(self, name: str) -> bool:
        """True when ``name`` is a boto3 client (or catalog alias) name."""
        return name in self.boto3

    def by_terraform(self, resource_type: str) -> str | None:
        """Service id for a Terraform type (``awscc_`` types are read as ``aws_``); None if not AWS."""
        if resource_type.startswith("awscc_"):
            resource_type = "aws_" + resource_type[6:]
        if not resource_type.startswith("aws_"):
            return None
        if resource_type not in self._terraform_seen:
            self._terraform_seen[resource_type] = self._terraform_service(resource_type)
        return self._terraform_seen[resource_type]

    def _terraform_service(self, resource_type: str) -> str | None:
        for prefix, service in self.terraform:
            if resource_type.startswith(prefix):
                return self.canon(service)
        tokens = resource_type[4:].split("_")
        for size in range(len(tokens), 0, -1):
            found = self.names.get("".join(tokens[:size]))
            if found:
                return self.canon(found)
        return tokens[0] or None

    def by_cloudformation(self, resource_type: str) -> str | None:
        """Service id for a CloudFormation type; None unless it is ``AWS::…`` (or org-formation's
        ``Community::…``, which manages AWS resources CloudFormation has no type for)."""
        if resource_type.startswith("Community::"):
            resource_type = "AWS::" + resource_type.removeprefix("Community::")
        if not resource_type.startswith("AWS::"):
            return None
        listed = self.by_listed_cloudformation(resource_type)
        if listed:
            return listed
        parts = resource_type.split("::")
        if len(parts) < 3 or not parts[1].isalnum():
            return None  # not a resource type (AWS::Serverless:Function, a typo CloudFormation rejects)
        return self.by_name(parts[1]) or (normalise(parts[1]) or None)

    def by_listed_cloudformation(self, resource_type: str) -> str | None:
        """Service id for a CloudFormation type the catalog lists (``AWS::SQS::Queue``); None for
        any other, with no guess from its namespace."""
        for prefix, service in self.cloudformation:
            if resource_type.startswith(prefix):
                return self.canon(service)
        return None

    def by_endpoint(self, host: str) -> tuple[str | None, str | None]:
        """Service id and region for an AWS host name (``123.dkr.ecr.eu-west-1.amazonaws.com``)."""
        host = host.lower().rstrip(".")
        for suffix in (".amazonaws.com.cn", ".amazonaws.com", ".api.aws", ".on.aws", ".amazoncognito.com"):
            if host.endswith(suffix):
                host = host[: -len(suffix)]
                if suffix == ".amazoncognito.com":
                    return self.canon("cognito-idp"), None
                break
        region = None
        labels = []
        for label in host.split("."):
            if _REGION.match(label):
                region = region or (label if "-" in label and label not in ("dualstack",) else None)
            else:
                labels.append(label)
        for size in (3, 2, 1):
            if len(labels) >= size:
                key = ".".join(labels[-size:])
                if key in self.endpoints:
                    return self.canon(self.endpoints[key]), region
        if labels and labels[-1].startswith("s3-"):
            return self.canon("s3"), region
        return None, region

    def by_library(self, language: str, module: str) -> list[str]:
        """Services a library ties code to, from an imported module or package path
        (``pynamodb.models`` → dynamodb, ``software.amazon.kinesis.coordinator`` → kinesis, …).
        A library listed with ``["*"]`` has a module per service: ``cloudaux.aws.glacier`` → glacier."""
        table = self.libraries.get(language, {})
        prefix = module
        while prefix:
            if table.get(prefix) == ["*"]:
                below = re.split(r"[./]", module[len(prefix) + 1 :])[0]
                service = self.by_words(below) if below else None
                return [service] if service else []
            if prefix in table:
                return [self.canon(service) for service in table[prefix]]
            cut = max(prefix.rfind("."), prefix.rfind("/"))
            prefix = prefix[:cut] if cut > 0 else ""
        return []

    def by_camel_words(self, name: str) -> str | None:
        """Service named by the longest leading run of a ``CamelCase`` name's words:
        ``GlueConsole`` → glue, ``EC2ContainerRegistry`` → ecr, ``DynamoDBCrud`` → dynamodb."""
        return self._by_leading_words(camel_words(name), "")

    def by_words(self, name: str) -> str | None:
        """Service named by the longest leading run of a ``snake_case`` module name's words:
        ``lambda_function`` → lambda, ``secrets_manager`` → secretsmanager, ``base_aws`` → None."""
        return self._by_leading_words(name.split("_"), "_")

    def _by_leading_words(self, words: list[str], joiner: str) -> str | None:
        for size in range(len(words), 0, -1):
            service = self.by_name(joiner.join(words[:size]))
            if service:
                return service
        return None

    @cached_property
    def operations(self) -> dict[str, str]:
        """boto3 method name → service, for operations only one service has (``_operations.json``)."""
        path = providers_dir() / "aws" / "_operations.json"
        try:
            table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogError(f"{path}: {exc}") from exc
        return table

    def by_operation(self, method: str) -> str | None:
        """Service for a boto3 client method only that service has (``describe_vpcs`` → ec2)."""
        service = self.operations.get(method)
        return self.canon(service) if service else None

    @cached_property
    def shared_operations(self) -> dict[str, frozenset[str]]:
        """Service → the boto3 methods it shares with other services (``_shared_operations.json``)
        and those the SDKs add (``receivers.sdk_methods``; ``*`` for every client's)."""
        path = providers_dir() / "aws" / "_shared_operations.json"
        try:
            table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CatalogError(f"{path}: {exc}") from exc
        shared = {service: frozenset(methods.split()) for service, methods in table.items()}
        for service, methods in self.receivers.sdk_methods.items():
            shared[service] = shared.get(service, frozenset()) | frozenset(methods)
        return shared

    def by_receiver(self, receiver: str, method: str, *, speaks_aws: bool) -> str | None:
        """Service whose client a variable named for it holds, when ``method`` (boto3 spelling) is
        one of that service's operations: ``this.s3.delete_object`` → s3, ``sqs_conn.get_queue_url``
        → sqs, ``ddb.put_item`` → dynamodb. A variable named by an everyday word (``config``,
        ``events``) counts only where the file otherwise ``speaks_aws``."""
        service = self._receiver_service(receiver, speaks_aws)
        shared = self.shared_operations
        if service and (
            self.operations.get(method) == service
            or method in shared.get(service, ())
            or method in shared.get("*", ())  # every client's: generate_presigned_url, get_waiter
        ):
            return service
        return None

    def by_collection(self, receiver: str, collection: str, *, speaks_aws: bool) -> str | None:
        """Service of a boto3 resource named for it whose ``collection`` is read
        (``ec2.instances.filter(…)`` → ec2)."""
        service = self._receiver_service(receiver, speaks_aws)
        return service if service and collection in self.receivers.collections.get(service, ()) else None

    def by_helper_name(self, words: str) -> str | None:
        """Service a local helper is named for (``dynamodb`` of ``get_dynamodb_resource``,
        ``secrets_manager`` of ``get_secrets_manager_client``); not the everyday words, whose
        clients are as often another product's (``get_es_client``, ``get_kafka_client``)."""
        if normalise(words) in self.receivers.everyday_words:
            return None
        service = self.by_words(words)
        return service if service and self.is_boto3(service) else None

    def _receiver_service(self, receiver: str, speaks_aws: bool) -> str | None:
        full = normalise(receiver)
        base = _RECEIVER_SUFFIX.sub("", full) or full
        nicknames = self.receivers.nicknames
        found = nicknames.get(full) or nicknames.get(base) or self.names.get(base)
        if not found or (not speaks_aws and base in self.receivers.everyday_words):
            return None
        return self.canon(found)

    def by_arn_namespace(self, namespace: str) -> str | None:
        """Service id for the service part of an ARN (``states`` → stepfunctions)."""
        if namespace in self.endpoints:
            return self.canon(self.endpoints[namespace])
        return self.by_name(namespace)


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict, else an empty one (for reading loosely-typed documents)."""
    return value if isinstance(value, dict) else {}
