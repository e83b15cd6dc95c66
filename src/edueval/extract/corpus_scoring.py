"""Score the extractor on the corpus of real documents in tests/extract/corpus/.

The corpus was split once, at random, into a development part and a test part
(tests/extract/corpus/README.md). Rules are tuned looking at the development part
only, so the rows behind the test part's figures are never printed: for the test
part the scorer gives the aggregate figures and nothing a rule could be fitted to.

Each document is extracted as a new user would meet it, with the metadata a user would
put beside it (edueval/extract/metadata.py): documents.csv's url, title, publisher and
date, but never its region: finding the region is part of what is measured, so the
region comes from the text and that title alone. The gold
file names regions by name with the document's province; they are resolved to codes
with the same registry the extractor uses. The corpus gold has no applies_to or
status column: those two fields are not compared (``ANY``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..regions import load_regions
from .metadata import DocumentMeta
from .scoring import ANY, ScoreReport, score

CORPUS = paths.ROOT / "tests" / "extract" / "corpus"
PARTS = ("dev", "test")


class CorpusError(ValueError):
    """A corpus file that does not follow tests/extract/corpus/README.md."""


def load_documents(corpus: Path = CORPUS) -> pd.DataFrame:
    documents = pd.read_csv(corpus / "documents.csv", dtype=str, keep_default_na=False)
    unknown = sorted(set(documents["split"]) - set(PARTS))
    if unknown:
        raise CorpusError(f"{corpus / 'documents.csv'}: split must be dev or test, not {unknown}")
    return documents


def _region_code(name: str, province: str, where: str) -> str:
    registry = load_regions()
    within = [] if name in ("全国", province) else [province]
    found = registry.resolve_in(name, within=within)
    if found.region is None:
        raise CorpusError(f"{where}: region {name!r} in {province}: {found.reason}")
    return found.region.code


def load_gold(documents: pd.DataFrame, corpus: Path = CORPUS) -> pd.DataFrame:
    """The corpus gold in the scorer's columns (those of tests/extract/gold_seeds.csv)."""
    raw = pd.read_csv(corpus / "gold.csv", dtype=str, keep_default_na=False)
    province = dict(zip(documents["doc"], documents["province"]))
    missing = sorted(set(raw["doc"]) - set(province))
    if missing:
        raise CorpusError(f"{corpus / 'gold.csv'}: documents not in documents.csv: {missing}")
    codes = [_region_code(r.region, province[r.doc], f"{corpus / 'gold.csv'} line {i + 2}")
             for i, r in enumerate(raw.itertuples(index=False))]
    return pd.DataFrame({
        "document": raw["doc"], "region_code": codes, "indicator": raw["indicator_code"],
        "school_level": raw["school_level"], "year": raw["year"], "kind": raw["kind"],
        "value": raw["value"], "qualifier": raw["qualifier"], "base_year": raw["base_year"],
        "applies_to": ANY, "status": ANY, "quote": raw["quote"],
    })


@dataclass
class PartScore:
    part: str
    documents: pd.DataFrame
    report: ScoreReport
    errors: list[str]

    def by_class(self) -> pd.DataFrame:
        """Precision and recall per document class (bulletin, plan, news …)."""
        doc_class = dict(zip(self.documents["doc"], self.documents["doc_class"]))
        return self.report.by("doc_class", doc_class)

    def summary(self) -> str:
        r = self.report
        agree = r.agreement()
        lines = [f"== {self.part}: {len(self.documents)} documents, gold {len(r.gold)}, "
                 f"extracted {len(r.extracted)}, correct {r.correct}",
                 f"precision {r.precision:.3f}  recall {r.recall:.3f}  "
                 f"year accuracy {agree['year']:.3f}  region accuracy {agree['region']:.3f} (on matched pairs)",
                 # qualifier and base year are not part of "correct" for the corpus, but a reader of
                 # targets needs them right (ANNOTATION.md's Qualifier section)
                 "agreement on matched pairs: " + ", ".join(f"{k} {agree[k]:.3f}" for k in ("kind", "qualifier", "base_year")),
                 "", "per kind:", r.by("kind").to_string(index=False, float_format="%.3f"),
                 "", "per document class:", self.by_class().to_string(index=False, float_format="%.3f"),
                 "", "per indicator:", r.by("indicator").to_string(index=False, float_format="%.3f")]
        lines += [f"error: {e}" for e in self.errors]
        return "\n".join(lines)


def corpus_metadata(documents: pd.DataFrame, corpus: Path = CORPUS) -> dict[str, DocumentMeta]:
    """documents.csv's url, title, publisher and date per document, without the region."""
    return {row["doc"]: DocumentMeta(date=row["date"] or None, url=row["url"] or None, title=row["title"] or None,
                                     publisher=row["publisher"] or None, origin=f"{corpus / 'documents.csv'}")
            for row in documents.to_dict("records")}


def score_part(part: str, corpus: Path = CORPUS) -> PartScore:
    from .pipeline import extract_paths

    if part not in PARTS:
        raise CorpusError(f"part must be one of {PARTS}, not {part!r}")
    documents = load_documents(corpus)
    gold = load_gold(documents, corpus)
    documents = documents[documents["split"] == part].reset_index(drop=True)
    gold = gold[gold["document"].isin(documents["doc"])].reset_index(drop=True)
    files = [corpus / "docs" / name for name in documents["doc"]]
    # every excerpt is scored on its own rows: near-duplicates across documents are not dropped
    result = extract_paths(files, drop_near_duplicates=False, metadata=corpus_metadata(documents, corpus))
    return PartScore(part, documents, score(result, gold), list(result.errors))
