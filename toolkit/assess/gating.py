"""CI gates: waivers (with reason and expiry), a baseline of known lock-in, and the pass/fail verdict."""

from __future__ import annotations

import json
from datetime import date, datetime
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .. import yamlfast
from ..errors import InputError
from ..model import Assessment, Finding, LockIn

BASELINE_SCHEMA = "evac.baseline/1"


class Waiver(BaseModel):
    """Accept a finding for a while: match by service, finding id or resource glob."""

    model_config = ConfigDict(extra="forbid")

    service: str | None = None
    finding: str | None = None
    resource: str | None = Field(
        default=None, description="glob over resource uids, e.g. arn:aws:s3:::logs-*"
    )
    reason: str = Field(min_length=3)
    expires: date

    @model_validator(mode="after")
    def _has_target(self) -> Waiver:
        if not (self.service or self.finding or self.resource):
            raise ValueError("a waiver needs one of service, finding or resource")
        return self

    def matches(self, finding: Finding) -> bool:
        """True when this waiver names the finding (a resource glob must match all its resources)."""
        if self.finding and self.finding == finding.id:
            return True
        if self.service and self.service in {finding.service, finding.entry}:
            return True
        return bool(self.resource) and all(fnmatchcase(uid, self.resource or "") for uid in finding.resources)

    def describe(self) -> str:
        """One line naming what it waives."""
        target = self.finding or self.service or self.resource
        return f"{target} ({self.reason}) expired {self.expires.isoformat()}"


class Waivers(BaseModel):
    """The waivers file: ``waivers: [{service|finding|resource, reason, expires}]``."""

    model_config = ConfigDict(extra="forbid")

    waivers: list[Waiver] = Field(default_factory=list)


def load_waivers(path: Path) -> Waivers:
    """Read a waivers YAML file, naming the file and field at fault."""
    try:
        raw = yamlfast.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except yaml.YAMLError as exc:
        raise InputError(f"{path}: not valid YAML: {exc}") from exc
    if isinstance(raw, list):
        raw = {"waivers": raw}
    try:
        return Waivers.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{path}: field '{where}': {first['msg']}") from exc


def apply_waivers(
    findings: list[Finding], waivers: Waivers | None, now: datetime
) -> tuple[list[Finding], list[str]]:
    """Findings with ``waived`` set where an unexpired waiver matches; the expired waivers described."""
    if not waivers:
        return findings, []
    today = now.date()
    active = [w for w in waivers.waivers if w.expires >= today]
    expired = sorted(w.describe() for w in waivers.waivers if w.expires < today)
    result = []
    for finding in findings:
        waiver = next((w for w in active if w.matches(finding)), None)
        result.append(finding.model_copy(update={"waived": waiver.reason}) if waiver else finding)
    return result, expired


class BaselineEntry(BaseModel):
    """One known finding: its id, entry, resources and level."""

    id: str
    entry: str
    lock_in: LockIn
    resources: list[str]


class Baseline(BaseModel):
    """The lock-in already accepted (``evac audit --write-baseline``)."""

    schema_: Literal["evac.baseline/1"] = Field(default="evac.baseline/1", alias="schema")
    findings: list[BaselineEntry] = Field(default_factory=list)

    model_config = ConfigDict(populate_by_name=True)

    def is_new(self, finding: Finding) -> bool:
        """New unless its id is known, or every (entry, resource) is known at this level or higher."""
        if any(b.id == finding.id for b in self.findings):
            return False
        known: dict[tuple[str, str], int] = {}
        for b in self.findings:
            for uid in b.resources:
                known[(b.entry, uid)] = max(known.get((b.entry, uid), -1), b.lock_in.rank)
        return any(known.get((finding.entry, uid), -1) < finding.lock_in.rank for uid in finding.resources)


def baseline_of(assessment: Assessment) -> Baseline:
    """A baseline accepting every finding of the assessment."""
    return Baseline(
        findings=[
            BaselineEntry(id=f.id, entry=f.entry, lock_in=f.lock_in, resources=f.resources)
            for f in assessment.findings
        ]
    )


def write_baseline(assessment: Assessment, path: Path) -> Path:
    """Write the assessment's findings as a baseline file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(baseline_of(assessment).model_dump_json(by_alias=True, indent=2) + "\n", encoding="utf-8")
    return path


def load_baseline(path: Path) -> Baseline:
    """Read a baseline: the evac.baseline/1 document, or a bare JSON list of finding ids."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if isinstance(raw, list) and all(isinstance(i, str) for i in raw):
        raw = {"findings": [{"id": i, "entry": "", "lock_in": "trapped", "resources": []} for i in raw]}
    try:
        return Baseline.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{path}: field '{'.'.join(str(p) for p in first['loc'])}': {first['msg']}") from exc


class GateResult(BaseModel):
    """The gates' verdict and why."""

    failed: bool
    reasons: list[str] = Field(default_factory=list)
    new_findings: list[str] = Field(default_factory=list)


def evaluate_gates(
    assessment: Assessment,
    *,
    fail_under: float | None = None,
    fail_on: LockIn | None = None,
    baseline: Baseline | None = None,
) -> GateResult:
    """Fail under a score, or on unwaived findings at/above a level (only new ones given a baseline).

    With a baseline and no ``fail_on``, new findings at ``proprietary`` or worse fail.
    """
    reasons = []
    if fail_under is not None and assessment.score.value < fail_under:
        reasons.append(f"score {assessment.score.value:g} is under {fail_under:g}")
    level = fail_on or (LockIn.proprietary if baseline else None)
    new: list[str] = []
    if level is not None:
        hits = [f for f in assessment.findings if not f.waived and f.lock_in.rank >= level.rank]
        if baseline is not None:
            hits = [f for f in hits if baseline.is_new(f)]
            new = [f.id for f in hits]
        if hits:
            qualifier = "new " if baseline is not None else ""
            reasons.append(
                f"{len(hits)} {qualifier}finding(s) at {level.value} or worse: "
                + ", ".join(f.id for f in hits[:10])
                + (" …" if len(hits) > 10 else "")
            )
    return GateResult(failed=bool(reasons), reasons=reasons, new_findings=new)
