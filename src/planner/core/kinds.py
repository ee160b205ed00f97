"""What a column's kind says about its values as text, one home for each rule (no Qt).

- :func:`text`: a value as people read it, wherever it is shown: the grid and its editors,
  the clipboard, a merge's preview, a message, the command line.
- :func:`json_value`: a value in ``planner report --json`` (money as a plain decimal string).
- :func:`label`, :func:`code_of` and :func:`codes`: the label of an allowed value's code, and
  every word that names a code (the code, its label, its translation, the synonyms CRM exports
  and people write in English, Korean and Japanese), for typed input, paste and import alike.
- :func:`extra_kind`, :func:`extra_values` and :func:`extra_cells`: how a user's own column is
  kept (number, date or text) and read, typed or imported, by the rules the schema's kinds use.

Reading typed text of the schema's kinds is :mod:`planner.core.parse` (``parse_value`` for one
cell and ``parse_cells`` for whole columns, kept equal by a property test).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal

import numpy as np
import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.money import DEFAULT_CURRENCY, NUMBER_FORM, SEPARATORS, format_money, format_ratio, plain_number
from planner.core.schema import Column, Kind, extra_kind

__all__ = ["DEFAULT_CURRENCY", "NOT_NUMBER", "SYNONYMS", "VALUE_LABELS", "code_of", "codes", "extra_cells",
           "extra_kind", "extra_values", "is_missing", "json_value", "json_values", "label", "text", "words"]

Translate = Callable[[str, str], str]  # (context, text) -> translated text, as QCoreApplication.translate

NOT_NUMBER = QT_TRANSLATE_NOOP("errors", "{value!r} is not a number")


def is_missing(value: object) -> bool:
    """None, pd.NA, NaT or NaN (never truth-tested, so pd.NA is safe)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and value != value


# -- value -> text ---------------------------------------------------------------------------
def text(kind: Kind | None, value: object, currency: str = DEFAULT_CURRENCY, labels: Mapping | None = None) -> str:
    """``value`` (as the book holds it) as people read it: ``1,234.50`` (money in ``currency``),
    ``35%`` (a ratio), ``12.5%`` (a computed percentage), ``1,234`` (a whole number),
    ``2026-03-05`` (a day); a missing value is empty.

    Parameters
    ----------
    kind : Kind or None
        The column's kind (None: a user's own column, shown as what it holds: a number with
        every digit it has, ``1,234.5``, which reads back as the same number).
    labels : mapping, optional
        References: row id -> the name shown (a row no longer there shows ``⚠ #id``); allowed
        values: code -> label (a code without one shows as itself).
    """
    if is_missing(value):
        return ""
    if kind is Kind.MONEY:
        try:
            return format_money(int(value), currency)
        except PlannerError:  # a deal in a currency Planner does not know: the plain number says enough
            return f"{int(value):,}"
    if kind is Kind.RATIO:
        return format_ratio(int(value))
    if kind is Kind.PERCENT:
        return f"{value:.1%}"
    if kind is Kind.NUMBER:
        return f"{value:,.1f}"
    if kind is Kind.INT:
        return f"{int(value):,}"
    if kind is Kind.DATE:
        return str(np.datetime64(value, "D"))
    if kind is Kind.REF:
        name = ({} if labels is None else labels).get(int(value), "⚠ #" + str(int(value)))
        return name if isinstance(name, str) else ""  # a row not named yet (pd.NA)
    if kind is None and isinstance(value, (int, float, np.integer, np.floating)) \
            and not isinstance(value, (bool, np.bool_)):  # a user's number: every digit, grouped
        number = float(value)
        return f"{int(number):,}" if number.is_integer() and abs(number) < 2**53 else f"{number:,}"
    if labels is not None:
        return labels.get(value, str(value))
    return str(value)


def json_value(kind: Kind | None, value: object, currency: str = DEFAULT_CURRENCY):
    """``value`` as plain JSON: money as a decimal string in ``currency`` without grouping
    (``"1234.50"``), ratios as numbers (``0.75``), days as ISO text, missing as None."""
    return None if is_missing(value) else _to_json(kind, currency)(value)


def json_values(kind: Kind | None, values: pd.Series, currency: str = DEFAULT_CURRENCY) -> list:
    """A column's values as :func:`json_value` gives each: its kind looked at once, not per cell
    (a report's JSON holds some 50,000 values)."""
    convert = _to_json(kind, currency)
    return [None if gone else convert(value) for value, gone in zip(values.tolist(), values.isna().tolist())]


