"""Declarative collectors for the many services where one paginated list call says enough."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ...model import Resource
from .base import Collector, ScanContext, tag_dict

Item = dict[str, Any]
ArnOf = Callable[[ScanContext, Item], str]
DependsOf = Callable[[ScanContext, Item], Iterable[str | None]]


@dataclass(frozen=True)
class Listing:
    """One list/describe operation whose items each become a Resource.

    ``arn`` is the item field holding the ARN, or a function building it; ``tags`` is the item field
    holding inline tags, or ``"index"``/None when they come from the region's tag index (read by
    the engine once per region, applied after collection).
    """

    service: str
    key: str
    operation: str
    items: str
    type: str
    permission: str
    name: str
    arn: str | ArnOf
    attributes: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict)
    tags: str | None = "index"
    is_global: bool = False
    depends: DependsOf | None = None
    keep: Callable[[Item], bool] | None = None

    def collector(self) -> Collector:
        """This listing as a registered collector."""
        return Collector(
            key=f"{self.service}.{self.key}",
            service=self.service,
            permissions=(self.permission,),
            collect=self.collect,
            is_global=self.is_global,
        )

    def collect(self, ctx: ScanContext) -> Iterable[Resource]:
        """List the items and turn each into a Resource."""
        for item in ctx.pages(self.operation, self.items, **self.params):
            if self.keep is not None and not self.keep(item):
                continue
            uid = self.arn(ctx, item) if callable(self.arn) else str(item[self.arn])
            tags = tag_dict(item.get(self.tags)) if self.tags and self.tags != "index" else {}
            yield ctx.resource(
                uid,
                self.type,
                str(item.get(self.name) or uid.rsplit("/", 1)[-1].rsplit(":", 1)[-1]),
                region="global" if self.is_global else None,
                attributes=pick(item, self.attributes),
                tags=tags,
                depends_on=self.depends(ctx, item) if self.depends else (),
            )


def pick(item: Item, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``item`` (dotted paths allowed) under snake_case keys."""
    out: dict[str, Any] = {}
    for path in fields:
        value: Any = item
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        out[snake(path.rsplit(".", 1)[-1])] = value
    return out


def snake(name: str) -> str:
    """``EngineVersion`` → ``engine_version``; ``KmsKeyId`` → ``kms_key_id``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
