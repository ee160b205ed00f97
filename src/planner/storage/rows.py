"""Rows in and out of the SQL tables: the book's values as the database stores them, and back.

Money, ratios, integers and references are stored as integers, dates as ``YYYY-MM-DD`` text,
the user's extra columns as one JSON object per row, unresolved references as JSON (see
``layout.py``). Both directions work a column at a time (never a Python loop per cell where
it can be avoided); a read takes integer and day columns whole (``columnar.py``) and only
text row by row: a book of 100,000 deals is written in about a second and read in less.
"""

from __future__ import annotations

import json
from contextlib import closing
from collections.abc import Iterator
from itertools import chain

import numpy as np
import pandas as pd
import sqlalchemy as sa

from planner import __version__
from planner.core import schema
from planner.core.book import Book, Tables
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.dates import NOT_DATE, YEAR_RANGE, iso_days, parse_date
from planner.core.parse import NOT_INT
from planner.core.periods import parse_periods
from planner.core.problems import Problem
from planner.core.schema import ROW_ID, Kind
from planner.core.teams import TEAM_TEXT_COLUMNS, teams_from_text
from planner.storage import columnar, dialects
from planner.storage.layout import (FORMAT, META_TABLE, SCHEMA_VERSION, TEAMS_SINCE, added_after, create_table,
                                    TABLES, extra_kinds, is_team_text, layout_of, stored_columns, tables_of)

_NOT_STORED_NUMBER = QT_TRANSLATE_NOOP("errors", "{value!r} is not a number")
_DAMAGED_TABLE = QT_TRANSLATE_NOOP("errors", "{path} is damaged (table {table}: {reason}); open a backup copy")
_TOO_LARGE = QT_TRANSLATE_NOOP("errors", "{value!r} is too large for Planner")


# -- writing ----------------------------------------------------------------------------------
def write_all(connection: sa.Connection, book: Tables, revision: int, version: int = SCHEMA_VERSION) -> None:
    """Create the tables of format ``version`` and the metadata, and fill them with ``book``
    (inside the caller's transaction)."""
    created = {table.name: table for table in tables_of(version)}
    for table in created.values():
        create_table(connection, table)
    next_id = 1
    for name in schema.TABLES:
        frame = book._frames[name]
        if name in created:
            unresolved = book._unresolved.get(name, {})
            if version < TEAMS_SINCE:
                frame, unresolved = _team_as_text(book, name, frame, unresolved)
            dialects.bulk_insert(connection, created[name], stored_rows(
                name, frame, book._positions[name], revision, unresolved, version))
        if len(frame):
            next_id = max(next_id, int(frame.index.max()) + 1)
    connection.execute(META_TABLE.insert(), [
        {"key": "format", "value": FORMAT},
        {"key": "schema_version", "value": str(version)},
        {"key": "revision", "value": str(revision)},
        {"key": "next_row_id", "value": str(next_id)},
        {"key": "written_by", "value": f"Planner {__version__}"},
        {"key": "extra_columns", "value": extra_columns(book)},
    ])


def _team_as_text(book: Tables, name: str, frame: pd.DataFrame, unresolved: dict) -> tuple[pd.DataFrame, dict]:
    """A table as formats 2 to 4 hold it: a team as its name (a team's text that named no
    team as typed), for the migration steps written before teams were rows."""
    columns = [column for table, column in TEAM_TEXT_COLUMNS if table == name]
    if not columns:
        return frame, unresolved
    names = book._frames["Teams"]["name"]
    frame = frame.copy()
    for column in columns:
        typed = pd.Series(unresolved.get(column, {}), dtype="string")
        frame[column] = frame[column].map(names).astype("string").fillna(typed)
    return frame, {column: texts for column, texts in unresolved.items() if column not in columns}


def extra_columns(book: Tables) -> str:
    """The user's extra columns of every table with their kinds, as the metadata records them."""
    return json.dumps({name: [[column, schema.extra_kind(book._frames[name][column])]
                              for column in schema.extras(spec, book._frames[name])]
                       for name, spec in schema.TABLES.items()}, ensure_ascii=False)


