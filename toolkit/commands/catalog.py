"""``evac catalog [SERVICE]``: browse the knowledge catalog."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from ..errors import InputError


def register(app: typer.Typer) -> None:
    """Add the ``catalog`` verb."""

    @app.command("catalog")
    def catalog_command(
        service: Annotated[
            str | None, typer.Argument(help="A service id (boto3 client name), e.g. cognito-idp.")
        ] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the catalog (or entry) as JSON.")
        ] = False,
        targets: Annotated[bool, typer.Option("--targets", help="List the places you can move to.")] = False,
    ) -> None:
        """Browse the knowledge: every AWS service by lock-in level, or one service in full."""
        from ..catalog import Catalog
        from ..views.catalog import render_entry, render_overview, render_targets

        catalog = Catalog.load()
        out = Console()
        if service is not None:
            entry = catalog.service(service) or catalog.platforms.get(service) or catalog.targets.get(service)
            if entry is None:
                raise InputError(
                    f"no catalog entry {service!r}",
                    hint="run `evac catalog` for the list of services",
                )
            if as_json:
                typer.echo(json.dumps(entry.model_dump(mode="json", by_alias=True), indent=2))
            else:
                render_entry(out, entry)
            return
        if as_json:
            document = {
                "services": [
                    e.model_dump(mode="json", by_alias=True) for _, e in sorted(catalog.services.items())
                ],
                "targets": [e.model_dump(mode="json") for _, e in sorted(catalog.targets.items())],
                "platforms": [e.model_dump(mode="json") for _, e in sorted(catalog.platforms.items())],
            }
            typer.echo(json.dumps(document, indent=2))
            return
        if targets:
            render_targets(out, catalog)
        else:
            render_overview(out, catalog)
