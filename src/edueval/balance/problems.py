"""Problems found in school files, collected before one error is raised.

Validation is lazy: every problem of every file is collected, then one
:class:`SchoolDataError` names each file and spreadsheet row (the header is row 1).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

MAX_MESSAGES = 50


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None  # spreadsheet row (header = 1); None for a file-level problem
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}: row {self.row}"
        col = f": {self.column}" if self.column else ""
        return f"{where}{col}: {self.message}"


class SchoolDataError(ValueError):
    """Every problem found in the school files, collected before raising."""

    def __init__(self, errors: list[RowError]):
        # by file (in the order read), then file-level problems, then by row
        order = {f: i for i, f in enumerate(dict.fromkeys(e.file for e in errors))}
        self.errors = sorted(errors, key=lambda e: (order[e.file], e.row is not None, e.row or 0))
        shown = [str(e) for e in self.errors[:MAX_MESSAGES]]
        more = len(self.errors) - len(shown)
        text = f"{len(self.errors)} problem(s) in school data:\n  " + "\n  ".join(shown)
        if more:
            text += f"\n  … and {more} more (see .errors)"
        super().__init__(text)


@dataclass
class ProblemCollector:
    """The problems of the files read together; ``messages`` is one string for every row or one per row."""

    errors: list[RowError] = field(default_factory=list)

    def add(self, file: str, rows: Iterable[int | None], column: str | None, messages) -> None:
        rows = list(rows)
        if isinstance(messages, str):
            messages = [messages] * len(rows)
        for r, m in zip(rows, messages):
            self.errors.append(RowError(file, None if r is None else int(r), column, m))
