"""Safe YAML loading through libyaml's C parser when PyYAML has it (several times faster than pure Python)."""

from __future__ import annotations

from typing import IO, Any

import yaml

SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: str | bytes | IO[str]) -> Any:
    """Like :func:`yaml.safe_load` (same tags, same errors), with the C loader when available."""
    return yaml.load(stream, Loader=SafeLoader)
