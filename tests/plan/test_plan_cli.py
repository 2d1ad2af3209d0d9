"""``evac plan`` and ``evac runbook`` through the real command line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.cli import main


def test_plan_then_runbook(assessment_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "run"
    assert main(["plan", "--assessment", str(assessment_file), "--target", "hetzner", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Critical path" in printed and "notice" in printed and "provision" in printed
    plan = json.loads((out / "plan.json").read_text())
    assert plan["schema"] == "evac.plan/1" and plan["target"] == "hetzner"
    assert plan["critical_path"] and plan["hours"] > 0

    first = (out / "plan.json").read_bytes()
    assert main(["plan", "--assessment", str(assessment_file), "--target", "hetzner", "--out", str(out)]) == 0
    assert (out / "plan.json").read_bytes() == first, "same input, same bytes"

    book = tmp_path / "book"
    code = main(
        [
            "runbook",
            "--plan",
            str(out / "plan.json"),
            "--assessment",
            str(assessment_file),
            "--out",
            str(book),
        ]
    )
    assert code == 0
    assert (book / "runbook.md").stat().st_size > 1000
    assert "<svg" in (book / "runbook.html").read_text()


def test_target_map(assessment_file: Path, tmp_path: Path) -> None:
    code = main(
        [
            "plan",
            "-a",
            str(assessment_file),
            "-t",
            "bare-metal",
            "--target-map",
            "rds=digitalocean",
            "--out",
            str(tmp_path),
        ]
    )
    assert code == 0
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert plan["target_map"] == {"rds": "digitalocean"}
    assert any(s["id"] == "provision-postgres-digitalocean" for s in plan["steps"])


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--target", "mars"], "known targets"),
        (["--target", "hetzner", "--target-map", "rds"], "SERVICE=TARGET"),
        (["--target", "hetzner", "--target-map", "rds=mars"], "mars"),
    ],
)
def test_bad_arguments_exit_3(
    assessment_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    assert main(["plan", "--assessment", str(assessment_file), *extra, "--out", str(tmp_path)]) == 3
    assert needle in capsys.readouterr().err
    assert not (tmp_path / "plan.json").exists()


def test_bad_files_exit_3_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], assessment_file: Path
) -> None:
    missing = tmp_path / "nope.json"
    assert main(["plan", "--assessment", str(missing), "--target", "hetzner", "--out", str(tmp_path)]) == 3
    assert "nope.json" in capsys.readouterr().err

    broken = tmp_path / "broken.json"
    document = json.loads(assessment_file.read_text())
    del document["estimate"]
    broken.write_text(json.dumps(document))
    assert main(["plan", "--assessment", str(broken), "--target", "hetzner", "--out", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "broken.json" in err and "estimate" in err

    not_a_plan = tmp_path / "plan.json"
    not_a_plan.write_text(assessment_file.read_text())
    assert main(["runbook", "--plan", str(not_a_plan), "--out", str(tmp_path)]) == 3
    assert "evac.plan/1" in capsys.readouterr().err
