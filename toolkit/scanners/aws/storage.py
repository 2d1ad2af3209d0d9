"""Storage: S3, EFS, ECR, FSx, Glacier, AWS Backup.

S3 sizes: by default the daily CloudWatch storage metrics (``BucketSizeBytes`` summed over storage
classes, ``NumberOfObjects``), one batched GetMetricData call per region; a bucket without metrics
(new, or an emulator) is listed instead, and ``--deep`` always lists, which is exact: the sum of
the sizes of every stored object version (``ListObjectVersions``), current and noncurrent, as
``BucketSizeBytes`` counts them and as they are billed; the current versions alone are in
``attributes.current_bytes``. Incomplete multipart uploads are not objects and are not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

from ...model import DataSize, Resource, ScanError, utcnow
from .base import Collector, ScanContext, tag_dict
from .failures import classify
from .listing import Listing, pick

STORAGE_TYPES = {
    "StandardStorage": "STANDARD",
    "StandardIAStorage": "STANDARD_IA",
    "OneZoneIAStorage": "ONEZONE_IA",
    "ReducedRedundancyStorage": "REDUCED_REDUNDANCY",
    "IntelligentTieringFAStorage": "INTELLIGENT_TIERING",
    "IntelligentTieringIAStorage": "INTELLIGENT_TIERING",
    "IntelligentTieringAAStorage": "INTELLIGENT_TIERING",
    "GlacierInstantRetrievalStorage": "GLACIER_IR",
    "GlacierStorage": "GLACIER",
    "DeepArchiveStorage": "DEEP_ARCHIVE",
}
"""CloudWatch ``StorageType`` dimension values → the S3 storage class (as ListObjectsV2 names it)."""
BUCKET_THREADS = 8


class _Bucket:
    """What is learnt about one bucket while scanning it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.region = "us-east-1"
        self.encryption: dict[str, Any] = {}
        self.object_lock: dict[str, Any] = {}
        self.size: DataSize | None = None
        self.classes: dict[str, int] = {}
        self.current_bytes: int | None = None


def buckets(ctx: ScanContext) -> Iterator[Resource]:
    """Every bucket in the scanned regions, with encryption and size."""
    found = [_Bucket(b["Name"]) for b in ctx.pages("list_buckets", "Buckets")]
    with ThreadPoolExecutor(max_workers=BUCKET_THREADS, thread_name_prefix="evac-s3") as pool:
        list(pool.map(lambda b: _locate(ctx, b), found))
        wanted = [b for b in found if not ctx.shared.regions or b.region in ctx.shared.regions]
        if not ctx.deep:
            for region in sorted({b.region for b in wanted}):
                _metrics(ctx, region, [b for b in wanted if b.region == region])
        list(pool.map(lambda b: _list_objects(ctx, b), [b for b in wanted if b.size is None]))
    for bucket in wanted:
        arn = f"arn:{ctx.shared.partition}:s3:::{bucket.name}"
        yield ctx.resource(
            arn,
            "AWS::S3::Bucket",
            bucket.name,
            region=bucket.region,
            attributes={
                "encryption": bucket.encryption.get("SSEAlgorithm"),
                "kms_key": bucket.encryption.get("KMSMasterKeyID"),
                "object_lock_enabled": bucket.object_lock.get("ObjectLockEnabled") == "Enabled" or None,
                "object_lock_mode": (bucket.object_lock.get("Rule") or {})
                .get("DefaultRetention", {})
                .get("Mode"),
                "storage_classes": dict(sorted(bucket.classes.items())),
                "current_bytes": bucket.current_bytes,
            },
            data=bucket.size,
        )


def _guard(ctx: ScanContext, bucket: _Bucket, what: str, exc: Exception) -> None:
    code, message = classify(exc)
    ctx.shared.add_error(
        ScanError(
            scanner="aws",
            service="s3",
            region=bucket.region,
            target=bucket.name,
            code=code,
            message=f"{what} of bucket {bucket.name}: {message}",
        )
    )


def _locate(ctx: ScanContext, bucket: _Bucket) -> None:
    try:
        location = ctx.call("get_bucket_location", Bucket=bucket.name).get("LocationConstraint")
    except Exception as exc:
        _guard(ctx, bucket, "location", exc)
        return
    bucket.region = {None: "us-east-1", "": "us-east-1", "EU": "eu-west-1"}.get(location, location)
    if ctx.shared.regions and bucket.region not in ctx.shared.regions:
        return
    import botocore.exceptions as bex

    try:
        answer = ctx.client(region=bucket.region).get_bucket_encryption(Bucket=bucket.name)
        rules = answer["ServerSideEncryptionConfiguration"]["Rules"]
        bucket.encryption = rules[0].get("ApplyServerSideEncryptionByDefault", {}) if rules else {}
    except bex.ClientError as exc:
        if "NotFound" not in str(exc.response.get("Error", {}).get("Code")):
            _guard(ctx, bucket, "encryption", exc)
    try:
        answer = ctx.client(region=bucket.region).get_object_lock_configuration(Bucket=bucket.name)
        bucket.object_lock = answer.get("ObjectLockConfiguration") or {}
    except bex.ClientError as exc:
        if "NotFound" not in str(exc.response.get("Error", {}).get("Code")):
            _guard(ctx, bucket, "object lock", exc)


