"""Placeholder until its verb lands."""

import typer


def register(app: typer.Typer) -> None:
    """Nothing yet."""
