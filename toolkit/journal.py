"""Write a run's :class:`~toolkit.model.Journal` as it goes, so it survives interruption.

A :class:`JournalWriter` appends entries and rewrites ``<dir>/journal.json`` atomically after every
change (:func:`toolkit.documents.write`): a crash or Ctrl-C leaves the last complete state on disk.
An earlier run's journal found there is first kept as ``<dir>/journals/<run_id>.json``, so every
run leaves its journal and none is overwritten. Used as a context manager it closes the journal
with the right outcome: ``dry_run`` or ``ok`` when the block ends normally, ``failed`` on an
exception, ``interrupted`` on KeyboardInterrupt."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from .documents import write
from .model import Journal, JournalEntry, utcnow

JOURNAL_FILE = "journal.json"
EntryStatus = Literal["planned", "running", "ok", "changed", "failed", "skipped", "rolled_back"]
Outcome = Literal["ok", "failed", "interrupted", "dry_run"]
Kind = Literal["provision", "drill", "evacuate", "failover"]


def new_run_id(kind: str) -> str:
    """A sortable, unique run id: ``<kind>-<UTC timestamp>-<random>``."""
    return f"{kind}-{utcnow().strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:6]}"


def archive_previous(path: Path) -> Path | None:
    """Move an earlier run's journal to ``journals/<run_id>.json`` beside it; return where it went."""
    if not path.exists():
        return None
    try:
        run_id = str(json.loads(path.read_text(encoding="utf-8")).get("run_id") or "")
    except (ValueError, AttributeError):
        run_id = ""
    safe = "".join(c for c in run_id if c.isalnum() or c in "-_.") or f"unreadable-{path.stat().st_mtime_ns}"
    archived = path.parent / "journals" / f"{safe}.json"
    archived.parent.mkdir(exist_ok=True)
    if archived.exists():
        archived = archived.with_name(f"{safe}-{uuid.uuid4().hex[:6]}.json")
    path.replace(archived)
    return archived


class JournalWriter:
    """Keeps one journal on disk up to date, entry by entry."""

    def __init__(self, directory: Path, kind: Kind, *, dry_run: bool, run_id: str | None = None) -> None:
        self.path = directory / JOURNAL_FILE
        archive_previous(self.path)
        self.journal = Journal(kind=kind, run_id=run_id or new_run_id(kind), dry_run=dry_run)
        self.save()

    def save(self) -> Path:
        """Rewrite the journal file atomically."""
        return write(self.path, self.journal)

    def start(self, phase: str, action: str, detail: dict[str, Any] | None = None) -> JournalEntry:
        """Append a ``running`` entry and save; finish it with :meth:`finish`."""
        entry = JournalEntry(phase=phase, action=action, status="running", detail=dict(detail or {}))
        self.journal.entries.append(entry)
        self.save()
        return entry

    def finish(self, entry: JournalEntry, status: EntryStatus, detail: dict[str, Any] | None = None) -> None:
        """Close an entry with its status, timing and any extra detail; save."""
        entry.status = status
        entry.finished_at = utcnow()
        entry.seconds = round((entry.finished_at - entry.started_at).total_seconds(), 3)
        entry.detail.update(detail or {})
        self.save()

    def record(
        self, phase: str, action: str, status: EntryStatus, detail: dict[str, Any] | None = None
    ) -> JournalEntry:
        """Append an entry that is already over (``skipped``, ``planned``, ...)."""
        entry = self.start(phase, action, detail)
        self.finish(entry, status)
        return entry

    @contextmanager
    def step(self, phase: str, action: str, detail: dict[str, Any] | None = None) -> Iterator[JournalEntry]:
        """An entry around a block: ``ok`` unless the block sets another status or raises (``failed``)."""
        entry = self.start(phase, action, detail)
        try:
            yield entry
        except BaseException as exc:
            self.finish(entry, "failed", {"error": getattr(exc, "message", None) or type(exc).__name__})
            raise
        if entry.status == "running":
            self.finish(entry, "ok")
        else:
            self.finish(entry, entry.status)

    def close(self, outcome: Outcome) -> Journal:
        """Set the outcome and finish time; save. Entries still running are marked failed."""
        for entry in self.journal.entries:
            if entry.status == "running":
                self.finish(entry, "failed", {"error": outcome})
        self.journal.outcome = outcome
        self.journal.finished_at = utcnow()
        self.save()
        return self.journal

    def __enter__(self) -> JournalWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.journal.outcome != "running":
            return
        if exc_type is None:
            self.close("dry_run" if self.journal.dry_run else "ok")
        elif issubclass(exc_type, KeyboardInterrupt):
            self.close("interrupted")
        else:
            self.close("failed")
