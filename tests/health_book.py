"""A small book with one deal of each health, as of 2026-03-31 (tests of the health views).

Won deal W1 spent 20 days in Proposal (2026-01-01 to 01-21), so an open deal stalls there
after 30 days. As of 2026-03-31:
- S (Proposal since 2026-02-11): 48 days in Proposal: stalled.
- L (Prospect): expected close moved later 3 times: slipped (Prospect has no won average).
- O (Commit since 2026-03-20, 11 days; won average 11): expected close 2026-03-01 is past:
  slipped (overdue), not stalled.
- H (Prospect, created 2026-03-20, closes 2026-05-01): healthy.
- B (Proposal since 2026-01-15, expected 2026-03-10): stalled and slipped.
"""

from __future__ import annotations

import pandas as pd

from planner.core.book import Book
from windows import open_window  # noqa: F401 - the tests of this book import it from here

AS_OF = "2026-03-31"
PROSPECT_CRITERIA = "Named contact confirmed; Problem we solve"
PROPOSAL_CRITERIA = "・Proposal sent\n・Walked through with the decision maker"


def health_book(criteria: bool = True) -> Book:
    def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=columns.split())

    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", AS_OF)]),
        "Stages": frame("stage order probability kind exit_criteria", [
            ("Prospect", 1, 100_000, "open", PROSPECT_CRITERIA if criteria else None),
            ("Proposal", 2, 500_000, "open", PROPOSAL_CRITERIA if criteria else None),
            ("Commit", 3, 800_000, "open", "Signing date agreed" if criteria else None),
            ("Won", 4, 1_000_000, "won", "Contract signed" if criteria else None),
            ("Lost", 5, 0, "lost", None),
        ]),
        "Reps": frame("id name team", [("R1", "김민지", "Seoul"), ("R2", "Alex Kim", "Seoul")]),
        "Deals": frame("id name owner stage amount created closed expected_close", [
            ("W1", "Won deal", "R1", "Won", 100_000, "2025-12-20", "2026-02-01", "2026-02-01"),
            ("S", "Stalled deal", "R1", "Proposal", 200_000, "2026-02-01", None, "2026-06-30"),
            ("L", "Slipped deal", "R2", "Prospect", 300_000, "2026-03-01", None, "2026-06-01"),
            ("O", "Overdue deal", "R2", "Commit", 400_000, "2026-01-10", None, "2026-03-01"),
            ("H", "Healthy deal", "R1", "Prospect", 500_000, "2026-03-20", None, "2026-05-01"),
            ("B", "Both", "R2", "Proposal", 600_000, "2026-01-01", None, "2026-03-10"),
        ]),
        "StageHistory": frame("deal_id stage entered expected_close", [
            ("W1", "Proposal", "2026-01-01", "2026-02-01"),
            ("W1", "Commit", "2026-01-21", "2026-02-01"),
            ("W1", "Won", "2026-02-01", "2026-02-01"),
            ("S", "Prospect", "2026-02-01", "2026-06-30"),
            ("S", "Proposal", "2026-02-11", "2026-06-30"),
            ("L", "Prospect", "2026-03-01", "2026-04-01"),
            ("L", "Prospect", "2026-03-05", "2026-04-15"),
            ("L", "Prospect", "2026-03-10", "2026-05-01"),
            ("O", "Commit", "2026-03-20", "2026-03-01"),
            ("B", "Proposal", "2026-01-15", "2026-03-10"),
        ]),
    })


def view_row(window, deal_id: str) -> int:
    """The Deals view row showing deal ``deal_id`` (-1 when hidden)."""
    model = window.models["Deals"]
    for row in range(model.shown_rows()):
        if model.frame.at[model.row_id(row), "id"] == deal_id:
            return row
    return -1


def shown_ids(window) -> list[str]:
    model = window.models["Deals"]
    return [model.frame.at[model.row_id(row), "id"] for row in range(model.shown_rows())]
