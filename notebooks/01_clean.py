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
# # Cleaning: raw tables → one tidy observation table
#
# The same stage as `edueval clean` (and `make data`), to explore in JupyterLab: it reads
# every curated table in `data/raw/observations/` and the source registry in
# `data/raw/sources/`, validates them against the data contract (`docs/data_contract.md`),
# merges the rows the extract and balance stages propose (curated rows win), detects
# conflicts and builds the observation table with a data-quality log. Nothing is published
# unless `publish` is set; all logic lives in `edueval.clean`, and the command calls the
# same two functions, so both give the same rows.

# %% tags=["parameters"]
root = ""  # another checkout's folder; empty: this one
extracted = ""  # a file written by `edueval extract PATH… -o FILE`; empty: the extract stage's rows
publish = False

# %%
from pathlib import Path

import pandas as pd

from edueval import paths
from edueval.clean import clean
from edueval.clean.command import proposed_rows

layout = paths.Layout(Path(root).resolve()) if root else paths.DEFAULT
result = clean(layout.raw, proposed=proposed_rows(layout, Path(extracted) if extracted else None))
if publish:
    result.publish(layout)
result

# %% [markdown]
# ## What went in
# Every raw file and its SHA-256, so a report can say exactly which inputs it was built from.

# %%
pd.Series(result.inputs, name="sha256").to_frame()

# %% [markdown]
# ## The observation table
# Rows by region, kind and method.

# %%
obs = result.observations
obs.pivot_table(index=["region_code", "region_name"], columns="kind", values="indicator",
                aggfunc="count", fill_value=0)

# %%
obs.groupby(["method", "status"]).size().rename("rows").to_frame()

# %% [markdown]
# ## Data-quality log
# Every masked, conflicting, derived, extracted-only, out-of-range or rejected row, with the reason.

# %%
result.quality_log["issue"].value_counts().rename("rows").to_frame()

# %%
result.quality_log