def stored_rows(name: str, frame: pd.DataFrame, positions: np.ndarray, revision: int,
                unresolved: dict[str, dict[int, str]], version: int = SCHEMA_VERSION) -> list[tuple]:
    """Rows of ``frame`` as the tuples the SQL table of format ``version`` stores, vectorized per column."""
    spec = schema.TABLES[name]
    columns = [frame.index.to_numpy(dtype="int64").tolist(), positions.astype(float).tolist(),
               [revision] * len(frame)]
    columns += [_stored(frame[c.name], c.kind) for c in stored_columns(spec, version)]
    extras = schema.extras(spec, frame)
    columns.append(_extra_json(frame, extras) if extras else [None] * len(frame))
    columns.append(_unresolved_json(frame.index, unresolved))
    return list(zip(*columns))


def _stored(values: pd.Series, kind: Kind) -> list:
    """Column values as the Python objects the database stores (None for missing)."""
    missing = values.isna().to_numpy()
    if kind is Kind.DATE:
        # a book holds a few thousand distinct days at most: format each once
        codes, days = pd.factorize(values)
        out = np.append(np.asarray(days.strftime("%Y-%m-%d"), dtype=object), None)[codes]
    elif kind in schema.INTEGER_KINDS:
        out = values.to_numpy(dtype=object, na_value=None)
        return out.tolist()
    else:
        out = values.astype("string").to_numpy(dtype=object, na_value=None)
    out[missing] = None
    return out.tolist()


def _extra_json(frame: pd.DataFrame, extras: list[str]) -> list:
    columns = {}
    for name in extras:
        values = frame[name]
        kind = schema.extra_kind(values)
        if kind == "date":
            columns[name] = _stored(values, Kind.DATE)
        elif kind == "number":
            columns[name] = [None if v is None or pd.isna(v) else int(v) if isinstance(v, (int, np.integer))
                             else float(v) for v in values.to_numpy(dtype=object, na_value=None)]
        else:
            columns[name] = _stored(values, Kind.TEXT)
    out = []
    for cells in zip(*columns.values()):
        row = {name: value for name, value in zip(columns, cells) if value is not None}
        out.append(json.dumps(row, ensure_ascii=False) if row else None)
    return out


def _unresolved_json(ids: pd.Index, unresolved: dict[str, dict[int, str]]) -> list:
    if not any(unresolved.values()):
        return [None] * len(ids)
    out = []
    for row in ids.tolist():
        cells = {column: texts[row] for column, texts in unresolved.items() if row in texts}
        out.append(json.dumps(cells, ensure_ascii=False) if cells else None)
    return out


# -- reading ----------------------------------------------------------------------------------
def read_all(connection: sa.Connection, meta: dict[str, str], name: str) -> Book:
    """The whole book (format 2 or later) with each row's id, position and version; a stored
    value that does not fit its column is kept out and reported as a problem."""
    kinds = extra_kinds(meta)
    frames, positions, versions, unresolved, opened = {}, {}, {}, {}, {}
    version = int(meta["schema_version"])
    absent = added_after(version)
    for table_name, spec in schema.TABLES.items():
        if table_name in absent and not sa.inspect(connection).has_table(table_name):
            frames[table_name], positions[table_name] = spec.empty(), np.empty(0)
            versions[table_name], unresolved[table_name] = pd.Series(dtype="int64"), {}
            continue
        try:
            _read_table(connection, table_name, spec, kinds, frames, positions, versions, unresolved, opened,
                        version)
        except (ValueError, TypeError, AttributeError, KeyError) as error:
            raise PlannerError(_DAMAGED_TABLE, path=name, table=table_name,
                               reason=str(error).splitlines()[0][:120] or type(error).__name__) from None
    next_id = max([int(meta.get("next_row_id", "1"))] + [int(f.index.max()) + 1 for f in frames.values() if len(f)])
    if version < TEAMS_SINCE:  # teams were text: the Teams rows they imply (written by the format-5 step)
        next_id = teams_from_text(frames, unresolved, next_id)
        positions["Teams"] = np.arange(1, len(frames["Teams"]) + 1, dtype="float64")
        versions["Teams"] = pd.Series(int(meta.get("revision", "0")), index=frames["Teams"].index, dtype="int64")
    book = Book.restored(frames, positions, unresolved, {}, versions, next_id)
    book.stored_revision = int(meta.get("revision") or 0)
    # place the stored-value problems now that rows can be located
    book._opened_problems = {key: book.problem(p.table, p.row, p.column, p.template, **p.fields)
                             for key, p in opened.items()}
    return book


