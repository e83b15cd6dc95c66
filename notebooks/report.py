# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python (edueval)
#     language: python
#     name: edueval
# ---

# %% [markdown] tags=["remove_cell"]
# # Region evaluation report
#
# Run by `make` for every region with a page (papermill, then nbconvert with code hidden).
# To explore one region in JupyterLab, set `region_code` below and run all cells; each
# section is a function of `edueval.report.sections` (`sections.headline(ctx)`,
# `sections.charts(ctx)`, …) and `sections.page(ctx)` is all of them in order.
# docs/report.md says how to read the page.

# %% tags=["parameters"]
region_code = "620802"
lang = "zh"
root = ""  # another checkout's folder; empty: this one

# %%
from pathlib import Path

from IPython.display import HTML, display

from edueval import paths
from edueval.report import sections
from edueval.report.context import load_context

ctx = load_context(region_code, lang=lang, layout=paths.Layout(Path(root)) if root else None)
display(HTML(sections.page(ctx)))
