"""Values given on the command line and in the environment: data, never shell or make text.

A bad value is one line naming the parameter and what it accepts; no command runs.
"""
from __future__ import annotations

import pytest

from .conftest import Cases, payload

case = Cases()


def one_line(r, *words) -> str:
    """Exactly one problem line from the program carrying ``words`` (make's own lines aside, and
    the program's closing "N problem(s); what to fix" line)."""
    assert r.rc not in (0, None), r
    said = [line for line in (r.problems or r.out.splitlines()) if " problem(s); " not in line]
    assert len(said) == 1, r
    line = said[0]
    for w in words:
        assert w in line, line
    return line


@case
def region_with_quote_and_semicolon(p):
    marker, cmd = payload()
    r = yield ["make", "report", f'REGION=x"; {cmd}; echo "']
    one_line(r, "not resolved", cmd)


@case
def region_with_backticks_and_dollar_paren(p):
    m1, c1 = payload()
    m2, c2 = payload()
    r = yield ["make", "report", f"REGION=`{c1}`$({c2})"]
    one_line(r, "not resolved")


@case
def region_with_make_function(p):
    marker, cmd = payload()
    r = yield ["make", "report", f"REGION=$(shell {cmd})"]
    one_line(r, "not resolved", f"$(shell {cmd})")


@case
def region_from_the_environment(p):
    marker, cmd = payload()
    r = yield ["make", "report"], {"env": {"REGION": f"$(shell {cmd})`{cmd}`"}}
    one_line(r, "not resolved")


@case
def region_empty(p):
    r = yield ["make", "report", "REGION="]
    one_line(r, "usage: make report REGION=")


@case
def docs_folder_that_does_not_exist(p):
    r = yield ["make", "DOCS=/typo", "data"]
    one_line(r, "DOCS=/typo", "no such folder")
    p.unchanged_outputs()


@case
def docs_with_make_function(p):
    marker, cmd = payload()
    r = yield ["make", f"DOCS=$(shell {cmd})", "data"]
    one_line(r, "no such folder")


@case
def docs_from_the_environment(p):
    marker, cmd = payload()
    r = yield ["make", "data"], {"env": {"DOCS": f"$(shell {cmd})"}}
    one_line(r, "no such folder")


@case
def docs_folder_elsewhere_is_extracted_and_tracked(p):
    folder = p.root / "elsewhere"
    folder.mkdir()
    (folder / "a.txt").write_text("2021年，崆峒区九年义务教育巩固率达到97.5%。", encoding="utf-8")
    r = yield ["make", f"DOCS={folder}", "data"], {"bad_input": False}
    assert r.rc == 0 and "1 document(s) read" in r.out, r
    r = yield ["make", f"DOCS={folder}", "data"], {"bad_input": False}
    assert r.rc == 0 and "edueval extract" not in r.out, r  # nothing changed: nothing runs
    r = yield ["make", "data"], {"bad_input": False}
    assert r.rc == 0 and "0 document(s) read" in r.out, r  # back to data/raw/documents


@case
def workers_with_make_function(p):
    marker, cmd = payload()
    r = yield ["make", "reports", f"WORKERS=$(shell {cmd})"]  # handed to --workers, which wants a number
    one_line(r, "--workers", "invalid int value")


@case
def report_lang_unknown(p):
    r = yield ["make", "report", "REGION=000000", "REPORT_LANG=xx"]
    one_line(r, "--lang", "'zh', 'en', 'both'")


@case
def report_workers_zero(p):
    r = yield ["edueval", "report", "--workers", "0"]
    one_line(r, "--workers 0", "at least 1")


@case
def policy_year_20221(p):
    r = yield ["edueval", "evaluate", "--policy-year", "20221"]
    one_line(r, "20221", "between 1949 and 2100")
    p.unchanged_outputs()


@case
def policy_year_not_a_number(p):
    r = yield ["edueval", "evaluate", "--policy-year", "$(touch x)"]
    one_line(r, "--policy-year", "invalid int value")


@case
def tolerance_nan(p):
    r = yield ["edueval", "evaluate", "--schedule-tolerance", "nan"]
    one_line(r, "[0, 1)", "nan")
    p.unchanged_outputs()


@case
def root_that_is_not_a_project(p):
    r = yield ["edueval", "--root", str(p.root / "nope"), "clean"]
    one_line(r, "--root", "not a project folder")


@case
def unknown_stage(p):
    marker, cmd = payload()
    r = yield ["edueval", f"$({cmd})"]
    one_line(r, "invalid choice")


runner = case.fixture()


@pytest.mark.parametrize("name", case.params())
def test_parameter(runner, name, request):
    runner.finish(request)
