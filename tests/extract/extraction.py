"""Helpers of the rule tests: extract a short text written for a test, pick the one row asked for."""
from __future__ import annotations

from edueval.extract import extract_paths


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def rows(tmp_path, text, name="doc.txt", region=None, encoding="utf-8"):
    """The rows extracted from ``text`` (no error allowed)."""
    result = extract_paths([write(tmp_path, name, text, encoding)], region=region)
    assert not result.errors, result.errors
    return result.table()


def one(table, **where):
    """The single row of ``table`` matching every column = value given."""
    sel = table
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, f"{where}: {len(sel)} rows\n{table.to_string()}"
    return sel.iloc[0]
