"""Turning what people type (or files hold) into the book's values, and checking values.

One place for every input path (typed, pasted, imported, opened, the command line): money
in major units with separators and currency signs, ratios as ``35%``, ``0.35`` or ``1/3``, dates in
the formats people write. Parsing never stops at the first bad cell: it returns every one
as ``(index, value, template, fields)`` for the caller to turn into Problems.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import numpy as np
import pandas as pd

from planner.core import kinds, schema
from planner.core.dates import END_DAY, FIRST_DAY, NOT_DATE, YEAR_RANGE, DateForms, days_of, is_number, parse_date
from planner.core.errors import QT_TRANSLATE_NOOP
from planner.core.money import FRACTION_FORM, MINOR_DIGITS, NUMBER_FORM, SEPARATORS, plain_number, to_minor, to_ratio
from planner.core.periods import not_canonical, period_cells
from planner.core.schema import Column, Kind

Bad = tuple[object, object, str, dict]  # (index label, value, template, fields)

OTHER_CURRENCY = QT_TRANSLATE_NOOP("errors", "{value!r} is an amount in {other}; amounts here are in {currency}")
# what a currency sign typed before or after an amount says about its currency
_SIGNS = {"₩": ("KRW",), "원": ("KRW",), "円": ("JPY",), "¥": ("JPY", "CNY"), "￥": ("JPY", "CNY"),
          "€": ("EUR",), "£": ("GBP",), "$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "TWD", "MXN")}
_ISO_CODE = re.compile(r"\b([A-Za-z]{3})\b")
_FRACTION = re.compile(FRACTION_FORM)
NOT_MONEY = QT_TRANSLATE_NOOP("errors", "{value!r} is not an amount (expected a number such as 1,234.50)")
NOT_INT = QT_TRANSLATE_NOOP("errors", "{value!r} is not a whole number")
NOT_RATIO = QT_TRANSLATE_NOOP("errors", "{value!r} is not a percentage (expected 35%, 0.35 or 1/3)")
# what a spreadsheet makes of 1/3 typed into a cell
DATE_NOT_RATIO = QT_TRANSLATE_NOOP("errors", "{value} is a date, not a percentage (a spreadsheet turns 1/3 typed "
                                             "into a cell into a date): write 33.3333%, or '1/3 to keep it as text")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("errors", "{value} is out of range (expected {low} to {high})")
NOT_ALLOWED = QT_TRANSLATE_NOOP("errors", "{value!r} is not one of {allowed}")
REQUIRED = QT_TRANSLATE_NOOP("errors", "a value is required")


def is_blank(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and not value.strip()


def parse_value(value: object, column: Column, currency: str, dates: DateForms | None = None):
    """One typed value as the book holds it (missing for a blank). ``dates`` says which
    source-dependent date forms a date column accepts (see :class:`DateForms`).

    Raises
    ------
    ValueError
        With ``args = (template, fields)`` saying what was expected.
    """
    if is_blank(value):
        return None
    kind = column.kind
    # full-width digits, signs and separators (１，２００, ￦, ２０２６年３月５日) as their plain forms
    typed = unicodedata.normalize("NFKC", value) if isinstance(value, str) and kind is not Kind.TEXT else value
    try:
        if kind is Kind.MONEY:
            _same_currency(typed, currency)
            return _checked(to_minor(typed, currency), column, currency)
        if kind is Kind.RATIO and isinstance(typed, (date, np.datetime64)):
            raise ValueError(DATE_NOT_RATIO, {"value": kinds.text(Kind.DATE, typed)})
        if kind is Kind.RATIO:  # a fraction out of range is named as typed (4/3, not 133.3333%)
            fraction = isinstance(typed, str) and _FRACTION.fullmatch(typed.strip())
            return _checked(to_ratio(typed), column, currency, typed.strip() if fraction else None)
        if kind is Kind.INT:
            try:  # grouped as amounts are (1,234), refused as "not a whole number" otherwise
                number = float(plain_number(typed.strip(), value) if isinstance(typed, str) else typed)
            except ValueError:
                raise ValueError from None
            if not number.is_integer():
                raise ValueError
            return _checked(int(number), column, currency)
        if kind is Kind.DATE:
            return parse_date(typed, dates)
        if kind is Kind.PERIOD:  # core/periods.py reads every form of a period
            labels, bad = period_cells(pd.Series([typed], dtype="object"))
            if bad:
                raise ValueError(bad[0][2], {**bad[0][3], "text": value})
            return labels.iloc[0]
    except OverflowError:
        raise ValueError(YEAR_RANGE, {"value": value, "low": schema.FIRST_YEAR, "high": schema.LAST_YEAR}) from None
    except (ValueError, ArithmeticError, TypeError) as error:
        if len(error.args) == 2 and isinstance(error.args[1], dict):
            raise
        template = {Kind.MONEY: NOT_MONEY, Kind.RATIO: NOT_RATIO, Kind.INT: NOT_INT, Kind.DATE: NOT_DATE}[kind]
        raise ValueError(template, {"value": value}) from None
    text = str(value).strip()
    if column.allowed:  # the code, or a word that names it (its label, a synonym)
        code = kinds.code_of(text, column)
        if code is None:
            return None
        if code not in column.allowed:
            raise ValueError(NOT_ALLOWED, {"value": text, "allowed": ", ".join(column.allowed)})
        return code
    return text


def _same_currency(value: object, currency: str) -> None:
    """Refuse an amount typed with another currency's sign or code (no exchange rates yet)."""
    other = other_currency(value, currency)
    if other is not None:
        raise ValueError(OTHER_CURRENCY, {"value": value, "other": other, "currency": currency})


