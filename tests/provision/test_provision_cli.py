"""``evac provision`` end to end (real ansible-runner, a real namespace host) and its journal."""

from __future__ import annotations

import socket
import ssl
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from toolkit.cli import main
from toolkit.documents import read, write
from toolkit.errors import EXIT_APPLY, EXIT_INPUT, EXIT_OK
from toolkit.journal import JournalWriter
from toolkit.model import Journal, Plan, Step


def make_plan(path: Path, target: str = "bare-metal", components: tuple[str, ...] = ("web",)) -> Path:
    steps = [
        Step(id=f"provision-{c}", phase="provision", title=f"Provision {c}", component=c, service=c)
        for c in components
    ]
    steps.append(Step(id="cutover", phase="cutover", title="Switch DNS", depends_on=[s.id for s in steps]))
    return write(path, Plan(target=target, steps=steps))


def test_journal_is_on_disk_after_every_entry_and_records_interruption(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), JournalWriter(tmp_path, "provision", dry_run=False) as journal:
        journal.record("prepare", "read plan", "ok", {"groups": ["web"]})
        with journal.step("provision", "ansible site.yml") as entry:
            on_disk = read(tmp_path / "journal.json", Journal)
            assert [e.status for e in on_disk.entries] == ["ok", "running"]
            assert entry.status == "running"
            raise KeyboardInterrupt
    final = read(tmp_path / "journal.json", Journal)
    assert final.outcome == "interrupted" and final.finished_at is not None
    assert [e.status for e in final.entries] == ["ok", "failed"]
    assert final.entries[1].seconds is not None


def test_unreachable_host_fails_with_exit_7_and_a_failed_journal(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    inventory = tmp_path / "hosts.yml"
    inventory.write_text(
        yaml.safe_dump(
            {
                "all": {
                    # Nothing listens on loopback port 9: refused at once (a black-hole address costs 30 s).
                    "children": {
                        "web": {"hosts": {"ghost": {"ansible_host": "127.0.0.1", "ansible_port": 9}}}
                    },
                    "vars": {"ansible_ssh_common_args": "-o ConnectTimeout=3"},
                }
            }
        )
    )
    code = main(
        ["provision", "--plan", str(plan), "--inventory", str(inventory), "--out", str(tmp_path / "o")]
    )
    assert code == EXIT_APPLY
    journal = read(tmp_path / "o" / "journal.json", Journal)
    assert journal.outcome == "failed" and journal.dry_run
    ansible = journal.entries[-1]
    assert ansible.status == "failed" and ansible.action.endswith("--check --diff")
    assert ansible.detail["limit"] == "web"
    assert ansible.detail["failures"][0]["host"] == "ghost"
    assert ansible.detail["failures"][0]["status"] == "unreachable"


def test_no_inventory_and_no_terraform_module_is_bad_input(tmp_path: Path, capsys: Any) -> None:
    plan = make_plan(tmp_path / "plan.json", target="nowhere-cloud")
    code = main(["provision", "--plan", str(plan), "--out", str(tmp_path / "o")])
    assert code == EXIT_INPUT
    assert "nowhere-cloud" in capsys.readouterr().err
    assert read(tmp_path / "o" / "journal.json", Journal).outcome == "failed"


def test_inventory_without_the_plans_groups_is_bad_input(tmp_path: Path, capsys: Any) -> None:
    plan = make_plan(tmp_path / "plan.json", components=("postgres", "dns"))
    inventory = tmp_path / "hosts.yml"
    inventory.write_text(yaml.safe_dump({"all": {"children": {"web": {"hosts": {"w1": None}}}}}))
    code = main(
        ["provision", "--plan", str(plan), "--inventory", str(inventory), "--out", str(tmp_path / "o")]
    )
    assert code == EXIT_INPUT
    assert "postgres, dns" in capsys.readouterr().err


def test_a_plan_that_is_not_a_plan_is_bad_input(tmp_path: Path, capsys: Any) -> None:
    bogus = tmp_path / "plan.json"
    bogus.write_text('{"schema": "evac.inventory/1"}')
    assert main(["provision", "--plan", str(bogus)]) == EXIT_INPUT
    assert "expected a evac.plan/1 document" in capsys.readouterr().err


@pytest.fixture(scope="module")
def web_host(
    netns_hosts: Callable[[str], Any],
    inventory_writer: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Any, Path]]:
    """A fresh namespace host in group web, and its inventory (test-only paths where possible)."""
    work = tmp_path_factory.mktemp("cli")
    nginx_default = Path("/etc/nginx/sites-enabled/default")
    had_default = nginx_default.exists()
    host = netns_hosts("cli")
    variables = {
        "evac_secrets_dir": str(work / "secrets"),
        "base_nftables_conf": str(work / "nftables.conf"),
        "web_tls_dir": str(work / "tls"),
        "web_index_title": "evac cli test",
    }
    inventory = inventory_writer(work / "hosts.yml", {"cli": (host, ["web"])}, variables)
    yield host, inventory
    for path in ("/etc/nginx/sites-enabled/evac.conf", "/etc/nginx/sites-available/evac.conf"):
        Path(path).unlink(missing_ok=True)
    if had_default and not nginx_default.exists():
        nginx_default.symlink_to("/etc/nginx/sites-available/default")


def _https_up(address: str) -> bool:
    try:
        socket.create_connection((address, 443), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.mark.netns
@pytest.mark.slow
def test_dry_run_shows_changes_then_apply_makes_them(web_host: tuple[Any, Path], tmp_path: Path) -> None:
    host, inventory = web_host
    plan = make_plan(tmp_path / "plan.json", components=("nginx",))
    out = tmp_path / "run"
    args = ["provision", "--plan", str(plan), "--inventory", str(inventory), "--out", str(out), "--quiet"]

    assert main(args) == EXIT_OK
    dry = read(out / "journal.json", Journal)
    assert dry.outcome == "dry_run" and dry.dry_run
    would = dry.entries[-1]
    assert would.status == "changed" and "cli: web | Site" in would.detail["changes"]
    assert not _https_up(host.address)

    assert main([*args, "--apply"]) == EXIT_OK
    applied = read(out / "journal.json", Journal)
    assert applied.outcome == "ok" and not applied.dry_run
    assert applied.entries[-1].detail["hosts"][0]["changed"] > 0
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(f"https://{host.address}/", timeout=5, context=insecure) as reply:
        assert b"evac cli test" in reply.read()
