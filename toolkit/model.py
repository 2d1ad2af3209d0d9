"""The data model that flows through every stage of evac.

Pure pydantic models, no I/O. The JSON forms of :class:`Inventory`, :class:`Assessment`,
:class:`Plan` and :class:`Journal` are a public, versioned contract (``schema`` field);
``evac schema NAME`` prints their JSON Schema.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

INVENTORY_SCHEMA: Final = "evac.inventory/1"
ASSESSMENT_SCHEMA: Final = "evac.assessment/1"
PLAN_SCHEMA: Final = "evac.plan/1"
JOURNAL_SCHEMA: Final = "evac.journal/1"


def utcnow() -> datetime:
    """The current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class LockIn(StrEnum):
    """How hard a dependency is to leave, from easiest to impossible."""

    portable = "portable"  # open standard or open-source engine; moves as is
    compatible = "compatible"  # proprietary service with an open API or format that others implement
    proprietary = "proprietary"  # proprietary API; must be rebuilt on a replacement
    trapped = "trapped"  # something cannot be exported at all, or only while access lasts

    @property
    def rank(self) -> int:
        """0 (portable) to 3 (trapped), for ordering and comparison."""
        return list(LockIn).index(self)


Origin = Literal["api", "terraform", "cloudformation", "serverless", "kubernetes", "code", "dns", "platform"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Location(_Model):
    """Where in a source tree a resource or finding was seen (paths relative to the scanned root)."""

    path: str
    line: int = Field(ge=1)
    end_line: int | None = None
    column: int | None = None
    evidence: str | None = Field(default=None, description="the text that revealed it, secrets redacted")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class DataSize(_Model):
    """How much data a store holds. ``bytes`` counts each byte once across the inventory."""

    bytes: int = Field(default=0, ge=0)
    objects: int | None = Field(default=None, ge=0, description="objects, files or images")
    items: int | None = Field(default=None, ge=0, description="items, records or messages")
    rows: int | None = Field(default=None, ge=0)
    users: int | None = Field(default=None, ge=0)
    method: str | None = Field(
        default=None, description="how it was measured: api, cloudwatch, listing, estimate"
    )


class Resource(_Model):
    """One thing that exists (or is declared) and would have to move."""

    uid: str = Field(description="ARN for live resources, path:line for code")
    provider: str = "aws"
    service: str = Field(description="boto3 client name, e.g. dynamodb, cognito-idp")
    type: str = Field(description="native type, e.g. AWS::DynamoDB::Table or aws_dynamodb_table")
    name: str
    region: str | None = Field(default=None, description="region, 'global', or None when unknown")
    account: str | None = None
    origin: Origin = "api"
    location: Location | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)
    tags: dict[str, str] = Field(default_factory=dict)
    data: DataSize | None = None
    depends_on: list[str] = Field(default_factory=list, description="uids this resource needs")


class ScanError(_Model):
    """Something a scanner could not read, and why. The scan goes on without it."""

    scanner: str
    service: str | None = None
    region: str | None = None
    target: str | None = Field(default=None, description="file, account or endpoint concerned")
    code: str = Field(description="AccessDenied, Throttling, Unreachable, ParseError, ...")
    message: str


class ScannerRun(_Model):
    """What one scanner did: its scope, timing, cost and failures."""

    scanner: str
    target: str = Field(description="account/regions for aws, root path for path scanners")
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    resources: int = 0
    api_calls: int = 0
    api_calls_by_operation: dict[str, int] = Field(default_factory=dict)
    api_retries: dict[str, int] = Field(
        default_factory=dict,
        description="attempts repeated per service:Operation (throttling, transient errors)",
    )
    files_scanned: int = 0
    errors: list[ScanError] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list, description="what was deliberately not read")


class Inventory(_Model):
    """Everything the scanners found, plus how they found it."""

    schema_: Literal["evac.inventory/1"] = Field(default=INVENTORY_SCHEMA, alias="schema")
    generated_at: datetime = Field(default_factory=utcnow)
    tool_version: str = ""
    resources: list[Resource] = Field(default_factory=list)
    runs: list[ScannerRun] = Field(default_factory=list)

    @property
    def errors(self) -> list[ScanError]:
        """Every error of every scanner run."""
        return [e for run in self.runs for e in run.errors]

    @property
    def partial(self) -> bool:
        """True when some part of the scan could not be read."""
        return bool(self.errors)

    def merge(self, other: Inventory) -> Inventory:
        """A new inventory with both sets of resources (first seen wins on uid) and runs."""
        seen = {r.uid for r in self.resources}
        extra = [r for r in other.resources if r.uid not in seen]
        return self.model_copy(
            update={"resources": [*self.resources, *extra], "runs": [*self.runs, *other.runs]}
        )


class Blocker(_Model):
    """Something that cannot leave, or only while access lasts, and what to do about it now."""

    id: str
    service: str
    title: str
    detail: str
    action_now: str = Field(description="what to do while access to the provider remains")
    resources: list[str] = Field(default_factory=list)
    deadline: Literal["before_notice", "during_notice", "after"] = "before_notice"


class Replacement(_Model):
    """A way to run a service somewhere else."""

    name: str
    kind: Literal["self-hosted", "managed", "saas", "library"] = "self-hosted"
    url: str | None = None
    notes: str | None = None


class Finding(_Model):
    """A judgement: these resources depend on this catalog entry, with this lock-in."""

    id: str = Field(description="stable id: entry id + a digest of the resource uids")
    entry: str = Field(description="catalog entry id (boto3 client name or platform id)")
    service: str
    title: str
    resources: list[str]
    lock_in: LockIn
    reason: str
    checks: list[str] = Field(default_factory=list, description="attribute checks that changed the verdict")
    replacements: list[Replacement] = Field(default_factory=list)
    export: str = ""
    effort_hours: tuple[float, float] = (0.0, 0.0)
    blockers: list[str] = Field(default_factory=list, description="ids of blockers")
    locations: list[Location] = Field(default_factory=list)
    waived: str | None = Field(default=None, description="waiver reason, when waived")


