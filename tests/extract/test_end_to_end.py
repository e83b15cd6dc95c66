"""End to end: the corpus's development documents dropped into a scratch project's
data/raw/documents give, through extract → clean → evaluate, observation rows traced to
their document and quote for the regions they are about, and a report page for each."""
from __future__ import annotations

import re
import shutil

from edueval import store
from edueval.extract.corpus_scoring import CORPUS, _region_code, load_documents, load_gold
from edueval.regions import load_regions
from edueval.report.context import Tables
from edueval.report.pages import page_regions

# of the 51 regions of the development part (three collections), 41 end with rows today (the
# rest: documents with no gold row (500111, 450921), figures the rules do not read yet, documents
# whose text tells no year or region)
MIN_REGIONS_WITH_ROWS = 41


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_corpus_documents_give_rows_with_provenance_and_pages(project, tmp_path):
    root = project.make_root(tmp_path / "p")
    documents = root / "data" / "raw" / "documents"
    documents.mkdir(parents=True)
    corpus = load_documents(CORPUS)
    dev = corpus[corpus["split"] == "dev"]
    for name in dev["doc"]:
        shutil.copy(CORPUS / "docs" / name, documents / name)
    layout = project.publish_stages(root, stages=("extract", "clean", "evaluate"))

    obs = store.read("observations", layout)
    sources = store.read("sources", layout).set_index("source_id")
    extracted = obs[obs["method"] == "extracted"]
    assert len(extracted) > 100
    # each figure traced to its document and a quote that is in it
    texts = {name: _squeezed((documents / name).read_text(encoding="utf-8")) for name in dev["doc"]}
    for row in extracted.itertuples():
        name = sources.loc[row.source_id, "file"]
        assert row.locator.startswith(f"{name}:"), row
        assert _squeezed(row.quote) in texts[name], row

    corpus_regions = {_region_code(r.region, r.province, r.doc) for r in dev.itertuples()}
    # the places of the gold rows too: a table of a province's districts gives rows of each district
    gold = load_gold(corpus, CORPUS)
    gold_regions = set(gold.loc[gold["document"].isin(dev["doc"]), "region_code"])
    registry = load_regions()
    above = {a.code for c in corpus_regions for a in registry.ancestors(c)}  # benchmarks of 全省, 全国
    with_rows = set(extracted["region_code"])
    assert with_rows <= corpus_regions | gold_regions | above  # no figure given to a place the corpus is not about
    assert len(with_rows & corpus_regions) >= MIN_REGIONS_WITH_ROWS, sorted(corpus_regions - with_rows)
    pages = {r.code for r in page_regions(Tables.load(layout))}
    assert with_rows <= pages

    # what could not be resolved is set aside with its reason, not dropped
    aside = store.read("set_aside", layout)
    held = aside[aside["indicator"].notna()]
    assert len(held) and held["reason"].str.startswith("the document's region is not resolved").all()
