"""Ansible tasks that manage AWS: the ``amazon.aws``/``community.aws`` collections' modules, by
their full names anywhere and by the short names older playbooks use inside a task."""

from __future__ import annotations

import re

from .pathscan.hits import FileResult, Hit
from .pathscan.resolver import Resolver
from .pathscan.tree import Node, parse

SCANNER = "code"
_COLLECTIONS = ("amazon.aws.", "community.aws.")
# the short names of AWS modules (s3, ec2_group, iam_role, route53, …: a family and what follows an
# underscore); families whose old modules were always prefixed need the prefix (aws_config_rule)
_SHORT = re.compile(
    r"(?:aws_)?(?:s3|ec2|iam|route53|rds|lambda|sqs|sns|cloudformation|cloudfront|cloudtrail|cloudwatchevent"
    r"|cloudwatchlogs|dynamodb|elasticache|efs|ecs|eks|elb|kms|redshift|acm|kinesis|wafv2|ssm|sts)(?:_\w+)?"
    r"|aws_(?:secretsmanager|secret|caller|batch|glue|ses|msk|codebuild|codepipeline|config|guardduty"
    r"|inspector|waf)(?:_\w+)?"
)
# modules whose family is not their service
_MODULE_SERVICES = {
    "ec2_asg": "autoscaling",
    "ec2_lc": "autoscaling",
    "autoscaling_group": "autoscaling",
    "ec2_elb": "elb",
    "ec2_elb_lb": "elb",
    "elb_classic_lb": "elb",
    "elb_application_lb": "elbv2",
    "elb_network_lb": "elbv2",
    "elb_target": "elbv2",
    "elb_target_group": "elbv2",
    "ecs_ecr": "ecr",
    "ec2_metric_alarm": "cloudwatch",
    "cloudwatch_metric_alarm": "cloudwatch",
    "cloudwatchevent_rule": "events",
    "cloudwatchlogs_log_group": "logs",
    "aws_caller_info": "sts",
    "sts_assume_role": "sts",
    "aws_secret": "secretsmanager",
    "aws_ssm": "ssm",
    "msk_cluster": "kafka",
}
_TASK_LISTS = ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always")


_TASK = re.compile(r"^\s*-\s+name\s*:", re.M)
_SHORT_KEY = re.compile(rf"^\s+(?:{_SHORT.pattern}):\s*$", re.M)


def looks_like(text: str) -> bool:
    """True when ``text`` may hold Ansible tasks for AWS (a cheap test before parsing)."""
    head = text[:200_000]
    if any(prefix in head for prefix in _COLLECTIONS):
        return True
    return _TASK.search(head) is not None and _SHORT_KEY.search(head) is not None


def scan(text: str, relpath: str, resolver: Resolver) -> FileResult | None:
    """Every AWS module a task list (a playbook, a role's tasks) calls; ``None`` when there is none."""
    try:
        documents = parse(text)
    except ValueError:
        return None
    result = FileResult(relpath=relpath, scanners=[SCANNER])
    for document in documents:
        for task in _tasks(document):
            for key, value in task.items():
                service = _module_service(key, resolver)
                if service:
                    result.hits.append(Hit(SCANNER, service, f"ansible:{key}", key, value.line))
    return result if result.hits else None


def _tasks(node: Node) -> list[Node]:
    """The tasks of a task list or playbook (plays' ``tasks``, blocks, handlers), nested ones too."""
    found: list[Node] = []
    for item in node.children():
        if item.get("name") is not None or any(item.get(key) is not None for key in _TASK_LISTS):
            found.append(item)
        for key in (*_TASK_LISTS, "roles"):
            inner = item.get(key)
            if inner is not None:
                found += _tasks(inner)
    return found


def _module_service(key: str, resolver: Resolver) -> str | None:
    name = key
    for prefix in _COLLECTIONS:
        name = name.removeprefix(prefix)
    full = name != key
    if not full and _SHORT.fullmatch(name) is None:
        return None
    if name in _MODULE_SERVICES:
        return resolver.canon(_MODULE_SERVICES[name])
    words = name.removeprefix("aws_").split("_")
    for size in range(len(words), 0, -1):
        service = resolver.by_name("".join(words[:size]))
        if service:
            return service
    return None
