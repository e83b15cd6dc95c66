"""Every built page and the index, opened in headless Chromium at desktop (1280 px) and phone
(390 px) widths.

Run by `make test-browser` after `make` (and by .ci/run). Checks on every page and width: no
request leaves the file, no console error, no horizontal page overflow on a phone, no two
text boxes of the scorecard, headline or sources tables overlap (the rectangles of their
cells' text), every internal link resolves, and both languages exist and link each other.
Screenshots of every page at both widths go to build/screenshots/. Without a browser the
tests skip, except under CI, where a missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from edueval import paths

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REPORTS = sorted(paths.REPORTS.glob("*.html"))
SCREENS = paths.BUILD / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
CHECKED_TABLES = "table.lines, table.scorecard, table.standards, .provenance table.rows"

# the rectangle of each cell's text (a Range over its contents: text that spills out of its cell
# is measured where it is drawn), and every pair of cells of one table whose text boxes intersect
OVERLAPS = """(selector) => {
  const out = [];
  document.querySelectorAll(selector).forEach((table, t) => {
    const boxes = [];
    table.querySelectorAll('th, td').forEach((cell) => {
      const head = cell.closest('thead');  /* a phone's card layout hides the header row (1 px, clipped) */
      if (head && (head.getBoundingClientRect().height <= 2 || head.getBoundingClientRect().width <= 2)) return;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const rects = Array.from(range.getClientRects()).filter(r => r.width > 0 && r.height > 0);
      rects.forEach(r => boxes.push({cell, r, text: cell.textContent.trim().slice(0, 40)}));
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.cell === b.cell || a.cell.contains(b.cell) || b.cell.contains(a.cell)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) out.push(`table ${t}: "${a.text}" overlaps "${b.text}"`);
      }
    }
  });
  return out.slice(0, 20);
}"""
LINKS = """() => Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"""
IDS = """() => Array.from(document.querySelectorAll('[id]')).map(e => e.id)"""


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


_OPENED: dict[tuple[str, int], dict] = {}


def opened(browser, report: Path, width: int) -> dict:
    """Load a page once per width and record everything the tests check."""
    key = (report.name, width)
    if key in _OPENED:
        return _OPENED[key]
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(report.resolve().as_uri())
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{report.stem}-{width}.png"), full_page=True)
    result = {
        "requests": [u for u in requests if not u.startswith(("file:", "data:"))], "problems": problems,
        "overflow": page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"),
        "overlaps": page.evaluate(OVERLAPS, CHECKED_TABLES), "links": page.evaluate(LINKS), "ids": set(page.evaluate(IDS)),
        "lang": page.evaluate("document.documentElement.lang"),
        "font": page.evaluate("document.fonts.check(\"16px 'Noto Sans SC'\", '教育评估')"),
        "images_ok": page.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"),
        "scorecard": page.locator("#scorecard").count(), "headline": page.locator("#headline").count(),
        "switch": page.evaluate("(() => { const a = document.querySelector('.lang-switch a');"
                                " return a ? a.getAttribute('href') : ''; })()"),
    }
    page.close()
    _OPENED[key] = result
    return result


def test_reports_exist():
    if not REPORTS:
        pytest.fail("no reports in reports/: run `make` first")
    names = {p.name for p in REPORTS}
    assert {"index.html", "index.en.html"} <= names


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_page_is_under_one_and_a_half_megabytes(report):
    assert report.stat().st_size < 1_500_000


CASES = [pytest.param(r, w, id=f"{r.name}-{name}") for r in REPORTS for name, w in WIDTHS.items()]


@pytest.mark.parametrize("report, width", CASES)
def test_page_is_offline_and_without_errors(browser, report, width):
    seen = opened(browser, report, width)
    assert seen["requests"] == [], f"{report.name} made network requests: {seen['requests']}"
    assert seen["problems"] == [], f"{report.name}: {seen['problems']}"
    assert seen["font"] and seen["images_ok"]
    if not report.name.startswith("index"):
        assert seen["headline"] == 1 and seen["scorecard"] <= 1


@pytest.mark.parametrize("report, width", CASES)
def test_no_text_box_of_the_tables_overlaps_another(browser, report, width):
    assert opened(browser, report, width)["overlaps"] == []


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_no_horizontal_page_scroll_on_a_phone(browser, report):
    assert opened(browser, report, WIDTHS["phone"])["overflow"] <= 0


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_every_internal_link_resolves(browser, report):
    seen = opened(browser, report, WIDTHS["desktop"])
    broken = []
    for href in seen["links"]:
        parsed = urlparse(href)
        if parsed.scheme in ("http", "https", "data"):
            continue  # official pages open in the reader's browser on a click; data: is the chart's CSV
        if href.startswith("#"):
            if unquote(href[1:]) not in seen["ids"]:
                broken.append(href)
        elif not (report.parent / unquote(parsed.path)).is_file():
            broken.append(href)
    assert broken == [], f"{report.name}: {broken[:10]}"


@pytest.mark.parametrize("report", REPORTS, ids=[r.name for r in REPORTS])
def test_both_languages_exist_and_link_each_other(browser, report):
    seen = opened(browser, report, WIDTHS["desktop"])
    other = report.parent / seen["switch"]
    assert seen["switch"] and other.is_file(), f"{report.name}: no page in the other language"
    back = opened(browser, other, WIDTHS["desktop"])
    assert (report.parent / back["switch"]).resolve() == report.resolve()
    assert {seen["lang"][:2], back["lang"][:2]} == {"zh", "en"}


def test_the_overlap_check_finds_text_that_spills_into_its_neighbour(browser, tmp_path):
    """The check above could fail: cells too narrow for unbreakable text overlap."""
    page_file = tmp_path / "overlap.html"
    page_file.write_text('<table class="scorecard" style="table-layout:fixed;width:120px"><tr>'
                         '<td style="white-space:nowrap;overflow:visible">aaaaaaaaaaaaaaaaaaaa</td>'
                         '<td style="white-space:nowrap">bbbbbbbbbbbbbbbbbbbb</td></tr></table>', encoding="utf-8")
    page = browser.new_page(viewport={"width": 390, "height": 400})
    page.goto(page_file.as_uri())
    assert page.evaluate(OVERLAPS, CHECKED_TABLES) != []
    page.close()


def test_index_tables_sort_by_a_click(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((paths.REPORTS / "index.html").resolve().as_uri())
    table = page.locator("table.regions")
    def codes() -> list[str]:
        return table.locator("tbody tr td:first-child").all_inner_texts()

    before = codes()
    table.locator("thead th").nth(0).click()
    assert codes() == sorted(before)
    table.locator("thead th").nth(0).click()
    assert codes() == sorted(before, reverse=True)
    page.close()
