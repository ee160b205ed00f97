"""Plan assignments, draws and the base salary of a period (core/assignments.py, core/draws.py):
each rule by hand with its arithmetic, and the engine against the Decimal reference
(tests/statement_reference.py) on random books with draws and assignments."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from statement_reference import engine_lines, reference_balances, reference_lines  # noqa: E402

from datetime import datetime, timezone  # noqa: E402

from planner.core.adjustments import statement  # noqa: E402
from planner.core.book import Book  # noqa: E402
from planner.core.changes import SetValues  # noqa: E402
from planner.core.close import frozen_lines, plan_close  # noqa: E402
from planner.core.problems import Refused  # noqa: E402
from planner.core.schema import ROW_ID  # noqa: E402
from planner.core.commissions import commissions  # noqa: E402
from planner.core.draws import period_base_salary  # noqa: E402
from planner.core.periods import Period  # noqa: E402
from planner.core.statements import statement_lines, statements  # noqa: E402
from planner.core.usable import usable  # noqa: E402

AT = datetime(2026, 2, 16, 9, 30, tzinfo=timezone.utc)
FLAT = [("A", 0, None, 100_000, "marginal"), ("B", 0, None, 200_000, "marginal")]  # A pays 10%, B 20%


def book_of(deals, draws=(), assignments=(), rep=None, plans=(("A", "month"), ("B", "month")), as_of=None):
    """Rep R1 (on plan A unless assignments say otherwise); ``deals`` are (amount in cents,
    closed) won by R1; ``draws`` (plan, amount, recoverable). A live Book when ``as_of`` is given."""
    rows = [(f"D{n}", "R1", "Won", amount, "2025-10-01", closed) for n, (amount, closed) in enumerate(deals, start=1)]
    book = Book({
        "Settings": pd.DataFrame({"key": ["currency", "as_of"], "value": ["USD", as_of]}).dropna(),
        "Stages": pd.DataFrame({"stage": ["Won"], "order": [1], "probability": [1_000_000], "kind": ["won"]}),
        "Reps": pd.DataFrame({"id": ["R1"], "name": ["Kim"], "plan": ["A"], **(rep or {})}),
        "Plans": pd.DataFrame(list(plans), columns=["plan", "period"]),
        "PlanTiers": pd.DataFrame(FLAT, columns=["plan", "from", "to", "rate", "method"]),
        "PlanDraws": pd.DataFrame(list(draws), columns=["plan", "amount", "recoverable"]),
        "PlanAssignments": pd.DataFrame(list(assignments), columns=["rep", "plan", "from", "to"]),
        "Deals": pd.DataFrame(rows, columns=["id", "owner", "stage", "amount", "created", "closed"]),
    })
    return book if as_of else book.snapshot()


def one(table: str, row: int, **values) -> SetValues:
    return SetValues(table, pd.DataFrame({k: [v] for k, v in values.items()}, index=pd.Index([row], name=ROW_ID)))


def lines_of(book, period) -> list[tuple]:
    """(rule, base, amount) of each line of R1's statement for ``period``."""
    lines = statement_lines(book, Period.parse(period))
    lines = lines[lines["period"] == period]
    return [(rule, None if pd.isna(base) else int(base), int(amount))
            for rule, base, amount in lines[["rule", "base", "amount"]].itertuples(index=False)]


def test_a_non_recoverable_draw_tops_the_period_up_and_is_never_taken_back():
    # draw $2,000.00 a month; January sells 5,000.00 at 10% = 500.00: a draw line of
    # 2,000.00 - 500.00 = 1,500.00; February sells 30,000.00: 3,000.00, nothing taken back
    book = book_of([(500_000, "2026-01-10"), (3_000_000, "2026-02-10")], draws=[("A", 200_000, "no")])
    assert lines_of(book, "2026-01") == [("tier", 500_000, 50_000), ("draw", 200_000, 150_000)]
    assert lines_of(book, "2026-02") == [("tier", 3_000_000, 300_000)]
    summary, _, _ = commissions(book, Period.parse("2026-Q1"))
    assert summary["total"].tolist() == [200_000, 300_000, 200_000]  # March: no sale, the draw alone
    assert summary["draw_balance"].isna().all()  # nothing is carried


