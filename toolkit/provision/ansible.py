"""Run evac's playbooks through ansible-runner and summarise what they did.

:func:`run_playbook` runs ``playbooks/site.yml`` (or another playbook) against an inventory inside a
run directory (ansible-runner keeps its artifacts under ``<run_dir>/artifacts/<ident>``), reports
progress from runner events, and returns a :class:`PlaybookSummary` (ok/changed/failed/unreachable per
host). ``check=True`` is a dry run (``--check --diff``). When a host fails or cannot be reached it raises
:class:`PlaybookFailed` (an :class:`~toolkit.errors.ApplyError`) naming host, task and message.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field
from rich.console import Console

from ..errors import ApplyError, InputError
from ..paths import playbooks_dir

EventStatus = Literal["ok", "changed", "failed", "unreachable", "skipped"]
_STATUS_STYLE: dict[str, str] = {
    "ok": "green",
    "changed": "yellow",
    "failed": "bold red",
    "unreachable": "bold red",
    "skipped": "dim",
}
_EVENT_STATUS: dict[str, EventStatus] = {
    "runner_on_ok": "ok",
    "runner_on_failed": "failed",
    "runner_on_unreachable": "unreachable",
    "runner_on_skipped": "skipped",
}


class TaskResult(BaseModel):
    """One task's outcome on one host, as the runner reported it."""

    host: str
    task: str
    role: str | None = None
    status: EventStatus
    message: str | None = None


class HostSummary(BaseModel):
    """Counts for one host at the end of a run (from the ``playbook_on_stats`` event)."""

    host: str
    ok: int = 0
    changed: int = 0
    failed: int = 0
    unreachable: int = 0
    skipped: int = 0


class PlaybookSummary(BaseModel):
    """What a playbook run did, per host, plus the failures and the changed tasks."""

    playbook: str
    check: bool
    status: str = Field(description="ansible-runner status: successful, failed, timeout, canceled")
    rc: int | None = None
    seconds: float = 0.0
    artifacts: str = Field(description="the runner's artifact directory for this run")
    hosts: list[HostSummary] = Field(default_factory=list)
    failures: list[TaskResult] = Field(default_factory=list)
    changes: list[TaskResult] = Field(default_factory=list, description="tasks that changed (or would)")

    @property
    def changed(self) -> int:
        """Changed tasks over all hosts."""
        return sum(h.changed for h in self.hosts)

    @property
    def failed(self) -> int:
        """Hosts with a failed task."""
        return sum(1 for h in self.hosts if h.failed)

    @property
    def unreachable(self) -> int:
        """Hosts that could not be reached."""
        return sum(1 for h in self.hosts if h.unreachable)

    @property
    def succeeded(self) -> bool:
        """True when the runner succeeded and no host failed or was unreachable."""
        return self.status == "successful" and not self.failed and not self.unreachable

    def host(self, name: str) -> HostSummary:
        """The summary of one host (zeros when the host did not take part)."""
        return next((h for h in self.hosts if h.host == name), HostSummary(host=name))


class PlaybookFailed(ApplyError):
    """A playbook failed on some host; ``summary`` holds the whole run."""

    def __init__(self, summary: PlaybookSummary) -> None:
        lines = [
            f"{f.host}: task '{f.task}' {f.status}: {f.message or 'no message'}" for f in summary.failures
        ]
        if not lines:
            lines = [f"ansible-runner ended with status {summary.status} (rc {summary.rc})"]
            lines += _output_tail(Path(summary.artifacts) / "stdout")
        super().__init__(
            "playbook failed: " + "; ".join(lines),
            hint=f"the full event log is under {summary.artifacts}",
        )
        self.summary = summary


ProgressCallback = Callable[[TaskResult], None]


def _output_tail(stdout: Path, lines: int = 12) -> list[str]:
    """The last lines ansible printed (why a run failed before any task, e.g. a syntax error)."""
    try:
        text = stdout.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()][-lines:]


def rich_progress(console: Console) -> ProgressCallback:
    """A progress callback printing one line per host and task: status, host, role | task."""

    def _print(result: TaskResult) -> None:
        if result.status == "skipped":
            return
        style = _STATUS_STYLE[result.status]
        name = f"{result.role} | {result.task}" if result.role else result.task
        line = f"[{style}]{result.status:<11}[/] {result.host:<16} {name}"
        if result.message and result.status in ("failed", "unreachable"):
            line += f"\n            [red]{result.message}[/]"
        console.print(line, highlight=False, markup=True)

    return _print


