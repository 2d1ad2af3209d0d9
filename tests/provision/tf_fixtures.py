"""Shared helpers for the Terraform tests: repository paths, the provider mirror, tiny modules."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = REPO / "terraform" / "targets"
REFERENCE = REPO / "terraform" / "reference"
MIRROR = Path("/opt/tf-plugins")
TARGET_PROVIDERS = ("aws", "digitalocean", "hetzner", "openstack", "scaleway")

# A provider-free module (built-in terraform_data) with the target contract's `hosts` output and a
# sensitive input, so apply/destroy/outputs/redaction run against the real binary in a second.
HOSTS_MODULE = """
variable "names" {
  type = list(string)
}

variable "token" {
  type      = string
  sensitive = true
}

resource "terraform_data" "host" {
  for_each = toset(var.names)
  input    = each.key
}

output "hosts" {
  value = [
    for name in sort(var.names) : {
      name            = name
      role            = split("-", name)[0]
      public_address  = "203.0.113.${index(sort(var.names), name) + 10}"
      private_address = "10.60.1.${index(sort(var.names), name) + 10}"
    }
  ]
}

output "ssh_user" {
  value = "evac"
}

output "token_echo" {
  value     = "token is ${var.token}"
  sensitive = true
}
"""


def write_module(directory: Path, text: str = HOSTS_MODULE) -> Path:
    """Write ``text`` as ``main.tf`` of a new module in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "main.tf").write_text(text, encoding="utf-8")
    return directory
