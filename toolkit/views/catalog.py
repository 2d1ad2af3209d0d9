"""Rich views of the catalog: the overview by lock-in level, one entry in full, the targets."""

from __future__ import annotations

from rich.console import Console, Group
from rich.markdown import Markdown
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..catalog import Catalog, PlatformEntry, ServiceEntry, TargetEntry
from ..model import LockIn

LEVEL_STYLE = {
    LockIn.portable: "green",
    LockIn.compatible: "cyan",
    LockIn.proprietary: "yellow",
    LockIn.trapped: "bold red",
}


def level_text(level: LockIn) -> Text:
    """A lock-in level, coloured."""
    return Text(level.value, style=LEVEL_STYLE[level])


def render_overview(out: Console, catalog: Catalog) -> None:
    """Every service, grouped by lock-in level (worst first)."""
    for level in reversed(list(LockIn)):
        entries = catalog.by_level()[level]
        if not entries:
            continue
        table = Table(
            title=Text(f"{level.value} ({len(entries)})", style=LEVEL_STYLE[level]),
            title_justify="left",
            expand=True,
            show_lines=False,
        )
        table.add_column("service", style="bold", no_wrap=True)
        table.add_column("name")
        table.add_column("category", no_wrap=True)
        table.add_column("replace with")
        table.add_column("effort h", justify="right", no_wrap=True)
        for entry in entries:
            low, high = entry.effort.hours
            table.add_row(
                entry.id, entry.name, entry.category, entry.replacements[0].name, f"{low:g}–{high:g}"
            )
        out.print(table)
    out.print(
        f"[dim]{len(catalog.services)} services, {len(catalog.targets)} targets, "
        f"{len(catalog.platforms)} platforms. `evac catalog SERVICE` shows one in full.[/]"
    )


def render_entry(out: Console, entry: ServiceEntry | PlatformEntry | TargetEntry) -> None:
    """One entry in full."""
    if isinstance(entry, TargetEntry):
        out.print_json(entry.model_dump_json())
        return
    parts: list[object] = [
        Text.assemble(("lock-in: ", "bold"), level_text(entry.lock_in)),
        Text(entry.rationale),
    ]
    parts.append(Markdown(f"**Export** — {entry.export.summary}"))
    if entry.export.tools:
        parts.append(Markdown("\n".join(f"- `{tool}`" for tool in entry.export.tools)))
    if entry.traps:
        trap_lines = []
        for trap in entry.traps:
            trap_lines.append(f"- **{trap.when.replace('_', ' ')}**: {trap.what}  \n  *now:* {trap.action}")
            if trap.subtle:
                trap_lines.append(f"  *note:* {trap.subtle}")
        parts.append(Markdown("**What cannot leave**\n\n" + "\n".join(trap_lines)))
    parts.append(
        Markdown(
            "**Replacements**\n\n"
            + "\n".join(
                f"- {r.name} ({r.kind})" + (f" — {r.notes}" if r.notes else "") for r in entry.replacements
            )
        )
    )
    if isinstance(entry, ServiceEntry) and entry.equivalents:
        parts.append(
            Markdown(
                "**At other providers**\n\n"
                + "\n".join(
                    f"- {target}: {offering or '— (self-host)'}"
                    for target, offering in sorted(entry.equivalents.items())
                )
            )
        )
    low, high = entry.effort.hours
    parts.append(
        Markdown(
            f"**Effort** {low:g}–{high:g} h per {entry.effort.per}"
            + (f" — {entry.effort.notes}" if entry.effort.notes else "")
        )
    )
    parts.append(Markdown("**Runbook**\n\n" + "\n".join(f"{i}. {s}" for i, s in enumerate(entry.runbook, 1))))
    title = f"{entry.name} [dim]({entry.id}, {entry.category})[/]"
    out.print(Panel(Group(*parts), title=title, title_align="left"))  # type: ignore[arg-type]


def render_targets(out: Console, catalog: Catalog) -> None:
    """The places to move to."""
    table = Table(title="targets", title_justify="left", expand=True)
    for column in ("id", "name", "kind", "egress $/GB", "free GB/mo", "regions", "terraform"):
        table.add_column(column)
    for target in sorted(catalog.targets.values(), key=lambda t: t.id):
        table.add_row(
            target.id,
            target.name,
            target.kind,
            f"{target.egress.usd_per_gb:g}",
            f"{target.egress.free_gb_per_month:g}",
            ", ".join(target.regions[:4]),
            target.terraform_module,
        )
    out.print(table)
