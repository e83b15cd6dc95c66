"""Score extracted rows against a hand-written gold file.

``python -m edueval.extract.scoring [--gold FILE] [--seeds DIR]`` extracts the seed
documents and prints precision and recall (overall, per kind, per indicator) and
how often value, year, kind, region and qualifier agree on matched rows.

Matching: within one document and one (indicator, school level), rows are
paired greedily by how many fields agree; a pair needs an equal value (or both
masked) or an equal year, kind and region. A pair is *correct* when value,
year, kind, region, applies_to, base year and status all agree. Precision =
correct / extracted rows, recall = correct / gold rows. In the gold file an
empty year or base year means "unknown: any", ``X-?`` means "a pseudo-code
minted for the document" (an anonymised region kept anonymous), and ``*`` (``ANY``)
in applies_to or status means "not annotated: not compared" (the corpus gold,
src/edueval/extract/corpus_scoring.py).
"""
from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import paths
from ..regions import load_regions

FIELDS = ("value", "year", "kind", "region", "applies_to", "base_year", "status", "qualifier")
CORRECT_FIELDS = ("value", "year", "kind", "region", "applies_to", "base_year", "status")
DEFAULT_GOLD = paths.ROOT / "tests" / "extract" / "gold_seeds.csv"
ANY = "*"


def load_gold(path: str | Path = DEFAULT_GOLD) -> pd.DataFrame:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return gold


def _num(x) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA or str(x).strip() in ("", "nan", "<NA>"):
        return None
    return float(x)


def _code_matches(gold_code: str, got: str) -> bool:
    gold_code, got = (gold_code or "").strip(), (got or "").strip()
    if gold_code == "X-?":
        return got.startswith("X-") and got not in load_regions()
    return gold_code == got


def _agreement(g: pd.Series, e: pd.Series) -> dict[str, bool]:
    gv, ev = _num(g["value"]), _num(e["value"])
    gy, ey = _num(g["year"]), _num(e["year"])
    gb, eb = _num(g["base_year"]), _num(e["base_year"])
    return {
        "value": (gv is None and ev is None) or (gv is not None and ev is not None
                                                 and abs(gv - ev) <= 1e-6 * max(1.0, abs(gv))),
        "year": gy is None or gy == ey,
        "kind": g["kind"] == e["kind"],
        "region": _code_matches(g["region_code"], e["region_code"]),
        "applies_to": g["applies_to"] == ANY or _code_matches(g["applies_to"], e["applies_to"]),
        "base_year": gb is None or gb == eb,
        "status": g["status"] in (ANY, e["status"]),
        "qualifier": (g["qualifier"] or "=") == (e["qualifier"] or "="),
    }


@dataclass
class ScoreReport:
    pairs: pd.DataFrame  # one row per matched pair with a column per field agreement
    extracted: pd.DataFrame
    gold: pd.DataFrame
    false_positives: pd.DataFrame  # extracted rows without a correct gold row
    misses: pd.DataFrame  # gold rows without a correct extracted row

    @property
    def correct(self) -> int:
        return int(self.pairs["correct"].sum()) if len(self.pairs) else 0

    @property
    def precision(self) -> float:
        return self.correct / len(self.extracted) if len(self.extracted) else 1.0

    @property
    def recall(self) -> float:
        return self.correct / len(self.gold) if len(self.gold) else 1.0

    def by(self, column: str, of_document: dict[str, str] | None = None) -> pd.DataFrame:
        """Precision and recall per kind or per indicator, or per a property of the document
        (``of_document`` maps a document's name to it, e.g. its class)."""
        good = self.pairs[self.pairs["correct"]] if len(self.pairs) else self.pairs
        if of_document is None:
            correct_e = good.groupby(f"extracted_{column}").size()
            correct_g = good.groupby(f"gold_{column}").size()
            n_e = self.extracted.groupby(column).size()
            n_g = self.gold.groupby(column).size()
        else:
            def keyed(frame: pd.DataFrame) -> pd.Series:
                return frame["document"].map(of_document).fillna("?").value_counts()
            correct_e = correct_g = keyed(self.gold.loc[list(good["gold_index"])])
            n_e, n_g = keyed(self.extracted), keyed(self.gold)
        keys = sorted(set(n_e.index) | set(n_g.index))
        rows = []
        for k in keys:
            ne, ng = int(n_e.get(k, 0)), int(n_g.get(k, 0))
            rows.append({column: k, "extracted": ne, "gold": ng,
                         "precision": correct_e.get(k, 0) / ne if ne else float("nan"),
                         "recall": correct_g.get(k, 0) / ng if ng else float("nan")})
        return pd.DataFrame(rows)

    def agreement(self) -> dict[str, float]:
        if not len(self.pairs):
            return {f: float("nan") for f in FIELDS}
        return {f: float(self.pairs[f].mean()) for f in FIELDS}

    def tables(self) -> str:
        """Precision and recall per kind and per indicator, and agreement per field."""
        return "\n".join([
            "per kind:", self.by("kind").to_string(index=False, float_format="%.3f"), "",
            "per indicator:", self.by("indicator").to_string(index=False, float_format="%.3f"), "",
            "agreement on matched pairs: " + ", ".join(f"{k} {v:.3f}" for k, v in self.agreement().items())])

    def __str__(self) -> str:
        return "\n".join([f"rows: extracted {len(self.extracted)}, gold {len(self.gold)}, correct {self.correct}",
                          f"precision {self.precision:.3f}  recall {self.recall:.3f}", "", self.tables(),
                          self.details()])

    def details(self) -> str:
        """The extracted rows that are wrong and the gold rows missed."""
        lines = []
        if len(self.false_positives):
            lines += ["", "extracted rows not in the gold (or wrong):",
                      self.false_positives[["document", "indicator", "school_level", "year", "kind", "value",
                                            "region_code", "quote"]].to_string(index=False)]
        if len(self.misses):
            lines += ["", "gold rows not extracted correctly:",
                      self.misses[["document", "indicator", "school_level", "year", "kind", "value",
                                   "region_code"]].to_string(index=False)]
        return "\n".join(lines)


