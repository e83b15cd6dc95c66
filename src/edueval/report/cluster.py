"""The page batch on dask.distributed: ``edueval report --scheduler tcp://host:8786`` (or
``local`` for a LocalCluster on this machine).

Each page is one task. A dask worker process keeps one warm kernel (report/render.py) for
every page it is given, as a worker of the local pool does; the kernel asks to end with its
worker. Workers must run the same checkout and environment and see the same project folder
(docs/performance.md). A page that fails records its failure and the others go on; a task
lost with its worker is recorded as that page's failure.
"""
from __future__ import annotations

import sys
import time

from .. import paths
from .pages import Page

SCHEMES = ("tcp://", "tls://", "inproc://", "ucx://")
_KERNELS: dict[str, object] = {}


class SchedulerError(ValueError):
    """A scheduler address that cannot be used."""


def check_address(address: str) -> str:
    if address == "local" or address.startswith(SCHEMES):
        return address
    raise SchedulerError(f"--scheduler {address!r}: give a dask scheduler address such as tcp://host:8786, "
                         "or 'local' for a cluster on this machine")


def _render_on_worker(page: Page, digest: str, layout: paths.Layout) -> dict:
    """One page in this worker's warm kernel (started on the first page the worker gets)."""
    from .build import render_page
    from .render import WarmKernel

    kernel = _KERNELS.get(str(layout.root))
    if kernel is None:
        kernel = _KERNELS[str(layout.root)] = WarmKernel(layout.root)
    return render_page(page, digest, layout, kernel=kernel)


def _lost(page: Page, exc: BaseException) -> dict:
    region = page.region
    return {"code": region.code, "name": region.name_zh, "level": region.level, "lang": page.lang,
            "report": page.file, "ok": False,
            "error": f"region {region.code} {region.name_zh} ({page.lang}): the dask task failed: "
                     f"{type(exc).__name__}: {exc}"}


def _client(address: str, workers: int):
    from dask.distributed import Client, LocalCluster

    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    try:
        return Client(address, timeout=15), None
    except (OSError, TimeoutError) as exc:
        raise SchedulerError(f"--scheduler {address}: no dask scheduler answers there ({exc})") from None


class Progress:
    """One line, rewritten in place on a terminal (nothing in a log: the summary says it all)."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.done, self.failed, self.stream = total, 0, 0, stream
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.start = time.perf_counter()

    def __call__(self, status: dict) -> None:
        self.done += 1
        self.failed += not status.get("ok")
        if self.live:
            end = "\n" if self.done == self.total else ""
            print(f"\redueval report: {self.done}/{self.total} page(s), {self.failed} failed, "
                  f"{time.perf_counter() - self.start:.0f} s", end=end, file=self.stream, flush=True)


def render_on_dask(todo: list[tuple[Page, str]], layout: paths.Layout, address: str, workers: int = 2,
                   progress: Progress | None = None) -> list[dict]:
    """Render ``todo`` on the scheduler at ``address``; statuses in the order of ``todo``."""
    from dask.distributed import as_completed

    from .build import built_notebook

    if not todo:
        return []
    check_address(address)
    built_notebook(layout)
    progress = progress or Progress(len(todo))
    client, cluster = _client(address, workers)
    try:
        futures = {client.submit(_render_on_worker, page, digest, layout, pure=False,
                                 key=f"edueval-page-{page.key}-{digest[:12]}"): i
                   for i, (page, digest) in enumerate(todo)}
        out: list[dict | None] = [None] * len(todo)
        for future in as_completed(futures):
            i = futures[future]
            try:
                status = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails its page, not the batch
                status = _lost(todo[i][0], exc)
            out[i] = status
            progress(status)
        return out
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
