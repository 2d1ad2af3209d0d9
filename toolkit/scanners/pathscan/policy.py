"""What IAM policies and ARNs inside infrastructure code reveal: the services a role is granted.

A policy granting ``ses:SendEmail`` or naming ``arn:aws:logs:…:log-group:…`` shows the stack
talks to SES or CloudWatch Logs even when no resource of that service is declared in the file.
``sts:*`` actions are left out: every trust policy has ``sts:AssumeRole`` and it says nothing
about what the workload uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .resolver import Resolver
from .tree import Node

# "svc:Action", "svc:Get*", "svc:*": a lower-case namespace, then an action name or wildcard.
ACTION = re.compile(r"^([a-z][a-z0-9-]*):([A-Z][A-Za-z0-9]*\*?|\*)$")
_QUOTED_ACTION = re.compile(r'"([a-z][a-z0-9-]*):([A-Z][A-Za-z0-9]*\*?|\*)"')
ARN = re.compile(r"\barn:(?:aws[a-z-]*|\$\{[^}\s]+\}):([a-z0-9-]+):")
_SKIP = {"sts", "aws"}
_ACTION_KEYS = ("Action", "NotAction")


def action_service(namespace: str, resolver: Resolver) -> str | None:
    """Service id for an IAM action namespace (``states`` → stepfunctions); None for sts and unknowns."""
    if namespace in _SKIP:
        return None
    return resolver.by_arn_namespace(namespace)


def quoted_actions(code: str, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """(service, action, offset) for every double-quoted IAM action string in ``code`` (HCL, JSON)."""
    for match in _QUOTED_ACTION.finditer(code):
        service = action_service(match.group(1), resolver)
        if service:
            yield service, match.group(0).strip('"'), match.start(1)


def arns(code: str, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """(service, arn prefix, offset) for every ARN written in ``code``."""
    for match in ARN.finditer(code):
        if match.group(1) in _SKIP:
            continue
        service = resolver.by_arn_namespace(match.group(1))
        if service:
            yield service, match.group(0), match.start()


def tree_actions(node: Node | None, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """(service, action, line) for every ``Action``/``NotAction`` value in a parsed template tree."""
    if node is None:
        return
    for key, child in node.items():
        if key in _ACTION_KEYS:
            for item in child.children() or [child]:
                text = item.text()
                match = ACTION.match(text.strip()) if text else None
                service = action_service(match.group(1), resolver) if match else None
                if match and service:
                    yield service, match.group(0), item.line
        else:
            yield from tree_actions(child, resolver)
    for child in node.children():
        yield from tree_actions(child, resolver)
