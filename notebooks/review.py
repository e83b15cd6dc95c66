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
# # Reviewing what the extractor proposed
#
# After `edueval extract` (or `make data`), this notebook lists the rows a person should look
# at, each beside the sentence it was read from: the rows the extractor held back (it could
# not tell the document's region without guessing), and the rows it proposed with a low
# confidence or a year inferred from the document rather than stated in the sentence.
#
# To accept a row, put its number in `decisions` with `{}`; to correct it, give the fields
# to change, e.g. `{3: {}, 7: {"region_code": "350102"}, 9: {"value": 93.2}}`. Set `write`
# and run the notebook again: the rows go to `data/raw/observations/reviewed.csv` as curated
# rows with the same source, place and quote (their documents to
# `data/raw/sources/reviewed.csv`), so the extractor does not propose them again and
# cleaning keeps the curated value. The logic lives in `edueval.extract.review`.

# %% tags=["parameters"]
root = ""  # another checkout's folder; empty: this one
low_confidence = 0.6  # rows proposed below this confidence are listed
include_unread = False  # also list numbers the extractor saw but could not read
decisions = {}  # queue row → corrections ({} accepts the row as proposed)
write = False

# %%
from pathlib import Path

import pandas as pd

from edueval import paths
from edueval.extract.review import accept, review_queue

layout = paths.Layout(Path(root).resolve()) if root else paths.DEFAULT
queue = review_queue(layout, low_confidence=low_confidence, include_unread=include_unread)
print(f"{len(queue)} row(s) to review")
queue["why"].value_counts()

# %% [markdown]
# ## The rows, beside their sentences

# %%
with pd.option_context("display.max_colwidth", 80, "display.max_rows", 200):
    display_columns = ["why", "region_name", "indicator", "school_level", "year", "value", "unit", "kind",
                       "qualifier", "quote", "sentence", "locator"]
    shown = queue[display_columns]
shown

# %% [markdown]
# ## What the researcher decided

# %%
written = accept(queue, decisions, layout) if write and decisions else None
print(f"{len(decisions)} decision(s) written to {written}" if written else
      f"{len(decisions)} decision(s); set write = True to record them")
