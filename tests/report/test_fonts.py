"""Chinese glyphs render from the shipped font, in charts and in the page."""
from __future__ import annotations

import io
import re
import warnings

import pytest
from fontTools.ttLib import TTFont

from edueval.report import fonts
from edueval.report.fonts import font_face_css, font_path, register_matplotlib_font, subset_woff

TEXT = "崆峒区学前三年毛入园率九年义务教育巩固率高中阶段毛入学率普惠性幼儿园覆盖率差异系数"


def test_font_is_an_openly_licensed_noto_sans_sc():
    font = TTFont(font_path())
    names = {r.nameID: r.toUnicode() for r in font["name"].names if r.platformID == 3}
    assert "Noto Sans SC" in names[1] or "Noto Sans CJK SC" in names[1]
    assert "SIL Open Font License" in names.get(13, "") or "OFL" in names.get(14, "")


def test_subset_covers_exactly_what_the_page_needs():
    font = TTFont(io.BytesIO(subset_woff(TEXT)))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in TEXT)
    assert ord("鑫") not in cmap  # not in the text, so not shipped
    assert font.flavor == "woff"


def test_subset_is_deterministic():
    assert subset_woff(TEXT) == subset_woff(TEXT)


def test_subset_from_the_cover_has_the_bytes_of_one_from_the_whole_font():
    """The per-process cover is only a shortcut: widened by other pages' characters (traditional
    forms, symbols), it still gives each text exactly the subset that a cover of that text
    alone, cut from the whole font in a new converter, gives."""
    other = "輪崗達數條學師總應⚠▼↗✓−鑫"
    first = subset_woff(TEXT)
    assert subset_woff(other) == fonts.subset_woff_from_whole_font(other)
    assert set(other) <= fonts._COVER.chars
    assert subset_woff(TEXT) == first == fonts.subset_woff_from_whole_font(TEXT)
    assert ord("鑫") not in TTFont(io.BytesIO(subset_woff(TEXT))).getBestCmap()


def test_page_font_is_truetype_with_outlines_and_counts_of_the_whole_font():
    """The page's glyphs are quadratic copies of the font's cubic ones: each within a font
    unit or two of the original's box, and maxp's counts are those fontTools computes."""
    from fontTools.pens.boundsPen import BoundsPen

    page = TTFont(io.BytesIO(subset_woff(TEXT)))
    whole = TTFont(font_path())
    assert page.sfntVersion == "\x00\x01\x00\x00" and "glyf" in page and "CFF " not in page
    page_cmap, whole_cmap = page.getBestCmap(), whole.getBestCmap()
    page_glyphs, whole_glyphs = page.getGlyphSet(), whole.getGlyphSet()
    for char in TEXT[:12]:
        boxes = []
        for glyphs, cmap in ((page_glyphs, page_cmap), (whole_glyphs, whole_cmap)):
            pen = BoundsPen(glyphs)
            glyphs[cmap[ord(char)]].draw(pen)
            boxes.append(pen.bounds)
        assert all(abs(a - b) <= fonts.MAX_ERR + 1 for a, b in zip(*boxes)), char
        assert page["hmtx"][page_cmap[ord(char)]][0] == whole["hmtx"][whole_cmap[ord(char)]][0]  # advance kept
    expected = TTFont(io.BytesIO(subset_woff(TEXT)))
    expected["maxp"].recalc(expected)
    assert (page["maxp"].maxPoints, page["maxp"].maxContours) == (expected["maxp"].maxPoints,
                                                                  expected["maxp"].maxContours)
    assert page["maxp"].maxPoints > 0


def test_font_face_css_embeds_the_font_without_a_url():
    css = font_face_css(TEXT)
    assert "url(data:font/woff;base64," in css
    assert not re.search(r"url\((?!data:)", css)


def test_matplotlib_draws_chinese_without_missing_glyphs():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    register_matplotlib_font()
    fig, ax = plt.subplots()
    ax.set_title(TEXT)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise
        fig.canvas.draw()
    plt.close(fig)


def test_without_the_font_the_same_drawing_warns():
    """The previous test could fail: the default font lacks these glyphs."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots()
        ax.set_title(TEXT)
        with pytest.warns(UserWarning, match="missing from font"):
            fig.canvas.draw()
        plt.close(fig)
