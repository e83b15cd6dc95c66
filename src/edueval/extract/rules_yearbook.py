"""Yearbook tables printed with single spaces between the columns and, often, an English gloss
beside each Chinese label (普通高等学校 Regular Institutions of Higher Education 38 38), under a
header of years (Item 2006 2007 / 项目 2006年 2007年) and cut into sections by rows that hold a
label only (学校数 Number of Schools). Each section's label says what its cells count, each row's
label the school level, each column its year; rules_tables.py reads the cells as for any table.

A row is read only when it ends in exactly one number per year column: a row with more numbers
(a yearbook's thin-space thousands, 2 473 923) or fewer is not guessed."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import words
from .rules_cells import Cell, Line, Table

# an English gloss: Latin words with their spaces and punctuation (Schools for the Blind  Deaf and Deaf-mute)
GLOSS_RE = re.compile(r"[A-Za-z]{2,}[A-Za-z\s,.'&()/:-]*")
# 2020年基期值 / 2025年目标值: a plan table's year column may say what its values are (vocabulary
# ``year_column_word``); the year is the column's
YEAR_COLUMN_WORDS = "|".join(sorted(map(re.escape, words("year_column_word")), key=len, reverse=True))
HEADER_YEAR_RE = re.compile(r"(?:19|20)\d{2}年?(?:" + YEAR_COLUMN_WORDS + r")?")
# a plan's table of main indicators may bound a goal (≥92, >95)
VALUE_CELL = r"[≥≤><]?-?\d[\d,]*(?:\.\d+)?"
ROW_VALUES_RE = re.compile(r"(?:\s+" + VALUE_CELL + r")+\s*$")
# 指标 单位 2020年 2025年 属性 / …85.2 90 预期性: a plan's last column tells whether a goal binds (vocabulary
# ``plan_attribute``): no value, and no column of years
ATTRIBUTE_HEADERS = frozenset(w for w, kind in words("plan_attribute").items() if kind == "header")
ATTRIBUTE_CELL_RE = re.compile(r"\s+(?:" + "|".join(sorted((re.escape(w) for w, kind in words("plan_attribute").items()
                                                          if kind == "cell"), key=len, reverse=True)) + r")\s*$")
STUB_WORDS_MAX = 2  # 类别 指标 2020年 2025年: a stub of a group and a name
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
UNIT_HEADERS = ("单位", "计量单位")
UNIT_CELL_RE = re.compile(r"万?(?:人|所|个|名)|%|‰")
SECTION_MAX = 20  # characters of a section's label; a longer line without numbers is prose
PROSE_RE = re.compile(r"[。，,；;！？]")
UNIT_LINE_RE = re.compile(r"单位\s*[:：]\s*\S+")


@dataclass
class Section:
    label: Cell | None  # the label-only row above the section's rows (None before the first)
    rows: list[tuple[Cell, list[Cell]]]


def unglossed(text: str) -> str:
    return GLOSS_RE.sub(" ", text).strip()


def header_columns(text: str) -> list[str] | None:
    """The year cells of a header line as written (Item 2006 2007, 项目 2006年 2007年, 指标 单位 2020年基期值
    2025年目标值 属性: a column keeps what it says it holds), or None: at least two years, after at most
    a stub of two words and a 单位 column, before at most a 属性 column, and nothing else once the gloss
    is taken away."""
    words = unglossed(text).split()
    for _ in range(STUB_WORDS_MAX):
        if words and not HEADER_YEAR_RE.fullmatch(words[0]) and HAN_RE.search(words[0]) and words[0] not in UNIT_HEADERS:
            words = words[1:]
    if words and words[0] in UNIT_HEADERS:
        words = words[1:]
    if words and words[-1] in ATTRIBUTE_HEADERS:
        words = words[:-1]
    if len(words) < 2 or not all(HEADER_YEAR_RE.fullmatch(w) for w in words):
        return None
    return words


def header_years(text: str) -> list[int] | None:
    """The years of a header line (header_columns), or None."""
    columns = header_columns(text)
    return [int(w[:4]) for w in columns] if columns else None


def _label_with_unit(label: str) -> str:
    """小学在校生 万人 → 小学在校生(万人): a unit column's cell read as the label's bracket."""
    head, _, unit = label.rpartition(" ")
    return f"{head.strip()}({unit})" if head.strip() and UNIT_CELL_RE.fullmatch(unit) else label


def _row(text: str, start: int, para: int, width: int) -> tuple[Cell, list[Cell]] | None | bool:
    """A label and its values; False for a row of the table with too many or too few numbers
    (left unread), None for a line that is no row."""
    attribute = ATTRIBUTE_CELL_RE.search(text)
    if attribute:
        text = text[:attribute.start()]
    m = ROW_VALUES_RE.search(text)
    if m is None:
        return None
    label_text = unglossed(text[:m.start()])
    if not HAN_RE.search(label_text) or PROSE_RE.search(label_text):
        return None
    label_start = start + text.index(label_text[0])
    label_text = _label_with_unit(label_text)
    values = [Cell(v.group(), start + m.start() + v.start(), para)
              for v in re.finditer(VALUE_CELL, text[m.start():])]
    if len(values) != width:
        return False
    return Cell(label_text, label_start, para), values


def _section_label(text: str, start: int, para: int) -> Cell | None:
    label = unglossed(text)
    if not label or len(label) > SECTION_MAX or not HAN_RE.search(label) or PROSE_RE.search(label) \
            or re.search(r"\d", label):
        return None
    return Cell(label, start + text.index(label[0]), para)


def yearbook_tables(lines: list[Line], i: int, before: str) -> tuple[list[Table], int]:
    """The tables (one a section) under the year header ``lines[i]`` and the index of the first line
    after them; ``before`` is the text above the header (its 单位 line, and the caption of rows
    that come before any section's label)."""
    columns = header_columns(lines[i].text)
    if columns is None:
        return [], i
    sections = [Section(None, [])]
    k = i + 1
    while k < len(lines):
        line = lines[k]
        row = _row(line.text, line.start, line.index, len(columns))
        if row is False:
            pass  # a row of the table whose cells cannot be told apart: not guessed
        elif row is not None:
            sections[-1].rows.append(row)
        elif (label := _section_label(line.text, line.start, line.index)) is not None:
            sections.append(Section(label, []))
        else:
            break
        k += 1
    unit = UNIT_LINE_RE.search(before)
    unit = unit.group() if unit else ""
    tables = [Table(columns, s.rows, (s.label.text if s.label else before) + " " + unit,
                    values_known=True, section=s.label.text if s.label else "") for s in sections if s.rows]
    return tables, (k if tables else i)
