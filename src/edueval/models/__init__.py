"""Trend models, projections and target evaluation (docs/methods.md).

    from edueval.models import load_observations, evaluate_all, evaluate_series, run_backtest
    obs = load_observations()              # data/processed/observations.parquet
    ev = evaluate_all(obs)                 # EvaluationSet: .targets .series .policy .curves
    ev.save()                              # data/processed/evaluation_*.parquet
    one = evaluate_series(obs, "长治市", "preschool_ger")
    print(one.summary())
    bt = run_backtest(obs)                 # BacktestResult: .summary .by_horizon .reliability
"""
from __future__ import annotations

from . import backtest_command, command
from .backtest import BacktestResult, run_backtest
from .evaluate import evaluate_all, evaluate_series
from .inputs import (
    DuplicateActualError,
    actual_series,
    collect_targets,
    load_observations,
)
from .policy_registry import load_policies
from .results import EvaluationSet, SeriesEvaluation
from .rules import Rule, Tolerances, choose_rule

__all__ = [
    "BacktestResult",
    "DuplicateActualError",
    "EvaluationSet",
    "Rule",
    "SeriesEvaluation",
    "Tolerances",
    "actual_series",
    "backtest_command",
    "choose_rule",
    "collect_targets",
    "command",
    "evaluate_all",
    "evaluate_series",
    "load_observations",
    "load_policies",
    "run_backtest",
]
