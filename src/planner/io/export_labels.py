"""The words people read in an export (no Qt): the computed sheets' headers, the Summary's figures
and notes, marked for translation and passed through the export's ``translate(context, text)``
(the app gives ``QCoreApplication.translate``; the command line writes English).

Column headers and figures are in the ``schema`` context (the labels the app's grids show);
sentences are in the ``export`` context. The input sheets keep their column codes (``amount``):
they must import back.
"""

from __future__ import annotations

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP

# Headers of the computed sheets (the grids' columns), by key.
HEADERS = {
    "rep": QT_TRANSLATE_NOOP("schema", "Rep ID"),
    "name": QT_TRANSLATE_NOOP("schema", "Name"),
    "team": QT_TRANSLATE_NOOP("schema", "Team"),
    "plan": QT_TRANSLATE_NOOP("schema", "Plan"),
    "period": QT_TRANSLATE_NOOP("schema", "Period"),
    "month": QT_TRANSLATE_NOOP("schema", "Month"),
    "stage": QT_TRANSLATE_NOOP("schema", "Stage"),
    "from": QT_TRANSLATE_NOOP("schema", "From"),
    "until": QT_TRANSLATE_NOOP("schema", "Until"),
    "quota": QT_TRANSLATE_NOOP("schema", "Quota"),
    "quota_reps": QT_TRANSLATE_NOOP("schema", "Quota (reps)"),
    "credited": QT_TRANSLATE_NOOP("schema", "Credited"),
    "attainment": QT_TRANSLATE_NOOP("schema", "Attainment"),
    "target": QT_TRANSLATE_NOOP("schema", "Target"),
    "commission": QT_TRANSLATE_NOOP("schema", "Commission"),
    "bonus": QT_TRANSLATE_NOOP("schema", "Bonus"),
    "total": QT_TRANSLATE_NOOP("schema", "Total"),
    "line": QT_TRANSLATE_NOOP("schema", "Line"),
    "method": QT_TRANSLATE_NOOP("schema", "Method"),
    "from_attainment": QT_TRANSLATE_NOOP("schema", "From attainment"),
    "to_attainment": QT_TRANSLATE_NOOP("schema", "To attainment"),
    "base": QT_TRANSLATE_NOOP("schema", "Base"),
    "rate": QT_TRANSLATE_NOOP("schema", "Rate"),
    "amount": QT_TRANSLATE_NOOP("schema", "Amount"),
    "won": QT_TRANSLATE_NOOP("schema", "Won"),
    "open_weighted": QT_TRANSLATE_NOOP("schema", "Open deals weighted"),
    "weighted": QT_TRANSLATE_NOOP("schema", "Stage-weighted"),
    "commit": QT_TRANSLATE_NOOP("schema", "Commit"),
    "best_case": QT_TRANSLATE_NOOP("schema", "Best case"),
    "pipeline": QT_TRANSLATE_NOOP("schema", "Won + all open deals expected"),
    "probability": QT_TRANSLATE_NOOP("schema", "Probability"),
    "count": QT_TRANSLATE_NOOP("schema", "Open deals"),
    "value": QT_TRANSLATE_NOOP("schema", "Open value"),
    "weighted_value": QT_TRANSLATE_NOOP("schema", "Weighted value"),
    "open_count": QT_TRANSLATE_NOOP("schema", "Open deals"),
    "open_value": QT_TRANSLATE_NOOP("schema", "Open value"),
    "won_count": QT_TRANSLATE_NOOP("schema", "Won deals"),
    "won_value": QT_TRANSLATE_NOOP("schema", "Won value"),
    "lost_count": QT_TRANSLATE_NOOP("schema", "Lost deals"),
    "win_rate": QT_TRANSLATE_NOOP("schema", "Win rate"),
    "deal_id": QT_TRANSLATE_NOOP("schema", "Deal ID"),
    "deal": QT_TRANSLATE_NOOP("schema", "Deal"),
    "rule": QT_TRANSLATE_NOOP("schema", "Rule"),
    "credit": QT_TRANSLATE_NOOP("schema", "Credit"),
    "before": QT_TRANSLATE_NOOP("schema", "Credited before"),
    "deal_row": QT_TRANSLATE_NOOP("schema", "Row in Deals"),
    "share": QT_TRANSLATE_NOOP("schema", "Share"),
    "closed": QT_TRANSLATE_NOOP("schema", "Closed"),
    "cancelled": QT_TRANSLATE_NOOP("schema", "Cancelled"),
    "order": QT_TRANSLATE_NOOP("schema", "Order (same day)"),
    # the Problems sheet
    "table": QT_TRANSLATE_NOOP("schema", "Sheet"),
    "row": QT_TRANSLATE_NOOP("schema", "Row"),
    "id": QT_TRANSLATE_NOOP("schema", "ID"),
    "column": QT_TRANSLATE_NOOP("schema", "Column"),
    "problem": QT_TRANSLATE_NOOP("schema", "Problem"),
}

# The Summary's figures, by the key of ``planner report --json``.
FIGURES = {
    "open_count": QT_TRANSLATE_NOOP("schema", "Open deals"),
    "open_value": QT_TRANSLATE_NOOP("schema", "Open value"),
    "weighted_value": QT_TRANSLATE_NOOP("schema", "Weighted value"),
    "created_count": QT_TRANSLATE_NOOP("schema", "Created deals"),
    "won_count": QT_TRANSLATE_NOOP("schema", "Won deals"),
    "won_value": QT_TRANSLATE_NOOP("schema", "Won value"),
    "lost_count": QT_TRANSLATE_NOOP("schema", "Lost deals"),
    "win_rate": QT_TRANSLATE_NOOP("schema", "Win rate"),
    "avg_won_deal": QT_TRANSLATE_NOOP("schema", "Average won deal"),
    "avg_cycle_days": QT_TRANSLATE_NOOP("schema", "Average sales cycle (days)"),
    "velocity_per_day": QT_TRANSLATE_NOOP("schema", "Velocity per day"),
    "forecast_won": QT_TRANSLATE_NOOP("schema", "Forecast: won"),
    "forecast_open_weighted": QT_TRANSLATE_NOOP("schema", "Forecast: open deals weighted"),
    "forecast_weighted": QT_TRANSLATE_NOOP("schema", "Forecast: stage-weighted"),
    "forecast_commit": QT_TRANSLATE_NOOP("schema", "Forecast: commit"),
    "forecast_best_case": QT_TRANSLATE_NOOP("schema", "Forecast: best case"),
    "forecast_pipeline": QT_TRANSLATE_NOOP("schema", "Forecast: won + all open deals expected"),
}

APP = QT_TRANSLATE_NOOP("export", "{label} (app)")  # the column of the value Planner computed
AGREES = QT_TRANSLATE_NOOP("export", "Agrees")


def column_label(table: str, column: str, translate) -> str:
    """The label the app shows for ``column`` of ``table`` (the header itself for the user's
    own columns), in the user's language."""
    spec = schema.TABLES.get(table)
    if spec is not None and column in spec.names:
        return translate("schema", spec.column(column).label)
    return column


def table_label(table: str, translate) -> str:
    spec = schema.TABLES.get(table)
    return translate("schema", spec.label) if spec is not None else table
