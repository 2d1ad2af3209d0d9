"""Messaging and integration: SQS, SNS, Kinesis, Firehose, EventBridge, Step Functions, MQ, SES, MSK,
EventBridge Scheduler, AppSync, IoT.

Kinesis data gravity is what the stream still holds: the ``IncomingBytes`` summed over its
retention period (CloudWatch), when those metrics exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ...model import DataSize, Resource, utcnow
from .base import Collector, ScanContext
from .listing import Listing, pick


def queues(ctx: ScanContext) -> Iterator[Resource]:
    """SQS queues with their attributes (one GetQueueAttributes each; messages are never received)."""
    for url in ctx.pages("list_queues", "QueueUrls"):
        name = url.rstrip("/").rsplit("/", 1)[-1]
        attrs: dict[str, Any] = ctx.call("get_queue_attributes", QueueUrl=url, AttributeNames=["All"]).get(
            "Attributes", {}
        )
        arn = str(attrs.get("QueueArn") or ctx.arn("sqs", name))
        redrive = attrs.get("RedrivePolicy") or ""
        dead_letter = None
        if redrive:
            import json

            dead_letter = json.loads(redrive).get("deadLetterTargetArn")
        messages = int(attrs.get("ApproximateNumberOfMessages") or 0)
        yield ctx.resource(
            arn,
            "AWS::SQS::Queue",
            name,
            attributes={
                "url": url,
                "fifo": attrs.get("FifoQueue") == "true" or name.endswith(".fifo"),
                "retention_seconds": attrs.get("MessageRetentionPeriod"),
                "visibility_timeout": attrs.get("VisibilityTimeout"),
                "kms_key": attrs.get("KmsMasterKeyId"),
                "dead_letter_queue": dead_letter,
            },
            data=DataSize(bytes=0, items=messages, method="api"),
            depends_on=[dead_letter],
        )


def streams(ctx: ScanContext) -> Iterator[Resource]:
    """Kinesis data streams with shards, retention and the bytes held over that retention."""
    summaries = list(ctx.pages("list_streams", "StreamSummaries"))
    now = utcnow()
    for summary in summaries:
        item = ctx.call("describe_stream_summary", StreamName=summary["StreamName"])[
            "StreamDescriptionSummary"
        ]
        hours = int(item.get("RetentionPeriodHours") or 24)
        answer = ctx.call(
            "get_metric_statistics",
            service="cloudwatch",
            Namespace="AWS/Kinesis",
            MetricName="IncomingBytes",
            Dimensions=[{"Name": "StreamName", "Value": item["StreamName"]}],
            StartTime=now - timedelta(hours=hours),
            EndTime=now,
            Period=max(60, hours * 3600),
            Statistics=["Sum"],
        )
        points = answer.get("Datapoints", [])
        yield ctx.resource(
            item["StreamARN"],
            "AWS::Kinesis::Stream",
            item["StreamName"],
            attributes={
                **pick(
                    item,
                    (
                        "StreamStatus",
                        "OpenShardCount",
                        "RetentionPeriodHours",
                        "StreamModeDetails.StreamMode",
                        "EncryptionType",
                    ),
                ),
                "kms_key": item.get("KeyId"),
            },
            data=DataSize(bytes=int(sum(p.get("Sum", 0) for p in points)), method="cloudwatch")
            if points
            else None,
        )


def delivery_streams(ctx: ScanContext) -> Iterator[Resource]:
    """Firehose delivery streams and where they deliver."""
    answer = ctx.call("list_delivery_streams", Limit=10000)
    for name in answer.get("DeliveryStreamNames", []):
        item = ctx.call("describe_delivery_stream", DeliveryStreamName=name)["DeliveryStreamDescription"]
        buckets = [
            d.get("ExtendedS3DestinationDescription", d.get("S3DestinationDescription", {})).get("BucketARN")
            for d in item.get("Destinations", [])
        ]
        yield ctx.resource(
            item["DeliveryStreamARN"],
            "AWS::KinesisFirehose::DeliveryStream",
            name,
            attributes={
                **pick(item, ("DeliveryStreamType", "DeliveryStreamStatus")),
                "destinations": buckets,
            },
            depends_on=buckets,
        )


def event_rules(ctx: ScanContext) -> Iterator[Resource]:
    """EventBridge buses and rules, each rule pointing at its targets."""
    for bus in ctx.pages("list_event_buses", "EventBuses"):
        yield ctx.resource(
            bus["Arn"], "AWS::Events::EventBus", bus["Name"], attributes={"default": bus["Name"] == "default"}
        )
        for rule in ctx.pages("list_rules", "Rules", EventBusName=bus["Name"]):
            targets = [
                t["Arn"]
                for t in ctx.pages(
                    "list_targets_by_rule", "Targets", Rule=rule["Name"], EventBusName=bus["Name"]
                )
            ]
            yield ctx.resource(
                rule["Arn"],
                "AWS::Events::Rule",
                rule["Name"],
                attributes={
                    **pick(rule, ("State", "ScheduleExpression", "EventPattern", "EventBusName")),
                    "targets": targets,
                },
                depends_on=[bus["Arn"], *targets],
            )


def _subscription_uid(ctx: ScanContext, item: dict[str, Any]) -> str:
    arn = str(item.get("SubscriptionArn") or "")
    return arn if arn.startswith("arn:") else f"{item['TopicArn']}:pending:{item.get('Endpoint')}"


def collectors() -> list[Collector]:
    """The messaging collectors."""
    listings = [
        Listing(
            "sns",
            "topics",
            "list_topics",
            "Topics",
            "AWS::SNS::Topic",
            "sns:ListTopics",
            "",
            lambda c, i: str(i["TopicArn"]),
        ),
        Listing(
            "sns",
            "subscriptions",
            "list_subscriptions",
            "Subscriptions",
            "AWS::SNS::Subscription",
            "sns:ListSubscriptions",
            "Endpoint",
            _subscription_uid,
            ("Protocol", "Endpoint", "TopicArn"),
            tags=None,
            depends=lambda c, i: [
                i.get("TopicArn"),
                i.get("Endpoint") if str(i.get("Endpoint")).startswith("arn:") else None,
            ],
        ),
        Listing(
            "stepfunctions",
            "state-machines",
            "list_state_machines",
            "stateMachines",
            "AWS::StepFunctions::StateMachine",
            "states:ListStateMachines",
            "name",
            "stateMachineArn",
            ("type", "creationDate"),
        ),
        Listing(
            "stepfunctions",
            "activities",
            "list_activities",
            "activities",
            "AWS::StepFunctions::Activity",
            "states:ListActivities",
            "name",
            "activityArn",
            ("creationDate",),
        ),
        Listing(
            "mq",
            "brokers",
            "list_brokers",
            "BrokerSummaries",
            "AWS::AmazonMQ::Broker",
            "mq:ListBrokers",
            "BrokerName",
            "BrokerArn",
            ("EngineType", "DeploymentMode", "HostInstanceType", "BrokerState"),
        ),
        Listing(
            "ses",
            "identities",
            "list_identities",
            "Identities",
            "AWS::SES::EmailIdentity",
            "ses:ListIdentities",
            "",
            lambda c, i: c.arn("ses", f"identity/{i}"),
            tags=None,
        ),
        Listing(
            "kafka",
            "clusters",
            "list_clusters_v2",
            "ClusterInfoList",
            "AWS::MSK::Cluster",
            "kafka:ListClustersV2",
            "ClusterName",
            "ClusterArn",
            ("ClusterType", "State", "Provisioned.CurrentBrokerSoftwareInfo.KafkaVersion"),
            tags="Tags",
        ),
        Listing(
            "scheduler",
            "schedules",
            "list_schedules",
            "Schedules",
            "AWS::Scheduler::Schedule",
            "scheduler:ListSchedules",
            "Name",
            "Arn",
            ("GroupName", "State", "Target.Arn"),
            tags=None,
            depends=lambda c, i: [(i.get("Target") or {}).get("Arn")],
        ),
        Listing(
            "appsync",
            "graphql-apis",
            "list_graphql_apis",
            "graphqlApis",
            "AWS::AppSync::GraphQLApi",
            "appsync:ListGraphqlApis",
            "name",
            "arn",
            ("apiId", "authenticationType"),
            tags="tags",
        ),
        Listing(
            "iot",
            "things",
            "list_things",
            "things",
            "AWS::IoT::Thing",
            "iot:ListThings",
            "thingName",
            "thingArn",
            ("thingTypeName",),
            tags=None,
        ),
    ]
    return [
        Collector("sqs.queues", "sqs", ("sqs:ListQueues", "sqs:GetQueueAttributes"), queues),
        Collector(
            "kinesis.streams",
            "kinesis",
            ("kinesis:ListStreams", "kinesis:DescribeStreamSummary", "cloudwatch:GetMetricStatistics"),
            streams,
        ),
        Collector(
            "firehose.delivery-streams",
            "firehose",
            ("firehose:ListDeliveryStreams", "firehose:DescribeDeliveryStream"),
            delivery_streams,
        ),
        Collector(
            "events.rules",
            "events",
            ("events:ListEventBuses", "events:ListRules", "events:ListTargetsByRule"),
            event_rules,
        ),
        *(spec.collector() for spec in listings),
    ]
