"""Errors a user can cause and fix: bad input, named by file, row and reason.

The command line prints each problem on one line (no traceback), at most ``SHOWN`` of
them with the full list written to a file, and ends with one line that says what to fix
(edueval/cli.py). Anything else that goes wrong is a bug and keeps its traceback.
"""
from __future__ import annotations


class InputError(ValueError):
    """Input that cannot be used; ``problems`` are one line each, ``hint`` says what to do."""

    hint_default = "fix the input and run again"

    def __init__(self, problems: list[str] | str, hint: str | None = None):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.hint = hint or self.hint_default
        super().__init__(f"{len(self.problems)} problem(s):\n" + "\n".join(f"  {p}" for p in self.problems))
