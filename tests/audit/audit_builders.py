"""Builders for hand-made inventories used by the audit tests."""

from __future__ import annotations

from datetime import UTC, datetime

from toolkit.model import DataSize, Inventory, Location, Resource

NOW = datetime(2025, 7, 1, 12, 0, tzinfo=UTC)


def res(
    uid: str,
    service: str,
    type_: str,
    *,
    region: str | None = "us-east-1",
    size: int | None = None,
    users: int | None = None,
    location: Location | None = None,
    **attributes: object,
) -> Resource:
    """A resource with optional data size and attributes."""
    data = DataSize(bytes=size or 0, users=users) if size is not None or users is not None else None
    return Resource(
        uid=uid,
        service=service,
        type=type_,
        name=uid.rsplit("/", 1)[-1].rsplit(":", 1)[-1],
        region=region,
        attributes=dict(attributes),
        data=data,
        location=location,
        origin="terraform" if location else "api",
    )


def record(name: str, record_type: str, ttl: int) -> Resource:
    """A Route 53 record set in hosted zone ``Z`` with its TTL."""
    return res(
        f"arn:aws:route53:::hostedzone/Z/recordset/{name}/{record_type}",
        "route53",
        "AWS::Route53::RecordSet",
        region="global",
        record_type=record_type,
        ttl=ttl,
    )


def inventory(*resources: Resource) -> Inventory:
    return Inventory(generated_at=NOW, resources=list(resources))
