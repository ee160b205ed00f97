"""A small book whose every figure was computed by hand (see test_report.py); the command line
run as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from planner.core.book import Book


def small_book() -> Book:
    def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=columns.split())

    return Book({
        "Settings": frame("key value", [("currency", "USD"), ("as_of", "2026-03-31")]),
        "Stages": frame("stage order probability kind", [
            ("Prospect", 1, 100_000, "open"), ("Proposal", 2, 500_000, "open"), ("Commit", 3, 800_000, "open"),
            ("Won", 4, 1_000_000, "won"), ("Lost", 5, 0, "lost"),
        ]),
        "Reps": frame("id name team plan", [
            ("R1", "김민지", "Seoul", "RETRO"), ("R2", "佐藤 健", "Tokyo", "MARG"), ("R3", "Alex Kim", "Seoul", "MARG"),
        ]),
        "Plans": frame("plan period cap", [("RETRO", "month", None), ("MARG", "quarter", 150_000)]),
        "PlanTiers": frame("plan from to rate method", [
            ("RETRO", 0, 1_000_000, 0, "retroactive"), ("RETRO", 1_000_000, None, 100_000, "retroactive"),
            ("MARG", 0, 500_000, 20_000, "marginal"), ("MARG", 500_000, 1_000_000, 50_000, "marginal"),
            ("MARG", 1_000_000, None, 100_000, "marginal"),
        ]),
        "PlanBonuses": frame("plan from amount", [("MARG", 1_000_000, 50_000)]),
        "Quotas": frame("rep team period amount", [
            ("R1", None, "2026-01", 1_000_000), ("R1", None, "2026-02", 1_000_000), ("R1", None, "2026-03", 1_000_000),
            ("R2", None, "2026-Q1", 3_000_000),
            ("R3", None, "2026-01", 500_000), ("R3", None, "2026-02", 500_000), ("R3", None, "2026-03", 500_000),
            (None, "Seoul", "2026-Q1", 5_000_000),
        ]),
        "Deals": frame("id owner stage amount created closed expected_close forecast_category cancelled", [
            ("D1", "R1", "Won", 700_000, "2025-12-01", "2026-01-10", None, None, None),
            ("D2", "김민지", "Won", 500_000, "2025-12-15", "2026-01-20", None, None, None),
            ("D3", "R2", "Won", 2_000_000, "2025-11-01", "2026-02-01", None, None, None),
            ("D4", "R2", "Won", 1_600_000, "2026-01-05", "2026-03-15", None, None, None),
            ("D5", "R3", "Won", 900_000, "2026-01-10", "2026-02-10", None, None, None),
            ("D6", "R3", "Won", 200_000, "2026-01-02", "2026-01-12", None, None, "2026-02-05"),
            ("D7", "R2", "Lost", 400_000, "2026-01-01", "2026-02-20", None, None, None),
            ("D8", "R1", "Lost", 300_000, "2026-02-01", "2026-03-01", None, None, None),
            ("D10", "R1", "Prospect", 1_000_000, "2026-02-15", None, "2026-03-20", "pipeline", None),
            ("D11", "R2", "Proposal", 333_333, "2026-03-01", None, "2026-03-30", "best_case", None),
            ("D12", "R3", "Commit", 500_000, "2026-03-10", None, "2026-04-15", "commit", None),
            ("D13", "R2", "Commit", 100_000, "2025-12-20", None, "2026-03-31", "commit", None),
            ("D14", "R1", "Proposal", 250_000, "2026-01-20", None, "2026-02-28", "omitted", None),
        ]),
        "Splits": frame("deal_id rep share", [("D5", "R3", 600_000), ("D5", "R1", 400_000)]),
    })


def rebuilt(book: Book, edit) -> Book:
    """A new book from ``book``'s tables as plain frames (references as the user's ids, rows
    numbered from 0) after ``edit(frames)`` changed them: how a test brings in values the
    edit API would refuse, as a file or an import would."""
    from planner.core import schema

    frames = {name: book.keyed(name).reset_index(drop=True) for name in schema.TABLES}
    edit(frames)
    return Book(frames)


def row(book, table: str, position: int) -> int:
    """The row id of the row at ``position`` of ``table``."""
    return int(book[table].index[position])


def planner(*args, check=True) -> subprocess.CompletedProcess:
    """Run the command line (``python -m planner ARGS``); with ``check``, it must succeed."""
    result = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result
