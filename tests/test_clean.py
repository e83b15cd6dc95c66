"""The cleaning stage: real data goes through; malformed raw files stop it loudly."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from edueval.clean import clean, drop_restatements, resolve_conflicts
from edueval.raw import HEADERS, RawDataError

GOOD_ROW = {"地区代码": "620802", "地区": "崆峒区", "指标": "学前三年毛入园率", "学段": "", "年份": "2020",
            "数值": "94.08", "单位": "%", "类型": "实际", "限定": "", "基期": "", "适用对象": "", "状态": "",
            "方法": "", "来源": "seed-004", "位置": "offset 947", "原文": "学前教育毛入园率达到94.08%",
            "推导": "", "备注": "test row"}


def write_table(folder: Path, name: str, rows: list[dict], headers=None, encoding="utf-8") -> Path:
    path = folder / "observations" / name
    headers = headers or list(HEADERS)
    with open(path, "w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=headers, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def problems_of(raw: Path) -> str:
    with pytest.raises(RawDataError) as err:
        clean(raw)
    return str(err.value)


def test_real_raw_data_is_clean(cleaned):
    obs = cleaned.observations
    assert len(obs) > 80
    assert set(obs["method"]) >= {"curated", "derived"}
    assert not obs.duplicated(["region_code", "indicator", "school_level", "year", "kind", "applies_to",
                               "base_year", "source_id"]).any()


def test_a_good_extra_table_is_accepted(raw_copy):
    row = dict(GOOD_ROW, 地区代码="620821", 地区="泾川县", 年份="2019", 来源="seed-004")
    write_table(raw_copy, "zz_extra.csv", [row])
    obs = clean(raw_copy).observations
    assert ((obs["region_code"] == "620821") & (obs["year"] == 2019)).sum() == 1


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"年份": "20221"}, "year '20221' is not a year"),
        ({"数值": "930"}, "value 930 is outside the valid range of preschool_ger [0, 200] %"),
        ({"单位": "percent"}, "unknown unit 'percent'"),
        ({"指标": "学前三年毛入院率"}, "unknown indicator"),
        ({"地区代码": "999999"}, "region code '999999' is not in the region registry"),
        ({"地区": "长治市"}, "does not match 620802"),
        ({"数值": ""}, "empty value"),
        ({"数值": "九十"}, "is not a number"),
        ({"来源": "no-such-source"}, "not registered"),
        ({"指标": "在校生", "学段": "小学", "数值": "19.1", "单位": "人", "原文": "小学 | 19.1"},
         "a count of schools, pupils or teachers is a whole number"),
    ],
)
def test_a_bad_row_names_the_file_and_line(raw_copy, change, expected):
    bad = {**GOOD_ROW, "年份": "2019", **change}  # a second year so the good row is no duplicate
    path = write_table(raw_copy, "zz_bad.csv", [GOOD_ROW, bad])
    message = problems_of(raw_copy)
    assert expected in message
    assert f"{path}, line 3" in message  # the header is line 1, the bad row line 3


def test_missing_column_is_named(raw_copy):
    headers = [h for h in HEADERS if h != "单位"]
    path = write_table(raw_copy, "zz_missing.csv", [GOOD_ROW], headers=headers)
    message = problems_of(raw_copy)
    assert str(path) in message and "missing column(s) ['单位']" in message


def test_gbk_file_is_refused_with_a_hint(raw_copy):
    path = write_table(raw_copy, "zz_gbk.csv", [GOOD_ROW], encoding="gbk")
    message = problems_of(raw_copy)
    assert str(path) in message and "GBK" in message


def test_duplicate_keys_are_refused(raw_copy):
    path = write_table(raw_copy, "zz_dup.csv", [GOOD_ROW, dict(GOOD_ROW, 数值="95.0")])
    message = problems_of(raw_copy)
    assert str(path) in message and "duplicate key on lines [2, 3]" in message


def test_every_problem_is_reported_at_once(raw_copy):
    write_table(raw_copy, "zz_a.csv", [dict(GOOD_ROW, 年份="20221")])
    write_table(raw_copy, "zz_b.csv", [dict(GOOD_ROW, 单位="percent")])
    message = problems_of(raw_copy)
    assert "zz_a.csv" in message and "zz_b.csv" in message


def test_a_failed_run_leaves_processed_outputs_untouched(raw_copy, tmp_path):
    from edueval import paths

    layout = paths.Layout(raw_copy.parents[1])
    clean(raw_copy).publish(layout)
    published = layout.stage("clean")
    before = {p.name: p.read_bytes() for p in published.iterdir()}
    write_table(raw_copy, "zz_bad.csv", [dict(GOOD_ROW, 年份="20221")])
    with pytest.raises(RawDataError):
        clean(raw_copy).publish(layout)
    assert {p.name: p.read_bytes() for p in published.iterdir()} == before
    assert sorted(p.name for p in published.parent.iterdir()) == [".clean-" + before_version(published), "clean"]


def before_version(published):
    import json

    return json.loads((published / "manifest.json").read_text())["version"]


def test_raw_files_are_never_written(raw_copy):
    stamps = {p: p.stat().st_mtime_ns for p in raw_copy.rglob("*") if p.is_file()}
    clean(raw_copy)
    assert {p: p.stat().st_mtime_ns for p in raw_copy.rglob("*") if p.is_file()} == stamps


def test_conflicting_sources_are_marked_and_the_better_source_kept(cleaned):
    obs = cleaned.observations.iloc[:0]
    base = dict(region_code="620802", region_name="崆峒区", indicator="preschool_ger", school_level="all",
                year=2020, unit="%", kind="actual", qualifier="=", base_year=pd.NA, applies_to=None,
                status="ok", method="curated", locator=None, quote=None, derivation=None, note=None)
    rows = pd.DataFrame([dict(base, value=94.08, source_id="seed-004"),
                         dict(base, value=93.0, source_id="seed-001")])
    sources = pd.DataFrame({"source_id": ["seed-004", "seed-001"], "kind": ["plan", "news"]})
    out, log = resolve_conflicts(pd.concat([obs, rows], ignore_index=True), sources)
    assert out.set_index("source_id").loc["seed-004", "status"] == "ok"
    assert out.set_index("source_id").loc["seed-001", "status"] == "conflict"
    assert sorted(log["detail"].str.split(" \\(").str[0]) == ["kept in the table but not used", "used by the evaluation"]
    assert log["detail"].str.contains("curated plan ranks first").all()



def test_two_sources_stating_the_same_value_give_one_row_and_say_which(cleaned):
    """Two documents report the same national figure: a model reads one value a year."""
    obs = cleaned.observations.iloc[:0]
    base = dict(region_code="100000", region_name="全国", indicator="preschool_ger", school_level="all",
                year=2020, unit="%", kind="actual", qualifier="=", base_year=pd.NA, applies_to=None,
                status="ok", method="extracted", locator=None, quote=None, derivation=None, note=None, value=85.2)
    rows = pd.DataFrame([dict(base, source_id="doc-news"), dict(base, source_id="doc-bulletin"),
                         dict(base, source_id="doc-news", kind="target", year=2025, value=90.0),
                         dict(base, source_id="doc-bulletin", kind="target", year=2025, value=90.0)])
    sources = pd.DataFrame({"source_id": ["doc-news", "doc-bulletin"], "kind": ["news", "bulletin"]})
    frame = pd.concat([obs, rows], ignore_index=True)
    resolved, _ = resolve_conflicts(frame, sources)
    out, log = drop_restatements(resolved, sources)
    actual = out[out["kind"] == "actual"]
    assert actual["source_id"].tolist() == ["doc-bulletin"]  # the bulletin ranks before the news report
    assert (out["kind"] == "target").sum() == 2  # targets are not series values: both stay
    assert log["issue"].tolist() == ["duplicate"] and log["source_id"].tolist() == ["doc-news"]
    assert "stated by doc-bulletin" in log["detail"].iloc[0]

def test_quality_log_lists_masked_and_derived_rows(cleaned):
    log = cleaned.quality_log
    masked = log[log["issue"] == "masked"]
    assert set(masked["source_id"]) == {"seed-000"}
    assert len(masked) == (cleaned.observations["status"] == "masked").sum()
    derived = log[log["issue"] == "derived"]
    assert derived["detail"].str.contains("94.08 − 23.58 = 70.50").any()


def _extracted_rows(cleaned, **changes) -> pd.DataFrame:
    """One curated row of 崆峒区 turned into an extractor's proposal, then changed."""
    obs = cleaned.observations
    row = obs[(obs["region_code"] == "620802") & (obs["indicator"] == "preschool_ger") & (obs["year"] == 2020)
              & (obs["kind"] == "actual")].iloc[[0]].copy()
    row["method"] = "extracted"
    row["applies_to"] = ""  # the extractor writes empty strings; cleaning must read them as empty
    for col, value in changes.items():
        row[col] = value
    return row.reset_index(drop=True)


