"""Render pages and the index: what ``edueval report`` and ``edueval index`` run.

A failing page writes a failure status and the others go on; the index lists it and the
command exits non-zero at the end. A page is written atomically and its input digest
recorded only after it is written (report/pages.py).
"""
from __future__ import annotations

import json
import time
import traceback
from pathlib import Path

from .. import atomic, paths
from .pages import Page, record

NOTEBOOK_SOURCE = "report.py"


def built_notebook(layout: paths.Layout) -> Path:
    """The report notebook as .ipynb (from its jupytext script), rebuilt when the script changes."""
    import nbformat

    from .render import notebook_from_jupytext

    source = layout.notebooks / NOTEBOOK_SOURCE
    target = layout.build / "notebooks" / "report.ipynb"
    if not target.is_file() or target.stat().st_mtime_ns < source.stat().st_mtime_ns:
        with atomic.atomic_path(target) as tmp:
            nbformat.write(notebook_from_jupytext(source), tmp)
    return target


def status_path(page: Page, layout: paths.Layout) -> Path:
    return layout.build / "status" / f"{page.key}.json"


def _failure_message(exc: BaseException) -> str:
    # papermill's error carries the notebook's exception name and message
    if hasattr(exc, "ename"):
        return f"{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}"


def render_page(page: Page, digest: str, layout: paths.Layout, kernel=None) -> dict:
    """Render one page; a failure is recorded, never raised (one broken region must not stop the others)."""
    from .i18n import words
    from .render import render

    region = page.region
    html_path = layout.reports / page.file
    status = {"code": region.code, "name": region.name_zh, "level": region.level, "lang": page.lang,
              "report": page.file}
    start = time.perf_counter()
    try:
        timing = render(built_notebook(layout), {"region_code": region.code, "lang": page.lang,
                                                 "root": str(layout.root)},
                        html_path, layout.build / "executed" / f"{page.key}.ipynb",
                        title=f"{words(page.lang).name(region)} · edueval",
                        lang=page.lang, kernel=kernel, cwd=layout.root)
        status.update(ok=True, execute_seconds=round(timing.execute_seconds, 2),
                      convert_seconds=round(timing.convert_seconds, 2), html_bytes=timing.html_bytes)
        record(page, digest, layout)
    except Exception as exc:  # noqa: BLE001 - recorded per page, the batch goes on
        status.update(ok=False, error=_failure_message(exc)[:4000], traceback=traceback.format_exc()[-4000:])
    status["seconds"] = round(time.perf_counter() - start, 2)
    atomic.write_text(status_path(page, layout), json.dumps(status, ensure_ascii=False, indent=1))
    return status


STOPPED_EXIT = 143  # 128 + SIGTERM: a worker ended by the report
_stopping = False  # set in a worker by SIGTERM


def _stop_worker(signum, frame):  # noqa: ARG001 - the signal handler's signature
    """SIGTERM in a worker: the kernel goes at once, then the page unwinds (its temporary files
    are removed) and _worker ends the process."""
    global _stopping
    from .render import kill_live_kernels

    _stopping = True
    kill_live_kernels()
    raise KeyboardInterrupt


def _start_worker() -> None:
    """A worker ends with the report: SIGTERM (sent by Linux when the report dies, or by the
    report when it is interrupted) kills the worker's kernel and ends the worker."""
    import signal

    from .render import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGTERM, _stop_worker)


def _worker(todo: list[tuple[Page, str]], layout: paths.Layout) -> list[dict]:
    import os

    from .render import WarmKernel

    out = []
    try:
        with WarmKernel(layout.root) as kernel:
            for page, digest in todo:
                if _stopping:  # an interruption some library caught on the way
                    break
                kernel.ensure_alive()  # a page that killed the kernel must not take the rest down
                out.append(render_page(page, digest, layout, kernel=kernel))
    finally:
        if _stopping:
            # ProcessPoolExecutor catches whatever a task raises and keeps the process waiting for
            # more work; a stopped worker must end instead, now that its files are cleaned up
            os._exit(STOPPED_EXIT)
    return out


def render_pages(todo: list[tuple[Page, str]], layout: paths.Layout, workers: int = 2) -> list[dict]:
    """Render pages with one warm kernel per worker process."""
    from concurrent.futures import ProcessPoolExecutor

    if not todo:
        return []
    built_notebook(layout)
    workers = max(1, min(workers, len(todo)))
    if workers == 1:
        return _worker(todo, layout)
    chunks = [todo[i::workers] for i in range(workers)]
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
    try:
        done = [s for chunk in pool.map(_worker, chunks, [layout] * workers) for s in chunk]
    except BaseException:
        # interrupted (SIGTERM from a dying make, Ctrl-C): end the workers now rather than wait
        # for the pages they hold; each shuts its kernel down as it goes
        _end_workers(pool)
        raise
    pool.shutdown()
    return done


END_SECONDS = 2.0  # how long stopped workers get, together, before they are killed


def _end_workers(pool) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    deadline = time.monotonic() + END_SECONDS
    for process in processes:
        process.join(timeout=max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def statuses(pages: list[Page], layout: paths.Layout) -> list[dict]:
    out = []
    for page in pages:
        path = status_path(page, layout)
        if path.is_file():
            out.append(json.loads(path.read_text(encoding="utf-8")))
        else:
            out.append({"code": page.region.code, "name": page.region.name_zh, "lang": page.lang, "ok": False,
                        "error": "not built", "report": page.file})
    return out
