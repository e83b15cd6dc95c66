"""HTML from Jinja2 templates (src/edueval/templates/report/), escaped by default.

Every section is a template filled with plain values; autoescape is on, so any text from
data or documents (quotes, titles, publishers, region names) is escaped unless a section
marks its own markup as safe with :class:`Markup` (only for markup this package built,
e.g. a chart's SVG, whose text charts.chart_svg escapes). ``StrictUndefined`` makes a misspelt
value fail the page instead of printing nothing.
"""
from __future__ import annotations

import base64
import math
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .. import paths

TEMPLATES = paths.PACKAGE_DIR / "templates" / "report"

__all__ = ["Markup", "data_uri", "escape", "fmt_number", "render", "signed"]


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def fmt_number(value, digits: int = 2) -> str:
    """Numbers as a reader expects them: no trailing zeros, no float noise."""
    if _missing(value):
        return "–"
    value = float(value)
    if math.isinf(value):
        return "–"
    if value.is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def signed(value, digits: int = 2) -> str:
    """A change with its sign: +1.5, −0.3, 0."""
    if _missing(value):
        return "–"
    text = fmt_number(value, digits)
    if text == "0":
        return text
    return text.replace("-", "−") if text.startswith("-") else "+" + text


def data_uri(payload: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["num"] = fmt_number
    env.filters["signed"] = signed
    return env


def render(template: str, **values) -> Markup:
    """A template of templates/report/ filled with ``values`` (escaped unless Markup)."""
    return Markup(environment().get_template(template).render(**values))
