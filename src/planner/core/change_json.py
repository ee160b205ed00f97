"""The JSON form of a change: one text per change, read back to the same change cell for cell.

A change log, a recovery file or another writer's session can carry a change as text. The form
(version 1)::

    {"format": "planner-change", "version": 1, "change": NODE}
    NODE:  {"kind": "set_values",    "table": T, "values": FRAME, "unresolved": CELLS}
         | {"kind": "insert_rows",   "table": T, "rows": FRAME, "positions": [float] | null, "unresolved": CELLS}
         | {"kind": "delete_rows",   "table": T, "ids": [int]}
         | {"kind": "replace_table", "table": T, "frame": FRAME, "positions": [float] | null, "unresolved": CELLS}
         | {"kind": "batch", "changes": [NODE]}
    FRAME: {"index": COLUMN, "columns_dtype": D, "columns": [COLUMN]}
    COLUMN: {"name": str | int | null, "dtype": D, "values": [...]}
    CELLS: {column: [[row id, text], ...]}

Each column keeps its pandas dtype (``Int64`` money and references, ``datetime64[ns]`` dates,
``string`` text, and whatever a user's own column holds); a missing value is ``null``; a date
is ISO 8601 to the nanosecond; a float is its shortest exact decimal, ``"inf"``/``"-inf"`` for
infinities (the text is strict JSON: no NaN).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from planner.core.changes import Batch, Change, DeleteRows, InsertRows, ReplaceTable, SetValues
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

FORMAT, VERSION = "planner-change", 1
NOT_A_CHANGE = QT_TRANSLATE_NOOP("errors", "Not a change Planner can read: {detail}")
_FRAME_OF = {SetValues: "values", InsertRows: "rows", ReplaceTable: "frame"}
_KINDS = {SetValues: "set_values", InsertRows: "insert_rows", DeleteRows: "delete_rows",
          ReplaceTable: "replace_table", Batch: "batch"}


def change_to_json(change: Change) -> str:
    document = {"format": FORMAT, "version": VERSION, "change": _node(change)}
    return json.dumps(document, ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def change_from_json(text: str) -> Change:
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ValueError("no planner-change document")
        if document.get("version") != VERSION:
            raise ValueError(f"version {document.get('version')!r} (this Planner reads {VERSION})")
        return _change(document["change"])
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as error:
        detail = f"missing {error}" if isinstance(error, KeyError) else str(error)
        raise PlannerError(NOT_A_CHANGE, detail=detail) from None


# -- writing ----------------------------------------------------------------------------------
def _node(change: Change) -> dict:
    kind = _KINDS[type(change)]
    if isinstance(change, Batch):
        return {"kind": kind, "changes": [_node(part) for part in change.changes]}
    if isinstance(change, DeleteRows):
        return {"kind": kind, "table": change.table, "ids": [int(i) for i in np.asarray(change.ids)]}
    node = {"kind": kind, "table": change.table, _FRAME_OF[type(change)]: _frame(getattr(change, _FRAME_OF[type(change)]))}
    if not isinstance(change, SetValues):
        node["positions"] = None if change.positions is None else \
            [_float(p) for p in np.asarray(change.positions, dtype="float64")]
    node["unresolved"] = {str(column): [[int(row), str(text)] for row, text in cells.items()]
                          for column, cells in change.unresolved.items()}
    return node


def _frame(frame: pd.DataFrame) -> dict:
    return {"index": _column(frame.index.name, frame.index),
            "columns_dtype": str(frame.columns.dtype),
            "columns": [_column(name, frame.iloc[:, n]) for n, name in enumerate(frame.columns)]}


def _column(name, values) -> dict:
    dtype = values.dtype
    if not (name is None or isinstance(name, (str, int))):
        raise TypeError(f"column name {name!r}")
    return {"name": name if not isinstance(name, np.integer) else int(name), "dtype": str(dtype),
            "values": [None if _missing(v) else _value(v, dtype) for v in values.tolist()]}


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _value(value, dtype):
    if pd.api.types.is_bool_dtype(dtype) or isinstance(value, (bool, np.bool_)):
        return bool(value)
    if pd.api.types.is_integer_dtype(dtype) or isinstance(value, (int, np.integer)):
        return int(value)
    if pd.api.types.is_float_dtype(dtype) or isinstance(value, (float, np.floating)):
        return _float(value)
    if pd.api.types.is_datetime64_dtype(dtype):
        return pd.Timestamp(value).isoformat()
    if isinstance(value, str):
        return value
    raise TypeError(f"a value of type {type(value).__name__} in a column of dtype {dtype}")


def _float(value: float):
    value = float(value)
    return value if math.isfinite(value) else ("inf" if value > 0 else "-inf")


# -- reading ----------------------------------------------------------------------------------
def _change(node: dict) -> Change:
    kind = node["kind"]
    if kind == "batch":
        return Batch(tuple(_change(part) for part in node["changes"]))
    table = node["table"]
    if not isinstance(table, str):
        raise ValueError(f"table {table!r}")
    if kind == "delete_rows":
        return DeleteRows(table, np.asarray([int(i) for i in node["ids"]], dtype="int64"))
    cls = {"set_values": SetValues, "insert_rows": InsertRows, "replace_table": ReplaceTable}.get(kind)
    if cls is None:
        raise ValueError(f"unknown kind of change {kind!r}")
    frame = _read_frame(node[_FRAME_OF[cls]])
    unresolved = {column: {int(row): str(text) for row, text in cells} for column, cells in node["unresolved"].items()}
    if cls is SetValues:
        return SetValues(table, frame, unresolved)
    positions = node["positions"]
    positions = None if positions is None else np.asarray([float(p) for p in positions], dtype="float64")
    return cls(table, frame, positions, unresolved)


def _read_frame(node: dict) -> pd.DataFrame:
    index = _read_values(node["index"])
    columns = [_read_values(column) for column in node["columns"]]
    names = pd.Index([column["name"] for column in node["columns"]], dtype=node["columns_dtype"])
    frame = pd.DataFrame(dict(enumerate(columns)), index=pd.RangeIndex(len(index)))
    frame.columns = names
    frame.index = pd.Index(index, name=node["index"]["name"])
    return frame


def _read_values(node: dict) -> pd.Series:
    dtype = pd.api.types.pandas_dtype(node["dtype"])
    values = node["values"]
    if pd.api.types.is_datetime64_dtype(dtype):
        values = [pd.NaT if v is None else pd.Timestamp(v) for v in values]
    elif pd.api.types.is_float_dtype(dtype):
        values = [float(v) if isinstance(v, (str, int, float)) else v for v in values]
        if isinstance(dtype, np.dtype):  # numpy floats hold a missing value as NaN
            values = [math.nan if v is None else v for v in values]
    return pd.Series(values, dtype=dtype)
