"""Nodes and DNS records on any Apache Libcloud driver, dry run by default.

:class:`ComputeTarget` creates, lists and destroys nodes through ``get_driver(Provider.X)``;
:class:`DnsTarget` lists zones and records and creates, updates and deletes records (and sets TTLs).
PowerDNS and Route53 go through small adapters (:mod:`.pdns_adapter`, :mod:`.route53_adapter`)
that fix what libcloud gets wrong for the servers in use. Without ``dry_run=False`` nothing changes:
each change is returned as a :class:`Change` with ``applied=False``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from libcloud.common.exceptions import BaseHTTPError
from libcloud.common.types import InvalidCredsError, LibcloudError
from libcloud.compute.base import Node, NodeDriver
from libcloud.compute.providers import get_driver as get_compute_driver
from libcloud.compute.types import Provider as ComputeProvider
from libcloud.dns.base import DNSDriver, Record, Zone
from libcloud.dns.providers import get_driver as get_dns_driver
from libcloud.dns.types import Provider as DnsProvider
from libcloud.dns.types import RecordDoesNotExistError, ZoneDoesNotExistError
from pydantic import BaseModel, Field, SecretStr

from ..errors import ApplyError, CredentialsError, InputError, UnreachableError


class Credentials(BaseModel):
    """What a libcloud driver is constructed with; secrets never appear in reprs or logs."""

    key: SecretStr
    secret: SecretStr | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    """Driver keyword arguments (``host``, ``port``, ``secure``, ``region``, ``endpoint_url``, ...)."""


class Change(BaseModel):
    """One change to infrastructure, planned (dry run) or applied."""

    action: str
    kind: str
    name: str
    detail: dict[str, Any] = Field(default_factory=dict)
    applied: bool = False


class NodeInfo(BaseModel):
    """A node as libcloud reports it."""

    id: str
    name: str
    state: str
    public_ips: list[str] = Field(default_factory=list)
    private_ips: list[str] = Field(default_factory=list)
    size: str | None = None
    image: str | None = None


class NodeSpec(BaseModel):
    """What to create: a name, and size and image by id or name."""

    name: str = Field(min_length=1)
    size: str
    image: str
    location: str | None = None
    options: dict[str, Any] = Field(default_factory=dict)
    """Driver-specific ``ex_*`` keyword arguments (e.g. ``ex_user_data``)."""


class ZoneInfo(BaseModel):
    id: str
    domain: str


class RecordInfo(BaseModel):
    id: str | None
    name: str
    type: str
    data: str
    ttl: int | None = None


def _provider_constant(enum: type, provider: str, what: str) -> str:
    constant = getattr(enum, provider.upper().replace("-", "_"), None)
    if constant is None:
        raise InputError(f"unknown libcloud {what} provider {provider!r}")
    return str(constant)


def _call(action: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a libcloud call, turning its errors into evac errors that name the action."""
    try:
        return func(*args, **kwargs)
    except InvalidCredsError as exc:
        raise CredentialsError(f"{action}: credentials rejected ({exc})") from exc
    except (ConnectionError, OSError) as exc:
        raise UnreachableError(f"{action}: endpoint unreachable ({exc})") from exc
    except (BaseHTTPError, LibcloudError) as exc:
        raise ApplyError(f"{action} failed: {exc}") from exc


