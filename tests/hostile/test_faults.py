"""Faults: kill -9 mid-publish, SIGTERM, a killed make, leftovers of killed runs, disk full,
dry runs and repeated runs.

After any fault the published outputs are the old set or the new set, never a mix, and the
next `make` finishes the job with the bytes a clean run gives. (The kill test at three moments
of a whole `make` and the incremental-build comparison are the engine's, in tests/test_build*.)
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import (
    STAGES,
    Cases,
    Project,
    _kill_group,
    clean_env,
    copy_project,
    execute,
    outputs_state,
    stage_problems,
)

case = Cases()

# Runs one stage and SIGKILLs it at a chosen moment of store.publish (monkeypatched here, in
# the child: the product carries no test hook). Moments: "write:<table>" right after that table
# is written into the staging folder; "swap" when the new set has its final name and the link
# has not moved; "leftovers" when the link has moved and the old set is not yet removed.
KILLER = r"""
import os, signal, sys
from edueval import store
moment = sys.argv[1]
def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
if moment.startswith("write:"):
    table, write = moment.split(":", 1)[1], store.StageWriter.write
    def written(self, name, frame):
        out = write(self, name, frame)
        if name == table:
            die()
        return out
    store.StageWriter.write = written
elif moment == "swap":
    store._point = die
elif moment == "leftovers":
    store._remove_leftovers = die
from edueval.cli import main
sys.argv = ["edueval", *sys.argv[2:]]
sys.exit(main())
"""


def killer(moment: str, stage: str) -> list[str]:
    return [".venv/bin/python", "-c", KILLER, moment, stage]


def change_inputs(p: Project) -> None:
    """A new national value for 2025: a new cleaning set and new evaluations."""
    p.table("zz_new.csv", [p.row(年份="2025", 数值="93.5")])


def quiet_make(r) -> list[str]:
    """What a run printed besides make's own "Nothing to be done" lines."""
    return [line for line in r.text.splitlines() if line.strip() and not line.startswith("make")]


def link(p: Project, stage: str) -> str:
    folder = p.root / "data" / ("interim" if stage == "extract" else "processed") / stage
    return os.readlink(folder)


def leftovers(p: Project, stage: str) -> list[str]:
    parent = p.root / "data" / ("interim" if stage == "extract" else "processed")
    current = os.readlink(parent / stage)
    return sorted(n for n in os.listdir(parent) if n.startswith(f".{stage}") and n != current)


def tables_of(root: Path, stage: str) -> dict:
    folder = root / "data" / ("interim" if stage == "extract" else "processed") / stage
    body = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {"version": body["version"], "tables": body["tables"]}


@pytest.fixture(scope="module")
def reference(base_project, tmp_path_factory) -> Path:
    """The changed inputs built without a fault: what every recovery must give."""
    p = Project(copy_project(base_project, tmp_path_factory.mktemp("reference") / "p"), "reference", False)
    change_inputs(p)
    result = execute(["make", "evaluate"], p.root)
    assert result.rc == 0, result
    return p.root


def killed_then_recovered(p: Project, r, stage: str, old: str, moved: bool):
    """The killed run left a consistent set (the old one, or the new one if the link had moved)."""
    assert r.rc == -signal.SIGKILL, r
    assert not stage_problems(p.root), stage_problems(p.root)
    assert (link(p, stage) == old) != moved, (link(p, stage), old)


def kill_case(stage: str, moment: str, moved: bool = False):
    def fn(p):
        change_inputs(p)
        if stage == "evaluate":
            r = yield ["make", "data"], {"bad_input": False}
            assert r.rc == 0, r
        old = link(p, stage)
        r = yield killer(moment, stage)
        killed_then_recovered(p, r, stage, old, moved)
        r = yield ["make", "evaluate"], {"bad_input": False}
        assert r.rc == 0, r
        p.recovered_stage = stage
    fn.__name__ = f"kill_{stage}_at_{moment.replace(':', '_')}"
    return case(fn)


kill_case("clean", "write:observations")
kill_case("clean", "swap")
kill_case("clean", "leftovers", moved=True)
kill_case("evaluate", "write:evaluation_targets")


@case
def stale_staging_and_link_are_removed_by_the_next_publish(p):
    processed = p.root / "data" / "processed"
    dead = 2**22 + 12345  # above pid_max's default: no such process
    stale_dir = processed / f".clean-tmp-{dead}-abcdefgh"
    stale_dir.mkdir()
    (stale_dir / ".quality_log.x1y2.tmp.csv").write_text("half", encoding="utf-8")
    os.symlink(".clean-000000000000", processed / f".clean.link-{dead}")
    change_inputs(p)
    r = yield ["make", "data"], {"bad_input": False}
    assert r.rc == 0, r
    assert leftovers(p, "clean") == [], leftovers(p, "clean")


@case
def make_clean_removes_every_leftover(p):
    processed = p.root / "data" / "processed"
    (processed / ".clean-tmp-1-zzz").mkdir()
    (processed / ".clean-tmp-1-zzz" / ".quality_log.ab.tmp.csv").write_text("x", encoding="utf-8")
    os.symlink(".clean-x", processed / ".clean.link-1")
    (p.root / "reports" / ".000000-china.q1w2.tmp.html").write_text("<half", encoding="utf-8")
    r = yield ["make", "clean"], {"bad_input": False}
    assert r.rc == 0, r
    left = sorted(str(x.relative_to(p.root)) for folder in ("data/processed", "data/interim", "reports", "build")
                  if (p.root / folder).exists() for x in (p.root / folder).iterdir() if x.name != ".gitkeep")
    assert left == [], left


