"""Customer engagement, media, IoT, location and end-user computing: Connect, Pinpoint, IVS,
Kinesis Video Streams, MediaConvert, Location Service, IoT Events, IoT Greengrass, Lightsail,
WorkSpaces.
"""

from __future__ import annotations

from .base import Collector
from .listing import Listing


def _location(kind: str, operation: str, field: str, permission: str, type_: str) -> Listing:
    return Listing(
        "location",
        f"{kind}s",
        operation,
        "Entries",
        type_,
        f"geo:{permission}",
        field,
        lambda c, i: c.arn("geo", f"{kind}/{i[field]}"),
        ("PricingPlan", "Description"),
    )


def collectors() -> list[Collector]:
    """The engagement collectors: one list call per region each (Location and Lightsail: a few)."""
    listings = [
        Listing(
            "connect",
            "instances",
            "list_instances",
            "InstanceSummaryList",
            "AWS::Connect::Instance",
            "connect:ListInstances",
            "InstanceAlias",
            "Arn",
            ("Id", "IdentityManagementType", "InstanceStatus", "InboundCallsEnabled", "OutboundCallsEnabled"),
        ),
        Listing(
            "pinpoint",
            "apps",
            "get_apps",
            "ApplicationsResponse.Item",
            "AWS::Pinpoint::App",
            "mobiletargeting:GetApps",
            "Name",
            "Arn",
            ("Id",),
            tags="tags",
        ),
        Listing(
            "ivs",
            "channels",
            "list_channels",
            "channels",
            "AWS::IVS::Channel",
            "ivs:ListChannels",
            "name",
            "arn",
            ("latencyMode", "authorized", "type", "recordingConfigurationArn"),
            tags="tags",
        ),
        Listing(
            "kinesisvideo",
            "streams",
            "list_streams",
            "StreamInfoList",
            "AWS::KinesisVideo::Stream",
            "kinesisvideo:ListStreams",
            "StreamName",
            "StreamARN",
            ("MediaType", "KmsKeyId", "DataRetentionInHours", "Status"),
        ),
        Listing(
            "mediaconvert",
            "queues",
            "list_queues",
            "Queues",
            "AWS::MediaConvert::Queue",
            "mediaconvert:ListQueues",
            "Name",
            "Arn",
            ("PricingPlan", "Status", "Type"),
            keep=lambda i: i.get("Type") != "SYSTEM" and i.get("Name") != "Default",
        ),
        _location("map", "list_maps", "MapName", "ListMaps", "AWS::Location::Map"),
        _location("tracker", "list_trackers", "TrackerName", "ListTrackers", "AWS::Location::Tracker"),
        _location(
            "geofence-collection",
            "list_geofence_collections",
            "CollectionName",
            "ListGeofenceCollections",
            "AWS::Location::GeofenceCollection",
        ),
        Listing(
            "iotevents",
            "detector-models",
            "list_detector_models",
            "detectorModelSummaries",
            "AWS::IoTEvents::DetectorModel",
            "iotevents:ListDetectorModels",
            "detectorModelName",
            lambda c, i: c.arn("iotevents", f"detectorModel/{i['detectorModelName']}"),
            ("detectorModelDescription",),
        ),
        Listing(
            "greengrassv2",
            "core-devices",
            "list_core_devices",
            "coreDevices",
            "AWS::GreengrassV2::CoreDevice",  # no CloudFormation type; named in the same scheme
            "greengrass:ListCoreDevices",
            "coreDeviceThingName",
            lambda c, i: c.arn("greengrass", f"coreDevices:{i['coreDeviceThingName']}"),
            ("status", "platform", "architecture", "runtime"),
            depends=lambda c, i: [c.arn("iot", f"thing/{i['coreDeviceThingName']}")],
        ),
        Listing(
            "lightsail",
            "instances",
            "get_instances",
            "instances",
            "AWS::Lightsail::Instance",
            "lightsail:GetInstances",
            "name",
            "arn",
            ("blueprintId", "bundleId", "state.name", "publicIpAddress", "location.availabilityZone"),
            tags="tags",
        ),
        Listing(
            "lightsail",
            "databases",
            "get_relational_databases",
            "relationalDatabases",
            "AWS::Lightsail::Database",
            "lightsail:GetRelationalDatabases",
            "name",
            "arn",
            ("engine", "engineVersion", "relationalDatabaseBundleId", "state"),
            tags="tags",
        ),
        Listing(
            "workspaces",
            "workspaces",
            "describe_workspaces",
            "Workspaces",
            "AWS::WorkSpaces::Workspace",
            "workspaces:DescribeWorkspaces",
            "WorkspaceId",
            lambda c, i: c.arn("workspaces", f"workspace/{i['WorkspaceId']}"),
            (
                "DirectoryId",
                "BundleId",
                "State",
                "VolumeEncryptionKey",
                "RootVolumeEncryptionEnabled",
                "UserVolumeEncryptionEnabled",
            ),
            depends=lambda c, i: [
                c.arn("ds", f"directory/{i['DirectoryId']}") if i.get("DirectoryId") else None
            ],
        ),
    ]
    return [spec.collector() for spec in listings]
