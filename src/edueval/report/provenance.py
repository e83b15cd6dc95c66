"""Provenance sections: every number traceable to a source row and a document.

Each observation row gets a stable anchor (``obs-…``) derived from its key, so a
scorecard cell can link to the row it shows, and the row links to its document
(``src-…``).
"""
from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata

import pandas as pd

from .. import paths
from ..schema import KEY
from . import html as h
from .i18n import t

PACKAGES = ("edueval", "pandas", "numpy", "scipy", "statsmodels", "seaborn", "matplotlib", "papermill",
            "nbconvert", "pandera", "fonttools")


def obs_anchor(row) -> str:
    """A stable anchor for one observation row (same row, same anchor, build after build)."""
    parts = [str(row[k]) for k in (*KEY, "source_id")]
    return "obs-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def src_anchor(source_id: str) -> str:
    return "src-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in source_id)


def value_text(row, lang: str) -> str:
    from .i18n import QUALIFIER

    if row["status"] == "masked":
        return t("masked", lang)
    q = QUALIFIER.get(row["qualifier"], row["qualifier"])
    unit = {"%": "%", "pp": " pp" if lang == "en" else "个百分点", "years": " years" if lang == "en" else "年",
            "count": "", "ratio": "", "x": "×"}.get(row["unit"], row["unit"])
    prefix = "" if q == "=" else (q if q != "约" else ("约" if lang == "zh" else "~"))
    return f"{prefix}{h.fmt_number(row['value'])}{unit}"


def used_rows(ctx) -> pd.DataFrame:
    """The rows the page shows: the region's own, the targets and standards on its scorecard,
    and the national series drawn beside its indicators."""
    from .figures import chartable_indicators

    obs = ctx.observations
    own = obs["region_code"] == ctx.region.code
    targets = ctx.targets
    keys = set(zip(targets["target_owner"], targets["indicator"], targets["school_level"], targets["target_year"],
                   targets["target_source_id"]))
    on_card = pd.Series([k in keys for k in zip(obs["region_code"], obs["indicator"], obs["school_level"], obs["year"],
                                                 obs["source_id"])], index=obs.index) & obs["kind"].isin(["target", "benchmark"])
    charted = set(chartable_indicators(ctx))
    national = (obs["region_code"] == "000000") & (obs["kind"] == "actual") & pd.Series(
        [k in charted for k in zip(obs["indicator"], obs["school_level"])], index=obs.index)
    return obs[own | on_card | national | (obs["applies_to"] == ctx.region.code)]


def observations_table(ctx, rows: pd.DataFrame) -> h.Raw:
    from .i18n import KIND, METHOD, pick

    lang = ctx.lang
    ordered = rows.assign(_own=rows["region_code"] != ctx.region.code).sort_values(
        ["_own", "indicator", "year", "kind", "region_code", "source_id"])
    body = []
    for _, r in ordered.iterrows():
        anchor = obs_anchor(r)
        method = pick(METHOD, r["method"], lang) + (f": {r['derivation']}" if r["method"] == "derived" and isinstance(r["derivation"], str) else "")
        body.append([
            h.Raw(f"<span id=\"{anchor}\"></span>{h.esc(ctx.series_name(r['indicator'], r['school_level']))}"),
            h.esc(f"{r['region_name']}"), r["year"], pick(KIND, r["kind"], lang), value_text(r, lang), method,
            h.link(f"#{src_anchor(r['source_id'])}", r["source_id"]), r["locator"], h.Raw(f"<span class=\"quote\">{h.esc(r['quote'])}</span>"),
        ])
    headers = [t("col_indicator", lang), "地区" if lang == "zh" else "Region", t("col_year", lang), t("col_kind", lang),
               t("col_value", lang), t("col_method", lang), t("col_source", lang), t("col_locator", lang), t("col_quote", lang)]
    return h.table(headers, body, numeric=[2, 4])


def documents_table(ctx, rows_used: pd.DataFrame | None = None) -> h.Raw:
    lang = ctx.lang
    sources = ctx.sources if rows_used is None else ctx.sources[ctx.sources["source_id"].isin(rows_used["source_id"])]
    rows = []
    for _, s in sources.sort_values("source_id").iterrows():
        rows.append([h.Raw(f"<span id=\"{src_anchor(s['source_id'])}\"></span>{h.esc(s['source_id'])}"),
                     s["title"], s["publisher"], s["date"], _where(s), s.get("note")])
    headers = ["ID", t("col_title", lang), t("col_publisher", lang), t("col_date", lang), t("col_where", lang),
               t("col_detail", lang)]
    return h.table(headers, rows)


def _where(source) -> h.Raw:
    """The official page as a link, and the copy read when it differs."""
    parts = []
    for key in ("url", "read_at"):
        value = source.get(key)
        if isinstance(value, str) and value:
            parts.append(h.link(value, value) if value.startswith(("http://", "https://")) else h.esc(value))
    return h.Raw("<br/>".join(parts) or "–")


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=paths.ROOT, capture_output=True,
                             text=True, timeout=10, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


def build_info(ctx) -> h.Raw:
    lang = ctx.lang
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    rows = [[name, digest[:16]] for name, digest in zip(ctx.inputs["input_file"], ctx.inputs["sha256"])]
    intro = ("本报告由以下软件版本和输入文件生成；相同输入得到逐字节相同的报告。"
             if lang == "zh" else "Built with these versions from these inputs; the same inputs give a byte-identical report.")
    return h.Raw(
        h.para(intro)
        + h.para(f"git: {git_revision()} · data version {ctx.data_version}", css="small")
        + h.para(" · ".join(versions), css="small")
        + h.table(["input", "sha256 (16)"], rows, css="small")
    )
