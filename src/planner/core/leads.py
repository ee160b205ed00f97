"""Lead scoring (seed 001): points per signal, a threshold, and qualified leads turned into deals.

How a lead's signals are written: its ``signals`` cell on the Leads sheet lists what the lead
did or is, separated by ``;`` (or ``,``), each the name of a signal of the LeadRules sheet,
optionally followed by how many times: ``pricing page visit; email open ×3; fits buyer persona``
(``x3`` and ``*3`` work too). Names match case- and space-insensitively. One cell per lead keeps
the Leads sheet one row per lead, as a manager fills it in or pastes it from a marketing tool,
while the rules (signal, points) stay a sheet of their own that anyone can edit.

A lead's score is the sum of points × times over its signals (exact integers); it is
*qualified* at or above the threshold (decisions.md), the ``lead_threshold`` setting (default
20). A signal name that no rule has, a bad count, a rule named with a separator or a threshold
that is not a whole number is a problem of the book (``lead_problems``), never a crash: the
unknown signal scores nothing until it is fixed. ``convert_leads`` turns qualified leads into
open deals as one change (undone as one).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from planner.core import schema
from planner.core.changes import Batch, Change, InsertRows, SetValues
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError
from planner.core.problems import Problem, Refused
from planner.core.resolve import row_positions
from planner.core.schema import ROW_ID, Kind
from planner.core.stage_history import record_day

THRESHOLD_KEY = "lead_threshold"
DEFAULT_THRESHOLD = 20
MAX_THRESHOLD = 10**12
MAX_TIMES = 1_000_000
SEPARATORS = re.compile(r"[;,]")
# "email open ×3", "email open x 3", "email open*3" (a bare x needs a space before it: "Box3" is a name)
_ITEM = re.compile(r"^(?P<name>.*?)(?:\s*[×*]\s*|\s+[xX]\s*)(?P<times>\d+)$")

YES, NO = QT_TRANSLATE_NOOP("values", "yes"), QT_TRANSLATE_NOOP("values", "no")
T, I = Kind.TEXT, Kind.INT
# The computed scores, one row per lead (index: the lead's row id), best first in the app.
LEAD_SCORES = schema.Table("LeadScores", QT_TRANSLATE_NOOP("schema", "Lead scores"), (
    schema.Column("id", T, QT_TRANSLATE_NOOP("schema", "Lead ID")),
    schema.Column("name", T, QT_TRANSLATE_NOOP("schema", "Name")),
    schema.Column("score", I, QT_TRANSLATE_NOOP("schema", "Score")),
    schema.Column("qualified", T, QT_TRANSLATE_NOOP("schema", "Qualified"), allowed=(YES, NO)),
    schema.Column("deal", T, QT_TRANSLATE_NOOP("schema", "Converted deal")),
    schema.Column("breakdown", T, QT_TRANSLATE_NOOP("schema", "Points per signal")),
), key=("id",))

UNKNOWN_SIGNAL = QT_TRANSLATE_NOOP("errors", "{value!r} is not a signal of the lead scoring rules")
BAD_TIMES = QT_TRANSLATE_NOOP("errors", "{value!r}: a signal counts from 0 to 1,000,000 times")
RULE_SEPARATOR = QT_TRANSLATE_NOOP("errors", "a signal's name cannot contain ';' or ','")
RULE_TWICE = QT_TRANSLATE_NOOP("errors", "the signal {value!r} has an earlier rule")
BAD_THRESHOLD = QT_TRANSLATE_NOOP("errors", "the lead threshold {value!r} is not a whole number of points")
NOT_QUALIFIED = QT_TRANSLATE_NOOP("errors", "scores {score}, below the threshold {threshold}: not converted")
ALREADY = QT_TRANSLATE_NOOP("errors", "already converted to deal {deal}")
NO_OWNER = QT_TRANSLATE_NOOP("errors", "has no owner: choose the rep who will own the deal")
SIGNAL_PROBLEM = QT_TRANSLATE_NOOP("errors", "its signals have a problem; fix them before converting")
NO_OPEN_STAGE = QT_TRANSLATE_NOOP("errors", "the Stages sheet has no open stage for new deals")
NO_LEADS = QT_TRANSLATE_NOOP("errors", "no lead is selected")


def normal(name: str) -> str:
    """A signal's name as compared: case-folded, spaces collapsed."""
    return " ".join(str(name).split()).casefold()


