"""``evac scan aws|path``: collect what exists into ``inventory.json``."""

from __future__ import annotations

import typer

from . import scan_aws, scan_path


def register(app: typer.Typer) -> None:
    """Add the ``scan`` group with its ``aws`` and ``path`` verbs."""
    scan_app = typer.Typer(
        help="Collect what exists (live AWS account or code on disk) into DIR/inventory.json.",
        no_args_is_help=True,
    )
    scan_aws.register(scan_app)
    scan_path.register(scan_app)
    app.add_typer(scan_app, name="scan")
