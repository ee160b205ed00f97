"""Commission statements as people read them (no Qt), for the Statements sheet of an export and
the PDF statements the app prints; and how a PDF is saved.

:func:`statement_table` joins the engine's statement lines
(:func:`planner.core.statements.statements`, on row ids) with what a person reads: the rep's
own id and name, the plan's name, the deal's id and name, the tier's attainment range and the
rule in words. :func:`save_pdf` writes a finished PDF into place, refusing in one clear
sentence what cannot be written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import pandas as pd

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.kinds import is_missing, label
from planner.core.periods import Period
from planner.core.adjustments import paid_statements
from planner.core.draws import pay_context
from planner.core.statements import shown_statement

CONTEXT = ("base_salary", "target_incentive", "ote")
# what an adjustment line (core/adjustments.py) adjusts, by its reason (schema.ADJUSTMENT_REASONS)
ADJUSTS = QT_TRANSLATE_NOOP("statements", "adjusts {period}")
_ADJUSTS_BECAUSE = {"cancelled": QT_TRANSLATE_NOOP("statements", "adjusts {period}, cancelled"),
                    "recomputed": QT_TRANSLATE_NOOP("statements", "adjusts {period}, recomputed")}
NOT_A_PDF = QT_TRANSLATE_NOOP("errors", "{path} exists and is not a PDF file: it is not replaced (choose another name)")
NOT_PDF_NAME = QT_TRANSLATE_NOOP("errors", "{path}: statements are written as a PDF file; give it a name ending "
                                           "in .pdf ({suggested})")


def statement_table(book, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The payouts of ``period`` and their statement lines, as people read them.

    ``payouts``: one row per rep on a plan and plan period (the engine's order: reps in Reps
    order, then periods): ``rep`` (row id), ``rep_key`` (the user's id), ``name``, ``plan_id``
    and ``plan`` (its name), ``period``, ``quota``, ``won`` (the period's won credit) and
    ``total`` (the sum of its lines), ``draw_balance`` (the recoverable draw carried after it)
    and, for information, ``base_salary``, ``target_incentive`` and ``ote`` of the period
    (:func:`planner.core.draws.pay_context`; missing where the book holds none). ``lines``: the engine's lines (row ids, as
    :func:`planner.core.statements.statements` gives them) with ``rep_key``, the deal's
    ``deal_key`` and ``deal_name``, ``tier_text`` (the tier's or bonus's attainment range,
    ``50%–100%``) and the tier's ``from``, ``to`` and ``method`` (a bonus line's ``from``: the
    attainment it pays at)."""
    payouts, lines = paid_statements(book, period)
    reps, tiers, bonuses = book["Reps"], book["PlanTiers"], book["PlanBonuses"]
    shown = shown_statement(book, lines)
    payout_keys = pd.MultiIndex.from_arrays([payouts["rep"], payouts["period"]])
    totals = lines.groupby([lines["rep"], lines["period"]])["amount"].sum().reindex(payout_keys).fillna(0)
    payouts = pd.DataFrame({
        "rep": payouts["rep"].to_numpy(dtype="int64"),
        "rep_key": reps["id"].reindex(payouts["rep"]).to_numpy(dtype=object),
        "name": reps["name"].reindex(payouts["rep"]).astype(object).where(lambda n: n.notna(), None).to_numpy(),
        "plan_id": payouts["plan"].to_numpy(dtype="int64"),
        "plan": book["Plans"]["plan"].reindex(payouts["plan"]).to_numpy(dtype=object),
        "period": payouts["period"].astype(str).to_numpy(dtype=object),
        "quota": pd.array(payouts["quota"], dtype="Int64"),
        "won": payouts["won"].to_numpy(dtype="int64"),
        "total": totals.to_numpy(dtype="int64"),
        "draw_balance": pd.array(payouts["draw_balance"] if "draw_balance" in payouts else [pd.NA] * len(payouts),
                                 dtype="Int64"),
    })
    # beside the lines, for information (core/draws.py): the period's base salary, target incentive and OTE
    context = [pay_context(book, rep, plan, label) for rep, plan, label in
               zip(payouts["rep"], payouts["plan_id"], payouts["period"])]
    for key in CONTEXT:
        payouts[key] = pd.array([one.get(key) for one in context], dtype="Int64")

    def of(table: pd.DataFrame, column: str, ids: pd.Series) -> pd.Series:
        return table[column].reindex(pd.array(ids, dtype="Int64")).reset_index(drop=True)

    bonus = lines["bonus"].notna().to_numpy()
    lines = lines.reset_index(drop=True).assign(
        rep_key=shown["rep"].array, deal_key=shown["deal"].array, deal_name=shown["deal_name"].array,
        tier_text=shown["tier"].array, method=of(tiers, "method", lines["tier"]),
        to=of(tiers, "to", lines["tier"]).astype("Int64"),
        **{"from": of(tiers, "from", lines["tier"]).astype("Int64").where(~bonus, of(bonuses, "from", lines["bonus"]))},
    )
    return payouts, lines


def rule_words(rule: str, translate) -> str:
    """The rule that produced a line, in the user's words (``retro_lift`` -> "Retroactive lift")."""
    return label(rule, translate)


def adjusting(adjusts, reason, translate=None) -> str:
    """What an adjustment line adjusts, in words (``adjusts 2026-01, cancelled``): the one text
    of the CLI's statement and the PDF's; empty for a line that adjusts nothing. ``translate``:
    (context, text) -> text, as QCoreApplication.translate (None: English)."""
    if is_missing(adjusts):
        return ""
    template = ADJUSTS if is_missing(reason) else _ADJUSTS_BECAUSE.get(reason, ADJUSTS)
    return (translate("statements", template) if translate else template).format(period=adjusts)


_PDF_MAGIC = b"%PDF-"


def save_pdf(path: Path, data: bytes) -> None:
    """Write the PDF ``data`` to ``path``: beside it first, then renamed into place, so a failed
    write never leaves half a file. Refuses (one sentence naming the file) a folder, a missing
    or read-only folder, a name not ending in ``.pdf`` and an existing file that is not a PDF
    (a book, a workbook): never replaced."""
    from planner.io.excel_export import CANNOT_WRITE, _reason, check_writable  # (excel_export imports this module)

    path = Path(path)
    check_writable(path)
    if path.suffix.lower() != ".pdf":
        raise PlannerError(NOT_PDF_NAME, path=str(path), suggested=str(path.with_suffix(".pdf")))
    if path.exists():
        try:
            with path.open("rb") as file:
                head = file.read(len(_PDF_MAGIC))
        except OSError as error:
            raise PlannerError(CANNOT_WRITE, path=str(path), reason=_reason(error)) from None
        if head and head != _PDF_MAGIC:
            raise PlannerError(NOT_A_PDF, path=str(path))
    temporary = path.absolute().parent / f".{path.stem}-{secrets.token_hex(6)}.pdf"
    try:
        with temporary.open("wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise PlannerError(CANNOT_WRITE, path=str(path), reason=_reason(error)) from None