def test_a_recoverable_draw_is_an_advance_recovered_from_earnings_above_the_draw():
    # the worked example of core/draws.py: draw $2,000.00, recoverable
    # January: earned 500.00 -> draw 1,500.00, payout 2,000.00, balance 1,500.00
    # February: earned 2,600.00 -> recovery -min(1,500.00, 600.00) = -600.00, payout 2,000.00, balance 900.00
    # March: earned 4,000.00 -> recovery -min(900.00, 2,000.00) = -900.00, payout 3,100.00, balance 0
    book = book_of([(500_000, "2026-01-10"), (2_600_000, "2026-02-10"), (4_000_000, "2026-03-10")],
                   draws=[("A", 200_000, "yes")])
    assert lines_of(book, "2026-01") == [("tier", 500_000, 50_000), ("draw", 200_000, 150_000)]
    assert lines_of(book, "2026-02") == [("tier", 2_600_000, 260_000), ("draw_recovery", 150_000, -60_000)]
    assert lines_of(book, "2026-03") == [("tier", 4_000_000, 400_000), ("draw_recovery", 90_000, -90_000)]
    summary, _, _ = commissions(book, Period.parse("2026-Q1"))
    assert summary["total"].tolist() == [200_000, 200_000, 310_000]
    assert summary["draw_balance"].tolist() == [150_000, 90_000, 0]
    # asked for March alone, the balance carried in from January and February is the same
    rows, _ = statements(book, Period.parse("2026-03"))
    assert rows["draw_balance"].tolist() == [0]


def test_the_balance_carries_across_years():
    # December 2025 earns nothing: a 2,000.00 advance; January 2026 earns 3,000.00: -1,000.00
    book = book_of([(3_000_000, "2026-01-10")], draws=[("A", 200_000, "yes")], rep={"start_date": ["2025-12-01"]})
    assert lines_of(book, "2025-12") == [("draw", 200_000, 200_000)]
    assert lines_of(book, "2026-01") == [("tier", 3_000_000, 300_000), ("draw_recovery", 200_000, -100_000)]
    rows, _ = statements(book, Period.parse("2026-01"))
    assert rows["draw_balance"].tolist() == [100_000]


def test_a_draw_is_prorated_by_the_days_a_rep_is_active():
    # joins on 16 April: 15 of April's 30 days -> 2,000.00 x 15 / 30 = 1,000.00;
    # leaves on 10 May: 10 of May's 31 days -> 2,000.00 x 10 / 31 = 645.161... -> 645.16
    book = book_of([], draws=[("A", 200_000, "no")], rep={"start_date": ["2026-04-16"], "end_date": ["2026-05-10"]})
    assert lines_of(book, "2026-04") == [("draw", 100_000, 100_000)]
    assert lines_of(book, "2026-05") == [("draw", 64_516, 64_516)]


def test_base_salary_of_a_period_is_prorated_by_active_days():
    # 60,000.00 a year; January (31 of 365 days): 60,000.00 x 31 / 365 = 5,095.890... -> 5,095.89;
    # joining on 16 April: 15 days -> 60,000.00 x 15 / 365 = 2,465.753... -> 2,465.75
    book = book_of([], rep={"base_salary": [6_000_000], "start_date": ["2026-01-01"]})
    assert period_base_salary(book, int(book["Reps"].index[0]), "2026-01") == 509_589
    late = book_of([], rep={"base_salary": [6_000_000], "start_date": ["2026-04-16"]})
    assert period_base_salary(late, int(late["Reps"].index[0]), "2026-04") == 246_575


def test_a_rep_changes_plan_between_periods():
    # on A (10%) in January, on B (20%) from February: 1,000.00 in each month
    # -> January 100.00 by A, February 200.00 by B; Reps.plan (A) is not read for a rep with rows
    book = book_of([(100_000, "2026-01-10"), (100_000, "2026-02-10")],
                   assignments=[("R1", "A", "2026-01-01", "2026-01-31"), ("R1", "B", "2026-02-01", None)])
    summary, _, _ = commissions(book, Period.parse("2026-Q1"))
    plans = book["Plans"]["plan"]
    assert [(plans[p], period, int(t)) for p, period, t in summary[["plan", "period", "total"]].itertuples(index=False)] \
        == [("A", "2026-01", 10_000), ("B", "2026-02", 20_000), ("B", "2026-03", 0)]


