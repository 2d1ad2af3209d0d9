"""``evac schema NAME``: print the JSON Schema of a public document."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ..documents import json_schema
from ..errors import InputError
from ..model import DOCUMENTS


def register(app: typer.Typer) -> None:
    """Add the ``schema`` verb."""

    @app.command("schema")
    def schema_command(
        name: Annotated[str, typer.Argument(help=f"One of: {', '.join(DOCUMENTS)}.")],
    ) -> None:
        """Print the JSON Schema of a document evac reads and writes: inventory, assessment, plan, journal."""
        model = DOCUMENTS.get(name)
        if model is None:
            raise InputError(f"unknown document {name!r}; known: {', '.join(DOCUMENTS)}")
        typer.echo(json.dumps(json_schema(model), indent=2))
