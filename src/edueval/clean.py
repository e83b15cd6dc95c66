"""Cleaning stage: raw tables (and optional extracted rows) → one validated table.

One job: read every raw table and the source registry, validate them, merge rows
proposed by the extractor, drop exact repeats, detect conflicts, and write
``observations.parquet`` with a data-quality log. A malformed raw file stops the
stage with every problem listed; nothing in ``data/processed`` is half-written.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import atomic, paths
from .catalog import load_catalog
from .raw import RawDataError, read_observation_table, read_sources_table
from .schema import COLUMNS, KEY, Observations

QUALITY_COLUMNS = ["issue", "region_code", "indicator", "school_level", "year", "kind", "value",
                   "source_id", "method", "locator", "detail"]
# Which side of a disagreement is kept: typed-by-hand before computed before proposed,
# then official statistics before plans before news and speeches.
METHOD_RANK = {"curated": 0, "derived": 1, "extracted": 2}
SOURCE_KIND_RANK = {"bulletin": 0, "yearbook": 1, "table": 2, "standard": 3, "policy": 4, "plan": 5,
                    "record": 6, "news": 7, "speech": 8}
VALUE_TOLERANCE = 1e-9


@dataclass
class CleanResult:
    observations: pd.DataFrame
    quality_log: pd.DataFrame
    sources: pd.DataFrame
    inputs: dict[str, str]  # raw file (relative path) → sha256

    def save(self, folder: Path = paths.PROCESSED) -> None:
        """Write every output atomically (each file either fully new or untouched)."""
        folder.mkdir(parents=True, exist_ok=True)
        with atomic.atomic_path(folder / "observations.parquet") as tmp:
            self.observations.to_parquet(tmp, index=False)
        with atomic.atomic_path(folder / "sources.parquet") as tmp:
            self.sources.to_parquet(tmp, index=False)
        with atomic.atomic_path(folder / "quality_log.csv") as tmp:
            self.quality_log.to_csv(tmp, index=False, encoding="utf-8-sig")
        manifest = {"inputs": self.inputs, "rows": len(self.observations),
                    "data_version": data_version(self.inputs)}
        atomic.write_text(folder / "clean_manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))


def data_version(inputs: dict[str, str]) -> str:
    """A short hash of every input's hash: the same inputs give the same version."""
    digest = hashlib.sha256("".join(f"{k}={v}\n" for k, v in sorted(inputs.items())).encode())
    return digest.hexdigest()[:12]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith("."))


def load_sources(folder: Path = paths.RAW_SOURCES) -> pd.DataFrame:
    frames, problems = [], []
    for path in raw_files(folder):
        try:
            frame = read_sources_table(path)
            frames.append(frame.assign(registry_file=path.name))
        except RawDataError as err:
            problems += err.problems
    if problems:
        raise RawDataError(problems)
    if not frames:
        raise RawDataError([f"{folder}: no source registry files (*.csv)"])
    sources = pd.concat(frames, ignore_index=True)
    dup = sources[sources.duplicated("source_id", keep=False)]
    if not dup.empty:
        raise RawDataError([f"source_id {sid!r} registered twice (in {sorted(g['registry_file'])})"
                            for sid, g in dup.groupby("source_id")])
    return sources.sort_values("source_id", ignore_index=True)


def load_curated(folder: Path = paths.RAW_OBSERVATIONS) -> pd.DataFrame:
    """Every curated table, concatenated (with raw_file and raw_line for messages);
    raises one error listing every problem."""
    frames, problems = [], []
    for path in raw_files(folder):
        try:
            table = read_observation_table(path)
        except RawDataError as err:
            problems += err.problems
            continue
        frame = table.frame.assign(raw_file=str(path), raw_line=table.frame.index)
        frames.append(frame.reset_index(drop=True))
    if problems:
        raise RawDataError(problems)
    if not frames:
        return Observations.validate(pd.DataFrame(columns=COLUMNS)).assign(raw_file=None, raw_line=None)
    return pd.concat(frames, ignore_index=True)


