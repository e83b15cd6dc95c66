"""Cleaning stage: raw tables, extracted and computed rows → one validated table.

One job: read every raw table and the source registry, validate them, merge the rows the
extractor proposes and the rows other stages compute (balance coefficients), drop exact
repeats, detect conflicts, and publish ``observations``, ``sources`` and ``quality_log``
together (edueval/store.py). A malformed raw file stops the stage with every problem
listed; nothing in ``data/processed`` is half-written; no row is dropped without a
reason in the quality log.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd
import pandera.pandas as pa

from .. import paths, store
from ..catalog import load_catalog
from ..raw import RawDataError, read_observation_table, read_sources_table
from ..schema import COLUMNS, KEY, SOURCE_COLUMNS, Observations

QUALITY_COLUMNS = ["issue", "region_code", "indicator", "school_level", "year", "kind", "value",
                   "source_id", "method", "locator", "detail"]
# Which side of a disagreement is kept: typed-by-hand before computed before proposed,
# then official statistics before plans before news and speeches.
METHOD_RANK = {"curated": 0, "derived": 1, "extracted": 2}
SOURCE_KIND_RANK = {"bulletin": 0, "yearbook": 1, "table": 2, "standard": 3, "policy": 4, "plan": 5,
                    "record": 6, "news": 7, "speech": 8}
VALUE_TOLERANCE = 1e-9
RAW_SUFFIXES = (".csv", ".xlsx")


@dataclass
class Proposed:
    """Rows another stage proposes (the extractor's, the balance stage's), with their documents.

    ``reviewed`` rows were computed by tested code from validated inputs (balance) and are
    merged like curated ones; unreviewed rows (extracted) lose to a curated row of the same
    key and are logged as extraction-only."""

    rows: pd.DataFrame
    sources: pd.DataFrame
    origin: str  # what the rows came from, for messages ("extracted documents")
    reviewed: bool = False


@dataclass
class CleanResult:
    observations: pd.DataFrame
    quality_log: pd.DataFrame
    sources: pd.DataFrame
    inputs: dict[str, str] = field(default_factory=dict)  # input (relative path or stage) → digest

    @property
    def data_version(self) -> str:
        return data_version(self.inputs)

    def publish(self, layout: paths.Layout = paths.DEFAULT) -> None:
        """Publish the three tables together (edueval/store.py)."""
        with store.publish("clean", inputs=self.inputs, layout=layout) as out:
            out.write("observations", self.observations)
            out.write("sources", self.sources)
            out.write("quality_log", self.quality_log)

    def to_frame(self) -> pd.DataFrame:
        """The observation table (the quality log and the sources are attributes)."""
        return self.observations.copy()

    def __repr__(self) -> str:
        issues = self.quality_log["issue"].value_counts().to_dict() if len(self.quality_log) else {}
        return (f"CleanResult({len(self.observations)} observations of {self.observations['region_code'].nunique()} "
                f"regions, {len(self.sources)} sources, quality log {issues})")


def data_version(inputs: dict[str, str]) -> str:
    """A short hash of every input's hash: the same inputs give the same version."""
    digest = hashlib.sha256("".join(f"{k}={v}\n" for k, v in sorted(inputs.items())).encode())
    return digest.hexdigest()[:12]


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_files(folder: Path) -> list[Path]:
    """The tables of a raw folder (any case of .csv / .xlsx; hidden and temporary files skipped)."""
    from ..inputs import input_files

    # the same listing as `edueval inputs` (what make tracks): symlinks leading out of the
    # folder, FIFOs and devices are not read
    return input_files(Path(folder), RAW_SUFFIXES)[0]