def other_currency(value: object, currency: str) -> str | None:
    """The other currency than ``currency`` an amount is written in (``"₩5000"`` is KRW), if any."""
    if not isinstance(value, str):
        return None
    for sign, codes in _SIGNS.items():
        if sign in value and currency.upper() not in codes:
            return codes[0]
    for code in _ISO_CODE.findall(value):
        if code.upper() in MINOR_DIGITS and code.upper() != currency.upper():
            return code.upper()
    return None


def _checked(number: int, column: Column, currency: str, typed: str | None = None) -> int:
    low, high = bounds(column)
    if not low <= number <= high:
        raise ValueError(OUT_OF_RANGE, {"value": typed or shown(number, column, currency),
                                        "low": shown(low, column, currency), "high": shown(high, column, currency)})
    return number


def bounds(column: Column) -> tuple[int, int]:
    low = -schema.MAX_INTEGER if column.minimum is None else column.minimum
    high = schema.MAX_INTEGER if column.maximum is None else column.maximum
    return low, high


def shown(number: int, column: Column, currency: str) -> str:
    """An internal number as the user would write it."""
    return kinds.text(column.kind, number, currency)


def parse_column(values: pd.Series, column: Column, currency: str) -> tuple[pd.Series, list[Bad]]:
    """Typed values of one column as the book holds them, and every cell that does not fit.

    Bad cells come back missing in the series. Reference columns stay text (the book
    resolves them to row ids).
    """
    dtype = "string" if column.kind is Kind.REF else schema.DTYPES[column.kind]
    if column.kind is Kind.PERIOD:
        return period_cells(values)
    if column.kind in (Kind.TEXT, Kind.REF) and not column.allowed:
        text = values.astype("string").str.strip()
        return text.mask(text == ""), []
    out, bad = [], []
    for label, value in values.items():
        try:
            out.append(parse_value(value, column, currency))
        except ValueError as error:
            template, fields = error.args
            bad.append((label, value, template, fields))
            out.append(None)
    return pd.Series(out, index=values.index, dtype="object").astype(dtype), bad


_CHECKED_KINDS = (Kind.INT, Kind.MONEY, Kind.RATIO, Kind.PERIOD, Kind.DATE)


