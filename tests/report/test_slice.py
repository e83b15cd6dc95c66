"""A page's slice holds what the page shows and nothing else: an edit re-renders the region and
its parents, never its neighbours."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.report.context import Tables
from edueval.report.digests import slice_digest

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


# the text digest of a slice (a page's data version) and the row-hash digest the build compares
DIGESTS = {"text": lambda tables, code: slice_digest(tables.slice(code)),
           "rows": lambda tables, code: tables.digest(code)}


@pytest.mark.parametrize("how", sorted(DIGESTS))
def test_an_edit_re_renders_the_region_and_its_parents_but_not_its_neighbours(tables, how):
    digest = DIGESTS[how]
    before = {c: digest(tables, c) for c in ("620802", "620821", "620800", "620000", "140400")}
    neighbour = with_rows(tables, [obs_row("620821", "preschool_ger", 2021, 88.0, name="泾川县")])
    after = {c: digest(neighbour, c) for c in before}
    assert after["620802"] == before["620802"]  # 崆峒区: its neighbour's rows are not on its page
    assert after["140400"] == before["140400"]
    assert after["620821"] != before["620821"]
    assert after["620800"] != before["620800"]  # 平凉市 lists its children's latest values
    edited = with_rows(tables, [obs_row("620802", "preschool_ger", 2021, 95.5, name="崆峒区")])
    assert digest(edited, "620800") != before["620800"]
    assert digest(edited, "620821") == before["620821"]
    frames = dict(tables.frames)  # one value of the county's own rows changed in place
    obs = frames["observations"].copy()
    first = obs.index[obs["region_code"] == "620802"][0]
    obs.loc[first, "value"] = obs.loc[first, "value"] + 0.1
    frames["observations"] = obs
    changed = Tables(frames, tables.manifests)
    assert digest(changed, "620802") != before["620802"] and digest(changed, "620821") == before["620821"]



def test_the_row_digest_covers_every_part_of_a_slice(tables):
    assert tables.digest_parts() == set(tables.slice("620802"))


@pytest.mark.parametrize("how", sorted(DIGESTS))
@pytest.mark.parametrize("part", ["sources", "quality", "targets", "series"])
def test_a_change_in_any_table_a_page_reads_moves_its_digest(tables, how, part):
    """Not only the observations: a source's title, a quality note, an evaluation row."""
    digest = DIGESTS[how]
    shown = tables.slice("620802")[part]
    assert not shown.empty, f"崆峒区's slice has no {part} rows to change"
    frames = dict(tables.frames)
    frame = frames[part].copy()
    if part == "sources":
        at = frame.index[frame["source_id"] == shown["source_id"].iloc[0]][0]
    else:
        at = shown.index[0]
    column = next(c for c in frame.columns if c not in ("region_code", "source_id") and frame[c].dtype == object
                  or str(frame[c].dtype).startswith(("str", "string")) and c not in ("region_code", "source_id"))
    frame.loc[at, column] = f"{frame.loc[at, column]} (edited)"
    frames[part] = frame
    changed = Tables(frames, tables.manifests)
    assert digest(changed, "620802") != digest(tables, "620802")
    assert digest(changed, "620821") == digest(tables, "620821") or part == "sources"

def test_pages_exist_for_every_level_with_data_below(tables):
    assert {"000000", "140000", "140400", "620000", "620800", "620802"} <= tables.with_page
    assert "620821" not in tables.with_page


def with_peer_comparison(tables: Tables, estimates: dict[str, float]) -> Tables:
    """The published tables as if the evaluation stage had compared these counties of 甘肃
    with each other (the repository's series are too short for a comparison of their own)."""
    frames = dict(tables.frames)
    policy = frames["policy"]
    template = policy[policy["region_code"] == "620802"].iloc[[0]].assign(
        segmented=True, level_change=1.0, level_change_lower=0.0, level_change_upper=2.0, slope_change=0.1,
        slope_change_lower=-0.1, slope_change_upper=0.3, ar1_rho=0.2)
    rows = [template.assign(region_code=code, did_estimate=value, did_lower=value - 2.0, did_upper=value + 2.0,
                            did_n_comparison=len(estimates) - 1, did_perm_p=float("nan"))
            for code, value in estimates.items()]
    frames["policy"] = pd.concat([policy[policy["region_code"] != "620802"], *rows], ignore_index=True)
    return Tables(frames, tables.manifests)


def test_a_peer_comparison_is_on_the_province_page_so_an_edit_does_not_re_render_the_peers(tables):
    from edueval.regions import load_regions
    from edueval.report.context import context_from_slice
    from edueval.report.peers import peers

    compared = with_peer_comparison(tables, {"620802": 1.5, "620821": -0.5, "620822": 0.25})
    county = compared.slice("620802")
    assert not [c for c in county["policy"].columns if c.startswith("did_") and c != "did_on_province"]
    assert set(county["policy"]["did_on_province"]) == {"620000"}
    assert sorted(compared.slice("620000")["peer_policy"]["region_code"]) == ["620802", "620821", "620822"]
    assert compared.slice("620800")["peer_policy"].empty  # the peer group is the province's
    # a peer's value changed: its estimate and every other one move, as the evaluation stage would publish them
    moved = with_peer_comparison(tables, {"620802": 1.0, "620821": 0.5, "620822": -0.75})
    for digest in DIGESTS.values():
        assert digest(moved, "620802") == digest(compared, "620802")
        assert digest(moved, "620000") != digest(compared, "620000")

    registry = load_regions()
    province = context_from_slice(registry["620000"], "zh", compared.slice("620000"))
    html = str(peers(province))
    assert html.count("<tr>") == 1 + 3 and "+1.5 [-0.5, +3.5]" in html.replace("−", "-")
    assert 'href="620802-' in html and "崆峒区" in html
    own = context_from_slice(registry["620802"], "en", county)
    from edueval.report.narrative import policy_view

    sentences = [s for p in policy_view(own)["policies"] for s in p["sentences"]]
    assert [s for s in sentences if "difference-in-differences" in s] == [
        f"{own.series_name(county['policy'].iloc[0]['indicator'])}: the comparison with the same-level regions of "
        "Gansu (difference-in-differences) is on Gansu's page."]
