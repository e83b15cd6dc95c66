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
# This notebook is run by `make` (through papermill) and can be opened in JupyterLab.
# It reads every curated table in `data/raw/observations/` and the source registry in
# `data/raw/sources/`, validates them against the data contract (`docs/data_contract.md`),
# merges rows proposed by the document extractor (curated rows win), detects conflicts
# and writes `data/processed/observations.parquet` with a data-quality log.
# All logic lives in `edueval.clean`; a malformed raw file stops here with every problem listed.

# %% tags=["parameters"]
raw_dir = "data/raw"
processed_dir = "data/processed"
extracted_path = ""

# %%
from pathlib import Path

import pandas as pd

from edueval import paths
from edueval.clean import clean

root = paths.ROOT
extracted = extracted_sources = None
if extracted_path and (root / extracted_path).exists():  # no documents, no file
    extracted = pd.read_parquet(root / extracted_path)
    # the extractor registers its documents in a file beside its rows
    documents = (root / extracted_path).with_name(Path(extracted_path).stem + "_sources.parquet")
    extracted_sources = pd.read_parquet(documents) if documents.exists() else None
result = clean(root / raw_dir, extracted=extracted, extracted_sources=extracted_sources)
result.save(root / processed_dir)

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
