"""Which sheet is which table, which header is which column, which stage is which stage.

Headers are recognised case-, space- and punctuation-insensitively (``Expected close date``,
``expected_close``, ``EXPECTED-CLOSE``), in English, Korean and Japanese, and as the deal
exports of HubSpot, Salesforce, Pipedrive, Zoho and Odoo and the Maven "CRM Sales
Opportunities" data set write them. What is guessed is a :class:`Mapping` the user can check,
change and save as JSON for the next import (the command line takes a saved one).

Besides the book's own columns, a few *derived* source columns of Deals are recognised
(``DERIVED``): they do not exist in the book but say something the import needs, such as a
close date that is the expected close while a deal is open and the actual one once it closed
(Salesforce ``CloseDate``), a stage's probability written on every deal, or Pipedrive's
open/won/lost status.

A header may fill several columns (``"Order Date": ["created", "closed"]`` in the JSON): an
*order log* — a Deals sheet with an order date and no stage (Kaggle's sales sample, Tableau's
Superstore) — is guessed so, its status read as an order status and its region or territory
as what names each order's rep (see :mod:`planner.io.import_orders`).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError, os_reason
from planner.io.import_aliases import HEADER_ALIASES, NOT_TABLES, SHEET_ALIASES

# Source columns of Deals that are not book columns but feed it (see the module docstring).
DERIVED = {
    "close_date": "the close date: expected while the deal is open, actual once won or lost",
    "probability": "the probability of the deal's stage (gives the Stages sheet its probabilities)",
    "status": "open, won or lost (Pipedrive's status; the stage's kind)",
    "is_won": "TRUE when the deal is won (Salesforce IsWon)",
    "is_closed": "TRUE when the deal is won or lost (Salesforce IsClosed)",
    "won_time": "when the deal was won (Pipedrive)",
    "lost_time": "when the deal was lost (Pipedrive)",
    # order logs (planner.io.import_orders)
    "order_status": "an order's status: cancelled, returned or disputed orders are cancelled on their date",
    "returned": "TRUE or Yes when the order was returned (a returns list such as Superstore's Returns sheet)",
    "region": "the order's region or territory: its rep is the one rep of that team, else a rep named after it",
}
# Source columns that say a deal's stage: a Deals sheet without any of them is an order log
# when its date goes to created and closed (or it says which orders were returned or cancelled).
STAGE_SOURCES = ("stage", "status", "is_won", "is_closed", "won_time", "lost_time")
ORDER_SOURCES = ("order_status", "returned")
# An order's date: when the deal was created and closed (HEADER_ALIASES' "order_date").
ORDER_DATE = ("created", "closed")
_ORDER_DATE_KEY = "order_date"
# What a header maps to when it is kept as the user's own column, or not imported at all.
EXTRA, SKIP = None, "-"
# An owner mapped to a rep the import makes (deals without an owner: the "Unassigned" rep).
NEW_REP = "new"



def targets_of(target) -> tuple[str, ...]:
    """The columns a header goes to: none (kept as the user's own, or left out), one or several."""
    if target is EXTRA or target == SKIP:
        return ()
    return tuple(target) if isinstance(target, (tuple, list)) else (target,)


def is_order_log(targets) -> bool:
    """Whether a Deals sheet whose headers go to ``targets`` is an order log: no stage, and a
    date that is created and closed at once, or an order status or returns column."""
    targets = list(targets)
    columns = {column for target in targets for column in targets_of(target)}
    if columns & set(STAGE_SOURCES):
        return False
    return bool(columns & set(ORDER_SOURCES)) or any(
        set(ORDER_DATE) <= set(targets_of(target)) for target in targets)


# A table is guessed from headers alone only when these columns (any one of each group) are there.
_EVIDENCE = {
    "Deals": [("stage", "amount", "status", "is_won"), ("id", "name", "owner", "created", "close_date",
                                                         "closed", "expected_close")],
    "Reps": [("name", "id"), ("team", "manager", "role", "start_date", "plan", "base_salary", "name")],
    "Teams": [("name",), ("parent",)],  # a team's manager alone is a rep's (the Reps sheet)
    "Stages": [("stage",), ("probability", "kind", "order")],
    "StageHistory": [("deal_id",), ("entered",), ("stage",)],
    "AmountHistory": [("deal_id",), ("changed",), ("before",)],
    "Quotas": [("period",), ("amount",)],
    "Plans": [("plan",), ("period", "cap")],
    "PlanTiers": [("plan",), ("rate",), ("from",)],
    "PlanBonuses": [("plan",), ("from",), ("amount",)],
    "PlanMultipliers": [("plan",), ("multiplier",), ("product", "deal_type")],
    "Spiffs": [("plan",), ("amount",), ("product", "deal_type", "from", "to")],
    "PlanDraws": [("plan",), ("amount",), ("recoverable",)],
    "PlanAssignments": [("rep",), ("plan",), ("from",)],
    "Splits": [("deal_id",), ("share",)],
    "Settings": [("key",), ("value",)],
    "ForecastOverrides": [("period",), ("rep",), ("category",), ("amount",)],
    "ForecastSnapshots": [("taken",), ("period",), ("method",), ("amount",)],
    "Leads": [("id",), ("signals",)],
    "LeadRules": [("signal",), ("points",)],
}
_PUNCTUATION = re.compile(r"[\W_]+", re.UNICODE)
_PREFIX = re.compile(r"^\s*(?:deal|opportunity|organization|person)\s+-\s+", re.IGNORECASE)  # Pipedrive


def normalize(text: object) -> str:
    """A header as compared: NFKC (full-width letters as ASCII), case-folded, without spaces,
    punctuation or underscores (``Expected close-date`` → ``expectedclosedate``)."""
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


def _alias_index() -> dict[str, dict[str, tuple[str, int]]]:
    """table -> normalized alias -> (column, rank); a column's own name has rank -1."""
    index: dict[str, dict[str, tuple[str, int]]] = {}
    for table, spec in ((name, schema.TABLES[name]) for name in schema.SHEETS):
        entries: dict[str, tuple[str, int]] = {}
        for name in spec.names:
            entries.setdefault(normalize(name), (name, -1))
        for column, aliases in HEADER_ALIASES.get(table, {}).items():
            for rank, alias in enumerate(aliases):
                entries.setdefault(normalize(alias), (column, rank))
        index[table] = entries
    return index


_ALIASES = _alias_index()
_SHEETS = {normalize(alias): table for table, aliases in SHEET_ALIASES.items() for alias in aliases}
_NOT_TABLES = {normalize(name) for name in NOT_TABLES}


@dataclass
class Mapping:
    """How sources are read into the book's tables; saved as JSON for the next import.

    Attributes
    ----------
    tables : dict
        Source → table: a source is a sheet's name in a workbook or a CSV file's name (with
        or without its extension); ``None`` leaves the source out.
    columns : dict
        Table → {source header → book column, a derived column of ``DERIVED``, a tuple of
        them (a list in the JSON: ``["created", "closed"]`` fills both), ``None`` to keep it as
        the user's own column, or ``"-"`` to leave it out}. Headers match case-, space- and
        punctuation-insensitively; headers not listed are guessed.
    stages : dict
        Stage name as the files write it → a stage of the book (the deals move to it) or a kind
        (``"won"``, ``"lost"``, ``"open"``: a new stage of that kind).
    owners : dict
        Owner as the files write it (``""``: deals without an owner) → a rep of the book or of
        the files (id or name), or ``"new"``: a new rep of that name ("Unassigned" for ``""``).
        Merging into a book needs it for every owner the book does not know.
    date_order : str
        ``"auto"`` (a file's dates such as ``13/03/2026`` tell), ``"mdy"`` (US, 03/05/2026 is
        5 March) or ``"dmy"``.
    date_system : str
        ``"auto"`` (a workbook's own setting; 1900 for CSV), ``"1900"`` or ``"1904"``: how
        numbers in date columns count days.
    currency : str or None
        The currency of amounts when the book does not say (ISO code).
    """

    tables: dict[str, str | None] = field(default_factory=dict)
    columns: dict[str, dict[str, str | None]] = field(default_factory=dict)
    stages: dict[str, str] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)
    date_order: str = "auto"
    date_system: str = "auto"
    currency: str | None = None

    VERSION = 1

    # -- lookups ---------------------------------------------------------------------------
    def table_of(self, source: str) -> tuple[bool, str | None]:
        """(known, table) for a source: its entry by exact name, else by name without the
        extension, compared case-insensitively."""
        candidates = [source, Path(source).stem] if "." in source else [source]
        for candidate in candidates:
            for key, table in self.tables.items():
                if key == candidate or normalize(key) == normalize(candidate):
                    return True, table
        return False, None

    def column_of(self, table: str, header: str) -> tuple[bool, str | None]:
        """(known, target) for a header of a sheet of ``table``, as this mapping says."""
        wanted = normalize(header)
        for key, target in self.columns.get(table, {}).items():
            if normalize(key) == wanted:
                return True, target
        return False, None

    # -- saving ----------------------------------------------------------------------------
    def to_json(self) -> dict:
        return {"planner_mapping": self.VERSION, "tables": dict(self.tables),
                "columns": {table: {header: list(target) if isinstance(target, tuple) else target
                                    for header, target in columns.items()}
                            for table, columns in self.columns.items()},
                "stages": dict(self.stages), "owners": dict(self.owners), "date_order": self.date_order,
                "date_system": self.date_system,
                "currency": self.currency}

    @classmethod
    def from_json(cls, data: dict) -> Mapping:
        """A mapping from its JSON form, checked.

        Raises
        ------
        PlannerError
            When a table, column, stage kind or option is not one Planner knows.
        """
        if not isinstance(data, dict) or "planner_mapping" not in data:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "This is not a Planner import mapping (no \"planner_mapping\" key)"))
        if data["planner_mapping"] != cls.VERSION:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "This import mapping has format {version}; this Planner reads format {known}"),
                               version=data["planner_mapping"], known=cls.VERSION)
        for key in ("stages", "owners"):  # names as the files write them -> what they are
            entries = data.get(key) or {}
            if not isinstance(entries, dict) or not all(isinstance(v, str) for v in [*entries, *entries.values()]):
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: {key!r} must map names to names (such as "
                                                               "\"Closed Maybe\": \"Closed Won\")"), key=key)
        mapping = cls(tables=dict(data.get("tables") or {}),
                      columns={t: {h: tuple(v) if isinstance(v, list) else v for h, v in dict(c).items()}
                               for t, c in (data.get("columns") or {}).items()},
                      stages=dict(data.get("stages") or {}), owners=dict(data.get("owners") or {}),
                      date_order=data.get("date_order", "auto"),
                      date_system=str(data.get("date_system", "auto")), currency=data.get("currency"))
        mapping.check()
        return mapping

    def check(self) -> None:
        """Raise a clear error for anything this mapping names that Planner does not know."""
        for source, table in self.tables.items():
            if table is not None and table not in schema.SHEETS:
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: {source!r} goes to {table!r}, which is not a table (use one of {tables})"),
                                   source=source, table=table, tables=", ".join(schema.SHEETS))
        for table, columns in self.columns.items():
            if table not in schema.SHEETS:
                raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: {table!r} is not a table (use one of {tables})"), table=table,
                                   tables=", ".join(schema.SHEETS))
            known = set(schema.TABLES[table].names) | (set(DERIVED) if table == "Deals" else set())
            for header, target in columns.items():
                several = isinstance(target, tuple)
                for column in target if several else (target,):
                    if column not in known and (several or column not in (EXTRA, SKIP)):
                        raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: {header!r} goes to {column!r}, which is not a column of {table}"),
                                           header=header, column=column, table=table)
        if self.date_order not in ("auto", "mdy", "dmy"):
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: date_order {value!r} is not auto, mdy or dmy"), value=self.date_order)
        if self.date_system not in ("auto", "1900", "1904"):
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Mapping: date_system {value!r} is not auto, 1900 or 1904"), value=self.date_system)

    def save(self, path: Path | str) -> None:
        """Write the mapping as JSON (UTF-8) to ``path``.

        Parameters
        ----------
        path : path
            Where to write it: written beside it and renamed into place, so an existing file
            is replaced whole and a link there is replaced, never written through.

        Raises
        ------
        PlannerError
            When the mapping names a table or column Planner does not know.
        OSError
            When the file cannot be written.
        """
        self.check()
        path = Path(path)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)

    @classmethod
    def load(cls, path: Path | str) -> Mapping:
        """Read a mapping saved with :meth:`save`.

        Parameters
        ----------
        path : path
            A JSON file written by :meth:`save` (or by hand in the same form).

        Returns
        -------
        Mapping

        Raises
        ------
        PlannerError
            When the file cannot be read, is not JSON or is not a mapping Planner knows.
        """
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "Could not read {path}: {reason}"), path=str(path),
                               reason=os_reason(error)) from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise PlannerError(QT_TRANSLATE_NOOP("errors", "{path} is not an import mapping (JSON): {reason}"), path=str(path),
                               reason=str(error)) from None
        return cls.from_json(data)

    def merged(self, other: Mapping) -> Mapping:
        """This mapping with ``other``'s entries added where this one has none."""
        columns = {table: dict(entries) for table, entries in other.columns.items()}
        for table, entries in self.columns.items():
            columns.setdefault(table, {}).update(entries)
        return Mapping(tables={**other.tables, **self.tables}, columns=columns, stages={**other.stages, **self.stages},
                       owners={**other.owners, **self.owners},
                       date_order=self.date_order, date_system=self.date_system,
                       currency=self.currency or other.currency)


