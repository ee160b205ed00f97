"""Exact money and ratios.

Money is held as integer *minor units* of its currency (cents for USD, whole won for KRW,
whole yen for JPY). Ratios (probabilities, shares, rates, attainment thresholds) are held as
integer millionths (parts per million), so that 12.5 % is ``125_000`` and ``1/3`` is
``333_333``. Every product of money and a ratio is computed on Python integers and rounded
once, explicitly; no float ever decides a cent.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

import numpy as np

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError

# ISO 4217 minor-unit digits of the currencies users are likely to keep books in.
MINOR_DIGITS: dict[str, int] = {
    "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SGD": 2,
    "HKD": 2, "TWD": 2, "CNY": 2, "INR": 2, "IDR": 2, "THB": 2, "MYR": 2, "PHP": 2,
    "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "BRL": 2, "MXN": 2,
    "ZAR": 2, "TRY": 2, "ILS": 2, "AED": 2, "SAR": 2,
    "KRW": 0, "JPY": 0, "VND": 0, "CLP": 0, "ISK": 0,
    "KWD": 3, "BHD": 3, "JOD": 3, "OMR": 3, "TND": 3,
}

# The currency of a book that names none, and the one figures fall back to while a book's
# currency setting is not one Planner knows (a problem of the book, shown as such).
DEFAULT_CURRENCY = "USD"

# Ratios are integer millionths.
RATIO_SCALE = 1_000_000

# Rounding modes a book may choose; ``half_up`` rounds halves away from zero.
ROUNDING_MODES = ("half_up", "half_even", "down", "up")

_CURRENCY_MARKS = re.compile(r"[$€£¥₩￥円원]|[A-Z]{3}")
# Thousands separators: a comma, a space (also no-break and thin ones), an apostrophe (1'234.50) or
# an underscore. They are accepted only where they group digits by three (1,234,567.50), one kind
# in a number; the decimal separator is a point. Anything else (1.234,56, 2,5, 1,2,3) could mean
# another amount than the one read, so it is refused, never guessed.
SEPARATORS = ",'_ \u00a0\u202f\u2009"
# A number as written (sign, digits, grouping, decimals), currency marks already removed: the
# single rule of what an amount looks like, also used by parse.py's vectorized import path.
NUMBER_FORM = (r"(?P<sign>[+-]?)(?P<int>\d{1,3}(?P<sep>[" + SEPARATORS + r"])\d{3}(?:(?P=sep)\d{3})*|\d*)"
               r"(?:\.(?P<frac>\d*))?")
_NUMBER = re.compile(NUMBER_FORM)
# 1.234,56, 2,5, 1 234,50, 12,3456: a decimal comma (digits grouped by points or spaces, or not at all)
_DECIMAL_COMMA = re.compile(r"(?P<int>[+-]?\d{1,3}(?:(?P<sep>[. '\u00a0\u202f\u2009])\d{3}(?:(?P=sep)\d{3})*)?"
                            r"|[+-]?\d+),(?P<frac>\d+)")
_SEPARATOR_CHARACTERS = re.compile("[" + SEPARATORS + "]")

DECIMAL_COMMA = QT_TRANSLATE_NOOP("errors", "{value!r} is not an amount: write {number} "
                                            "(the decimal separator is a point)")
BAD_GROUPING = QT_TRANSLATE_NOOP("errors", "{value!r} is not an amount: thousands separators group three digits "
                                           "(1,234,567.50) and the decimal separator is a point")
TOO_MANY_DECIMALS = QT_TRANSLATE_NOOP("errors", "{value!r} has more decimals than amounts in {currency} have "
                                                "({digits})")


def minor_digits(currency: str) -> int:
    """Number of minor-unit digits of ``currency`` (2 for USD, 0 for KRW and JPY)."""
    try:
        return MINOR_DIGITS[currency.upper()]
    except (KeyError, AttributeError):
        raise PlannerError(
            QT_TRANSLATE_NOOP("errors", "Unknown currency {currency!r}: use an ISO code such as USD, KRW or JPY"),
            currency=currency,
        ) from None


def currency_of(book) -> str:
    """``book.currency``, or :data:`DEFAULT_CURRENCY` while its currency setting is not one
    Planner knows (the book's problem, reported by its checks): amounts can still be read and shown."""
    try:
        return book.currency
    except PlannerError:
        return DEFAULT_CURRENCY


def parse_decimal(value: object) -> Decimal:
    """Read a number as an exact ``Decimal``.

    Accepts ints, floats (through their shortest repr, so 0.1 stays 0.1), Decimals and text
    such as ``"1,234.50"``, ``"₩1,200"``, ``"(300)"`` or ``"12,000円"``. Text is read only in the
    form of :data:`NUMBER_FORM`: thousands separators group three digits, the decimal
    separator is a point.

    Raises
    ------
    ValueError
        When ``value`` is not a number; for text in another form (``"1.234,56"``, ``"1,2,3"``),
        with ``args = (template, fields)`` saying what to write instead.
    """
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, (int, np.integer)):
        return Decimal(int(value))
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise ValueError(f"not a number: {value!r}")
        return Decimal(repr(float(value)))
    text = _CURRENCY_MARKS.sub("", str(value)).strip()
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    text = plain_number(text, value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not number.is_finite() or number.adjusted() > _LARGEST_EXPONENT:
        raise ValueError(f"not a number: {value!r}")
    return -number if negative else number


def plain_number(text: str, value: object) -> str:
    """``text`` without its thousands separators, if it is written in :data:`NUMBER_FORM`.

    Raises
    ------
    ValueError
        With ``args = (template, fields)`` for a decimal comma or separators that do not group
        three digits (``value`` is what the message shows).
    """
    if _NUMBER.fullmatch(text):
        return _SEPARATOR_CHARACTERS.sub("", text)
    comma = _DECIMAL_COMMA.fullmatch(text)
    if comma and not (comma["sep"] is None and len(comma["frac"]) == 3):
        whole = re.sub(r"[. '\u00a0\u202f\u2009]", "", comma["int"])
        raise ValueError(DECIMAL_COMMA, {"value": value, "number": f"{whole}.{comma['frac']}"})
    if re.fullmatch(r"[+-]?[\d" + SEPARATORS + r".]*\d[\d" + SEPARATORS + r".]*", text):
        raise ValueError(BAD_GROUPING, {"value": value})
    return text  # not a number at all: Decimal says so


# A value within this of a whole number of minor units is that number: the binary noise of a
# spreadsheet's arithmetic (0.1 + 0.2, or "32395.00000002" in a CRM export), not a decimal anyone
# wrote (the same tolerance as parse.py's vectorized import path).
_NOISE = Decimal("0.001")
# Room to round any number Decimal reads (1e30, 1e308) to a whole one, for the bounds of each
# caller to refuse by name; the default 28 digits would raise InvalidOperation instead.
_WIDE = Context(prec=1000)


_LARGEST_EXPONENT = 400  # 1e400 and beyond are no amount, share or weight anyone means


def _whole(number: Decimal, value: object) -> Decimal:
    """``number`` rounded half up to a whole number (one too large even for that is no number)."""
    try:
        return number.quantize(Decimal(1), rounding=ROUND_HALF_UP, context=_WIDE)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def to_minor(value: object, currency: str) -> int:
    """Convert an amount in major units (``"12.34"`` USD) to minor units, exactly.

    Raises
    ------
    ValueError
        When ``value`` is not an amount, or (``args = (template, fields)``) has more decimals
        than ``currency`` has (``"12.345"`` USD is refused, never rounded: which cent was meant
        is not for Planner to guess). A value less than 0.001 of a minor unit away from one is
        taken as that unit (``0.1 + 0.2`` is 0.30, ``"5.00000002"`` is 5.00).
    """
    digits = minor_digits(currency)
    scaled = parse_decimal(value).scaleb(digits, context=_WIDE)
    whole = _whole(scaled, value)
    if abs(whole - scaled) >= _NOISE:
        raise ValueError(TOO_MANY_DECIMALS, {"value": value, "currency": currency.upper(), "digits": digits})
    return int(whole)


def format_money(minor: int, currency: str, grouping: bool = True) -> str:
    """Format minor units as a decimal string: ``123450 USD -> "1,234.50"``, ``1200 KRW -> "1,200"``."""
    digits = minor_digits(currency)
    sign = "-" if minor < 0 else ""
    whole, part = divmod(abs(int(minor)), 10**digits)
    text = f"{whole:,}" if grouping else str(whole)
    return f"{sign}{text}.{part:0{digits}d}" if digits else f"{sign}{text}"


def money_label(minor: int | None, currency: str) -> str:
    """``1,234.50 USD`` as the app shows a figure; a dash for a missing one."""
    return "–" if minor is None else f"{format_money(int(minor), currency)} {currency}"


# A ratio written as a fraction of whole numbers: 1/3, 2 / 7 (a sign is read, for the bounds to refuse)
FRACTION_FORM = r"(?P<sign>[+-]?)\s*(?P<numerator>\d+)\s*/\s*(?P<denominator>\d+)"
_FRACTION = re.compile(FRACTION_FORM)


def to_ratio(value: object) -> int:
    """Convert ``0.6``, ``"0.6"``, ``"60%"`` or ``"3/5"`` to millionths (``600_000``), rounding
    half up (``"1/3"`` is ``333_333``, ``"2/3"`` is ``666_667``).

    Raises
    ------
    ValueError
        When ``value`` is none of these (``"abc"``, ``"1/0"``).
    """
    text = str(value).strip() if isinstance(value, str) else value
    fraction = _FRACTION.fullmatch(text) if isinstance(text, str) else None
    if fraction:
        numerator, denominator = int(fraction["numerator"]), int(fraction["denominator"])
        if not denominator:
            raise ValueError(f"not a ratio: {value!r}")
        sign = -1 if fraction["sign"] == "-" else 1
        return sign * round_div(numerator * RATIO_SCALE, denominator)
    percent = isinstance(text, str) and text.endswith("%")
    number = parse_decimal(text[:-1] if percent else text)
    if percent:
        number = number.scaleb(-2, context=_WIDE)
    return int(_whole(number.scaleb(6, context=_WIDE), value))


def shares_whole(total, count):
    """Whether ``count`` shares (millionths) adding up to ``total`` make a whole: 100% give or
    take what rounding each share to a millionth can move it (half a millionth a share), so
    that ``1/3`` or ``33.3333%`` three times (99.9999%) is a whole deal, and 99.99% is not.
    Element-wise on arrays."""
    return 2 * np.abs(np.asarray(total, dtype="int64") - RATIO_SCALE) <= np.asarray(count, dtype="int64")


def format_ratio(ppm: int) -> str:
    """Format millionths as a percentage without trailing zeros: ``125_000 -> "12.5%"``."""
    percent = Decimal(int(ppm)) / (RATIO_SCALE // 100)
    text = format(percent.normalize(), "f")
    return f"{text}%"


def _bumped(quotient, remainder, divisor, mode: str):
    """Whether each magnitude ``quotient`` (with ``remainder`` of ``divisor``) goes one up when
    rounded by ``mode``: the one ladder of the four modes (Python-int or int64 arrays)."""
    if mode == "half_up":
        return 2 * remainder >= divisor
    if mode == "half_even":
        return (2 * remainder > divisor) | ((2 * remainder == divisor) & (quotient % 2 == 1))
    if mode == "down":
        return np.zeros(np.shape(quotient), dtype=bool)
    if mode == "up":
        return remainder > 0
    raise PlannerError(
        QT_TRANSLATE_NOOP("errors", "Unknown rounding mode {mode!r}: use half_up, half_even, down or up"),
        mode=mode,
    )


def round_div(numerator, denominator, mode: str = "half_up"):
    """Integer ``numerator / denominator`` rounded by ``mode``, exactly.

    Works element-wise on arrays, computing on Python integers (object arrays) so products
    of large money amounts and ratios never overflow. ``denominator`` must be positive.
    Returns an ``int`` for scalar input, else an object array of ``int``.
    """
    scalar = np.ndim(numerator) == 0 and np.ndim(denominator) == 0
    # at least 1-d object arrays, so every step stays on Python ints (0-d ones decay to numpy scalars)
    n = np.atleast_1d(np.asarray(numerator, dtype=object))
    d = np.atleast_1d(np.asarray(denominator, dtype=object))
    magnitude = np.abs(n)
    quotient, remainder = magnitude // d, magnitude % d
    bump = _bumped(quotient, remainder, d, mode)
    result = (quotient + bump.astype(object)) * np.where(n < 0, -1, 1).astype(object)
    return int(result[0]) if scalar else result


def apply_ratio(minor, ppm, mode: str = "half_up"):
    """``minor × ppm / 1e6`` rounded once by ``mode`` (a money line times a rate)."""
    return round_div(np.asarray(minor, dtype=object) * np.asarray(ppm, dtype=object), RATIO_SCALE, mode)


# Products below this fit int64 with room for the rounding step.
_INT64_SAFE = 2**62


def exact_product(a, b) -> np.ndarray:
    """Element-wise ``a × b`` of integer arrays, exactly: int64 when no product can overflow,
    else Python integers (an object array)."""
    a, b = np.asarray(a), np.asarray(b)
    big = (int(np.abs(a).max(initial=0)) if a.size else 0) * (int(np.abs(b).max(initial=0)) if b.size else 0)
    if big < _INT64_SAFE and a.dtype != object and b.dtype != object:
        return a.astype(np.int64, copy=False) * b.astype(np.int64, copy=False)
    return a.astype(object) * b.astype(object)


def times_ratio(minor, ppm, mode: str = "half_up") -> np.ndarray:
    """:func:`apply_ratio` on arrays, as int64: ``minor × ppm / 1e6`` rounded once by ``mode``.
    Computed on int64 when no product can overflow (the common case, and fast), else on
    Python integers; the results must fit int64 (they do for amounts the book accepts)."""
    product = exact_product(minor, ppm)
    if product.dtype == object:
        return np.asarray(round_div(product, RATIO_SCALE, mode), dtype=object).astype(np.int64)
    magnitude = np.abs(product)
    quotient, remainder = np.divmod(magnitude, RATIO_SCALE)
    bump = _bumped(quotient, remainder, RATIO_SCALE, mode)
    return np.where(product < 0, -(quotient + bump), quotient + bump)
