"""HTML builders escape text from data and documents."""
from __future__ import annotations

from edueval.report import html as h


def test_table_escapes_document_text():
    out = h.table(["原文"], [["<script>alert(1)</script> & 高于国家85%"]])
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; 高于国家85%" in out


def test_raw_markup_passes_through_but_link_text_is_escaped():
    out = h.table(["a"], [[h.link("#x", "<b>")]])
    assert '<a href="#x">&lt;b&gt;</a>' in out


def test_numbers_are_formatted_without_float_noise():
    assert h.fmt_number(94.08) == "94.08"
    assert h.fmt_number(70.49999999999999) == "70.5"
    assert h.fmt_number(85.0) == "85"
    assert h.fmt_number(98060.0) == "98,060"
    assert h.fmt_number(float("nan")) == "–"
