"""Tables flattened to text: pipe or markdown rows (| 小学 | 58 |), one cell per line (header cells,
then each row's label and values, as pages copied from a spreadsheet show them) and whitespace
columns (小学   58   60723). Each value cell becomes a mention: what it counts from the column
header or the row label (vocabulary ``table_header`` and the catalog's names), the school level
from the other one (or the same), the unit and 万 from the header or the cell, a change when a
header says 比上年/增长, the year from a column or row that is a year, else from the caption.
A table whose levels are its columns (transposed) reads the same way, the roles swapped."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from ..regions import load_regions
from ..vocabulary import words
from .display_width import display_width
from .matching import LEVEL_RE, LEVEL_WORDS, find_mentions
from .numbers import ARABIC, parse_arabic
from .regions import place_names, resolve_listed
from .rules_cells import Cell, Line, Table
from .rules_yearbook import (
    ATTRIBUTE_CELL_RE,
    ATTRIBUTE_HEADERS,
    UNIT_CELL_RE,
    UNIT_HEADERS,
    YEAR_COLUMN_WORDS,
    header_years,
    unglossed,
    yearbook_tables,
)
from .statements import Skip
from .tokens import Token

if TYPE_CHECKING:
    from .statements import DocContext, SentenceRules

HEADER_WORDS = words("table_header")
HEADER_ALIASES = words("table_header_alias")
_HEADER_ALT = "|".join(sorted(map(re.escape, HEADER_WORDS), key=len, reverse=True))
HEADER_RE = re.compile(_HEADER_ALT)
VALUE_RE = re.compile(r"(?P<qual>约|近|超过|逾|不足|≥|≤|>|<)?\s*(?P<sign>[-−+])?(?P<num>" + ARABIC + r")\s*(?P<mult>万|亿)?"
                      r"\s*(?P<unit>%|‰|所|人|名|个百分点)?\s*(?P<post>\+|余|多|以上|左右)?")
# a year; not digits inside a count (在园幼儿12035人)
YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d)\s*年?(?:末|底|度)?(?:统计)?")
# the year of a caption's figures: not a page's date above the table (发布时间：2023-03-08)
CAPTION_YEAR_RE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})(?!\d|\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d)")
# a cell of a header of years, which may say what its column holds (2025年目标值: read as a goal's column)
YEAR_CELL_RE = re.compile(YEAR_RE.pattern + "(?:" + YEAR_COLUMN_WORDS + ")?")
BRACKET_RE = re.compile(r"[(（][^)）]*[)）]")
UNIT_HINTS = {"所": "school_count", "个": "school_count"}
LEVEL_ONLY_RE = re.compile(r"(?:普通)?(?P<level>" + LEVEL_RE.pattern + r")(?:学校|教育|阶段)*")
LABEL_MARK_RE = re.compile(r"^(?:[#＃△▲*]+|其中[:：]?|[一二三四五六七八九十\d]{1,2}[、.．]|[(（][一二三四五六七八九十\d]{1,2}[)）])")
# a cell the page masked or left blank with a mark: no value, but it holds its column's place
MASKED_CELL_RE = re.compile(r"[*＊—–-]+")
# (平方米) / （万元）: a header cell's unit on a line of its own
UNIT_LINE_RE = re.compile(r"[(（][^()（）\d]{1,8}[)）]")
HEADER_LINES_MAX = 16
SEPARATOR_RE = re.compile(r"\s*:?-{2,}:?\s*")
SPACED_RE = re.compile(r"\s*\t\s*|\s{2,}")  # a tab is a column break (a .docx table's row, read.py)
CELL_MAX = 24  # a line longer than this is prose, not one cell
UNIT_COLUMN_WORDS = {"单位", "计量单位"}
UNIT_CELLS = {"所", "人", "名", "个", "万人"}


def _is_value(text: str) -> bool:
    return VALUE_RE.fullmatch(text.strip()) is not None and YEAR_RE.fullmatch(text.strip()) is None


def _split(para, pattern: str, keep_empty: bool = False) -> list[Cell]:
    """The cells of a line; ``keep_empty`` keeps the empty cells between two bars (| | 学校数 |)."""
    cells, pos = [], 0
    pieces = re.split(pattern, para.text)
    for k, piece in enumerate(pieces):
        at = para.text.index(piece, pos) if piece else pos
        pos = at + len(piece)
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            cells.append(Cell(piece.strip(), para.start + at + lead, para.index))
        elif keep_empty and 0 < k < len(pieces) - 1:
            cells.append(Cell("", para.start + at, para.index))
    return cells


def _caption(ctx: DocContext, first: int) -> str:
    """The two lines before a table (its title: 2024年各级学校在校生…, 数据表格(2022年统计))."""
    return " ".join(p.text for p in ctx.paragraphs[max(0, first - 2):first])


def _spaced_label(cells: list[Cell]) -> list[Cell]:
    """小    学  16  7240: a label spread over the width of its column is one cell."""
    k = 0
    while k < len(cells) and len(cells[k].text) == 1 and "\u4e00" <= cells[k].text <= "\u9fff":
        k += 1
    if k < 2:
        return cells
    return [Cell("".join(c.text for c in cells[:k]), cells[0].start, cells[0].para), *cells[k:]]


def _x(ctx: DocContext, cell: Cell) -> tuple[float, float]:
    """Where a cell sits on its line, in display columns (a Chinese character is two)."""
    line_start = ctx.text.rfind("\n", 0, cell.start) + 1
    left = display_width(ctx.text[line_start:cell.start])
    return left, left + display_width(cell.text)


def _under_header(ctx: DocContext, columns: list[Cell], values: list[Cell]) -> list[Cell | None] | None:
    """The values of a short row placed under the header cells they overlap, or None when a
    value sits under none or two share one."""
    placed: list[Cell | None] = [None] * len(columns)
    spans = [_x(ctx, c) for c in columns]
    for value in values:
        a, b = _x(ctx, value)
        under = [k for k, (ha, hb) in enumerate(spans) if a < hb + 2 and b > ha - 2]
        if len(under) != 1 or placed[under[0]] is not None:
            return None
        placed[under[0]] = value
    return placed


def _header_only(grid: list[list[Cell]]) -> bool:
    return not any(_is_value(c.text) for r in grid for c in r)


def _broken_header_joined(grid: list[list[Cell]]) -> list[list[Cell]]:
    """| 幼儿园分区园数、班数 | | | / | 园数 (所) | / 班数 (个) | / | 总 计 | 1657 | 16176 |: a header whose
    cells the page put one per line, under a first row as wide as the rows (its stub): one header row."""
    first_value = next((k for k, r in enumerate(grid) if any(_is_value(c.text) for c in r)), None)
    if not first_value or first_value < 2:
        return grid
    width = Counter(len(r) for r in grid[first_value:]).most_common(1)[0][0]
    stub, pieces = grid[0], [c for r in grid[1:first_value] for c in r if c.text.strip()]
    if len(stub) != width or any(len([c for c in r if c.text.strip()]) > 1 for r in grid[1:first_value]) \
            or len(pieces) != width - 1 or any(c.text.strip() for c in stub[1:]):
        return grid
    return [[stub[0], *pieces], *grid[first_value:]]


def _grid_table(ctx: DocContext, grid: list[list[Cell]], aligned: bool = False) -> Table | None:
    """Rows of cells (pipes or whitespace, ``aligned``): a first row without values is the header."""
    grid = [r for r in grid if not all(SEPARATOR_RE.fullmatch(c.text) for c in r)]
    if len(grid) < 2 or any(_is_value(c.text) for c in grid[0]):
        return None
    grid = _broken_header_joined(grid)
    head = grid[0]
    # header rows under the first (| | (所) | (人) |): each cell's words join those above it
    while len(grid) > 2 and len(grid[1]) == len(head) and not any(_is_value(c.text) for c in grid[1]):
        head = [Cell(a.text + b.text, a.start, a.para) for a, b in zip(head, grid[1])]
        grid = [head, *grid[2:]]
    width = Counter(len(r) for r in grid[1:]).most_common(1)[0][0]
    # a header over the values only (学校数  在校生  专任教师, no stub over the labels) is a cell short
    columns = head if width == len(head) + 1 else head[1:] if width == len(head) else None
    if columns is None:
        return None
    rows = []
    section = ""  # 在校生数 / 一、学校数: a row of a label alone names what the rows under it count
    for r in grid[1:]:
        if _is_value(r[0].text):
            continue
        if not any(c.text for c in r[1:]):
            # a new section (三、各类学校毕业人数) ends the one before, even when it names nothing the
            # contract counts; a level alone (4.普通中学 over #初中) is a row's group, not a section
            said = read_label(r[0].text)
            if said.code or not said.level:
                section = r[0].text if said.code else ""
            continue
        if section:  # the row's own marker (1.高等学校, #初中) would sit inside the joined label
            r = [Cell(section + LABEL_MARK_RE.sub("", r[0].text.strip()), r[0].start, r[0].para), *r[1:]]
        if len(r) == width:
            rows.append((r[0], r[1:]))
        elif aligned and len(r) < width:
            # a row a cell short: in whitespace columns each value sits under its header
            placed = _under_header(ctx, columns, r[1:])
            if placed is not None:
                rows.append((r[0], placed))
        elif 1 < len(r) < width:
            # a pipe row that ends early (普通高中 | 2 | 3120, no teachers): an empty cell inside
            # a pipe row is kept as a cell (``keep_empty``), so what is missing is at the end
            rows.append((r[0], [*r[1:], *[None] * (width - len(r))]))
    if not rows:
        return None
    # 指标(在校学生数/万人) | 2022年 | …: the stub over the labels says what every cell counts, and its unit
    stub = head[0].text if columns is not head else ""
    return Table([c.text for c in columns], rows, _caption(ctx, head[0].para), stub=stub)


TABLE_TITLE_RE = re.compile(r"\s*表\s*\d+\s")
# 比上年 / 增长(%): one header cell a page broke over two lines
BASE_CELL_RE = re.compile(r"\s*(?:比上年|较上年|比去年|同比)\s*")
CHANGE_CELL_RE = re.compile(r"\s*(?:增长|增减|增加|下降)\s*[(（]?\s*%\s*[)）]?\s*")


def _header_cells_joined(cells: list[Cell]) -> list[Cell]:
    """The cells before the first value with each 比上年 joined to the 增长(%) under it."""
    first = next((i for i, c in enumerate(cells) if _is_value(c.text)), len(cells))
    head: list[Cell] = []
    for cell in cells[:first]:
        if head and BASE_CELL_RE.fullmatch(head[-1].text) and CHANGE_CELL_RE.fullmatch(cell.text):
            head[-1] = Cell(head[-1].text + cell.text, head[-1].start, head[-1].para)
        else:
            head.append(cell)
    return head + cells[first:]


def _cell_lines_table(ctx: DocContext, cells: list[Cell]) -> Table | None:
    """One cell per line: header cells, then each row's label followed by its values."""
    titles = []  # short lines naming a year among other words (2023年各级学校在校生) are the caption,
    # as is a numbered table's title (表12 各级各类学校学生情况)
    while cells and (YEAR_RE.search(cells[0].text) and not YEAR_RE.fullmatch(cells[0].text)
                     or TABLE_TITLE_RE.match(cells[0].text)):
        titles.append(cells.pop(0).text)
    cells = _header_cells_joined(cells)
    if not cells:
        return None
    first = next((i for i, c in enumerate(cells) if _is_value(c.text)), None)
    if first is None or first < 1:
        return None
    rows: list[tuple[Cell, list[Cell]]] = []
    i = first - 1
    while i < len(cells):
        label, values, i = cells[i], [], i + 1
        while i < len(cells) and _is_value(cells[i].text):
            values.append(cells[i])
            i += 1
        if _is_value(label.text) or not values:
            break
        rows.append((label, values))
    if not rows:
        return None
    width = Counter(len(v) for _, v in rows).most_common(1)[0][0]
    if first == 1 and width != 1:
        return None  # values without a header: only label-value pairs say what each one is
    header = [c.text for c in cells[:first - 1]]
    # header rows of ``width`` cells each, after a stub (指标) and a row of group headers
    # (招生人数 | 在校人数 | 毕业人数 over 绝对数 | 比上年 …) each spanning width/g columns
    lead = len(header) % width
    groups, header = header[1:lead], header[lead:]
    if groups and width % len(groups):
        return None
    columns = [""] * width
    for k in range(0, len(header), width):
        columns = [columns[j] + header[k + j] for j in range(width)]
    if groups:
        span = width // len(groups)
        columns = [groups[j // span] + columns[j] for j in range(width)]
    rows = [(label, values) for label, values in rows if len(values) == width]
    return Table(columns, rows, " ".join(dict.fromkeys([*titles, _caption(ctx, cells[0].para)])))


def _without_plan_columns(cells: list[Cell]) -> list[Cell]:
    """指标 / 单位 / 2020年 / 2025年 / 属性 / 学前三年毛入园率 / % / 85.2 / 90 / 预期性: a plan's table of main
    indicators one cell a line, read as a table of years: its 属性 column (预期性, 约束性) left out, and each
    row's unit cell joined to its label (在校生(万人)), as a yearbook's one-space rows are read."""
    if not any(c.text in ATTRIBUTE_HEADERS for c in cells):
        return cells
    out: list[Cell] = []
    for cell in cells:
        if cell.text in ATTRIBUTE_HEADERS or cell.text in UNIT_HEADERS or ATTRIBUTE_CELL_RE.fullmatch(" " + cell.text):
            continue
        if out and UNIT_CELL_RE.fullmatch(cell.text) and not _is_value(out[-1].text) and \
                not YEAR_CELL_RE.fullmatch(out[-1].text):
            out[-1] = Cell(f"{out[-1].text}({cell.text})", out[-1].start, out[-1].para)
            continue
        out.append(cell)
    return out


def _year_column_tables(ctx: DocContext, cells: list[Cell]) -> list[Table] | None:
    """One cell per line under a header of years (指 标 | 2014年 | 2013年), cut into sections by
    cells standing alone (一、学校数 计量单位:所): each row is a label and one value per year; a
    section's label says what its rows count. A row whose label is empty (two bars in a row: the
    label was lost) is not guessed. None when the cells hold no such header."""
    cells = _without_plan_columns(cells)
    years = [k for k, c in enumerate(cells) if YEAR_CELL_RE.fullmatch(c.text)]
    start = next((k for k in years if k + 1 < len(cells) and YEAR_CELL_RE.fullmatch(cells[k + 1].text)), None)
    if start is None:
        return None
    end = start
    while end < len(cells) and YEAR_CELL_RE.fullmatch(cells[end].text):
        end += 1
    columns = [c.text for c in cells[start:end]]
    width = len(columns)
    stub = start - 1 if start >= 1 and not _is_value(cells[start - 1].text) and not HEADER_RE.search(cells[start - 1].text) else start
    # the caption and the first section's label: the cells before the header (and its stub)
    before = [c.text for c in cells[:stub]]
    caption = " ".join([_caption(ctx, cells[0].para), *before[:-1]]) if before else _caption(ctx, cells[start].para)
    section = before[-1] if before else ""
    tables: list[Table] = []
    rows: list[tuple[Cell, list[Cell | None]]] = []

    def close() -> None:
        if rows:
            tables.append(Table(columns, list(rows), f"{caption} {section}".strip(), section=section))
            rows.clear()

    i = end
    while i < len(cells):
        values = cells[i + 1:i + 1 + width]
        if len(values) == width and all(_is_value(v.text) for v in values) and not _is_value(cells[i].text):
            if cells[i].text:
                rows.append((cells[i], list(values)))
            i += 1 + width
            continue
        if _is_value(cells[i].text):
            break  # a value where a label belongs: the layout is not this one
        if not cells[i].text:
            i += 1  # a bar closing a row: no section
            continue
        # a cell alone is the next section's label; a header repeated under it is passed over
        close()
        section = cells[i].text
        i += 1
        while i < len(cells) and (YEAR_CELL_RE.fullmatch(cells[i].text) or not _is_value(cells[i].text)) and \
                i + 1 < len(cells) and not _is_value(cells[i + 1].text):
            i += 1
    close()
    return tables or None


def _single_spaced_header(text: str) -> bool:
    """学校类别 学校数 在校学生数 专任教师数: a web table's header row copied with one space between
    cells (no value, short cells, and words of the vocabulary's ``table_header``)."""
    cells = text.split()
    return (len(cells) >= 3 and not re.search(r"[，。；,;：]", text) and all(len(c) <= 12 for c in cells)
            and not any(_is_value(c) for c in cells) and sum(bool(HEADER_RE.search(c)) for c in cells) >= 2)


def _section_line(lines: list[Line], i: int) -> bool:
    """在校生数 between two rows of a whitespace table: a label alone that names what the rows
    after it count (read by _grid_table), the table going on after it."""
    text = lines[i].text.strip()
    if not text or len(text) > 12 or re.search(r"\d", text) or i + 1 >= len(lines):
        return False
    label = read_label(text)
    return label.code is not None and not label.level and len(SPACED_RE.split(lines[i + 1].text.strip())) >= 3


def _grouped_header(lines: list[Line], i: int) -> tuple[list[Cell], int] | None:
    """A header of groups (地区 专任教师数 在校生数) over a row of columns repeated under each group
    (普通高中 普通初中 小学 普通高中 普通初中 小学), both one space apart, then rows of a label and one
    value a column: the header's cells (the stub, then group + column) and the index of the first row."""
    groups = _split(lines[i], r"\s+")
    j = i + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j >= len(lines) or len(groups) < 3:
        return None
    columns = _split(lines[j], r"\s+")
    n_groups = len(groups) - 1
    if len(columns) <= n_groups or len(columns) % n_groups or any(_is_value(c.text) for c in columns) or \
            any(len(c.text) > 12 for c in columns) or re.search(r"[，。；,;：]", lines[j].text):
        return None
    k = j + 1
    while k < len(lines) and not lines[k].text.strip():
        k += 1
    if k >= len(lines) or not _grouped_row(lines[k].text, len(columns)):
        return None
    span = len(columns) // n_groups
    header = [groups[0], *(Cell(groups[1 + n // span].text + c.text, c.start, c.para) for n, c in enumerate(columns))]
    return header, k


def _grouped_row(text: str, width: int) -> bool:
    """A row under a grouped header: a label and its values, or the values alone (the total row of
    a yearbook table, whose label the page left out: read as no row, since it has no label)."""
    cells = text.split()
    return _single_spaced_row(text, width) or (len(cells) == width and all(_is_value(c) for c in cells))


def _row_words(text: str, width: int) -> list[str]:
    """The cells of a one-space row: a label spread over its column (合 计) joined, a note after the
    last value (含民办20所, under a 备注 the header may not name) left out."""
    cells = text.split()
    k = 0
    while k < len(cells) and len(cells[k]) == 1 and "\u4e00" <= cells[k] <= "\u9fff":
        k += 1
    if k >= 2:
        cells = ["".join(cells[:k]), *cells[k:]]
    if len(cells) == width + 2 and not _is_value(cells[-1]) and not MASKED_CELL_RE.fullmatch(cells[-1]):
        cells = cells[:-1]
    return cells


def _single_spaced_row(text: str, width: int) -> bool:
    """小学 62 28796 1650: a label and ``width`` values, one space apart (a prose line with units,
    在校学生 23562 人, is no row: 人 is no value); a masked cell (*) stands for its value."""
    cells = _row_words(text, width)
    return (not re.search(r"[，。；,;：]", text) and len(cells) >= 3 and len(cells) - 1 <= width
            and not _is_value(cells[0]) and all(_is_value(c) or MASKED_CELL_RE.fullmatch(c) for c in cells[1:])
            and any(_is_value(c) for c in cells[1:]))


def _broken_row(text: str, width: int) -> bool:
    """A piece of a row the page broke over lines: fewer than ``width`` values, with or without its label."""
    cells = _row_words(text, width)
    values = [c for c in cells if _is_value(c) or MASKED_CELL_RE.fullmatch(c)]
    return (_empty_row(text) or (0 < len(values) < width and len(cells) - len(values) <= 1
                                 and not re.search(r"[，。；,;：]", text)))


def _empty_row(text: str) -> bool:
    """九年一贯制学校 (its cells left empty) / * * *: a row of no values inside a one-space table."""
    text = text.strip()
    return bool(text) and (all(MASKED_CELL_RE.fullmatch(c) for c in text.split())
                           or (" " not in text and len(text) <= 12 and not re.search(r"[\d，。；,;:：]", text)))


def _row_cells(line: Line, width: int) -> list[Cell]:
    """The cells of a one-space row as _row_words reads them, with their places in the text."""
    cells = _spaced_label(_split(line, r"\s+"))
    return cells[:width + 1]


def _header_continued(lines: list[Line], i: int) -> tuple[list[Cell], int]:
    """校(园)数 教职工总数 学校占地面积 / (平方米) / 其中:运动场面积 / (平方米) / 图书 / (册): a header whose
    later cells a page put one a line, each unit in brackets under its cell: the header's cells and
    the index of the line after them."""
    header = _split(lines[i], r"\s+")
    j = i + 1
    while j < len(lines) and j - i <= HEADER_LINES_MAX:
        text = lines[j].text.strip()
        if UNIT_LINE_RE.fullmatch(text) and header:
            last = header[-1]
            header[-1] = Cell(last.text + text, last.start, last.para)
        elif text and " " not in text and len(text) <= 12 and not re.search(r"[\d，。；,;]", text):
            header.append(Cell(text, lines[j].start + lines[j].text.index(text[0]), lines[j].index))
        else:
            break
        j += 1
    return header, j


def _one_cell(text: str) -> bool:
    if len(text) > CELL_MAX or re.search(r"[。，,；;]", text) or len(SPACED_RE.split(text.strip())) >= 3:
        return False
    if _single_spaced_header(text) or sum(_is_value(c) for c in text.split()) >= 2:
        return False  # a row of a table copied with one space between cells
    return not (re.search(r"[|｜]", text) and text.strip("|｜ "))


def _add_cell(cells: list[Cell], line: Line) -> None:
    """A line's cell without its English gloss (小 学 Primary; Enrolment: none left)."""
    text = unglossed(line.text.strip("|｜ "))
    if text:
        cells.append(Cell(text, line.start + line.text.index(text[0]), line.index))


def find_tables(ctx: DocContext) -> list[Table]:
    lines = [Line(p.start, p.text, i) for i, p in enumerate(ctx.paragraphs)]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "|" in line.text or "｜" in line.text:
            grid = []
            while i < len(lines) and ("|" in lines[i].text or "｜" in lines[i].text):
                if not lines[i].text.strip("|｜ "):
                    # a bar alone inside a header the page broke over lines (| 园数 (所) | / 班数 (个) | / |)
                    # closes a header cell, not the table; elsewhere it ends the table
                    if not (grid and _header_only(grid) and i + 1 < len(lines) and "|" in lines[i + 1].text
                            and lines[i + 1].text.strip("|｜ ")):
                        break
                    i += 1
                    continue
                grid.append(_split(lines[i], r"[|｜]", keep_empty=True))
                i += 1
            if not grid:  # lines that are one bar each separate the cells of a cell-per-line table
                i += 1
                continue
            table = _grid_table(ctx, grid)
            tables.extend([table] if table else [])
            continue
        if len(SPACED_RE.split(line.text.strip())) >= 3:
            grid = []
            while i < len(lines) and (len(SPACED_RE.split(lines[i].text.strip())) >= 3 or _section_line(lines, i)):
                grid.append(_spaced_label(_split(lines[i], SPACED_RE.pattern)))
                i += 1
            table = _grid_table(ctx, grid, aligned=True)
            tables.extend([table] if table else [])
            continue
        grouped = _grouped_header(lines, i) if _single_spaced_header(line.text) else None
        if grouped is not None:
            # 地区 专任教师数 在校生数 / 普通高中 普通初中 小学 普通高中 普通初中 小学 / 福州市 8685 …: the first
            # row's groups over the second row's columns
            header, i = grouped
            grid = [header]
            while i < len(lines) and (not lines[i].text.strip() or _grouped_row(lines[i].text, len(header) - 1)):
                if lines[i].text.strip():
                    grid.append(_spaced_label(_split(lines[i], r"\s+")))
                i += 1
            table = _grid_table(ctx, grid)
            tables.extend([table] if table else [])
            continue
        header, first = _header_continued(lines, i) if _single_spaced_header(line.text) else ([], i)
        # 合 计 1011 / 10506 9268 40297 3025: a row the page broke over lines cannot be placed under
        # its columns; the whole rows after it can
        while header and first < len(lines) and first - i <= HEADER_LINES_MAX and \
                not _single_spaced_row(lines[first].text, len(header)) and _broken_row(lines[first].text, len(header)):
            first += 1
        if header and first < len(lines) and _single_spaced_row(lines[first].text, len(header)):
            width = len(header)
            grid = [header]
            i = first
            while i < len(lines):
                if _single_spaced_row(lines[i].text, width):
                    grid.append(_row_cells(lines[i], width))
                elif not (_empty_row(lines[i].text) and i + 1 < len(lines)
                          and (_empty_row(lines[i + 1].text) or _single_spaced_row(lines[i + 1].text, width))):
                    break
                i += 1
            # single spaces do not align: a row a cell short is read as a pipe row ending early
            table = _grid_table(ctx, grid)
            tables.extend([table] if table else [])
            continue
        if header_years(line.text):
            found, after = yearbook_tables(lines, i, _caption(ctx, i))
            if found:
                tables, i = tables + found, after
                continue
        cells, with_empty = [], []  # with_empty: an empty cell where two bar lines follow each other
        while i < len(lines) and _one_cell(lines[i].text) and not (cells and header_years(lines[i].text)):
            count = len(cells)
            _add_cell(cells, lines[i])
            if len(cells) > count:
                with_empty.append(cells[-1])
            elif with_empty and not lines[i].text.strip("|｜ ") and not lines[i - 1].text.strip("|｜ "):
                with_empty.append(Cell("", lines[i].start, lines[i].index))
            i += 1
        if sum(_is_value(c.text) for c in cells) >= 3:
            by_years = _year_column_tables(ctx, with_empty)
            table = None if by_years else _cell_lines_table(ctx, cells)
            tables.extend(by_years or ([table] if table else []))
        if not cells:
            i += 1
    return tables


@dataclass(frozen=True)
class Label:
    code: str | None  # what the cells count or measure; '-' for what is no row
    level: str | None  # None: the label names no level; '?' a word that is no contract level
    change: bool
    multiplier: float
    unit: str  # % | count | ''
    year: int | None
    hinted: bool = False  # the code is only the unit's hint ((所): schools), yielding to a named one
    target: bool = False  # a column of goals (2025年目标)


# 各类学校在校生人数 / 各级学校毕业人数: the schools say whose pupils, not what is counted (各类学校数 counts them)
WHOSE_SCHOOLS_RE = re.compile(r"各(?:级各类|级|类)学校(?!数|总数|数量)")


@lru_cache(maxsize=4096)  # a pure reading of a label: tables repeat theirs (and a section's) row after row
def read_label(text: str) -> Label:
    """What a column header or row label says of its cells."""
    brackets = " ".join(BRACKET_RE.findall(text))
    multiplier = 1e4 if "万" in brackets else 1.0
    unit = "%" if re.search(r"[%％]", brackets) else ("count" if re.search(r"[所人名个]", brackets) else "")
    # 小  学 / #普通高中 / 其中：初中 / 1.幼儿园: a yearbook's spacing and markers say nothing of the cells
    bare = LABEL_MARK_RE.sub("", re.sub(r"\s+", "", BRACKET_RE.sub("", text)))
    bare = HEADER_ALIASES.get(bare, bare)  # 园数 → 幼儿园数 (vocabulary ``table_header_alias``)
    year_m = YEAR_RE.search(bare)
    year = int(year_m.group("year")) if year_m else None
    if year_m:
        bare = (bare[:year_m.start()] + bare[year_m.end():]).strip()
    rates = [m for m in find_mentions(bare) if m.via == "name"]
    if rates:
        return Label(rates[0].code, rates[0].level, False, 1.0, "%", year)
    level_m = LEVEL_ONLY_RE.search(bare)
    level = LEVEL_WORDS[level_m.group("level")] if level_m else None
    # the level's own words first: 中等职业学校 is a level, not 中等职业 and 学校
    if level_m and level_m.group() == bare:
        rest = ""  # 普通高中 / 特殊教育学校 / 中等职业教育: the label is the level
    elif level_m:
        # the level's 学校 suffix is the level's (各级各类学校在校生), unless the count needs it (小学学校数)
        tail = bare[level_m.end():]
        if not tail or tail.startswith(("数", "总数", "数量")):
            tail = bare[level_m.end("level"):]
        rest = bare[:level_m.start("level")].replace("普通", "") + " " + tail
    else:
        rest = bare
    rest = WHOSE_SCHOOLS_RE.sub("", rest)
    code, change, hinted, target = None, False, False, False
    for m in HEADER_RE.finditer(rest):
        meaning = HEADER_WORDS[m.group()]
        if meaning in ("change", "target"):
            change, target = change or meaning == "change", target or meaning == "target"
        elif meaning and code is None:
            code = meaning
    rest = HEADER_RE.sub("", rest)
    if code is None and unit == "count":
        letters = set(re.sub(r"[^所人名个]", "", brackets))
        code = UNIT_HINTS.get(letters.pop()) if len(letters) == 1 else None
        hinted = code is not None
    if "增长" in brackets or "增减" in brackets:
        change = True
    if rest.strip(" :："):
        level = "?"  # words that are no level and no header word: 成人高等教育, 研究生教育, 本科院校
    return Label(code, level, change, multiplier, unit, year, hinted, target)


def _combine(row: Label, column: Label) -> tuple[str, str, bool, float, int | None, bool] | None:
    """(indicator, level, change, multiplier, year, target) of a cell, or None when the labels do not say."""
    codes = {c for c in (row.code, column.code) if c}
    if len(codes) == 2 and row.hinted != column.hinted:
        codes = {row.code if column.hinted else column.code}
    if len(codes) != 1 or "-" in codes or "?" in (row.level, column.level):
        return None
    levels = {lv for lv in (row.level, column.level) if lv}
    if len(levels) > 1:
        return None
    year = column.year or row.year
    return (codes.pop(), levels.pop() if levels else "all", row.change or column.change,
            max(row.multiplier, column.multiplier), year, row.target or column.target)


def _caption_label(caption: str) -> Label:
    """What a caption says of every cell: one counted thing (各级学校在校生数) and 单位:万人."""
    # 各级学校在校生数: the schools of a caption's 各级学校 say whose pupils, not what is counted
    named = re.sub(r"各(?:级各类|级|类)学校", "", caption)
    codes = {HEADER_WORDS[m.group()] for m in HEADER_RE.finditer(named)} - {"", "change", "target"}
    unit = re.search(r"(?:单位\s*[:：]?\s*|[/／(（]\s*)(?P<unit>万人|万所|人|所|%)", caption)
    multiplier = 1e4 if unit and unit.group("unit").startswith("万") else 1.0
    return Label(codes.pop() if len(codes) == 1 else None, None, False, multiplier, "", None)


def _with_code(column: Label, caption: Label) -> Label:
    """A column naming nothing counted (2019年, 合计) counts what the caption names."""
    if column.code or not caption.code or caption.code == "-":
        return column
    return Label(caption.code, column.level, column.change, column.multiplier, column.unit, column.year,
                 target=column.target)


def _changes_of_the_column_before(columns: list[Label]) -> list[Label]:
    """在校学生数(万人) | 比上年增长(%): a change column that names nothing counted is the change of the
    count in the column before it."""
    out = list(columns)
    for k in range(1, len(out)):
        before = out[k - 1]
        if out[k].change and out[k].code is None and before.code and before.code != "-" and not before.change:
            out[k] = replace(out[k], code=before.code, level=out[k].level or before.level, multiplier=1.0)
    return out


def _within_section(section: str, row: Label, text: str) -> Label:
    """A row under a section line that names a stage (a plan's table: 九年义务教育 / 在校生 万人 505 535,
    巩固率 % 100 100): a count naming no level is the stage's, a bare rate the stage's rate."""
    stage = read_label(section) if section else None
    if stage is None or stage.code or stage.level in (None, "?", "all"):
        return row
    if row.code and row.code != "-" and row.level is None and row.unit != "%":
        return replace(row, level=stage.level)
    if row.code is None and row.unit == "%":
        within = read_label(section + text)  # 九年义务教育巩固率, 高中段教育毛入学率
        return within if within.code and within.unit == "%" else row
    return row


def _column_places(header: list[str]) -> dict[int, str]:
    """Column index → region code, for a header of two or more place names (the rest no place)."""
    codes = resolve_listed([h.strip() for h in header if _names_a_place(h)], load_regions())
    return {k: codes[h.strip()] for k, h in enumerate(header) if h.strip() in codes} if len(codes) >= 2 else {}


def _names_a_place(label: str) -> bool:
    """The whole label is a name of the registry (福州市, 鼓楼区), not a word holding one (福州市辖区)."""
    text = label.strip()
    return any(m.start == 0 and m.end == len(text) and any(c.name_zh == m.name for c in m.candidates)
               for m in place_names(load_regions(), text))


# a row or column of a place: it says nothing of what its cells count, their region is the place
OF_A_PLACE = Label(None, None, False, 1.0, "", None, False, False)


def rule_tables(ctx: DocContext, sentence_rules: type[SentenceRules]) -> tuple[list, list, set[int]]:
    """The rows of every table in a document, the figures skipped, and the paragraphs read."""
    found, skips, claimed = [], [], set()
    for table in find_tables(ctx):
        caption_year = CAPTION_YEAR_RE.search(table.caption)
        caption = _caption_label(table.caption)
        stub = _caption_label(table.stub) if table.stub else None
        if stub is not None and (stub.code or stub.multiplier > 1):
            caption = Label(stub.code or caption.code, None, False, max(stub.multiplier, caption.multiplier), "", None)
        columns = _changes_of_the_column_before([read_label(h) for h in table.header])
        # 指标 | 金华市 | 市区 | 兰溪市 …: columns of places, each cell of its column's place
        places = _column_places(table.header)
        columns = [OF_A_PLACE if k in places else c for k, c in enumerate(columns)]
        # 单位 | 1978 年 | …: a column of units (所, 人) tells what each row's cells count
        unit_column = next((k for k, h in enumerate(table.header) if re.sub(r"\s+", "", h) in UNIT_COLUMN_WORDS), None)
        for label, values in table.rows:
            unit = values[unit_column] if unit_column is not None and unit_column < len(values) else None
            row = _within_section(table.section, read_label(
                f"{label.text}({unit.text})" if unit is not None and unit.text in UNIT_CELLS else label.text), label.text)
            if row.level == "?" and _names_a_place(label.text):
                # 福州市 8685 17253 …: a row of a place; the cell's region is read from the label (place_of_figure)
                row = OF_A_PLACE
            # a row that ends in empty cells where its places had none: which place each value is
            # of is not told past the first (the total), so only that one is read
            shortened = bool(places) and any(k >= len(values) or values[k] is None or not values[k].text for k in places)
            for k, (column, cell) in enumerate(zip(columns, values)):
                if cell is None or not (table.values_known or _is_value(cell.text)):
                    continue
                if shortened and k > 0:
                    skips.append(Skip(cell.start, cell.start + len(cell.text), "a cell of a row that ends early under "
                                      "columns of places: whose value it is is not told"))
                    continue
                meaning = _combine(row, column) or _combine(row, _with_code(column, caption))
                if meaning is None:
                    continue
                code, level, change, multiplier, year, target = meaning
                multiplier = max(multiplier, caption.multiplier)
                if year is None and caption_year:
                    year = int(caption_year.group("year"))
                cand = _emit(ctx, sentence_rules, label, cell, code, level, change, multiplier, year, target,
                             region=places.get(k))
                if cand is not None:
                    found.extend(cand[0])
                    skips.extend(cand[1])
                    claimed.update((label.para, cell.para))
    return found, skips, claimed


def _emit(ctx: DocContext, sentence_rules, label: Cell, cell: Cell, code: str, level: str, change: bool,
          multiplier: float, year: int | None, target: bool = False, region: str | None = None):
    m = VALUE_RE.fullmatch(cell.text)
    para = ctx.paragraphs[cell.para]
    s = sentence_rules(ctx, cell.para, para.start, para.start + len(para.text))
    # a cell that writes its own unit (1261人 under 万人) is not scaled by the header's
    own_unit = m.group("unit") in ("所", "人", "名")
    value = parse_arabic(m.group("num")) * (1e4 if m.group("mult") else 1.0 if own_unit else multiplier)
    if m.group("sign") in ("-", "−"):
        value = -value
    catalog_unit = s.catalog[code].unit
    if change:
        if m.group("mult") or m.group("unit") not in (None, "%"):
            return None
        unit = "%"
    elif catalog_unit == "count":
        if m.group("unit") == "%":
            return None
        unit = "count"
    elif catalog_unit == "%" and m.group("unit") in (None, "%"):
        unit = "%"
    else:
        return None
    rel = cell.start - para.start
    # the token ends at its unit, so that a 余 or + after it is read as the qualifier
    end = max(m.end(g) for g in ("num", "mult", "unit") if m.group(g))
    tok = Token(rel + m.start("num"), rel + end, value, False, unit, cell.text[:end])
    before = (m.group("qual") or "")
    base = year - 1 if change and year else None
    anchor = label.start - para.start if label.para == cell.para else rel
    s.emit(code=code, level=level, tok=tok, kind_hint=None, unit=unit, anchor=anchor, change=change,
           kind="target" if target and not change else None, region=region,
           qualifier_before=before, confidence=0.8, negative=False, year_override=year, base_override=base,
           reasons=[f"table cell: row {label.text}, value {cell.text}"])
    return s.out, s.skips