def check_column(values: pd.Series, column: Column, currency: str) -> list[Bad]:
    """Cells of a column of book values that break the column's bounds or allowed values.
    On the column's numpy values: a book's columns are checked whole when it is opened."""
    bad = []
    if column.kind not in _CHECKED_KINDS and not column.allowed:
        return bad  # text any value of which is fine: not worth a pass over the column
    if not len(values):
        return bad
    if column.kind in (Kind.INT, Kind.MONEY, Kind.RATIO):
        low, high = bounds(column)
        present = values.notna().to_numpy()
        numbers = values.to_numpy(dtype="int64", na_value=0)
        wrong = present & ((numbers < low) | (numbers > high))
        for label, number in zip(values.index[wrong], numbers[wrong].tolist()):
            bad.append((label, number, OUT_OF_RANGE, {"value": shown(number, column, currency),
                                                      "low": shown(low, column, currency),
                                                      "high": shown(high, column, currency)}))
    elif column.kind is Kind.PERIOD:
        bad += not_canonical(values.dropna())
    elif column.kind is Kind.DATE:
        days = values.to_numpy(dtype="datetime64[ns]")
        wrong = ~np.isnat(days) & ((days < FIRST_DAY.to_datetime64()) | (days >= END_DAY.to_datetime64()))
        for label, day in zip(values.index[wrong], days[wrong]):
            shown_day = kinds.text(Kind.DATE, pd.Timestamp(day))
            bad.append((label, shown_day, YEAR_RANGE, {"value": shown_day, "low": schema.FIRST_YEAR,
                                                       "high": schema.LAST_YEAR}))
    if column.allowed:
        # each distinct present value judged once (one pass over the cells: -1 codes the empty)
        codes, distinct = pd.factorize(values.to_numpy(dtype=object))
        refused = np.append(~pd.Index(distinct, dtype=object).isin(column.allowed), False)
        wrong = np.flatnonzero(refused[codes]) if refused.any() else np.zeros(0, dtype="int64")
        for label, value in zip(values.index[wrong], values.to_numpy(dtype=object)[wrong]):
            bad.append((label, value, NOT_ALLOWED, {"value": value, "allowed": ", ".join(column.allowed)}))
    return bad


def parse_frame(spec: schema.Table, frame: pd.DataFrame, currency: str,
                current: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[Bad]]:
    """Every column of ``frame`` parsed from typed values: the schema's by their kinds, a user's
    own column of ``current`` (the table typed into) by the kind it holds
    (:func:`planner.core.kinds.extra_values`); bad cells are returned with their column as
    ``(index, column, value, template, fields)``."""
    out, bad = frame.copy(), []
    for name in frame.columns:
        if name in spec.names:
            out[name], found = parse_column(out[name], spec.column(name), currency)
        elif current is not None and name in current:
            out[name], found = kinds.extra_values(out[name], kinds.extra_kind(current[name]))
        else:
            continue
        bad += [(label, name, value, template, fields) for label, value, template, fields in found]
    return out, bad


# -- whole columns at once (imports) ---------------------------------------------------------
# The vectorized forms below are a subset of what parse_value accepts, computed with the same
# rules (exact decimals, half-up rounding): a cell they do not settle is passed to parse_value,
# which either reads it or says what was expected. So the result never depends on the path.
# money.py's one rule of how a number is written (thousands separators group three digits, the
# decimal separator is a point): cells in another form go one by one, to be refused with a reason.
_DECIMAL = re.compile("^" + NUMBER_FORM + "$")
_SEPARATORS = "[" + SEPARATORS + "]"
_EXACT_FLOAT = 2.0 ** 40  # below this, x * 10**k of a decimal with k places is within 2**-12 of the integer