def extracted_table(result) -> pd.DataFrame:
    """Observation rows with a ``document`` column (the file name) from an ExtractionResult."""
    table = result.observations.copy()
    table["document"] = [Path(d).name for d in result.provenance["document"]]
    return table


def score(extracted, gold: pd.DataFrame) -> ScoreReport:
    """Compare extracted rows (an ExtractionResult or a frame with a ``document`` column) with gold."""
    if not isinstance(extracted, pd.DataFrame):
        extracted = extracted_table(extracted)
    ext = extracted.reset_index(drop=True).copy()
    gold = gold.reset_index(drop=True).copy()
    for frame in (ext, gold):
        for col in ("applies_to", "qualifier", "school_level"):
            frame[col] = frame[col].fillna("").astype(str)
    candidates = []
    for gi, g in gold.iterrows():
        same = ext[(ext["document"] == g["document"]) & (ext["indicator"] == g["indicator"])
                   & (ext["school_level"] == g["school_level"])]
        for ei, e in same.iterrows():
            agree = _agreement(g, e)
            if not (agree["value"] and agree["status"]) and not (agree["year"] and agree["kind"] and agree["region"]):
                continue
            weight = sum(agree.values()) + 3 * agree["value"]
            candidates.append((weight, gi, ei, agree))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_e, rows = set(), set(), []
    for _weight, gi, ei, agree in candidates:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        rows.append({"gold_index": gi, "extracted_index": ei, **agree,
                     "correct": all(agree[f] for f in CORRECT_FIELDS),
                     "gold_kind": gold.at[gi, "kind"], "extracted_kind": ext.at[ei, "kind"],
                     "gold_indicator": gold.at[gi, "indicator"], "extracted_indicator": ext.at[ei, "indicator"]})
    pairs = pd.DataFrame(rows, columns=["gold_index", "extracted_index", *FIELDS, "correct", "gold_kind",
                                        "extracted_kind", "gold_indicator", "extracted_indicator"])
    good = pairs[pairs["correct"].astype(bool)] if len(pairs) else pairs
    false_positives = ext.drop(index=list(good["extracted_index"]))
    misses = gold.drop(index=list(good["gold_index"]))
    if len(pairs):
        pairs["correct"] = pairs["correct"].astype(bool)
    return ScoreReport(pairs=pairs, extracted=ext, gold=gold, false_positives=false_positives, misses=misses)


def seed_regions(gold: pd.DataFrame) -> dict[str, str]:
    """Region codes to pass for seeds the gold places in a registered pseudo-region (as a user would)."""
    registry = load_regions()
    out = {}
    for doc, code in gold[["document", "region_code"]].drop_duplicates().itertuples(index=False):
        if code in registry and registry[code].pseudo:
            out[doc] = code
    return out


def score_seeds(seeds: Path = paths.SHARED_SEEDS, gold_path: Path = DEFAULT_GOLD) -> tuple[ScoreReport, object]:
    from .pipeline import extract_paths

    gold = load_gold(gold_path)
    files = sorted(p for p in Path(seeds).iterdir() if p.name in set(gold["document"]))
    # every seed is scored on its own rows, so near-duplicates are not dropped here
    result = extract_paths(files, region=seed_regions(gold), drop_near_duplicates=False)
    return score(result, gold), result


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--part", choices=("all", "seeds", "dev", "test"), default="all",
                        help="what to score: the seeds, the corpus's development or test part, or all three")
    parser.add_argument("--details", action="store_true",
                        help="list the wrong and missed rows (seeds and dev only: the test part is never shown)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold file of the seeds")
    parser.add_argument("--seeds", type=Path, default=paths.SHARED_SEEDS, help="folder of the seed documents")


def _seeds(args: argparse.Namespace) -> int:
    if not args.seeds.is_dir():
        print(f"seed folder {args.seeds} not found", file=sys.stderr)
        return 2
    report, result = score_seeds(args.seeds, args.gold)
    agree = report.agreement()
    print(f"== seeds: gold {len(report.gold)}, extracted {len(report.extracted)}, correct {report.correct}")
    print(f"precision {report.precision:.3f}  recall {report.recall:.3f}  year accuracy {agree['year']:.3f}  "
          f"region accuracy {agree['region']:.3f} (on matched pairs)")
    print(report.details() if args.details else report.tables())
    for message in result.errors:
        print("error:", message)
    return 0


def run(args: argparse.Namespace) -> int:
    from .corpus_scoring import score_part

    if args.details and args.part in ("all", "test"):
        print("--details lists rows of the seeds or the development part only (--part seeds or dev): "
              "the test part's rows are never shown, so no rule is fitted to them", file=sys.stderr)
        return 2
    status = 0
    if args.part in ("all", "seeds"):
        status = _seeds(args)
        print()
    for part in ("dev", "test"):
        if args.part in ("all", part):
            scored = score_part(part)
            print(scored.summary())
            if args.details:
                print(scored.report.details())
            print()
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edueval score", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
