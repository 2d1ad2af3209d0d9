"""The knowledge catalog: ``providers/aws/`` services, ``providers/targets/`` and ``providers/platforms/``.

Knowledge is data. Each YAML file is validated against the models below; a bad file is rejected
with its path and the field at fault (:class:`~toolkit.errors.CatalogError`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import yamlfast
from .errors import CatalogError
from .model import LockIn, Replacement, Resource
from .paths import providers_dir

Category = Literal[
    "compute",
    "containers",
    "serverless",
    "storage",
    "database",
    "analytics",
    "messaging",
    "integration",
    "identity",
    "security",
    "networking",
    "edge",
    "observability",
    "management",
    "devtools",
    "ml",
    "iot",
    "media",
    "business",
    "migration",
]

# Where a replacement runs on the target; matches the roles in playbooks/ and the plan's components.
Component = Literal[
    "postgres",
    "mysql",
    "objectstore",
    "web",
    "dns",
    "app",
    "queue",
    "cache",
    "search",
    "kv",
    "identity",
    "secrets",
    "monitoring",
    "ci",
    "container",
    "analytics",
    "ml",
    "iot",
    "mail",
    "network",
    "none",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Export(_Strict):
    """How a service's data and configuration get out."""

    summary: str = Field(min_length=10)
    tools: list[str] = Field(default_factory=list, description="APIs, CLI commands or tools")
    formats: list[str] = Field(default_factory=list)
    config: str | None = Field(default=None, description="how the configuration gets out")


class Trap(_Strict):
    """Something that cannot be exported, or only while access lasts."""

    what: str = Field(min_length=10)
    when: Literal["never", "while_access", "conditional"] = Field(
        description="never: cannot be exported at all; while_access: only while the account is reachable"
    )
    action: str = Field(min_length=10, description="what to do now, while access lasts")
    subtle: str | None = Field(default=None, description="the fine print where a fact is subtle")
    source: str | None = None


class Effort(_Strict):
    """Engineering effort to move one instance of the service."""

    hours: tuple[float, float]
    per: Literal["service", "resource"] = Field(
        default="service", description="whether hours count once per service or per resource"
    )
    notes: str | None = None

    @field_validator("hours")
    @classmethod
    def _ordered(cls, value: tuple[float, float]) -> tuple[float, float]:
        low, high = value
        if low < 0 or high < low:
            raise ValueError("hours must be [low, high] with 0 <= low <= high")
        return value


class Transfer(_Strict):
    """Rate limits that bound a bulk copy out of this service."""

    max_mbps_per_lane: float = Field(gt=0, description="sustained MB/s one copy stream achieves")
    max_lanes: int = Field(default=16, ge=1)
    notes: str | None = None


class Reveals(_Strict):
    """What reveals the service in code: Terraform type prefixes, CloudFormation namespaces, SDK names."""

    terraform: list[str] = Field(default_factory=list, description="e.g. aws_dynamodb_")
    cloudformation: list[str] = Field(default_factory=list, description="e.g. AWS::DynamoDB::")
    sdk: list[str] = Field(
        default_factory=list,
        description="SDK service names: boto3 client, JS v3 client-x suffix, Go/Java package",
    )
    endpoints: list[str] = Field(default_factory=list, description="endpoint host prefixes")


class ServiceEntry(_Strict):
    """One AWS service: how locked in it is, how to leave it, what to replace it with."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="the boto3 client name")
    name: str
    category: Category
    lock_in: LockIn
    rationale: str = Field(min_length=20)
    global_: bool = Field(default=False, alias="global", description="one endpoint for all regions")
    data_store: bool = Field(default=False, description="holds data that must be copied")
    component: Component = "app"
    export: Export
    traps: list[Trap] = Field(default_factory=list)
    replacements: list[Replacement] = Field(min_length=1)
    equivalents: dict[str, str | None] = Field(
        default_factory=dict, description="target id -> managed equivalent there (null: none)"
    )
    effort: Effort
    runbook: list[str] = Field(min_length=1)
    reveals: Reveals
    transfer: Transfer | None = None
    aliases: list[str] = Field(default_factory=list, description="other boto3 client names")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="after")
    def _trapped_has_traps(self) -> ServiceEntry:
        if self.lock_in is LockIn.trapped and not self.traps:
            raise ValueError("a trapped service must list its traps")
        return self


class Egress(_Strict):
    """What it costs to send data out of a target."""

    usd_per_gb: float = Field(ge=0)
    free_gb_per_month: float = Field(default=0, ge=0)
    notes: str | None = None


class TargetEntry(_Strict):
    """A place to move to."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    kind: Literal["bare-metal", "cloud", "openstack"]
    summary: str = Field(min_length=20)
    capabilities: dict[str, bool]
    managed: dict[str, str | None] = Field(
        default_factory=dict, description="component -> the target's managed offering"
    )
    egress: Egress
    ingress_usd_per_gb: float = 0.0
    regions: list[str] = Field(min_length=1)
    libcloud: dict[str, str | None] = Field(
        default_factory=dict, description="compute/dns/storage -> libcloud provider constant name"
    )
    terraform_module: str = Field(description="path under terraform/, e.g. targets/hetzner")
    provision_hours: float = Field(gt=0, description="time to stand up the base infrastructure")
    bandwidth_gbps: float = Field(gt=0, description="typical uplink per host")
    sources: list[str] = Field(default_factory=list)