def test_the_plan_in_force_on_the_last_active_day_pays_the_whole_period():
    # A to 15 March, B from 16 March: March (both deals, 1,000.00 + 1,000.00) is paid by B at 20% = 400.00
    book = book_of([(100_000, "2026-03-05"), (100_000, "2026-03-20")],
                   assignments=[("R1", "A", "2026-01-01", "2026-03-15"), ("R1", "B", "2026-03-16", None)])
    summary, _, _ = commissions(book, Period.parse("2026-03"))
    assert book["Plans"]["plan"][int(summary["plan"].iloc[0])] == "B" and summary["total"].tolist() == [40_000]
    # a rep who leaves on 20 March, whose assignment to B ended on the 15th: A's row holds March's last active day
    left = book_of([(100_000, "2026-03-05")], rep={"end_date": ["2026-03-20"]},
                   assignments=[("R1", "B", "2026-01-01", "2026-03-10"), ("R1", "A", "2026-03-11", "2026-03-20")])
    summary, _, _ = commissions(left, Period.parse("2026-03"))
    assert left["Plans"]["plan"][int(summary["plan"].iloc[0])] == "A" and summary["total"].tolist() == [10_000]


def test_no_row_covering_a_period_means_no_plan_then():
    book = book_of([(100_000, "2026-01-10")], assignments=[("R1", "B", "2026-02-01", "2026-02-28")])
    summary, _, _ = commissions(book, Period.parse("2026-Q1"))
    assert summary["period"].tolist() == ["2026-02"]  # January's deal is on no plan, March has no row


def test_overlapping_assignments_are_a_problem_of_the_later_row_naming_the_earlier():
    book = book_of([(100_000, "2026-02-10")],
                   assignments=[("R1", "A", "2026-01-01", "2026-03-31"), ("R1", "B", "2026-03-01", None)])
    problems = [p for p in book.problems() if p.table == "PlanAssignments"]
    assert len(problems) == 1 and "2026-01-01" in str(problems[0])
    assert int(problems[0].row) == int(book["PlanAssignments"].index[1])
    figures, _left = usable(book)
    summary, _, _ = commissions(figures, Period.parse("2026-02"))
    assert figures["Plans"]["plan"][int(summary["plan"].iloc[0])] == "A" and summary["total"].tolist() == [10_000]


def test_a_close_freezes_draw_lines_and_the_balance_carries_across_it():
    # January: earned 500.00, a recoverable 2,000.00 draw -> an advance of 1,500.00, frozen by the close
    book = book_of([(500_000, "2026-01-10"), (2_600_000, "2026-02-10")], draws=[("A", 200_000, "yes")],
                   as_of="2026-02-15")
    book.apply(plan_close(book, Period.parse("2026-01"), "finance@office", AT).change)
    frozen = frozen_lines(book)
    assert frozen[["rule", "base", "amount"]].values.tolist() == [["tier", 500_000, 50_000], ["draw", 200_000, 150_000]]
    # another writer re-amounts January's deal to 15,000.00 without the checks: January would now
    # earn 1,500.00 and advance 500.00 only, but its statement and the balance it carries stay the ledger's
    book.apply(one("Deals", int(book["Deals"].index[0]), amount=1_500_000), check=False, origin="other")
    january = statement(book, Period.parse("2026-01"))
    assert january[["rule", "amount"]].values.tolist() == [["tier", 50_000], ["draw", 150_000]]
    # February: earned 2,600.00 -> recovery -min(1,500.00 carried, 600.00) = -600.00, balance 900.00
    rows, _ = statements(book.snapshot(), Period.parse("2026-02"))
    assert rows["draw_balance"].tolist() == [90_000]
    february = statement(book, Period.parse("2026-02"))
    own = february[february["adjusts"].isna()]
    assert own[["rule", "base", "amount"]].values.tolist() == [["tier", 2_600_000, 260_000],
                                                               ["draw_recovery", 150_000, -60_000]]


