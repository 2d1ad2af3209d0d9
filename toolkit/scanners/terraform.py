"""Terraform: ``.tf`` (HCL2), ``.tf.json``, ``terraform.tfstate`` (v4) and ``terraform show -json`` plans.

HCL is read by a block scanner rather than a full parser: comments and heredocs are blanked
(keeping every newline, so offsets still give true line numbers), then ``resource``, ``data`` and
``module`` blocks are found on what remains and their braces matched. A heredoc or a comment that
mentions ``resource "aws_s3_bucket"`` is therefore never counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .kubernetes import embedded_rules
from .literals import cli_calls, references
from .pathscan import policy
from .pathscan.hits import FileError, FileResult, FollowUp, Hit, add_first_uses
from .pathscan.resolver import Resolver, as_dict
from .pathscan.text import LineIndex

SCANNER = "terraform"

_TOKENS = re.compile(
    r"""
    (?P<heredoc><<-?[ \t]*"?(?P<tag>[A-Za-z_][\w-]*)"?[ \t]*\r?\n(?P<body>.*?)^[ \t]*(?P=tag)[ \t]*\r?$)
    | (?P<string>"(?:[^"\\\n]|\\.)*")
    | (?P<comment>(?:\#|//)[^\n]*)
    | (?P<block>/\*.*?\*/)
    """,
    re.S | re.M | re.X,
)
_LABEL = r'(?:"([^"\n]*)"|([A-Za-z_][\w-]*))'
_BLOCK = re.compile(
    rf"^[ \t]*(resource|data|module|provider)[ \t]+{_LABEL}(?:[ \t]+{_LABEL})?[ \t]*\{{", re.M
)
_ATTR = re.compile(
    r'(?:^|(?<=\{))[ \t]*(source|version|count|for_each)[ \t]*=[ \t]*(?:"([^"\n]*)"|(\S[^\n]*))', re.M
)
_UNTERMINATED = re.compile(r"<<-?[ \t]*\"?[A-Za-z_][\w-]*|/\*")
_REGISTRY = re.compile(r"^(?:[\w.-]+/)?([\w-]+)/([\w-]+)/([\w-]+)(?:/\S*)?$")
# the repository's name: terraform-aws-<name> (the terraform-aws-modules organisation is not one)
_SUBMODULE = re.compile(r"//modules/([a-z0-9]+)(?:[-_/?]|$)")
_GIT_NAME = re.compile(r"terraform-(aws|awscc)-(?!modules/)([\w-]+?)(?:\.git)?(?:[/?].*)?$")
_REFERENCE = re.compile(r"(?<![\w.\"-])(data\.)?((?:aws|awscc)_[a-z0-9_]+)\.[A-Za-z_][\w-]*")


# aws_codepipeline actions run by an AWS service: owner = "AWS", provider = "CodeCommit"
_PIPELINE_PROVIDER = re.compile(r'\bprovider\s*=\s*"([A-Z][A-Za-z]+)"')
_AWS_OWNER = re.compile(r'\bowner\s*=\s*"AWS"')
# …and its artifact store, which is a bucket, encrypted with a KMS key
_TYPED_BLOCK = re.compile(r'\b(?:artifact_store|encryption_key)\s*\{[^{}]*?\btype\s*=\s*"(S3|KMS)"')


def _blank(text: str) -> str:
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def clean(text: str) -> tuple[str, str, str]:
    """Three same-length copies of ``text``: without comments and heredocs; also without strings;
    and without comments only (heredoc bodies kept, for the IAM policies and ARNs written in them)."""
    code: list[str] = []
    skeleton: list[str] = []
    literal: list[str] = []
    last = 0
    for match in _TOKENS.finditer(text):
        between = text[last : match.start()]
        code.append(between)
        skeleton.append(between)
        literal.append(between)
        token = match.group(0)
        if match.lastgroup == "string":
            code.append(token)
            skeleton.append('"' + " " * (len(token) - 2) + '"')
            literal.append(token)
        else:
            blank = _blank(token)
            code.append(blank)
            skeleton.append(blank)
            literal.append(token if match.group("heredoc") else blank)
        last = match.end()
    for copy in (code, skeleton, literal):
        copy.append(text[last:])
    return "".join(code), "".join(skeleton), "".join(literal)


def _brace_pairs(skeleton: str) -> tuple[dict[int, int], int]:
    pairs: dict[int, int] = {}
    stack: list[int] = []
    unmatched = 0
    for match in re.finditer(r"[{}]", skeleton):
        if match.group(0) == "{":
            stack.append(match.start())
        elif stack:
            pairs[stack.pop()] = match.start()
        else:
            unmatched += 1
    return pairs, unmatched + len(stack)


def module_service(source: str, resolver: Resolver) -> tuple[str | None, str | None]:
    """(provider, service) a remote module source reveals: ``terraform-aws-modules/vpc/aws`` → (aws, ec2)."""
    name = None
    registry = _REGISTRY.match(source)
    git = _GIT_NAME.search(source)
    if registry and "::" not in source and not source.startswith(("git@", "http")):
        _, name, provider = registry.groups()
        if provider not in ("aws", "awscc"):
            return provider, None
        name = name.removeprefix("terraform-aws-")
    elif git:
        name = git.group(2)
    if not name:
        return None, None
    # a submodule named for another service: Young-ook/lambda/aws//modules/logs is a log group
    submodule = _SUBMODULE.search(source)
    for candidate in (submodule.group(1) if submodule else None, name):
        service = resolver.by_terraform("aws_" + candidate.replace("-", "_") + "_") if candidate else None
        if service and resolver.is_boto3(service):
            return "aws", service
    return "aws", None


def _is_local(source: str) -> bool:
    return source.startswith(("./", "../"))


def scan_hcl(text: str, relpath: str, resolver: Resolver, platforms: dict[str, str]) -> FileResult:
    """Every AWS resource, data source and module call in one ``.tf`` file."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    code, skeleton, literal = clean(text)
    pairs, unbalanced = _brace_pairs(skeleton)
    if unbalanced:
        where = _UNTERMINATED.search(skeleton)
        hint = " (unterminated heredoc or comment?)" if where else ""
        result.errors.append(FileError(SCANNER, "ParseError", f"unbalanced braces{hint}"))
        return result
    index = LineIndex(text)
    for match in _BLOCK.finditer(code):
        kind = match.group(1)
        first = match.group(2) if match.group(2) is not None else match.group(3)
        second = match.group(4) if match.group(4) is not None else match.group(5)
        line = index.line(match.start(1))
        open_brace = match.end() - 1
        body = code[open_brace : pairs.get(open_brace, open_brace)]
        attrs = {
            m.group(1): m.group(2) if m.group(2) is not None else m.group(3).strip()
            for m in _ATTR.finditer(body)
        }
        if kind in ("resource", "data") and second is not None:
            _resource_hit(result, kind, first, second, line, attrs, resolver, platforms)
        elif kind == "module":
            _module_hit(result, first, line, attrs, resolver, relpath)
        elif kind == "provider" and first in platforms:
            result.hits.append(
                Hit("terraform", platforms[first], f"provider.{first}", first, line, provider="platform")
            )
    _implied(result, code, literal, index, resolver)
    return result


# where Terraform keeps its state: the S3 backend, locked in a DynamoDB table when one is named
# (``terraform { backend "s3" {…} }``; Terragrunt's ``remote_state { backend = "s3" … }``)
_S3_BACKEND = re.compile(
    r'^[ \t]*backend[ \t]+"s3"[ \t]*\{|^[ \t]*(?P<terragrunt>remote_state)[ \t]*=?[ \t]*\{', re.M
)
_BACKEND_S3 = re.compile(r'^[ \t]*backend[ \t]*=[ \t]*"s3"', re.M)
_LOCK_TABLE = re.compile(r'^[ \t]*dynamodb_table[ \t]*=[ \t]*"[^"\n]', re.M)


def _state_backend(code: str, resolver: Resolver) -> list[tuple[int, str, str, str]]:
    """``(offset, service, how, name)`` for a state kept in S3 and its DynamoDB lock table."""
    found: list[tuple[int, str, str, str]] = []
    for match in _S3_BACKEND.finditer(code):
        start = match.end() - 1
        body = policy.enclosing_block(code, start)
        if match.group("terragrunt"):
            kind = _BACKEND_S3.search(body)
            if kind is None:
                continue
            found.append((start + kind.start(), resolver.canon("s3"), "state-backend", "remote_state.s3"))
        else:
            found.append((match.start(), resolver.canon("s3"), "state-backend", 'backend "s3"'))
        lock = _LOCK_TABLE.search(body)
        if lock:
            found.append((start + lock.start(), resolver.canon("dynamodb"), "state-lock", "dynamodb_table"))
    return found


# attributes that point into S3 (a Lambda's code, a load balancer's access logs, …)
_S3_ATTRIBUTE = re.compile(
    r"^[ \t]*(s3_bucket|s3_bucket_name|s3_key|s3_object_version)\s*="
    r"|\b(access_logs)\s*\{[^}]*?\bbucket\s*=",
    re.M,
)


def _implied(result: FileResult, code: str, literal: str, index: LineIndex, resolver: Resolver) -> None:
    """Services the file uses without declaring them: references to resources declared elsewhere,
    IAM actions granted and ARNs written (heredoc policies included). One hit per service not
    already declared, at first use."""
    found: list[tuple[int, str, str, str]] = []
    for match in _REFERENCE.finditer(code):
        rtype = match.group(2)
        if match.group(1) and rtype in resolver.terraform_meta:
            continue
        service = resolver.by_terraform(rtype)
        if service and resolver.is_boto3(service):
            found.append((match.start(), service, "reference", match.group(0)))
    for service, action, offset in policy.quoted_actions(literal, resolver):
        found.append((offset, service, "iam-action", action))
    for service, arn, offset in policy.arns(literal, resolver):
        found.append((offset, service, "arn", arn))
    for match in _PIPELINE_PROVIDER.finditer(code):
        if _AWS_OWNER.search(policy.enclosing_block(code, match.start())):
            runner = resolver.by_name(match.group(1))
            if runner:
                found.append((match.start(1), runner, "codepipeline-action", match.group(1)))
    for match in _TYPED_BLOCK.finditer(code):
        found.append((match.start(1), resolver.canon(match.group(1).lower()), "typed-block", match.group(0)))
    for maybe, how, name, offset, _ in references(literal, resolver, arns=False):
        if maybe:
            found.append((offset, maybe, how, name))
    if "aws " in literal:
        found += [
            (offset, service, "aws-cli", command) for service, command, offset in cli_calls(literal, resolver)
        ]
    for match in _S3_ATTRIBUTE.finditer(code):
        attribute = match.group(1) or match.group(2)
        found.append(
            (match.start(1 if match.group(1) else 2), resolver.canon("s3"), "s3-attribute", attribute)
        )
    found += _state_backend(code, resolver)
    found += embedded_rules(code, resolver)
    add_first_uses(result, "terraform", found, line=index.line)


def _resource_hit(
    result: FileResult,
    kind: str,
    rtype: str,
    name: str,
    line: int,
    attrs: dict[str, str],
    resolver: Resolver,
    platforms: dict[str, str],
) -> None:
    address = f"{'data.' if kind == 'data' else ''}{rtype}.{name}"
    extra: dict[str, Any] = {k: v for k, v in attrs.items() if k in ("count", "for_each")}
    if kind == "data":
        extra["data_source"] = True
    if kind == "data" and rtype in resolver.terraform_meta:
        return
    service = resolver.by_terraform(rtype)
    if service:
        result.hits.append(Hit("terraform", service, rtype, address, line, attributes=extra))
        return
    platform = platforms.get(rtype.split("_", 1)[0])
    if platform:
        result.hits.append(Hit("terraform", platform, rtype, address, line, provider="platform"))


def _module_hit(
    result: FileResult, name: str, line: int, attrs: dict[str, str], resolver: Resolver, relpath: str
) -> None:
    source = attrs.get("source")
    if not source:
        return
    if _is_local(source):
        result.followups.append(FollowUp(source, "terraform-dir", relpath))
        return
    provider, service = module_service(source, resolver)
    attributes: dict[str, Any] = {"source": source}
    if attrs.get("version"):
        attributes["version"] = attrs["version"]
    if provider == "aws" and service:
        result.hits.append(
            Hit("terraform", service, "terraform_module", f"module.{name}", line, attributes=attributes)
        )
    else:
        attributes["module_provider"] = provider
        result.hits.append(
            Hit(
                "terraform",
                "module",
                "terraform_module",
                f"module.{name}",
                line,
                provider="terraform",
                attributes=attributes,
            )
        )


_TERRAGRUNT_SOURCE = re.compile(
    r'^[ \t]*terraform[ \t]*\{[^{}]*?^[ \t]*source[ \t]*=[ \t]*"([^"\n]+)"', re.M | re.S
)


def scan_terragrunt(text: str, relpath: str, resolver: Resolver) -> FileResult:
    """A Terragrunt configuration: its state backend and lock table, and the module it deploys
    (``terraform { source = "tfr:///terraform-aws-modules/vpc/aws?version=5.1.0" }``)."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    code, _, _ = clean(text)
    index = LineIndex(text)
    source = _TERRAGRUNT_SOURCE.search(code)
    if source and not _is_local(source.group(1)):
        address = source.group(1)
        if address.startswith("tfr://"):
            address = address.removeprefix("tfr://").lstrip("/").split("?", 1)[0]
            address = address.split("/", 1)[1] if address.count("/") > 2 else address
        _module_hit(result, "terragrunt", index.line(source.start(1)), {"source": address}, resolver, relpath)
    add_first_uses(result, "terraform", _state_backend(code, resolver), line=index.line)
    return result


def _key(name: str) -> re.Pattern[str]:
    return re.compile(r'"' + re.escape(name) + r'"\s*:')


def scan_tf_json(text: str, relpath: str, resolver: Resolver, platforms: dict[str, str]) -> FileResult:
    """Resources, data sources and modules of a ``.tf.json`` file."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    try:
        document = json.loads(text)
    except ValueError as exc:
        result.errors.append(FileError(SCANNER, "ParseError", f"not valid JSON: {exc}"))
        return result
    index = LineIndex(text)
    blocks = document if isinstance(document, list) else [document]
    cursor = 0
    for block in blocks:
        for kind in ("resource", "data", "module"):
            section = as_dict(as_dict(block).get(kind))
            if not section:
                continue
            found = _key(kind).search(text, cursor)
            cursor = found.end() if found else cursor
            if kind == "module":
                for name, body in section.items():
                    found = _key(name).search(text, cursor)
                    line = index.line(found.start()) if found else 1
                    cursor = found.end() if found else cursor
                    _module_hit(
                        result, name, line, {k: str(v) for k, v in as_dict(body).items()}, resolver, relpath
                    )
                continue
            for rtype, instances in section.items():
                found = _key(rtype).search(text, cursor)
                cursor = found.end() if found else cursor
                for name in as_dict(instances):
                    named = _key(name).search(text, cursor)
                    line = index.line(named.start() if named else (found.start() if found else 0))
                    cursor = named.end() if named else cursor
                    _resource_hit(result, kind, rtype, name, line, {}, resolver, platforms)
    return result


def _state_resources(document: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any], bool]]:
    for resource in document.get("resources") or []:
        resource = as_dict(resource)
        prefix = f"{resource['module']}." if resource.get("module") else ""
        mode = "data." if resource.get("mode") == "data" else ""
        address = f"{prefix}{mode}{resource.get('type')}.{resource.get('name')}"
        for number, instance in enumerate(resource.get("instances") or [{}]):
            instance = as_dict(instance)
            key = instance.get("index_key")
            suffix = "" if key is None else f"[{json.dumps(key)}]"
            attributes = as_dict(instance.get("attributes"))
            yield (
                str(resource.get("type", "")),
                resource.get("mode", "managed"),
                address + suffix,
                attributes,
                number == 0,
            )


