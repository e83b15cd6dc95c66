"""The one status word a scorecard line shows, from the evaluation's status and category."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.report.status import scorecard_rows, status_code


def row(status, category, scope="national", target_year=2025, status_year=2022):
    return pd.Series({"status": status, "category": category, "scope": scope,
                      "target_year": target_year, "status_year": status_year})


@pytest.mark.parametrize("r, expected", [
    (row("achieved", "achieved"), "achieved"),
    (row("not achieved", "acceleration needed"), "acceleration needed"),
    (row("not achieved", "deterioration"), "deterioration"),
    # below a 2025 target in 2022 with no usable pace: not yet judgeable, not "not met"
    (row("not achieved", "not assessable"), "not assessable"),
    # the target year has passed: plainly not met
    (row("not achieved", "not assessable", target_year=2020, status_year=2022), "not achieved"),
    # a standard has no deadline: below it is not met
    (row("not achieved", "not assessed", scope="standard"), "not achieved"),
    (row("no actual", "not assessed"), "no actual"),
])
def test_status_code(r, expected):
    assert status_code(r) == expected


def test_masked_targets_leave_the_scorecard():
    frame = pd.DataFrame({"status": ["achieved", "target masked", "no actual"]})
    assert scorecard_rows(frame)["status"].tolist() == ["achieved", "no actual"]
