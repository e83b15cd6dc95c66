"""The data contract: one tidy observation table (docs/data_contract.md) as pandera schemas.

A row is one statement of fact: a value of an indicator for a region and year, of a
kind (actual, target, benchmark, change), with its qualifier, its source and, for
extracted rows, where in the document it was found.

Validation is always lazy, so one run reports every failing row at once.
"""
from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .catalog import load_catalog
from .regions import load_regions

KINDS = ("actual", "target", "benchmark", "change")
QUALIFIERS = ("=", ">=", ">", "<=", "<", "~")
STATUSES = ("ok", "masked", "conflict")
METHODS = ("curated", "extracted", "derived")
UNITS = ("%", "pp", "years", "count", "ratio", "x")
# all = 各级各类 / a total; compulsory = 义务教育阶段; upper_secondary = 高中阶段 (普通高中 + 中职);
# basic = 基础教育; senior = 普通高中; vocational = 中职; technical = 技工学校; reform_school = 专门学校
SCHOOL_LEVELS = (
    "all", "preschool", "primary", "junior", "senior", "nine_year", "twelve_year",
    "complete_secondary", "special", "vocational", "higher", "teaching_point",
    "compulsory", "upper_secondary", "basic", "technical", "reform_school",
)
# Units a change may be stated in: percentage points, relative per cent, a multiple.
CHANGE_UNITS = ("pp", "%", "x", "years", "count")
# named once: the source reader (edueval/raw.py) turns this check's failures into one line per row
DENIED_HOST_CHECK = "no address on a gambling, adult or spam host (reference/denied_hosts.csv)"
SOURCE_KINDS = ("bulletin", "plan", "policy", "standard", "speech", "news", "record", "yearbook", "table")

COLUMNS = [
    "region_code", "region_name", "indicator", "school_level", "year", "value", "unit",
    "kind", "qualifier", "base_year", "applies_to", "status", "method", "source_id",
    "locator", "quote", "derivation", "note",
]
# A statement is identified by these; two rows of one source sharing them are duplicates.
KEY = ["region_code", "indicator", "school_level", "year", "kind", "applies_to", "base_year"]


def _per_row(s: pd.Series, func, dtype) -> pd.Series:
    """``func`` of each value, with a fixed result dtype (``Series.map`` on an Arrow-backed
    string column keeps the string dtype, which turns numbers into text)."""
    return pd.Series([func(v) for v in s.tolist()], index=s.index, dtype=dtype)


FIRST_YEAR, LAST_YEAR = 1949, 2100  # the years an observation may be of


class ObservationFields(pa.DataFrameModel):
    """The contract's columns and their types (docs/data_contract.md), shared by the observation
    table and the extractor's proposals; each adds its own checks and configuration."""

    region_code: Series[str] = pa.Field(str_length={"min_value": 1})
    region_name: Series[str]
    indicator: Series[str]
    school_level: Series[str] = pa.Field(isin=SCHOOL_LEVELS)
    year: Series[pd.Int64Dtype] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR)
    value: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(isin=UNITS)
    kind: Series[str] = pa.Field(isin=KINDS)
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS)
    base_year: Series[pd.Int64Dtype] = pa.Field(ge=FIRST_YEAR, le=LAST_YEAR, nullable=True)
    applies_to: Series[str] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=STATUSES)
    method: Series[str] = pa.Field(isin=METHODS)
    source_id: Series[str] = pa.Field(str_length={"min_value": 1})
    locator: Series[str] = pa.Field(nullable=True)
    quote: Series[str] = pa.Field(nullable=True)
    derivation: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)


class Observations(ObservationFields):
    """The tidy observation table."""

    class Config:
        strict = True
        coerce = True
        ordered = False

    @pa.check("region_code", name="registered region")
    def _region_registered(cls, s: Series[str]) -> Series[bool]:
        registry = load_regions()
        return _per_row(s, lambda c: c in registry, bool)

    @pa.check("indicator", name="indicator in catalog")
    def _indicator_known(cls, s: Series[str]) -> Series[bool]:
        catalog = load_catalog()
        return _per_row(s, lambda c: c in catalog, bool)

    @pa.dataframe_check(name="value missing exactly when masked")
    def _masked_has_no_value(cls, df: pd.DataFrame) -> Series[bool]:
        return df["value"].isna() == (df["status"] == "masked")

    @pa.dataframe_check(name="value within the indicator's valid range")
    def _value_in_range(cls, df: pd.DataFrame) -> Series[bool]:
        catalog = load_catalog()
        lo = _per_row(df["indicator"], lambda c: catalog[c].min if c in catalog else float("nan"), float)
        hi = _per_row(df["indicator"], lambda c: catalog[c].max if c in catalog else float("nan"), float)
        level = df["kind"] != "change"
        ok = df["value"].isna() | ~level | ((df["value"] >= lo) & (df["value"] <= hi))
        return ok

    @pa.dataframe_check(name="a count of schools, pupils or teachers is a whole number")
    def _count_whole(cls, df: pd.DataFrame) -> Series[bool]:
        # 19.1 pupils is a count whose 万 was lost on the way (edueval/extract/statements.py holds
        # such a reading back); a change of a count is in % and may have a fraction
        catalog = load_catalog()
        is_count = _per_row(df["indicator"], lambda c: c in catalog and catalog[c].unit == "count", bool)
        fraction = (df["value"] - df["value"].round()).abs() > 1e-6
        return df["value"].isna() | (df["kind"] == "change") | ~is_count | ~fraction.fillna(False).astype(bool)

    @pa.dataframe_check(name="unit matches the catalog (levels) or is a change unit")
    def _unit_consistent(cls, df: pd.DataFrame) -> Series[bool]:
        catalog = load_catalog()
        expected = _per_row(df["indicator"], lambda c: catalog[c].unit if c in catalog else "", object)
        is_change = df["kind"] == "change"
        return (is_change & df["unit"].isin(CHANGE_UNITS)) | (~is_change & (df["unit"] == expected))

    @pa.dataframe_check(name="a change has an earlier base year, or is a gap to the jurisdiction in applies_to")
    def _change_has_base(cls, df: pd.DataFrame) -> Series[bool]:
        # 较2015年提高9.89个百分点: a change over time; 高出全国3.5个百分点: a gap, in the same year,
        # to another jurisdiction (ANNOTATION.md: a change row of the document's own region)
        is_change = df["kind"] == "change"
        over_time = (df["base_year"].notna() & (df["base_year"] < df["year"])).fillna(False).astype(bool)
        gap = df["base_year"].isna() & df["applies_to"].notna() & (df["applies_to"] != df["region_code"])
        return ~is_change | over_time | gap.fillna(False).astype(bool)

    @pa.dataframe_check(name="a derived value states its arithmetic")
    def _derived_has_derivation(cls, df: pd.DataFrame) -> Series[bool]:
        has = df["derivation"].fillna("").str.strip() != ""
        return (df["method"] != "derived") | has

    @pa.dataframe_check(name="balance coefficients name their school level")
    def _balance_level_given(cls, df: pd.DataFrame) -> Series[bool]:
        # a 差异系数 is computed separately for primary and junior schools
        is_balance = df["indicator"].str.startswith("balance_cv_")
        return ~is_balance | df["school_level"].isin(["primary", "junior"])


