from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "schools_example.csv"
TEMPLATE = ROOT / "data" / "examples" / "schools_template.csv"


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture
def example_registry(monkeypatch):
    """The region registry with the invented county X-EXAMPLE added (for the observation
    contract), unless the registry already has it."""
    from edueval import regions, schema
    from edueval.balance import observations

    base = regions.load_regions()
    if "X-EXAMPLE" in base:
        return base
    example = regions.Region(
        code="X-EXAMPLE", name_zh="示例县（虚构数据）", name_en="Example county (invented data)",
        level="county", parent=None, aliases=(), pseudo=True, note="invented example data",
    )
    reg = regions.Registry([*base, example])
    monkeypatch.setattr(schema, "load_regions", lambda: reg)
    monkeypatch.setattr(observations, "load_regions", lambda: reg)
    return reg
