"""The ``evac`` command: parse, call the library, render, map to an exit status. No logic here."""

from __future__ import annotations

import sys
from importlib import import_module

import typer
from rich.console import Console

from . import __version__
from .errors import EXIT_INTERRUPTED, EvacError

EPILOG = (
    "Exit statuses: 0 ok · 1 gate failed · 2 usage · 3 bad input · 4 credentials · "
    "5 unreachable · 6 partial result · 7 apply failed · 130 interrupted."
)

# Each module registers its verbs on the app it is given; order is the order of --help.
COMMAND_MODULES = [
    "toolkit.commands.demo",
    "toolkit.commands.scan",
    "toolkit.commands.audit",
    "toolkit.commands.plan",
    "toolkit.commands.provision",
    "toolkit.commands.catalog",
    "toolkit.commands.iam_policy",
    "toolkit.commands.schema",
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"evac {__version__}")
        raise typer.Exit()


def build_app() -> typer.Typer:
    """The typer application with every verb registered."""
    app = typer.Typer(
        name="evac",
        help=(
            "Hosting-migration readiness and multi-provider failover.\n\n"
            "Scan what you run on AWS, audit how locked in you are and how long leaving would take, "
            "plan the exit as a runbook, and rehearse it. Stages read and write documents in one "
            "run directory (--out), so any stage can be re-run alone."
        ),
        epilog=EPILOG,
        no_args_is_help=True,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    @app.callback()
    def _root(
        version: bool = typer.Option(
            False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ) -> None:
        """evac: how locked in are we, how long would leaving take, and have we ever done it?"""

    for name in COMMAND_MODULES:
        import_module(name).register(app)
    return app


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    app = build_app()
    console = Console(stderr=True)
    try:
        status = app(args=argv, prog_name="evac", standalone_mode=False)
        if isinstance(status, int) and status:  # typer.Exit(code) is returned, not raised, here
            return status
    except EvacError as exc:
        console.print(f"[bold red]evac: error:[/] {exc.message}", highlight=False, soft_wrap=True)
        if exc.hint:
            console.print(f"[dim]hint: {exc.hint}[/]", highlight=False, soft_wrap=True)
        return exc.exit_code
    except KeyboardInterrupt:
        console.print("[yellow]evac: interrupted; partial results were kept[/]")
        return EXIT_INTERRUPTED
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:
        # Usage errors from click (vendored by recent typer releases) carry show() and exit_code.
        show, code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            return code
        if type(exc).__name__ == "Abort":
            return EXIT_INTERRUPTED
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
