"""Every built report and the index, opened in headless Chromium.

Run by `make test-browser` after `make` (and by .ci/run). Without a browser the tests
skip, except under CI, where a missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from edueval import paths

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REPORTS = sorted(paths.REPORTS.glob("*.html"))
SCREENS = paths.BUILD / "screenshots"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("CI: Debian's chromium is not installed (apt-get install -y chromium)")
        pytest.skip("no chromium on this machine; install Debian's chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def test_reports_exist():
    if not REPORTS:
        pytest.fail("no reports in reports/: run `make` first")
    assert paths.REPORTS / "index.html" in REPORTS


@pytest.mark.parametrize("report", REPORTS, ids=[p.name for p in REPORTS])
def test_report_opens_offline_without_errors(browser, report: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(report.resolve().as_uri())
    page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert outside == [], f"{report.name} made network requests: {outside}"
    assert problems == [], f"{report.name}: {problems}"
    assert page.evaluate("document.fonts.check(\"16px 'Noto Sans SC'\", '教育评估')")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{report.stem}.png"), full_page=False)
    if report.name == "index.html":
        assert page.locator("table a").count() >= 1
    else:
        assert page.locator("#scorecard").count() == 1
        assert page.locator("#scorecard ~ table, #scorecard + * table, table.scorecard").count() >= 1
        assert page.locator("#sources").count() == 1
        if page.locator("#charts ~ figure img, figure img").count():
            assert page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
    page.close()
