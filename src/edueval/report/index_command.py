"""``edueval index``: reports/index.html and reports/manifest.json from the pages' statuses."""
from __future__ import annotations

import argparse
import sys

from .. import paths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the index lists every page the published tables call for."""


def write(tables, pages, statuses: list[dict], layout: paths.Layout) -> int:
    from .index import write_index

    regions = list(dict.fromkeys(p.region for p in pages))
    write_index(regions, statuses, tables, layout)
    return sum(1 for s in statuses if not s.get("ok"))


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    from .build import statuses
    from .context import Tables
    from .i18n import LANGS
    from .pages import Page, page_regions

    tables = Tables.load(args.layout)
    pages = [Page(r, lang) for r in page_regions(tables) for lang in LANGS]
    failed = write(tables, pages, statuses(pages, args.layout), args.layout)
    if not args.quiet:
        print(f"edueval index: {len(pages) - failed} page(s) listed, {failed} failed → {args.layout.reports / 'index.html'}")
    if failed:
        print(f"edueval index: {failed} page(s) failed or not built; see the index for each reason", file=sys.stderr)
    return 1 if failed else 0
