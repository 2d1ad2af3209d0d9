"""Kubernetes manifests and Helm charts: what ties a cluster to AWS.

Read line by line, so Helm templates (``{{ }}``) need not parse as YAML and every finding keeps
its line: EBS/EFS/FSx/S3 CSI drivers and storage classes, AWS load-balancer annotations and ingress
classes, IRSA role annotations, ECR images, ACK controllers (``*.services.k8s.aws``), Karpenter
AWS node classes and external-secrets AWS providers. Each rule names a representative Terraform
type so the service id comes from the catalog like everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pathscan.hits import FileResult, Hit
from .pathscan.resolver import Resolver

SCANNER = "kubernetes"


@dataclass(frozen=True, slots=True)
class Rule:
    """A line pattern and the Terraform type whose service it reveals."""

    pattern: re.Pattern[str]
    type: str
    via: str


def _rule(pattern: str, type_: str, via: str) -> Rule:
    return Rule(re.compile(pattern), type_, via)


RULES = (
    _rule(r"kubernetes\.io/aws-ebs|ebs\.csi\.aws\.com", "storage:ebs", "aws_ebs_volume"),
    _rule(r"efs\.csi\.aws\.com", "storage:efs", "aws_efs_file_system"),
    _rule(r"fsx\.csi\.aws\.com", "storage:fsx", "aws_fsx_lustre_file_system"),
    _rule(r"s3\.csi\.aws\.com", "storage:s3", "aws_s3_bucket"),
    _rule(r"alb\.ingress\.kubernetes\.io/|ingress\.k8s\.aws/|elbv2\.k8s\.aws", "ingress:alb", "aws_lb"),
    _rule(
        r"""(?:ingressClassName|ingress\.class|className)["']?\s*:\s*["']?alb["']?\s*$""",
        "ingress-class:alb",
        "aws_lb",
    ),
    _rule(r"service\.beta\.kubernetes\.io/aws-load-balancer-", "annotation:aws-load-balancer", "aws_elb"),
    _rule(r"eks\.amazonaws\.com/role-arn", "annotation:irsa", "aws_iam_role"),
    _rule(
        r"karpenter\.k8s\.aws/|^\s*kind:\s*[\"']?(?:EC2NodeClass|AWSNodeTemplate)\b",
        "karpenter:aws",
        "aws_instance",
    ),
    _rule(
        r"""image["']?\s*:\s*["']?\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com""",
        "image:ecr",
        "aws_ecr_repository",
    ),
    _rule(r"""image["']?\s*:\s*["']?public\.ecr\.aws/""", "image:ecr-public", "aws_ecrpublic_repository"),
)
_ACK = re.compile(r"\b([a-z0-9]+)\.services\.k8s\.aws\b")
_NLB = re.compile(r"aws-load-balancer-(?:type[\"']?\s*:\s*[\"']?(?:nlb|external|nlb-ip)|nlb-target-type)")
_EXTERNAL_SECRETS = re.compile(r"""^\s*service:\s*["']?(SecretsManager|ParameterStore)\b""")
_EXTERNAL_SECRET_TYPES = {
    "SecretsManager": "aws_secretsmanager_secret",
    "ParameterStore": "aws_ssm_parameter",
}
_API_VERSION = re.compile(r"^\s*-?\s*apiVersion:", re.M)
_KIND = re.compile(r"^\s*-?\s*kind:", re.M)


def looks_like(text: str, relpath: str) -> bool:
    """True for a manifest (``apiVersion`` and ``kind``) or a Helm chart template or values file."""
    return (
        relpath.endswith(".tpl")
        or "/templates/" in f"/{relpath}"
        or (_API_VERSION.search(text[:100_000]) is not None and _KIND.search(text[:100_000]) is not None)
        or "{{" in text[:100_000]
    )


def scan(text: str, relpath: str, resolver: Resolver) -> FileResult:
    """Every line that ties the manifests in ``text`` to an AWS service."""
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    lines = text.splitlines()
    classic_to_v2 = _NLB.search(text) is not None
    external_secrets = "external-secrets.io" in text
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip()
        if not stripped or stripped.startswith(("#", "{{/*", "{{- /*")):
            continue
        for rule in RULES:
            if rule.pattern.search(line):
                via = "aws_lb" if rule.via == "aws_elb" and classic_to_v2 else rule.via
                _add(result, resolver, via, rule.type, line, number)
        for match in _ACK.finditer(line):
            service = resolver.by_name(match.group(1))
            if service:
                result.hits.append(Hit(SCANNER, service, f"ack:{match.group(1)}", match.group(0), number))
        if external_secrets:
            store = _EXTERNAL_SECRETS.search(line)
            if store:
                _add(
                    result,
                    resolver,
                    _EXTERNAL_SECRET_TYPES[store.group(1)],
                    "external-secrets:aws",
                    line,
                    number,
                )
    return result


def _add(result: FileResult, resolver: Resolver, via: str, type_: str, line: str, number: int) -> None:
    service = resolver.by_terraform(via)
    if service:
        result.hits.append(Hit(SCANNER, service, type_, line.strip()[:80], number))
