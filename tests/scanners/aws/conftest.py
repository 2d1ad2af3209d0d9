"""Fixtures for the AWS scanner tests: one seeded reference estate per module, scanned once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from toolkit.context import AwsAccess
from toolkit.demo import local_aws
from toolkit.estate import EstateSummary, seed_reference_estate
from toolkit.model import Inventory
from toolkit.scanners.aws import scan

REGIONS = ("us-east-1", "eu-west-1")
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


@pytest.fixture(scope="module")
def estate_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, EstateSummary]]:
    """A moto server (real HTTP) holding the reference estate, shared by a module's tests."""
    with pytest.MonkeyPatch.context() as patch, local_aws() as url:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        home = tmp_path_factory.mktemp("aws-home")
        patch.setenv("AWS_CONFIG_FILE", str(home / "config"))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
        yield url, seed_reference_estate(AwsAccess(endpoint_url=url), REGIONS)


@pytest.fixture(scope="module")
def estate_inventory(estate_server: tuple[str, EstateSummary]) -> Inventory:
    """The scanner's inventory of the reference estate."""
    url, _ = estate_server
    with pytest.MonkeyPatch.context() as patch:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        return scan(AwsAccess(endpoint_url=url), list(REGIONS), progress=False)


@pytest.fixture
def iam_enforcement() -> type[IamEnforcement]:
    """``with iam_enforcement(url):`` makes the moto server check IAM for the block."""
    return IamEnforcement


class IamEnforcement:
    """Switch moto's IAM enforcement on for a server, and back off afterwards."""

    def __init__(self, url: str) -> None:
        self.url = url

    def __enter__(self) -> IamEnforcement:
        requests.post(f"{self.url}/moto-api/reset-auth", data=b"0", timeout=10).raise_for_status()
        return self

    def __exit__(self, *_: object) -> None:
        requests.post(f"{self.url}/moto-api/reset-auth", data=b"inf", timeout=10).raise_for_status()
