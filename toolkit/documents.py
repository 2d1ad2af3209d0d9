"""Read and write the versioned JSON documents (inventory, assessment, plan, journal)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InputError

DocumentT = TypeVar("DocumentT", bound=BaseModel)


def dump(document: BaseModel) -> str:
    """The document's canonical JSON form (aliases used, so the ``schema`` key is present)."""
    return document.model_dump_json(by_alias=True, indent=2) + "\n"


@contextmanager
def atomic_stream(path: Path, *, mode: int = 0o600) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` only when the block ends without error.

    A crash half-way leaves the old file or the new one, never half of one, and no temporary file.
    Documents stay private to their owner by default; reports meant for sharing pass ``mode``.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.chmod(temporary, mode)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically."""
    with atomic_stream(path) as stream:
        stream.write(text)
    return path


def write(path: Path, document: BaseModel) -> Path:
    """Write ``document`` to ``path`` atomically: a crash leaves the old file or the new, never half."""
    return write_text(path, dump(document))


def read(path: Path, model: type[DocumentT]) -> DocumentT:
    """Read and validate a document, naming the file and field at fault on error."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    expected = model.model_fields["schema_"].default if "schema_" in model.model_fields else None
    if expected and isinstance(raw, dict) and raw.get("schema") != expected:
        raise InputError(f"{path}: expected a {expected} document, found schema {raw.get('schema')!r}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: field '{where}': {first['msg']} ({exc.error_count()} problem(s))") from exc


def json_schema(model: type[BaseModel]) -> dict[str, object]:
    """The JSON Schema of a document model, as published in ``evac schema``."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
