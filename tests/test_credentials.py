"""The standard AWS credential chain and endpoint override work the way users expect."""

from __future__ import annotations

import json
import os
from pathlib import Path

import boto3
import pytest

from toolkit.cli import main


def _queue(url: str, name: str) -> None:
    boto3.client("sqs", endpoint_url=url, region_name="us-east-1").create_queue(QueueName=name)


def _names(out: Path) -> set[str]:
    return {r["name"] for r in json.loads((out / "inventory.json").read_text())["resources"]}


def test_aws_endpoint_url_from_the_environment_is_used(
    moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _queue(moto_server, "from-env")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server)
    status = main(
        ["scan", "aws", "--regions", "us-east-1", "--services", "sqs", "--out", str(tmp_path), "-q"]
    )
    assert status == 0
    assert "from-env" in _names(tmp_path)


def test_a_named_profile_from_the_config_files_is_used(
    moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _queue(moto_server, "from-profile")
    credentials = Path(os.environ["AWS_SHARED_CREDENTIALS_FILE"])
    credentials.write_text("[audit]\naws_access_key_id = AKIAAUDIT\naws_secret_access_key = audit-secret\n")
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    status = main(
        [
            "scan",
            "aws",
            "--profile",
            "audit",
            "--endpoint-url",
            moto_server,
            "--regions",
            "us-east-1",
            "--services",
            "sqs",
            "--out",
            str(tmp_path),
            "-q",
        ]
    )
    assert status == 0
    assert "from-profile" in _names(tmp_path)
    assert "audit-secret" not in (tmp_path / "inventory.json").read_text()


def test_an_unknown_profile_is_a_credentials_error(
    moto_server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "scan",
            "aws",
            "--profile",
            "nope",
            "--endpoint-url",
            moto_server,
            "--regions",
            "us-east-1",
            "--out",
            str(tmp_path),
            "-q",
        ]
    )
    assert status == 4
    assert "nope" in capsys.readouterr().err
    assert not (tmp_path / "inventory.json").exists()


def test_no_credentials_at_all_is_a_credentials_error(
    moto_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    status = main(
        ["scan", "aws", "--endpoint-url", moto_server, "--regions", "us-east-1", "--out", str(tmp_path)]
    )
    assert status == 4
    assert "credentials" in capsys.readouterr().err.lower()
