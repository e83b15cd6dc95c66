"""Measured on the five seed documents against the hand-written gold file."""
from __future__ import annotations

from edueval.extract import document_sources, extract_paths, score
from edueval.extract.read import read_document
from edueval.regions import load_regions
from edueval.schema import COLUMNS, Observations, Sources


def test_precision_and_recall_over_catalog_indicators(seed_result, gold):
    report = score(seed_result, gold)
    assert report.precision >= 0.95, str(report)
    assert report.recall >= 0.90, str(report)


def test_every_kind_is_found(seed_result, gold):
    by_kind = score(seed_result, gold).by("kind").set_index("kind")
    for kind in ("actual", "target", "benchmark", "change"):
        assert by_kind.loc[kind, "recall"] >= 0.85, by_kind


def test_no_number_is_invented_from_masked_text(seed_files):
    masked_copy = [p for p in seed_files if p.name.startswith("000_")]
    result = extract_paths(masked_copy)
    rows = result.observations
    assert len(rows) > 0
    assert (rows["status"] == "masked").all(), rows[rows["status"] != "masked"]
    assert rows["value"].isna().all()


def test_the_masked_copy_stays_anonymous(seed_files):
    result = extract_paths([p for p in seed_files if p.name.startswith("000_")])
    own = result.observations[result.observations["region_code"] != "000000"]["region_code"].unique()
    assert len(own) == 1 and own[0].startswith("X-") and own[0] not in load_regions()
    assert len(result.pseudo_regions) == 1


def test_near_duplicate_masked_copy_gives_way_to_the_unmasked_one(seed_files):
    result = extract_paths(seed_files)
    documents = [p.split("/")[-1][:3] for p in result.provenance["document"]]
    assert "000" not in documents
    assert result.duplicates.iloc[0]["document"].endswith(seed_files[0].name)
    assert result.duplicates.iloc[0]["duplicate_of"].endswith(seed_files[1].name)


def test_repeated_passage_is_kept_once(seed_result):
    rows = seed_result.table()
    changzhi = rows[rows["document"].str.contains("001_")]
    assert not changzhi.duplicated(["indicator", "school_level", "year", "kind", "region_code", "value"]).any()
    assert (changzhi["indicator"] == "preschool_ger").sum() == 3  # the level and two benchmarks, once each


def test_regions_resolved_from_the_text_or_left_anonymous(seed_files):
    result = extract_paths(seed_files, drop_near_duplicates=False)
    regions = dict(zip([d.split("/")[-1][:3] for d in result.documents["document"]], result.documents["region_code"]))
    assert regions["001"] == "140400" and regions["004"] == "620802"
    for anonymous in ("000", "002", "003"):
        # never a real place, and never the registry's seed pseudo-codes unless the user passes them
        assert regions[anonymous].startswith("X-") and regions[anonymous] not in load_regions()


def test_rows_satisfy_the_observation_contract(seed_result):
    obs = seed_result.observations
    assert list(obs.columns) == COLUMNS
    registered = obs["region_code"].isin([r.code for r in load_regions()])
    # the only unregistered codes are the pseudo-codes minted here, offered as registry rows
    assert set(obs.loc[~registered, "region_code"]) == set(seed_result.pseudo_regions["code"])
    Observations.validate(obs[registered], lazy=True)
    assert (obs["method"] == "extracted").all()
    assert obs["quote"].str.len().max() <= 60


def test_offsets_point_into_the_original_text(seed_result):
    texts = {}
    for row in seed_result.provenance.itertuples():
        if row.document not in texts:
            texts[row.document] = read_document(row.document).text
        text = texts[row.document]
        assert row.quote in text
        # the offset is where the number starts (digits, a mask, full-width digits, or 翻一番)
        assert text[row.offset] in "0123456789*０１２３４５６７８９翻百", (row.quote, text[row.offset:row.offset + 12])
        assert row.sentence[:20] in text


def test_document_sources_follow_the_registry_format(seed_result):
    sources = document_sources(seed_result)
    Sources.validate(sources, lazy=True)
    kinds = dict(zip(sources["file"].str[:3], sources["kind"]))
    assert kinds["004"] == "plan" and kinds["001"] == "news" and kinds["002"] == "speech"
    assert set(seed_result.observations["source_id"]) <= set(sources["source_id"])


def test_score_entry_point_prints_the_measures(seeds_dir, capsys):
    from edueval.extract.scoring import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "per kind" in out and "per indicator" in out and "agreement" in out
