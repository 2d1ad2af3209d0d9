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
    the engine once per region, applied after collection). ``params`` may be a function of the
    context (for an account id); ``absent`` lists error codes meaning "not in use here", which
    yield nothing instead of an error; ``home_region`` is where a global service is read.
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
    params: dict[str, Any] | Callable[[ScanContext], dict[str, Any]] = field(default_factory=dict)
    tags: str | None = "index"
    is_global: bool = False
    depends: DependsOf | None = None
    keep: Callable[[Item], bool] | None = None
    absent: tuple[str, ...] = ()
    home_region: str = "us-east-1"

    def collector(self) -> Collector:
        """This listing as a registered collector."""
        return Collector(
            key=f"{self.service}.{self.key}",
            service=self.service,
            permissions=(self.permission,),
            collect=self.collect,
            is_global=self.is_global,
            home_region=self.home_region,
        )

    def collect(self, ctx: ScanContext) -> Iterable[Resource]:
        """List the items and turn each into a Resource."""
        import botocore.exceptions as bex

        params = self.params(ctx) if callable(self.params) else self.params
        try:
            items = list(ctx.pages(self.operation, self.items, **params))
        except bex.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in self.absent:
                return
            raise
        for item in items:
            if self.keep is not None and not self.keep(item):
                continue
            uid = self.arn(ctx, item) if callable(self.arn) else str(item[self.arn])
            inline = self.tags and self.tags != "index" and isinstance(item, dict)
            tags = tag_dict(item.get(str(self.tags))) if inline else {}
            named = item.get(self.name) if isinstance(item, dict) and self.name else None
            yield ctx.resource(
                uid,
                self.type,
                str(named or (item if isinstance(item, str) else uid.rsplit("/", 1)[-1].rsplit(":", 1)[-1])),
                region="global" if self.is_global else None,
                attributes=pick(item, self.attributes) if isinstance(item, dict) else {},
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