def table_for_name(name: str | None) -> str | None:
    """The table a sheet or file name says (``Deals``, ``거래``, ``商談``, ``sales_pipeline.csv``), if any."""
    if not name:
        return None
    text = str(name)
    table = _SHEETS.get(normalize(text))
    if table is None and "." in text:
        table = _SHEETS.get(normalize(Path(text).stem))
    return table


def is_not_table(name: str | None) -> bool:
    """Whether a sheet's name says it is no table (``NOT_TABLES``: the figures of Planner's own
    export, notes)."""
    if not name:
        return False
    text = str(name)
    return normalize(text) in _NOT_TABLES or ("." in text and normalize(Path(text).stem) in _NOT_TABLES)


def guess_columns(headers: list[str], table: str, mapping: Mapping | None = None) -> dict[str, str | None]:
    """Header → column (or a derived column, or ``None``: an extra column) for a sheet of ``table``.

    A header the mapping names keeps the mapping's choice. Otherwise it is matched against the
    column names and ``HEADER_ALIASES`` (also without a Pipedrive ``Deal - `` prefix); when two
    headers claim one column, the better alias wins and the other stays an extra column. A
    Deals sheet with an order date and no stage is an order log: its date goes to created and
    closed (a tuple), its status is an order status.

    Parameters
    ----------
    headers : list of str
        A sheet's headers, in order.
    table : str
        The table the sheet is.
    mapping : Mapping, optional
        Choices that win over the guesses.

    Returns
    -------
    dict
        Every header → its column, ``DERIVED`` column, a tuple of them, ``None`` (kept as the
        user's own) or ``"-"`` (left out).
    """
    index = _ALIASES.get(table, {})
    derived = set(DERIVED) | {_ORDER_DATE_KEY} if table == "Deals" else set()
    chosen: dict[str, str | None] = {}
    claims: dict[str, tuple[tuple[int, int], str]] = {}  # column -> ((rank, position), header)
    for position, header in enumerate(headers):
        if mapping is not None:
            known, target = mapping.column_of(table, header)
            if known:
                chosen[header] = target
                for column in targets_of(target):
                    claims[column] = ((-2, position), header)
                continue
        hit = index.get(normalize(header))
        if hit is None:
            stripped = _PREFIX.sub("", str(header))
            hit = index.get(normalize(stripped)) if stripped != header else None
        chosen[header] = None
        if hit is None:
            continue
        column, rank = hit
        if column not in schema.TABLES[table].names and column not in derived:
            continue
        previous = claims.get(column)
        if previous is None or (rank, position) < previous[0]:
            if previous is not None:
                chosen[previous[1]] = None
            claims[column] = ((rank, position), header)
            chosen[header] = column
    if table == "Deals":
        _order_log(chosen, claims)
    return chosen