class ComputeTarget:
    """Nodes on one libcloud compute provider (``dummy``, ``digital_ocean``, ``openstack``, ...)."""

    def __init__(self, provider: str, credentials: Credentials, *, dry_run: bool = True) -> None:
        self.provider = provider
        self.credentials = credentials
        self.dry_run = dry_run
        self._driver: NodeDriver | None = None

    @property
    def driver(self) -> NodeDriver:
        if self._driver is None:
            cls = get_compute_driver(_provider_constant(ComputeProvider, self.provider, "compute"))
            secret = self.credentials.secret.get_secret_value() if self.credentials.secret else None
            args = [self.credentials.key.get_secret_value()] + ([secret] if secret is not None else [])
            self._driver = cls(*args, **self.credentials.options)
        return self._driver

    def list_nodes(self) -> list[NodeInfo]:
        """Every node the credentials can see."""
        return [self._info(node) for node in _call("list nodes", self.driver.list_nodes)]

    def create_node(self, spec: NodeSpec) -> Change:
        """Create a node (or, in a dry run, check size and image exist and say what would happen)."""
        size = self._pick("size", spec.size, self.driver.list_sizes)
        image = self._pick("image", spec.image, self.driver.list_images)
        kwargs: dict[str, Any] = {"name": spec.name, "size": size, "image": image, **spec.options}
        if spec.location:
            kwargs["location"] = self._pick("location", spec.location, self.driver.list_locations)
        change = Change(
            action="create",
            kind="node",
            name=spec.name,
            detail={"size": size.id, "image": image.id, "location": spec.location},
        )
        if self.dry_run:
            return change
        node = _call(f"create node {spec.name}", self.driver.create_node, **kwargs)
        info = self._info(node)
        detail = {**change.detail, "id": info.id, "node_name": info.name, "public_ips": info.public_ips}
        return change.model_copy(update={"applied": True, "detail": detail})

    def destroy_node(self, name_or_id: str) -> Change:
        """Destroy the node with this id or name."""
        nodes = [n for n in _call("list nodes", self.driver.list_nodes) if name_or_id in (n.id, n.name)]
        if not nodes:
            raise InputError(f"no node named or with id {name_or_id!r} at {self.provider}")
        node = nodes[0]
        change = Change(action="destroy", kind="node", name=node.name, detail={"id": str(node.id)})
        if self.dry_run:
            return change
        if not _call(f"destroy node {node.name}", self.driver.destroy_node, node):
            raise ApplyError(f"{self.provider} refused to destroy node {node.name} ({node.id})")
        return change.model_copy(update={"applied": True})

    def _pick(self, what: str, wanted: str, lister: Callable[[], list[Any]]) -> Any:
        items = _call(f"list {what}s", lister)
        for item in items:
            extra = getattr(item, "extra", None)
            slug = extra.get("slug") if isinstance(extra, dict) else None
            if wanted in (str(item.id), getattr(item, "name", None), slug):
                return item
        known = ", ".join(sorted(str(item.id) for item in items)[:10])
        raise InputError(f"{self.provider} has no {what} {wanted!r} (some known: {known})")

    @staticmethod
    def _info(node: Node) -> NodeInfo:
        return NodeInfo(
            id=str(node.id),
            name=node.name,
            state=str(node.state),
            public_ips=[str(ip) for ip in node.public_ips or []],
            private_ips=[str(ip) for ip in node.private_ips or []],
            size=str(node.size.id) if node.size is not None else node.extra.get("size_slug"),
            image=str(node.image.id) if node.image is not None else None,
        )


def dns_driver(provider: str, credentials: Credentials) -> DNSDriver:
    """A DNS driver; ``powerdns`` and ``route53`` get the evac adapters."""
    key = credentials.key.get_secret_value()
    secret = credentials.secret.get_secret_value() if credentials.secret else None
    options = dict(credentials.options)
    name = provider.lower()
    if name == "powerdns":
        from .pdns_adapter import PowerDNSAdapter

        return PowerDNSAdapter(key, **options)
    if name == "route53":
        from .route53_adapter import Route53Adapter

        if secret is None:
            raise InputError("route53 needs a secret key")
        return Route53Adapter(key, secret, **options)
    cls: Any = get_dns_driver(_provider_constant(DnsProvider, provider, "DNS"))
    driver: DNSDriver = cls(key, **options) if secret is None else cls(key, secret, **options)
    return driver