def _refused(path: Path) -> str | None:
    """Why a raw table is not opened at all: a workbook that would inflate past the limits."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from ..inputs import zip_problem

        problem = zip_problem(path)
        return f"{path}: {problem}" if problem else None
    return None


def _read_each(folder: Path, read: Callable[[Path], pd.DataFrame]) -> list[pd.DataFrame]:
    """``read`` of every raw table in ``folder``; one RawDataError listing every problem of every file."""
    frames, problems = [], []
    for path in raw_files(folder):
        if refused := _refused(path):
            problems.append(refused)
            continue
        try:
            frames.append(read(path))
        except RawDataError as err:
            problems += err.problems
    if problems:
        raise RawDataError(problems)
    return frames


def _registry_file(path: Path) -> pd.DataFrame:
    return read_sources_table(path).assign(registry_file=path.name)


def _curated_table(path: Path) -> pd.DataFrame:
    frame = read_observation_table(path).frame
    return frame.assign(raw_file=str(path), raw_line=frame.index).reset_index(drop=True)


def load_sources(folder: Path = paths.RAW_SOURCES) -> pd.DataFrame:
    """Every source registry file, concatenated (with registry_file for messages); raises one
    error listing every problem, a source_id registered twice included."""
    frames = _read_each(folder, _registry_file)
    if not frames:
        raise RawDataError([f"{folder}: no source registry files (*.csv)"],
                           hint="register every document in a data/raw/sources/*.csv file")
    sources = pd.concat(frames, ignore_index=True)
    dup = sources[sources.duplicated("source_id", keep=False)]
    if not dup.empty:
        raise RawDataError([f"source_id {sid!r} registered twice (in {sorted(g['registry_file'])})"
                            for sid, g in dup.groupby("source_id")])
    return sources.sort_values("source_id", ignore_index=True)


def load_curated(folder: Path = paths.RAW_OBSERVATIONS) -> pd.DataFrame:
    """Every curated table, concatenated (with raw_file and raw_line for messages);
    raises one error listing every problem."""
    frames = _read_each(folder, _curated_table)
    if not frames:
        return Observations.validate(pd.DataFrame(columns=COLUMNS)).assign(raw_file=None, raw_line=None)
    return pd.concat(frames, ignore_index=True)


def _check_sources_registered(obs: pd.DataFrame, sources: pd.DataFrame) -> None:
    unknown = obs[~obs["source_id"].isin(sources["source_id"])]
    if not unknown.empty:
        raise RawDataError([f"{row.raw_file}, line {row.raw_line}: source {row.source_id!r} is not registered "
                            "in data/raw/sources" for row in unknown.itertuples()],
                           hint="add the source to a data/raw/sources/*.csv file")


def _log(frame: pd.DataFrame, issue: str, detail: str | list[str]) -> pd.DataFrame:
    """Quality-log rows for ``frame``: one detail for all, or one per row."""
    if frame.empty:
        return pd.DataFrame(columns=QUALITY_COLUMNS)
    return frame.assign(issue=issue, detail=detail)[QUALITY_COLUMNS]


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def normalise_applies_to(frame: pd.DataFrame) -> pd.DataFrame:
    """``applies_to`` is empty for a region's own statements: an empty string or the row's own
    region code mean the same and must compare equal when keys are matched."""
    applies = frame["applies_to"].where(frame["applies_to"].fillna("").str.strip() != "")
    applies = applies.where(applies != frame["region_code"])
    return frame.assign(applies_to=applies)


def _validate_proposed(rows: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split proposed rows into valid ones and rejected ones with their reasons (never stops the build)."""
    rows = normalise_applies_to(rows.reset_index(drop=True))
    reasons: dict[int, list[str]] = {}
    try:
        Observations.validate(rows[COLUMNS], lazy=True)
    except pa.errors.SchemaErrors as err:
        for _, case in err.failure_cases.iterrows():
            if pd.notna(case["index"]):
                column = case["column"] if isinstance(case["column"], str) else "row"
                check = str(case["check"])
                if check == "registered region":
                    why = f"region {rows.at[int(case['index']), 'region_code']} is not registered (an anonymised or " \
                          "unresolved place: register it in reference/pseudo_regions.csv or name the document's region " \
                          "in its metadata)"
                else:
                    why = f"{column} fails '{check}'"
                reasons.setdefault(int(case["index"]), []).append(why)
    unregistered = ~rows["source_id"].isin(sources["source_id"])
    for i in rows.index[unregistered]:
        reasons.setdefault(int(i), []).append("document not in the source registry")
    bad = rows.index.isin(list(reasons))
    rejected = rows[bad].copy()
    rejected["detail"] = [", ".join(sorted(set(reasons[i]))) for i in rejected.index]
    good = rows.loc[~bad].reset_index(drop=True)
    return good, rejected


