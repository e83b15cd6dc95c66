"""A render worker told to stop (SIGTERM from a dying report, or from the report when make is
interrupted) kills its kernel and ends at once. ProcessPoolExecutor catches what a task raises and
keeps the process waiting for more work, so an unwinding alone would leave the worker alive until
the report killed it (tests/hostile/test_reports.py kills make and gives the rest 5 s).

The pool is made in a process of its own, as the report makes it: forking the test process, whose
other threads (the hostile runner's) may hold locks at that moment, could hang the child for
reasons that are not the report's."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

DRIVER = textwrap.dedent('''
    import json, multiprocessing, os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from pathlib import Path

    from edueval import paths
    from edueval.regions import load_regions
    from edueval.report import build
    from edueval.report.pages import Page

    pid_file = Path(sys.argv[2])

    def a_page_that_waits(page, digest, layout, kernel=None):  # render_page's signature
        pid_file.write_text(str(kernel.manager.provisioner.pid))
        time.sleep(120)

    def running(pid):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError):
            return False
        return state != "Z"  # a zombie waits only for its reaper

    build.render_page = a_page_that_waits  # the forked worker inherits it
    layout = paths.Layout(Path(sys.argv[1]))
    pool = ProcessPoolExecutor(max_workers=1, initializer=build._start_worker,
                               mp_context=multiprocessing.get_context("fork"))
    out = {}
    try:
        future = pool.submit(build._worker, [(Page(load_regions()["620802"], "zh"), "0" * 64)], layout)
        deadline = time.monotonic() + 90
        while not pid_file.is_file() and time.monotonic() < deadline and not future.done():
            time.sleep(0.05)
        time.sleep(0.2)  # the file written, the page is waiting
        kernel = int(pid_file.read_text())
        out["kernel_running_before"] = running(kernel)
        (worker,) = pool._processes.values()
        start = time.monotonic()
        worker.terminate()
        worker.join(timeout=10)
        out.update(exitcode=worker.exitcode, seconds=time.monotonic() - start,
                   kernel_running_after=running(kernel))
    finally:
        for process in list((pool._processes or {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
    print(json.dumps(out))
''')


def test_a_stopped_worker_ends_with_its_kernel_at_once(layout, tmp_path):
    from edueval.report import build

    script = tmp_path / "driver.py"
    script.write_text(DRIVER, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(layout.root), str(tmp_path / "kernel.pid")],
                          capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, done.stderr[-3000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    assert got["kernel_running_before"], got
    assert got["exitcode"] == build.STOPPED_EXIT, f"the worker did not end by itself: {got}"
    assert got["seconds"] < 5, f"the worker took {got['seconds']:.1f} s to end"
    assert not got["kernel_running_after"], "the worker's kernel outlived it"
