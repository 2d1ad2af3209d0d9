"""What IAM policies and ARNs inside infrastructure code reveal: the services a role is granted.

A policy granting ``ses:SendEmail`` or naming ``arn:aws:logs:…:log-group:…`` shows the stack
talks to SES or CloudWatch Logs even when no resource of that service is declared in the file.
``sts:*`` actions count only in permission policies (a workload allowed to assume other roles
uses STS); in trust policies, the statements with a ``Principal``, every role has
``sts:AssumeRole`` and it says nothing about what the workload uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .resolver import Resolver
from .tree import Node

# "svc:Action", "svc:Get*", "svc:*": a namespace, then an action name or wildcard.
# (IAM matches actions without regard to case: SNS:Publish is sns:Publish, sts:assumeRole)
ACTION = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):([A-Za-z][A-Za-z0-9]*\*?|\*)$")
# (IAM action names are case-insensitive: "sns:publish"; a mapping key is not an action but a
# condition key: "sts:ExternalId": {…}, "sts:ExternalId" = "…")
_QUOTED_ACTION = re.compile(r'"([A-Za-z][A-Za-z0-9-]*):([A-Za-z][A-Za-z0-9]*\*?|\*)"(?!\s*[:=])')
_ANY_QUOTED_ACTION = re.compile(
    r"""(["'`])([A-Za-z][A-Za-z0-9-]*):([A-Za-z][A-Za-z0-9]*\*?|\*)\1(?!\s*[:=])"""
)
# the partition written out (aws, aws-cn, aws-us-gov) or interpolated: ${…} (HCL, !Sub, JS), {…} (Python),
# %s, or concatenated ('arn:' + partition + ':execute-api:')
PARTITION = r"""(?:aws[a-z-]*|\$\{[^}\s]+\}|\{[^}\s]+\}|%s|['"]\s*\+\s*[\w.]+\s*\+\s*['"])"""
ARN = re.compile(rf"\barn:{PARTITION}:([a-z0-9-]+):")
_SKIP = {"sts", "aws"}
# the tagging API's actions (tag:GetResources); "tag:Name" is an EC2 filter on a tag's value
_TAGGING_ACTION = re.compile(r"^(?:Get|Tag|Untag|Describe|Start|List)\w*\*?$|^\*$")
_PRINCIPAL = re.compile(r"\b(?:Not)?[Pp]rincipals?\b")
_PRINCIPAL_KEYS = ("Principal", "NotPrincipal")
_ACTION_KEYS = ("Action", "NotAction")


def action_service(namespace: str, resolver: Resolver, *, trust: bool = True) -> str | None:
    """Service id for an IAM action namespace (``states`` → stepfunctions); None for unknowns, and
    for ``sts`` in a trust policy (``trust``)."""
    namespace = namespace.lower()
    if namespace == "sts" and not trust:
        return resolver.canon("sts")
    if namespace in _SKIP:
        return None
    return resolver.by_arn_namespace(namespace)


def quoted_actions(
    code: str, resolver: Resolver, *, any_quote: bool = False
) -> Iterator[tuple[str, str, int]]:
    """(service, action, offset) for every double-quoted IAM action string in ``code`` (HCL, JSON);
    with ``any_quote``, single- and back-quoted ones too (policies written in application code)."""
    pattern, group = (_ANY_QUOTED_ACTION, 2) if any_quote else (_QUOTED_ACTION, 1)
    for match in pattern.finditer(code):
        namespace = match.group(group)
        if namespace.lower() == "tag" and not _TAGGING_ACTION.match(match.group(group + 1)):
            continue
        trust = namespace.lower() == "sts" and (
            _PRINCIPAL.search(enclosing_block(code, match.start())) is not None
            or _in_principal_call(code, match.start())
        )
        service = action_service(namespace, resolver, trust=trust)
        if service:
            yield service, match.group(0).strip("\"'`"), match.start(group)


_PRINCIPAL_CALL = re.compile(r"Principal\s*\(")


def _in_principal_call(code: str, offset: int) -> bool:
    """Whether ``offset`` is inside the arguments of a CDK principal: ``new FederatedPrincipal(…,
    "sts:AssumeRoleWithWebIdentity")`` names how the role is assumed, as a trust policy does."""
    window = max(0, offset - 600)
    calls = list(_PRINCIPAL_CALL.finditer(code, window, offset))
    if not calls:
        return False
    depth = 0
    for char in code[calls[-1].end() - 1 : offset]:
        depth += (char == "(") - (char == ")")
    return depth > 0


def enclosing_block(code: str, offset: int) -> str:
    """The innermost ``{…}`` around ``offset`` (a policy statement, an HCL ``statement`` block)."""
    depth = 0
    start = -1
    for position in range(offset, -1, -1):
        char = code[position]
        if char == "}":
            depth += 1
        elif char == "{":
            if depth == 0:
                start = position
                break
            depth -= 1
    if start < 0:
        return code
    depth = 0
    for position in range(start, len(code)):
        char = code[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return code[start : position + 1]
    return code[start:]


# a regular expression that matches ARNs names none: ``^arn:aws:iam::(.+):role/([^/]+)``
_REGEX_PARTS = re.compile(r"\(\.[+*]\)|\[\^|\\[dw]|\[0-9\]|\(\?:")
_ARN_TEXT = re.compile(r"""[^\s"'`]*""")


def is_pattern(code: str, match: re.Match[str]) -> bool:
    """True when the ARN ``match`` found in ``code`` is part of a regular expression."""
    if match.start() > 0 and code[match.start() - 1] == "^":
        return True
    rest = _ARN_TEXT.match(code, match.end())
    return rest is not None and _REGEX_PARTS.search(rest.group(0)) is not None


def arn_service(code: str, match: re.Match[str], resolver: Resolver) -> str | None:
    """The service an ARN ``match`` (group 1: its namespace) names. A CloudFront origin access
    identity is written as an IAM user, ``arn:aws:iam::cloudfront:user/CloudFront Origin Access
    Identity E2…``, but names CloudFront's."""
    if match.group(1) == "iam" and code.startswith(":cloudfront:user/", match.end()):
        return resolver.canon("cloudfront")
    return resolver.by_arn_namespace(match.group(1))


def arns(code: str, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """(service, arn prefix, offset) for every ARN written in ``code``."""
    for match in ARN.finditer(code):
        if match.group(1) in _SKIP or is_pattern(code, match):
            continue
        service = arn_service(code, match, resolver)
        if service:
            yield service, match.group(0), match.start()


def tree_actions(node: Node | None, resolver: Resolver) -> Iterator[tuple[str, str, int]]:
    """(service, action, line) for every ``Action``/``NotAction`` value in a parsed template tree."""
    if node is None:
        return
    trust = any(key in _PRINCIPAL_KEYS for key, _ in node.items())
    for key, child in node.items():
        if key in _ACTION_KEYS:
            for item in child.children() or [child]:
                text = item.text()
                match = ACTION.match(text.strip()) if text else None
                service = action_service(match.group(1), resolver, trust=trust) if match else None
                if match and service:
                    yield service, match.group(0), item.line
        else:
            yield from tree_actions(child, resolver)
    for child in node.children():
        yield from tree_actions(child, resolver)
