"""The variables a target module gets: var files, command-line options and the plan, merged.

The target-module contract (``terraform/targets/README.md``) needs ``name``, ``region``, ``ssh_keys``
and ``roles``. Values come, later ones winning, from ``--var-file`` files (JSON, ``.tfvars.json`` or
HCL ``.tfvars``), then ``--name``/``--region``/``--ssh-key``; ``roles`` is derived from the plan's
groups when no var file sets it. Variables outside the contract (a database password, say) are
passed on but treated as secrets: their values are redacted from every log line and never journaled.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field

from ..errors import InputError

Size = Literal["small", "medium", "large"]
REQUIRED = ("name", "region", "ssh_keys", "roles")
# The contract's variables: none of them holds a secret, so their values may be shown.
CONTRACT = frozenset(
    {"name", "region", "ssh_keys", "roles", "image", "size_overrides", "network_cidr", "admin_cidrs"}
)
_KEY_PREFIXES = ("ssh-", "ecdsa-", "sk-ssh-", "sk-ecdsa-")


class TerraformOptions(BaseModel):
    """What the user said about the Terraform side of ``evac provision``."""

    var_files: list[Path] = Field(default_factory=list)
    name: str | None = None
    region: str | None = None
    ssh_keys: list[Path] = Field(default_factory=list)
    size: Size = "small"
    mirror: Path | None = Field(default=None, description="filesystem provider mirror (else the CLI config)")


class ModuleVariables(BaseModel):
    """The merged variables, where each came from, and the values to keep out of logs."""

    values: dict[str, Any]
    sources: dict[str, str]
    secrets: list[str] = Field(default_factory=list)

    def journal_detail(self) -> dict[str, Any]:
        """What may be journaled: names and sources of everything, values of the contract only."""
        shown: dict[str, Any] = {n: self.values[n] for n in ("name", "region", "roles") if n in self.values}
        return {"variables": dict(sorted(self.sources.items())), **shown}


def read_var_file(path: Path) -> dict[str, Any]:
    """A var file as a dict: JSON when it parses as JSON (``*.json``), else HCL ``.tfvars``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read var file ({exc.strerror})") from exc
    if path.suffix == ".json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    else:
        document = _read_hcl(path, text)
    if not isinstance(document, dict):
        raise InputError(f"{path}: a var file must be an object of variable names to values")
    return document


def _read_hcl(path: Path, text: str) -> dict[str, Any]:
    import hcl2  # lazy: only HCL var files need it

    try:
        document = hcl2.loads(text)
    except Exception as exc:  # the parser raises lark's many error types
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: not a valid .tfvars file ({first})") from exc
    return {name: _unquote(value) for name, value in document.items() if not name.startswith("__")}


def _unquote(value: Any) -> Any:
    """python-hcl2 keeps string literals quoted (``'"shop"'``); turn them back into plain strings."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value[1:-1]
    if isinstance(value, list):
        return [_unquote(item) for item in value]
    if isinstance(value, dict):
        return {key: _unquote(item) for key, item in value.items() if not key.startswith("__")}
    return value


def read_public_keys(path: Path) -> list[str]:
    """The OpenSSH public keys in a file (one per line, like ``authorized_keys``)."""
    try:
        text = path.expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--ssh-key {path}: cannot read ({exc.strerror})") from exc
    if "PRIVATE KEY" in text:
        raise InputError(
            f"--ssh-key {path}: this is a private key", hint=f"pass the public key, e.g. {path}.pub"
        )
    keys = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    bad = [key for key in keys if not key.startswith(_KEY_PREFIXES)]
    if not keys or bad:
        raise InputError(
            f"--ssh-key {path}: not an OpenSSH public key", hint="expected lines like 'ssh-ed25519 AAAA...'"
        )
    return keys


def derived_roles(groups: Iterable[str], size: Size) -> dict[str, dict[str, Any]]:
    """One host of ``size`` per inventory group the plan needs."""
    return {group: {"count": 1, "size": size} for group in groups}


def module_variables(options: TerraformOptions, groups: Sequence[str]) -> ModuleVariables:
    """Merge var files, options and the plan's groups; fail naming what is missing."""
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for path in options.var_files:
        for name, value in read_var_file(path).items():
            values[name] = value
            sources[name] = str(path)
    for name, value in (("name", options.name), ("region", options.region)):
        if value is not None:
            values[name] = value
            sources[name] = f"--{name}"
    if options.ssh_keys:
        values["ssh_keys"] = [key for path in options.ssh_keys for key in read_public_keys(path)]
        sources["ssh_keys"] = "--ssh-key"
    if "roles" not in values:
        values["roles"] = derived_roles(groups, options.size)
        sources["roles"] = f"plan (1 {options.size} host per group)"
    missing = [name for name in REQUIRED if name not in values or values[name] in (None, "", [])]
    if missing:
        raise InputError(
            f"the target module needs {', '.join(missing)}",
            hint="pass --var-file FILE, or --name, --region and --ssh-key PATH",
        )
    secrets = [
        leaf for name, value in values.items() if name not in CONTRACT for leaf in scalar_leaves(value)
    ]
    return ModuleVariables(values=values, sources=sources, secrets=secrets)


def scalar_leaves(value: Any) -> list[str]:
    """Every scalar inside a Terraform value (variable or output), as strings, for redaction."""
    if isinstance(value, Mapping):
        return [leaf for item in value.values() for leaf in scalar_leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in scalar_leaves(item)]
    return [] if value is None or isinstance(value, bool) else [str(value)]
