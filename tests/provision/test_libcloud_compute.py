"""ComputeTarget: node lifecycle on libcloud's dummy driver, and DigitalOcean v2 from recorded responses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from libcloud.compute.drivers.digitalocean import DigitalOcean_v2_NodeDriver
from libcloud.test import MockHttp
from libcloud.utils.py3 import httplib

from toolkit.errors import CredentialsError, InputError
from toolkit.provision.libcloud import ComputeTarget, Credentials, NodeSpec

FIXTURES = Path(__file__).parent / "fixtures_libcloud" / "digitalocean"
TOKEN = "do-token-1f2e3d4c5b6a"


def test_dummy_lifecycle_is_dry_run_until_told() -> None:
    target = ComputeTarget("dummy", Credentials(key="0"))
    before = {n.name for n in target.list_nodes()}
    assert before == {"dummy-1", "dummy-2"}

    planned = target.create_node(NodeSpec(name="standby-web-1", size="1", image="1"))
    assert planned.applied is False and planned.action == "create"
    assert {n.name for n in target.list_nodes()} == before  # nothing created

    target.dry_run = False
    created = target.create_node(NodeSpec(name="standby-web-1", size="1", image="1"))
    assert created.applied and created.detail["public_ips"] == ["127.0.0.3"]
    # The dummy driver names nodes itself (dummy-N); the change reports the name it got.
    assert created.detail["node_name"] == "dummy-3"
    nodes = {n.id: n for n in target.list_nodes()}
    assert nodes[created.detail["id"]].state == "running"

    destroyed = target.destroy_node(created.detail["id"])
    assert destroyed.applied and destroyed.detail == {"id": created.detail["id"]}
    assert {n.name for n in target.list_nodes()} == before


def test_unknown_provider_size_or_node_is_bad_input() -> None:
    with pytest.raises(InputError, match="unknown libcloud compute provider 'nowhere-cloud'"):
        _ = ComputeTarget("nowhere-cloud", Credentials(key="x")).driver
    target = ComputeTarget("dummy", Credentials(key="0"))
    with pytest.raises(InputError, match="has no size 'xxl'"):
        target.create_node(NodeSpec(name="a", size="xxl", image="1"))
    with pytest.raises(InputError, match="no node named or with id 'ghost'"):
        target.destroy_node("ghost")


class DigitalOceanRecorded(MockHttp):  # type: ignore[misc]
    """DigitalOcean API v2 answers, written from the API reference; records what was sent."""

    sent: list[tuple[str, str, Any]] = []

    def _reply(self, name: str, status: int = httplib.OK) -> tuple[int, str, dict[str, str], str]:
        body = (FIXTURES / f"{name}.json").read_text()
        return status, body, {"content-type": "application/json"}, httplib.responses[status]

    def _check_auth(self, headers: dict[str, str]) -> bool:
        return headers.get("Authorization") == f"Bearer {TOKEN}"

    def _v2_regions(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
        return self._reply("list_regions")

    def _v2_sizes(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
        return self._reply("list_sizes")

    def _v2_images(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
        return self._reply("list_images")

    def _v2_droplets(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
        if not self._check_auth(headers):
            return (
                httplib.UNAUTHORIZED,
                '{"id": "Unauthorized", "message": "Unable to authenticate you"}',
                {"content-type": "application/json"},
                "Unauthorized",
            )
        type(self).sent.append((method, url, json.loads(body) if body else None))
        if method == "POST":
            return self._reply("create_droplet", httplib.ACCEPTED)
        return self._reply("list_droplets")

    def _v2_droplets_401(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
        type(self).sent.append((method, url, None))
        return httplib.NO_CONTENT, "", {}, "No Content"


@pytest.fixture
def recorded_do() -> Iterator[type[DigitalOceanRecorded]]:
    connection = DigitalOcean_v2_NodeDriver.connectionCls
    saved = connection.conn_class
    connection.conn_class = DigitalOceanRecorded
    DigitalOceanRecorded.sent = []
    try:
        yield DigitalOceanRecorded
    finally:
        connection.conn_class = saved


def test_digitalocean_create_list_destroy_through_the_real_driver(
    recorded_do: type[DigitalOceanRecorded],
) -> None:
    target = ComputeTarget("digital_ocean", Credentials(key=TOKEN), dry_run=False)
    nodes = target.list_nodes()
    assert [(n.name, n.public_ips, n.private_ips, n.size) for n in nodes] == [
        ("standby-web-1", ["203.0.113.10"], ["10.60.1.10"], "s-1vcpu-2gb")
    ]

    spec = NodeSpec(
        name="standby-web-2",
        size="s-1vcpu-2gb",
        image="debian-12-x64",
        location="fra1",
        options={
            "ex_user_data": "#cloud-config\nssh_pwauth: false\n",
            "ex_create_attr": {"tags": ["evac"], "ipv6": True},
        },
    )
    created = target.create_node(spec)
    assert created.applied and created.detail["id"] == "402"
    method, _url, payload = recorded_do.sent[-1]
    assert method == "POST"
    assert payload == {
        "name": "standby-web-2",
        "size": "s-1vcpu-2gb",
        "image": "145013367",
        "region": "fra1",
        "user_data": "#cloud-config\nssh_pwauth: false\n",
        "tags": ["evac"],
        "ipv6": True,
    }

    destroyed = target.destroy_node("standby-web-1")
    assert destroyed.applied
    method, url, _ = recorded_do.sent[-1]
    assert (method, url.split("?")[0]) == ("DELETE", "/v2/droplets/401")


def test_digitalocean_dry_run_sends_no_write(recorded_do: type[DigitalOceanRecorded]) -> None:
    target = ComputeTarget("digital_ocean", Credentials(key=TOKEN))
    change = target.create_node(
        NodeSpec(name="x", size="s-2vcpu-4gb", image="debian-12-x64", location="fra1")
    )
    target.destroy_node("standby-web-1")
    assert change.applied is False and change.detail["size"] == "s-2vcpu-4gb"
    assert [m for m, _u, _b in recorded_do.sent] == ["GET"]  # only the lookup of the node to destroy


def test_digitalocean_rejected_token_is_a_credentials_error(recorded_do: type[DigitalOceanRecorded]) -> None:
    target = ComputeTarget("digital_ocean", Credentials(key="wrong-token"))
    with pytest.raises(CredentialsError) as caught:
        target.list_nodes()
    assert "wrong-token" not in str(caught.value)
    assert TOKEN not in repr(Credentials(key=TOKEN))
