"""End to end: one region's report rendered by papermill and nbconvert."""
from __future__ import annotations

import base64
import io
import re
from html.parser import HTMLParser

import pytest
from fontTools.ttLib import TTFont

from edueval.report.render import ParameterError, check_parameters, render


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)


@pytest.fixture(scope="module")
def changzhi(processed, report_notebook, tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    params = {"region_code": "140400", "lang": "zh", "root": str(processed)}
    render(report_notebook, params, out / "a.html", out / "a.ipynb", title="长治市", lang="zh")
    render(report_notebook, params, out / "b.html", out / "b.ipynb", title="长治市", lang="zh")
    return (out / "a.html").read_text(encoding="utf-8"), (out / "b.html").read_bytes()


def test_report_is_byte_identical_when_rebuilt(changzhi):
    html, second = changzhi
    assert html.encode("utf-8") == second


def test_report_states_the_real_facts_with_their_benchmarks(changzhi):
    html, _ = changzhi
    assert "长治市教育发展评估" in html
    assert "93.9%（2021）" in html  # 学前三年毛入园率 2021
    # the national 85% that seed-001 quotes is the national 2020 target (one line); the provincial 90% is its own
    assert "≥85%（2020）" in html and "≥90%（2021）" in html
    assert 'id="scorecard"' in html and 'id="sources"' in html and 'id="build"' in html


def test_document_text_is_escaped(changzhi):
    html, _ = changzhi
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html  # escaped (nbconvert may re-serialise the quotes)


def test_report_is_self_contained(changzhi):
    html, _ = changzhi
    # nothing is loaded from the network; links a reader may click (<a href>) to official pages are fine
    assert not re.search(r"""src=["']?(?:https?:)?//""", html)
    assert not re.search(r"""<link[^>]+href=["']?(?:https?:)?//""", html)
    assert not re.search(r"url\((?!data:|#)", html)  # a chart's clip path url(#…) stays in the page
    assert "<script" not in html.lower()  # nothing to run, nothing to fetch
    assert html.count('class="chart"') >= 2 and html.count("<svg") >= 2  # charts inline, text as text
    assert len(html.encode("utf-8")) < 1_500_000


def test_every_character_on_the_page_has_a_glyph_in_the_embedded_font(changzhi):
    html, _ = changzhi
    data = re.search(r"data:font/woff;base64,([A-Za-z0-9+/=]+)", html).group(1)
    cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.chunks)
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in cmap})
    assert not missing, f"characters without a glyph: {missing[:20]}"


def test_unknown_parameter_fails_before_execution(report_notebook):
    with pytest.raises(ParameterError, match=r"'regoin_code' \(did you mean 'region_code'\?\)"):
        check_parameters(report_notebook, {"regoin_code": "140400"})


def test_a_failed_render_keeps_the_previous_report(report_notebook, tmp_path):
    target = tmp_path / "r.html"
    target.write_text("previous report", encoding="utf-8")
    with pytest.raises(Exception):  # noqa: B017 - whatever the run fails with, the old page must stay
        render(report_notebook, {"region_code": "140400", "root": str(tmp_path / "missing")},
               target, tmp_path / "r.ipynb", title="x", lang="zh")
    assert target.read_text(encoding="utf-8") == "previous report"
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []


def test_a_warm_kernel_gives_the_same_report_as_a_fresh_one(changzhi, processed, report_notebook, tmp_path):
    """Batch builds reuse one kernel; a region rendered after another must not differ."""
    from edueval.report.render import WarmKernel

    html, _ = changzhi
    with WarmKernel() as kernel:
        for code in ("620802", "140400"):  # 长治市 after 崆峒区, in the same kernel
            render(report_notebook, {"region_code": code, "root": str(processed)},
                   tmp_path / f"{code}.html", tmp_path / f"{code}.ipynb", title="长治市", lang="zh", kernel=kernel)
    assert (tmp_path / "140400.html").read_text(encoding="utf-8") == html


def test_the_export_adds_what_nbconvert_adds_without_its_soup_round_trip():
    from bs4 import BeautifulSoup

    from edueval.report.render import NO_ALT, _accessible

    html = ('<div class="jp-Notebook"><div class="jp-Cell jp-OutputArea-output x" data-mime-type="text/html">'
            '<img src="a.png"><img alt="kept" src="b.png"><div class="jp-OutputArea-outputs">no</div></div></div>')
    soup = BeautifulSoup(html, features="html.parser")
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = NO_ALT
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    assert str(BeautifulSoup(_accessible(html), features="html.parser")) == str(soup)
