"""JUnit XML for CI: a test case per finding (proprietary/trapped fail), per blocker, and for the notice."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ..model import Assessment, LockIn
from .view import hours


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=name)


def _close(suite: ET.Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    suite.set("errors", "0")


def render(assessment: Assessment, stream: TextIO) -> None:
    """Write the JUnit XML report."""
    root = ET.Element("testsuites", name="evac audit")
    findings = _suite(root, "evac.findings")
    for f in assessment.findings:
        case = ET.SubElement(findings, "testcase", classname=f"evac.{f.service}", name=f"{f.id}: {f.title}")
        why = "; ".join(f.checks) if f.checks else f.reason
        if f.waived:
            ET.SubElement(case, "skipped", message=f"waived: {f.waived}")
        elif f.lock_in.rank >= LockIn.proprietary.rank:
            failure = ET.SubElement(
                case, "failure", type=f.lock_in.value, message=f"{f.lock_in.value}: {why}"[:500]
            )
            failure.text = "\n".join([why, "resources:", *f.resources])
    _close(findings)
    blockers = _suite(root, "evac.blockers")
    for b in assessment.blockers:
        case = ET.SubElement(blockers, "testcase", classname=f"evac.blockers.{b.service}", name=b.id)
        failure = ET.SubElement(case, "failure", type="blocker", message=b.title)
        failure.text = f"{b.detail}\nNow: {b.action_now}"
    _close(blockers)
    notice = _suite(root, "evac.estimate")
    est = assessment.estimate
    case = ET.SubElement(
        notice,
        "testcase",
        classname="evac.estimate",
        name=f"evacuation fits the {est.inputs.notice_hours:g} h notice",
    )
    case.set("time", f"{est.hours * 3600:.0f}")
    if not est.fits_notice:
        ET.SubElement(
            case,
            "failure",
            type="notice",
            message=f"needs {hours(est.hours)}, notice is {est.inputs.notice_hours:g} h",
        )
    _close(notice)
    suites = root.findall("testsuite")
    for attr in ("tests", "failures", "skipped", "errors"):
        root.set(attr, str(sum(int(s.get(attr, "0")) for s in suites)))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
