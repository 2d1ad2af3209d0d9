"""Real test hosts: network namespaces with their own address and sshd (scripts/netns-host).

A namespace shares this machine's filesystem, so roles applied to it install packages and write
configuration here; the inventories built below move what they can (secrets, firewall file, zone
database, PostgreSQL cluster name) to test-only places, and the teardown removes what would
otherwise outlive the namespace. Without root or namespace support these tests fail, they do not skip.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "netns-host"


class NetnsHost(BaseModel):
    """A host made by scripts/netns-host."""

    name: str
    namespace: str
    address: str
    gateway: str
    private_key: str
    public_key: str
    dir: str

    def inventory_host(self) -> dict[str, Any]:
        """Connection variables for an Ansible inventory."""
        return {
            "ansible_host": self.address,
            "ansible_user": "root",
            "ansible_ssh_private_key_file": self.private_key,
            "ansible_python_interpreter": "/usr/bin/python3",
        }

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command inside the host's namespace."""
        return subprocess.run(
            ["ip", "netns", "exec", self.namespace, *command], check=check, text=True, capture_output=True
        )


def require_netns() -> None:
    """Fail loudly when this machine cannot make namespaces (these tests must not pass by skipping)."""
    if os.geteuid() != 0:
        pytest.fail("provisioning tests need root to create network namespaces", pytrace=False)
    for tool in ("ip", "/usr/sbin/sshd", "ssh-keygen"):
        if shutil.which(tool) is None:
            pytest.fail(f"provisioning tests need {tool} (apt-get install iproute2 openssh-server)")
    probe = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail(f"cannot use network namespaces: {probe.stderr.strip()}", pytrace=False)


def write_inventory(
    path: Path, hosts: dict[str, tuple[NetnsHost, list[str]]], variables: dict[str, Any]
) -> Path:
    """An Ansible YAML inventory: each host with its connection variables, in its groups."""
    groups: dict[str, dict[str, Any]] = {}
    for name, (_host, host_groups) in hosts.items():
        for group in host_groups:
            groups.setdefault(group, {"hosts": {}})["hosts"][name] = None
    document = {
        "all": {
            "vars": variables,
            "hosts": {name: host.inventory_host() for name, (host, _) in hosts.items()},
            "children": groups,
        }
    }
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


@pytest.fixture(scope="session")
def inventory_writer() -> Callable[..., Path]:
    """:func:`write_inventory`, for test modules (conftest is not importable from them)."""
    return write_inventory


@pytest.fixture(scope="module")
def netns_hosts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], NetnsHost]]:
    """A factory of namespace hosts; every host it made is destroyed at the end of the module."""
    require_netns()
    # Namespace hosts share this machine's /etc: one module at a time, even under pytest-xdist.
    with Path("/run/lock/evac-netns-tests.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        made: list[str] = []

        def make(label: str) -> NetnsHost:
            name = f"{label}{uuid.uuid4().hex[:4]}"
            directory = tmp_path_factory.mktemp(f"netns-{label}")
            result = subprocess.run(
                [str(SCRIPT), "create", name, "--dir", str(directory)], capture_output=True, text=True
            )
            if result.returncode != 0:
                pytest.fail(f"netns-host create failed: {result.stderr.strip()}", pytrace=False)
            made.append(name)
            return NetnsHost.model_validate(json.loads(result.stdout))

        try:
            yield make
        finally:
            for name in made:
                subprocess.run([str(SCRIPT), "destroy", name], capture_output=True, text=True)
