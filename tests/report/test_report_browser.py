"""The HTML report in a real browser: headless Chromium renders the score and charts, no console errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.model import Assessment
from toolkit.report import write_reports

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

pytestmark = pytest.mark.slow


def _chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _console(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def test_console_capture_sees_errors(tmp_path: Path) -> None:
    """The control: a page that logs an error is caught, so silence below means no errors."""
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>console.error('evac-control'); missing();</script></body></html>")
    result = _chromium(page, tmp_path / "profile", "--dump-dom")
    messages = _console(result.stderr)
    assert any("evac-control" in m for m in messages)
    assert any("missing is not defined" in m for m in messages)


def test_html_report_renders_in_chromium(assessment: Assessment, tmp_path: Path) -> None:
    (page,) = write_reports(assessment, tmp_path / "out", ["html"])
    dom = _chromium(page, tmp_path / "profile", "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert _console(dom.stderr) == []
    html = dom.stdout
    assert f'data-score="{assessment.score.value}"' in html
    assert f'<div class="value">{assessment.score.value}</div>' in html
    for chart in ("chart-lockin", "chart-timeline", "chart-gravity"):
        assert f'<svg id="{chart}"' in html
    assert html.count('class="bar"') >= len(assessment.estimate.phases) + len(assessment.data.stores)
    assert 'id="notice-line"' in html

    screenshot = tmp_path / "report.png"
    shot = _chromium(
        page,
        tmp_path / "profile",
        f"--screenshot={screenshot}",
        "--window-size=1280,2000",
        "--hide-scrollbars",
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert _console(shot.stderr) == []
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a blank page compresses far smaller
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(screenshot, ARTIFACTS / "report-html.png")