def test_a_plan_assignment_may_not_change_a_closed_periods_plan():
    book = book_of([(500_000, "2026-01-10")], as_of="2026-02-15")
    book.apply(plan_close(book, Period.parse("2026-01"), "finance@office", AT).change)
    # R1's first row takes it off Reps.plan (A) on every day: from 15 January on B changes January
    r1, (a, b) = int(book["Reps"].index[0]), book["Plans"].index.tolist()
    with pytest.raises(Refused, match="2026-01"):
        book.insert_rows("PlanAssignments", pd.DataFrame({"rep": [r1], "plan": [b], "from": [pd.Timestamp("2026-01-15")]}))
    # A through January (as Reps.plan said), B from February: January's figures do not move
    book.insert_rows("PlanAssignments", pd.DataFrame({
        "rep": [r1, r1], "plan": [a, b], "from": pd.to_datetime(["2025-01-01", "2026-02-01"]),
        "to": pd.to_datetime(["2026-01-31", None])}))
    assert len(book["PlanAssignments"]) == 2


# -- the engine against the Decimal reference -----------------------------------------------------

DAYS = pd.date_range("2025-11-01", "2026-06-30").strftime("%Y-%m-%d").tolist()


@st.composite
def books(draw):
    reps = draw(st.integers(1, 6))
    rounding = draw(st.sampled_from(["half_up", "half_even", "down", "up"]))
    plans = [("M1", "month"), ("M2", "month"), ("Q1", "quarter")]
    tiers = [("M1", 0, 1_000_000, 50_000, "marginal"), ("M1", 1_000_000, None, 100_000, "marginal"),
             ("M2", 0, None, 120_000, "marginal"),
             ("Q1", 0, 800_000, 0, "retroactive"), ("Q1", 800_000, None, 90_000, "retroactive")]
    draws = [(name, draw(st.integers(0, 300_000)), draw(st.sampled_from(["yes", "no"])))
             for name, _ in plans if draw(st.integers(0, 3))]
    deals, quotas, assignments, starts, ends, own = [], [], [], [], [], []
    for n in range(reps):
        rep = f"R{n}"
        own.append(draw(st.sampled_from(["M1", "M2", "Q1"])))
        starts.append(draw(st.sampled_from([None, None, "2025-12-10", "2026-02-16"])))
        ends.append(draw(st.sampled_from([None, None, None, "2026-04-20"])))
        if draw(st.booleans()):  # dated rows, in order, without overlaps, maybe with a gap
            day, count = pd.Timestamp(draw(st.sampled_from(DAYS[:60]))), draw(st.integers(1, 3))
            for k in range(count):
                end = day + pd.Timedelta(days=draw(st.integers(10, 90)))
                last = k == count - 1 and draw(st.booleans())
                assignments.append((rep, draw(st.sampled_from(["M1", "M2", "Q1"])), day.strftime("%Y-%m-%d"),
                                    None if last else end.strftime("%Y-%m-%d")))
                day = end + pd.Timedelta(days=draw(st.sampled_from([1, 1, 5])))
        for month in range(1, 7):
            quotas.append((rep, f"2026-{month:02d}", draw(st.integers(0, 2_000_000))))
        for _ in range(draw(st.integers(0, 10))):
            closed = draw(st.sampled_from(DAYS[:220]))
            cancelled = draw(st.one_of(st.none(), st.none(), st.none(), st.sampled_from([d for d in DAYS if d > closed])))
            deals.append((f"D{len(deals)}", rep, "Won", draw(st.integers(0, 800_000)), "2025-10-01", closed, cancelled))
    frames = {
        "Settings": pd.DataFrame({"key": ["currency", "rounding"], "value": ["USD", rounding]}),
        "Stages": pd.DataFrame({"stage": ["Won"], "order": [1], "probability": [1_000_000], "kind": ["won"]}),
        "Reps": pd.DataFrame({"id": [f"R{n}" for n in range(reps)], "name": [f"Rep {n}" for n in range(reps)],
                              "plan": own, "start_date": starts, "end_date": ends}),
        "Plans": pd.DataFrame(plans, columns=["plan", "period"]),
        "PlanTiers": pd.DataFrame(tiers, columns=["plan", "from", "to", "rate", "method"]),
        "PlanDraws": pd.DataFrame(draws, columns=["plan", "amount", "recoverable"]),
        "PlanAssignments": pd.DataFrame(assignments, columns=["rep", "plan", "from", "to"]),
        "Quotas": pd.DataFrame(quotas, columns=["rep", "period", "amount"]),
        "Deals": pd.DataFrame(deals, columns=["id", "owner", "stage", "amount", "created", "closed", "cancelled"]),
    }
    return Book(frames).snapshot()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(books(), st.sampled_from(["2026", "2026-Q2", "2026-03", "2025-12"]))
