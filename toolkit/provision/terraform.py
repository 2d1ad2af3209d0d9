"""Run a Terraform (or OpenTofu) module inside a run directory, through python-terraform.

A :class:`TerraformRun` copies the module into ``<run_dir>/module``, keeps the state
(``<run_dir>/terraform.tfstate``, via a local backend override), the saved plan and a redacted log
(``<run_dir>/terraform.log``) in the run directory, and streams every output line to a callback.
It is a dry run unless asked to apply: :meth:`TerraformRun.run` plans, and applies only with
``apply=True``. Outputs become hosts (:func:`hosts_from_outputs`) and an Ansible inventory
(:func:`ansible_inventory`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from python_terraform import IsFlagged, IsNotFlagged, Terraform
from rich.console import Console

from ..errors import ApplyError, InputError
from .tfvars import scalar_leaves

LineCallback = Callable[[str], None]

BINARY_ENV = "EVAC_TERRAFORM_BIN"
BINARIES = ("terraform", "tofu")
STATE_FILE = "terraform.tfstate"
PLAN_FILE = "plan.tfplan"
LOG_FILE = "terraform.log"
CLI_CONFIG_FILE = "terraform.rc"
MODULE_DIR = "module"
BACKEND_OVERRIDE = "evac_backend_override.tf"
VARS_FILE = "evac.auto.tfvars.json"
TAIL_LINES = 20
REDACTED = "***"
STOP_GRACE_SECONDS = 60.0
_SECRET_ENV_MARKERS = ("SECRET", "TOKEN", "PASSWORD", "KEY")
_MODULE_IGNORE = shutil.ignore_patterns(".terraform", "*.tfstate", "*.tfstate.*", ".terraform.lock.hcl")


class Host(BaseModel):
    """One machine of a target estate, as the ``hosts`` output of every target module lists it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    public_address: str | None = None
    private_address: str | None = None

    @property
    def address(self) -> str:
        """The address Ansible connects to: public if there is one, else private."""
        address = self.public_address or self.private_address
        if not address:
            raise InputError(f"host {self.name!r} has neither a public nor a private address")
        return address


class ResourceChange(BaseModel):
    """One resource a plan would touch."""

    address: str
    type: str
    actions: list[str]


class PlanSummary(BaseModel):
    """What a plan would do, without any attribute values (they may hold secrets)."""

    changed: bool
    changes: list[ResourceChange] = Field(default_factory=list)

    def count(self, action: str) -> int:
        """How many resources the plan would ``create``, ``update`` or ``delete``."""
        return sum(1 for change in self.changes if action in change.actions)


class RunResult(BaseModel):
    """The outcome of :meth:`TerraformRun.run`."""

    applied: bool
    plan: PlanSummary
    outputs: dict[str, Any] = Field(default_factory=dict)


def find_binary(override: str | None = None) -> str:
    """The Terraform-compatible binary: ``override``, ``$EVAC_TERRAFORM_BIN``, ``terraform``, ``tofu``."""
    wanted = override or os.environ.get(BINARY_ENV)
    candidates = (wanted,) if wanted else BINARIES
    for candidate in candidates:
        found = shutil.which(candidate)
        if found:
            return found
    raise InputError(
        f"no Terraform binary found (looked for {', '.join(candidates)})",
        hint=f"install terraform or tofu, or set {BINARY_ENV}",
    )


