"""A render worker told to stop (SIGTERM from a dying report, or from the report when make is
interrupted) kills its kernel and ends at once. ProcessPoolExecutor catches what a task raises and
keeps the process waiting for more work, so an unwinding alone would leave the worker alive until
the report killed it (tests/hostile/test_reports.py kills make and gives the rest 5 s)."""
from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from edueval.regions import load_regions
from edueval.report import build
from edueval.report.pages import Page

PID_FILE = "EDUEVAL_TEST_KERNEL_PID_FILE"


def _a_page_that_waits(page, digest, layout, kernel=None):  # noqa: ARG001 - render_page's signature
    Path(os.environ[PID_FILE]).write_text(str(kernel.manager.provisioner.pid))
    time.sleep(120)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie waits only for its reaper


def test_a_stopped_worker_ends_with_its_kernel_at_once(layout, monkeypatch, tmp_path):
    pid_file = tmp_path / "kernel.pid"
    monkeypatch.setenv(PID_FILE, str(pid_file))
    monkeypatch.setattr(build, "render_page", _a_page_that_waits)  # the forked worker inherits it
    pool = ProcessPoolExecutor(max_workers=1, initializer=build._start_worker,
                               mp_context=multiprocessing.get_context("fork"))
    try:
        future = pool.submit(build._worker, [(Page(load_regions()["620802"], "zh"), "0" * 64)], layout)
        deadline = time.monotonic() + 90
        while not pid_file.is_file() and time.monotonic() < deadline and not future.done():
            time.sleep(0.05)
        kernel = int(pid_file.read_text())
        assert _running(kernel)
        (worker,) = pool._processes.values()
        start = time.monotonic()
        worker.terminate()
        worker.join(timeout=10)
        took = time.monotonic() - start
        assert worker.exitcode == build.STOPPED_EXIT, f"the worker did not end by itself ({worker.exitcode})"
        assert took < 5, f"the worker took {took:.1f} s to end"
        assert not _running(kernel), "the worker's kernel outlived it"
    finally:
        for process in list((pool._processes or {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
