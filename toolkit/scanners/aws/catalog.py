"""The table of every collector, gathered from the service-family modules on demand."""

from __future__ import annotations

from importlib import import_module

from .base import Collector

FAMILIES = (
    "compute",
    "network",
    "storage",
    "database",
    "messaging",
    "identity",
    "operations",
    "analytics",
    "datastores",
    "connectivity",
    "security",
    "devtools",
    "ml",
    "engagement",
    "scaling",
)


def collectors() -> list[Collector]:
    """Every collector of every family, in a stable order (built on each call; nothing at import)."""
    table: list[Collector] = []
    for family in FAMILIES:
        table.extend(import_module(f"{__package__}.{family}").collectors())
    return table


def services() -> list[str]:
    """The services (boto3 client names) the scanner covers."""
    return sorted({c.service for c in collectors()})