def _plan_resources(module: dict[str, Any]) -> Iterator[tuple[str, str, str, dict[str, Any], bool]]:
    for resource in module.get("resources") or []:
        resource = as_dict(resource)
        yield (
            str(resource.get("type", "")),
            resource.get("mode", "managed"),
            str(resource.get("address", "")),
            as_dict(resource.get("values")),
            True,
        )
    for child in module.get("child_modules") or []:
        yield from _plan_resources(as_dict(child))


def scan_state(text: str, relpath: str, resolver: Resolver, platforms: dict[str, str]) -> FileResult:
    """Resources with their real ids from a v4 state file or a ``terraform show -json`` document."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    try:
        document = as_dict(json.loads(text))
    except ValueError as exc:
        result.errors.append(FileError(SCANNER, "ParseError", f"not valid JSON: {exc}"))
        return result
    if "planned_values" in document or "values" in document:
        values = as_dict(document.get("planned_values") or document.get("values"))
        items = list(_plan_resources(as_dict(values.get("root_module"))))
        if not items:
            items = [
                (str(c.get("type", "")), c.get("mode", "managed"), str(c.get("address", "")), {}, True)
                for c in map(as_dict, document.get("resource_changes") or [])
            ]
        needle = "address"
    elif "resources" in document:
        if document.get("version") not in (4, None):
            result.notes.append(f"{relpath}: state version {document.get('version')} read as v4")
        items = list(_state_resources(document))
        needle = "type"
    else:
        result.errors.append(FileError(SCANNER, "ParseError", "neither a v4 state nor a plan/show document"))
        return result
    index = LineIndex(text)
    cursor = 0
    line = 1
    for rtype, mode, address, values, first in items:
        value = address.split("[")[0] if needle == "address" else rtype
        if first:
            found = re.compile(rf'"{needle}"\s*:\s*"{re.escape(value)}"').search(text, cursor)
            if found:
                cursor = found.end()
                line = index.line(found.start())
        kind = "data" if mode == "data" else "resource"
        if kind == "data" and rtype in resolver.terraform_meta:
            continue
        service = resolver.by_terraform(rtype)
        if not service:
            continue
        attributes = {k: values[k] for k in ("id", "arn") if isinstance(values.get(k), str)}
        attributes["state"] = True
        region = values.get("region") if isinstance(values.get("region"), str) else None
        name = str(values.get("arn") or values.get("id") or address)
        result.hits.append(
            Hit(
                "terraform",
                service,
                rtype,
                name,
                line,
                attributes={**attributes, "address": address},
                region=region,
            )
        )
    return result


def is_state_or_plan(text: str) -> bool:
    """True for a JSON document written by Terraform (state or ``show -json``)."""
    head = text[:4096]
    return '"terraform_version"' in head and (
        '"planned_values"' in text[:200_000]
        or '"resources"' in head
        or '"values"' in head
        or '"lineage"' in head
    )
