"""AWS CDK constructs that create resources of services other than their module's own: an
``ApplicationLoadBalancedFargateService`` (module ``aws-ecs-patterns``) builds a load balancer,
``autoScaleTaskCount`` registers the service with Application Auto Scaling. Any CDK language."""

from __future__ import annotations

import re

from .pathscan.resolver import Resolver
from .pathscan.sink import Sink

_CDK = re.compile(r"aws_cdk|aws-cdk|awscdk")  # the CDK imported: aws_cdk, aws-cdk-lib, awscdk (Go, Java)
# (Go constructors are New<Construct>: NewApplicationLoadBalancedFargateService)
_START = r"(?:\b|(?<=New))"
_IMPLIED = (
    (
        re.compile(
            _START + r"(?:Application|Network)(?:LoadBalanced|MultipleTargetGroups)(?:Fargate|Ec2)Service\b"
        ),
        "elbv2",
    ),
    (re.compile(_START + r"QueueProcessing(?:Fargate|Ec2)Service\b"), "sqs"),
    (re.compile(_START + r"Scheduled(?:Fargate|Ec2)Task\b"), "events"),
    # a database's generated credentials live in Secrets Manager: .secret.secret_arn, fromGeneratedSecret
    (
        re.compile(r"\.[sS]ecret\.(?:secret_?[aA]rn|[sS]ecretArn)\b|\b[fF]rom_?[gG]enerated_?[sS]ecret\b"),
        "secretsmanager",
    ),
    (
        re.compile(
            r"\b[aA]uto_?[sS]cale_?(?:[tT]ask_?[cC]ount|[rR]ead_?[cC]apacity|[wW]rite_?[cC]apacity)\b"
        ),
        "application-autoscaling",
    ),
    # a function or container image pulled from an ECR repository: Code.fromEcrImage(repo),
    # DockerImageCode.fromEcr(repo), ContainerImage.fromEcrRepository(repo), from_ecr_repository
    (re.compile(r"\.[fF]rom_?[eE]cr(?:_?[iI]mage|_?[rR]epository)?\s*\("), "ecr"),
    # an identity pool is Cognito Identity's, though the CDK keeps it in the user pools' module
    (re.compile(r"\b(?:Cfn)?IdentityPool(?:RoleAttachment)?\b"), "cognito-identity"),
    # a function passed in and granted to a role: fn.grantInvoke(role), fn.grant_invoke(role)
    (re.compile(r"\.grant_?[iI]nvoke(?:_?[uU]rl)?\s*\("), "lambda"),
)


def implied(code: str, resolver: Resolver, sink: Sink) -> None:
    """Services the CDK constructs in ``code`` create on the side, at each construct's line."""
    if not _CDK.search(code):
        return
    for pattern, service in _IMPLIED:
        for match in pattern.finditer(code):
            sink.add(resolver.canon(service), "aws-cdk-construct", match.group(0), match.start())
