"""Options shared by several verbs, and small helpers to turn documents into exit statuses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..context import AwsAccess

OutDir = Annotated[
    Path, typer.Option("--out", "-o", help="Run directory: documents and reports are written here.")
]
Profile = Annotated[
    list[str] | None,
    typer.Option("--profile", help="AWS profile from ~/.aws/config (repeat for several accounts)."),
]
Regions = Annotated[
    str,
    typer.Option("--regions", "-r", help="Comma-separated regions, or 'all' for every enabled region."),
]
EndpointUrl = Annotated[
    str | None,
    typer.Option(
        "--endpoint-url",
        help="Send every AWS call here (default: AWS_ENDPOINT_URL, else the real AWS endpoints).",
    ),
]
AssumeRole = Annotated[
    list[str] | None,
    typer.Option("--assume-role", help="Role ARN to assume (repeat for several accounts)."),
]
Route53Zone = Annotated[
    list[str] | None,
    typer.Option(
        "--route53-zone",
        help="Live Route53 hosted zone (name or id) whose records to read, read-only (repeatable).",
    ),
]
ZoneFile = Annotated[
    list[Path] | None,
    typer.Option("--zone-file", help="BIND zone file or Route53 record-set JSON to read (repeatable)."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the final summary.")]


def split_regions(regions: str) -> list[str] | None:
    """``all`` → None (discover them); otherwise the list, stripped and de-duplicated."""
    if regions.strip().lower() == "all":
        return None
    return list(dict.fromkeys(r.strip() for r in regions.split(",") if r.strip()))


def aws_accesses(
    profiles: list[str] | None, endpoint_url: str | None, roles: list[str] | None
) -> list[AwsAccess]:
    """One access per account asked for: each profile, each role, or the default chain."""
    accesses = [AwsAccess(profile=p, endpoint_url=endpoint_url) for p in profiles or [None]]  # type: ignore[list-item]
    if roles:
        base = accesses[0]
        accesses = [AwsAccess(profile=base.profile, endpoint_url=endpoint_url, assume_role=r) for r in roles]
    return accesses


def live_zones(
    zones: list[str] | None, profile: str | None, endpoint_url: str | None, out: Path
) -> list[Path]:
    """Fetch the named Route53 zones into ``out`` as record-set JSON files for the DNS scanner."""
    if not zones:
        return []
    from ..context import AwsAccess
    from ..scanners.route53_zones import export_zones

    return export_zones(AwsAccess(profile=profile, endpoint_url=endpoint_url), zones, out)