def _to_json(kind: Kind | None, currency: str) -> Callable[[object], object]:
    """How a present value of ``kind`` is written as JSON."""
    if kind is Kind.MONEY:
        return lambda value: format_money(int(value), currency, grouping=False)
    if kind is Kind.RATIO:
        return lambda value: int(value) / 1_000_000
    if kind in (Kind.PERCENT, Kind.NUMBER):
        return float
    if kind is Kind.INT:
        return int
    if kind is Kind.DATE:
        return lambda value: pd.Timestamp(value).date().isoformat()
    return str


# -- allowed values: labels and the words that name them ---------------------------------------
# Readable English for the codes of allowed values (schema.py), shown when the language has no
# translation of a code (English has none: its "translation" is the code itself). Only what is
# shown changes: the book, files and the clipboard keep the codes, and typing either works.
VALUE_LABELS = {
    "open": "Open", "won": "Won", "lost": "Lost",
    "new": "New", "renewal": "Renewal", "upsell": "Upsell",
    "pipeline": "Pipeline", "best_case": "Best case", "commit": "Commit", "omitted": "Omitted",
    "month": "Month", "quarter": "Quarter", "year": "Year",
    "marginal": "Marginal", "retroactive": "Retroactive",
    "tier": "Tier", "retro_lift": "Retroactive lift", "cap": "Cap", "bonus": "Bonus", "clawback": "Clawback",
    "spiff": "SPIFF", "draw": "Draw", "draw_recovery": "Draw recovery",
    "adjustment": "Adjustment", "cancelled": "Cancelled", "recomputed": "Recomputed",
    "weighted": "Stage-weighted", "historical": "Historical", "cycle_length": "Sales-cycle length",
    "commit_override": "Commit with overrides", "best_case_override": "Best case with overrides",
}

# Other words for the codes of a column's allowed values, as CRM exports and people write them
# (compared in their normal form: case, spaces and punctuation ignored). None: a word that names
# no value (a CRM's "Closed" forecast category: the deal is in no category).
SYNONYMS: dict[str, dict[str | None, tuple[str, ...]]] = {
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

_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)


def normal_form(value: object) -> str:
    """A word as compared: NFKC (full-width letters as ASCII), case-folded, without spaces,
    punctuation or underscores (``Best Case`` → ``bestcase``, ``ＮＥＷ`` → ``new``)."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", str(value)).casefold())


def label(code: str, translate: Translate | None = None) -> str:
    """What people see for an allowed value's code: its translation (``translate``), else
    readable English (``best_case`` → ``Best case``)."""
    shown = translate("values", code) if translate is not None else code
    return VALUE_LABELS.get(code, code) if shown == code else shown


def words(column: Column, translate: Translate | None = None) -> dict[str, str | None]:
    """Every word naming a code of ``column``'s allowed values, in its normal form → the code
    (None: a word that names no value): the code, its English label, its translation, its synonyms."""
    found = _words(column)
    if translate is None:
        return found
    translated = {normal_form(label(code, translate)): code for code in column.allowed}
    return {**translated, **found}  # the code, English and synonyms first, as without a translation


@functools.lru_cache(maxsize=64)
def _words(column: Column) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for code in column.allowed:
        for word in (code, VALUE_LABELS.get(code, code)):
            found.setdefault(normal_form(word), code)
    for code, synonyms in SYNONYMS.get(column.name, {}).items():
        if code is None or code in column.allowed:
            for word in synonyms:
                found.setdefault(normal_form(word), code)
    return found


def code_of(value: object, column: Column, translate: Translate | None = None) -> object:
    """The code ``value`` names among ``column``'s allowed values (see :func:`words`); ``value``
    unchanged when it is no text or names none (the parse then says what is allowed)."""
    if not isinstance(value, str) or not column.allowed or value in column.allowed:
        return value
    return words(column, translate).get(normal_form(value), value)


def codes(values: pd.Series, column: Column, translate: Translate | None = None) -> pd.Series:
    """:func:`code_of` for a column of texts (each distinct text looked up once)."""
    if not column.allowed or values.dropna().empty:
        return values
    lookup = words(column, translate)
    replace = {}
    for value in values.dropna().unique():
        if isinstance(value, str) and value not in column.allowed:
            code = lookup.get(normal_form(value), value)
            if code != value:
                replace[value] = code
    if not replace:
        return values
    return values.map(lambda v: replace.get(v, v) if isinstance(v, str) else v).astype(values.dtype)


# -- a user's own columns -------------------------------------------------------------------
# Numbers written in money's one form (NUMBER_FORM: 1,234.5, -12, .5) are read a column at a
# time; any other text goes one by one through _number, which reads it or says what to write.
# Both read every text alike (a property test keeps them equal).
_WRITTEN = "^" + NUMBER_FORM + "$"
_SEPARATOR = "[" + SEPARATORS + "]"


def _fast_numbers(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``texts`` (stripped) written as :data:`NUMBER_FORM` as numbers, and which were."""
    written = texts.str.match(_WRITTEN).fillna(False) & texts.str.contains(r"[0-9]").fillna(False)
    # float() of each text (numpy's astype), correctly rounded as the one-by-one path is:
    # pd.to_numeric of a string column rounds numbers of 20 digits and more differently
    cleaned = texts[written].str.replace(_SEPARATOR, "", regex=True)
    out = np.full(len(texts), np.nan)
    with np.errstate(all="ignore"):
        out[written.to_numpy(dtype=bool)] = cleaned.to_numpy(dtype=object).astype("float64")
    return out, written.to_numpy(dtype=bool) & ~np.isnan(out)


