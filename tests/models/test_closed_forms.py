"""Trend numbers against independently computed references, with explicit tolerances."""
import numpy as np
import pytest
import statsmodels.api as sm
from scipy import stats

from edueval.models import projection as proj
from edueval.models import trend
from edueval.models.autocorr import ar1_ols_cov
from edueval.models.policy import (
    segmented_design,
    segmented_numpy,
    segmented_statsmodels,
)

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


def sm_prediction(x, y, x0, alpha=0.05):
    fit = sm.OLS(y, sm.add_constant(x - trend.YEAR_ORIGIN)).fit()
    frame = fit.get_prediction(np.array([[1.0, x0 - trend.YEAR_ORIGIN]])).summary_frame(alpha=alpha).iloc[0]
    frame["se_pred"] = np.sqrt(frame["mean_se"] ** 2 + fit.scale)
    return frame


def test_statsmodels_prediction_interval_matches_closed_form():
    y_hat, se, lo, hi = closed_form_interval(YEARS, VALUES, 2025.0)
    frame = sm_prediction(YEARS, VALUES, 2025.0)
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
    _, _, lo, hi = closed_form_interval(x, z, 2025.0)
    frame = sm_prediction(x, trend.logit100(p), 2025.0)
    assert trend.expit100(frame["obs_ci_lower"]) == pytest.approx(100 * np.exp(lo) / (1 + np.exp(lo)), abs=1e-9)
    assert trend.expit100(frame["obs_ci_upper"]) == pytest.approx(100 * np.exp(hi) / (1 + np.exp(hi)), abs=1e-9)
    assert trend.expit100(frame["mean"]) < 100
    assert trend.expit100(trend.logit100(p)) == pytest.approx(p, abs=1e-12)


def test_probability_is_one_minus_t_cdf():
    y_hat, se, _, _ = closed_form_interval(YEARS, VALUES, 2025.0)
    target = 85.0
    expected = 1 - stats.t.cdf((target - y_hat) / se, len(YEARS) - 2)
    got = proj.chance(y_hat, se, len(YEARS) - 2, target, np.inf)
    assert got == pytest.approx(expected, abs=1e-12)
    below = proj.chance(y_hat, se, len(YEARS) - 2, -np.inf, target)
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
    params, cov, df, resid = segmented_numpy(years[None], (truth + noise)[None], np.ones((1, 14), bool), 2021)
    assert params[0, 2] == pytest.approx(3.0, abs=0.15) and params[0, 3] == pytest.approx(1.5, abs=0.05)
    exact, *_ = segmented_numpy(years[None], truth[None], np.ones((1, 14), bool), 2021)
    assert exact[0, 2:] == pytest.approx([3.0, 1.5], abs=1e-8)
    ols = segmented_statsmodels(years, truth + noise, 2021)
    assert params[0] == pytest.approx(ols.params, abs=1e-8)
    assert cov[0] == pytest.approx(ols.cov_params(), abs=1e-10)
    assert df[0] == ols.df_resid and resid[0] == pytest.approx(ols.resid, abs=1e-10)


# ---- the recent-pace (random walk with drift) model ------------------------------------------

def drift_by_hand(years, values, year):
    """Random walk with drift on unequally spaced values: GLS of the changes on their gaps."""
    dx, dy = np.diff(years), np.diff(values)
    d = (values[-1] - values[0]) / (years[-1] - years[0])
    s2 = np.sum((dy - d * dx) ** 2 / dx) / (len(dx) - 1)
    h = year - years[-1]
    return values[-1] + d * h, np.sqrt(s2 * (h + h ** 2 / (years[-1] - years[0]))), len(dx) - 1


@pytest.mark.parametrize("years", [YEARS[1:], np.array([2015, 2017, 2018, 2019, 2021], float)])
def test_drift_model_matches_hand_formula_and_statsmodels(years):
    values = VALUES[1:]
    y_hat, se, df = drift_by_hand(years, values, 2025.0)
    fit = proj.drift_numpy(years[None], values[None], np.ones((1, 5), bool))
    got_hat, got_se = fit.predict([0], [2025.0])
    assert (got_hat[0], got_se[0], fit.df[0]) == (pytest.approx(y_hat, abs=1e-12), pytest.approx(se, abs=1e-12), df)
    wls = proj.drift_statsmodels(years, values)
    sm_hat, sm_se = proj.drift_predict_statsmodels(wls, years[-1], values[-1], 2025.0)
    assert (sm_hat, sm_se) == (pytest.approx(y_hat, abs=1e-10), pytest.approx(se, abs=1e-10))
    lo, hi = proj.interval(np.array([y_hat]), np.array([se]), np.array([float(df)]), 0.05)
    assert hi[0] - y_hat == pytest.approx(stats.t.ppf(0.975, df) * se, abs=1e-12)
    assert lo[0] == pytest.approx(2 * y_hat - hi[0], abs=1e-12)


def test_window_is_the_last_five_values_at_or_before_the_end_year():
    years = np.array([[2010, 2012, 2013, 2015, 2016, 2017, 2018, 2020, np.nan]], float)
    mask = ~np.isnan(years)
    window = proj.window_mask(years, mask, [2018.0])
    assert list(years[window]) == [2013, 2015, 2016, 2017, 2018]
    assert proj.window_mask(years, mask, [2011.0]).sum() == 1


def test_leave_one_out_range_brackets_the_projection():
    years = np.arange(2014, 2024, dtype=float)[None]
    values = (70 + 1.5 * np.arange(10) + np.tile([0.3, -0.2], 5))[None]
    mask = np.ones_like(years, bool)
    loo = proj.leave_one_out(years, values, mask, [2023.0])
    lo, hi = proj.leave_one_out_range(loo, [0], [2025.0])
    y_hat, _ = proj.drift_numpy(years, values, proj.window_mask(years, mask, [2023.0])).predict([0], [2025.0])
    assert lo[0] <= y_hat[0] <= hi[0] and hi[0] > lo[0]


def test_ar1_ols_covariance_is_the_sandwich_and_reduces_to_ols_at_rho_zero():
    years = np.arange(2011, 2025, dtype=float)
    rng = np.random.default_rng(4)
    values = 50 + 0.7 * (years - 2011) + rng.normal(0, 0.5, len(years))
    X = segmented_design(years, 2021)[None]
    _, cov, _, resid = segmented_numpy(years[None], values[None], np.ones((1, 14), bool), 2021)
    mask = np.ones((1, 14), bool)
    assert ar1_ols_cov(X, resid, years[None], mask, np.array([0.0]))[0] == pytest.approx(cov[0], rel=1e-10)
    rho = 0.5
    R = rho ** np.abs(years[:, None] - years[None, :])
    x = X[0]
    inv = np.linalg.inv(x.T @ x)
    M = np.eye(14) - x @ inv @ x.T
    s2 = resid[0] @ resid[0] / np.trace(M @ R)
    expected = s2 * inv @ x.T @ R @ x @ inv
    assert ar1_ols_cov(X, resid, years[None], mask, np.array([rho]))[0] == pytest.approx(expected, rel=1e-10)


def test_probability_and_normal_chance_for_state_space_candidates():
    got = proj.chance(np.array([1.0]), np.array([2.0]), np.array([np.inf]), np.array([0.0]), np.array([np.inf]))
    assert got[0] == pytest.approx(1 - stats.norm.cdf(-0.5), abs=1e-12)