def _order_log(chosen: dict, claims: dict) -> None:
    """A Deals sheet without a stage is an order log when it has an order date (or says which
    orders were returned or cancelled): the date fills created and closed (those no other
    header fills), a status is the order's status. Elsewhere the words of order logs are no
    column of the book (kept as the user's own)."""
    guessed = {column: header for column, ((rank, _), header) in claims.items() if rank != -2}
    staged = any(column in claims for column in STAGE_SOURCES if column != "status")
    dated = any(set(ORDER_DATE) <= set(targets_of(target)) for target in chosen.values())  # the mapping's
    if staged or not (dated or {_ORDER_DATE_KEY, *ORDER_SOURCES} & set(claims)):
        for column in (_ORDER_DATE_KEY, *ORDER_SOURCES, "region"):
            if column in guessed:
                chosen[guessed[column]] = EXTRA
        claims.pop(_ORDER_DATE_KEY, None)
        return
    if _ORDER_DATE_KEY in claims:
        header = claims.pop(_ORDER_DATE_KEY)[1]
        free = tuple(column for column in ORDER_DATE if column not in claims)
        chosen[header] = free if len(free) > 1 else free[0] if free else EXTRA
    if "status" in guessed:
        chosen[guessed["status"]] = EXTRA if "order_status" in claims else "order_status"


