"""The book as it stood on a past day (core/point_in_time.py, issue 19): hand-checked on the
fixture book with a stage history, and no figure at d moving when everything after d is rewritten."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures import rebuilt, small_book
from planner.core.book import Book
from planner.core.periods import Period
from planner.core.point_in_time import TODAY_AMOUNTS, as_it_stood, last_record
from planner.core.report import compute_report

DAY = date(2026, 2, 10)
# (deal, stage, entered, expected close) as the edit API records them: a first row on the created
# date, then a row per move, a won or lost row on the closed date
HISTORY = [
    ("D1", "Prospect", "2025-12-01", "2026-01-15"), ("D1", "Won", "2026-01-10", "2026-01-15"),
    ("D2", "Prospect", "2025-12-15", "2026-01-31"), ("D2", "Won", "2026-01-20", "2026-01-31"),
    ("D3", "Prospect", "2025-11-01", "2026-01-31"), ("D3", "Commit", "2026-01-15", "2026-02-05"),
    ("D3", "Won", "2026-02-01", "2026-02-05"),
    ("D4", "Proposal", "2026-01-05", "2026-02-28"), ("D4", "Commit", "2026-02-01", "2026-03-10"),
    ("D4", "Won", "2026-03-15", "2026-03-10"),
    ("D5", "Prospect", "2026-01-10", "2026-02-15"), ("D5", "Won", "2026-02-10", "2026-02-15"),
    ("D6", "Prospect", "2026-01-02", "2026-01-31"), ("D6", "Won", "2026-01-12", "2026-01-31"),
    ("D7", "Proposal", "2026-01-01", "2026-02-15"), ("D7", "Lost", "2026-02-20", "2026-02-15"),
    ("D8", "Prospect", "2026-02-01", "2026-02-28"), ("D8", "Lost", "2026-03-01", "2026-02-28"),
    ("D10", "Prospect", "2026-02-15", "2026-03-20"), ("D11", "Proposal", "2026-03-01", "2026-03-30"),
    ("D12", "Commit", "2026-03-10", "2026-04-15"),
    ("D13", "Prospect", "2025-12-20", "2026-02-28"), ("D13", "Commit", "2026-02-20", "2026-03-31"),
    ("D14", "Proposal", "2026-01-20", "2026-02-28"),
]


def with_history(frames: dict) -> None:
    frames["StageHistory"] = pd.DataFrame(HISTORY, columns=["deal_id", "stage", "entered", "expected_close"])


@pytest.fixture(scope="module")
def dated() -> Book:
    return rebuilt(small_book(), with_history)


def test_the_view_on_a_past_day(dated):
    """At 02-10: D10-D12 (created later) are absent; D4 (won 03-15) is open in Commit expecting
    03-10, its row of 02-01; D7 (lost 02-20) open in Proposal; D8 open in Prospect; D13 in
    Prospect expecting 02-28 (it moved on 02-20); D5, won on 02-10 itself, is won; D6's
    cancellation of 02-05 stands."""
    view = as_it_stood(dated.snapshot(), DAY).keyed("Deals").set_index("id")
    assert sorted(view.index) == ["D1", "D13", "D14", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]
    assert view.loc["D4", "stage"] == "Commit" and view.loc["D4", "expected_close"] == pd.Timestamp("2026-03-10")
    assert pd.isna(view.loc["D4", "closed"])
    assert (view.loc["D7", "stage"], view.loc["D8", "stage"], view.loc["D13", "stage"]) == ("Proposal", "Prospect",
                                                                                         "Prospect")
    assert view.loc["D13", "expected_close"] == pd.Timestamp("2026-02-28")
    assert view.loc["D5", "stage"] == "Won" and view.loc["D5", "closed"] == pd.Timestamp("2026-02-10")
    assert view.loc["D6", "cancelled"] == pd.Timestamp("2026-02-05")
    history = as_it_stood(dated.snapshot(), DAY)["StageHistory"]
    assert history["entered"].max() <= pd.Timestamp(DAY) and len(history) == 17


def test_the_forecast_as_of_a_past_day_by_hand(dated):
    """February as of 02-10. Won: D3 20,000 (02-01) + D5 9,000 (02-10) = 29,000. Open and
    expected in February: D7 Proposal 4,000 (02-15), D8 Prospect 3,000 (02-28), D13 Prospect
    1,000 (02-28, commit), D14 Proposal 2,500 (02-28, omitted); D4 expects 03-10.
    Weighted 29,000 + 2,000 + 300 + 100 + 1,250 = 32,650; commit 29,000 + 1,000 = 30,000 = best
    case; pipeline 29,000 + 4,000 + 3,000 + 1,000 = 37,000. The report says how amounts were taken."""
    report = compute_report(dated, Period.parse("2026-02"), as_of=DAY)
    figures = report.to_json()["forecast"]
    assert (figures["won"], figures["weighted"], figures["commit"], figures["best_case"], figures["pipeline"]) == (
        "29000.00", "32650.00", "30000.00", "30000.00", "37000.00")
    assert report.warnings[0] == (TODAY_AMOUNTS, {"day": "2026-02-10"})


def test_a_book_on_or_after_its_last_record_is_itself(dated):
    snapshot = dated.snapshot()
    assert last_record(snapshot) == date(2026, 3, 15)
    assert as_it_stood(snapshot, date(2026, 3, 15)) is snapshot
    assert as_it_stood(snapshot, date(2026, 3, 14)) is not snapshot
    report = compute_report(dated, Period.parse("2026-Q1"))  # its as_of setting, 03-31
    assert all(template != TODAY_AMOUNTS for template, _fields in report.warnings)


OPEN, FINAL = ("Prospect", "Proposal", "Commit"), ("Won", "Lost")
after = st.integers(min_value=1, max_value=80).map(lambda days: DAY + timedelta(days=days))
expected_day = st.one_of(st.none(), st.integers(min_value=-30, max_value=120).map(lambda n: DAY + timedelta(days=n)))


@st.composite
def rewritten_after(draw, book: Book) -> Book:
    """``book`` with everything recorded after DAY drawn anew: the outcome, closed and cancelled
    days of every deal not closed by then, its history rows after DAY (consistent with its
    current stage), its amount changed after DAY (with an AmountHistory row per change), and
    deals created after DAY dropped, kept changed or added."""
    def edit(frames: dict) -> None:
        deals, history = frames["Deals"], frames["StageHistory"]
        history = history[history["entered"] <= pd.Timestamp(DAY)]
        rows, kept = [], []
        for position, deal in deals.iterrows():
            created = deal["created"]
            if created > pd.Timestamp(DAY):
                if draw(st.booleans()):
                    continue
                created = pd.Timestamp(draw(after))
            elif deal["stage"] in FINAL and deal["closed"] <= pd.Timestamp(DAY):
                if deal["stage"] == "Won" and not deal["cancelled"] <= pd.Timestamp(DAY):  # cancelled later, or not
                    deal = deal.copy()
                    deal["cancelled"] = pd.Timestamp(draw(after)) if draw(st.booleans()) else pd.NaT
                kept.append(deal)
                continue
            deal = deal.copy()
            deal["created"] = created
            day = max(created, pd.Timestamp(DAY))
            for _move in range(draw(st.integers(min_value=0, max_value=3))):
                day = day + pd.Timedelta(days=draw(st.integers(min_value=1, max_value=20)))
                deal["stage"], deal["expected_close"] = draw(st.sampled_from(OPEN)), draw(expected_day)
                rows.append((deal["id"], deal["stage"], day, deal["expected_close"]))
            deal["closed"] = deal["cancelled"] = pd.NaT
            if deal["stage"] in FINAL and (closing := draw(st.booleans())) is False:  # reopened after DAY
                day = day + pd.Timedelta(days=1)
                deal["stage"] = draw(st.sampled_from(OPEN))
                rows.append((deal["id"], deal["stage"], day, deal["expected_close"]))
            elif deal["stage"] not in FINAL:
                closing = draw(st.booleans())
            if closing:
                day = day + pd.Timedelta(days=draw(st.integers(min_value=1, max_value=20)))
                deal["stage"], deal["closed"] = draw(st.sampled_from(FINAL)), day
                rows.append((deal["id"], deal["stage"], day, deal["expected_close"]))
                if deal["stage"] == "Won" and draw(st.booleans()):
                    deal["cancelled"] = day + pd.Timedelta(days=draw(st.integers(min_value=0, max_value=30)))
            kept.append(deal)
        for n in range(draw(st.integers(min_value=0, max_value=3))):
            created = pd.Timestamp(draw(after))
            kept.append(pd.Series({"id": f"N{n}", "owner": draw(st.sampled_from(["R1", "R2", "R3"])),
                                   "stage": "Prospect", "amount": draw(st.integers(0, 10**7)), "created": created,
                                   "expected_close": draw(expected_day)}))
            rows.append((f"N{n}", "Prospect", created, kept[-1]["expected_close"]))
        amounts = []
        for deal in kept:  # amounts changed after DAY, each change keeping the amount before it
            for day in sorted(draw(st.lists(after, max_size=2))):
                amounts.append((deal["id"], pd.Timestamp(day), deal["amount"], deal.get("currency")))
                deal["amount"] = draw(st.integers(0, 10**7))
        frames["AmountHistory"] = pd.DataFrame(amounts, columns=["deal_id", "changed", "before", "currency"])
        frames["Deals"] = pd.DataFrame(kept).reset_index(drop=True)
        added = pd.DataFrame(rows, columns=["deal_id", "stage", "entered", "expected_close"])
        frames["StageHistory"] = pd.concat([history, added], ignore_index=True)
        frames["Splits"] = frames["Splits"][frames["Splits"]["deal_id"].isin(frames["Deals"]["id"])]
    return rebuilt(book, edit)


PERIODS = [Period.parse(label) for label in ("2026-02", "2026-Q1", "2026")]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_figure_at_a_day_depends_on_anything_recorded_after_it(dated, data):
    """Every figure of the report at DAY, for months, the quarter and the year around it, is the
    same whatever happened after DAY, amounts changed after it too."""
    other = data.draw(rewritten_after(dated))
    assert not other.problems()
    for period in PERIODS:
        mine = dated.snapshot().cached(("report", period), lambda: compute_report(dated, period, as_of=DAY).to_json())
        theirs = compute_report(other, period, as_of=DAY).to_json()
        assert theirs == mine, period


def test_the_carried_weights_are_the_views_own(dated):
    """A view takes the book's weighted amounts and computes only deals whose stage differs
    that day again: the same as computing every deal of the view afresh."""
    from planner.core.facts import weighted_amounts
    from planner.core.tables import Snapshot

    for day in (date(2026, 1, 1), DAY, date(2026, 3, 1)):
        view = as_it_stood(dated.snapshot(), day)
        fresh = Snapshot(view._frames, view._positions, view._unresolved, view._opened_problems, view.revision)
        assert list(weighted_amounts(view)) == list(weighted_amounts(fresh))
        assert len(weighted_amounts(view)) == len(view["Deals"])
