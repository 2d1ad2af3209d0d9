"""toolkit.provision.ansible against real ansible-runner runs (local connection, small playbooks)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from toolkit.errors import EXIT_APPLY, InputError
from toolkit.provision.ansible import PlaybookFailed, TaskResult, run_playbook

pytestmark = pytest.mark.slow

PLAYBOOK = """\
- hosts: all
  gather_facts: false
  tasks:
    - name: Write a marker
      ansible.builtin.copy:
        content: "marker\\n"
        dest: "{{ marker }}"
    - name: Handle a secret
      ansible.builtin.command: echo {{ secret }}
      no_log: true
      changed_when: false
    - name: Break on purpose
      ansible.builtin.fail:
        msg: "broken on purpose: {{ reason }}"
      when: reason is defined
"""


@pytest.fixture
def playbook(tmp_path: Path) -> Path:
    path = tmp_path / "play" / "site.yml"
    path.parent.mkdir()
    path.write_text(PLAYBOOK)
    (path.parent / "ansible.cfg").write_text("[defaults]\nhost_key_checking = False\n")
    return path


def local_inventory(tmp_path: Path) -> Path:
    inventory = tmp_path / "hosts.ini"
    inventory.write_text(f"local ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    return inventory


def test_summary_counts_changes_per_host_and_keeps_artifacts(tmp_path: Path, playbook: Path) -> None:
    marker = tmp_path / "marker.txt"
    seen: list[TaskResult] = []
    summary = run_playbook(
        local_inventory(tmp_path),
        tmp_path / "run",
        playbook=playbook,
        extravars={"marker": str(marker), "secret": "s3cr3t-value"},
        progress=seen.append,
    )
    assert summary.succeeded and not summary.check
    assert summary.host("local").changed == 1 and summary.host("local").ok == 2
    assert [c.task for c in summary.changes] == ["Write a marker"]
    assert marker.read_text() == "marker\n"
    assert [(r.task, r.status) for r in seen] == [
        ("Write a marker", "changed"),
        ("Handle a secret", "ok"),
        ("Break on purpose", "skipped"),
    ]
    assert (Path(summary.artifacts) / "job_events").is_dir()
    rerun = run_playbook(
        local_inventory(tmp_path),
        tmp_path / "run",
        playbook=playbook,
        extravars={"marker": str(marker), "secret": "s3cr3t-value"},
    )
    assert rerun.changed == 0


def test_no_log_secret_stays_out_of_events(tmp_path: Path, playbook: Path) -> None:
    summary = run_playbook(
        local_inventory(tmp_path),
        tmp_path / "run",
        playbook=playbook,
        extravars={"marker": str(tmp_path / "m"), "secret": "s3cr3t-value"},
    )
    events = "".join(p.read_text() for p in (Path(summary.artifacts) / "job_events").glob("*.json"))
    assert "Handle a secret" in events
    # The value reaches ansible only as an extra var; no result or rendered line may carry it.
    for path in (Path(summary.artifacts) / "job_events").glob("*.json"):
        event = json.loads(path.read_text())
        if event.get("event_data", {}).get("task") == "Handle a secret":
            assert "s3cr3t-value" not in json.dumps(event.get("event_data", {}).get("res", {}))
            assert "s3cr3t-value" not in event.get("stdout", "")


def test_check_mode_predicts_without_changing(tmp_path: Path, playbook: Path) -> None:
    marker = tmp_path / "marker.txt"
    summary = run_playbook(
        local_inventory(tmp_path),
        tmp_path / "run",
        playbook=playbook,
        check=True,
        extravars={"marker": str(marker), "secret": "x"},
    )
    assert summary.check and summary.succeeded
    assert summary.host("local").changed == 1
    assert not marker.exists()


def test_failure_names_host_task_and_message(tmp_path: Path, playbook: Path) -> None:
    with pytest.raises(PlaybookFailed) as failed:
        run_playbook(
            local_inventory(tmp_path),
            tmp_path / "run",
            playbook=playbook,
            extravars={"marker": str(tmp_path / "m"), "secret": "x", "reason": "disk on fire"},
        )
    error = failed.value
    assert error.exit_code == EXIT_APPLY
    assert "local: task 'Break on purpose' failed: broken on purpose: disk on fire" in error.message
    assert error.summary.host("local").failed == 1
    assert error.summary.failures[0].host == "local"


def test_unreachable_host_is_reported(tmp_path: Path, playbook: Path) -> None:
    inventory = tmp_path / "hosts.ini"
    # 198.18.255.254 (benchmark range) is routed nowhere from here: the connection fails at once.
    inventory.write_text(
        "ghost ansible_host=198.18.255.254 ansible_user=root "
        "ansible_ssh_common_args='-o ConnectTimeout=3 -o StrictHostKeyChecking=no'\n"
    )
    with pytest.raises(PlaybookFailed) as failed:
        run_playbook(
            inventory, tmp_path / "run", playbook=playbook, extravars={"marker": "/tmp/x", "secret": "x"}
        )
    summary = failed.value.summary
    assert summary.unreachable == 1
    assert summary.failures[0].status == "unreachable"
    assert "ghost: task 'Write a marker' unreachable" in failed.value.message


def test_missing_inventory_or_playbook_is_bad_input(tmp_path: Path, playbook: Path) -> None:
    with pytest.raises(InputError, match="no such inventory"):
        run_playbook(tmp_path / "nope.yml", tmp_path / "run", playbook=playbook)
    with pytest.raises(InputError, match="no such playbook"):
        run_playbook(local_inventory(tmp_path), tmp_path / "run", playbook=tmp_path / "missing.yml")
