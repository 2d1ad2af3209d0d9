"""The live AWS inventory scanner: every catalog service, every region, read-only, concurrent.

``scan`` reads one account; ``scan_accounts`` merges several (profiles or assumed roles);
``required_permissions``/``iam_policy_document`` give the minimal read-only policy the collectors
declare. See ``engine`` for how jobs run and ``links`` for cross-service relationships.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

from ...context import AwsAccess
from ...model import Inventory
from .catalog import collectors, services
from .engine import TAG_PERMISSIONS, scan_account

__all__ = ["iam_policy_document", "required_permissions", "scan", "scan_accounts", "services"]

BASE_PERMISSIONS = ("sts:GetCallerIdentity", "ec2:DescribeRegions", *TAG_PERMISSIONS)


def scan(
    access: AwsAccess,
    regions: list[str] | None,
    *,
    services: list[str] | None = None,
    deep: bool = False,
    workers: int = 16,
    progress: bool = True,
    console: Console | None = None,
) -> Inventory:
    """Scan the account ``access`` resolves to, in ``regions`` (None: every enabled region).

    Raises CredentialsError when credentials are missing or rejected, UnreachableError when the
    endpoint cannot be reached; anything else that fails is recorded in the run's errors.
    """
    return scan_account(
        access, regions, services=services, deep=deep, workers=workers, progress=progress, console=console
    )


def scan_accounts(accesses: list[AwsAccess], regions: list[str] | None, **kw: Any) -> Inventory:
    """Scan several accounts one after another and merge their inventories."""
    merged: Inventory | None = None
    for access in accesses:
        inventory = scan(access, regions, **kw)
        merged = inventory if merged is None else merged.merge(inventory)
    return merged if merged is not None else Inventory()


def required_permissions() -> list[str]:
    """Every IAM action the scanner may call, sorted: all of them reads."""
    actions = set(BASE_PERMISSIONS)
    for collector in collectors():
        actions.update(collector.permissions)
    return sorted(actions)


def iam_policy_document() -> dict[str, Any]:
    """The minimal read-only IAM policy that lets ``evac scan aws`` read everything it covers."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "EvacReadOnlyInventory",
                "Effect": "Allow",
                "Action": required_permissions(),
                "Resource": "*",
            }
        ],
    }
