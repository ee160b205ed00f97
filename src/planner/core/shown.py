"""Where the engine's row ids meet the user's keys.

The engine computes on row ids end to end (deal facts, credit lines, attainment, commission
lines, the figures per rep and team): a rep, a team or a plan is the row id of its row. What a
person reads names them as the book does (decisions.md, "References"): a rep by its own id
(``S02``) with its name beside it, a team and a plan by their names. :func:`shown` is that
join, made once per computed table for the report's JSON, the command line, exports and views.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.money import format_ratio
from planner.core.resolve import book_row_positions

# computed columns holding row ids -> (the table referred to, the column that names the row)
_NAMED_BY = {"rep": ("Reps", "id"), "team": ("Teams", "name"), "plan": ("Plans", "plan")}


def shown(book, frame: pd.DataFrame, spec: schema.Table) -> pd.DataFrame:
    """``frame`` (a computed table whose ``rep``, ``team`` and ``plan`` hold row ids) in
    ``spec``'s columns as the user reads it: each of those by the user's key of its row, and a
    rep's ``name`` beside its id. The index (row ids, or positions) is kept."""
    out, rows = {}, {}  # (each reference column's rows found once: a rep's id and name read the same)

    def named(column: str, table: str, title: str) -> pd.arrays.StringArray:
        if column not in rows:
            rows[column] = book_row_positions(book, table, frame[column])
        return _named(book, rows[column], table, title)

    for column in spec.names:
        if column in _NAMED_BY and column in frame:
            out[column] = named(column, *_NAMED_BY[column])
        elif column == "name" and column not in frame:  # a rep's name beside its id
            out[column] = named("rep", "Reps", "name")
        else:
            out[column] = frame[column].array  # the frame's own index: nothing to align
    return pd.DataFrame(out, index=frame.index, copy=False)


def _named(book, ids: pd.Series | np.ndarray, table: str, title: str) -> pd.arrays.StringArray:
    """The name (``title`` of ``table``) of each row id (missing for a missing or unknown id), as
    text; ``ids`` as a Series of row ids, or as positions in ``table`` found already."""
    at = book_row_positions(book, table, ids) if isinstance(ids, pd.Series) else ids
    return names_of(book, table, title)[1].take(at, allow_fill=True)


def names_of(book, table: str, title: str) -> tuple[pd.Index, pd.arrays.StringArray]:
    """The row ids of ``table`` and their ``title`` as text, once per revision of those."""
    def build() -> tuple[pd.Index, pd.arrays.StringArray]:
        names = book[table][title]
        return names.index, names.astype("string").array
    return book.cached(("names", table, title), build, depends={table: (title,)})


def shown_statement(book, lines: pd.DataFrame) -> pd.DataFrame:
    """Statement ``lines`` (of :func:`statements`) as people read them, in ``schema.STATEMENT``'s
    columns after ``rep`` (the rep's own id) and ``period``: each deal by its own id and name,
    a tier line's tier (a lift's: the tier reached), a bonus as the attainment range it pays
    for (``50%–100%``, ``≥ 150%``) and a SPIFF by its description (else its product and deal type)."""
    from planner.core.adjustments import no_text

    def label_of(column: str, table: str) -> np.ndarray:
        """Each line's label (a position in ``labels``) by its ``table`` row id in ``column``
        (-1: none, or no such column)."""
        if column not in lines:
            return np.full(len(lines), -1)
        return label_at[table][book_row_positions(book, table, lines[column])]  # (-1, no row: the last slot, none)

    def text(column: str) -> pd.arrays.StringArray:  # an adjustment's (core/adjustments.py)
        return lines[column].astype("string").array if column in lines else no_text(len(lines))

    # the tier column: the tier's range, else the bonus's threshold, else the SPIFF's name
    label_at, labels = _line_labels(book)
    tier, bonus = label_of("tier", "PlanTiers"), label_of("bonus", "PlanBonuses")
    label = np.where(tier >= 0, tier, np.where(bonus >= 0, bonus, label_of("spiff", "Spiffs")))
    deal = book_row_positions(book, "Deals", lines["deal"]) if "deal" in lines else np.full(len(lines), -1)
    return pd.DataFrame({
        "rep": _named(book, lines["rep"], "Reps", "id"), "period": lines["period"].astype("string").array,
        "line": lines["line"].to_numpy(), "deal": _named(book, deal, "Deals", "id"),
        "deal_name": _named(book, deal, "Deals", "name"), "rule": lines["rule"].astype("string").array,
        "tier": labels.take(label, allow_fill=True), "rate": lines["rate"].array, "base": lines["base"].array,
        "amount": pd.array(lines["amount"].to_numpy(dtype="int64"), dtype="Int64"),
        "adjusts": text("adjusts"), "reason": text("reason"),
    }, index=lines.index)


def _line_labels(book) -> tuple:
    """What names a tier (its attainment range), a bonus (its threshold) and a SPIFF (its
    description, else its product and deal type) on a statement line: per table, the label of
    each row (a position in the labels, -1 for none; a last slot for no row), and the labels
    one after the other as text; once per revision."""
    def build() -> tuple:
        tiers, bonuses, spiffs = book["PlanTiers"], book["PlanBonuses"], book["Spiffs"]
        ranges = pd.Series({int(i): (f"≥ {format_ratio(start)}" if pd.isna(end)
                                     else f"{format_ratio(start)}–{format_ratio(end)}")
                            for i, start, end in zip(tiers.index, tiers["from"], tiers["to"]) if not pd.isna(start)},
                           dtype="string")
        thresholds = pd.Series({int(i): f"≥ {format_ratio(start)}" for i, start in zip(bonuses.index, bonuses["from"])
                                if not pd.isna(start)}, dtype="string")
        spiff_names = pd.Series({int(i): str(text) for i, text in zip(spiffs.index, spiffs["description"].fillna(
            spiffs["product"].fillna("").str.cat(spiffs["deal_type"].fillna(""), sep=" ").str.strip()))},
            dtype="string")
        parts = {"PlanTiers": ranges, "PlanBonuses": thresholds, "Spiffs": spiff_names}
        labels = pd.array([text for names in parts.values() for text in names.tolist()], dtype="string")
        label_at, first = {}, 0
        for table, names in parts.items():
            rows = book[table].index
            label_at[table] = np.full(len(rows) + 1, -1, dtype=np.intp)
            label_at[table][rows.get_indexer(pd.Index(names.index, dtype="int64"))] = first + np.arange(len(names))
            first += len(names)
        return label_at, labels
    return book.cached("statement_line_labels", build, depends=())  # PlanTiers, PlanBonuses, Spiffs