class Sources(pa.DataFrameModel):
    """The source registry: every document or table a value comes from.

    ``url`` is the issuing body's own page (moe.gov.cn, stats.gov.cn, gov.cn, a provincial
    government or 教育厅) where one is known; ``read_at`` is the copy actually read when it
    was read elsewhere; ``accessed`` the day it was read and ``licence`` its terms, as in
    OWID's snapshots. A row without ``url`` says why in ``note``. No address may point at a
    host of the deny list (``reference/denied_hosts.csv``: gambling, adult and spam hosts).
    """

    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9][a-z0-9_.-]*$")
    title: Series[str] = pa.Field(str_length={"min_value": 1})
    publisher: Series[str] = pa.Field(str_length={"min_value": 1})
    date: Series[str] = pa.Field(str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    kind: Series[str] = pa.Field(isin=SOURCE_KINDS)
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://\S+$")
    read_at: Series[str] = pa.Field(nullable=True, str_matches=r"^(https?://\S+|shared/\S+|data/\S+|file:\S+)$")
    accessed: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    licence: Series[str] = pa.Field(nullable=True)
    file: Series[str] = pa.Field(nullable=True)
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(name="a source without an official url says why in its note")
    def _url_or_reason(cls, df: pd.DataFrame) -> Series[bool]:
        return df["url"].notna() | (df["note"].fillna("").str.strip() != "")

    @pa.dataframe_check(name=DENIED_HOST_CHECK)
    def _no_denied_host(cls, df: pd.DataFrame) -> Series[bool]:
        from .denylist import is_denied

        return _per_row(df["url"], lambda u: not is_denied(u), bool) & _per_row(
            df["read_at"], lambda u: not is_denied(u), bool)


SOURCE_COLUMNS = list(Sources.to_schema().columns)


class ProcessedObservations(Observations):
    """The cleaned table: the contract's columns and the input each row was read from
    (a raw table's path under data/raw, or an extracted document's name), so that a page
    can list exactly the inputs it shows."""

    input_file: Series[str]


QUALITY_ISSUES = ("masked", "conflict", "derived", "extracted_only", "extraction_disagrees", "rejected",
                  "set_aside", "above_100", "duplicate")


class QualityLog(pa.DataFrameModel):
    """Every row that is masked, conflicting, derived, extraction-only, rejected or dropped, with why."""

    issue: Series[str] = pa.Field(isin=QUALITY_ISSUES)
    region_code: Series[str] = pa.Field(nullable=True)
    indicator: Series[str] = pa.Field(nullable=True)
    school_level: Series[str] = pa.Field(nullable=True)
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    kind: Series[str] = pa.Field(nullable=True)
    value: Series[float] = pa.Field(nullable=True)
    source_id: Series[str] = pa.Field(nullable=True)
    method: Series[str] = pa.Field(nullable=True)
    locator: Series[str] = pa.Field(nullable=True)
    detail: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        coerce = True


class ExtractedObservations(ObservationFields):
    """Rows the extractor proposes, before cleaning: the contract's columns (regions may still
    be pseudo-codes) and their provenance."""

    method: Series[str] = pa.Field(isin=["extracted"])
    document: Series[str]
    offset: Series[pd.Int64Dtype] = pa.Field(ge=0)
    sentence: Series[str] = pa.Field(nullable=True)
    confidence: Series[float] = pa.Field(ge=0, le=1)
    reason: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = "filter"
        coerce = True


class SetAside(pa.DataFrameModel):
    """Figures the extractor saw but could not turn into rows, each with the reason a person reads."""

    document: Series[str]
    offset: Series[pd.Int64Dtype] = pa.Field(ge=0)
    quote: Series[str] = pa.Field(nullable=True)
    reason: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        coerce = True


def empty_observations() -> pd.DataFrame:
    """A zero-row frame with the contract's columns and dtypes."""
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return Observations.validate(df)