class DnsTarget:
    """Zones and records on one libcloud DNS provider."""

    def __init__(self, provider: str, credentials: Credentials, *, dry_run: bool = True) -> None:
        self.provider = provider
        self.dry_run = dry_run
        self.driver = dns_driver(provider, credentials)

    def list_zones(self) -> list[ZoneInfo]:
        return [ZoneInfo(id=z.id, domain=z.domain) for z in _call("list zones", self.driver.list_zones)]

    def zone(self, domain: str) -> Zone:
        """The zone for ``domain`` (with or without the trailing dot)."""
        wanted = domain.rstrip(".")
        for zone in _call("list zones", self.driver.list_zones):
            if zone.domain.rstrip(".") == wanted:
                return zone
        raise InputError(f"no zone {domain!r} at {self.provider}")

    def create_zone(self, domain: str, **extra: Any) -> Change:
        change = Change(action="create", kind="zone", name=domain, detail=extra)
        if self.dry_run:
            return change
        _call(f"create zone {domain}", self.driver.create_zone, domain, extra=extra or None)
        return change.model_copy(update={"applied": True})

    def list_records(self, domain: str) -> list[RecordInfo]:
        zone = self.zone(domain)
        return [self._info(r) for r in _call(f"list records of {domain}", self.driver.list_records, zone)]

    def find(self, domain: str, name: str, rtype: str, data: str | None = None) -> list[Record]:
        """Records of ``name``/``rtype`` (``name`` relative or absolute), optionally with this data."""
        zone = self.zone(domain)
        wanted = _relative(name, zone.domain)
        return [
            r
            for r in _call(f"list records of {domain}", self.driver.list_records, zone)
            if _relative(r.name or "", zone.domain) == wanted and r.type == rtype and data in (None, r.data)
        ]

    def create_record(self, domain: str, name: str, rtype: str, data: str, ttl: int = 300) -> Change:
        change = Change(
            action="create", kind="record", name=f"{name} {rtype}", detail={"data": data, "ttl": ttl}
        )
        if self.dry_run:
            return change
        zone = self.zone(domain)
        _call(
            f"create {rtype} record {name}",
            self.driver.create_record,
            name,
            zone,
            rtype,
            data,
            extra={"ttl": ttl},
        )
        return change.model_copy(update={"applied": True})

    def update_record(
        self, domain: str, name: str, rtype: str, old: str, new: str, ttl: int | None = None
    ) -> Change:
        change = Change(
            action="update",
            kind="record",
            name=f"{name} {rtype}",
            detail={"from": old, "to": new, "ttl": ttl},
        )
        if self.dry_run:
            return change
        record = self._one(domain, name, rtype, old)
        extra = {"ttl": ttl or record.ttl}
        _call(
            f"update {rtype} record {name}", self.driver.update_record, record, record.name, rtype, new, extra
        )
        return change.model_copy(update={"applied": True})

    def delete_record(self, domain: str, name: str, rtype: str, data: str) -> Change:
        change = Change(action="delete", kind="record", name=f"{name} {rtype}", detail={"data": data})
        if self.dry_run:
            return change
        record = self._one(domain, name, rtype, data)
        if not _call(f"delete {rtype} record {name}", self.driver.delete_record, record):
            raise ApplyError(f"{self.provider} did not delete {rtype} record {name} ({data})")
        return change.model_copy(update={"applied": True})

    def set_ttl(self, domain: str, name: str, rtype: str, ttl: int) -> Change:
        """Set the TTL of every ``name``/``rtype`` record (e.g. lower it before a failover)."""
        change = Change(action="set-ttl", kind="record", name=f"{name} {rtype}", detail={"ttl": ttl})
        if self.dry_run:
            return change
        records = self.find(domain, name, rtype)
        if not records:
            raise InputError(f"no {rtype} record {name!r} in {domain}")
        if hasattr(self.driver, "ex_set_ttl"):
            _call(f"set TTL of {name}", self.driver.ex_set_ttl, records[0].zone, records[0].name, rtype, ttl)
        else:
            for record in records:
                _call(
                    f"set TTL of {name}",
                    self.driver.update_record,
                    record,
                    record.name,
                    rtype,
                    record.data,
                    {"ttl": ttl},
                )
        return change.model_copy(update={"applied": True})

    def _one(self, domain: str, name: str, rtype: str, data: str) -> Record:
        try:
            records = self.find(domain, name, rtype, data)
        except (ZoneDoesNotExistError, RecordDoesNotExistError) as exc:
            raise InputError(str(exc)) from exc
        if not records:
            raise InputError(f"no {rtype} record {name!r} with data {data!r} in {domain}")
        return records[0]

    @staticmethod
    def _info(record: Record) -> RecordInfo:
        return RecordInfo(
            id=record.id, name=record.name or "", type=record.type, data=str(record.data), ttl=record.ttl
        )


def _relative(name: str, zone: str) -> str:
    """``www.example.org.``, ``www.example.org`` and ``www`` -> ``www``; the apex -> ``""``."""
    name, zone = name.rstrip("."), zone.rstrip(".")
    if name in ("@", zone):
        return ""
    return name[: -len(zone) - 1] if name.endswith("." + zone) else name