def write_cli_config(path: Path, mirror: Path | None, plugin_cache: Path | None = None) -> Path:
    """Write a CLI config file; with ``mirror`` providers come only from that filesystem mirror."""
    lines: list[str] = []
    if plugin_cache is not None:
        plugin_cache.mkdir(parents=True, exist_ok=True)
        lines.append(f"plugin_cache_dir = {json.dumps(str(plugin_cache))}")
    if mirror is not None:
        if not mirror.is_dir():
            raise InputError(f"provider mirror {mirror} is not a directory")
        lines += [
            "provider_installation {",
            "  filesystem_mirror {",
            f"    path = {json.dumps(str(mirror))}",
            "  }",
            "}",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Redactor:
    """Replaces known secret values with ``***`` in anything shown or logged."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        """Remember more secret values (empty and very short strings are ignored)."""
        self._secrets.update(secret for secret in secrets if len(secret) >= 4)

    def __call__(self, text: str) -> str:
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, REDACTED)
        return text


def console_printer(console: Console) -> LineCallback:
    """A line callback that prints Terraform output, dimmed, without interpreting markup."""

    def _print(line: str) -> None:
        console.print(line, style="dim", markup=False, highlight=False)

    return _print


class TerraformRun:
    """One module, one run directory: init, plan, apply, destroy, outputs."""

    def __init__(
        self,
        module: Path,
        run_dir: Path,
        *,
        variables: Mapping[str, Any] | None = None,
        secret_variables: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        mirror: Path | None = None,
        plugin_cache: Path | None = None,
        binary: str | None = None,
        on_line: LineCallback | None = None,
    ) -> None:
        if not module.is_dir() or not any(module.glob("*.tf")):
            raise InputError(f"{module} is not a Terraform module (no *.tf files)")
        self.module = module
        self.run_dir = run_dir
        self.variables = dict(variables or {})
        self.env = dict(env or {})
        self.mirror = mirror
        self.plugin_cache = plugin_cache
        self.binary = find_binary(binary)
        self.on_line = on_line
        self.redact = Redactor(self._secret_values(secret_variables))
        self.workdir = run_dir / MODULE_DIR
        self.state_path = run_dir / STATE_FILE
        self.plan_path = run_dir / PLAN_FILE
        self.log_path = run_dir / LOG_FILE
        self._tf = Terraform(working_dir=str(self.workdir), terraform_bin_path=self.binary)
        self._initialised = False

    def _secret_values(self, secret_variables: Sequence[str]) -> list[str]:
        values = [str(self.variables[name]) for name in secret_variables if name in self.variables]
        values += [
            value
            for name, value in self.env.items()
            if any(marker in name.upper() for marker in _SECRET_ENV_MARKERS)
        ]
        return values

    # -- preparation -------------------------------------------------------------------------

    def prepare(self) -> None:
        """Copy the module into the run directory and write the backend, variables and CLI config."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        if self.workdir.exists():
            for item in self.workdir.iterdir():
                if item.name != ".terraform" and item.name != ".terraform.lock.hcl":
                    shutil.rmtree(item) if item.is_dir() else item.unlink()
        shutil.copytree(self.module, self.workdir, ignore=_MODULE_IGNORE, dirs_exist_ok=True)
        (self.workdir / BACKEND_OVERRIDE).write_text(
            'terraform {\n  backend "local" {}\n}\n', encoding="utf-8"
        )
        vars_path = self.workdir / VARS_FILE
        fd = os.open(vars_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.variables, handle, indent=2, default=str)
        write_cli_config(self.run_dir / CLI_CONFIG_FILE, self.mirror, self.plugin_cache)

    def _environment(self) -> dict[str, str]:
        env = os.environ.copy()
        env.update(self.env)
        env.update({"TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"})
        # Our CLI config only when asked for a mirror or cache; else the user's (TF_CLI_CONFIG_FILE,
        # ~/.terraformrc) decides where providers come from.
        if self.mirror is not None or (self.plugin_cache is not None and "TF_CLI_CONFIG_FILE" not in env):
            env["TF_CLI_CONFIG_FILE"] = str(self.run_dir / CLI_CONFIG_FILE)
        elif self.plugin_cache is not None:
            env["TF_PLUGIN_CACHE_DIR"] = str(self.plugin_cache)
        env.pop("TF_LOG", None)
        return env

    # -- commands ----------------------------------------------------------------------------

    def init(self) -> None:
        """``init`` against the local backend in the run directory (providers from the mirror if set)."""
        self.prepare()
        self._run(
            "init",
            input=False,
            no_color=IsFlagged,
            backend_config={"path": str(self.state_path.resolve())},
            reconfigure=IsFlagged,
        )
        self._initialised = True

    def validate(self) -> None:
        """``terraform validate``: the module is internally consistent (needs its providers)."""
        self._ensure_init()
        self._run("validate", no_color=IsFlagged)

    def plan(self, *, destroy: bool = False) -> PlanSummary:
        """Save a plan in the run directory and summarise it (addresses and actions only)."""
        self._ensure_init()
        code = self._run(
            "plan",
            input=False,
            no_color=IsFlagged,
            detailed_exitcode=IsFlagged,
            destroy=IsFlagged if destroy else IsNotFlagged,
            out=str(self.plan_path.resolve()),
            ok_codes=(0, 2),
        )
        return self._summarise(changed=code == 2)

    def apply(self) -> dict[str, Any]:
        """Apply the saved plan (making one first if there is none); returns the outputs."""
        if not self.plan_path.exists():
            self.plan()
        self._run(
            "apply", str(self.plan_path.resolve()), input=False, no_color=IsFlagged, auto_approve=IsFlagged
        )
        self.plan_path.unlink(missing_ok=True)
        return self.outputs()

    def destroy(self) -> None:
        """Destroy everything in the state (Terraform 1.x flags: ``-auto-approve``, not ``-force``)."""
        self._ensure_init()
        self._run("destroy", input=False, no_color=IsFlagged, auto_approve=IsFlagged)
        self.plan_path.unlink(missing_ok=True)

    def outputs(self) -> dict[str, Any]:
        """The module's outputs as ``{name: value}``; sensitive values are remembered for redaction."""
        self._ensure_init()
        lines: list[str] = []
        self._run("output", json=IsFlagged, no_color=IsFlagged, sink=lines.append, quiet=True)
        raw: dict[str, dict[str, Any]] = json.loads("\n".join(lines) or "{}")
        for item in raw.values():
            if item.get("sensitive"):
                self.redact.add(scalar_leaves(item.get("value")))
        return {name: item.get("value") for name, item in raw.items()}

    def run(self, *, apply: bool = False) -> RunResult:
        """Dry run by default: init and plan; with ``apply=True`` also apply and read the outputs."""
        self.init()
        summary = self.plan()
        if not apply:
            return RunResult(applied=False, plan=summary)
        return RunResult(applied=True, plan=summary, outputs=self.apply())

    # -- internals ---------------------------------------------------------------------------

    def _ensure_init(self) -> None:
        if not self._initialised:
            self.init()

    def _summarise(self, *, changed: bool) -> PlanSummary:
        lines: list[str] = []
        self._run(
            "show",
            str(self.plan_path.resolve()),
            json=IsFlagged,
            no_color=IsFlagged,
            sink=lines.append,
            quiet=True,
        )
        document = json.loads("\n".join(lines))
        changes = [
            ResourceChange(address=item["address"], type=item["type"], actions=item["change"]["actions"])
            for item in document.get("resource_changes", [])
            if item["change"]["actions"] not in (["no-op"], ["read"])
        ]
        return PlanSummary(changed=changed, changes=changes)

    def _run(
        self,
        command: str,
        *args: str,
        ok_codes: Sequence[int] = (0,),
        sink: LineCallback | None = None,
        quiet: bool = False,
        **options: Any,
    ) -> int:
        """Run one command, streaming redacted lines to the log and the callback; raise on failure.

        With ``sink`` stdout goes, unredacted, only to the sink (used for JSON the caller parses).
        """
        argv = self._tf.generate_cmd_string(command, *args, **options)
        shown = self.redact(" ".join([Path(argv[0]).name, *argv[1:]]))
        stderr_tail: deque[str] = deque(maxlen=TAIL_LINES)
        with self.log_path.open("a", encoding="utf-8", buffering=1) as log:
            log.write(f"$ {shown}\n")
            process = subprocess.Popen(
                argv,
                cwd=self.workdir,
                env=self._environment(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                bufsize=1,
            )
            assert process.stdout is not None and process.stderr is not None
            lock = threading.Lock()

            def emit(line: str, *, is_stderr: bool) -> None:
                clean = self.redact(line.rstrip("\n"))
                with lock:
                    log.write(clean + "\n")
                    if is_stderr:
                        stderr_tail.append(clean)
                    if self.on_line is not None and not quiet:
                        self.on_line(clean)

            reader = threading.Thread(target=_pump, args=(process.stderr, lambda s: emit(s, is_stderr=True)))
            reader.start()
            stdout_handler: LineCallback = sink if sink is not None else (lambda s: emit(s, is_stderr=False))
            try:
                _pump(process.stdout, (lambda s: stdout_handler(s.rstrip("\n"))) if sink else stdout_handler)
                code = process.wait()
            except BaseException:
                _stop(process)  # Ctrl-C or a failing callback: let terraform save its state first
                log.write("[interrupted]\n")
                raise
            finally:
                reader.join()
            log.write(f"[exit {code}]\n")
        if code not in ok_codes:
            tail = "\n".join(stderr_tail) or "(no output on stderr)"
            raise ApplyError(
                f"`{shown}` failed with exit code {code}:\n{tail}",
                hint=f"full log: {self.log_path}",
            )
        return code


def _pump(stream: IO[str], handler: LineCallback) -> None:
    for line in stream:
        handler(line)


def _stop(process: subprocess.Popen[str], grace: float = STOP_GRACE_SECONDS) -> None:
    """Interrupt terraform as Ctrl-C would (it stops cleanly, writing state), kill it after ``grace``."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    killer = threading.Timer(grace, process.kill)
    killer.start()
    try:
        assert process.stdout is not None
        for _ in process.stdout:  # drain, so terraform never blocks writing to a full pipe
            pass
        process.wait()
    finally:
        killer.cancel()


# -- outputs to inventory --------------------------------------------------------------------


def hosts_from_outputs(outputs: Mapping[str, Any]) -> list[Host]:
    """The ``hosts`` output as :class:`Host` objects.

    Accepts ``{name: value}`` (as :meth:`TerraformRun.outputs` returns) or the raw
    ``terraform output -json`` shape ``{name: {"value": ..., "type": ..., "sensitive": ...}}``.
    """
    if "hosts" not in outputs:
        raise InputError(
            "terraform outputs have no `hosts` output", hint="every target module must declare it"
        )
    value = outputs["hosts"]
    if isinstance(value, Mapping) and "value" in value:
        value = value["value"]
    if not isinstance(value, list):
        raise InputError(f"terraform output `hosts` must be a list of objects, got {type(value).__name__}")
    hosts: list[Host] = []
    for index, item in enumerate(value):
        try:
            hosts.append(Host.model_validate(item))
        except ValidationError as exc:
            fields = ", ".join(".".join(str(p) for p in err["loc"]) for err in exc.errors())
            raise InputError(f"terraform output `hosts[{index}]` is invalid: {fields}") from exc
    names = [host.name for host in hosts]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise InputError(f"terraform output `hosts` repeats names: {', '.join(duplicates)}")
    return hosts


def ansible_inventory(hosts: Sequence[Host], *, ssh_user: str | None = None) -> dict[str, Any]:
    """An Ansible YAML inventory: one group per role under ``all``, ``ansible_host`` per host."""
    groups: dict[str, dict[str, Any]] = {}
    for host in sorted(hosts, key=lambda h: (h.role, h.name)):
        entry: dict[str, Any] = {"ansible_host": host.address}
        if host.public_address:
            entry["public_address"] = host.public_address
        if host.private_address:
            entry["private_address"] = host.private_address
        groups.setdefault(host.role, {"hosts": {}})["hosts"][host.name] = entry
    inventory: dict[str, Any] = {"all": {"children": groups}}
    if ssh_user:
        inventory["all"]["vars"] = {"ansible_user": ssh_user}
    return inventory
