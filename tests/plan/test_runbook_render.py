"""render_runbook: both files, every section, every step, a self-contained HTML with an inline SVG Gantt."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.catalog import Catalog
from toolkit.model import Assessment, Plan
from toolkit.plan import make_plan
from toolkit.runbook import render_runbook

SECTIONS = [
    "Summary and verdict",
    "Timeline and critical path",
    "Pre-eviction checklist",
    "Steps",
    "Communications checklist",
    "what will be lost or must be reset",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("src", "href") and value and not value.startswith("#"):
                self.external.append(f"{tag} {name}={value}")


@pytest.fixture(scope="module")
def plan(assessment: Assessment, catalog: Catalog) -> Plan:
    return make_plan(assessment, catalog, "hetzner")


@pytest.fixture(scope="module")
def rendered(plan: Plan, assessment: Assessment, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    out = tmp_path_factory.mktemp("runbook")
    paths = render_runbook(plan, out, assessment=assessment)
    assert [p.name for p in paths] == ["runbook.md", "runbook.html"]
    return (out / "runbook.md").read_text(), (out / "runbook.html").read_text()


def test_both_files_carry_every_section(rendered: tuple[str, str]) -> None:
    markdown, html = rendered
    for section in SECTIONS:
        assert section in markdown, section
        assert section in html, section


def test_every_step_with_its_commands_verification_and_rollback(
    rendered: tuple[str, str], plan: Plan
) -> None:
    markdown, html = rendered
    parser = _Collector()
    parser.feed(html)
    for step in plan.steps:
        assert f'<a id="{step.id}"></a>' in markdown
        assert step.id in parser.ids
        assert step.commands[0] in markdown
    assert markdown.count("Verify:") == len(plan.steps) and markdown.count("Rollback:") == len(plan.steps)
    assert "pg_dump -h orders.abc.eu-west-1.rds.amazonaws.com" in markdown
    assert "rclone copy aws:acme-uploads target:acme-uploads" in markdown


def test_html_is_self_contained_with_an_inline_svg_gantt(rendered: tuple[str, str], plan: Plan) -> None:
    _, html = rendered
    parser = _Collector()
    parser.feed(html)
    assert parser.external == [], parser.external
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "script" not in parser.tags and "link" not in parser.tags and "img" not in parser.tags
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == len(plan.steps)
    assert svg.count('stroke="#dc2626"') == len(plan.critical_path)
    assert "notice ends" in svg


def test_commands_are_escaped_in_html_and_verbatim_in_markdown(rendered: tuple[str, str]) -> None:
    markdown, html = rendered
    process_substitution = "diff <(aws dynamodb scan --table-name sessions"
    assert process_substitution in markdown
    assert "diff &lt;(aws dynamodb scan --table-name sessions" in html


def test_checklist_comms_and_lost_appendix(rendered: tuple[str, str], plan: Plan) -> None:
    markdown, html = rendered
    now = markdown.split("Pre-eviction checklist", 1)[1].split("## 4.", 1)[0]
    for step in (s for s in plan.steps if s.phase == "prepare"):
        assert step.id in now
    for audience in ("Status page", "Users", "App stores", "Partners"):
        assert audience in markdown and audience in html
    lost = markdown.split("what will be lost or must be reset", 1)[1]
    assert "Cognito" in lost or "password" in lost.lower()
    assert "passwords" in markdown.split("## 5. Communications", 1)[1].split("## 6.", 1)[0]


def test_verdict_against_the_notice(plan: Plan, tmp_path: Path) -> None:
    fits = render_runbook(plan.model_copy(update={"notice_hours": 10_000.0}), tmp_path / "a")
    assert "Fits the notice" in fits[0].read_text()
    short = render_runbook(plan.model_copy(update={"notice_hours": 1.0}), tmp_path / "b")
    text = short[0].read_text()
    assert "Does NOT fit the notice" in text
    assert 'class="verdict bad"' in short[1].read_text()