def parse_signals(text) -> tuple[list[tuple[str, int]], list[str]]:
    """The (name, times) of each signal of a Signals cell, and the items that are not readable."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return [], []
    found, bad = [], []
    for item in SEPARATORS.split(str(text)):
        item = item.strip()
        if not item:
            continue
        match = _ITEM.match(item)
        name, times = (match["name"].strip(), int(match["times"])) if match else (item, 1)
        if not name or times > MAX_TIMES:
            bad.append(item)
            continue
        found.append((name, times))
    return found, bad


def rules(book) -> dict[str, tuple[str, int]]:
    """Each rule's signal (compared as ``normal``) -> (its name as written, its points); the first
    rule of a signal wins. Once per state of the book: the scores and the checks both read them."""
    def build() -> dict[str, tuple[str, int]]:
        frame = book["LeadRules"]
        out: dict[str, tuple[str, int]] = {}
        for signal, points in zip(*(frame[name].to_numpy(dtype=object, na_value=None).tolist()
                                    for name in ("signal", "points"))):
            if signal is not None and points is not None:  # a rule without either counts for nothing
                out.setdefault(normal(signal), (str(signal).strip(), int(points)))
        return out
    return book.cached("lead rules", build, depends={"LeadRules": ("signal", "points")})


def threshold(book) -> int:
    """The ``lead_threshold`` setting (default 20); PlannerError when it is not a whole number."""
    text = book.setting(THRESHOLD_KEY)
    if text is None or text == "":
        return DEFAULT_THRESHOLD
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise PlannerError(BAD_THRESHOLD, value=text) from None
    if not abs(value) <= MAX_THRESHOLD or value != int(value):  # NaN fails the first test
        raise PlannerError(BAD_THRESHOLD, value=text)
    return int(value)


def _threshold_or_default(book) -> int:
    try:
        return threshold(book)
    except PlannerError:
        return DEFAULT_THRESHOLD  # the setting is flagged as a problem


def score_leads(book) -> pd.DataFrame:
    """Every lead's score, qualified flag and points per signal (``LEAD_SCORES``), indexed by the
    lead's row id in sheet order. Cached per revision."""
    def build() -> pd.DataFrame:
        leads, known = book["Leads"], rules(book)
        limit = _threshold_or_default(book)
        scored: dict[object, tuple[int, str]] = {}  # per distinct cell: a sheet repeats a few patterns
        for text in leads["signals"].dropna().unique():
            total, parts = 0, []
            for name, times in parse_signals(text)[0]:
                rule = known.get(normal(name))
                if rule is None:
                    continue
                total += rule[1] * times
                parts.append(f"{rule[1] * times:+d} {rule[0]}" + (f" ×{times}" if times != 1 else ""))
            scored[text] = (total, ", ".join(parts))
        cells = leads["signals"].astype(object).where(leads["signals"].notna(), None)
        score = [scored[text][0] if text is not None else 0 for text in cells]
        frame = pd.DataFrame({
            "id": leads["id"],
            "name": leads["name"],
            "score": pd.array(score, dtype="Int64"),
            "qualified": pd.array([YES if s >= limit else NO for s in score], dtype="string"),
            # the converted deals' ids taken by place: a map through 100,000 deals costs 1 ms for 30 leads
            "deal": pd.Series(book["Deals"]["id"].astype("string").array.take(
                row_positions(leads["deal"], book["Deals"].index), allow_fill=True), index=leads.index),
            "breakdown": pd.array([scored[text][1] if text is not None else "" for text in cells], dtype="string"),
        }, index=leads.index)
        frame.index.name = ROW_ID
        return frame
    return book.cached("lead_scores", build, depends={"Deals": ("id",)})


def summary(book) -> dict:
    """How many leads, how many qualified and converted, and the threshold used; once per
    revision (every period's report shows the same)."""
    def build() -> dict:
        scores = score_leads(book)
        return {"count": len(scores), "qualified": int((scores["qualified"] == YES).sum()),
                "converted": int(scores["deal"].notna().sum()), "threshold": _threshold_or_default(book)}
    return dict(book.cached("lead summary", build, depends=()))  # (a copy: a caller's change stays its own)


def lead_problems(book) -> list[Problem]:
    """Signals no rule has, unreadable counts, badly named rules and a bad threshold."""
    found = []
    known = rules(book)
    by_text: dict[str, list] = {}  # each distinct cell's rows, cells in the order they first come
    for row, text in zip(book["Leads"].index.tolist(),
                         book["Leads"]["signals"].to_numpy(dtype=object, na_value=None).tolist()):
        if text is not None:
            by_text.setdefault(text, []).append(row)
    for text, rows in by_text.items():  # each distinct cell parsed once
        parsed, bad = parse_signals(text)
        wrong = [(BAD_TIMES, item) for item in bad] + [(UNKNOWN_SIGNAL, name) for name, _times in parsed
                                                       if normal(name) not in known]
        found += [book.problem("Leads", int(row), "signals", template, value=value)
                  for row in rows for template, value in wrong]
    seen, exact = set(), set()
    for row, signal in book["LeadRules"]["signal"].dropna().items():
        if SEPARATORS.search(signal):
            found.append(book.problem("LeadRules", row, "signal", RULE_SEPARATOR))
        elif normal(signal) in seen and signal not in exact:  # exact duplicates: the key check says so
            found.append(book.problem("LeadRules", row, "signal", RULE_TWICE, value=signal))
        seen.add(normal(signal))
        exact.add(signal)
    try:
        threshold(book)
    except PlannerError as error:
        settings = book["Settings"]
        rows = settings.index[settings["key"].str.strip().str.lower() == THRESHOLD_KEY]
        found.append(book.problem("Settings", int(rows[-1]) if len(rows) else None, "value",
                                  error.template, **error.fields))
    return found


