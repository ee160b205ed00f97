"""The Backtest sheet of an export (no Qt): each forecast method replayed on the book as it stood
on the first day of each of the last twelve full months before its as_of (core/backtest.py,
lead 0), judged against what was won in the month, as ``planner backtest`` and the Forecast tab
judge it: a table of accuracy per method per month with a native line chart whose series point
at it, the summary per method (average accuracy, bias, MAPE, times best) and the stage
calibration (core/calibration.py). A book with no past month in which anything was won gets a
one-line note in place of the backtest. A mixin of
:class:`planner.io.export_workbook._WorkbookWriter`.
"""

from __future__ import annotations

from planner.core import kinds
from planner.core.backtest import BACKTEST_LINES, BACKTEST_METHODS, backtest, default_range
from planner.core.calibration import CALIBRATION, calibration
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.forecast_accuracy import COMPUTED_METHODS
from planner.core.periods import Period
from planner.io.export_dashboard import FONT

SHEET = "Backtest"
MONTHS = 12  # the full months before as_of that are replayed
COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#70AD47", "#7030A0")  # one per method

TITLE = QT_TRANSLATE_NOOP("charts", "Backtest: {first} to {last}, as of {date}")
NOTE = QT_TRANSLATE_NOOP("charts", "Each method's forecast made on the book as it stood on the month's first day, "
                                   "against what was won in the month (accuracy 1 − |forecast − actual| ÷ actual; "
                                   "amounts of that day); then each stage's probability beside its observed win rate.")
TITLE_NONE = QT_TRANSLATE_NOOP("charts", "Backtest, as of {date}")
NOTHING_WON = QT_TRANSLATE_NOOP("charts", "No month before the book's date has anything won: no forecast method can "
                                          "be judged yet. Each stage's probability beside its observed win rate:")
CHART = QT_TRANSLATE_NOOP("charts", "Forecast accuracy by month (made on the month's first day)")
ACCURACY = QT_TRANSLATE_NOOP("charts", "Accuracy")

_LINE = {column.name: column for column in BACKTEST_LINES.columns}
_METHOD = {column.name: column for column in BACKTEST_METHODS.columns}
_STAGE = {column.name: column for column in CALIBRATION.columns}
SUMMARY_COLUMNS = ("method", "periods", "accuracy", "bias", "mape", "best")
CALIBRATION_COLUMNS = ("stage", "probability", "observed", "low", "high", "reached", "won", "lost", "open")


def backtest_months(book) -> tuple[Period, Period] | None:
    """The months the export replays: the last :data:`MONTHS` full months before the book's
    as_of, from the month after its first deal was created at the earliest (``None``: no
    such month, or no dated deal)."""
    try:
        first, _last = default_range(book, "month")
    except PlannerError:  # no deal with a created or closed date
        return None
    last = Period.containing(book.as_of, "month").shifted(-1)
    first = max(first, last.shifted(1 - MONTHS), key=lambda period: period.start)
    return None if first.start > last.start else (first, last)


class _BacktestSheet:
    def _write_backtest(self) -> None:
        book, as_of = self.snapshot, self.snapshot.as_of.isoformat()
        t = lambda text: self.translate("charts", text)  # noqa: E731 - as export_dashboard
        months = backtest_months(book)
        result = backtest(book, *months, leads=(0,)) if months is not None else None
        blocks = [self._calibration_block()]
        if result is None or not len(result.methods):
            self._write_blocks(SHEET, t(TITLE_NONE).format(date=as_of), t(NOTHING_WON), blocks)
            return
        blocks[:0] = [self._accuracy_block(result, t), self._backtest_summary_block(result)]
        self._write_blocks(SHEET, t(TITLE).format(first=result.first.label, last=result.last.label, date=as_of),
                           t(NOTE), blocks)

    def _backtest_header(self, column) -> str:
        return self.translate("schema", column.label)

    def _accuracy_block(self, result, t) -> dict:
        """A row per month: each method's accuracy, and what was won (the actual)."""
        lines = result.lines
        accuracy = lines.pivot(index="period", columns="method", values="accuracy")
        actual = lines.groupby("period", sort=False)["actual"].first()
        periods = list(dict.fromkeys(lines["period"]))
        rows = [[period, *(accuracy.at[period, method] for method in COMPUTED_METHODS),
                 actual[period]] for period in periods]
        methods = [kinds.label(method, self.translate) for method in COMPUTED_METHODS]

        def chart(ref, name):
            line = self.workbook.add_chart({"type": "line"})
            for position, colour in enumerate(COLOURS, start=1):
                line.add_series({"name": name(position), "categories": ref(0), "values": ref(position),
                                 "line": {"color": colour, "width": 2}, "marker": {"type": "circle", "size": 5,
                                 "fill": {"color": colour}, "border": {"color": colour}}})
            line.set_title({"name": t(CHART), "name_font": FONT})
            line.set_x_axis({"num_font": {**FONT, "rotation": -45}, "label_position": "low"})
            line.set_y_axis({"num_format": "0%", "num_font": FONT, "name": t(ACCURACY), "name_font": FONT,
                             "major_gridlines": {"visible": True}})
            return line
        header = self._backtest_header
        return {"headers": [header(_LINE["period"]), *methods, header(_LINE["actual"])],
                "kinds": ["text", *["percent"] * len(methods), "money"], "rows": rows, "chart": chart,
                "width": 760, "height": 400, "break": False}  # the whole sheet is one page

    def _backtest_summary_block(self, result) -> dict:
        """Per method, most accurate first: as ``planner backtest`` prints it."""
        summary = result.methods
        rows = [[kinds.label(row["method"], self.translate), *(row[key] for key in SUMMARY_COLUMNS[1:])]
                for _, row in summary.iterrows()]
        return {"headers": [self._backtest_header(_METHOD[key]) for key in SUMMARY_COLUMNS],
                "kinds": ["text", "int", "percent", "percent", "percent", "int"], "rows": rows,
                "chart": lambda ref, name: None, "height": 0, "break": False}

    def _calibration_block(self) -> dict:
        stages = calibration(self.snapshot)
        rows = [[row[key] for key in CALIBRATION_COLUMNS] for _, row in stages.iterrows()]
        return {"headers": [self._backtest_header(_STAGE[key]) for key in CALIBRATION_COLUMNS],
                "kinds": ["text", *["percent"] * 4, *["int"] * 4], "rows": rows,
                "chart": lambda ref, name: None, "height": 0, "break": False}
