"""Reading one file once and handing its text to every scanner that applies; runs in worker processes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import ansible, cloudformation, frameworks, kubernetes, platform, serverless, source, terraform
from .hits import FileError, FileResult
from .resolver import Resolver
from .text import decode, evidence, looks_binary
from .walk import RENDERED_SUFFIXES, SOURCE_EXT, SOURCE_NAMES, TEMPLATE_EXT, FileEntry, rendered_name

_WAIVER = re.compile(r"evac:ignore[ \t]+([\w*.:-]+)(?:[ \t]+(.*?))?[ \t]*(?:\*/|-->|#}|%}|\}\})?[ \t]*$")


@dataclass
class Setup:
    """What every worker needs, built once in the parent and sent to each worker at start."""

    resolver: Resolver
    platforms: platform.PlatformMatcher


_SETUP: list[Setup] = []


def init(setup: Setup) -> None:
    """Process-pool initializer: keep the setup for the batches this worker will run."""
    _SETUP[:] = [setup]


def run_batch(entries: list[FileEntry]) -> list[FileResult]:
    """Scan a batch of files with the setup given to :func:`init`."""
    return [scan_file(entry, _SETUP[0]) for entry in entries]


def _merge(into: FileResult, part: FileResult) -> None:
    into.scanners.extend(s for s in part.scanners if s not in into.scanners)
    into.hits.extend(part.hits)
    into.errors.extend(part.errors)
    into.notes.extend(part.notes)
    into.followups.extend(part.followups)


def scan_file(entry: FileEntry, setup: Setup) -> FileResult:
    """Read ``entry`` once and run each scanner that applies; never raises for a bad file."""
    result = FileResult(relpath=entry.relpath)
    try:
        with open(entry.path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        result.errors.append(FileError("paths", "Unreadable", f"cannot read: {exc.strerror}"))
        return result
    if looks_binary(data):
        result.notes.append(f"{entry.relpath}: binary file, skipped")
        return result
    text, encoding = decode(data)
    if encoding not in ("utf-8", "utf-8-sig"):
        result.notes.append(f"{entry.relpath}: read as {encoding}")
    try:
        for part in _dispatch(text, entry, setup):
            _merge(result, part)
    except RecursionError:
        result.errors.append(FileError("paths", "ParseError", "too deeply nested to read"))
    except Exception as exc:  # one bad file must never lose the rest of the scan
        result.errors.append(FileError("paths", "ParseError", f"{type(exc).__name__}: {exc}"))
    _unrendered(result, entry.relpath)
    _finish(result, text)
    return result


def _unrendered(result: FileResult, relpath: str) -> None:
    """A template another tool renders (``values.yml.tftpl``, ``main.tf.j2``) need not parse before
    rendering: what its parser could not read becomes a note, not an error."""
    name = relpath.rsplit("/", 1)[-1]
    if rendered_name(name) == name.lower() and not name.lower().endswith(RENDERED_SUFFIXES):
        return
    for error in [error for error in result.errors if error.code == "ParseError"]:
        result.errors.remove(error)
        result.notes.append(f"{relpath}: a template for another tool ({error.message})")


def _dispatch(text: str, entry: FileEntry, setup: Setup) -> list[FileResult]:
    resolver, matcher = setup.resolver, setup.platforms
    rel = entry.relpath
    lower = rendered_name(rel.rsplit("/", 1)[-1])
    if entry.kind == "zone":
        return [platform.scan_zone(text, rel, matcher, resolver)]
    if entry.kind == "cloudformation":
        return [cloudformation.scan(text, rel, resolver, forced=True)]
    tf_platforms = matcher.terraform_prefixes()
    if lower.endswith((".tf", ".tofu")):
        return [terraform.scan_hcl(text, rel, resolver, tf_platforms)]
    if lower.endswith(".tf.json"):
        return [terraform.scan_tf_json(text, rel, resolver, tf_platforms)]
    if lower.endswith((".tfstate", ".tfstate.backup", ".tfplan.json")):
        return [terraform.scan_state(text, rel, resolver, tf_platforms)]
    if frameworks.handles(rel):
        return [frameworks.scan(text, rel, resolver), source.scan(text, rel, resolver)]
    if lower.endswith(TEMPLATE_EXT):
        return _template(text, rel, lower, setup)
    if lower.endswith(SOURCE_EXT) or lower in SOURCE_NAMES or _is_source_name(lower):
        parts = [source.scan(text, rel, resolver), platform.scan(text, rel, matcher)]
        if lower.endswith(".hcl"):
            parts.append(terraform.scan_terragrunt(text, rel, resolver))
        configuration = serverless.scan_code(text, rel, resolver)
        return [*parts, *([configuration] if configuration else [])]
    return [platform.scan(text, rel, matcher)] if matcher.file_match(rel) else []


def _is_source_name(lower: str) -> bool:
    return (lower.startswith("requirements") and lower.endswith((".txt", ".in"))) or lower.startswith(
        (".env.", "dockerfile.")
    )


def _template(text: str, rel: str, lower: str, setup: Setup) -> list[FileResult]:
    resolver, matcher = setup.resolver, setup.platforms
    if lower.endswith(".json") and terraform.is_state_or_plan(text):
        return [terraform.scan_state(text, rel, resolver, matcher.terraform_prefixes())]
    if serverless.is_serverless_file(lower) or (
        not lower.endswith(".json") and serverless.looks_like_config(text)
    ):
        return [
            serverless.scan(text, rel, resolver),
            source.scan(text, rel, resolver, origin="serverless"),
            platform.scan(text, rel, matcher),
        ]
    if cloudformation.looks_like(text) and (
        not lower.endswith(".tpl") or "AWSTemplateFormatVersion" in text[:10_000]
    ):
        return [cloudformation.scan(text, rel, resolver)]
    yaml_text = not lower.endswith(".json")
    playbook = ansible.scan(text, rel, resolver) if yaml_text and ansible.looks_like(text) else None
    if yaml_text and kubernetes.looks_like(text, rel):
        return [
            kubernetes.scan(text, rel, resolver),
            source.scan(text, rel, resolver, origin="kubernetes"),
            platform.scan(text, rel, matcher),
            *([playbook] if playbook else []),
        ]
    # other YAML (Helm values, Kustomize patches, compose files) can hold the same AWS-specific
    # annotations, provisioners and images; the Kubernetes rules are specific enough to read it.
    # It may also be a piece of a serverless.yml kept in its own file.
    parts = [source.scan(text, rel, resolver), platform.scan(text, rel, matcher)]
    policy_document = frameworks.policy_document(text, rel, resolver)
    if policy_document:
        parts.append(policy_document)
    if yaml_text:
        fragment = (
            serverless.scan_fragment(text, rel, resolver) if serverless.looks_like_fragment(text) else None
        )
        parts = [
            kubernetes.scan(text, rel, resolver),
            *([fragment] if fragment else []),
            *([playbook] if playbook else []),
            *parts,
        ]
    return parts


def _finish(result: FileResult, text: str) -> None:
    lines = text.splitlines()
    for hit in result.hits:
        if 1 <= hit.line <= len(lines) and hit.line not in result.evidence:
            result.evidence[hit.line] = evidence(lines[hit.line - 1])
    if "evac:ignore" in text:
        for number, line in enumerate(lines, start=1):
            match = _WAIVER.search(line)
            if match:
                reason = (match.group(2) or "").strip() or "no reason given"
                result.waivers.setdefault(number, []).append((match.group(1), reason))
