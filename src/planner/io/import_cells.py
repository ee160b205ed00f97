"""How an import reads a column's cells beyond core.parse (no Qt): allowed values written
another way, percentages written without their sign, and the user's own columns in their kind."""

from __future__ import annotations

import re
from decimal import Decimal

import numpy as np
import pandas as pd

from planner.core import schema
from planner.io import mapping as mapping_module
from planner.io.import_results import AMBIGUOUS_FRACTION, AMBIGUOUS_WHOLE_PERCENT
from planner.io.import_sources import _present, _text_of, _texts
from planner.io.mapping import normalize


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


_SYNONYMS = {
    "deal_type": {"new": ("new", "newbusiness", "newcustomer", "newdeal", "신규", "신규고객", "신규영업", "新規",
                          "新規顧客", "新規案件"),
                  "renewal": ("renewal", "renew", "renewals", "existingcustomerreplacement",
                              "existingcustomerdowngrade", "갱신", "재계약", "更新", "継続", "契約更新"),
                  "upsell": ("upsell", "upsale", "upgrade", "crosssell", "expansion", "existingbusiness",
                             "existingcustomerupgrade", "existingcustomer", "addon", "업셀", "추가판매", "확장",
                             "アップセル", "クロスセル", "追加", "追加受注")},
    "forecast_category": {"pipeline": ("pipeline", "파이프라인", "パイプライン"),
                          "best_case": ("bestcase", "best", "upside", "최선", "베스트케이스", "ベストケース"),
                          "commit": ("commit", "committed", "forecast", "확정", "커밋", "コミット"),
                          "omitted": ("omitted", "omit", "excluded", "제외", "除外"),
                          None: ("closed", "closedwon", "closedlost", "won", "lost")},
    "kind": {"open": ("open", "진행", "진행중", "進行中", "オープン"), "won": ("won", "win", "수주", "성사", "受注", "成約"),
             "lost": ("lost", "lose", "실주", "失注")},
    "method": {"marginal": ("marginal", "한계", "구간별", "限界", "段階"), "retroactive": ("retroactive", "소급", "遡及")},
    "period": {"month": ("month", "monthly", "월", "월별", "月", "月次"),
               "quarter": ("quarter", "quarterly", "분기", "四半期"),
               "year": ("year", "yearly", "annual", "연", "연간", "年", "年次")},
}


def _synonyms(texts: pd.Series, column: str) -> pd.Series:
    """Allowed values written another way (``New Business``, ``Best Case``, ``신규``) as the
    codes the book keeps; values nothing matches stay as written (and are reported)."""
    table = _SYNONYMS.get(column)
    if table is None or texts.dropna().empty:
        return texts
    lookup = {normalize(word): code for code, words in table.items() for word in words}
    unique = texts.dropna().unique()
    replace = {}
    for value in unique:
        key = normalize(value)
        if key in lookup:
            replace[value] = lookup[key]
    if not replace:
        return texts
    mapped = texts.map(lambda v: replace.get(v, v) if pd.notna(v) else v)
    return mapped.astype("string")


def _extra(values: np.ndarray) -> pd.Series:
    """A user's own column in its kind: numbers, days, else text (codes with leading zeros stay text)."""
    present = _present(values)
    if not present.any():
        return pd.Series(pd.NA, index=range(len(values)), dtype="string")
    cells = values[present]
    inferred = pd.api.types.infer_dtype(cells, skipna=True)
    if inferred in ("floating", "integer", "mixed-integer-float"):
        out = np.full(len(values), np.nan)
        out[present] = cells.astype("float64")
        return pd.Series(out)
    if inferred in ("date", "datetime"):
        out = pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[ns]")
        out[present] = pd.to_datetime(pd.Series(cells), errors="coerce").to_numpy()
        return out
    text = _texts(values)
    if inferred == "string":
        stripped = text.dropna()
        numbers = pd.to_numeric(stripped, errors="coerce")
        leading_zero = stripped.str.match(r"^0\d").any()
        if numbers.notna().all() and not leading_zero:
            return pd.to_numeric(text, errors="coerce").astype("float64")
        if stripped.str.match(r"^\d{4}-\d{2}-\d{2}$").all():
            days = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
            if days.notna().sum() == len(stripped):
                return days.astype("datetime64[ns]")
    return text
