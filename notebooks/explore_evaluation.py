# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python (edueval)
#     language: python
#     name: edueval
# ---

# %% [markdown]
# # Exploring the evaluation of one region
#
# How to load the published observation table, evaluate every series, look at one region
# and one series, compare the candidate projection methods and see how each has done on
# the real series (the backtest). Every method and convention is in `docs/methods.md`.
# It opens on the nation's nine-year retention rate (15 yearly values), where every method
# runs; set `region` to any code or name (崆峒区, 河南省 …). The reports read the tables
# `edueval evaluate` publishes; nothing here writes anything.

# %% tags=["parameters"]
region = "全国"
indicator = "compulsory_retention"
school_level = "all"
root = ""  # another checkout's folder; empty: this one

# %%
from pathlib import Path

from edueval import load_catalog, load_regions, paths, store
from edueval.models import evaluate_all, evaluate_series
from edueval.models.backtest import run_backtest

layout = paths.Layout(Path(root).resolve()) if root else paths.DEFAULT
# raises an error telling you to run `make` when the table has not been built
observations = store.read("observations", layout)
place = load_regions().resolve(region)
print(place, "·", load_catalog()[indicator])
observations[["region_code", "indicator", "year", "value", "kind", "status", "method"]].head()

# %% [markdown]
# ## Evaluate everything
# One call evaluates every series against every target that applies to it, with the
# registered policies of `reference/policies.csv`; the tolerances are parameters.

# %%
evaluation = evaluate_all(observations, validate=False)
evaluation

# %%
mine = evaluation.region(place.code)
mine.targets[["indicator", "scope", "target_qualifier", "target_value", "target_year", "n_actual", "rule",
              "status", "category", "progress_ratio", "schedule_verdict", "interval_label_en", "probability_band"]]

# %% [markdown]
# ## Which rule fired, and why
# The method depends on the number n of yearly actual values (docs/methods.md, "The rule engine").

# %%
mine.series[["indicator", "school_level", "n", "first_year", "latest_year", "rule", "rule_reason"]]

# %% [markdown]
# ## One series in detail
# `evaluate_series` keeps the statsmodels results objects and a readable summary.

# %%
one = evaluate_series(observations, place.code, indicator, school_level, validate=False)
print(one.summary())

# %%
one  # rendered as HTML in JupyterLab (text is escaped)

# %% [markdown]
# ## Candidate models
# The projection methods side by side; `chosen` marks the one the rules use, and intervals
# are blank where the rules do not allow one.

# %%
one.candidate_models()

# %% [markdown]
# ## How the methods have done on the real series
# Every real series re-forecast from its own past (every origin, 1–5 years ahead):
# interval coverage, misses below and above, and the Brier score of the chance of meeting
# a target beside the base rate's. The default was chosen on these figures.

# %%
backtest = run_backtest(observations)
backtest

# %% [markdown]
# ## Policy changes
# One row per series and registered policy; a single region's before/after is described,
# not attributed.

# %%
mine.policy[["indicator", "policy_id", "policy_name_en", "segmented", "reason", "level_change", "slope_change",
             "did_label_en"]]

# %% [markdown]
# ## Curves for charts
# Fitted values with the prediction interval (n ≥ 5) or the scenario band (n = 3–4).

# %%
one.curves