class Detect(_Strict):
    """How a platform dependency shows itself."""

    pypi: list[str] = Field(default_factory=list)
    npm: list[str] = Field(default_factory=list)
    go: list[str] = Field(default_factory=list)
    maven: list[str] = Field(default_factory=list)
    imports: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list, description="hosts in code, config and DNS")
    env: list[str] = Field(default_factory=list, description="environment variable names")
    files: list[str] = Field(default_factory=list, description="file names or globs that reveal it")
    dns_mx: list[str] = Field(default_factory=list)
    dns_ns: list[str] = Field(default_factory=list)
    dns_cname: list[str] = Field(default_factory=list)
    terraform: list[str] = Field(
        default_factory=list, description="Terraform provider names, e.g. cloudflare (cloudflare_record)"
    )


class PlatformEntry(_Strict):
    """A SaaS or gatekeeper dependency a deplatformed company also loses."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    category: Literal[
        "auth",
        "payments",
        "email",
        "sms",
        "push",
        "cdn",
        "dns",
        "registrar",
        "analytics",
        "maps",
        "app-store",
        "monitoring",
        "hosting",
        "chat",
        "search",
    ]
    lock_in: LockIn
    rationale: str = Field(min_length=20)
    risk: str = Field(min_length=10, description="what losing it means")
    export: Export
    traps: list[Trap] = Field(default_factory=list)
    replacements: list[Replacement] = Field(min_length=1)
    effort: Effort
    runbook: list[str] = Field(min_length=1)
    detect: Detect


class EgressTier(_Strict):
    """One tier of AWS internet egress pricing."""

    up_to_gb: float | None = Field(description="upper bound of the tier in GB; null: no bound")
    usd_per_gb: float = Field(ge=0)


class EgressPrices(_Strict):
    """AWS internet egress prices by region, kept with their date and source."""

    date: str
    source: str
    free_gb_per_month: float
    notes: list[str] = Field(default_factory=list)
    default_region: str = "us-east-1"
    regions: dict[str, list[EgressTier]]


def _load_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yamlfast.safe_load(handle)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read: {exc.strerror}") from exc


def _validate(model: type[BaseModel], path: Path) -> Any:
    raw = _load_yaml(path)
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: expected a mapping at the top level, got {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc']) or '(top)'}': {err['msg']}" for err in exc.errors()
        )
        raise CatalogError(f"{path}: {problems}") from exc


def _load_dir(directory: Path, model: type[BaseModel]) -> dict[str, Any]:
    entries: dict[str, Any] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        entry = _validate(model, path)
        if entry.id != path.stem:
            raise CatalogError(f"{path}: field 'id': {entry.id!r} must match the file name {path.stem!r}")
        entries[entry.id] = entry
    return entries


class Catalog:
    """The loaded, validated catalog. ``Catalog.load()`` reads the packaged ``providers/``."""

    def __init__(
        self,
        services: dict[str, ServiceEntry],
        targets: dict[str, TargetEntry],
        platforms: dict[str, PlatformEntry],
        egress: EgressPrices | None,
    ) -> None:
        self.services = services
        self.targets = targets
        self.platforms = platforms
        self.egress = egress

    @classmethod
    def load(cls, root: Path | None = None) -> Catalog:
        """Load and validate every file under ``root`` (default: the packaged providers/)."""
        root = root or providers_dir()
        if not root.is_dir():
            raise CatalogError(f"{root}: catalog directory not found")
        services = _load_dir(root / "aws", ServiceEntry)
        egress_file = root / "aws" / "_egress.yaml"
        egress = _validate(EgressPrices, egress_file) if egress_file.exists() else None
        return cls(
            services=services,
            targets=_load_dir(root / "targets", TargetEntry),
            platforms=_load_dir(root / "platforms", PlatformEntry),
            egress=egress,
        )

    @cached_property
    def _by_alias(self) -> dict[str, ServiceEntry]:
        index = {}
        for entry in self.services.values():
            for alias in entry.aliases:
                index[alias] = entry
        return index

    @cached_property
    def _terraform_prefixes(self) -> list[tuple[str, ServiceEntry]]:
        pairs = [(p, e) for e in self.services.values() for p in e.reveals.terraform]
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    @cached_property
    def _cfn_prefixes(self) -> list[tuple[str, ServiceEntry]]:
        pairs = [(p, e) for e in self.services.values() for p in e.reveals.cloudformation]
        return sorted(pairs, key=lambda pair: -len(pair[0]))

    def service(self, service_id: str) -> ServiceEntry | None:
        """The entry for a boto3 client name or one of its aliases."""
        return self.services.get(service_id) or self._by_alias.get(service_id)

    def by_terraform_type(self, resource_type: str) -> ServiceEntry | None:
        """The entry whose Terraform prefix is the longest match for ``resource_type``."""
        return next((e for p, e in self._terraform_prefixes if resource_type.startswith(p)), None)

    def by_cloudformation_type(self, resource_type: str) -> ServiceEntry | None:
        """The entry whose CloudFormation namespace is the longest match for ``resource_type``."""
        return next((e for p, e in self._cfn_prefixes if resource_type.startswith(p)), None)

    def match(self, resource: Resource) -> ServiceEntry | PlatformEntry | None:
        """The catalog entry that describes ``resource``."""
        if resource.provider != "aws":
            return self.platforms.get(resource.service)
        return (
            self.service(resource.service)
            or self.by_cloudformation_type(resource.type)
            or self.by_terraform_type(resource.type)
        )

    def by_level(self) -> dict[LockIn, list[ServiceEntry]]:
        """Services grouped by lock-in level, each group sorted by id."""
        groups: dict[LockIn, list[ServiceEntry]] = {level: [] for level in LockIn}
        for entry in sorted(self.services.values(), key=lambda e: e.id):
            groups[entry.lock_in].append(entry)
        return groups

    def iter_all(self) -> Iterable[ServiceEntry | PlatformEntry]:
        """Every service and platform entry."""
        yield from self.services.values()
        yield from self.platforms.values()
