"""Data gravity: the bytes that must move, per store, service and region (each byte counted once)."""

from __future__ import annotations

from collections import Counter

from ..model import DataGravity, Inventory, StoreSize

UNKNOWN_REGION = "unknown"


def data_gravity(inventory: Inventory) -> DataGravity:
    """Sum ``Resource.data.bytes`` over the inventory; stores sorted by size, then uid."""
    stores = [
        StoreSize(
            uid=r.uid,
            service=r.service,
            name=r.name,
            region=r.region,
            bytes=r.data.bytes,
            objects=r.data.objects,
            items=r.data.items if r.data.items is not None else r.data.rows,
            method=r.data.method,
        )
        for r in inventory.resources
        if r.data is not None and r.data.bytes > 0
    ]
    stores.sort(key=lambda s: (-s.bytes, s.uid))
    by_service: Counter[str] = Counter()
    by_region: Counter[str] = Counter()
    for store in stores:
        by_service[store.service] += store.bytes
        by_region[store.region or UNKNOWN_REGION] += store.bytes
    return DataGravity(
        bytes=sum(s.bytes for s in stores),
        by_service=dict(sorted(by_service.items())),
        by_region=dict(sorted(by_region.items())),
        stores=stores,
    )
