"""A page's slice holds what the page shows and nothing else: an edit re-renders the region and
its parents, never its neighbours."""
from __future__ import annotations

import pandas as pd

from edueval.report.context import Tables, slice_digest

from .conftest import obs_row


def with_rows(tables: Tables, rows: list[dict]) -> Tables:
    frames = dict(tables.frames)
    extra = pd.DataFrame(rows).astype({"year": "Int64", "base_year": "Int64"})
    frames["observations"] = pd.concat([frames["observations"], extra], ignore_index=True)
    return Tables(frames, tables.manifests)


def test_a_slice_holds_the_region_its_parents_and_its_children(tables):
    county = tables.slice("620802")
    assert set(county["observations"]["region_code"]) == {"620802", "000000"}  # 平凉市 and 甘肃省 have no rows
    assert set(county["targets"]["region_code"]) == {"620802"}  # no other region's evaluation rows
    assert county["children"].empty
    from edueval.regions import load_regions

    city = tables.slice("620800")
    kids = city["children"].set_index("code")
    registry = load_regions()
    current = {r.code for r in registry if r.parent == "620800" and not getattr(r, "historical", False)}
    former_with_page = {r.code for r in registry if r.parent == "620800" and r.code in tables.with_page}
    assert set(kids.index) == current | former_with_page
    assert kids["has_page"].to_dict() == {c: c in tables.with_page for c in kids.index}
    assert kids.loc["620802", "has_page"] and not kids.loc["620821", "has_page"]
    latest = city["children_latest"]
    assert set(latest["region_code"]) == set(kids.index[kids["has_data"]])
    assert latest.groupby(["region_code", "indicator", "school_level"]).size().max() == 1  # the latest value only
    assert "school_count" not in set(latest["indicator"])  # the page lists rates, not counts
    kongtong = latest[latest["region_code"] == "620802"].set_index("indicator")
    assert int(kongtong.loc["preschool_ger", "year"]) == 2020


def test_an_edit_re_renders_the_region_and_its_parents_but_not_its_neighbours(tables):
    before = {c: slice_digest(tables.slice(c)) for c in ("620802", "620821", "620800", "620000", "140400")}
    neighbour = with_rows(tables, [obs_row("620821", "preschool_ger", 2021, 88.0, name="泾川县")])
    after = {c: slice_digest(neighbour.slice(c)) for c in before}
    assert after["620802"] == before["620802"]  # 崆峒区: its neighbour's rows are not on its page
    assert after["140400"] == before["140400"]
    assert after["620821"] != before["620821"]
    assert after["620800"] != before["620800"]  # 平凉市 lists its children's latest values
    edited = with_rows(tables, [obs_row("620802", "preschool_ger", 2021, 95.5, name="崆峒区")])
    assert slice_digest(edited.slice("620800")) != before["620800"]
    assert slice_digest(edited.slice("620821")) == before["620821"]


def test_pages_exist_for_every_level_with_data_below(tables):
    assert {"000000", "140000", "140400", "620000", "620800", "620802"} <= tables.with_page
    assert "620821" not in tables.with_page
