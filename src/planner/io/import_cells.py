"""How an import reads a column's cells beyond core.parse (no Qt): percentages written without
their sign (allowed values written another way and the user's own columns are core.kinds')."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

from planner.core import kinds, schema
from planner.io import mapping as mapping_module
from planner.io.import_results import AMBIGUOUS_FRACTION, AMBIGUOUS_WHOLE_PERCENT
from planner.io.import_sources import _present, _text_of, _texts


# Shift_JIS and CP949 write ¥ and ₩ as byte 0x5C, which decodes to a backslash (Japanese and
# Korean Windows show that byte as the sign): before a number in a money cell, it is the sign.
BACKSLASH_SIGNS = {"cp932": ("¥", "JPY"), "cp949": ("₩", "KRW")}
_BACKSLASH_AMOUNT = re.compile(r"^\s*[-(]?\s*\\(?=\s*\d)")


def backslash_signs(values: np.ndarray, encoding: str | None) -> np.ndarray:
    """The cells of a money column of a Shift_JIS or CP949 file with a backslash before their
    number read as the ¥ or ₩ it is (``\\1,200,000`` is ``¥1,200,000``); other cells as they are."""
    if encoding not in BACKSLASH_SIGNS:
        return values
    texts = _texts(values)
    signed = texts.str.contains(_BACKSLASH_AMOUNT).fillna(False).to_numpy(dtype=bool)
    if not signed.any():
        return values
    values = values.copy()
    sign = BACKSLASH_SIGNS[encoding][0]
    values[signed] = texts[signed].str.replace(_BACKSLASH_AMOUNT, lambda found: found.group(0)[:-1] + sign,
                                               regex=True).to_numpy(dtype=object)
    return values


def _book_column(table: str | None, target: str | None) -> schema.Column | None:
    if table is None or target is None:
        return None
    spec = schema.TABLES[table]
    return spec.column(target) if target in spec.names else None


def _aliases(table: str, column: str) -> list[str]:
    return [column] + mapping_module.HEADER_ALIASES.get(table, {}).get(column, [])[:3]


def bare_percents(values: np.ndarray, rows) -> tuple[np.ndarray, list]:
    """How the bare numbers of a column of 0 to 100% (a probability, a share) are read, cell by
    cell (decisions.md): a number from 0 to 1 is a fraction (``0.6`` is 60%, ``1`` is 100%), a
    number above 1 a percent written without its sign, as CRM exports write 0 to 100 (``75`` is
    75%); ``60%`` says it itself. A column holding both kinds (``0.2`` and ``60``; ``1`` and
    ``75``) is ambiguous: the cells of the kind fewer cells hold (those above 1 when as many)
    are refused, each saying what to write. No cell is ever read by another's value.

    Parameters
    ----------
    values : numpy.ndarray
        The column's cells as the file holds them.
    rows : sequence of int
        Each cell's row as Excel numbers it (for the messages).

    Returns
    -------
    (numpy.ndarray, list)
        Which cells are percents without their sign, and the refused cells as ``(position,
        value, template, fields)``.
    """
    cells = pd.Series(values, dtype="object")
    signed = cells.map(lambda v: isinstance(v, str) and v.strip().endswith("%")).to_numpy(dtype=bool)
    numbers = pd.to_numeric(cells.where(~signed & cells.map(_is_plain).to_numpy(dtype=bool)), errors="coerce")
    above = (numbers > 1).to_numpy(dtype=bool)
    fraction = ((numbers > 0) & (numbers <= 1)).to_numpy(dtype=bool)
    if not (above.any() and fraction.any()):
        return above, []
    named, other = (above, fraction) if above.sum() <= fraction.sum() else (fraction, above)
    example = int(np.flatnonzero(other)[0])
    shown = _text_of(values[example])
    refused = []
    for position in np.flatnonzero(named):
        text = _text_of(values[position])
        number = Decimal(text)
        if named is above:
            refused.append((int(position), values[position], AMBIGUOUS_WHOLE_PERCENT, {
                "value": text, "other": shown, "row": int(rows[example]), "percent": f"{text}%",
                "fraction": _decimal(number / 100)}))
        else:
            refused.append((int(position), values[position], AMBIGUOUS_FRACTION, {
                "value": text, "other": shown, "row": int(rows[example]), "fraction": f"{_decimal(number * 100)}%",
                "percent": f"{text}%"}))
    return above, refused


def _is_plain(value) -> bool:
    """A number, or text that is just one (not ``1,234`` nor ``TRUE``)."""
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, float, np.integer, np.floating)):
        return True
    return isinstance(value, str) and _PLAIN_NUMBER.match(value) is not None


_PLAIN_NUMBER = re.compile(r"^\s*\d+(?:\.\d*)?\s*$|^\s*\.\d+\s*$")


def _decimal(number: Decimal) -> str:
    """``0.600`` as ``0.6``, ``100`` as ``100`` (never with an exponent)."""
    return format(number.normalize(), "f")


def _extra(values: np.ndarray) -> pd.Series:
    """A user's own column in its kind (:func:`planner.core.kinds.extra_cells`)."""
    return kinds.extra_cells(values, _present(values), _texts(values))
