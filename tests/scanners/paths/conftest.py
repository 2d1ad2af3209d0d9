"""Path scanner test fixtures: a copy of the fixture tree, and a catalog without providers/aws entries."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from toolkit.catalog import Catalog
from toolkit.paths import providers_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The fixture tree, copied, with a symlink loop added and the state file given its real name."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", root, symlinks=True)
    os.symlink("..", root / "src" / "loop")
    state = root / "terraform" / "terraform.tfstate.fixture"  # *.tfstate is git-ignored in this repo
    state.rename(state.with_suffix(""))
    return root


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The real platforms, no AWS service entries: service ids then come from _sdk_names.yaml alone,
    so these tests do not move when other catalog entries change."""
    root = tmp_path_factory.mktemp("catalog")
    (root / "aws").mkdir()
    (root / "targets").mkdir()
    shutil.copytree(providers_dir() / "platforms", root / "platforms")
    return Catalog.load(root)
