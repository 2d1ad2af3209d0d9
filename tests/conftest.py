"""Shared fixtures: a real moto server over HTTP, isolated AWS credentials, run directories."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from toolkit.context import AwsAccess


@pytest.fixture(autouse=True)
def _isolated_aws_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Never let a test reach a real AWS account or read the developer's credentials."""
    home = tmp_path_factory.mktemp("aws-home")
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


@pytest.fixture
def moto_server() -> Iterator[str]:
    """A fresh, empty moto server on a free loopback port, spoken to over HTTP; yields its URL."""
    from toolkit.demo import local_aws

    with local_aws() as url:
        yield url


@pytest.fixture
def aws(moto_server: str) -> AwsAccess:
    """Access to the test's moto server through the same path users take to real AWS."""
    return AwsAccess(endpoint_url=moto_server)
