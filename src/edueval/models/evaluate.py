"""evaluate_all: every series and every target that applies to it, in tidy tables.

The pipeline (docs/methods.md):
1. usable actual series (inputs.actual_series) packed into a panel;
2. the series table: a rule per series from n and the bound class, the pace, the
   autocorrelation check (series.py);
3. every target of the region (inputs.collect_targets) judged: status, pace, progress
   category, 序时进度 and, where the rule allows, a projection with a prediction interval
   or a scenario band and the chance of meeting the target (targets.py);
4. the policy table: one row per series × registered policy that concerns it (policy.py);
5. the curves for the charts (curves.py).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..catalog import Catalog, load_catalog
from ..regions import Registry, load_regions
from .curves import curves_frame
from .inputs import actual_series, change_rows, check_columns, collect_targets
from .lookup import region_code
from .policy import policy_frame
from .policy_registry import select_policies
from .projection import DEFAULT_METHOD, drift_fit_rows, leave_one_out
from .results import EvaluationSet, SeriesEvaluation
from .rules import Tolerances
from .series import series_frame, unknown_code_message
from .tables import conform
from .targets import targets_frame
from .trend import build_panel, logit100

STATSMODELS_MAX_SERIES = 300  # above this "auto" uses the vectorised closed forms
ENGINES = ("auto", "statsmodels", "numpy")


def _check_input(observations: pd.DataFrame, catalog: Catalog) -> None:
    check_columns(observations)
    if observations.empty:
        raise ValueError("the observation table has no rows: nothing to evaluate "
                         "(build it with `edueval clean`, or check the filter that produced it)")
    unknown = sorted(c for c in pd.unique(observations["indicator"].astype(str)) if c not in catalog)
    if unknown:
        raise KeyError(unknown_code_message("indicator code", unknown, catalog.codes)
                       + " — not in the indicator catalog (reference/indicators.csv)")


def evaluate_all(
    observations: pd.DataFrame,
    policy_year: int | None = None,
    tolerance: Tolerances | None = None,
    *,
    engine: str = "auto",
    registry: Registry | None = None,
    catalog: Catalog | None = None,
    policies: pd.DataFrame | None = None,
    validate: bool = True,
) -> EvaluationSet:
    """Evaluate every series and every target that applies to it.

    policy_year: None uses every policy of reference/policies.csv that concerns a series;
    a year keeps the registered policies whose first full year it is (or one unnamed
    before/after at that year when none is registered). policies: a registry frame to use
    instead of reference/policies.csv. engine: "statsmodels" (one fit per series), "numpy"
    (vectorised closed forms, same numbers) or "auto" (statsmodels up to 300 series).
    validate: check the table against edueval.schema.Observations first (lazy).
    """
    tolerance = tolerance or Tolerances()
    registry = registry or load_regions()
    catalog = catalog or load_catalog()
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    _check_input(observations, catalog)
    if validate:
        observations = _validated(observations)
    chosen = select_policies(policy_year, policies)
    panel = build_panel(actual_series(observations))
    if engine == "auto":
        engine = "statsmodels" if len(panel) <= STATSMODELS_MAX_SERIES else "numpy"
    series, lo, hi, unit = series_frame(panel, catalog, change_rows(observations))
    logit = (series["model_scale"] == "logit").to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        model_values = np.where(logit[:, None], logit100(panel.values), panel.values)
    latest = series["latest_year"].to_numpy(dtype=float)
    fit = drift_fit_rows(panel.years, model_values, panel.mask, latest, engine)
    loo = leave_one_out(panel.years, model_values, panel.mask, latest)

    regions = pd.unique(pd.concat([series["region_code"], observations.loc[
        observations["kind"].isin(["target", "benchmark"]), "region_code"].astype(str)]))
    regions = [r for r in regions if r in registry]
    targets = collect_targets(observations, regions, registry)
    targets_table = targets_frame(panel, series, lo, hi, unit, fit, loo, targets, tolerance, catalog)
    policy_table = policy_frame(panel, series, registry, chosen, tolerance.alpha, engine)
    curves = curves_frame(panel, series, fit, targets_table, lo, hi, tolerance.alpha)
    meta = {
        "policy_year": policy_year, "policies": chosen["policy_id"].tolist(), "engine": engine,
        "projection_method": DEFAULT_METHOD,
        "tolerance_schedule": tolerance.schedule, "tolerance_about_relative": tolerance.about_relative,
        "tolerance_near_target_pace": tolerance.near_target_pace, "alpha": tolerance.alpha,
        "n_series": len(series), "n_targets": len(targets_table),
    }
    return EvaluationSet(targets=conform(targets_table, "targets"), series=conform(series, "series"),
                         policy=conform(policy_table, "policy"), curves=conform(curves, "curves"), meta=meta)


def _validated(observations: pd.DataFrame) -> pd.DataFrame:
    """The table checked against the contract (the published table carries ``input_file`` too);
    a failure is a ValueError naming the first failing rows and checks, not a pandera dump."""
    import pandera.pandas as pa

    from ..schema import Observations, ProcessedObservations

    schema = ProcessedObservations if "input_file" in observations.columns else Observations
    try:
        return schema.validate(observations, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        shown = [f"{'row ' + str(int(c['index'])) if pd.notna(c['index']) else 'table'}: "
                 f"{c['column']} fails '{c['check']}' ({c['failure_case']!r})" for _, c in cases.head(5).iterrows()]
        more = f"; … {len(cases) - len(shown)} more" if len(cases) > len(shown) else ""
        raise ValueError(f"the observation table does not meet its contract (docs/data_contract.md), "
                         f"{len(cases)} problem(s): " + "; ".join(shown) + more) from None


def evaluate_series(
    observations: pd.DataFrame,
    region: str,
    indicator: str,
    school_level: str = "all",
    policy_year: int | None = None,
    tolerance: Tolerances | None = None,
    *,
    registry: Registry | None = None,
    catalog: Catalog | None = None,
    validate: bool = True,
) -> SeriesEvaluation:
    """One series (region by code or name), with the statsmodels results kept for inspection."""
    from .candidates import candidate_models, series_results
    tolerance = tolerance or Tolerances()
    registry = registry or load_regions()
    catalog = catalog or load_catalog()
    if indicator not in catalog:
        raise KeyError(unknown_code_message("indicator code", [indicator], catalog.codes))
    code = region_code(region, pd.unique(observations["region_code"].astype(str)), registry, "the observations")
    same = (observations["indicator"] == indicator) & (observations["school_level"] == school_level)
    if not same.any():
        levels = sorted(set(observations.loc[observations["indicator"] == indicator, "school_level"]))
        raise KeyError(f"no rows for {indicator} / {school_level}"
                       + (f"; school levels present: {levels}" if levels else ""))
    full = evaluate_all(observations[same].reset_index(drop=True), policy_year, tolerance, engine="statsmodels",
                        registry=registry, catalog=catalog, validate=validate)
    key = full.series["region_code"] == code
    if not key.any():
        raise KeyError(f"no usable actual series for {code} / {indicator} / {school_level}")
    series = full.series[key].iloc[0]
    actual = actual_series(observations[same])
    actual = actual[actual["region_code"] == code].reset_index(drop=True)
    targets = full.targets[full.targets["region_code"] == code].reset_index(drop=True)
    policy = full.policy[full.policy["region_code"] == code].reset_index(drop=True)
    trend, segmented = series_results(actual, series, policy)
    candidates = candidate_models(actual, series, targets, policy, tolerance.alpha)
    curves = full.curves[full.curves["region_code"] == code].reset_index(drop=True)
    return SeriesEvaluation(code, indicator, school_level, actual, series, targets, policy, curves, candidates,
                            trend, segmented, meta=full.meta)
