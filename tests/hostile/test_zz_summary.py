"""The suite's counts (printed at the end of the run too): every one must be 0.

Runs after the other hostile modules (files run in name order). When only some cases were
chosen (-k, one file) the counts are still checked, the number of cases is not.
"""
from __future__ import annotations

from .conftest import KINDS, REPOSITORY_AT_START, TALLY, repository_state

MIN_CASES = 60


def test_nothing_ran_changed_broke_or_hung():
    before = REPOSITORY_AT_START.get("files")
    if before is not None:
        after = repository_state()
        changed = sorted(k for k in set(before) | set(after or {}) if before.get(k) != (after or {}).get(k))
        if changed:
            TALLY.record("repository or raw files changed", "the repository", False)
        assert not changed, f"repository files changed by the suite: {changed[:10]}"
    counts = TALLY.counts()
    assert counts == {kind: 0 for kind in KINDS}, {k: sorted(TALLY.violations.get(k, ())) for k in KINDS}


def test_the_suite_holds_enough_cases(request):
    hostile = [item for item in request.session.items if "tests/hostile/" in item.nodeid
               and "test_zz_summary" not in item.nodeid]
    if len(hostile) < MIN_CASES:
        import pytest

        pytest.skip(f"{len(hostile)} hostile cases chosen; the counts of the whole suite need all of them")
    assert len(TALLY.cases) >= MIN_CASES, len(TALLY.cases)
