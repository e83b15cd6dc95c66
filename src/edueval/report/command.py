"""``edueval report``: render the pages whose inputs changed, then the index.

    edueval report                     # every page (both languages), only those whose inputs changed
    edueval report 崆峒区 --lang zh     # these regions, rendered whatever their digests say
    edueval report --force             # every page again
    edueval report --scheduler tcp://host:8786   # on a dask.distributed cluster (docs/performance.md)
"""
from __future__ import annotations

import argparse
import sys

from .i18n import LANGS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("regions", nargs="*", metavar="REGION", help="region codes or names (default: every page)")
    parser.add_argument("--lang", choices=(*LANGS, "both"), default="both", help="page language (default both)")
    parser.add_argument("--force", action="store_true", help="render even pages whose inputs did not change")
    parser.add_argument("--workers", type=int, default=2, help="worker processes, one warm kernel each (default 2)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default="",
                        help="render on dask.distributed: a scheduler address (tcp://host:8786) or 'local' for a "
                             "LocalCluster of --workers processes (default: this machine's process pool)")
    parser.add_argument("--no-index", action="store_true", help="do not write reports/index.html")


def _regions(names: list[str]):
    from ..errors import InputError
    from ..regions import load_regions

    registry, found, problems = load_regions(), [], []
    for name in names:
        region = registry.resolve(name)
        if region is None:
            # thousands of regions are registered: say why this one is not resolved, not list them all
            problems.append(f"region {name!r} not resolved: {registry.resolve_in(name).reason}")
        else:
            found.append(region)
    if problems:
        raise InputError(problems, hint="name a region by its GB/T 2260 code or its registered name")
    return found


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    from .build import render_pages, statuses
    from .context import Tables
    from .index_command import write
    from .pages import Page, page_regions, pages_to_render, remove_stale

    if args.workers < 1:
        print(f"edueval report: --workers {args.workers}: at least 1", file=sys.stderr)
        return 2
    if args.scheduler:
        from .cluster import SchedulerError, check_address

        try:
            check_address(args.scheduler)
        except SchedulerError as exc:
            print(f"edueval report: {exc}", file=sys.stderr)
            return 2
    layout = args.layout
    langs = LANGS if args.lang == "both" else (args.lang,)
    tables = Tables.load(layout)
    every = [Page(r, lang) for r in page_regions(tables) for lang in LANGS]
    chosen = [Page(r, lang) for r in _regions(args.regions) for lang in langs] if args.regions else \
        [p for p in every if p.lang in langs]
    todo = pages_to_render(tables, chosen, layout, force=args.force or bool(args.regions))
    if not args.regions:
        remove_stale(every, layout)
    if args.scheduler:
        from .cluster import SchedulerError, render_on_dask

        try:
            done = render_on_dask(todo, layout, args.scheduler, workers=args.workers)
        except SchedulerError as exc:
            print(f"edueval report: {exc}", file=sys.stderr)
            return 2
    else:
        done = render_pages(todo, layout, workers=args.workers)
    failed = [s for s in done if not s.get("ok")]
    if not args.quiet:
        print(f"edueval report: {len(done) - len(failed)} page(s) rendered, {len(chosen) - len(todo)} unchanged, "
              f"{len(failed)} failed → {layout.reports}")
    for s in failed:
        print(f"FAILED {s['code']} {s['name']} ({s['lang']}): {str(s.get('error', '')).splitlines()[0][:300]}",
              file=sys.stderr)
    if not args.no_index and not args.regions:
        write(tables, every, statuses(every, layout), layout)
    return 1 if failed else 0
