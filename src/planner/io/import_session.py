"""The choices of one import in the wizard, without Qt: which sheet goes where, which header is
which column, a source's signature (to remember its mapping), and what a merge changes row by row.

The wizard keeps one explicit :class:`~planner.io.mapping.Mapping`: every sheet's table and
every header's column are written into it, so what the user sees is what is read and what
"Save mapping" writes (the format ``planner import --mapping`` reads).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import pandas as pd

from planner.core import kinds, schema
from planner.core.changes import Batch, InsertRows, SetValues
from planner.core.money import currency_of
from planner.io.mapping import DERIVED, EXTRA, SKIP, Mapping, guess_columns, is_order_log, normalize, targets_of


def targets(table: str) -> list[str]:
    """The columns a header of a sheet of ``table`` may go to: the table's own, then (Deals)
    the derived source columns the import understands."""
    return list(schema.TABLES[table].names) + (list(DERIVED) if table == "Deals" else [])


def explicit(previews: list, mapping: Mapping | None = None) -> Mapping:
    """``mapping`` completed with every sheet's table and every header's column, as the
    previews guessed them where ``mapping`` says nothing.

    Parameters
    ----------
    previews : list of SourcePreview
        What :func:`planner.io.excel_import.preview` returned.
    mapping : Mapping, optional
        Saved or remembered choices (win over the previews' guesses).
    """
    given = mapping or Mapping()
    made = Mapping(date_order=given.date_order, date_system=given.date_system, currency=given.currency,
                   stages=dict(given.stages), owners=dict(given.owners))
    for source in previews:
        known, table = given.table_of(source.source)
        if not known:
            table = source.table
        made.tables[source.source] = table
        if table is not None:
            made.columns.setdefault(table, {}).update(guess_columns(source.headers, table, given))
    return made


def set_table(mapping: Mapping, source, table: str | None) -> None:
    """Send ``source`` (a SourcePreview) to ``table`` (None: skip it); its headers get the
    mapping's columns for that table, else guessed ones."""
    mapping.tables[source.source] = table
    if table is not None:
        mapping.columns.setdefault(table, {}).update(guess_columns(source.headers, table, mapping))


def set_column(mapping: Mapping, source, header: str, target) -> None:
    """Map ``header`` of ``source`` to ``target`` (a column, a tuple of columns it fills at once,
    ``EXTRA`` or ``SKIP``). A column takes one header of a sheet: another header of the sheet
    that had it gives it up (and becomes the user's own when it fills nothing else)."""
    table = mapping.tables.get(source.source)
    if table is None:
        return
    columns = mapping.columns.setdefault(table, {})
    taken = set(targets_of(target))
    for other in source.headers:
        had = targets_of(column_of(mapping, table, other))
        if other != header and taken & set(had):
            kept = tuple(column for column in had if column not in taken)
            columns[_key(columns, other)] = kept if len(kept) > 1 else kept[0] if kept else EXTRA
    if isinstance(target, tuple) and len(target) == 1:
        target = target[0]
    columns[_key(columns, header)] = target


def column_of(mapping: Mapping, table: str | None, header: str) -> str | None:
    """Where ``header`` goes for ``table`` in ``mapping`` (``EXTRA`` when it says nothing)."""
    if table is None:
        return SKIP
    return mapping.column_of(table, header)[1]


def order_log(mapping: Mapping, source) -> bool:
    """Whether ``source`` (a SourcePreview) is read as an order log with ``mapping``."""
    return mapping.tables.get(source.source) == "Deals" and \
        is_order_log(column_of(mapping, "Deals", header) for header in source.headers)


def _key(columns: dict, header: str) -> str:
    """The key ``columns`` already uses for ``header`` (headers match by their normal form)."""
    wanted = normalize(header)
    return next((key for key in columns if normalize(key) == wanted), header)


def signature(previews: list) -> str:
    """What identifies a kind of source whatever its file is called: its sheets' names and
    headers (a CSV's name is left out: exports are often named by their date)."""
    parts = sorted([source.sheet or "", [normalize(h) for h in source.headers]] for source in previews)
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def stage_choices(book, result) -> list[str]:
    """The stages an unknown stage name may be mapped to: the book's (when merging into one)
    and those of the files' own Stages sheet, in order."""
    names: list[str] = []
    if book is not None:
        names += [str(name) for name in book["Stages"]["stage"].dropna()]
    stages = result.frames.get("Stages")
    if stages is not None and "stage" in stages:
        made = result.made.get("Stages", set())
        names += [str(name) for name in stages["stage"].dropna() if name not in made]
    return list(dict.fromkeys(names))


# -- what a merge changes --------------------------------------------------------------------
@dataclass
class ChangedRow:
    """One row a merge changes: its table, its key as the user knows it, and per changed
    column the value before and after (as text)."""

    table: str
    key: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)  # (column, before, after)