def _message(res: Mapping[str, Any]) -> str:
    """The most telling message of a failed result: msg, with stderr (or stdout) when there is one."""
    parts = [str(res[key]).strip() for key in ("msg", "reason") if res.get(key)]
    output = res.get("stderr") or res.get("stdout")
    if output:
        parts.append(str(output).strip())
    if not parts and isinstance(res.get("results"), list):
        parts = [
            _message(item) for item in res["results"] if isinstance(item, Mapping) and item.get("failed")
        ]
    return ": ".join(p for p in parts if p)[:2000]


class _EventCollector:
    """Turns runner events into task results and the final per-host counts."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.progress = progress
        self.failures: list[TaskResult] = []
        self.changes: list[TaskResult] = []
        self.stats: dict[str, dict[str, int]] = {}

    def __call__(self, event: dict[str, Any]) -> bool:
        kind = event.get("event", "")
        data = event.get("event_data") or {}
        if kind == "playbook_on_stats":
            for key in ("ok", "changed", "failures", "dark", "skipped"):
                for host, count in (data.get(key) or {}).items():
                    self.stats.setdefault(host, {})[key] = int(count)
            return True
        status = _EVENT_STATUS.get(kind)
        if status is None:
            return True
        res = data.get("res") or {}
        # no_log results are censored; the rendered line still says whether the task changed.
        if status == "ok" and (
            res.get("changed") or str(event.get("stdout", "")).lstrip().startswith("changed")
        ):
            status = "changed"
        result = TaskResult(
            host=str(data.get("host") or data.get("remote_addr") or "?"),
            task=str(data.get("task") or "").strip(),
            role=data.get("role") or None,
            status=status,
            message=_message(res) if status in ("failed", "unreachable") else None,
        )
        if status in ("failed", "unreachable") and not data.get("ignore_errors"):
            self.failures.append(result)
        elif status == "changed":
            self.changes.append(result)
        if self.progress is not None:
            self.progress(result)
        return True

    def hosts(self) -> list[HostSummary]:
        return [
            HostSummary(
                host=host,
                ok=counts.get("ok", 0),
                changed=counts.get("changed", 0),
                failed=counts.get("failures", 0),
                unreachable=counts.get("dark", 0),
                skipped=counts.get("skipped", 0),
            )
            for host, counts in sorted(self.stats.items())
        ]


def default_playbook() -> Path:
    """evac's ``site.yml``."""
    return playbooks_dir() / "site.yml"


def run_playbook(
    inventory: Path,
    run_dir: Path,
    *,
    playbook: Path | None = None,
    check: bool = False,
    limit: str | None = None,
    extravars: Mapping[str, Any] | None = None,
    progress: ProgressCallback | None = None,
    raise_on_failure: bool = True,
) -> PlaybookSummary:
    """Run ``playbook`` (default ``site.yml``) against ``inventory``; artifacts go under ``run_dir``.

    ``check`` makes it a dry run (``--check --diff``); ``limit`` restricts hosts or groups.
    Raises :class:`PlaybookFailed` when a host fails or is unreachable (unless ``raise_on_failure``
    is false) and :class:`~toolkit.errors.InputError` when the inventory or playbook is missing.
    """
    import ansible_runner  # lazy: importing ansible is slow and only provisioning needs it

    playbook = (playbook or default_playbook()).resolve()
    inventory = inventory.resolve()
    if not playbook.is_file():
        raise InputError(f"{playbook}: no such playbook")
    if not inventory.exists():
        raise InputError(f"{inventory}: no such inventory")
    run_dir = run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    ident = f"{'check' if check else 'apply'}-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    collector = _EventCollector(progress)
    cmdline = "--check --diff" if check else None
    envvars = {"ANSIBLE_CONFIG": str(playbook.parent / "ansible.cfg"), "ANSIBLE_NOCOLOR": "1"}
    started = time.monotonic()
    runner = ansible_runner.run(
        private_data_dir=str(run_dir),
        project_dir=str(playbook.parent),
        playbook=str(playbook),
        inventory=str(inventory),
        ident=ident,
        limit=limit,
        cmdline=cmdline,
        extravars=dict(extravars or {}),
        envvars={**envvars, "HOME": os.environ.get("HOME", "/root")},
        event_handler=collector,
        quiet=True,
        suppress_env_files=True,
    )
    summary = PlaybookSummary(
        playbook=str(playbook),
        check=check,
        status=str(runner.status),
        rc=runner.rc,
        seconds=round(time.monotonic() - started, 3),
        artifacts=str(run_dir / "artifacts" / ident),
        hosts=collector.hosts(),
        failures=collector.failures,
        changes=collector.changes,
    )
    if raise_on_failure and not summary.succeeded:
        raise PlaybookFailed(summary)
    return summary
