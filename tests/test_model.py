"""The public documents: versioned JSON, schema export, round trips, clear errors on bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit import documents
from toolkit.errors import InputError
from toolkit.model import DataSize, Inventory, Location, Resource, ScanError, ScannerRun


def _inventory() -> Inventory:
    return Inventory(
        resources=[
            Resource(
                uid="arn:aws:s3:::media",
                service="s3",
                type="AWS::S3::Bucket",
                name="media",
                region="us-east-1",
                data=DataSize(bytes=1234, objects=3, method="listing"),
            ),
            Resource(
                uid="main.tf:4",
                service="dynamodb",
                type="aws_dynamodb_table",
                name="t",
                origin="terraform",
                location=Location(path="main.tf", line=4, evidence='resource "x"'),
            ),
        ],
        runs=[
            ScannerRun(
                scanner="aws",
                target="account 123",
                errors=[
                    ScanError(
                        scanner="aws",
                        service="kms",
                        region="eu-west-1",
                        code="AccessDenied",
                        message="not allowed",
                    )
                ],
            )
        ],
    )


def test_round_trip_keeps_the_schema_tag(tmp_path: Path) -> None:
    original = _inventory()
    path = documents.write(tmp_path / "inventory.json", original)
    raw = json.loads(path.read_text())
    assert raw["schema"] == "evac.inventory/1"
    again = documents.read(path, Inventory)
    assert again == original
    assert again.partial and again.errors[0].code == "AccessDenied"


def test_merge_keeps_first_seen_uid_and_all_runs() -> None:
    first = _inventory()
    second = Inventory(
        resources=[first.resources[0].model_copy(update={"name": "other"})],
        runs=[ScannerRun(scanner="terraform", target=".")],
    )
    merged = first.merge(second)
    assert [r.name for r in merged.resources] == ["media", "t"]
    assert [r.scanner for r in merged.runs] == ["aws", "terraform"]


@pytest.mark.parametrize("name", ["inventory", "assessment", "plan", "journal"])
def test_schema_command_prints_a_json_schema(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    from toolkit.cli import main

    assert main(["schema", name]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "schema" in schema["properties"]


def test_inventory_validates_against_its_published_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = documents.json_schema(Inventory)
    jsonschema.validate(json.loads(documents.dump(_inventory())), schema)


def test_bad_documents_name_the_file_and_field(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(InputError, match="no such file"):
        documents.read(missing, Inventory)
    garbled = tmp_path / "garbled.json"
    garbled.write_text('{"schema": "evac.inventory/1", "resources": [')
    with pytest.raises(InputError, match=r"garbled\.json: not valid JSON \(line 1"):
        documents.read(garbled, Inventory)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"schema": "evac.plan/1"}')
    with pytest.raises(InputError, match=r"expected a evac\.inventory/1 document"):
        documents.read(wrong, Inventory)
    bad_field = tmp_path / "bad.json"
    bad_field.write_text(json.dumps({"schema": "evac.inventory/1", "resources": [{"uid": "x"}]}))
    with pytest.raises(InputError, match=r"bad\.json: field 'resources\.0\.service'"):
        documents.read(bad_field, Inventory)


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "inventory.json"
    target.write_text("previous")

    class Exploding(Inventory):
        def model_dump_json(self, **_: object) -> str:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        documents.write(target, Exploding())
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["inventory.json"]


def test_a_writer_that_fails_half_way_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("previous report")
    with pytest.raises(RuntimeError), documents.atomic_stream(target, mode=0o644) as stream:
        stream.write("<html>half")
        raise RuntimeError("renderer crashed")
    assert target.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    documents.write_text(target, "new report")
    assert target.read_text() == "new report"
