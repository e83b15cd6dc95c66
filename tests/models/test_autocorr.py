"""The median-unbiased AR(1) table: a fresh small simulation agrees with the stored one."""
import numpy as np
import pytest

from edueval.models import _ar1_table
from edueval.models.autocorr import median_unbiased_rho, residual_rho, simulate_table


def test_stored_table_matches_a_fresh_simulation():
    ns, grid, fresh = simulate_table(ns=[6, 12], grid=[0.0, 0.5, 0.9], reps=20_000, seed=99)
    stored_grid = np.asarray(_ar1_table.GRID)
    for q in (0.05, 0.5, 0.95):
        stored = np.asarray(_ar1_table.QUANTILES[q])
        for i, n in enumerate(ns):
            row = _ar1_table.NS.index(n)
            for j, rho in enumerate(grid):
                col = int(np.argmin(np.abs(stored_grid - rho)))
                assert fresh[q][i, j] == pytest.approx(stored[row, col], abs=0.02)


def test_quantile_curves_increase_with_rho_and_inversion_round_trips():
    for q, table in _ar1_table.QUANTILES.items():
        assert (np.diff(np.asarray(table), axis=1) >= 0).all(), q
    median = np.asarray(_ar1_table.QUANTILES[0.5])
    row = _ar1_table.NS.index(10)
    j = _ar1_table.GRID.index(0.3)
    point, lower, upper = median_unbiased_rho(np.array([median[row, j]]), np.array([10]))
    assert point[0] == pytest.approx(0.3, abs=1e-6) and lower[0] < 0.3 < upper[0]


def test_residual_rho_uses_consecutive_years_only():
    years = np.array([[2010, 2011, 2012, 2014, 2015, 2016, 2017, 2018]], float)
    values = np.array([[1.0, 2.0, 1.5, 3.0, 2.0, 4.0, 3.0, 5.0]])
    r = residual_rho(years, values, np.ones_like(years, bool))
    x = years[0] - years[0].mean()
    b = np.sum(x * (values[0] - values[0].mean())) / np.sum(x * x)
    e = values[0] - values[0].mean() - b * x
    pairs = [(i, i + 1) for i in range(7) if years[0, i + 1] - years[0, i] == 1]
    assert r[0] == pytest.approx(sum(e[i] * e[j] for i, j in pairs) / np.sum(e * e), abs=1e-12)
