"""Databases: RDS and Aurora, DynamoDB, ElastiCache, OpenSearch, Redshift, MemoryDB, DAX, Timestream.

RDS data gravity: a standalone instance counts ``AllocatedStorage`` GiB x 2**30. Aurora (and any
DB cluster) counts once, on the cluster: ``VolumeBytesUsed`` from CloudWatch when present, else the
cluster's ``AllocatedStorage``. Cluster members and read replicas carry no bytes of their own (they
hold copies of data already counted) and say so in ``attributes.bytes_basis``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from ...model import DataSize, Resource, utcnow
from .base import Collector, ScanContext, gib, tag_dict
from .listing import Listing, pick


def _latest_metric(
    ctx: ScanContext, namespace: str, metric: str, dimension: str, names: list[str], stat: str = "Average"
) -> dict[str, float]:
    """The latest value of ``metric`` per ``dimension`` value, in batched GetMetricData calls."""
    out: dict[str, float] = {}
    now = utcnow()
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        queries = [
            {
                "Id": f"m{i}",
                "MetricStat": {
                    "Metric": {
                        "Namespace": namespace,
                        "MetricName": metric,
                        "Dimensions": [{"Name": dimension, "Value": n}],
                    },
                    "Period": 3600,
                    "Stat": stat,
                },
            }
            for i, n in enumerate(chunk)
        ]
        answer = ctx.client("cloudwatch").get_metric_data(
            MetricDataQueries=queries, StartTime=now - timedelta(days=1), EndTime=now
        )
        for result in answer.get("MetricDataResults", []):
            if result.get("Values"):
                out[chunk[int(result["Id"][1:])]] = float(result["Values"][0])
    return out


def _subnet_group_arn(ctx: ScanContext, name: str | None) -> str | None:
    return ctx.arn("rds", f"subgrp:{name}") if name else None


OTHER_ENGINES = ("docdb", "neptune")
"""Engines the RDS API also lists but that belong to their own services (each counted once there)."""


def _is_rds(item: dict[str, Any]) -> bool:
    return not str(item.get("Engine", "")).startswith(OTHER_ENGINES)


def db_instances(ctx: ScanContext) -> Iterator[Resource]:
    """RDS instances; standalone primaries carry their allocated storage as data.

    DocumentDB and Neptune instances are members of their clusters, read by those services.
    """
    for item in ctx.pages("describe_db_instances", "DBInstances"):
        if not _is_rds(item):
            continue
        replica_of = item.get("ReadReplicaSourceDBInstanceIdentifier")
        cluster = item.get("DBClusterIdentifier")
        counted = not cluster and not replica_of
        basis = (
            "AllocatedStorage GiB * 2**30"
            if counted
            else f"counted on {'cluster ' + cluster if cluster else 'source ' + str(replica_of)}"
        )
        subnet_group = (item.get("DBSubnetGroup") or {}).get("DBSubnetGroupName")
        yield ctx.resource(
            item["DBInstanceArn"],
            "AWS::RDS::DBInstance",
            item["DBInstanceIdentifier"],
            attributes={
                **pick(
                    item,
                    (
                        "Engine",
                        "EngineVersion",
                        "DBInstanceClass",
                        "AllocatedStorage",
                        "StorageType",
                        "StorageEncrypted",
                        "MultiAZ",
                        "PubliclyAccessible",
                        "Endpoint.Address",
                        "Endpoint.Port",
                        "DBInstanceStatus",
                        "BackupRetentionPeriod",
                        "LicenseModel",
                        "IAMDatabaseAuthenticationEnabled",
                    ),
                ),
                "kms_key": item.get("KmsKeyId"),
                "db_cluster": cluster,
                "replica_of": replica_of,
                "subnet_group": subnet_group,
                "bytes_basis": basis,
            },
            tags=tag_dict(item.get("TagList")),
            data=DataSize(bytes=gib(item.get("AllocatedStorage")), method="provisioned") if counted else None,
            depends_on=[
                _subnet_group_arn(ctx, subnet_group),
                ctx.arn("rds", f"cluster:{cluster}") if cluster else None,
                (replica_of if str(replica_of).startswith("arn:") else ctx.arn("rds", f"db:{replica_of}"))
                if replica_of
                else None,
                *(
                    ctx.arn("ec2", f"security-group/{g['VpcSecurityGroupId']}")
                    for g in item.get("VpcSecurityGroups", [])
                ),
            ],
        )


def db_clusters(ctx: ScanContext) -> Iterator[Resource]:
    """Aurora and other DB clusters, holding the bytes of their members once (RDS engines only)."""
    clusters = [c for c in ctx.pages("describe_db_clusters", "DBClusters") if _is_rds(c)]
    aurora = [c["DBClusterIdentifier"] for c in clusters if str(c.get("Engine", "")).startswith("aurora")]
    used = _latest_metric(ctx, "AWS/RDS", "VolumeBytesUsed", "DBClusterIdentifier", aurora) if aurora else {}
    for item in clusters:
        name = item["DBClusterIdentifier"]
        size = (
            DataSize(bytes=int(used[name]), method="cloudwatch")
            if name in used
            else DataSize(bytes=gib(item.get("AllocatedStorage")), method="provisioned")
        )
        yield ctx.resource(
            item["DBClusterArn"],
            "AWS::RDS::DBCluster",
            name,
            attributes={
                **pick(
                    item,
                    (
                        "Engine",
                        "EngineVersion",
                        "EngineMode",
                        "AllocatedStorage",
                        "StorageEncrypted",
                        "MultiAZ",
                        "Endpoint",
                        "ReaderEndpoint",
                        "Port",
                        "Status",
                        "GlobalClusterIdentifier",
                        "HttpEndpointEnabled",
                        "IAMDatabaseAuthenticationEnabled",
                    ),
                ),
                "kms_key": item.get("KmsKeyId"),
                "subnet_group": item.get("DBSubnetGroup"),
                "members": [m["DBInstanceIdentifier"] for m in item.get("DBClusterMembers", [])],
                "bytes_basis": "VolumeBytesUsed (CloudWatch)"
                if name in used
                else "AllocatedStorage GiB * 2**30",
            },
            tags=tag_dict(item.get("TagList")),
            data=size,
            depends_on=[
                _subnet_group_arn(ctx, item.get("DBSubnetGroup")),
                *(
                    ctx.arn("ec2", f"security-group/{g['VpcSecurityGroupId']}")
                    for g in item.get("VpcSecurityGroups", [])
                ),
            ],
        )


def tables(ctx: ScanContext) -> Iterator[Resource]:
    """DynamoDB tables with size and item count from DescribeTable (items are never read)."""
    for name in ctx.pages("list_tables", "TableNames"):
        item = ctx.call("describe_table", TableName=name)["Table"]
        stream = item.get("LatestStreamArn")
        yield ctx.resource(
            item["TableArn"],
            "AWS::DynamoDB::Table",
            name,
            attributes={
                **pick(
                    item,
                    (
                        "TableStatus",
                        "BillingModeSummary.BillingMode",
                        "ProvisionedThroughput.ReadCapacityUnits",
                        "ProvisionedThroughput.WriteCapacityUnits",
                        "StreamSpecification.StreamEnabled",
                        "StreamSpecification.StreamViewType",
                        "TableClassSummary.TableClass",
                    ),
                ),
                "key_schema": [f"{k['AttributeName']}:{k['KeyType']}" for k in item.get("KeySchema", [])],
                "global_secondary_indexes": len(item.get("GlobalSecondaryIndexes", [])),
                "stream": stream,
                "replicas": [r.get("RegionName") for r in item.get("Replicas", [])],
                "global_table_version": item.get("GlobalTableVersion"),
                "kms_key": (item.get("SSEDescription") or {}).get("KMSMasterKeyArn"),
            },
            data=DataSize(
                bytes=int(item.get("TableSizeBytes") or 0), items=item.get("ItemCount"), method="api"
            ),
        )


def cache_clusters(ctx: ScanContext) -> Iterator[Resource]:
    """ElastiCache clusters; memory in use from CloudWatch when present."""
    clusters = list(ctx.pages("describe_cache_clusters", "CacheClusters"))
    used = (
        _latest_metric(
            ctx,
            "AWS/ElastiCache",
            "BytesUsedForCache",
            "CacheClusterId",
            [c["CacheClusterId"] for c in clusters],
        )
        if clusters
        else {}
    )
    for item in clusters:
        name = item["CacheClusterId"]
        arn = str(item.get("ARN") or ctx.arn("elasticache", f"cluster:{name}"))
        group = item.get("ReplicationGroupId")
        yield ctx.resource(
            arn,
            "AWS::ElastiCache::CacheCluster",
            name,
            attributes={
                **pick(
                    item,
                    (
                        "Engine",
                        "EngineVersion",
                        "CacheNodeType",
                        "NumCacheNodes",
                        "CacheClusterStatus",
                        "CacheSubnetGroupName",
                        "AtRestEncryptionEnabled",
                        "TransitEncryptionEnabled",
                    ),
                ),
                "replication_group": group,
            },
            data=DataSize(bytes=int(used[name]), method="cloudwatch") if name in used else None,
            depends_on=[
                ctx.arn("elasticache", f"subnetgroup:{item['CacheSubnetGroupName']}")
                if item.get("CacheSubnetGroupName")
                else None
            ],
        )


def search_domains(ctx: ScanContext) -> Iterator[Resource]:
    """OpenSearch domains with their provisioned storage (EBS volume size x data nodes)."""
    names = [d["DomainName"] for d in ctx.pages("list_domain_names", "DomainNames")]
    for start in range(0, len(names), 5):
        for item in ctx.call("describe_domains", DomainNames=names[start : start + 5]).get(
            "DomainStatusList", []
        ):
            config = item.get("ClusterConfig") or {}
            ebs = item.get("EBSOptions") or {}
            size = (
                gib(ebs.get("VolumeSize")) * int(config.get("InstanceCount") or 1)
                if ebs.get("EBSEnabled")
                else 0
            )
            yield ctx.resource(
                item["ARN"],
                "AWS::OpenSearchService::Domain",
                item["DomainName"],
                attributes={
                    **pick(
                        item,
                        (
                            "EngineVersion",
                            "ClusterConfig.InstanceType",
                            "ClusterConfig.InstanceCount",
                            "EBSOptions.VolumeSize",
                            "Endpoint",
                        ),
                    ),
                    "kms_key": (item.get("EncryptionAtRestOptions") or {}).get("KmsKeyId"),
                },
                data=DataSize(bytes=size, method="provisioned"),
                depends_on=[
                    ctx.arn("ec2", f"subnet/{s}") for s in (item.get("VPCOptions") or {}).get("SubnetIds", [])
                ],
            )


def _customer_made(item: dict[str, Any]) -> bool:
    """False for the ``default.*`` parameter groups AWS provides in every region."""
    name = str(item.get("DBParameterGroupName") or item.get("DBClusterParameterGroupName") or "")
    return not name.startswith("default.")


def collectors() -> list[Collector]:
    """The database collectors."""
    listings = [
        Listing(
            "rds",
            "subnet-groups",
            "describe_db_subnet_groups",
            "DBSubnetGroups",
            "AWS::RDS::DBSubnetGroup",
            "rds:DescribeDBSubnetGroups",
            "DBSubnetGroupName",
            "DBSubnetGroupArn",
            ("VpcId", "SubnetGroupStatus"),
            tags=None,
            depends=lambda c, i: [
                c.arn("ec2", f"subnet/{s['SubnetIdentifier']}") for s in i.get("Subnets", [])
            ],
        ),
        Listing(
            "rds",
            "snapshots",
            "describe_db_snapshots",
            "DBSnapshots",
            "AWS::RDS::DBSnapshot",
            "rds:DescribeDBSnapshots",
            "DBSnapshotIdentifier",
            "DBSnapshotArn",
            ("DBInstanceIdentifier", "Engine", "AllocatedStorage", "SnapshotType", "Encrypted"),
            tags="TagList",
            params={"SnapshotType": "manual"},
        ),
        Listing(
            "dynamodb",
            "backups",
            "list_backups",
            "BackupSummaries",
            "AWS::DynamoDB::Backup",
            "dynamodb:ListBackups",
            "BackupName",
            "BackupArn",
            ("TableName", "BackupType", "BackupStatus", "BackupSizeBytes"),
            params={"BackupType": "USER"},
            tags=None,
            depends=lambda c, i: [i.get("TableArn")],
        ),
        Listing(
            "redshift",
            "snapshots",
            "describe_cluster_snapshots",
            "Snapshots",
            "AWS::Redshift::ClusterSnapshot",
            "redshift:DescribeClusterSnapshots",
            "SnapshotIdentifier",
            lambda c, i: c.arn("redshift", f"snapshot:{i['ClusterIdentifier']}/{i['SnapshotIdentifier']}"),
            ("ClusterIdentifier", "SnapshotType", "TotalBackupSizeInMegaBytes", "Encrypted"),
            params={"SnapshotType": "manual"},
            tags="Tags",
            depends=lambda c, i: [c.arn("redshift", f"cluster:{i['ClusterIdentifier']}")],
        ),
        Listing(
            "redshift",
            "subnet-groups",
            "describe_cluster_subnet_groups",
            "ClusterSubnetGroups",
            "AWS::Redshift::ClusterSubnetGroup",
            "redshift:DescribeClusterSubnetGroups",
            "ClusterSubnetGroupName",
            lambda c, i: c.arn("redshift", f"subnetgroup:{i['ClusterSubnetGroupName']}"),
            ("VpcId", "Description"),
            tags="Tags",
            keep=lambda i: i.get("ClusterSubnetGroupName") != "default",
        ),
        Listing(
            "rds",
            "cluster-snapshots",
            "describe_db_cluster_snapshots",
            "DBClusterSnapshots",
            "AWS::RDS::DBClusterSnapshot",
            "rds:DescribeDBClusterSnapshots",
            "DBClusterSnapshotIdentifier",
            "DBClusterSnapshotArn",
            ("DBClusterIdentifier", "Engine", "AllocatedStorage", "SnapshotType", "StorageEncrypted"),
            tags="TagList",
            params={"SnapshotType": "manual"},
        ),
        Listing(
            "rds",
            "parameter-groups",
            "describe_db_parameter_groups",
            "DBParameterGroups",
            "AWS::RDS::DBParameterGroup",
            "rds:DescribeDBParameterGroups",
            "DBParameterGroupName",
            lambda c, i: str(i.get("DBParameterGroupArn") or c.arn("rds", f"pg:{i['DBParameterGroupName']}")),
            ("DBParameterGroupFamily", "Description"),
            tags=None,
            keep=_customer_made,
        ),
        Listing(
            "rds",
            "cluster-parameter-groups",
            "describe_db_cluster_parameter_groups",
            "DBClusterParameterGroups",
            "AWS::RDS::DBClusterParameterGroup",
            "rds:DescribeDBClusterParameterGroups",
            "DBClusterParameterGroupName",
            lambda c, i: str(
                i.get("DBClusterParameterGroupArn")
                or c.arn("rds", f"cluster-pg:{i['DBClusterParameterGroupName']}")
            ),
            ("DBParameterGroupFamily", "Description"),
            tags=None,
            keep=_customer_made,
        ),
        Listing(
            "elasticache",
            "replication-groups",
            "describe_replication_groups",
            "ReplicationGroups",
            "AWS::ElastiCache::ReplicationGroup",
            "elasticache:DescribeReplicationGroups",
            "ReplicationGroupId",
            lambda c, i: str(
                i.get("ARN") or c.arn("elasticache", f"replicationgroup:{i['ReplicationGroupId']}")
            ),
            ("Status", "CacheNodeType", "ClusterEnabled", "AtRestEncryptionEnabled"),
            depends=lambda c, i: [c.arn("elasticache", f"cluster:{m}") for m in i.get("MemberClusters", [])],
        ),
        Listing(
            "elasticache",
            "subnet-groups",
            "describe_cache_subnet_groups",
            "CacheSubnetGroups",
            "AWS::ElastiCache::SubnetGroup",
            "elasticache:DescribeCacheSubnetGroups",
            "CacheSubnetGroupName",
            lambda c, i: str(
                i.get("ARN") or c.arn("elasticache", f"subnetgroup:{i['CacheSubnetGroupName']}")
            ),
            ("VpcId",),
            tags=None,
            depends=lambda c, i: [
                c.arn("ec2", f"subnet/{s['SubnetIdentifier']}") for s in i.get("Subnets", [])
            ],
        ),
        Listing(
            "redshift",
            "clusters",
            "describe_clusters",
            "Clusters",
            "AWS::Redshift::Cluster",
            "redshift:DescribeClusters",
            "ClusterIdentifier",
            lambda c, i: c.arn("redshift", f"cluster:{i['ClusterIdentifier']}"),
            ("NodeType", "NumberOfNodes", "Encrypted", "KmsKeyId", "ClusterVersion", "DBName"),
            tags="Tags",
        ),
        Listing(
            "memorydb",
            "clusters",
            "describe_clusters",
            "Clusters",
            "AWS::MemoryDB::Cluster",
            "memorydb:DescribeClusters",
            "Name",
            "ARN",
            ("NodeType", "EngineVersion", "NumberOfShards", "KmsKeyId"),
        ),
        Listing(
            "dax",
            "clusters",
            "describe_clusters",
            "Clusters",
            "AWS::DAX::Cluster",
            "dax:DescribeClusters",
            "ClusterName",
            "ClusterArn",
            ("NodeType", "TotalNodes", "Status"),
        ),
        Listing(
            "timestream-write",
            "databases",
            "list_databases",
            "Databases",
            "AWS::Timestream::Database",
            "timestream:ListDatabases",
            "DatabaseName",
            "Arn",
            ("TableCount", "KmsKeyId"),
        ),
    ]
    return [
        Collector("rds.instances", "rds", ("rds:DescribeDBInstances",), db_instances),
        Collector("rds.clusters", "rds", ("rds:DescribeDBClusters", "cloudwatch:GetMetricData"), db_clusters),
        Collector("dynamodb.tables", "dynamodb", ("dynamodb:ListTables", "dynamodb:DescribeTable"), tables),
        Collector(
            "elasticache.clusters",
            "elasticache",
            ("elasticache:DescribeCacheClusters", "cloudwatch:GetMetricData"),
            cache_clusters,
        ),
        Collector(
            "opensearch.domains", "opensearch", ("es:ListDomainNames", "es:DescribeDomains"), search_domains
        ),
        *(spec.collector() for spec in listings),
    ]