@case
def make_dry_run_runs_nothing(p):
    change_inputs(p)
    stamps = {f.name: f.read_bytes() for f in (p.root / "build" / "inputs").iterdir()}
    r = yield ["make", "-n"], {"bad_input": False}
    assert r.rc == 0, r
    assert "edueval" in r.out  # it says what it would run
    assert {f.name: f.read_bytes() for f in (p.root / "build" / "inputs").iterdir()} == stamps
    p.unchanged_outputs()
    assert not (p.root / "reports" / "index.html").exists()


@case
def make_twice_the_second_is_a_no_op(p):
    change_inputs(p)
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0 and "edueval clean:" in r.out, r
    before = outputs_state(p.root)
    times = {s: os.stat(p.root / "data" / ("interim" if s == "extract" else "processed") / s / "manifest.json")
             .st_mtime_ns for s in STAGES}
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0 and not quiet_make(r), r  # nothing ran, nothing published
    assert outputs_state(p.root) == before
    assert times == {s: os.stat(p.root / "data" / ("interim" if s == "extract" else "processed") / s /
                                "manifest.json").st_mtime_ns for s in STAGES}


@case
def touching_an_input_without_changing_it_runs_nothing(p):
    os.utime(p.obs / "national_moe.csv")
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0 and not quiet_make(r), r


@case
def disk_full_while_publishing(p):
    change_inputs(p)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (8000, 8000))

    r = yield ["edueval", "clean"], {"preexec_fn": small_files}
    assert r.rc == 1, r
    assert len(r.problems) == 1 and "File too large" in r.problems[0] and "observations.parquet" in r.problems[0], r
    p.unchanged_outputs()
    assert leftovers(p, "clean") == []  # the staging folder went with the failure
    r = yield ["make", "evaluate"], {"bad_input": False}  # space again: the next make finishes
    assert r.rc == 0, r


@case
def sigterm_unwinds_the_stage(p):
    change_inputs(p)
    old = link(p, "clean")
    script = KILLER.replace("os.kill(os.getpid(), signal.SIGKILL)", "os.kill(os.getpid(), signal.SIGTERM)")
    r = yield [".venv/bin/python", "-c", script, "write:observations", "clean"]
    assert r.rc == 130 and "interrupted" in r.err, r
    assert link(p, "clean") == old and leftovers(p, "clean") == []


@case
def dangling_stage_link_is_repaired(p):
    import shutil

    target = p.root / "data" / "processed" / link(p, "clean")
    shutil.rmtree(target)  # someone deleted the published set
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0 and "edueval clean:" in r.out, r


@case
def garbage_input_stamps_are_rewritten(p):
    (p.root / "build" / "inputs" / "raw.sha256").write_bytes(b"\x00garbage")
    (p.root / "build" / "inputs" / ".cache.json").write_text("{not json", encoding="utf-8")
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0, r


@case
def a_stage_whose_input_is_missing(p):
    os.unlink(p.root / "data" / "processed" / "clean")
    p.arm()
    r = yield ["edueval", "evaluate"]
    assert r.rc not in (0, None) and len(r.problems) == 1 and "edueval clean" in r.problems[0], r


def _children_in(root: Path) -> list[int]:
    """Processes (other than this one) whose working folder is in ``root``."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(str(root)):
                found.append(int(pid))
        except OSError:
            continue
    return found


@case
def kill_9_of_make_ends_the_stage_it_runs(p):
    yield ["true"], {"bad_input": False}  # the rest runs in the test, not ahead
    change_inputs(p)
    old = link(p, "clean")
    # a clean that would take a while: the stage is slowed where it starts publishing
    slow = KILLER.replace("os.kill(os.getpid(), signal.SIGKILL)", "__import__('time').sleep(30)")
    (p.root / "slow_clean.py").write_text(slow, encoding="utf-8")
    mk = p.root / "Makefile"
    text = mk.read_text(encoding="utf-8")
    mk.write_text(text.replace("\t@$(EDUEVAL) clean\n",
                               "\t@$(PY) slow_clean.py write:observations clean\n"), encoding="utf-8")
    p.arm()
    proc = subprocess.Popen(["make", "data"], cwd=p.root, env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 50
        while time.time() < deadline and not any((p.root / "data" / "processed").glob(".clean-tmp-*")):
            time.sleep(0.05)
        assert any((p.root / "data" / "processed").glob(".clean-tmp-*")), "the stage never started publishing"
        proc.kill()  # SIGKILL to make alone, as a crash or an OOM kill would
        proc.wait()
        deadline = time.time() + 10
        while time.time() < deadline and _children_in(p.root):
            time.sleep(0.1)
        left = _children_in(p.root)
    finally:
        _kill_group(proc.pid)
    mk.write_text(text, encoding="utf-8")
    (p.root / "slow_clean.py").unlink()
    p.arm()
    assert left == [], f"processes outlived the killed make: {left}"
    assert link(p, "clean") == old and not stage_problems(p.root)
    r = yield ["make", "evaluate"], {"bad_input": False}
    assert r.rc == 0, r


runner = case.fixture()


@pytest.mark.parametrize("name", case.params())
def test_fault(runner, reference, name, request):
    project = runner.finish(request)
    stage = getattr(project, "recovered_stage", None)
    if stage:
        # nothing half-made is left; a kill after the link moved may leave the old, whole set
        # (removed by the stage's next publish or `make clean`)
        assert not [n for n in leftovers(project, stage) if "-tmp-" in n or ".link-" in n], leftovers(project, stage)
        for s in ("clean", "evaluate"):
            assert tables_of(project.root, s) == tables_of(reference, s), f"{s} differs from a clean run"
