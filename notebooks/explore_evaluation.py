# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python (edueval)
#     language: python
#     name: edueval
# ---

# %% [markdown]
# # Exploring the evaluation of one region
#
# How to load the observation table, evaluate every series, look at one region and one
# series, and compare the candidate trend models. The methods and every convention are
# in `docs/methods.md`. This notebook is for exploration; the reports read the cached
# `data/processed/evaluation_*.parquet` tables written by `edueval evaluate`.

# %% tags=["parameters"]
region_code = "620802"
indicator = "preschool_ger"
school_level = "all"
policy_year = 2021

# %%
import pandas as pd

from edueval.models import Tolerances, evaluate_all, evaluate_series, load_observations

# raises FileNotFoundError telling you to run `make` when the table has not been built
observations = load_observations()
observations[["region_code", "indicator", "year", "value", "kind", "status", "method"]].head()

# %% [markdown]
# ## Evaluate everything
# One call evaluates every series against every target that applies to it. The
# tolerances are parameters (序时进度 tolerance, relative tolerance of "~" targets, alpha).

# %%
evaluation = evaluate_all(observations, policy_year=policy_year, tolerance=Tolerances(schedule=0.05))
evaluation

# %%
mine = evaluation.region(region_code)
mine.targets[["indicator", "scope", "target_qualifier", "target_value", "target_year", "n_actual", "rule",
              "status", "category", "progress_ratio", "schedule_verdict", "interval_kind", "probability_band"]]

# %% [markdown]
# ## Which rule fired, and why
# The method depends on the number n of yearly actual values (GUIDE §5).

# %%
mine.series[["indicator", "school_level", "n", "first_year", "latest_year", "rule", "rule_reason"]]

# %% [markdown]
# ## One series in detail
# `evaluate_series` keeps the statsmodels results objects and a readable summary.

# %%
one = evaluate_series(observations, region_code, indicator, school_level, policy_year=policy_year)
print(one.summary())

# %%
one  # rendered as HTML in JupyterLab (text is escaped)

# %% [markdown]
# ## Candidate models
# Level and logit OLS, Theil–Sen and (for n ≥ 8 with 3 points each side) segmented
# regression with an AR(1) check. `chosen` marks the model the rules use as the headline;
# intervals are blank where the rules do not allow one.

# %%
one.candidate_models()

# %%
if one.trend_result is not None:
    print(one.trend_result.summary())
else:
    print(f"rule {one.rule}: no interval model for n = {one.series['n']}")

# %% [markdown]
# ## Policy year
# A single region's before/after is described, not attributed.

# %%
evaluation.policy[evaluation.policy["region_code"] == region_code][
    ["indicator", "n_before", "n_after", "segmented", "reason", "level_change", "slope_change", "did_note"]]

# %% [markdown]
# ## Curves for charts
# Fitted values with the prediction interval (n ≥ 5) or the scenario band (n = 3–4).

# %%
one.curves
