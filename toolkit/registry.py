"""One small registry for pluggable parts (scanners, renderers, provisioners, evacuation steps).

Built-ins are named as ``"module:attribute"`` strings and imported only when asked for, so nothing
is built at import time. Third parties add theirs through the entry-point group of the registry
(e.g. ``[project.entry-points."evac.renderers"]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

from .errors import InputError


class Registry:
    """A lazy name → object map backed by built-ins and an entry-point group."""

    def __init__(self, group: str, builtins: Mapping[str, str]) -> None:
        self.group = group
        self._builtins = dict(builtins)

    def _targets(self) -> dict[str, str]:
        found = {ep.name: ep.value for ep in entry_points(group=self.group)}
        return {**found, **self._builtins}

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self._targets())

    def get(self, name: str) -> Any:
        """The object registered under ``name``, imported on first use."""
        target = self._targets().get(name)
        if target is None:
            raise InputError(
                f"unknown {self.group.removeprefix('evac.')} {name!r}; known: {', '.join(self.names())}"
            )
        module_name, _, attribute = target.partition(":")
        module = import_module(module_name)
        return getattr(module, attribute) if attribute else module
