"""Operations: CloudWatch Logs and alarms, CloudTrail, CloudFormation, CodeBuild, CodePipeline.

Log groups count their ``storedBytes`` as data: logs are data a team may be obliged to keep.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...model import DataSize, Resource
from .base import Collector, ScanContext
from .listing import Listing


def log_groups(ctx: ScanContext) -> Iterator[Resource]:
    """Log groups with retention, encryption key and stored bytes."""
    for item in ctx.pages("describe_log_groups", "logGroups"):
        arn = str(item.get("arn") or "").removesuffix(":*") or ctx.arn(
            "logs", f"log-group:{item['logGroupName']}"
        )
        yield ctx.resource(
            arn,
            "AWS::Logs::LogGroup",
            item["logGroupName"],
            attributes={
                "retention_days": item.get("retentionInDays"),
                "kms_key": item.get("kmsKeyId"),
                "log_group_class": item.get("logGroupClass"),
            },
            data=DataSize(bytes=int(item.get("storedBytes") or 0), method="api"),
        )


def collectors() -> list[Collector]:
    """The operations collectors."""
    listings = [
        Listing(
            "cloudwatch",
            "alarms",
            "describe_alarms",
            "MetricAlarms",
            "AWS::CloudWatch::Alarm",
            "cloudwatch:DescribeAlarms",
            "AlarmName",
            "AlarmArn",
            ("Namespace", "MetricName", "ComparisonOperator", "Threshold", "StateValue"),
            depends=lambda c, i: [a for a in i.get("AlarmActions", []) if str(a).startswith("arn:")],
        ),
        Listing(
            "cloudwatch",
            "composite-alarms",
            "describe_alarms",
            "CompositeAlarms",
            "AWS::CloudWatch::CompositeAlarm",
            "cloudwatch:DescribeAlarms",
            "AlarmName",
            "AlarmArn",
            ("AlarmRule", "StateValue"),
            params={"AlarmTypes": ["CompositeAlarm"]},
            depends=lambda c, i: [a for a in i.get("AlarmActions", []) if str(a).startswith("arn:")],
        ),
        Listing(
            "logs",
            "metric-filters",
            "describe_metric_filters",
            "metricFilters",
            "AWS::Logs::MetricFilter",
            "logs:DescribeMetricFilters",
            "filterName",
            lambda c, i: c.arn("logs", f"log-group:{i.get('logGroupName')}:metric-filter:{i['filterName']}"),
            ("logGroupName", "filterPattern"),
            tags=None,
            depends=lambda c, i: [c.arn("logs", f"log-group:{i.get('logGroupName')}")],
        ),
        Listing(
            "cloudwatch",
            "dashboards",
            "list_dashboards",
            "DashboardEntries",
            "AWS::CloudWatch::Dashboard",
            "cloudwatch:ListDashboards",
            "DashboardName",
            "DashboardArn",
            ("Size",),
            tags=None,
        ),
        Listing(
            "cloudtrail",
            "trails",
            "describe_trails",
            "trailList",
            "AWS::CloudTrail::Trail",
            "cloudtrail:DescribeTrails",
            "Name",
            "TrailARN",
            ("S3BucketName", "IsMultiRegionTrail", "HomeRegion", "KmsKeyId", "IsOrganizationTrail"),
            params={"includeShadowTrails": False},
            depends=lambda c, i: [
                f"arn:{c.shared.partition}:s3:::{i['S3BucketName']}" if i.get("S3BucketName") else None
            ],
        ),
        Listing(
            "cloudformation",
            "stacks",
            "describe_stacks",
            "Stacks",
            "AWS::CloudFormation::Stack",
            "cloudformation:DescribeStacks",
            "StackName",
            "StackId",
            ("StackStatus", "CreationTime", "Description", "RoleARN"),
            tags="Tags",
            keep=lambda i: i.get("StackStatus") != "DELETE_COMPLETE",
        ),
        Listing(
            "codebuild",
            "projects",
            "list_projects",
            "projects",
            "AWS::CodeBuild::Project",
            "codebuild:ListProjects",
            "",
            lambda c, i: c.arn("codebuild", f"project/{i}"),
            tags=None,
        ),
        Listing(
            "codepipeline",
            "pipelines",
            "list_pipelines",
            "pipelines",
            "AWS::CodePipeline::Pipeline",
            "codepipeline:ListPipelines",
            "name",
            lambda c, i: c.arn("codepipeline", str(i["name"])),
            ("version", "pipelineType"),
        ),
    ]
    return [
        Collector("logs.log-groups", "logs", ("logs:DescribeLogGroups",), log_groups),
        *(spec.collector() for spec in listings),
    ]
