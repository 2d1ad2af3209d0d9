"""``evac iam-policy``: print the minimal read-only IAM policy the AWS scanner needs."""

from __future__ import annotations

import json

import typer


def register(app: typer.Typer) -> None:
    """Add the ``iam-policy`` verb."""

    @app.command("iam-policy")
    def iam_policy() -> None:
        """Print the least-privilege, read-only IAM policy for `evac scan aws` (JSON, on stdout)."""
        from ..scanners.aws import iam_policy_document

        typer.echo(json.dumps(iam_policy_document(), indent=2))
