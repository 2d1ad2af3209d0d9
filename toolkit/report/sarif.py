"""SARIF 2.1.0: one rule per catalog entry, one result per finding, with source or logical locations."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..model import Assessment, Finding, Location, LockIn

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {
    LockIn.trapped: "error",
    LockIn.proprietary: "warning",
    LockIn.compatible: "note",
    LockIn.portable: "none",
}


def _rule(finding: Finding) -> dict[str, Any]:
    name = finding.title.split(":", 1)[0]
    help_text = finding.export or finding.reason
    if finding.replacements:
        help_text += " Replace with: " + ", ".join(r.name for r in finding.replacements) + "."
    return {
        "id": finding.entry,
        "name": "".join(part.capitalize() for part in finding.entry.split("-")) + "LockIn",
        "shortDescription": {"text": f"Depends on {name}"},
        "fullDescription": {"text": finding.reason},
        "help": {"text": help_text},
        "properties": {"tags": ["lock-in", finding.service]},
    }


def _physical(loc: Location) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line}
    if loc.end_line and loc.end_line >= loc.line:
        region["endLine"] = loc.end_line
    if loc.column and loc.column >= 1:
        region["startColumn"] = loc.column
    if loc.evidence:
        region["snippet"] = {"text": loc.evidence}
    uri = loc.path if not loc.path.startswith("/") else f"file://{loc.path}"
    artifact: dict[str, Any] = {"uri": uri}
    if not loc.path.startswith("/"):
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _result(finding: Finding, index: int) -> dict[str, Any]:
    why = "; ".join(finding.checks) if finding.checks else finding.reason
    result: dict[str, Any] = {
        "ruleId": finding.entry,
        "ruleIndex": index,
        "level": LEVELS[finding.lock_in],
        "kind": "fail" if finding.lock_in.rank >= LockIn.compatible.rank else "pass",
        "message": {"text": f"{finding.title} — {finding.lock_in.value}: {why}"},
        "partialFingerprints": {"evacFinding/v1": finding.id},
        "properties": {
            "lockIn": finding.lock_in.value,
            "resources": finding.resources,
            "blockers": finding.blockers,
            "effortHours": list(finding.effort_hours),
        },
    }
    if finding.locations:
        result["locations"] = [_physical(loc) for loc in finding.locations]
    else:
        result["locations"] = [
            {"logicalLocations": [{"fullyQualifiedName": uid, "kind": "resource"}]}
            for uid in finding.resources
        ]
    if finding.waived:
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": finding.waived}]
    if result["level"] == "none":
        result["kind"] = "pass"
    return result


def sarif_log(assessment: Assessment) -> dict[str, Any]:
    """The SARIF log as a dict."""
    rules: dict[str, dict[str, Any]] = {}
    for finding in assessment.findings:
        rules.setdefault(finding.entry, _rule(finding))
    order = {entry: i for i, entry in enumerate(sorted(rules))}
    results = [_result(f, order[f.entry]) for f in assessment.findings]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "evac",
                        "version": assessment.tool_version or "0",
                        "rules": [rules[entry] for entry in sorted(rules)],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the scanned source root"}}},
                "results": results,
                "properties": {"score": assessment.score.value, "hours": assessment.estimate.hours},
            }
        ],
    }


def render(assessment: Assessment, stream: TextIO) -> None:
    """Write the SARIF 2.1.0 log."""
    json.dump(sarif_log(assessment), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
