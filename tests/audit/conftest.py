"""A catalog whose target numbers the tests restate."""

from __future__ import annotations

import pytest

from toolkit.catalog import Catalog, EgressPrices, TargetEntry


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The packaged catalog plus a target profile with a known provisioning time."""
    loaded = Catalog.load()
    target = TargetEntry(
        id="test-metal",
        name="Test metal",
        kind="bare-metal",
        summary="A target profile used by the tests only.",
        capabilities={},
        egress={"usd_per_gb": 0.0},
        regions=["lab"],
        terraform_module="targets/test",
        provision_hours=6.0,
        bandwidth_gbps=1.0,
    )
    return Catalog(
        services=loaded.services,
        targets={**loaded.targets, "test-metal": target},
        platforms=loaded.platforms,
        egress=loaded.egress,
    )


@pytest.fixture(scope="session")
def prices(catalog: Catalog) -> EgressPrices:
    assert catalog.egress is not None
    return catalog.egress
