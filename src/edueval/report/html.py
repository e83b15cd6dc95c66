"""Small HTML builders. Every piece of text from data or documents goes through
``esc`` (via ``table``), so a quote containing ``<script>`` shows as text."""
from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence


def esc(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA:
            return ""
    except ImportError:  # pragma: no cover
        pass
    return html.escape(str(value), quote=True)


class Raw(str):
    """Markup built by this package (already escaped); ``table`` passes it through."""


def cell(value) -> str:
    return value if isinstance(value, Raw) else esc(value)


def table(headers: Sequence[str], rows: Iterable[Sequence], numeric: Iterable[int] = (), css: str = "") -> Raw:
    numeric = set(numeric)
    head = "".join(f"<th scope=\"col\">{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        tds = "".join(
            f"<td class=\"num\">{cell(v)}</td>" if i in numeric else f"<td>{cell(v)}</td>" for i, v in enumerate(row)
        )
        body.append(f"<tr>{tds}</tr>")
    cls = f" class=\"{esc(css)}\"" if css else ""
    return Raw(f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def link(href: str, text) -> Raw:
    return Raw(f"<a href=\"{esc(href)}\">{esc(text)}</a>")


def section(title: str, body: str, anchor: str | None = None) -> Raw:
    ident = f" id=\"{esc(anchor)}\"" if anchor else ""
    return Raw(f"<div class=\"ee\"><h2{ident}>{esc(title)}</h2>{body}</div>")


def para(text: str, css: str = "") -> Raw:
    cls = f" class=\"{esc(css)}\"" if css else ""
    return Raw(f"<p{cls}>{esc(text)}</p>")


def bullets(items: Iterable[str]) -> Raw:
    return Raw("<ul>" + "".join(f"<li>{cell(i)}</li>" for i in items) + "</ul>")


def fmt_number(value, digits: int = 2) -> str:
    """Numbers as a reader expects them: no trailing zeros, no float noise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    try:
        import pandas as pd

        if pd.isna(value):
            return "–"
    except (ImportError, TypeError, ValueError):
        pass
    value = float(value)
    if value.is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
