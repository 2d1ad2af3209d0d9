"""Journals survive interruption and never overwrite an earlier run's journal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.journal import JournalWriter


def test_each_entry_is_on_disk_as_soon_as_it_is_written(tmp_path: Path) -> None:
    writer = JournalWriter(tmp_path, "provision", dry_run=True)
    entry = writer.start("provision", "terraform plan")
    on_disk = json.loads((tmp_path / "journal.json").read_text())
    assert on_disk["entries"][0]["status"] == "running"
    writer.finish(entry, "ok")
    assert json.loads((tmp_path / "journal.json").read_text())["entries"][0]["status"] == "ok"


def test_a_failing_step_is_recorded_as_failed(tmp_path: Path) -> None:
    writer = JournalWriter(tmp_path, "provision", dry_run=False)
    with pytest.raises(RuntimeError), writer.step("provision", "apply"):
        raise RuntimeError("boom")
    entry = json.loads((tmp_path / "journal.json").read_text())["entries"][0]
    assert entry["status"] == "failed" and entry["seconds"] is not None


def test_an_earlier_journal_is_archived_not_overwritten(tmp_path: Path) -> None:
    first = JournalWriter(tmp_path, "provision", dry_run=True)
    first.record("provision", "terraform plan", "ok")
    second = JournalWriter(tmp_path, "provision", dry_run=False)
    assert json.loads((tmp_path / "journal.json").read_text())["run_id"] == second.journal.run_id
    archived = tmp_path / "journals" / f"{first.journal.run_id}.json"
    assert json.loads(archived.read_text())["entries"][0]["action"] == "terraform plan"


def test_an_unreadable_earlier_journal_is_kept_too(tmp_path: Path) -> None:
    (tmp_path / "journal.json").write_text("{half a journal")
    JournalWriter(tmp_path, "provision", dry_run=True)
    kept = list((tmp_path / "journals").iterdir())
    assert len(kept) == 1 and kept[0].read_text() == "{half a journal"
