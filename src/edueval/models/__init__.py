"""Trend models, projections and target evaluation (docs/methods.md).

    from edueval.models import load_observations, evaluate_all, evaluate_series
    obs = load_observations()              # data/processed/observations.parquet
    ev = evaluate_all(obs)                 # EvaluationSet: .targets .series .policy .curves
    ev.save()                              # data/processed/evaluation_*.parquet
    one = evaluate_series(obs, "140400", "preschool_ger")
    print(one.summary())
"""
from __future__ import annotations

from .evaluate import evaluate_all, evaluate_series
from .inputs import DuplicateActualError, actual_series, collect_targets, load_observations
from .pace import Tolerances
from .results import EvaluationSet, SeriesEvaluation
from .rules import Rule, choose_rule

__all__ = [
    "DuplicateActualError", "EvaluationSet", "Rule", "SeriesEvaluation", "Tolerances", "actual_series",
    "choose_rule", "collect_targets", "evaluate_all", "evaluate_series", "load_observations",
]
