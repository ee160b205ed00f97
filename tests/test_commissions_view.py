"""The Commissions tab: selecting a payout shows its statement lines, with a totals row."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt

from planner.core import schema
from test_statements import MARGINAL, book_of
from windows import open_window


def cell(model, row: int, column: str) -> str:
    return model.data(model.index(row, schema.STATEMENT.names.index(column)))


def test_selecting_a_payout_shows_its_statement_and_total(qtbot, tmp_path):
    # January: D1 8,000,000 @ 5% = 400,000; D2 4,000,000 = 2,000,000 @ 5% + 2,000,000 @ 10%;
    # bonus at 100% 200,000: total 900,000 won
    book = book_of(MARGINAL, [(8_000_000, "2026-01-05"), (4_000_000, "2026-01-25")], bonuses=[(1_000_000, 200_000)])
    book.set_value("Deals", book["Deals"].index[1], "name", "Seoul Bank renewal")
    book.replace_table("Settings", pd.DataFrame({"key": ["currency", "as_of"], "value": ["KRW", "2026-01-31"]}))
    window = open_window(qtbot, tmp_path, book)
    window.tabs.setCurrentWidget(window.commissions)
    panel = window.commissions
    statement = panel.statement
    assert statement.rowCount() == 0 and "select a payout" in panel.title.text()

    panel.payouts_view.setFocus()
    qtbot.keyClick(panel.payouts_view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # the first payout
    qtbot.waitUntil(lambda: statement.rowCount() == 5)
    assert panel.selected() == ("R1", "2026-01")
    assert [cell(statement, row, "deal") for row in range(5)] == ["D1", "D2", "D2", "", ""]
    assert cell(statement, 1, "deal_name") == "Seoul Bank renewal"
    assert [cell(statement, row, "rule") for row in range(4)] == ["Tier", "Tier", "Tier", "Bonus"]
    assert [cell(statement, row, "tier") for row in range(4)] == ["0%–100%", "0%–100%", "100%–150%", "≥ 100%"]
    assert [cell(statement, row, "rate") for row in range(3)] == ["5%", "5%", "10%"]
    assert [cell(statement, row, "base") for row in range(3)] == ["8,000,000", "2,000,000", "2,000,000"]
    assert [cell(statement, row, "amount") for row in range(5)] == ["400,000", "100,000", "200,000", "200,000",
                                                                    "900,000"]
    assert cell(statement, 4, "deal_name") == "Total"
    assert statement.data(statement.index(4, 0), Qt.ItemDataRole.FontRole).bold()
    assert "900,000" in panel.title.text()

    # moving to another payout (February: nothing won) shows its (empty) statement
    qtbot.keyClick(panel.payouts_view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.selected() == ("R1", "2026-02"))
    assert statement.rowCount() == 0


def test_the_draw_balance_column_shows_only_when_a_plan_has_a_recoverable_draw(qtbot, tmp_path):
    from test_draws import book_of as draw_book

    def balance_hidden(book, folder: str) -> bool:
        (tmp_path / folder).mkdir()
        window = open_window(qtbot, tmp_path / folder, book)
        window.tabs.setCurrentWidget(window.commissions)
        panel = window.commissions
        column = list(panel.payouts.frame.columns).index("draw_balance")
        return panel.payouts_view.isColumnHidden(column)

    # January earns 500.00 against a recoverable 2,000.00 draw: 1,500.00 carried
    assert not balance_hidden(draw_book([(500_000, "2026-01-10")], draws=[("A", 200_000, "yes")], as_of="2026-02-15"),
                              "draws")
    assert balance_hidden(draw_book([(500_000, "2026-01-10")], draws=[], as_of="2026-02-15"), "none")
