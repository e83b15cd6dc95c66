"""``edueval index``: reports/index.html and reports/manifest.json from the pages' statuses."""
from __future__ import annotations

import argparse
import sys

from .. import paths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options: the index lists every page the published tables call for."""


def _inputs_digest(tables, pages, statuses: list[dict], layout: paths.Layout) -> str:
    """What the index shows is made of: the pages and their statuses, the published versions, the code."""
    import hashlib
    import json

    from .pages import code_digest

    versions = {stage: (manifest or {}).get("version") for stage, manifest in sorted(tables.manifests.items())}
    payload = json.dumps({"pages": [p.key for p in pages], "statuses": statuses, "versions": versions,
                          "code": code_digest(layout)}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write(tables, pages, statuses: list[dict], layout: paths.Layout) -> int:
    """Write the index pages, unless they exist and their inputs did not change (each embeds a
    font subset: rewriting them was most of a no-op build)."""
    from ..atomic import write_text
    from .i18n import INDEX_FILE
    from .index import write_index

    failed = sum(1 for s in statuses if not s.get("ok"))
    digest = _inputs_digest(tables, pages, statuses, layout)
    stamp = layout.build / "index.sha256"
    written = [layout.reports / name for name in (*INDEX_FILE.values(), "manifest.json")]
    if all(p.is_file() for p in written) and stamp.is_file() and stamp.read_text().strip() == digest:
        return failed
    regions = list(dict.fromkeys(p.region for p in pages))
    write_index(regions, statuses, tables, layout)
    write_text(stamp, digest + "\n")
    return failed


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
