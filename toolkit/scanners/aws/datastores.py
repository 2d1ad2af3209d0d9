"""More data stores: DocumentDB, Neptune, DMS, Timestream for InfluxDB, Lake Formation, Storage Gateway.

DocumentDB and Neptune speak the RDS API, whose DescribeDBClusters lists their clusters too: the
RDS collectors leave those engines out and these read them (filtered by engine), so each cluster is
counted once, by the service it belongs to. Members are named on the cluster.
"""

from __future__ import annotations

from typing import Any

from .base import Collector
from .listing import Listing

CLUSTER_FIELDS = (
    "Engine",
    "EngineVersion",
    "Status",
    "StorageEncrypted",
    "KmsKeyId",
    "Endpoint",
    "ReaderEndpoint",
    "Port",
    "MultiAZ",
    "GlobalClusterIdentifier",
    "IAMDatabaseAuthenticationEnabled",
)


def _cluster_deps(ctx: Any, item: dict[str, Any]) -> list[str | None]:
    return [
        ctx.arn("ec2", f"security-group/{g['VpcSecurityGroupId']}") for g in item.get("VpcSecurityGroups", [])
    ]


def _engine_clusters(service: str, engine: str, type_: str) -> Listing:
    return Listing(
        service,
        "clusters",
        "describe_db_clusters",
        "DBClusters",
        type_,
        "rds:DescribeDBClusters",
        "DBClusterIdentifier",
        "DBClusterArn",
        CLUSTER_FIELDS,
        params={"Filters": [{"Name": "engine", "Values": [engine]}]},
        keep=lambda i: i.get("Engine") == engine,  # emulators may ignore the filter
        depends=_cluster_deps,
    )


def collectors() -> list[Collector]:
    """The collectors of the other data stores: one list call per region each."""
    listings = [
        _engine_clusters("docdb", "docdb", "AWS::DocDB::DBCluster"),
        _engine_clusters("neptune", "neptune", "AWS::Neptune::DBCluster"),
        Listing(
            "dms",
            "replication-instances",
            "describe_replication_instances",
            "ReplicationInstances",
            "AWS::DMS::ReplicationInstance",
            "dms:DescribeReplicationInstances",
            "ReplicationInstanceIdentifier",
            "ReplicationInstanceArn",
            (
                "ReplicationInstanceClass",
                "ReplicationInstanceStatus",
                "AllocatedStorage",
                "EngineVersion",
                "KmsKeyId",
            ),
        ),
        Listing(
            "timestream-influxdb",
            "db-instances",
            "list_db_instances",
            "items",
            "AWS::Timestream::InfluxDBInstance",
            "timestream-influxdb:ListDbInstances",
            "name",
            "arn",
            ("id", "status", "endpoint", "port", "dbInstanceType", "dbStorageType", "allocatedStorage"),
        ),
        Listing(
            "lakeformation",
            "data-locations",
            "list_resources",
            "ResourceInfoList",
            "AWS::LakeFormation::Resource",
            "lakeformation:ListResources",
            "ResourceArn",
            lambda c, i: c.arn("lakeformation", f"data-location/{str(i['ResourceArn']).split(':::', 1)[-1]}"),
            ("ResourceArn", "RoleArn", "WithFederation", "HybridAccessEnabled"),
            tags=None,
            depends=lambda c, i: [_bucket_of(str(i["ResourceArn"])), i.get("RoleArn")],
        ),
        Listing(
            "storagegateway",
            "gateways",
            "list_gateways",
            "Gateways",
            "AWS::StorageGateway::Gateway",  # no CloudFormation type; named in the same scheme
            "storagegateway:ListGateways",
            "GatewayName",
            "GatewayARN",
            ("GatewayId", "GatewayType", "GatewayOperationalState", "HostEnvironment", "Ec2InstanceId"),
        ),
    ]
    return [spec.collector() for spec in listings]


def _bucket_of(arn: str) -> str | None:
    """``arn:aws:s3:::bucket/prefix`` → ``arn:aws:s3:::bucket``."""
    if ":s3:::" not in arn:
        return None
    return arn.split("/", 1)[0]
