"""Application Auto Scaling: the scalable targets of the services found in each region.

DescribeScalableTargets needs a service namespace, so reading every namespace everywhere would cost
a dozen calls per region. This collector runs after the others and asks only for the namespaces of
services that hold resources in the region (none found: no call).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import Resource
from .base import Collector, ScanContext

NAMESPACES = {
    "ecs": "ecs",
    "dynamodb": "dynamodb",
    "rds": "rds",
    "lambda": "lambda",
    "sagemaker": "sagemaker",
    "emr": "elasticmapreduce",
    "kafka": "kafka",
    "comprehend": "comprehend",
}
"""Service (boto3 name) → its Application Auto Scaling namespace."""


def scalable_targets(ctx: ScanContext) -> Iterator[Resource]:
    """Scalable targets (min/max capacity), each depending on the resource it scales."""
    here = {r.service for r in ctx.shared.found if r.region == ctx.region}
    for service in sorted(here & set(NAMESPACES)):
        namespace = NAMESPACES[service]
        for item in ctx.pages("describe_scalable_targets", "ScalableTargets", ServiceNamespace=namespace):
            ident = f"{namespace}/{item['ResourceId']}/{item['ScalableDimension']}"
            yield ctx.resource(
                str(
                    item.get("ScalableTargetARN")
                    or ctx.arn("application-autoscaling", f"scalable-target/{ident}")
                ),
                "AWS::ApplicationAutoScaling::ScalableTarget",
                ident,
                attributes={
                    "service_namespace": namespace,
                    "resource_id": item["ResourceId"],
                    "scalable_dimension": item["ScalableDimension"],
                    "min_capacity": item.get("MinCapacity"),
                    "max_capacity": item.get("MaxCapacity"),
                },
                depends_on=[_scaled(ctx, service, str(item["ResourceId"])), item.get("RoleARN")],
            )


def _scaled(ctx: ScanContext, service: str, resource_id: str) -> str | None:
    """The ARN of the scaled resource, for the namespaces whose ResourceId maps onto one."""
    if service == "dynamodb":
        return ctx.arn("dynamodb", resource_id.split("/index/", 1)[0])
    if service == "ecs":
        return ctx.arn("ecs", resource_id)
    if service == "rds":
        return ctx.arn("rds", resource_id)
    return None


def collectors() -> list[Collector]:
    """The scaling collector (runs after every other)."""
    return [
        Collector(
            "application-autoscaling.scalable-targets",
            "application-autoscaling",
            ("application-autoscaling:DescribeScalableTargets",),
            scalable_targets,
            after=True,
        )
    ]