def threshold_change(book, value: int) -> Change:
    """The change that sets the ``lead_threshold`` setting to ``value`` (adding the setting when
    the book has none)."""
    settings = book["Settings"]
    rows = settings.index[settings["key"].str.strip().str.lower() == THRESHOLD_KEY]
    text = pd.array([str(int(value))], dtype="string")
    if len(rows):
        return SetValues("Settings", pd.DataFrame({"value": text}, index=pd.Index([int(rows[-1])], name=ROW_ID)))
    return book.insertion("Settings", pd.DataFrame({"key": [THRESHOLD_KEY], "value": text}))


def convert_leads(book, leads, stage: int | None = None, on: date | None = None) -> Change:
    """The change (not applied) that turns the leads with row ids ``leads`` into open deals and
    marks each lead with its deal; :class:`Refused` (nothing made) when a lead is not qualified,
    already converted, has no owner or has a signal problem.

    Each deal: the next free deal id (``D-00042`` after ``D-00041``), named after the company and
    the contact, account = company, owner = the lead's owner, ``stage`` (default: the first open
    stage), created ``on`` (default: the book's ``as_of`` setting, else today), no amount yet
    (an open deal may lack it), deal type ``new``.
    """
    leads = [int(lead) for lead in dict.fromkeys(leads)]
    if not leads:
        raise PlannerError(NO_LEADS)
    frame, scores = book["Leads"], score_leads(book)
    troubled = {problem.row for problem in lead_problems(book) if problem.table == "Leads"}
    limit, refused = _threshold_or_default(book), []
    deals = book["Deals"]
    for lead in leads:
        if lead not in frame.index:
            refused.append(book.problem("Leads", lead, None, QT_TRANSLATE_NOOP("errors", "row #{row} no longer exists"),
                                        row=lead))
        elif pd.notna(frame.at[lead, "deal"]):
            deal = frame.at[lead, "deal"]
            refused.append(book.problem("Leads", lead, "deal", ALREADY,
                                        deal=str(deals["id"].get(deal, f"#{deal}"))))
        elif lead in troubled:
            refused.append(book.problem("Leads", lead, "signals", SIGNAL_PROBLEM))
        elif int(scores.at[lead, "score"]) < limit:
            refused.append(book.problem("Leads", lead, "signals", NOT_QUALIFIED,
                                        score=int(scores.at[lead, "score"]), threshold=limit))
        elif pd.isna(frame.at[lead, "owner"]):
            refused.append(book.problem("Leads", lead, "owner", NO_OWNER))
    if refused:
        raise Refused(refused)
    if stage is None:
        stages = book["Stages"]
        open_stages = stages[stages["kind"] == "open"].sort_values("order", kind="stable")
        if not len(open_stages):
            raise Refused([Problem("Stages", None, "kind", NO_OPEN_STAGE)])
        stage = int(open_stages.index[0])
    day = record_day(book, on)
    chosen = frame.loc[leads]
    names = [" · ".join(str(part) for part in (company, name) if pd.notna(part))
             for company, name in zip(chosen["company"], chosen["name"])]
    new = pd.DataFrame({
        "id": next_deal_ids(deals["id"], len(leads)),
        "name": pd.array([name or None for name in names], dtype="string"),
        "account": chosen["company"].to_numpy(),
        "owner": pd.array(chosen["owner"].to_numpy(), dtype="Int64"),
        "stage": pd.array([stage] * len(leads), dtype="Int64"),
        "created": pd.Series([day] * len(leads), dtype="datetime64[ns]"),
        "deal_type": "new",
    })
    insert: InsertRows = book.insertion("Deals", new)
    mark = SetValues("Leads", pd.DataFrame({"deal": pd.array(insert.rows.index, dtype="Int64")},
                                           index=pd.Index(leads, name=ROW_ID)))
    return Batch((insert, mark))


def next_deal_ids(existing: pd.Series, count: int) -> list[str]:
    """``count`` deal ids following the book's last numbered one (``D-00041`` -> ``D-00042``),
    never one the book has; ``D-00001`` onwards in a book without numbered deals."""
    taken = set(existing.dropna().astype(str))
    numbered = existing.dropna().astype(str).str.extract(r"^(.*?)(\d+)$").dropna()
    if len(numbered):
        prefix, digits = numbered.iloc[-1]
        width = len(digits)
        same = numbered[numbered[0] == prefix][1].astype(int)
        number = int(same.max()) + 1
    else:
        prefix, width, number = "D-", 5, 1
    out = []
    while len(out) < count:
        candidate = f"{prefix}{number:0{width}d}"
        if candidate not in taken:
            out.append(candidate)
        number += 1
    return out