def _number(value: object) -> float:
    """A number as amounts are written (``1,234.5``; ``1.234,56`` and ``1,2,3`` refused with
    what to write), without currency marks: a user's column of codes (``SKU123``) is no number."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    else:
        number = float(Decimal(plain_number(unicodedata.normalize("NFKC", str(value)).strip(), value)))
    if not np.isfinite(number):
        raise ValueError(value)
    return number


def extra_values(typed: pd.Series, kind: str, first_bad: bool = False) -> tuple[pd.Series, list]:
    """Typed text for a user's own column kept as ``kind`` (:func:`extra_kind`), read by the
    schema's rules (a number as amounts are written, ``1,234.5``, never ``1,2,3``; a day as
    dates are, ``2026.3.5``), and each cell that does not fit as ``(label, value, template,
    fields)`` (with ``first_bad``, only the first: whether a column is of that kind)."""
    from planner.core.dates import NOT_DATE, YEAR_RANGE, parse_date
    from planner.core.parse import is_blank
    from planner.core.schema import FIRST_YEAR, LAST_YEAR

    stripped = typed.astype("string").str.strip()
    if kind == "text":
        return stripped.mask(stripped == ""), []
    dtype = "float64" if kind == "number" else "datetime64[ns]"
    out = pd.Series(np.nan if kind == "number" else pd.NaT, index=typed.index, dtype=dtype)
    pending = ~typed.map(is_blank).to_numpy(dtype=bool)
    if kind == "number":
        numbers, settled = _fast_numbers(stripped)
        settled &= pending
        out[settled] = numbers[settled]
        pending &= ~settled
    bad: list = []
    for position in np.flatnonzero(pending):
        if bad and first_bad:
            break
        name, value = typed.index[position], typed.iloc[position]
        try:
            out.iloc[position] = _number(value) if kind == "number" else parse_date(
                unicodedata.normalize("NFKC", value) if isinstance(value, str) else value)
        except OverflowError:
            bad.append((name, value, YEAR_RANGE, {"value": value, "low": FIRST_YEAR, "high": LAST_YEAR}))
        except (ValueError, ArithmeticError, TypeError) as error:
            if len(error.args) == 2 and isinstance(error.args[1], dict):  # what to write instead (1.234,56)
                bad.append((name, value, *error.args))
            else:
                bad.append((name, value, NOT_NUMBER if kind == "number" else NOT_DATE, {"value": value}))
    return out, bad


def extra_cells(values: np.ndarray, present: np.ndarray, texts: pd.Series) -> pd.Series:
    """A user's own column of an import in the kind its cells say: numbers (cells that are
    numbers, or texts that all read as numbers by :func:`extra_values`, codes with leading
    zeros excepted), days (cells that are dates, or texts that are all ISO days), else text.

    Parameters
    ----------
    values : numpy.ndarray
        The cells as the file holds them.
    present : numpy.ndarray
        Which cells hold something.
    texts : pandas.Series
        The cells as stripped text (missing where blank).
    """
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
    if inferred == "string":
        stripped = texts.dropna()
        if not stripped.str.match(r"^0\d").any():
            numbers, bad = extra_values(texts, "number", first_bad=True)
            if not bad:
                return numbers.reset_index(drop=True)
        if stripped.str.match(r"^\d{4}-\d{2}-\d{2}$").all():
            days = pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce")
            if days.notna().sum() == len(stripped):
                return days.astype("datetime64[ns]")
    return texts
