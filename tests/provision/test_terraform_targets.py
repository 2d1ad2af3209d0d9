"""The target-module contract: every terraform/targets/<provider>/ has the same inputs and outputs.

Only the AWS provider is mirrored here, so the AWS module is validated (and applied against moto) by
the real terraform binary; the others are parsed with python-hcl2 and checked resource by resource.
The shared logic (hosts per role, ports per role, cloud-init) runs in the real binary on its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import hcl2
import pytest
import yaml
from tf_fixtures import MIRROR, REPO, TARGET_PROVIDERS, TARGETS

from toolkit.context import AwsAccess
from toolkit.provision.terraform import TerraformRun, ansible_inventory, find_binary, hosts_from_outputs

SOURCES = {
    "aws": "hashicorp/aws",
    "digitalocean": "digitalocean/digitalocean",
    "hetzner": "hetznercloud/hcloud",
    "openstack": "terraform-provider-openstack/openstack",
    "scaleway": "scaleway/scaleway",
}
# Resource types each module must use, with the arguments they must set (real provider schemas).
RESOURCES: dict[str, dict[str, set[str]]] = {
    "aws": {
        "aws_vpc": {"cidr_block"},
        "aws_subnet": {"vpc_id", "cidr_block"},
        "aws_security_group": {"vpc_id", "ingress", "egress"},
        "aws_key_pair": {"key_name", "public_key"},
        "aws_instance": {"ami", "instance_type", "subnet_id", "vpc_security_group_ids", "user_data"},
    },
    "hetzner": {
        "hcloud_ssh_key": {"name", "public_key"},
        "hcloud_network": {"name", "ip_range"},
        "hcloud_network_subnet": {"network_id", "type", "network_zone", "ip_range"},
        "hcloud_firewall": {"name", "rule"},
        "hcloud_server": {
            "name",
            "server_type",
            "image",
            "location",
            "ssh_keys",
            "firewall_ids",
            "network",
            "user_data",
        },
    },
    "digitalocean": {
        "digitalocean_ssh_key": {"name", "public_key"},
        "digitalocean_vpc": {"name", "region", "ip_range"},
        "digitalocean_droplet": {"name", "size", "image", "region", "vpc_uuid", "ssh_keys", "user_data"},
        "digitalocean_firewall": {"name", "droplet_ids", "inbound_rule", "outbound_rule"},
    },
    "openstack": {
        "openstack_compute_keypair_v2": {"name", "public_key"},
        "openstack_networking_network_v2": {"name"},
        "openstack_networking_subnet_v2": {"network_id", "cidr", "ip_version"},
        "openstack_networking_secgroup_v2": {"name"},
        "openstack_networking_secgroup_rule_v2": {
            "direction",
            "ethertype",
            "protocol",
            "port_range_min",
            "port_range_max",
            "remote_ip_prefix",
            "security_group_id",
        },
        "openstack_compute_instance_v2": {
            "name",
            "flavor_name",
            "image_name",
            "key_pair",
            "security_groups",
            "network",
            "user_data",
        },
    },
    "scaleway": {
        "scaleway_iam_ssh_key": {"name", "public_key"},
        "scaleway_vpc_private_network": {"name"},
        "scaleway_instance_security_group": {"inbound_default_policy", "inbound_rule"},
        "scaleway_instance_ip": set(),
        "scaleway_instance_server": {
            "name",
            "type",
            "image",
            "ip_id",
            "security_group_id",
            "private_network",
            "user_data",
        },
    },
}
CONTRACT_LOCALS = {"provider_name", "ssh_user", "sizes", "network_id", "host_list"}


def unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] == '"' else text


def parse_module(provider: str) -> dict[str, list[Any]]:
    """All top-level blocks of a module, merged over its *.tf files (python-hcl2)."""
    merged: dict[str, list[Any]] = {}
    for path in sorted((TARGETS / provider).glob("*.tf")):
        with path.open(encoding="utf-8") as handle:
            for key, blocks in hcl2.load(handle).items():
                merged.setdefault(key, []).extend(blocks)
    return merged


def variables(module: dict[str, list[Any]]) -> dict[str, str]:
    return {
        unquote(name): re.sub(r"\s+", "", str(body["type"]))
        for block in module["variable"]
        for name, body in block.items()
    }


def outputs(module: dict[str, list[Any]]) -> set[str]:
    return {unquote(name) for block in module["output"] for name in block}


def resources(module: dict[str, list[Any]]) -> dict[str, set[str]]:
    """Resource type -> the arguments and blocks it sets (``dynamic "x"`` blocks count as ``x``)."""
    found: dict[str, set[str]] = {}
    for block in module.get("resource", []):
        for rtype, named in block.items():
            for body in named.values():
                names = set(body) | {unquote(label) for dyn in body.get("dynamic", []) for label in dyn}
                found.setdefault(unquote(rtype), set()).update(names)
    return found


@pytest.fixture(scope="module")
def modules() -> dict[str, dict[str, list[Any]]]:
    return {provider: parse_module(provider) for provider in TARGET_PROVIDERS}


def test_every_provider_has_a_target_module() -> None:
    present = sorted(p.name for p in TARGETS.iterdir() if p.is_dir())
    assert present == sorted(TARGET_PROVIDERS)


def test_same_variables_with_same_types(modules: dict[str, dict[str, list[Any]]]) -> None:
    reference = variables(modules["aws"])
    assert set(reference) == {
        "name",
        "region",
        "ssh_keys",
        "roles",
        "image",
        "size_overrides",
        "network_cidr",
        "admin_cidrs",
    }
    assert reference["roles"] == "${map(object({count=number,size=string}))}"
    assert reference["ssh_keys"] == "${list(string)}"
    for provider, module in modules.items():
        assert variables(module) == reference, provider


def test_same_outputs(modules: dict[str, dict[str, list[Any]]]) -> None:
    for provider, module in modules.items():
        assert outputs(module) == {"hosts", "network_id", "ssh_user", "provider", "region"}, provider


def test_shared_files_are_identical() -> None:
    for name in ("variables.tf", "outputs.tf", "common.tf"):
        texts = {(TARGETS / provider / name).read_text() for provider in TARGET_PROVIDERS}
        assert len(texts) == 1, f"{name} differs between target modules"


def test_provider_sources_and_resources(modules: dict[str, dict[str, list[Any]]]) -> None:
    for provider, module in modules.items():
        (terraform,) = module["terraform"]
        (required,) = terraform["required_providers"]
        sources = {unquote(spec["source"]) for name, spec in required.items() if name != "__is_block__"}
        assert sources == {SOURCES[provider]}, provider
        found = resources(module)
        for rtype, arguments in RESOURCES[provider].items():
            assert rtype in found, f"{provider}: no {rtype}"
            missing = arguments - found[rtype]
            assert not missing, f"{provider}: {rtype} lacks {sorted(missing)}"
        unexpected = {r for r in found if not r.startswith(next(iter(RESOURCES[provider])).split("_")[0])}
        assert not unexpected, f"{provider}: foreign resource types {unexpected}"


def test_each_module_maps_every_size_class_and_defines_contract_locals(
    modules: dict[str, dict[str, list[Any]]],
) -> None:
    for provider, module in modules.items():
        local_names = {name for block in module["locals"] for name in block if name != "__is_block__"}
        assert local_names >= CONTRACT_LOCALS, provider
        sizes = next(block["sizes"] for block in module["locals"] if "sizes" in block)
        for size in ("small", "medium", "large"):
            assert re.search(rf"\b{size}\s*=\s*\"[\w.-]+\"", sizes), f"{provider}: no {size} size"
        assert "var.size_overrides" in sizes


def test_firewalls_open_only_ssh_web_and_role_ports() -> None:
    common = (TARGETS / "aws" / "common.tf").read_text()
    assert "ssh_pwauth: false" in common and "PasswordAuthentication no" in common
    for provider in TARGET_PROVIDERS:
        text = (TARGETS / provider / "main.tf").read_text()
        numbers = {int(n) for n in re.findall(r"(?:port\w*|from_port|to_port)\s*=\s*\"?(\d+)(?![\d-])", text)}
        # 0 is AWS's "all ports" egress; 22 is SSH from admin_cidrs; everything else comes from common.tf.
        assert numbers <= {0, 22}, f"{provider}: hard-coded ports {numbers} outside the role tables"


@pytest.mark.slow
def test_terraform_fmt_check_is_clean() -> None:
    result = subprocess.run(
        [find_binary(), "fmt", "-check", "-recursive", "-diff", str(REPO / "terraform")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The shared logic on its own: variables.tf + common.tf + a stub for the per-provider locals.
LOGIC_STUB = """
locals {
  ssh_user = "evac"
}

