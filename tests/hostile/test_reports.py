"""Whole builds with hostile rows: HTML and shell text in quotes, a read-only data/raw, a second
`make`, a region name that matplotlib would read as mathtext, and a make killed while rendering.

The project keeps only the national tables, so a full build renders two pages (zh and en).
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import SRC, Cases, Project, _kill_group, clean_env, payload

case = Cases()
GRACE = 5  # seconds a killed build's processes get to end
HTML_PAYLOADS = ["<script>alert('quote')</script>", '"><img src=x onerror=alert(1)>', "</td></tr></table><h1>x",
                 "javascript:alert(2)", "<!--", "{{7*7}}", "${7*7}"]


def page(p: Project, name: str = "000000-china.html") -> str:
    return (p.root / "reports" / name).read_text(encoding="utf-8")


@case(batch="build", slow=True)
def html_payloads_in_quotes_are_escaped(p):
    marker, cmd = payload()
    quote = " ".join(HTML_PAYLOADS) + f" $({cmd}) `{cmd}`"
    p.table("zz_hostile.csv", [p.row(年份="2019", 数值="81.0", 原文=quote, 备注=quote, 位置="<b>loc</b>")])
    r = yield ["make"]
    assert r.rc == 0, r
    html = page(p)
    assert "<script>alert('quote')</script>" not in html and "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(" in html  # shown, as text
    assert "<h1>x" not in html


@case(batch="build", slow=True)
def the_index_lists_every_page(p):
    r = yield ["make"]
    assert r.rc == 0, r
    index = page(p, "index.html")
    for name in ("000000-china.html", "000000-china.en.html"):
        assert name in index and (p.root / "reports" / name).is_file()


@case(batch="build", slow=True)
def read_only_raw_builds(p):
    """data/raw without write permission (root ignores it, so the folders' and files' times are
    checked too: nothing was created, removed or written there)."""
    times = {}
    for base, _dirs, files in os.walk(p.raw):
        for name in [".", *files]:
            path = os.path.join(base, name)
            times[path] = os.stat(path).st_mtime_ns
            os.chmod(path, os.stat(path).st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    r = yield ["make"]
    assert r.rc == 0, r
    now = {}
    for base, _dirs, files in os.walk(p.raw):
        for name in [".", *files]:
            now[os.path.join(base, name)] = os.stat(os.path.join(base, name)).st_mtime_ns
    assert now == times


@case(batch="build", slow=True)
def a_second_make_renders_nothing(p):
    r = yield ["make"]
    assert r.rc == 0, r
    before = {f.name: f.read_bytes() for f in (p.root / "reports").iterdir() if f.is_file()}
    r = yield ["make"], {"bad_input": False}
    assert r.rc == 0 and not [x for x in r.text.splitlines() if x.strip() and not x.startswith("make")], r
    assert {f.name: f.read_bytes() for f in (p.root / "reports").iterdir() if f.is_file()} == before


@case(slow=True)
def mathtext_in_a_region_name(p):
    src = p.root / "src_copy"
    shutil.copytree(SRC, src, ignore=shutil.ignore_patterns("__pycache__"))
    with open(src / "edueval" / "reference" / "regions.csv", "a", encoding="utf-8") as fh:
        fh.write("990001,$\\frac{$县,$\\frac{$ county,county,000000,,False,a hostile test region\n")
    p.table("zz_math.csv", [p.row(地区代码="990001", 地区="$\\frac{$县", 年份=str(y), 数值=str(80 + y - 2019))
                            for y in range(2019, 2024)])
    env = {"PYTHONPATH": str(src)}
    r = yield ["make", "evaluate"], {"env": env}
    assert r.rc == 0, r
    r = yield ["edueval", "report", "990001", "--lang", "zh", "--no-index"], {"env": env}
    assert r.rc == 0, r
    html = next((p.root / "reports").glob("990001-*.html")).read_text(encoding="utf-8")
    assert "$\\frac{$县" in html


def _processes_in(root: Path) -> list[str]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(str(root)):
                found.append(open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()[:120])
        except OSError:
            continue
    return found


@case(slow=True)
def kill_9_of_make_while_rendering_leaves_no_kernel(p):
    yield ["true"], {"bad_input": False}
    p.table("zz_new.csv", [p.row(年份="2025", 数值="93.5")])
    p.arm()
    proc = subprocess.Popen(["make"], cwd=p.root, env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.time() + 50
        while time.time() < deadline and not any("ipykernel" in c for c in _processes_in(p.root)):
            time.sleep(0.1)
        assert any("ipykernel" in c for c in _processes_in(p.root)), "no kernel started"
        proc.kill()  # make alone, as a crash or an OOM kill would
        proc.wait()
        deadline = time.time() + GRACE
        while time.time() < deadline and _processes_in(p.root):
            time.sleep(0.2)
        left = _processes_in(p.root)
    finally:
        _kill_group(proc.pid)
        for pid in os.listdir("/proc"):  # what escaped the group (kernels have their own session)
            try:
                if pid.isdigit() and os.readlink(f"/proc/{pid}/cwd").startswith(str(p.root)):
                    os.kill(int(pid), 9)
            except OSError:
                pass
    assert left == [], f"still running {GRACE} s after make was killed: {left}"


runner = case.fixture()


@pytest.mark.parametrize("name", case.params())
def test_report(runner, name, request):
    runner.finish(request)
