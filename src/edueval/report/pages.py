"""Which pages exist, what each one reads, and which must be rendered again.

A page exists for every region with data of its own and for each of its ancestors (so a
county can be read against its prefecture and province), in each language. A page's input
digest covers its slice of the published tables (report/context.py), the report's code and
the notebook; it is stored beside the build (``build/pages/``) only after the page is
written, so an interrupted build renders the missing pages next time and a page whose own
inputs did not change is never rendered again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import paths, store
from ..atomic import write_text
from ..regions import NATIONAL, Region, load_regions
from .context import Tables
from .i18n import INDEX_FILE, PAGE_SUFFIX

LEVEL_ORDER = {"national": 0, "province": 1, "city": 2, "county": 3}


@dataclass(frozen=True)
class Page:
    region: Region
    lang: str

    @property
    def file(self) -> str:
        return report_name(self.region, self.lang)

    @property
    def key(self) -> str:
        return f"{self.region.code}.{self.lang}"


def report_name(region: Region, lang: str = "zh") -> str:
    return f"{region.code}-{region.slug}{PAGE_SUFFIX[lang]}.html"


def page_regions(tables: Tables) -> list[Region]:
    """Regions with a page: those with data of their own, their ancestors, and the nation;
    nation first, then provinces, prefectures and counties, each by code."""
    registry = load_regions()
    codes = {NATIONAL}
    for code in tables.codes_with_data():
        if code not in registry:
            continue
        codes.add(code)
        codes.update(r.code for r in registry.ancestors(code))
    regions = [registry[c] for c in codes]
    return sorted(regions, key=lambda r: (LEVEL_ORDER.get(r.level, 9), r.code))


def code_digest(layout: paths.Layout = paths.DEFAULT) -> str:
    """The package code and the report notebook: a change re-renders every page."""
    notebook = layout.notebooks / "report.py"
    extra = notebook.read_bytes() if notebook.is_file() else b""
    return hashlib.sha256(store.code_digest().encode() + extra).hexdigest()[:16]


def stamp_path(page: Page, layout: paths.Layout) -> Path:
    return layout.pages / f"{page.key}.sha256"


def pages_to_render(tables: Tables, pages: list[Page], layout: paths.Layout, force: bool = False
                    ) -> list[tuple[Page, str]]:
    """(page, digest) for every page whose inputs changed since it was written, or that is missing."""
    code = code_digest(layout)
    out = []
    digests: dict[str, str] = {}
    for page in pages:
        key = page.region.code
        if key not in digests:
            digests[key] = tables.digest(key)
        digest = hashlib.sha256(f"{digests[key]}|{page.lang}|{code}".encode()).hexdigest()
        stamp = stamp_path(page, layout)
        html = layout.reports / page.file
        if force or not html.is_file() or not stamp.is_file() or stamp.read_text().strip() != digest:
            out.append((page, digest))
    return out


def record(page: Page, digest: str, layout: paths.Layout) -> None:
    """After a page is written: its inputs are now those of ``digest``."""
    write_text(stamp_path(page, layout), digest + "\n")


def remove_stale(pages: list[Page], layout: paths.Layout) -> list[str]:
    """Pages (and their stamps) of regions that no longer have one; the index pages stay."""
    keep = {p.file for p in pages} | set(INDEX_FILE.values())
    removed = []
    if layout.reports.is_dir():
        for html in layout.reports.glob("*.html"):
            if html.name not in keep:
                html.unlink()
                removed.append(html.name)
    keys = {p.key for p in pages}
    if layout.pages.is_dir():
        for stamp in layout.pages.glob("*.sha256"):
            if stamp.name[: -len(".sha256")] not in keys:
                stamp.unlink()
    return removed