def _metrics(ctx: ScanContext, region: str, wanted: list[_Bucket]) -> None:
    """Fill sizes from CloudWatch storage metrics where they exist (one call per ~45 buckets)."""
    now = utcnow()
    per_call = 500 // (len(STORAGE_TYPES) + 1)
    for start in range(0, len(wanted), per_call):
        chunk = wanted[start : start + per_call]
        queries = []
        for index, bucket in enumerate(chunk):
            for kind, metric, storage in [
                *(("b", "BucketSizeBytes", s) for s in STORAGE_TYPES),
                ("n", "NumberOfObjects", "AllStorageTypes"),
            ]:
                queries.append(
                    {
                        "Id": f"{kind}{index}_{storage.lower()}",
                        "MetricStat": {
                            "Metric": {
                                "Namespace": "AWS/S3",
                                "MetricName": metric,
                                "Dimensions": [
                                    {"Name": "BucketName", "Value": bucket.name},
                                    {"Name": "StorageType", "Value": storage},
                                ],
                            },
                            "Period": 86400,
                            "Stat": "Average",
                        },
                    }
                )
        try:
            answer = ctx.client("cloudwatch", region).get_metric_data(
                MetricDataQueries=queries, StartTime=now - timedelta(days=3), EndTime=now
            )
        except Exception as exc:
            code, message = classify(exc)
            ctx.shared.add_error(
                ScanError(
                    scanner="aws",
                    service="s3",
                    region=region,
                    code=code,
                    message=f"storage metrics not read, buckets listed instead: {message}",
                )
            )
            return
        values = {r["Id"]: r["Values"][0] for r in answer.get("MetricDataResults", []) if r.get("Values")}
        for index, bucket in enumerate(chunk):
            sizes = {
                s: values[f"b{index}_{s.lower()}"] for s in STORAGE_TYPES if f"b{index}_{s.lower()}" in values
            }
            if sizes:
                count = values.get(f"n{index}_allstoragetypes")
                for storage, size in sizes.items():
                    name = STORAGE_TYPES[storage]
                    bucket.classes[name] = bucket.classes.get(name, 0) + int(size)
                bucket.size = DataSize(
                    bytes=int(sum(sizes.values())),
                    objects=int(count) if count is not None else None,
                    method="cloudwatch",
                )


def _list_objects(ctx: ScanContext, bucket: _Bucket) -> None:
    """Exact size: the sum of the sizes of every stored object version, by listing.

    ListObjectVersions costs what ListObjectsV2 does (1,000 entries a page) and also sees the
    noncurrent versions of a versioned bucket, which are stored, billed and must be moved or let go.
    """
    total = count = current = 0
    classes: dict[str, int] = {}
    try:
        paginator = ctx.client(region=bucket.region).get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=bucket.name):
            for item in page.get("Versions", []):
                size = int(item.get("Size", 0))
                total += size
                if item.get("IsLatest", True):
                    count += 1
                    current += size
                name = str(item.get("StorageClass") or "STANDARD")
                classes[name] = classes.get(name, 0) + size
    except Exception as exc:
        _guard(ctx, bucket, "listing", exc)
        return
    bucket.classes = classes
    bucket.current_bytes = current
    bucket.size = DataSize(bytes=total, objects=count, method="listing")


def file_systems(ctx: ScanContext) -> Iterator[Resource]:
    """EFS file systems with their metered size."""
    for item in ctx.pages("describe_file_systems", "FileSystems"):
        arn = str(
            item.get("FileSystemArn") or ctx.arn("elasticfilesystem", f"file-system/{item['FileSystemId']}")
        )
        yield ctx.resource(
            arn,
            "AWS::EFS::FileSystem",
            str(item.get("Name") or item["FileSystemId"]),
            attributes={
                **pick(
                    item,
                    (
                        "FileSystemId",
                        "PerformanceMode",
                        "ThroughputMode",
                        "Encrypted",
                        "NumberOfMountTargets",
                    ),
                ),
                "kms_key": item.get("KmsKeyId"),
            },
            tags=tag_dict(item.get("Tags")),
            data=DataSize(bytes=int((item.get("SizeInBytes") or {}).get("Value", 0)), method="api"),
        )
        if item.get("NumberOfMountTargets", 1):
            yield from _mount_targets(ctx, arn, item["FileSystemId"])
    for point in ctx.pages("describe_access_points", "AccessPoints"):
        yield ctx.resource(
            str(
                point.get("AccessPointArn")
                or ctx.arn("elasticfilesystem", f"access-point/{point['AccessPointId']}")
            ),
            "AWS::EFS::AccessPoint",
            str(point.get("Name") or point["AccessPointId"]),
            attributes={
                **pick(point, ("AccessPointId", "FileSystemId", "RootDirectory.Path", "LifeCycleState")),
                "posix_user": (point.get("PosixUser") or {}).get("Uid"),
            },
            tags=tag_dict(point.get("Tags")),
            depends_on=[ctx.arn("elasticfilesystem", f"file-system/{point.get('FileSystemId')}")],
        )