class ScoreComponent(_Model):
    """One row of the score's breakdown."""

    service: str
    lock_in: LockIn
    resources: int
    weight: float
    penalty: float


class Score(_Model):
    """Readiness 0-100 (100: nothing ties you down) with the arithmetic behind it."""

    value: float = Field(ge=0, le=100)
    formula: str
    by_level: dict[str, int] = Field(default_factory=dict, description="resources per lock-in level")
    breakdown: list[ScoreComponent] = Field(default_factory=list)


class StoreSize(_Model):
    """The data held by one store."""

    uid: str
    service: str
    name: str
    region: str | None = None
    bytes: int = 0
    objects: int | None = None
    items: int | None = None
    method: str | None = None


class DataGravity(_Model):
    """The data that must move."""

    bytes: int = 0
    by_service: dict[str, int] = Field(default_factory=dict)
    by_region: dict[str, int] = Field(default_factory=dict)
    stores: list[StoreSize] = Field(default_factory=list)


class EstimateInputs(_Model):
    """Everything the time estimate depends on, stated so a reader can redo the arithmetic."""

    notice_hours: float = 36.0
    bandwidth_bps: float = 1e9
    parallel_lanes: int = 16
    efficiency: float = Field(default=0.8, description="share of the link a bulk copy really gets")
    team_size: int = 4
    target: str = "bare-metal"
    hours_per_day: float = Field(default=24.0, description="working hours per engineer per day")


class Phase(_Model):
    """One phase of an evacuation and how long it takes."""

    name: str
    hours: float = Field(ge=0)
    depends_on: list[str] = Field(default_factory=list)
    start_hours: float = 0.0
    detail: str = ""


class Estimate(_Model):
    """Time to evacuate: phases, the critical path, and the verdict against the notice."""

    inputs: EstimateInputs
    phases: list[Phase]
    critical_path: list[str]
    hours: float
    fits_notice: bool
    transfer_hours: float = Field(default=0.0, description="raw bulk transfer time, a floor")


class EgressLine(_Model):
    """Egress cost for one region."""

    region: str
    bytes: int
    usd: float


class Egress(_Model):
    """The bill for moving the data out over the internet."""

    usd: float
    bytes: int
    by_region: list[EgressLine] = Field(default_factory=list)
    price_date: str = ""
    assumptions: list[str] = Field(default_factory=list)


class Assessment(_Model):
    """An audited inventory: findings, score, data gravity, estimate, egress bill, blockers."""

    schema_: Literal["evac.assessment/1"] = Field(default=ASSESSMENT_SCHEMA, alias="schema")
    generated_at: datetime = Field(default_factory=utcnow)
    tool_version: str = ""
    inventory: Inventory
    findings: list[Finding] = Field(default_factory=list)
    blockers: list[Blocker] = Field(default_factory=list)
    score: Score
    data: DataGravity = Field(default_factory=DataGravity)
    estimate: Estimate
    egress: Egress
    expired_waivers: list[str] = Field(
        default_factory=list, description="waivers past their expiry date: no longer applied"
    )


PhaseName = Literal["prepare", "provision", "data", "deploy", "verify", "cutover", "decommission"]


class Step(_Model):
    """One step of a migration plan."""

    id: str
    phase: PhaseName
    title: str
    resources: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    service: str | None = None
    component: str | None = Field(default=None, description="replacement component on the target")
    target: str | None = None
    replacement: str | None = Field(
        default=None, description="what runs the component there: a managed offering or self-hosted software"
    )
    self_hosted: bool | None = Field(default=None, description="True when no managed equivalent was used")
    role: str | None = Field(default=None, description="Ansible group/role in playbooks/site.yml")
    commands: list[str] = Field(default_factory=list)
    verification: list[str] = Field(default_factory=list)
    rollback: list[str] = Field(default_factory=list)
    hours: float = 0.0
    owner: str = "platform"
    notes: list[str] = Field(default_factory=list)


class Plan(_Model):
    """An ordered migration plan from an assessment to a target."""

    schema_: Literal["evac.plan/1"] = Field(default=PLAN_SCHEMA, alias="schema")
    generated_at: datetime = Field(default_factory=utcnow)
    tool_version: str = ""
    target: str
    target_map: dict[str, str] = Field(default_factory=dict)
    assessment_digest: str = ""
    notice_hours: float = 36.0
    steps: list[Step]
    critical_path: list[str] = Field(default_factory=list)
    hours: float = 0.0
    lost: list[Blocker] = Field(default_factory=list, description="what will be lost or must be reset")


class JournalEntry(_Model):
    """One timed thing a provisioning, drill, evacuation or failover run did."""

    phase: str
    action: str
    status: Literal["planned", "running", "ok", "changed", "failed", "skipped", "rolled_back"]
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    seconds: float | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class Journal(_Model):
    """What a run actually did, phase by phase; written as it goes so it survives interruption."""

    schema_: Literal["evac.journal/1"] = Field(default=JOURNAL_SCHEMA, alias="schema")
    kind: Literal["provision", "drill", "evacuate", "failover"]
    run_id: str
    dry_run: bool = True
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    entries: list[JournalEntry] = Field(default_factory=list)
    outcome: Literal["running", "ok", "failed", "interrupted", "dry_run"] = "running"


DOCUMENTS: dict[str, type[BaseModel]] = {
    "inventory": Inventory,
    "assessment": Assessment,
    "plan": Plan,
    "journal": Journal,
}