def parse_cells(values: pd.Series, column: Column, currency: str, dates: DateForms | None = None,
                percent: bool | np.ndarray = False) -> tuple[pd.Series, list[Bad]]:
    """Like :func:`parse_column`, for many cells at once: whole columns are parsed with
    numpy/pandas, and only the cells those forms do not settle go one by one through
    :func:`parse_value` (to be read, or to say what was expected).

    Parameters
    ----------
    values : pandas.Series
        Cells as a file holds them: text, numbers, dates, blanks (None, NaN, "").
    column : Column
        The book column the values are for.
    currency : str
        The book's currency (minor units, currency signs).
    dates : DateForms, optional
        Source-dependent date forms (``03/05/2026``, Excel serial numbers).
    percent : bool or numpy.ndarray
        Ratio columns: which bare numbers are percentages (``75`` is 75%, as CRM exports write
        probabilities), for every cell or cell by cell (see
        :func:`planner.io.import_cells.bare_percents`).

    Returns
    -------
    (pandas.Series, list)
        The values in the book's dtype (references as stripped text), bad cells missing; and
        every bad cell as ``(index label, value, template, fields)``.
    """
    values = values if isinstance(values, pd.Series) else pd.Series(values)
    kind = column.kind
    if kind is Kind.PERIOD:
        return period_cells(values)
    if kind in (Kind.TEXT, Kind.REF):
        text = values.astype("string").str.strip()
        text = text.mask(text == "")
        if kind is Kind.TEXT and column.allowed:  # codes, or words that name them (labels, synonyms)
            named = kinds.codes(text, column)
            wrong = named.notna() & ~named.isin(column.allowed).fillna(False)
            bad = [(label, values[label], NOT_ALLOWED, {"value": text[label], "allowed": ", ".join(column.allowed)})
                   for label in text.index[wrong.to_numpy(dtype=bool)]]
            return named.mask(wrong), bad
        return text, []
    cells = values.to_numpy(dtype=object, na_value=None)
    percent = np.broadcast_to(np.asarray(percent, dtype=bool), (len(cells),))
    blank = _blank_cells(cells)
    if kind is Kind.DATE:
        days, done = days_of(cells, blank, *_split_types(cells, blank), dates)
        out = pd.Series(days, index=values.index, dtype="datetime64[ns]").where(done)
    else:
        numbers, done = _fast_integers(cells, blank, column, currency, percent)
        out = pd.Series(numbers, index=values.index, dtype="Int64").where(done)
    rest = np.flatnonzero(~done & ~blank)
    bad: list[Bad] = []
    if len(rest):
        fixed = {}
        for position in rest:
            value = cells[position]
            if is_blank(value):  # text of spaces only
                continue
            typed = value
            if percent[position] and kind is Kind.RATIO and not (isinstance(value, str) and (
                    value.strip().endswith("%") or _FRACTION.fullmatch(value.strip()))):
                typed = f"{float(value)!r}%" if is_number(value) else f"{str(value).strip()}%"
            try:
                fixed[position] = parse_value(typed, column, currency, dates)
            except ValueError as error:
                template, fields = error.args
                fields = {key: (value if field is typed else field) for key, field in fields.items()}
                bad.append((values.index[position], value, template, fields))
        if fixed:
            positions = np.fromiter(fixed, dtype="int64", count=len(fixed))
            out = out.copy()
            dtype = out.dtype
            patched = out.to_numpy(dtype=object, na_value=None)
            patched[positions] = list(fixed.values())
            out = pd.Series(patched, index=values.index, dtype="object").astype(dtype)
    return out, bad


def _blank_cells(cells: np.ndarray) -> np.ndarray:
    """Which cells are blank: None, NaN, NaT or empty text (text of spaces only is left to the
    one-by-one path, which reads it as blank too)."""
    return pd.isna(cells) | (cells == "")


_NUMBER_TYPES = (float, int, np.float64, np.int64)
_HOMOGENEOUS = {"floating": "number", "integer": "number", "mixed-integer-float": "number", "string": "text",
                "date": "moment", "datetime": "moment", "datetime64": "moment"}