def test_curated_rows_win_over_extracted_ones(cleaned):
    same = _extracted_rows(cleaned)
    different = _extracted_rows(cleaned, value=93.0, year=2020)
    result = clean(extracted=pd.concat([same, different], ignore_index=True))
    kept = result.observations[(result.observations["region_code"] == "620802")
                               & (result.observations["indicator"] == "preschool_ger") & (result.observations["year"] == 2020)
                               & (result.observations["kind"] == "actual")]
    assert kept["method"].tolist() == ["curated"] and kept["value"].tolist() == [94.08]
    disagreement = result.quality_log[result.quality_log["issue"] == "extraction_disagrees"]
    assert disagreement["detail"].str.contains("extracted 93.0 but curated 94.08").any()


def test_extracted_only_rows_are_used_and_marked(cleaned):
    new = _extracted_rows(cleaned, year=2019, value=92.0)
    result = clean(extracted=new)
    obs = result.observations
    row = obs[(obs["region_code"] == "620802") & (obs["indicator"] == "preschool_ger") & (obs["year"] == 2019)]
    assert row["method"].tolist() == ["extracted"]
    assert (result.quality_log["issue"] == "extracted_only").sum() == 1


def test_invalid_extracted_rows_are_rejected_not_fatal(cleaned):
    bad = pd.concat([_extracted_rows(cleaned, year=2018, value=930.0),
                     _extracted_rows(cleaned, year=2017, source_id="doc-unregistered")], ignore_index=True)
    result = clean(extracted=bad)
    rejected = result.quality_log[result.quality_log["issue"] == "rejected"]
    assert len(rejected) == 2
    assert rejected["detail"].str.contains("valid range").any()
    assert rejected["detail"].str.contains("not in the source registry").any()


def test_the_result_reads_in_one_line_and_gives_the_observations_as_a_frame(cleaned):
    text = repr(cleaned)
    assert text.startswith(f"CleanResult({len(cleaned.observations)} observations of ") and "\n" not in text
    frame = cleaned.to_frame()
    pd.testing.assert_frame_equal(frame, cleaned.observations)
    assert frame is not cleaned.observations
