"""Where the knowledge (providers/), playbooks/ and terraform/ live, installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _root() -> Path:
    packaged = Path(str(resources.files("toolkit"))) / "_data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent


def providers_dir() -> Path:
    """The knowledge catalog: aws/, targets/, platforms/."""
    return _root() / "providers"


def playbooks_dir() -> Path:
    """Ansible playbooks and roles."""
    return _root() / "playbooks"


def terraform_dir() -> Path:
    """Terraform modules: targets/<provider>/ and reference/."""
    return _root() / "terraform"
