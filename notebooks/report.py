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
# Run by `make` for every city and district (papermill, then nbconvert with code hidden).
# To explore one region in JupyterLab, set `region_code` below and run all cells.
# Every section is a function in `edueval.report.sections`; this notebook only calls them.

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

# %%
display(HTML(sections.header(ctx)))

# %%
display(HTML(sections.scorecard(ctx)))

# %%
display(HTML(sections.narrative(ctx)))

# %%
display(HTML(sections.charts(ctx)))

# %%
display(HTML(sections.policy(ctx)))

# %%
balance = sections.balance(ctx)
if balance is not None:
    display(HTML(balance))

# %%
display(HTML(sections.quality(ctx)))

# %%
display(HTML(sections.provenance(ctx)))

# %%
display(HTML(sections.methods(ctx)))

# %%
display(HTML(sections.build(ctx)))
