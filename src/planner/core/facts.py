"""Deals joined with what the engine needs of them: stage kind and probability, owner's rep id."""

from __future__ import annotations

import pandas as pd

from planner.core.book import Book


def rep_ids(reps: pd.DataFrame) -> dict[str, str]:
    """Map every rep id, and every rep name, to the rep's id (CRM exports name owners)."""
    by_name = dict(zip(reps["name"].dropna(), reps.loc[reps["name"].notna(), "id"]))
    by_id = dict(zip(reps["id"].dropna(), reps["id"].dropna()))
    return {**by_name, **by_id}


def deal_facts(book: Book) -> pd.DataFrame:
    """One row per deal: id, rep, stage, kind, probability (millionths), amount (minor units),
    dates and categories. Assumes ``book.require_valid()`` passed."""
    deals, stages = book["Deals"], book["Stages"]
    stage_kind = dict(zip(stages["stage"], stages["kind"]))
    stage_probability = dict(zip(stages["stage"], stages["probability"]))
    return pd.DataFrame({
        "id": deals["id"],
        "rep": deals["owner"].map(rep_ids(book["Reps"])).astype("string"),
        "stage": deals["stage"],
        "kind": deals["stage"].map(stage_kind).astype("string"),
        "probability": deals["stage"].map(stage_probability).astype("Int64"),
        "amount": deals["amount"],
        "created": deals["created"],
        "expected_close": deals["expected_close"],
        "closed": deals["closed"],
        "cancelled": deals["cancelled"],
        "forecast_category": deals["forecast_category"].fillna("pipeline"),
    })