READ_CHUNK = 250_000  # rows read at a time: typed columns grow, tuples come and go


def _read_table(connection, name, spec, kinds, frames, positions, versions, unresolved, opened, version) -> None:
    """Read one SQL table into the book's pieces (its frame, positions, versions, ...) as a
    book of format ``version`` stores it."""
    # every column the format stores (a table newer than the format, already there: as this
    # Planner lays it out)
    wanted = [column.name for column in layout_of(version).get(name, TABLES[name]).columns]
    kind_of = {column.name: Kind.TEXT if is_team_text(name, column.name, version) else column.kind
               for column in spec.columns if column.name in wanted}
    integers = ["row_id", "_version"] + [c for c, kind in kind_of.items() if kind in schema.INTEGER_KINDS]
    days = [c for c, kind in kind_of.items() if kind is Kind.DATE]
    others = [c for c in wanted if c not in integers and c not in days and c != "_position"]
    whole = columnar.read(connection, name, integers, days, others)
    if whole is None:  # a cell not in its stored form: row by row, where it is reported
        with _fetched(connection, name, wanted) as fetched:
            chunks = [_frame(name, spec, kinds, _raw(names, rows), opened, unresolved, version)
                      for names, rows in fetched]
    else:
        raw = {**whole.integers, **whole.days, "_position": whole.positions}
        raw.update(_other_columns(connection, name, whole, others))
        chunks = [_frame(name, spec, kinds, raw, opened, unresolved, version)]
    frame, place, version_of = chunks[0] if len(chunks) == 1 else (
        pd.concat([c[0] for c in chunks]), *(np.concatenate([c[n] for c in chunks]) for n in (1, 2)))
    order = np.argsort(place, kind="stable")
    frames[name] = frame.iloc[order]
    positions[name] = place[order]
    versions[name] = pd.Series(version_of, index=frame.index)


def _fetched(connection, name: str, columns: list[str]) -> closing[Iterator[tuple[list[str], list[tuple]]]]:
    """The rows of ``columns``, a chunk at a time (4 million history rows as Python tuples
    would take 1.5 GB), in a ``with``: its cursor closed at once, on error too."""
    sql = "SELECT " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{name}"'
    return closing(dialects.fetch_chunks(connection, sql, READ_CHUNK))


def _raw(names: list[str], rows: list[tuple]) -> dict[str, np.ndarray]:
    """Rows as one object array per column."""
    # one 2-D object array, then a column per slice: much faster than transposing tuples; its
    # cells streamed, not shaped by np.array (which looks into every tuple: 3× slower)
    grid = np.fromiter(chain.from_iterable(rows), dtype=object, count=len(rows) * len(names)).reshape(
        len(rows), len(names))
    return {column: grid[:, n] for n, column in enumerate(names)}


def _other_columns(connection, name: str, whole: columnar.Columns, others: list[str]) -> dict[str, np.ndarray]:
    """The text and JSON columns of a table read whole, in its rows' order; a column with no
    filled cell is not fetched."""
    ids = whole.integers["row_id"].to_numpy("int64")
    raw = {column: np.full(len(ids), None, dtype=object) for column in others}
    filled = [column for column in others if whole.filled[column]]
    if not filled:
        return raw
    with _fetched(connection, name, ["row_id"] + filled) as fetched:
        parts = [_raw(names, rows) for names, rows in fetched]
    read = {column: np.concatenate([part[column] for part in parts]) for column in ["row_id"] + filled}
    at = pd.Index(read["row_id"].astype("int64")).get_indexer(ids)  # the same scan: the same order, but made sure
    if (at < 0).any():
        raise ValueError("rows changed while read")
    return raw | {column: read[column][at] for column in filled}