def _score(headers: list[str], table: str, mapping: Mapping | None) -> tuple[int, bool]:
    """How many headers name a column of ``table``, and whether they are evidence enough."""
    columns = {column for target in guess_columns(headers, table, mapping).values() for column in targets_of(target)}
    enough = all(any(column in columns for column in group) for group in _EVIDENCE[table])
    return len(columns), enough


def guess_table(headers: list[str], name: str | None = None, mapping: Mapping | None = None) -> str | None:
    """Which table a sheet (or CSV file) is.

    By its name when the name says (``Deals``, ``거래``, ``商談``, ``sales_teams``) and one of its
    headers names a column of that table; else the table whose columns its headers name best,
    with enough evidence (a deals sheet needs a stage, an amount or a status, and an id, name,
    owner or date ...).

    Parameters
    ----------
    headers : list of str
        The sheet's headers.
    name : str, optional
        The sheet's or file's name.
    mapping : Mapping, optional
        Saved choices (its headers count as aliases).

    Returns
    -------
    str or None
        The table, or None when nothing fits (the sheet is then left out, with a warning).
    """
    if is_not_table(name):
        return None
    by_name = table_for_name(name)
    if by_name is not None:
        count, _enough = _score(headers, by_name, mapping)
        if count:
            return by_name
    best, best_count = None, 0
    for table in schema.SHEETS:
        count, enough = _score(headers, table, mapping)
        if enough and count > best_count:
            best, best_count = table, count
    return best