output "hosts" {
  value = local.hosts
}

output "ports" {
  value = { public_tcp = local.public_tcp, public_udp = local.public_udp, private_tcp = local.private_tcp }
}

output "cloud_init" {
  value = local.cloud_init
}
"""


@pytest.mark.slow
def test_shared_logic_in_the_real_binary(tmp_path: Path) -> None:
    module = tmp_path / "logic"
    module.mkdir()
    for name in ("variables.tf", "common.tf"):
        shutil.copy(TARGETS / "aws" / name, module / name)
    (module / "stub.tf").write_text(LOGIC_STUB)
    run = TerraformRun(
        module,
        tmp_path / "run",
        variables={
            "name": "shop",
            "region": "fsn1",
            "ssh_keys": ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH1 ops@example"],
            "roles": {
                "web": {"count": 2, "size": "small"},
                "postgres": {"count": 1, "size": "large"},
                "dns": {"count": 1, "size": "small"},
                "app": {"count": 0, "size": "medium"},
            },
        },
    )
    outputs = run.run(apply=True).outputs
    assert outputs["hosts"] == {
        "shop-dns-1": {"role": "dns", "size": "small"},
        "shop-postgres-1": {"role": "postgres", "size": "large"},
        "shop-web-1": {"role": "web", "size": "small"},
        "shop-web-2": {"role": "web", "size": "small"},
    }
    # app has count 0: its private port 8000 stays closed.
    assert outputs["ports"] == {"public_tcp": [53, 80, 443], "public_udp": [53], "private_tcp": [5432]}
    cloud_init = yaml.safe_load(outputs["cloud_init"])
    assert cloud_init["ssh_pwauth"] is False and cloud_init["disable_root"] is True
    assert cloud_init["users"][0]["ssh_authorized_keys"] == [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH1 ops@example"
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"roles": {"cache": {"count": 1, "size": "small"}}}, "roles keys must be among"),
        ({"roles": {"web": {"count": 1, "size": "huge"}}}, "size small, medium or large"),
        ({"ssh_keys": ["not a key"]}, "needs at least one OpenSSH public key"),
        ({"name": "Bad_Name"}, "name must be 2-31 lowercase"),
    ],
)
def test_contract_rejects_bad_input(tmp_path: Path, variables: dict[str, Any], message: str) -> None:
    from toolkit.errors import ApplyError

    module = tmp_path / "logic"
    module.mkdir()
    for name in ("variables.tf", "common.tf"):
        shutil.copy(TARGETS / "aws" / name, module / name)
    (module / "stub.tf").write_text(LOGIC_STUB)
    base = {
        "name": "shop",
        "region": "x",
        "ssh_keys": ["ssh-ed25519 AAAA k"],
        "roles": {"web": {"count": 1, "size": "small"}},
    }
    with pytest.raises(ApplyError, match=message):
        TerraformRun(module, tmp_path / "run", variables={**base, **variables}).run()


# A real (throw-away) public key: the EC2 API checks the format.
OPS_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBTGiOvcbvJMfrE1jpOo3WVcnduY5y+eRQY/kV8XiJNw ops@example"
AWS_TARGET_VARS = {
    "name": "standby",
    "region": "eu-central-1",
    "ssh_keys": [OPS_KEY],
    "roles": {"web": {"count": 2, "size": "small"}, "postgres": {"count": 1, "size": "medium"}},
    "image": "ami-785db401",  # one of the AMIs moto knows (the module reads its root device)
}


@pytest.mark.slow
def test_aws_target_validates_with_the_mirrored_provider(tmp_path: Path) -> None:
    run = TerraformRun(TARGETS / "aws", tmp_path / "run", variables=AWS_TARGET_VARS, mirror=MIRROR)
    run.validate()
    assert "Success! The configuration is valid." in (tmp_path / "run" / "terraform.log").read_text()


@pytest.mark.slow
def test_aws_target_applies_against_moto_into_an_inventory(tmp_path: Path, moto_server: str) -> None:
    """A warm standby in another region: AWS_ENDPOINT_URL sends the provider to moto."""
    run = TerraformRun(
        TARGETS / "aws",
        tmp_path / "run",
        variables=AWS_TARGET_VARS,
        env={"AWS_ENDPOINT_URL": moto_server},
        mirror=MIRROR,
    )
    result = run.run(apply=True)
    hosts = hosts_from_outputs(result.outputs)
    assert sorted((h.name, h.role) for h in hosts) == [
        ("standby-postgres-1", "postgres"),
        ("standby-web-1", "web"),
        ("standby-web-2", "web"),
    ]
    assert all(h.private_address and h.private_address.startswith("10.60.1.") for h in hosts)
    assert result.outputs["provider"] == "aws" and result.outputs["network_id"].startswith("vpc-")
    inventory = ansible_inventory(hosts, ssh_user=result.outputs["ssh_user"])
    assert set(inventory["all"]["children"]) == {"web", "postgres"}
    assert inventory["all"]["vars"] == {"ansible_user": "evac"}
    run.destroy()
    ec2 = AwsAccess(endpoint_url=moto_server, region="eu-central-1")
    client = ec2.client(ec2.session(), "ec2", "eu-central-1")
    live = [
        i
        for r in client.describe_instances()["Reservations"]
        for i in r["Instances"]
        if i["State"]["Name"] != "terminated"
    ]
    assert live == []
    assert client.describe_key_pairs()["KeyPairs"] == []