def _frame(name, spec, kinds, raw, opened, unresolved, version) -> tuple:
    """Rows of a table, as one array per stored column: their frame (in the order read),
    positions and versions; their unreadable cells go to ``opened`` and their unresolved
    references to ``unresolved``."""
    ids = pd.Index(np.asarray(raw["row_id"]).astype("int64"), name=ROW_ID)
    data = {}
    for column in spec.columns:
        if column.name not in raw:  # a column a later format added: empty
            data[column.name] = pd.Series(None, index=ids, dtype=schema.DTYPES[column.kind])
            continue
        kind = Kind.TEXT if is_team_text(name, column.name, version) else column.kind
        data[column.name], bad = _column(raw[column.name], kind, ids)
        for row, value in bad:
            opened[(name, row, column.name)] = Problem(name, row, column.name, *_unreadable(column, value))
    frame = pd.DataFrame(data, index=ids)
    if kinds.get(name):
        cells = [json.loads(text) if text else {} for text in raw["_extra"]]
        cells = [cell if isinstance(cell, dict) else {} for cell in cells]
        extras = {column: _extra_values(cells, column, kind, ids) for column, kind in kinds[name]}
        frame = pd.concat([frame, pd.DataFrame(extras, index=ids)], axis=1)  # at once: a column at a time
        # fragments the frame (pandas warns from 100 columns on, and each insert copies it)
    mine = unresolved.setdefault(name, {})
    texts = raw["_unresolved"]
    for row, text in zip(ids[np.not_equal(texts, None)].tolist(), texts[np.not_equal(texts, None)]):
        if text:
            cells = json.loads(text)
            for column, value in (cells.items() if isinstance(cells, dict) else ()):
                if column in spec.names and spec.column(column).kind is Kind.REF:
                    mine.setdefault(column, {})[row] = str(value)
    return frame, np.asarray(raw["_position"], dtype="float64"), np.asarray(raw["_version"], dtype="int64")


def _column(values, kind: Kind, ids: pd.Index) -> tuple[pd.Series, list]:
    """A stored column as the book holds it, and the (row id, value) cells that do not fit."""
    if isinstance(values, (pd.arrays.IntegerArray, np.ndarray)) and values.dtype != object:  # read whole: typed
        return pd.Series(values, index=ids), []
    if kind is Kind.DATE:
        series = pd.Series(values, index=ids, dtype="object")
        days, bad = iso_days(series)
        return days, [(int(r), v) for r, v in series[bad].items()]
    if kind in schema.INTEGER_KINDS:
        if set(map(type, values)) <= {int, type(None)}:  # the usual case, checked in C
            missing = np.equal(values, None)
            try:  # a whole column at once: no per-cell coercion
                numbers = np.where(missing, 0, values).astype("int64")
            except OverflowError:  # beyond 64 bits: found one by one below
                pass
            else:
                return pd.Series(pd.arrays.IntegerArray(numbers, missing), index=ids), []
        out, bad = [], []
        for row, value in zip(ids.tolist(), values):
            number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
            if value is None or (number is not None and float(number).is_integer()
                                 and abs(number) <= schema.MAX_INTEGER):
                out.append(None if value is None else int(number))
            else:
                out.append(None)
                bad.append((row, value))
        return pd.Series(pd.array(out, dtype="Int64"), index=ids), bad
    if kind is Kind.PERIOD:  # canonical labels, however an older Planner stored them (2026Q1)
        return _column(values, Kind.TEXT, ids)[0].pipe(parse_periods)[0], []
    if set(map(type, values)) <= {str, type(None)}:
        return pd.Series(pd.array(values, dtype="string"), index=ids), []
    series = pd.Series(values, index=ids, dtype="object")
    return series.map(lambda v: v if v is None or isinstance(v, str) else str(v)).astype("string"), []


def _extra_values(cells: list[dict], column: str, kind: str, ids: pd.Index) -> pd.Series:
    values = [cell.get(column) for cell in cells]
    series = pd.Series(values, index=ids, dtype="object")
    if kind == "date":
        return iso_days(series)[0]
    if kind == "number":
        types = set(map(type, values))
        if types <= {int, type(None)}:  # whole numbers stay exact
            return pd.Series(values, index=ids, dtype="int64" if type(None) not in types else "Int64")
        return pd.to_numeric(series, errors="coerce")
    return series.astype("string")


def _unreadable(column: schema.Column, value) -> tuple[str, dict]:
    """What is wrong with a stored value that does not fit its column."""
    if column.kind is Kind.DATE:
        try:
            parse_date(value)
        except OverflowError:
            return YEAR_RANGE, {"value": value, "low": schema.FIRST_YEAR, "high": schema.LAST_YEAR}
        except (ValueError, TypeError):
            pass
        return NOT_DATE, {"value": value}
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return _TOO_LARGE, {"value": value}
    return (NOT_INT if column.kind in (Kind.INT, Kind.REF) else _NOT_STORED_NUMBER), {"value": value}