def guess_mapping(headers: list[str], table_hint: str | None = None, source: str | None = None,
                  mapping: Mapping | None = None) -> Mapping:
    """The guessed mapping of one sheet (or CSV file) with ``headers``.

    Parameters
    ----------
    headers : list of str
        The sheet's header row.
    table_hint : str, optional
        A table name (``Deals``) or a sheet or file name that may say which table it is.
    source : str, optional
        The source's name, the key of ``Mapping.tables`` (default: ``table_hint``).
    mapping : Mapping, optional
        A saved mapping whose choices are kept (and whose headers count as aliases).

    Returns
    -------
    Mapping
        ``tables`` maps the source to the guessed table (None when no table fits) and
        ``columns`` holds each header's column for that table.
    """
    source = source or table_hint or ""
    table = None
    if mapping is not None and source:
        known, table = mapping.table_of(source)
        if not known:
            table = None
    if table is None:
        table = table_hint if table_hint in schema.TABLES else guess_table(headers, table_hint, mapping)
    guessed = Mapping(tables={source: table})
    if mapping is not None:
        guessed.date_order, guessed.date_system, guessed.currency = \
            mapping.date_order, mapping.date_system, mapping.currency
        guessed.stages, guessed.owners = dict(mapping.stages), dict(mapping.owners)
    if table is not None:
        guessed.columns[table] = guess_columns(headers, table, mapping)
    return guessed