def test_draws_and_assignments_agree_with_the_decimal_reference_to_the_cent(book, label):
    """Random books of up to 6 reps on monthly and quarterly plans, changing plan between and
    inside periods (with gaps), joining and leaving mid-period, with recoverable and
    non-recoverable draws, cancellations, in the four rounding modes: every line and balance."""
    assert not book.problems()
    period = Period.parse(label)
    lines = statement_lines(book, period)
    assert engine_lines(lines) == reference_lines(book, period)
    rows, _ = statements(book, period)
    if "draw_balance" in rows:
        engine = {(int(r), p): int(b) for r, p, b in rows[["rep", "period", "draw_balance"]].itertuples(index=False)
                  if not pd.isna(b)}
        assert engine == reference_balances(book, period)


def test_plan_draws_and_assignments_round_trip_through_the_workbook(tmp_path):
    from planner.io.excel_export import export_book
    from planner.io.excel_import import build_book, read_tables
    from planner.io.mapping import Mapping

    book = book_of([(500_000, "2026-01-10")], draws=[("A", 200_000, "yes")],
                   assignments=[("R1", "A", "2026-01-01", "2026-01-31"), ("R1", "B", "2026-02-01", None)])
    export_book(book, tmp_path / "book.xlsx")
    back = build_book(read_tables([tmp_path / "book.xlsx"], mapping=Mapping()))
    assert back.keyed("PlanDraws")[["plan", "amount", "recoverable"]].values.tolist() == [["A", 200_000, "yes"]]
    assigned = back.keyed("PlanAssignments")
    assert assigned[["rep", "plan"]].values.tolist() == [["R1", "A"], ["R1", "B"]]
    assert assigned["to"].isna().tolist() == [False, True]
    assert lines_of(back.snapshot(), "2026-01") == lines_of(book, "2026-01")


def test_a_book_where_no_rep_is_on_a_plan_has_no_statements():
    book = book_of([(100_000, "2026-01-10")], rep={"plan": [None]})
    rows, lines = statements(book, Period.parse("2026-Q1"))
    assert rows.empty and lines.empty


def test_the_pdf_statements_table_carries_the_balance_and_the_information_figures():
    # January as in the CLI test: base 60,000.00 a year -> 5,095.89; draw 2,000.00 recoverable,
    # earned 500.00 -> 1,500.00 carried; no target incentive: no OTE
    from planner.io.statement_text import statement_table

    book = book_of([(500_000, "2026-01-10")], draws=[("A", 200_000, "yes")], rep={"base_salary": [6_000_000]})
    payouts, lines = statement_table(book, Period.parse("2026-01"))
    assert payouts[["total", "draw_balance", "base_salary"]].values.tolist() == [[200_000, 150_000, 509_589]]
    assert payouts["ote"].isna().all() and lines["rule"].tolist() == ["tier", "draw"]


def test_the_pdf_prints_the_balance_and_base_salary_beside_the_total(qapp, tmp_path):
    # the same January as above, printed: the information under the period's total, not in it
    from test_statement_pdf import page_texts

    from planner.views.statement_pdf import export_statements_pdf

    book = book_of([(500_000, "2026-01-10")], draws=[("A", 200_000, "yes")], rep={"base_salary": [6_000_000]})
    path = tmp_path / "draws.pdf"
    assert export_statements_pdf(book, Period.parse("2026-01"), path, company="Co") == 1
    text = " ".join(page_texts(path)[0].split())
    assert "Total 2026-01 2,000.00" in text
    assert ("For information (not in the total): base salary 5,095.89 · draw balance carried 1,500.00" in text)