def _split_types(cells: np.ndarray, blank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the present cells that are numbers (not booleans) and that are text."""
    present = ~blank
    kind = _HOMOGENEOUS.get(pd.api.types.infer_dtype(cells[present], skipna=True)) if present.any() else "text"
    if kind == "number":
        return present, np.zeros(len(cells), dtype=bool)
    if kind == "text":
        return np.zeros(len(cells), dtype=bool), present
    if kind == "moment":
        return np.zeros(len(cells), dtype=bool), np.zeros(len(cells), dtype=bool)
    numbers = np.fromiter((type(v) in _NUMBER_TYPES for v in cells), dtype=bool, count=len(cells))
    strings = np.fromiter((type(v) is str for v in cells), dtype=bool, count=len(cells))
    return numbers & present, strings & present


def _scaled_floats(numbers: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray]:
    """``numbers × 10**digits`` as integers where that is exact (the float is within 0.001 of a
    whole number: binary noise, as money.to_minor takes it), and where it is. Near that bound
    the float's own error could decide either way: those cells are left to parse_value."""
    scaled = numbers.astype("float64") * 10.0 ** digits
    nearest = np.rint(scaled)
    with np.errstate(invalid="ignore"):
        exact = np.isfinite(scaled) & (np.abs(scaled) < _EXACT_FLOAT) & (np.abs(scaled - nearest) < 0.9e-3)
    return np.where(exact, nearest, 0).astype("int64"), exact


def _scaled_texts(texts: pd.Series, digits: int, exact: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Decimal texts (``-1,234.505``, in money.NUMBER_FORM) × 10**digits, rounded half up,
    exactly (string arithmetic), and which texts had that form; with ``exact``, only those with
    no more decimals than ``digits`` but noise less than 0.001 of a unit away (as money.to_minor)."""
    parts = texts.str.extract(_DECIMAL)
    whole, frac = parts["int"].fillna(""), parts["frac"].fillna("")
    grouped = parts["sep"].notna()
    if grouped.any():
        whole = whole.where(~grouped, whole.str.replace(_SEPARATORS, "", regex=True))
    ok = parts["sign"].notna() & ((whole != "") | (frac != "")) & (whole.str.len() <= 15 - digits)
    if exact:
        longer = frac.str.len() > digits
        if longer.any():
            excess = frac[longer].str.slice(digits).str.rstrip("0")
            noise = ((excess == "") | excess.str.startswith("000")
                     | (excess.str.startswith("999") & (excess.str.len() > 3)))
            ok = ok & (~longer | noise.reindex(ok.index, fill_value=True))
    out = np.zeros(len(texts), dtype="int64")
    if ok.any():
        whole, frac, sign = whole[ok], frac[ok], parts["sign"][ok]
        units = whole.mask(whole == "", "0").astype("int64").to_numpy() * 10 ** digits
        if digits:
            units = units + frac.str.slice(0, digits).str.pad(digits, side="right", fillchar="0").astype(
                "int64").to_numpy()
        units = units + (frac.str.slice(digits, digits + 1) >= "5").to_numpy(dtype=bool)
        out[ok.to_numpy()] = np.where((sign == "-").to_numpy(), -units, units)
    return out, ok.to_numpy(dtype=bool)


def _fast_integers(cells: np.ndarray, blank: np.ndarray, column: Column, currency: str,
                   percent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Money (minor units), ratios (millionths) and whole numbers of the cells in their common
    forms, and which cells were settled (present and within the column's bounds)."""
    kind = column.kind
    numbers, strings = _split_types(cells, blank)
    out = np.zeros(len(cells), dtype="int64")
    done = np.zeros(len(cells), dtype=bool)
    if kind is Kind.MONEY:
        from planner.core.money import minor_digits

        digits = minor_digits(currency)
        number_digits = text_digits = digits
    elif kind is Kind.RATIO:
        number_digits = None  # depends on the cell: a fraction or a percent without its sign
        text_digits = None  # depends on a % sign
    else:
        number_digits = text_digits = 0
    if numbers.any():
        values = cells[numbers].astype("float64")
        if number_digits is None:
            as_percent, exact_percent = _scaled_floats(values, 4)
            scaled, exact = _scaled_floats(values, 6)
            scaled, exact = np.where(percent[numbers], as_percent, scaled), np.where(percent[numbers], exact_percent,
                                                                                     exact)
        else:
            scaled, exact = _scaled_floats(values, number_digits)
        if kind is Kind.INT:  # a whole number, not one rounded to it
            exact &= values == np.floor(values)
        out[numbers], done[numbers] = scaled, exact
    if strings.any():
        texts = pd.Series(cells[strings], dtype="object").str.strip()
        if kind is Kind.MONEY:
            marks = [re.escape(sign) for sign, codes in _SIGNS.items() if currency.upper() in codes]
            marks.append(re.escape(currency.upper()))
            texts = texts.str.replace("|".join(marks), "", regex=True).str.strip()
            scaled, ok = _scaled_texts(texts, text_digits, exact=True)
        elif kind is Kind.RATIO:
            is_percent = texts.str.endswith("%").to_numpy(dtype=bool) | percent[strings]
            texts = texts.str.rstrip("%").str.strip()
            in_percent, ok_percent = _scaled_texts(texts, 4)
            as_fraction, ok_fraction = _scaled_texts(texts, 6)
            scaled = np.where(is_percent, in_percent, as_fraction)
            ok = np.where(is_percent, ok_percent, ok_fraction)
        else:
            scaled, ok = _scaled_texts(texts, 0)
            ok = ok & ~texts.str.contains(".", regex=False).to_numpy(dtype=bool)
        out[strings], done[strings] = scaled, ok
    low, high = bounds(column)
    done &= (out >= low) & (out <= high)
    return out, done
