"""Read resource attributes whatever their spelling (``kms_key_id``, ``KmsKeyId``, ``kmsKeyId``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Resource


def _norm(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def attr(resource: Resource, *names: str, default: Any = None) -> Any:
    """The first of ``names`` present in the resource's attributes (spelling-insensitive)."""
    wanted = [_norm(n) for n in names]
    index = {_norm(k): v for k, v in resource.attributes.items()}
    for name in wanted:
        if name in index and index[name] is not None:
            return index[name]
    return default


def truthy(value: Any) -> bool:
    """Attribute truthiness that understands AWS's "Enabled"/"ENABLED"/"true" strings."""
    if isinstance(value, str):
        return value.strip().lower() in {"true", "enabled", "yes", "on", "1"}
    if isinstance(value, dict):
        return any(truthy(v) for k, v in value.items() if _norm(k) in {"enabled", "objectlockenabled"})
    return bool(value)


def walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, leaf value) pair in nested attributes; list items inherit their parent's key."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, str(k))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item, key)
    else:
        yield key, value


def kms_references(resource: Resource) -> list[str]:
    """KMS key ids, ARNs or aliases named anywhere in the resource's attributes."""
    found = {
        value
        for key, value in walk(resource.attributes)
        if isinstance(value, str)
        and value
        and "kms" in _norm(key)
        and _norm(key) != "kmsmasterkeyidtype"
        and value.lower() not in {"aws:kms", "aws:kms:dsse", "kms", "true", "false"}
    }
    return sorted(found)
