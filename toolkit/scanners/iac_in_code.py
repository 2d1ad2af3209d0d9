"""Infrastructure declared from a programming language without the CDK: Pulumi's AWS provider
(``pulumi_aws``, ``@pulumi/aws``, ``pulumi-aws/sdk/go/aws/…``) and troposphere, whose modules are
named for the service whose resources they declare (``aws.s3.BucketV2``, ``troposphere.sqs.Queue``),
and goformation, whose types are the CloudFormation type's parts run together
(``resources.AWSSQSQueue`` is ``AWS::SQS::Queue``).
"""

from __future__ import annotations

import re

from .pathscan.resolver import Resolver

# module names that are not the boto3 name of their service
_MODULE_SERVICES = {
    "lambda_": "lambda",
    "awslambda": "lambda",
    "serverless": "lambda",
    "sfn": "stepfunctions",
    "cognito": "cognito-idp",
    "lb": "elbv2",
    "alb": "elbv2",
    "elasticloadbalancingv2": "elbv2",
    "elasticloadbalancing": "elb",
    "appautoscaling": "application-autoscaling",
    "applicationautoscaling": "application-autoscaling",
    "cfg": "config",
    "msk": "kafka",
    "elasticsearch": "opensearch",
    "ec2transitgateway": "ec2",
    "ec2clientvpn": "ec2",
    "get_caller_identity": "sts",
    "getCallerIdentity": "sts",
    "GetCallerIdentity": "sts",
}
# provider plumbing, not services: pulumi_aws.config is the provider's settings, not AWS Config
_NOT_SERVICES = {"config", "types", "provider", "utilities", "constants", "policies", "validators", "utils"}

PYTHON_PACKAGES = ("pulumi_aws", "troposphere")
# Pulumi's cloudwatch module holds three services: EventRule/EventTarget are EventBridge,
# LogGroup/LogSubscriptionFilter are CloudWatch Logs, MetricAlarm/Dashboard are CloudWatch itself
CLOUDWATCH = "cloudwatch"
_CLOUDWATCH_WORD = r"(?:New|[Gg]et_?|Lookup)?([A-Z][a-z]+|[a-z]+)"  # EventRule, NewLogGroup, get_event_bus
_CLOUDWATCH_MEMBER = re.compile(r"\bcloudwatch\." + _CLOUDWATCH_WORD)
_MEMBER_WORD = re.compile(_CLOUDWATCH_WORD)
_CLOUDWATCH_FAMILIES = {"event": "events", "log": "logs"}
JS_PULUMI = re.compile(
    r"""import\s+\*\s+as\s+(\w+)\s+from\s+['"]@pulumi/aws['"]|(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*['"]@pulumi/aws['"]\s*\)"""
)
JS_PULUMI_SUBMODULE = re.compile(r"""['"]@pulumi/aws/([a-z0-9]+)['"]""")
GO_FORMATION = "github.com/awslabs/goformation"
_GO_FORMATION_RESOURCE = re.compile(r"\bresources\.AWS([A-Z][A-Za-z0-9]+)")
GO_PULUMI = re.compile(r"github\.com/pulumi/pulumi-aws/sdk(?:/v\d+)?/go/aws/([a-z0-9]+)")


def module_service(name: str, resolver: Resolver) -> str | None:
    """The service a Pulumi or troposphere module (or ``get_caller_identity``) declares resources of."""
    if name in _NOT_SERVICES:
        return None
    if name in _MODULE_SERVICES:
        return resolver.canon(_MODULE_SERVICES[name])
    return resolver.by_name(name) if name.islower() else None


def cloudwatch_member_service(member: str, resolver: Resolver) -> str | None:
    """The service a member of Pulumi's/troposphere's ``cloudwatch`` module belongs to:
    ``EventRule`` → events, ``LogGroup`` → logs, ``MetricAlarm`` → cloudwatch."""
    word = _MEMBER_WORD.match(member)
    return _cloudwatch_family(word.group(1), resolver) if word else None


def cloudwatch_uses(code: str, resolver: Resolver) -> list[tuple[int, str, str]]:
    """``(offset, service, member)`` for each use of a ``cloudwatch`` module member in ``code``."""
    return [
        (match.start(), _cloudwatch_family(match.group(1), resolver), match.group(0))
        for match in _CLOUDWATCH_MEMBER.finditer(code)
    ]


def _cloudwatch_family(word: str, resolver: Resolver) -> str:
    return resolver.canon(_CLOUDWATCH_FAMILIES.get(word.lower(), CLOUDWATCH))


def goformation_resources(code: str, resolver: Resolver) -> list[tuple[int, str, str]]:
    """``(offset, service, type)`` for each goformation resource type in ``code``: the longest
    leading run of words that names a service (``ElasticLoadBalancingV2`` of
    ``AWSElasticLoadBalancingV2LoadBalancer``)."""
    found = []
    for match in _GO_FORMATION_RESOURCE.finditer(code):
        name = match.group(1)
        cuts = [cut for cut in range(len(name) - 1, 0, -1) if name[cut].isupper()]
        types = [f"AWS::{name[:cut]}::{name[cut:]}" for cut in cuts]
        service = next(
            (listed for type_ in types if (listed := resolver.by_listed_cloudformation(type_))), None
        )
        service = service or next((named for cut in cuts if (named := resolver.by_name(name[:cut]))), None)
        if service:
            found.append((match.start(), service, match.group(0)))
    return found