def _rank(obs: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    kind = obs["source_id"].map(sources.set_index("source_id")["kind"]).map(SOURCE_KIND_RANK).fillna(9)
    return obs["method"].map(METHOD_RANK) * 100 + kind


def resolve_conflicts(obs: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mark the losing side of every disagreement ``conflict``; log both sides and why one is kept.

    Rows agree when their values are equal; masked rows have no value and never conflict.
    Among disagreeing rows the best-ranked source keeps status ``ok``: curated before derived
    before extracted, then bulletin before yearbook, table, standard, policy, plan, record,
    news and speech, then the first source id.
    """
    obs = obs.copy()
    valued = obs[obs["value"].notna()]
    spread = valued.groupby(KEY, dropna=False)["value"].agg(lambda v: v.max() - v.min())
    conflicting_keys = spread[spread > VALUE_TOLERANCE].index
    if len(conflicting_keys) == 0:
        return obs, pd.DataFrame(columns=QUALITY_COLUMNS)
    in_conflict = valued.set_index(KEY).index.isin(conflicting_keys)
    rows = valued[in_conflict].assign(_rank=_rank(valued[in_conflict], sources))
    kinds = sources.set_index("source_id")["kind"]
    logs = []
    for _, group in rows.groupby(KEY, dropna=False):
        group = group.sort_values(["_rank", "source_id"])
        winner = group.iloc[0]
        summary = "; ".join(f"{v:g} ({s})" for v, s in zip(group["value"], group["source_id"]))
        ties = group["_rank"].iloc[1] == group["_rank"].iloc[0]
        why = ("same rank: the first source id is used" if ties else
               f"{winner['method']} {kinds.get(winner['source_id'], 'source')} ranks first")
        obs.loc[group.index[1:], "status"] = "conflict"
        logs.append(_log(group.iloc[:1], "conflict",
                         f"used by the evaluation ({why}); sources disagree: {summary}"))
        logs.append(_log(group.iloc[1:], "conflict",
                         f"kept in the table but not used ({why}); sources disagree: {summary}"))
    return obs, pd.concat(logs, ignore_index=True)


def drop_restatements(obs: pd.DataFrame, sources: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One actual row per key: when two sources state the same value (two documents reporting
    the same national figure), the best-ranked row (as in :func:`resolve_conflicts`) is kept and
    each other is dropped, logged ``duplicate`` with the source kept. A model reads one value a
    year (models/inputs.py ``actual_series``)."""
    usable = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & obs["value"].notna()]
    repeated = usable[usable.duplicated(KEY, keep=False)]
    if repeated.empty:
        return obs, pd.DataFrame(columns=QUALITY_COLUMNS)
    ranked = repeated.assign(_rank=_rank(repeated, sources)).sort_values(["_rank", "source_id"], kind="stable")
    used = ranked.groupby(KEY, dropna=False, sort=False)["source_id"].transform("first")
    dropped = ranked.duplicated(KEY, keep="first")
    log = _log(ranked[dropped], "duplicate", [f"the same value is stated by {k}, which is used; this copy dropped"
                                              for k in used[dropped]])
    dropped = ranked[dropped]
    return obs.drop(index=dropped.index), log

def merge_extracted(curated: pd.DataFrame, extracted: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Curated wins: an extracted row whose key a curated row already states is dropped
    (logged, as a disagreement when the values differ); the rest are kept as extracted-only."""
    covered = extracted.set_index(KEY).index.isin(curated.set_index(KEY).index)
    dropped, kept = extracted[covered], extracted[~covered]
    logs = []
    if not dropped.empty:
        cur_values = curated.drop_duplicates(KEY).set_index(KEY)["value"]
        cur_for = cur_values.reindex(dropped.set_index(KEY).index).to_numpy()
        same = (dropped["value"].to_numpy() == cur_for) | (pd.isna(dropped["value"].to_numpy()) & pd.isna(cur_for))
        logs.append(_log(dropped[~same], "extraction_disagrees",
                         [f"extracted {v} but curated {c}; curated kept"
                          for v, c in zip(dropped["value"][~same], cur_for[~same])]))
        logs.append(_log(dropped[same], "duplicate", "extracted row already curated with the same value; curated kept"))
    logs.append(_log(kept, "extracted_only", "proposed by the extractor, not yet reviewed by hand"))
    return kept, _concat(logs, QUALITY_COLUMNS)


def _merge_sources(sources: pd.DataFrame, extra: pd.DataFrame, origin: str) -> pd.DataFrame:
    if extra is None or extra.empty:
        return sources
    new = extra[~extra["source_id"].isin(sources["source_id"])]
    return pd.concat([sources, new.assign(registry_file=origin)[sources.columns]], ignore_index=True)


def _input_file(row_files: pd.Series, raw_dir: Path) -> pd.Series:
    def rel(f):
        try:
            return str(Path(f).relative_to(raw_dir.parent.parent))
        except ValueError:
            return str(f)
    return row_files.map(rel)


def clean(raw_dir: Path = paths.RAW, extracted: pd.DataFrame | None = None,
          extracted_sources: pd.DataFrame | None = None, *, proposed: list[Proposed] = ()) -> CleanResult:
    """Run the cleaning stage on ``raw_dir`` (holding observations/ and sources/).

    ``extracted`` rows (from ``edueval extract``) with their documents in ``extracted_sources``,
    and any further ``proposed`` row sets, are merged after the curated rows.
    """
    raw_dir = Path(raw_dir)
    proposed = list(proposed)
    if extracted is not None and not extracted.empty:
        proposed.append(Proposed(extracted, extracted_sources if extracted_sources is not None
                                 else pd.DataFrame(columns=SOURCE_COLUMNS), "extracted documents"))
    sources = load_sources(raw_dir / "sources")
    for p in proposed:
        sources = _merge_sources(sources, p.sources, p.origin)
    curated = load_curated(raw_dir / "observations")
    _check_sources_registered(curated, sources)
    inputs = {str(p.relative_to(raw_dir.parent.parent)): sha256_file(p)
              for sub in ("observations", "sources") for p in raw_files(raw_dir / sub)}

    logs = []
    # the same statement typed twice (e.g. two files) is one fact
    repeats = curated.duplicated(KEY + ["value", "source_id"], keep="first")
    logs.append(_log(curated[repeats], "duplicate", "exact repeat of another row; dropped"))
    curated = curated[~repeats]
    combined = curated[COLUMNS].assign(input_file=_input_file(curated["raw_file"], raw_dir))

    for p in proposed:
        if p.rows.empty:
            continue
        rows = p.rows.assign(input_file=p.rows["input_file"] if "input_file" in p.rows else p.origin)
        valid, rejected = _validate_proposed(rows, sources)
        logs.append(rejected.assign(issue="rejected")[QUALITY_COLUMNS] if not rejected.empty else
                    pd.DataFrame(columns=QUALITY_COLUMNS))
        valid = valid[COLUMNS + ["input_file"]]
        if p.reviewed:
            combined = pd.concat([combined, valid], ignore_index=True)
        else:
            extra, merge_log = merge_extracted(combined, valid)
            logs.append(merge_log)
            combined = pd.concat([combined, extra], ignore_index=True)

    combined, conflict_log = resolve_conflicts(combined.reset_index(drop=True), sources)
    logs.append(conflict_log)
    combined, restated_log = drop_restatements(combined, sources)
    logs.append(restated_log)
    logs.append(_log(combined[combined["status"] == "masked"], "masked", "digits hidden in the source; not guessed"))
    derived = combined[combined["method"] == "derived"]
    logs.append(_log(derived, "derived", derived["derivation"].tolist()))
    catalog = load_catalog()
    gross = combined["indicator"].map(lambda c: catalog[c].bound == "may_exceed_100")
    above = combined[gross & (combined["kind"] == "actual") & (combined["value"] > 100)]
    logs.append(_log(above, "above_100", "a gross ratio above 100 (possible with over-age or in-migrating pupils)"))

    combined = combined.sort_values(["region_code", "indicator", "school_level", "year", "kind", "source_id"],
                                    ignore_index=True)
    quality = _concat(logs, QUALITY_COLUMNS).sort_values(["issue", "region_code", "indicator", "year", "source_id"],
                                                         ignore_index=True)
    quality = store.validate("quality_log", quality)
    observations = store.validate("observations", combined)
    return CleanResult(observations, quality, sources.drop(columns="registry_file")[SOURCE_COLUMNS], inputs)
