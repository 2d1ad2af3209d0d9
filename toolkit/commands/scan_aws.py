"""``evac scan aws``: inventory a live AWS account (or several) into ``DIR/inventory.json``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from .. import documents
from ..errors import EXIT_PARTIAL
from .common import AssumeRole, EndpointUrl, OutDir, Profile, Quiet, Regions, aws_accesses, split_regions


def register(app: typer.Typer) -> None:
    """Add ``aws`` to the ``scan`` group."""

    @app.command("aws")
    def scan_aws(
        out: OutDir,
        regions: Regions = "all",
        profile: Profile = None,
        assume_role: AssumeRole = None,
        endpoint_url: EndpointUrl = None,
        services: Annotated[
            str | None,
            typer.Option("--services", help="Only these services (boto3 client names, comma-separated)."),
        ] = None,
        deep: Annotated[
            bool, typer.Option("--deep", help="List every bucket for exact sizes, even with metrics.")
        ] = False,
        workers: Annotated[int, typer.Option("--workers", min=1, max=128, help="Concurrent API jobs.")] = 16,
        quiet: Quiet = False,
    ) -> None:
        """Read every supported service in every region (read-only) and write DIR/inventory.json.

        Exit 6 when part of the account could not be read: the inventory is written and says what is missing.
        """
        from ..scanners.aws import scan_accounts
        from ..scanners.aws.summary import render

        errors = Console(stderr=True)
        inventory = scan_accounts(
            aws_accesses(profile, endpoint_url, assume_role),
            split_regions(regions),
            services=[s.strip() for s in services.split(",") if s.strip()] if services else None,
            deep=deep,
            workers=workers,
            progress=not quiet and errors.is_terminal,
            console=errors,
        )
        path = documents.write(out / "inventory.json", inventory)
        render(inventory, Console())
        Console().print(f"wrote {path}")
        if inventory.partial:
            raise typer.Exit(EXIT_PARTIAL)
