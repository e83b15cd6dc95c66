"""The reader's words: one catalogue per page language, loaded once.

Every word a page shows in Chinese or English lives in ``report/catalogue/words.csv``
(columns ``key, zh, en``; ``{name}`` placeholders are filled with ``str.format``). Code
never chooses a language itself: it asks :func:`words` for the page's :class:`Words` and
calls it with a key. This module is the only place that reads a language column
(tests/report/test_words.py checks that no other report module compares ``lang``).
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")
CATALOGUE = Path(__file__).with_name("catalogue") / "words.csv"
# the part of a table column named for its language, e.g. policy_name_zh / policy_name_en
COLUMN_SUFFIX = {"zh": "_zh", "en": "_en"}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
# nbconvert's exporter accepts ISO 639-1 codes only
ISO_639_1 = {"zh": "zh", "en": "en"}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """key → {lang: text} for every entry of the catalogue."""
    with open(CATALOGUE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out: dict[str, dict[str, str]] = {}
    for row in rows:
        key = row["key"].strip()
        if key in out:
            raise ValueError(f"{CATALOGUE.name}: key {key!r} appears twice")
        out[key] = {lang: row[lang] for lang in LANGS}
    return out


def code_key(group: str, code) -> str:
    """The catalogue key of a code from the data, e.g. ``status.acceleration_needed``."""
    name = "".join(c if c.isalnum() else "_" for c in str(code)).strip("_")
    return f"{group}.{name or '_'}"  # "%" → unit._


class Words:
    """The words of one language: ``w("key", n=3)``, ``w.code("status", "on track")``."""

    def __init__(self, lang: str):
        if lang not in LANGS:
            raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
        self.lang = lang
        self.html_lang = HTML_LANG[lang]
        self._text = {key: texts[lang] for key, texts in catalogue().items()}

    def __call__(self, key: str, **values) -> str:
        try:
            text = self._text[key]
        except KeyError:
            raise KeyError(f"no word {key!r} in {CATALOGUE.name}") from None
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self._text

    def code(self, group: str, code, default: str | None = None) -> str:
        """The word for a code of the data; ``default`` (or the code itself) when unlisted."""
        key = code_key(group, code)
        if key in self._text:
            return self._text[key]
        return str(code) if default is None else default

    def column(self, row, base: str, default: str = "") -> str:
        """A table's own text in this language: column ``<base>_zh`` or ``<base>_en``."""
        value = row.get(base + COLUMN_SUFFIX[self.lang]) if hasattr(row, "get") else None
        return value if isinstance(value, str) and value else default

    def name(self, thing) -> str:
        """The name of a region or an indicator (``name_zh`` / ``name_en``) in this language."""
        return getattr(thing, "name" + COLUMN_SUFFIX[self.lang])

    def join(self, items) -> str:
        return self("sep.list").join(str(i) for i in items)

    def years(self, years) -> str:
        return self("sep.years").join(str(int(y)) for y in years)


@lru_cache(maxsize=len(LANGS))
def words(lang: str) -> Words:
    return Words(lang)


INDEX_FILE = {"zh": "index.html", "en": "index.en.html"}
# a page file's suffix before .html: the Chinese page is the plain name
PAGE_SUFFIX = {"zh": "", "en": ".en"}


def other_lang(lang: str) -> str:
    return LANGS[1 - LANGS.index(lang)]
