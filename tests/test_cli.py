"""The command line reads like a Unix tool: every verb explained, documented exit statuses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toolkit.cli import main

VERBS = ["demo", "scan", "audit", "report", "plan", "runbook", "provision", "catalog", "iam-policy", "schema"]


def test_help_lists_every_verb_and_the_exit_statuses() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "--help"],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for verb in VERBS:
        assert f" {verb} " in result.stdout, verb
    assert "130 interrupted" in result.stdout


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([verb, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage:" in out and len(out) > 200


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("evac ")


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--no-such-option"]) == 2
    assert "No such option" in capsys.readouterr().err