def _mount_targets(ctx: ScanContext, file_system: str, file_system_id: str) -> Iterator[Resource]:
    for target in ctx.pages("describe_mount_targets", "MountTargets", FileSystemId=file_system_id):
        yield ctx.resource(
            ctx.arn(
                "elasticfilesystem", f"file-system/{file_system_id}/mount-target/{target['MountTargetId']}"
            ),
            "AWS::EFS::MountTarget",
            target["MountTargetId"],
            attributes=pick(
                target, ("MountTargetId", "SubnetId", "IpAddress", "AvailabilityZoneName", "LifeCycleState")
            ),
            depends_on=[
                file_system,
                ctx.arn("ec2", f"subnet/{target['SubnetId']}") if target.get("SubnetId") else None,
            ],
        )


def repositories(ctx: ScanContext) -> Iterator[Resource]:
    """ECR repositories with the total size of their images."""
    for item in ctx.pages("describe_repositories", "repositories"):
        total = count = 0
        for image in ctx.pages("describe_images", "imageDetails", repositoryName=item["repositoryName"]):
            total += int(image.get("imageSizeInBytes") or 0)
            count += 1
        encryption = item.get("encryptionConfiguration") or {}
        yield ctx.resource(
            item["repositoryArn"],
            "AWS::ECR::Repository",
            item["repositoryName"],
            attributes={
                **pick(
                    item, ("repositoryUri", "imageTagMutability", "imageScanningConfiguration.scanOnPush")
                ),
                "encryption": encryption.get("encryptionType"),
                "kms_key": encryption.get("kmsKey"),
            },
            data=DataSize(bytes=total, objects=count, method="api"),
        )


def fsx(ctx: ScanContext) -> Iterator[Resource]:
    """FSx file systems with their provisioned capacity."""
    for item in ctx.pages("describe_file_systems", "FileSystems"):
        yield ctx.resource(
            item["ResourceARN"],
            "AWS::FSx::FileSystem",
            item["FileSystemId"],
            attributes={
                **pick(item, ("FileSystemType", "StorageType", "StorageCapacity", "Lifecycle")),
                "kms_key": item.get("KmsKeyId"),
            },
            tags=tag_dict(item.get("Tags")),
            data=DataSize(bytes=int(item.get("StorageCapacity") or 0) * 2**30, method="provisioned"),
        )


def vaults(ctx: ScanContext) -> Iterator[Resource]:
    """Glacier vaults with their archive count and size."""
    for item in ctx.pages("list_vaults", "VaultList"):
        yield ctx.resource(
            item["VaultARN"],
            "AWS::Glacier::Vault",
            item["VaultName"],
            attributes=pick(item, ("CreationDate", "LastInventoryDate")),
            data=DataSize(
                bytes=int(item.get("SizeInBytes") or 0), objects=item.get("NumberOfArchives"), method="api"
            ),
        )


def collectors() -> list[Collector]:
    """The storage collectors."""
    listings = [
        Listing(
            "backup",
            "vaults",
            "list_backup_vaults",
            "BackupVaultList",
            "AWS::Backup::BackupVault",
            "backup:ListBackupVaults",
            "BackupVaultName",
            "BackupVaultArn",
            ("NumberOfRecoveryPoints", "EncryptionKeyArn"),
        ),
        Listing(
            "backup",
            "plans",
            "list_backup_plans",
            "BackupPlansList",
            "AWS::Backup::BackupPlan",
            "backup:ListBackupPlans",
            "BackupPlanName",
            "BackupPlanArn",
            ("VersionId",),
        ),
    ]
    return [
        Collector(
            "s3.buckets",
            "s3",
            (
                "s3:ListAllMyBuckets",
                "s3:GetBucketLocation",
                "s3:GetEncryptionConfiguration",
                "s3:GetBucketObjectLockConfiguration",
                "s3:ListBucket",
                "s3:ListBucketVersions",
                "cloudwatch:GetMetricData",
            ),
            buckets,
            is_global=True,
        ),
        Collector(
            "efs.file-systems",
            "efs",
            (
                "elasticfilesystem:DescribeFileSystems",
                "elasticfilesystem:DescribeMountTargets",
                "elasticfilesystem:DescribeAccessPoints",
            ),
            file_systems,
        ),
        Collector(
            "ecr.repositories", "ecr", ("ecr:DescribeRepositories", "ecr:DescribeImages"), repositories
        ),
        Collector("fsx.file-systems", "fsx", ("fsx:DescribeFileSystems",), fsx),
        Collector("glacier.vaults", "glacier", ("glacier:ListVaults",), vaults),
        *(spec.collector() for spec in listings),
    ]