def _check_sources_registered(obs: pd.DataFrame, sources: pd.DataFrame) -> None:
    unknown = obs[~obs["source_id"].isin(sources["source_id"])]
    if not unknown.empty:
        raise RawDataError([f"{row.raw_file}, line {row.raw_line}: source {row.source_id!r} is not registered in data/raw/sources"
                            for row in unknown.itertuples()])


def _log(frame: pd.DataFrame, issue: str, detail: str | list[str]) -> pd.DataFrame:
    """Quality-log rows for ``frame``: one detail for all, or one per row."""
    if frame.empty:
        return pd.DataFrame(columns=QUALITY_COLUMNS)
    return frame.assign(issue=issue, detail=detail)[QUALITY_COLUMNS]


def normalise_applies_to(frame: pd.DataFrame) -> pd.DataFrame:
    """``applies_to`` is empty for a region's own statements: an empty string or the row's own
    region code mean the same and must compare equal when keys are matched."""
    applies = frame["applies_to"].where(frame["applies_to"].fillna("").str.strip() != "")
    applies = applies.where(applies != frame["region_code"])
    return frame.assign(applies_to=applies)


def _validate_extracted(extracted: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split extracted rows into valid ones and rejected ones (never stops the build)."""
    extracted = normalise_applies_to(extracted.reset_index(drop=True))
    rejected_reason: dict[int, list[str]] = {}
    try:
        Observations.validate(extracted[COLUMNS], lazy=True)
    except pa.errors.SchemaErrors as err:
        for _, case in err.failure_cases.iterrows():
            if pd.notna(case["index"]):
                rejected_reason.setdefault(int(case["index"]), []).append(
                    f"{case['column'] if isinstance(case['column'], str) else 'row'} fails '{case['check']}'")
    unregistered = ~extracted["source_id"].isin(sources["source_id"])
    for i in extracted.index[unregistered]:
        rejected_reason.setdefault(int(i), []).append("document not in the source registry")
    bad = extracted.index.isin(list(rejected_reason))
    rejected = extracted[bad].copy()
    rejected["detail"] = [", ".join(sorted(set(rejected_reason[i]))) for i in rejected.index]
    good = Observations.validate(extracted.loc[~bad, COLUMNS].reset_index(drop=True))
    return good, rejected


def _rank(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    kind = obs["source_id"].map(sources.set_index("source_id")["kind"]).map(SOURCE_KIND_RANK).fillna(9)
    return obs["method"].map(METHOD_RANK) * 100 + kind


def resolve_conflicts(obs: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mark the losing side of every disagreement ``conflict``; log both sides.

    Rows agree when their values are equal; masked rows have no value and never conflict.
    Among disagreeing rows the best-ranked source keeps status ``ok``.
    """
    obs = obs.copy()
    valued = obs[obs["value"].notna()]
    key = KEY
    spread = valued.groupby(key, dropna=False)["value"].agg(lambda v: v.max() - v.min())
    conflicting_keys = spread[spread > VALUE_TOLERANCE].index
    if len(conflicting_keys) == 0:
        return obs, pd.DataFrame(columns=QUALITY_COLUMNS)
    keyed = valued.set_index(key)
    in_conflict = keyed.index.isin(conflicting_keys)
    rows = valued[in_conflict].assign(_rank=_rank(valued[in_conflict], sources))
    logs = []
    for _, group in rows.groupby(key, dropna=False):
        group = group.sort_values(["_rank", "source_id"])
        winner = group.index[0]
        summary = "; ".join(f"{v:g} ({s})" for v, s in zip(group["value"], group["source_id"]))
        obs.loc[group.index[1:], "status"] = "conflict"
        logs.append(_log(group.loc[[winner]], "conflict", f"kept: sources disagree: {summary}"))
        logs.append(_log(group.loc[group.index[1:]], "conflict", f"set aside: sources disagree: {summary}"))
    return obs, pd.concat(logs, ignore_index=True)


def merge_extracted(curated: pd.DataFrame, extracted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Curated wins: an extracted row whose key a curated row already states is dropped
    (logged as a disagreement when the values differ); the rest are kept as extracted-only."""
    key = KEY
    curated_keys = curated.set_index(key).index
    ext_keyed = extracted.set_index(key)
    covered = ext_keyed.index.isin(curated_keys)
    dropped = extracted[covered]
    kept = extracted[~covered]
    logs = []
    if not dropped.empty:
        cur_values = curated.drop_duplicates(key).set_index(key)["value"]
        cur_for = cur_values.reindex(dropped.set_index(key).index).to_numpy()
        differs = ~((dropped["value"].to_numpy() == cur_for) | (pd.isna(dropped["value"].to_numpy()) & pd.isna(cur_for)))
        logs.append(_log(dropped[differs], "extraction_disagrees",
                         [f"extracted {v} but curated {c}; curated kept" for v, c in zip(dropped["value"][differs], cur_for[differs])]))
    logs.append(_log(kept, "extracted_only", "proposed by the extractor, not yet reviewed by hand"))
    log = pd.concat([x for x in logs if not x.empty], ignore_index=True) if any(not x.empty for x in logs) else pd.DataFrame(columns=QUALITY_COLUMNS)
    return kept, log


def clean(raw_dir: Path = paths.RAW, extracted: pd.DataFrame | None = None,
          extracted_sources: pd.DataFrame | None = None) -> CleanResult:
    """Run the cleaning stage on ``raw_dir`` (holding observations/ and sources/).

    ``extracted`` rows (from ``edueval extract``) are merged after the curated ones; their
    documents come in ``extracted_sources`` (registry rows the extractor writes beside them).
    """
    sources = load_sources(raw_dir / "sources")
    if extracted_sources is not None and not extracted_sources.empty:
        new = extracted_sources[~extracted_sources["source_id"].isin(sources["source_id"])]
        sources = pd.concat([sources, new.assign(registry_file="extracted")[sources.columns]], ignore_index=True)
    curated = load_curated(raw_dir / "observations")
    _check_sources_registered(curated, sources)
    inputs = {str(p.relative_to(raw_dir)): _sha256(p) for sub in ("observations", "sources")
              for p in raw_files(raw_dir / sub)}

    logs = []
    # the same statement typed twice (e.g. two files) is one fact
    repeats = curated.duplicated(KEY + ["value", "source_id"], keep="first")
    logs.append(_log(curated[repeats], "duplicate", "exact repeat of another row; dropped"))
    curated = curated[~repeats]
    combined = curated[COLUMNS]

    if extracted is not None and not extracted.empty:
        valid, rejected = _validate_extracted(extracted, sources)
        logs.append(rejected.assign(issue="rejected")[QUALITY_COLUMNS] if not rejected.empty else pd.DataFrame(columns=QUALITY_COLUMNS))
        extra, merge_log = merge_extracted(combined, valid)
        logs.append(merge_log)
        combined = pd.concat([combined, extra], ignore_index=True)

    combined, conflict_log = resolve_conflicts(combined.reset_index(drop=True), sources)
    logs.append(conflict_log)
    logs.append(_log(combined[combined["status"] == "masked"], "masked", "digits hidden in the source; not guessed"))
    derived = combined[combined["method"] == "derived"]
    logs.append(_log(derived, "derived", derived["derivation"].tolist()))
    catalog = load_catalog()
    gross = combined["indicator"].map(lambda c: catalog[c].bound == "may_exceed_100")
    above = combined[gross & (combined["kind"] == "actual") & (combined["value"] > 100)]
    logs.append(_log(above, "above_100", "a gross ratio above 100 (possible with over-age or in-migrating pupils)"))

    combined = Observations.validate(combined.sort_values(
        ["region_code", "indicator", "school_level", "year", "kind", "source_id"], ignore_index=True), lazy=True)
    logs = [x for x in logs if not x.empty]
    quality = (pd.concat(logs, ignore_index=True) if logs else pd.DataFrame(columns=QUALITY_COLUMNS))
    quality = quality.sort_values(["issue", "region_code", "indicator", "year", "source_id"], ignore_index=True)
    return CleanResult(combined, quality, sources.drop(columns="registry_file"), inputs)
