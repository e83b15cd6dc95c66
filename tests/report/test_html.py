"""Templates escape text from data and documents by default; numbers print without float noise."""
from __future__ import annotations

import dataclasses

from edueval.report import html as h
from edueval.report.i18n import words

from .conftest import HOSTILE_PUBLISHER, HOSTILE_QUOTE, HOSTILE_TITLE

ATTACK = "<script>alert(1)</script> & 高于国家85%"


def test_templates_escape_what_they_are_given():
    w = words("zh")
    out = h.render("quality.html.j2", w=w, issues=[{"title": ATTACK, "text": ATTACK}], gaps=[ATTACK])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 高于国家85%" in out


def test_markup_built_by_the_package_passes_and_nothing_else():
    out = h.render("policy.html.j2", w=words("en"),
                   view={"policies": [{"name": h.Markup("<b>ok</b>"), "date": "", "year": 2021, "indicators": "<i>x</i>",
                                       "sentences": ["<script>"]}], "none": "", "caveat": ""})
    assert "<b>ok</b>" in out and "&lt;i&gt;x&lt;/i&gt;" in out and "&lt;script&gt;" in out


def test_a_misspelt_value_fails_the_page():
    import jinja2
    import pytest

    with pytest.raises(jinja2.UndefinedError):
        h.render("quality.html.j2", w=words("zh"), issues=[])


def test_numbers_are_formatted_without_float_noise():
    assert h.fmt_number(94.08) == "94.08"
    assert h.fmt_number(70.49999999999999) == "70.5"
    assert h.fmt_number(85.0) == "85"
    assert h.fmt_number(98060.0) == "98,060"
    assert h.fmt_number(float("nan")) == "–"
    assert h.signed(1.5) == "+1.5" and h.signed(-0.3) == "−0.3" and h.signed(0.0) == "0"


def test_a_whole_page_escapes_quotes_titles_publishers_and_region_names(context_of):
    """The page of 长治 shows a quote, a document title and a publisher that are attacks; its
    region is renamed to one too."""
    from edueval.report import sections

    ctx = context_of("140400", "zh")
    ctx.region = dataclasses.replace(ctx.region, name_zh="<script>alert('region')</script>长治")
    page = str(sections.page(ctx))
    for attack in (HOSTILE_QUOTE, HOSTILE_TITLE, HOSTILE_PUBLISHER, "<script>alert('region')</script>"):
        assert attack not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; 高于国家85%" in page
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(&#39;publisher&#39;)&gt;" in page
    assert "&lt;script&gt;alert(&#39;region&#39;)&lt;/script&gt;长治" in page
    assert "<script" not in page.lower()
