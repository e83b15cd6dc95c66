"""The schemas of models/tables.py accept real output and catch the mistakes they are for."""
import numpy as np
import pandera.errors as pe
import pytest
from conftest import make_obs, obs_row, series_rows

from edueval.models import evaluate_all
from edueval.models.tables import SCHEMAS, empty_frame


@pytest.fixture(scope="module")
def ev():
    rows = series_rows("000000", "preschool_ger", range(2014, 2025),
                       [70.5, 75.0, 77.4, 79.6, 81.7, 83.4, 85.2, 88.1, 89.7, 91.1, 92.0])
    rows += series_rows("000000", "senior_ger", [2021, 2022, 2023], [91.4, 91.6, 91.8])
    rows += [obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="),
             obs_row("000000", "senior_ger", 2025, 92.0, kind="target", qualifier=">=")]
    return evaluate_all(make_obs(rows))


def broken(frame, column, value, row=0):
    out = frame.copy()
    out.loc[out.index[row], column] = value
    return out


def fails(name, frame, match):
    with pytest.raises(pe.SchemaErrors, match=match):
        SCHEMAS[name].validate(frame, lazy=True)


def test_real_output_validates(ev):
    ev.validate()


def test_targets_schema_catches_mistakes(ev):
    t = ev.targets
    drift = int(np.flatnonzero(t["interval_kind"].str.startswith("prediction"))[0])
    fails("targets", broken(t, "status", "acheived"), "isin")
    fails("targets", broken(t, "probability", 1.2, drift), "less_than_or_equal_to")
    fails("targets", broken(t, "interval_lower", t.loc[drift, "interval_upper"] + 1, drift), "interval lower")
    fails("targets", broken(t, "n_actual", 4, drift), "below n = 5")
    fails("targets", broken(t, "target_year", 20251), "less_than_or_equal_to")
    fails("targets", t.assign(extra=1), "column 'extra' not in DataFrameSchema")


def test_other_schemas_catch_mistakes(ev):
    fails("series", broken(ev.series, "ar1_rho", 1.5), "less_than_or_equal_to")
    fails("series", broken(ev.series, "rule", "ols_interval"), "isin")
    fails("policy", broken(ev.policy, "n_before", 0), "n = n_before")
    fails("policy", broken(ev.policy, "did_perm_p", 0.01), "permutation p only from 19")
    fails("curves", broken(ev.curves, "band_kind", "95% interval"), "str_matches")
    fails("curves", ev.curves.drop(columns="band_label_zh"), "band_label_zh")


def test_empty_frames_have_the_schema_dtypes():
    for name, schema in SCHEMAS.items():
        frame = empty_frame(name)
        assert list(frame.columns) == list(schema.to_schema().columns)
        schema.validate(frame)
