"""The lines, cells and tables that the table readers (rules_tables.py, rules_yearbook.py) share."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int  # offset in the normalised text
    text: str
    index: int  # index of its paragraph


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offset in the normalised text
    para: int  # index of its paragraph


@dataclass
class Table:
    header: list[str]  # one text per value column, the header rows joined
    rows: list[tuple[Cell, list[Cell | None]]]  # (label, value cells in column order; None: no cell)
    caption: str
    values_known: bool = False  # cells known to be numbers (a yearbook row: 2036 teachers is no year)
    stub: str = ""  # the header's cell over the row labels (指标(在校学生数/万人)): what every cell counts
    section: str = ""  # the line over the rows naming their stage (九年义务教育 / 在校生, 巩固率)
