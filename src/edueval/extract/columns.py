"""Pages set in several columns of prose (a yearbook's page copied as text): each line holds a piece
of every column, side by side. Read line by line, a sentence of one column is cut by pieces of
the others (…教职工数 17 人。小学 | 投资 6.8 亿元 | 学校数 58 所…); read column by column, it is
whole again. The columns are found where the pieces of many lines start (in display width, a
Chinese character being two), and each column's pieces are joined in line order."""
from __future__ import annotations

import re

from .display_width import display_width

GAP_RE = re.compile(r"\s{2,}")
PIECE_RE = re.compile(r"\S(?:.*?\S)?(?=\s{2,}|\s*$)")
MIN_PIECE = 10  # characters of a piece of prose (a table cell is shorter)
MIN_LINES = 5  # lines with two pieces of prose side by side
COLUMN_GAP = 12  # display columns between the starts of two page columns
THREE_HAN_RE = re.compile(r"[\u4e00-\u9fff](?:[^\u4e00-\u9fff]*[\u4e00-\u9fff]){2}")


def _prose(piece: str) -> bool:
    return len(piece) >= MIN_PIECE and THREE_HAN_RE.search(piece) is not None


def _pieces(line: str, start: int) -> list[tuple[int, int, int]]:
    """(display column, start, end) of the pieces of a line; offsets in the text."""
    return [(display_width(line[:m.start()]), start + m.start(), start + m.end()) for m in PIECE_RE.finditer(line)]


def _clusters(starts: list[int]) -> list[int]:
    """The left edge of each page column: starts closer than COLUMN_GAP belong to one column."""
    edges, last = [], None
    for x in sorted(starts):
        if last is None or x - last >= COLUMN_GAP:
            edges.append(x)
        last = x
    return edges


def column_order(text: str) -> list[tuple[int, int] | None] | None:
    """Spans of ``text`` in reading order when it is set in columns (None: a newline between
    columns), or None when it is not."""
    if "  " not in text:
        return None
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append(_pieces(line, pos))
        pos += len(line) + 1
    side_by_side = [i for i, ps in enumerate(lines)
                    if len(ps) >= 2 and sum(_prose(text[a:b]) for _, a, b in ps) >= 2]
    if len(side_by_side) < MIN_LINES:
        return None
    first, last = side_by_side[0], side_by_side[-1]
    edges = _clusters([x for i in range(first, last + 1) for x, a, b in lines[i] if _prose(text[a:b])])
    if len(edges) < 2:
        return None
    columns: list[list[tuple[int, int]]] = [[] for _ in edges]
    for i in range(first, last + 1):
        for x, a, b in lines[i]:
            # the column whose edge the piece starts at or after (a few columns of slack)
            k = max((j for j, edge in enumerate(edges) if edge <= x + COLUMN_GAP // 2), default=0)
            columns[k].append((a, b))
    start_of = min(a for ps in lines[first:last + 1] for _, a, _b in ps)
    end_of = max(b for ps in lines[first:last + 1] for _, _a, b in ps)
    order: list[tuple[int, int] | None] = [(0, start_of)]
    for column in columns:
        order.append(None)  # a newline: each column is a paragraph of its own
        order.extend(column)
    order += [None, (end_of, len(text))]
    return order
