"""Every renderer: JSON round-trips, SARIF validates, JUnit parses, HTML is self-contained."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from toolkit import documents
from toolkit.errors import InputError
from toolkit.model import Assessment, LockIn
from toolkit.report import RENDERERS, parse_formats, write_reports

SARIF_SCHEMA = Path("/work/shared/schemas/sarif-schema-2.1.0.json")


@pytest.fixture(scope="module")
def written(assessment: Assessment, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("reports")
    paths = write_reports(assessment, out, parse_formats("all"))
    return {p.name: p for p in paths}


def test_registry_names_every_format() -> None:
    assert RENDERERS.names() == ["html", "json", "junit", "md", "sarif", "terminal"]
    with pytest.raises(InputError, match="unknown format"):
        parse_formats("json,pdf")


def test_files_written(written: dict[str, Path]) -> None:
    assert sorted(written) == [
        "assessment.json",
        "report.html",
        "report.junit.xml",
        "report.md",
        "report.sarif",
        "report.txt",
    ]


def test_json_is_the_assessment(assessment: Assessment, written: dict[str, Path]) -> None:
    again = documents.read(written["assessment.json"], Assessment)
    assert again == assessment
    assert json.loads(written["assessment.json"].read_text())["schema"] == "evac.assessment/1"


def test_sarif_validates_and_locates(assessment: Assessment, written: dict[str, Path]) -> None:
    log = json.loads(written["report.sarif"].read_text())
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    run = log["runs"][0]
    assert len(run["results"]) == len(assessment.findings)
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == sorted({f.entry for f in assessment.findings})
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    physical = [
        loc["physicalLocation"] for r in run["results"] for loc in r["locations"] if "physicalLocation" in loc
    ]
    assert {"uri": "src/app.py", "uriBaseId": "%SRCROOT%"} in [p["artifactLocation"] for p in physical]
    region = next(p["region"] for p in physical if p["artifactLocation"]["uri"] == "infra/queues.tf")
    assert region == {"startLine": 4, "endLine": 7}
    logical = [
        ll["fullyQualifiedName"]
        for r in run["results"]
        for loc in r["locations"]
        for ll in loc.get("logicalLocations", [])
    ]
    assert "arn:aws:kms:eu-west-1:1:key/k1" in logical
    suppressed = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in suppressed] == ["frobnicator"]
    levels = {r["properties"]["lockIn"]: r["level"] for r in run["results"]}
    assert levels["trapped"] == "error" and levels["proprietary"] == "warning"


def test_junit_parses_and_counts(assessment: Assessment, written: dict[str, Path]) -> None:
    root = ET.parse(written["report.junit.xml"]).getroot()
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    findings = suites["evac.findings"]
    failing = [f for f in assessment.findings if not f.waived and f.lock_in.rank >= LockIn.proprietary.rank]
    assert int(findings.get("tests", "0")) == len(assessment.findings)
    assert int(findings.get("failures", "0")) == len(failing)
    assert int(findings.get("skipped", "0")) == 1
    assert int(suites["evac.blockers"].get("failures", "0")) == len(assessment.blockers)
    notice_case = suites["evac.estimate"].find("testcase")
    assert notice_case is not None
    assert (notice_case.find("failure") is None) is assessment.estimate.fits_notice
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites.values())


def test_html_is_self_contained(assessment: Assessment, written: dict[str, Path]) -> None:
    html = written["report.html"].read_text()
    assert not re.search(r"""(?:src|href|xlink:href)\s*=\s*["']?(?!#)[a-z]+:""", html, re.IGNORECASE)
    assert not re.search(r"<(?:link|script|img|iframe)\b", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    for chart in ("chart-lockin", "chart-timeline", "chart-gravity"):
        assert f'id="{chart}"' in html
    assert f'data-score="{assessment.score.value}"' in html
    assert "media &lt;&amp;&gt;" in html  # escaped, never raw markup


def test_markdown_and_terminal(assessment: Assessment, written: dict[str, Path]) -> None:
    md = written["report.md"].read_text()
    assert f"**Readiness score: {assessment.score.value} / 100**" in md
    assert "## Blockers: do now, while access lasts" in md
    for phase in assessment.estimate.phases:
        assert f"| {phase.name} |" in md or f"| **{phase.name}** |" in md
    stream = io.StringIO()
    RENDERERS.get("terminal")(assessment, stream)
    text = stream.getvalue()
    assert f"Readiness {assessment.score.value:g} / 100" in text
    assert "Blockers" in text and "Evacuation estimate" in text
    assert "\x1b[" not in text  # no colour codes when the stream is not a terminal
