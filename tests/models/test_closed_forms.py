"""Trend numbers against independently computed references, with explicit tolerances."""
import numpy as np
import pytest
from scipy import stats

from edueval.models import trend
from edueval.models.policy import segmented_numpy, segmented_statsmodels

YEARS = np.array([2016, 2017, 2018, 2019, 2020, 2021], float)
VALUES = np.array([71.2, 73.0, 74.1, 76.3, 77.0, 79.4])


def closed_form_interval(x, y, x0, alpha=0.05):
    n = len(x)
    b = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    a = y.mean() - b * x.mean()
    s = np.sqrt(np.sum((y - a - b * x) ** 2) / (n - 2))
    se = s * np.sqrt(1 + 1 / n + (x0 - x.mean()) ** 2 / np.sum((x - x.mean()) ** 2))
    q = stats.t.ppf(1 - alpha / 2, n - 2)
    return a + b * x0, se, a + b * x0 - q * se, a + b * x0 + q * se


def test_statsmodels_prediction_interval_matches_closed_form():
    y_hat, se, lo, hi = closed_form_interval(YEARS, VALUES, 2025.0)
    frame = trend.predict_statsmodels(trend.ols_statsmodels(YEARS, VALUES), [2025], 0.05).iloc[0]
    assert frame["mean"] == pytest.approx(y_hat, abs=1e-9)
    assert frame["se_pred"] == pytest.approx(se, abs=1e-9)
    assert frame["obs_ci_lower"] == pytest.approx(lo, abs=1e-9)
    assert frame["obs_ci_upper"] == pytest.approx(hi, abs=1e-9)


def test_vectorised_closed_form_matches_reference_with_padding():
    years = np.full((2, 8), np.nan)
    values = np.full((2, 8), np.nan)
    years[0, :6], values[0, :6] = YEARS, VALUES
    years[1, :5], values[1, :5] = YEARS[:5] - 3, VALUES[:5] * 0.9
    fit = trend.ols_closed_form(years, values, ~np.isnan(years))
    for row, (x, y) in enumerate([(YEARS, VALUES), (YEARS[:5] - 3, VALUES[:5] * 0.9)]):
        y_hat, se, _, _ = closed_form_interval(x, y, 2025.0)
        assert fit.predict([row], [2025.0])[0] == pytest.approx(y_hat, abs=1e-9)
        assert fit.se_prediction([row], [2025.0])[0] == pytest.approx(se, abs=1e-9)


def test_logit_back_transform_of_interval():
    p = np.array([91.0, 93.5, 95.2, 96.0, 97.1])
    x = np.arange(2019, 2024, dtype=float)
    z = np.log(p / (100 - p))
    y_hat, _, lo, hi = closed_form_interval(x, z, 2025.0)
    frame = trend.predict_statsmodels(trend.ols_statsmodels(x, trend.logit100(p)), [2025], 0.05).iloc[0]
    assert trend.expit100(frame["obs_ci_lower"]) == pytest.approx(100 * np.exp(lo) / (1 + np.exp(lo)), abs=1e-9)
    assert trend.expit100(frame["obs_ci_upper"]) == pytest.approx(100 * np.exp(hi) / (1 + np.exp(hi)), abs=1e-9)
    assert trend.expit100(frame["mean"]) < 100
    assert trend.expit100(trend.logit100(p)) == pytest.approx(p, abs=1e-12)


def test_probability_is_one_minus_t_cdf():
    y_hat, se, _, _ = closed_form_interval(YEARS, VALUES, 2025.0)
    target = 85.0
    expected = 1 - stats.t.cdf((target - y_hat) / se, len(YEARS) - 2)
    got = trend.chance_of_meeting(y_hat, se, len(YEARS) - 2, target, np.inf)
    assert got == pytest.approx(expected, abs=1e-12)
    below = trend.chance_of_meeting(y_hat, se, len(YEARS) - 2, -np.inf, target)
    assert below == pytest.approx(1 - expected, abs=1e-12)


def test_pairwise_slopes_match_scipy_theil_sen():
    x, y = YEARS[:4], VALUES[[0, 2, 1, 3]]
    med, lo, hi = trend.pairwise_slopes(x[None], y[None], np.ones((1, 4), bool))
    slopes = [(y[j] - y[i]) / (x[j] - x[i]) for i in range(4) for j in range(i + 1, 4)]
    assert med[0] == pytest.approx(stats.theilslopes(y, x).slope, abs=1e-12)
    assert (lo[0], hi[0]) == (pytest.approx(min(slopes)), pytest.approx(max(slopes)))


def test_segmented_regression_recovers_known_level_and_slope_change():
    years = np.arange(2011, 2025, dtype=float)
    after = years >= 2021
    truth = 60 + 0.8 * (years - 2011) + np.where(after, 3.0 + 1.5 * (years - 2021), 0.0)
    noise = np.tile([0.05, -0.05], 7)
    fit = segmented_numpy(years[None], (truth + noise)[None], np.ones((1, 14), bool), 2021)
    level_change, slope_change = fit["params"][0, 2], fit["params"][0, 3]
    assert level_change == pytest.approx(3.0, abs=0.15)
    assert slope_change == pytest.approx(1.5, abs=0.05)
    exact = segmented_numpy(years[None], truth[None], np.ones((1, 14), bool), 2021)
    assert exact["params"][0, 2:] == pytest.approx([3.0, 1.5], abs=1e-8)
    ols, ar1 = segmented_statsmodels(years, truth + noise, 2021)
    assert fit["params"][0] == pytest.approx(ols.params, abs=1e-8)
    assert fit["ar1_params"][0] == pytest.approx(ar1.params, abs=1e-8)
    assert fit["ar1_rho"][0] == pytest.approx(ar1.model.rho[0], abs=1e-10)