def changed_rows(book, change, limit: int = 20, table: str | None = None) -> list[ChangedRow]:
    """The first ``limit`` rows whose values ``change`` sets, with their changed columns.

    Parameters
    ----------
    book : Book
        The book the change is planned against (before it is applied).
    change : Change
        What :func:`planner.io.excel_import.plan_merge` returned.
    table : str, optional
        Only the rows of this table (``planner import --into`` shows the first ones of each).
    """
    parts = list(change.changes) if isinstance(change, Batch) else [change]
    keys = _keys(book, parts)
    rows: dict[tuple[str, int], ChangedRow] = {}
    for part in parts:
        if not isinstance(part, SetValues) or (table is not None and part.table != table):
            continue
        spec = schema.TABLES.get(part.table)
        current = book[part.table]
        for row_id, values in part.values.iterrows():
            entry = rows.get((part.table, row_id))
            if entry is None:
                if len(rows) >= limit:
                    break
                entry = rows[(part.table, row_id)] = ChangedRow(part.table, _row_key(book, part.table, row_id, keys))
            for column, after in values.items():
                before = current.at[row_id, column] if column in current else None
                entry.cells.append((column, _text(book, spec, column, before, current, row_id, keys),
                                    _text(book, spec, column, after, current, row_id, keys)))
    return list(rows.values())


def _keys(book, parts: list) -> dict[str, pd.Series]:
    """Table → the user's id of each row by row id: the book's rows and those the change
    inserts (a stage or rep a merge adds is named, never shown as an internal id)."""
    keys: dict[str, pd.Series] = {}
    for name, spec in schema.TABLES.items():
        if spec.key and spec.column(spec.key[0]).kind is not schema.Kind.REF:
            keys[name] = book[name][spec.key[0]]
    for part in parts:
        if isinstance(part, InsertRows) and part.table in keys and keys[part.table].name in part.rows:
            keys[part.table] = pd.concat([keys[part.table], part.rows[keys[part.table].name]])
    return keys


def _row_key(book, table: str, row_id: int, keys: dict[str, pd.Series]) -> str:
    """A row by its key as the user knows it (``D-00975``, ``D-00096 · G05``)."""
    spec = schema.TABLES[table]
    frame = book[table]
    if not spec.key or row_id not in frame.index:
        return ""
    parts = []
    for name in spec.key:
        value = frame.at[row_id, name] if name in frame else None
        column = spec.column(name)
        if column.kind is schema.Kind.REF and pd.notna(value):
            value = keys.get(column.ref, pd.Series(dtype="object")).get(int(value))
        parts.append("" if value is None or pd.isna(value) else str(value))
    return " · ".join(parts)


def _text(book, spec, column: str, value, frame: pd.DataFrame, row_id: int, keys: dict[str, pd.Series]) -> str:
    """A cell as the user reads it (:func:`planner.core.kinds.text`): money in its row's
    currency, references by the key of the row they name."""
    if isinstance(value, (list, tuple)):
        return str(value)
    column_spec = spec.column(column) if spec is not None and column in spec.names else None
    if column_spec is None:
        return kinds.text(None, value)
    currency = currency_of(book)
    own = column_spec.currency_column
    if own and own in frame and pd.notna(frame.at[row_id, own]):
        currency = str(frame.at[row_id, own]).upper()
    labels = keys.get(column_spec.ref, pd.Series(dtype="object")) if column_spec.ref else None
    return kinds.text(column_spec.kind, value, currency, labels)
