"""Compute: EC2 instances, volumes, snapshots and images; Lambda; ECS; EKS; Auto Scaling; Beanstalk; Batch.

Data gravity of block storage: a volume counts its *provisioned* size (``Size`` GiB x 2**30), since
that is what a copy must move and what the target must provision; a snapshot counts its
``VolumeSize`` GiB x 2**30 on its own. An instance carries no bytes: its root and data volumes are
counted as volumes, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...model import DataSize, Resource
from .base import Collector, ScanContext, gib, tag_dict
from .listing import Listing, pick


def _ec2(ctx: ScanContext, kind: str, ident: str) -> str:
    return ctx.arn("ec2", f"{kind}/{ident}")


def instances(ctx: ScanContext) -> Iterator[Resource]:
    """Instances (not terminated), pointing at their subnet, security groups, volumes and role."""
    for reservation in ctx.pages("describe_instances", "Reservations"):
        for item in reservation.get("Instances", []):
            state = item.get("State", {}).get("Name")
            if state in {"terminated", "shutting-down"}:
                continue
            tags = tag_dict(item.get("Tags"))
            volumes = [m["Ebs"]["VolumeId"] for m in item.get("BlockDeviceMappings", []) if "Ebs" in m]
            profile = (item.get("IamInstanceProfile") or {}).get("Arn")
            yield ctx.resource(
                _ec2(ctx, "instance", item["InstanceId"]),
                "AWS::EC2::Instance",
                tags.get("Name", item["InstanceId"]),
                attributes={
                    **pick(
                        item,
                        (
                            "InstanceType",
                            "ImageId",
                            "Platform",
                            "Architecture",
                            "VpcId",
                            "SubnetId",
                            "PrivateIpAddress",
                            "PublicIpAddress",
                            "RootDeviceName",
                            "KeyName",
                            "Placement.AvailabilityZone",
                            "LaunchTime",
                        ),
                    ),
                    "instance_id": item["InstanceId"],
                    "state": state,
                    "volumes": volumes,
                    "instance_profile": profile,
                },
                tags=tags,
                depends_on=[
                    _ec2(ctx, "subnet", item["SubnetId"]) if item.get("SubnetId") else None,
                    *(_ec2(ctx, "security-group", g["GroupId"]) for g in item.get("SecurityGroups", [])),
                    *(_ec2(ctx, "volume", v) for v in volumes),
                    profile,
                ],
            )


def volumes(ctx: ScanContext) -> Iterator[Resource]:
    """EBS volumes with their provisioned size as data."""
    for item in ctx.pages("describe_volumes", "Volumes"):
        tags = tag_dict(item.get("Tags"))
        attached = [a["InstanceId"] for a in item.get("Attachments", [])]
        yield ctx.resource(
            _ec2(ctx, "volume", item["VolumeId"]),
            "AWS::EC2::Volume",
            tags.get("Name", item["VolumeId"]),
            attributes={
                **pick(
                    item,
                    (
                        "VolumeType",
                        "Size",
                        "Iops",
                        "Throughput",
                        "Encrypted",
                        "SnapshotId",
                        "AvailabilityZone",
                        "State",
                    ),
                ),
                "kms_key": item.get("KmsKeyId"),
                "attached_to": attached,
                "bytes_basis": "provisioned Size GiB * 2**30",
            },
            tags=tags,
            data=DataSize(bytes=gib(item.get("Size")), method="provisioned"),
        )


AMI_BACKING = "Auto-created snapshot for AMI "


def snapshots(ctx: ScanContext) -> Iterator[Resource]:
    """EBS snapshots owned by the account, each counting its VolumeSize once.

    A snapshot that only backs an AMI the account does not own (emulators list those as the
    account's) is not the account's data and is left out.
    """
    items = list(ctx.pages("describe_snapshots", "Snapshots", OwnerIds=["self"]))
    own_images: set[str] | None = None
    for item in items:
        description = str(item.get("Description") or "")
        if description.startswith(AMI_BACKING):
            if own_images is None:
                own_images = {i["ImageId"] for i in ctx.pages("describe_images", "Images", Owners=["self"])}
            if description.removeprefix(AMI_BACKING).strip() not in own_images:
                continue
        tags = tag_dict(item.get("Tags"))
        yield ctx.resource(
            ctx.arn("ec2", f"snapshot/{item['SnapshotId']}", account=""),
            "AWS::EC2::Snapshot",
            tags.get("Name", item["SnapshotId"]),
            attributes={
                **pick(item, ("VolumeId", "VolumeSize", "Encrypted", "StartTime", "State", "Description")),
                "kms_key": item.get("KmsKeyId"),
                "bytes_basis": "VolumeSize GiB * 2**30",
            },
            tags=tags,
            data=DataSize(bytes=gib(item.get("VolumeSize")), method="provisioned"),
        )


def images(ctx: ScanContext) -> Iterator[Resource]:
    """AMIs owned by the account; their snapshots carry the bytes."""
    for item in ctx.pages("describe_images", "Images", Owners=["self"]):
        tags = tag_dict(item.get("Tags"))
        snaps = [
            m["Ebs"]["SnapshotId"]
            for m in item.get("BlockDeviceMappings", [])
            if m.get("Ebs", {}).get("SnapshotId")
        ]
        yield ctx.resource(
            ctx.arn("ec2", f"image/{item['ImageId']}", account=""),
            "AWS::EC2::Image",
            str(item.get("Name") or item["ImageId"]),
            attributes={
                **pick(
                    item,
                    (
                        "ImageId",
                        "Architecture",
                        "Platform",
                        "PlatformDetails",
                        "UsageOperation",
                        "OwnerId",
                        "ImageOwnerAlias",
                        "RootDeviceType",
                        "VirtualizationType",
                        "Public",
                        "CreationDate",
                        "SourceImageId",
                    ),
                ),
                "product_codes": [
                    f"{p.get('ProductCodeType', 'marketplace')}:{p.get('ProductCodeId')}"
                    for p in item.get("ProductCodes", [])
                ],
                "encrypted": any(
                    m.get("Ebs", {}).get("Encrypted") for m in item.get("BlockDeviceMappings", [])
                ),
                "kms_keys": sorted(
                    {
                        str(m["Ebs"]["KmsKeyId"])
                        for m in item.get("BlockDeviceMappings", [])
                        if m.get("Ebs", {}).get("KmsKeyId")
                    }
                ),
                "snapshots": snaps,
            },
            tags=tags,
            depends_on=[ctx.arn("ec2", f"snapshot/{s}", account="") for s in snaps],
        )


def _instance_arn(ctx: ScanContext, instance_id: str | None) -> str | None:
    return _ec2(ctx, "instance", instance_id) if instance_id else None


def _autoscaling_group_deps(ctx: ScanContext, item: dict[str, Any]) -> Iterable[str | None]:
    subnets = [s for s in str(item.get("VPCZoneIdentifier") or "").split(",") if s]
    yield from (_ec2(ctx, "subnet", s) for s in subnets)
    yield from (_instance_arn(ctx, i.get("InstanceId")) for i in item.get("Instances", []))
    yield from item.get("TargetGroupARNs", [])


def lambda_functions(ctx: ScanContext) -> Iterator[Resource]:
    """Functions with their runtime, role and event sources (environment values are never read)."""
    sources: dict[str, list[str]] = {}
    for mapping in ctx.pages("list_event_source_mappings", "EventSourceMappings"):
        function = ":".join(str(mapping.get("FunctionArn", "")).split(":")[:7])
        if mapping.get("EventSourceArn"):
            sources.setdefault(function, []).append(mapping["EventSourceArn"])
    for item in ctx.pages("list_functions", "Functions"):
        arn = ":".join(str(item["FunctionArn"]).split(":")[:7])
        vpc = item.get("VpcConfig") or {}
        yield ctx.resource(
            arn,
            "AWS::Lambda::Function",
            item["FunctionName"],
            attributes={
                **pick(
                    item,
                    (
                        "Runtime",
                        "Handler",
                        "MemorySize",
                        "Timeout",
                        "CodeSize",
                        "PackageType",
                        "Architectures",
                        "Role",
                        "LastModified",
                    ),
                ),
                "kms_key": item.get("KMSKeyArn"),
                "layers": [layer["Arn"] for layer in item.get("Layers", [])],
                "environment_variables": sorted((item.get("Environment") or {}).get("Variables", {})),
                "event_sources": sources.get(arn, []),
                "subnets": vpc.get("SubnetIds", []),
            },
            depends_on=[
                item.get("Role"),
                *sources.get(arn, []),
                *(_ec2(ctx, "subnet", s) for s in vpc.get("SubnetIds", [])),
                *(layer["Arn"] for layer in item.get("Layers", [])),
            ],
        )


def lambda_aliases(ctx: ScanContext) -> Iterator[Resource]:
    """Function aliases (one ListAliases per function found)."""
    functions = [r for r in ctx.shared.found if r.type == "AWS::Lambda::Function" and r.region == ctx.region]
    for function in functions:
        for item in ctx.pages("list_aliases", "Aliases", FunctionName=function.uid):
            yield ctx.resource(
                item["AliasArn"],
                "AWS::Lambda::Alias",
                f"{function.name}:{item['Name']}",
                attributes=pick(item, ("Name", "FunctionVersion", "RoutingConfig.AdditionalVersionWeights")),
                depends_on=[function.uid],
            )


def eks_nodegroups(ctx: ScanContext) -> Iterator[Resource]:
    """EKS managed node groups of the clusters found (list, then one describe each)."""
    clusters = [r for r in ctx.shared.found if r.type == "AWS::EKS::Cluster" and r.region == ctx.region]
    for cluster in clusters:
        for name in ctx.pages("list_nodegroups", "nodegroups", clusterName=cluster.name):
            item = ctx.call("describe_nodegroup", clusterName=cluster.name, nodegroupName=name)["nodegroup"]
            yield ctx.resource(
                item["nodegroupArn"],
                "AWS::EKS::Nodegroup",
                name,
                attributes={
                    **pick(
                        item, ("status", "capacityType", "instanceTypes", "amiType", "version", "nodeRole")
                    ),
                    "desired_size": (item.get("scalingConfig") or {}).get("desiredSize"),
                },
                tags=tag_dict(item.get("tags")),
                depends_on=[
                    cluster.uid,
                    item.get("nodeRole"),
                    *(_ec2(ctx, "subnet", s) for s in item.get("subnets", [])),
                ],
            )


def ecs_clusters(ctx: ScanContext) -> Iterator[Resource]:
    """ECS clusters and their services (batched describes)."""
    arns = list(ctx.pages("list_clusters", "clusterArns"))
    for start in range(0, len(arns), 100):
        described = ctx.call("describe_clusters", clusters=arns[start : start + 100], include=["TAGS"])
        for item in described.get("clusters", []):
            yield ctx.resource(
                item["clusterArn"],
                "AWS::ECS::Cluster",
                item["clusterName"],
                attributes=pick(
                    item,
                    (
                        "status",
                        "runningTasksCount",
                        "activeServicesCount",
                        "registeredContainerInstancesCount",
                        "capacityProviders",
                    ),
                ),
                tags=tag_dict(item.get("tags")),
            )
            yield from _ecs_services(ctx, item["clusterArn"])


def _ecs_services(ctx: ScanContext, cluster: str) -> Iterator[Resource]:
    arns = list(ctx.pages("list_services", "serviceArns", cluster=cluster))
    for start in range(0, len(arns), 10):
        described = ctx.call(
            "describe_services", cluster=cluster, services=arns[start : start + 10], include=["TAGS"]
        )
        for item in described.get("services", []):
            yield ctx.resource(
                item["serviceArn"],
                "AWS::ECS::Service",
                item["serviceName"],
                attributes=pick(item, ("launchType", "desiredCount", "taskDefinition", "schedulingStrategy")),
                tags=tag_dict(item.get("tags")),
                depends_on=[
                    cluster,
                    item.get("taskDefinition"),
                    *(lb.get("targetGroupArn") for lb in item.get("loadBalancers", [])),
                ],
            )


def eks_clusters(ctx: ScanContext) -> Iterator[Resource]:
    """EKS clusters with version, role and subnets."""
    for name in ctx.pages("list_clusters", "clusters"):
        item = ctx.call("describe_cluster", name=name)["cluster"]
        subnets = (item.get("resourcesVpcConfig") or {}).get("subnetIds", [])
        yield ctx.resource(
            item["arn"],
            "AWS::EKS::Cluster",
            name,
            attributes={
                **pick(item, ("version", "platformVersion", "status", "roleArn")),
                "subnets": subnets,
            },
            tags=tag_dict(item.get("tags")),
            depends_on=[item.get("roleArn"), *(_ec2(ctx, "subnet", s) for s in subnets)],
        )


def collectors() -> list[Collector]:
    """The compute collectors."""
    table = [
        Collector("ec2.instances", "ec2", ("ec2:DescribeInstances",), instances),
        Collector("ec2.volumes", "ec2", ("ec2:DescribeVolumes",), volumes),
        Collector("ec2.snapshots", "ec2", ("ec2:DescribeSnapshots", "ec2:DescribeImages"), snapshots),
        Collector("ec2.images", "ec2", ("ec2:DescribeImages",), images),
        Collector(
            "lambda.functions",
            "lambda",
            ("lambda:ListFunctions", "lambda:ListEventSourceMappings"),
            lambda_functions,
        ),
        Collector(
            "ecs.clusters",
            "ecs",
            ("ecs:ListClusters", "ecs:DescribeClusters", "ecs:ListServices", "ecs:DescribeServices"),
            ecs_clusters,
        ),
        Collector("eks.clusters", "eks", ("eks:ListClusters", "eks:DescribeCluster"), eks_clusters),
        Collector("lambda.aliases", "lambda", ("lambda:ListAliases",), lambda_aliases, after=True),
        Collector(
            "eks.nodegroups",
            "eks",
            ("eks:ListNodegroups", "eks:DescribeNodegroup"),
            eks_nodegroups,
            after=True,
        ),
    ]
    listings = [
        Listing(
            "ec2",
            "launch-templates",
            "describe_launch_templates",
            "LaunchTemplates",
            "AWS::EC2::LaunchTemplate",
            "ec2:DescribeLaunchTemplates",
            "LaunchTemplateName",
            lambda c, i: _ec2(c, "launch-template", i["LaunchTemplateId"]),
            ("LaunchTemplateId", "LatestVersionNumber"),
            tags="Tags",
        ),
        Listing(
            "ec2",
            "key-pairs",
            "describe_key_pairs",
            "KeyPairs",
            "AWS::EC2::KeyPair",
            "ec2:DescribeKeyPairs",
            "KeyName",
            lambda c, i: _ec2(c, "key-pair", i.get("KeyPairId") or i["KeyName"]),
            ("KeyType", "KeyFingerprint"),
            tags="Tags",
        ),
        Listing(
            "lambda",
            "layers",
            "list_layers",
            "Layers",
            "AWS::Lambda::LayerVersion",
            "lambda:ListLayers",
            "LayerName",
            lambda c, i: str(i["LatestMatchingVersion"]["LayerVersionArn"]),
            ("LatestMatchingVersion.CompatibleRuntimes",),
            tags=None,
        ),
        Listing(
            "lambda",
            "event-source-mappings",
            "list_event_source_mappings",
            "EventSourceMappings",
            "AWS::Lambda::EventSourceMapping",
            "lambda:ListEventSourceMappings",
            "UUID",
            lambda c, i: str(
                i.get("EventSourceMappingArn") or c.arn("lambda", f"event-source-mapping:{i['UUID']}")
            ),
            ("EventSourceArn", "FunctionArn", "BatchSize", "State"),
            tags=None,
            depends=lambda c, i: [
                i.get("EventSourceArn"),
                ":".join(str(i.get("FunctionArn")).split(":")[:7]),
            ],
        ),
        Listing(
            "ecs",
            "task-definitions",
            "list_task_definitions",
            "taskDefinitionArns",
            "AWS::ECS::TaskDefinition",
            "ecs:ListTaskDefinitions",
            "",
            lambda c, i: str(i),
            tags=None,
        ),
        Listing(
            "autoscaling",
            "groups",
            "describe_auto_scaling_groups",
            "AutoScalingGroups",
            "AWS::AutoScaling::AutoScalingGroup",
            "autoscaling:DescribeAutoScalingGroups",
            "AutoScalingGroupName",
            "AutoScalingGroupARN",
            (
                "MinSize",
                "MaxSize",
                "DesiredCapacity",
                "LaunchConfigurationName",
                "LaunchTemplate.LaunchTemplateName",
                "HealthCheckType",
            ),
            tags="Tags",
            depends=_autoscaling_group_deps,
        ),
        Listing(
            "autoscaling",
            "launch-configurations",
            "describe_launch_configurations",
            "LaunchConfigurations",
            "AWS::AutoScaling::LaunchConfiguration",
            "autoscaling:DescribeLaunchConfigurations",
            "LaunchConfigurationName",
            "LaunchConfigurationARN",
            ("ImageId", "InstanceType"),
            tags=None,
        ),
        Listing(
            "autoscaling",
            "policies",
            "describe_policies",
            "ScalingPolicies",
            "AWS::AutoScaling::ScalingPolicy",
            "autoscaling:DescribePolicies",
            "PolicyName",
            "PolicyARN",
            ("AutoScalingGroupName", "PolicyType", "AdjustmentType"),
            tags=None,
        ),
        Listing(
            "autoscaling",
            "scheduled-actions",
            "describe_scheduled_actions",
            "ScheduledUpdateGroupActions",
            "AWS::AutoScaling::ScheduledAction",
            "autoscaling:DescribeScheduledActions",
            "ScheduledActionName",
            lambda c, i: str(
                i.get("ScheduledActionARN")
                or c.arn("autoscaling", f"scheduledUpdateGroupAction:{i['ScheduledActionName']}")
            ),
            ("AutoScalingGroupName", "Recurrence", "DesiredCapacity"),
            tags=None,
        ),
        Listing(
            "elasticbeanstalk",
            "applications",
            "describe_applications",
            "Applications",
            "AWS::ElasticBeanstalk::Application",
            "elasticbeanstalk:DescribeApplications",
            "ApplicationName",
            "ApplicationArn",
            ("Description",),
        ),
        Listing(
            "elasticbeanstalk",
            "environments",
            "describe_environments",
            "Environments",
            "AWS::ElasticBeanstalk::Environment",
            "elasticbeanstalk:DescribeEnvironments",
            "EnvironmentName",
            "EnvironmentArn",
            ("SolutionStackName", "PlatformArn", "Tier.Name", "ApplicationName", "Status"),
        ),
        Listing(
            "batch",
            "compute-environments",
            "describe_compute_environments",
            "computeEnvironments",
            "AWS::Batch::ComputeEnvironment",
            "batch:DescribeComputeEnvironments",
            "computeEnvironmentName",
            "computeEnvironmentArn",
            ("type", "state", "computeResources.type"),
            tags="tags",
        ),
        Listing(
            "batch",
            "job-queues",
            "describe_job_queues",
            "jobQueues",
            "AWS::Batch::JobQueue",
            "batch:DescribeJobQueues",
            "jobQueueName",
            "jobQueueArn",
            ("state", "priority"),
            tags="tags",
            depends=lambda c, i: [e.get("computeEnvironment") for e in i.get("computeEnvironmentOrder", [])],
        ),
        Listing(
            "batch",
            "job-definitions",
            "describe_job_definitions",
            "jobDefinitions",
            "AWS::Batch::JobDefinition",
            "batch:DescribeJobDefinitions",
            "jobDefinitionName",
            "jobDefinitionArn",
            ("type", "revision", "containerProperties.image"),
            params={"status": "ACTIVE"},
            tags="tags",
        ),
    ]
    return table + [spec.collector() for spec in listings]
