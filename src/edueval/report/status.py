"""One status per scorecard line, shared by the scorecard, the narrative and the index."""
from __future__ import annotations

import pandas as pd

PROGRESS = ("on track", "acceleration needed", "limited progress", "deterioration")


def status_code(row) -> str:
    """One status per target row: met, a progress category, or why it cannot be judged."""
    if row["status"] in ("no actual", "target masked", "achieved"):
        return row["status"]
    if row["category"] in PROGRESS:
        return row["category"]
    deadline_ahead = pd.notna(row.get("status_year")) and row["target_year"] > row["status_year"]
    if row["scope"] not in ("standard", "quoted benchmark") and deadline_ahead:
        return "not assessable"  # below a target whose year has not come, with no usable pace
    return "not achieved"


def scorecard_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """Target rows worth a scorecard line: a masked target (the masked copy of a document)
    says nothing a reader can check; it is listed under data quality instead."""
    return targets[targets["status"] != "target masked"]
