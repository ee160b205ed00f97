"""What an import finds and reads: its problems, its previews, its result, its messages (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from planner.core import schema
from planner.core.errors import QT_TRANSLATE_NOOP, Label, PlannerError
from planner.core.money import DEFAULT_CURRENCY
from planner.io.mapping import Mapping

LISTED = 500  # bad cells listed in full; beyond this they are counted
HEADER_SCAN = 30  # rows searched for the header row
PREVIEW_ROWS = 20
UNASSIGNED = "Unassigned"
GENERATED = "\x00ids"  # in ImportResult.made["Deals"]: the deals' ids were given by the import

# the keys rows are matched by when merging into a book (the tables' user keys)
MERGE_KEYS = {"Settings": ("key",), "Stages": ("stage",), "Plans": ("plan",), "Teams": ("name",), "Reps": ("id",),
              "Deals": ("id",),
              "StageHistory": ("deal_id", "stage", "entered"), "AmountHistory": ("deal_id", "changed"), "Quotas": ("rep", "team", "period"),
              "PlanTiers": ("plan", "from"), "PlanBonuses": ("plan", "from"),
              "PlanMultipliers": ("plan", "product", "deal_type"),
              "Spiffs": ("plan", "product", "deal_type", "from", "to"), "Splits": ("deal_id", "rep"),
              "PlanDraws": ("plan",), "PlanAssignments": ("rep", "from"),
              "ForecastOverrides": ("rep", "period", "category"), "ForecastSnapshots": ("taken", "period", "method"),
              "Leads": ("id",), "LeadRules": ("signal",)}
# Logs: a merge matches their rows on all their cells (several rows may share the key above, e.g.
# an expected close moved twice the same day), adds the rest and never changes one.
LOG_TABLES = frozenset({"StageHistory", "AmountHistory"})

# Messages, marked for translation (tools/translations.py update).
NOTHING_IMPORTED = QT_TRANSLATE_NOOP("errors", "Nothing was imported: {count} problem(s) in {files}")
CANCELLED = QT_TRANSLATE_NOOP("errors", "Import cancelled; nothing was imported")
MISSING_COLUMN = QT_TRANSLATE_NOOP("errors", "{table} needs a column {name} ({aliases}, ...); none of the headers is one")
MISSING_FOR_CLOSED = QT_TRANSLATE_NOOP("errors", "{table} needs a column {name} ({aliases}, ...): the stage(s) {stages} were taken as won or lost, and won and lost deals need one; map a column to {name}, or map those stages to an open stage")
DUPLICATE = QT_TRANSLATE_NOOP("errors", "{value!r} is also the id of row {other}")
DUPLICATE_IN_FILE = QT_TRANSLATE_NOOP("errors", "{value!r} is also the id of row {other} of {file}")
DUPLICATE_IN_SHEET = QT_TRANSLATE_NOOP("errors", "{value!r} is also the id of row {other} of sheet {sheet} of {file}")
NO_OWNER = QT_TRANSLATE_NOOP("errors", "{count} deal(s) have no owner: they go to the rep {rep!r} the import creates")
MADE_REPS = QT_TRANSLATE_NOOP("errors", "{count} rep(s) made from the names in {header}: {names}")
BAD_STAGE_TARGET = QT_TRANSLATE_NOOP("errors", "Mapping: the stage {name!r} goes to {target!r}, which is no stage of the book or the files, nor a kind of stage ({kinds})")
BAD_OWNER_TARGET = QT_TRANSLATE_NOOP("errors", "Mapping: the owner {name!r} goes to {target!r}, which is no rep of the book or the files, nor \"new\" (a new rep)")
UNKNOWN_STAGE_IN_MERGE = QT_TRANSLATE_NOOP("errors", "{value!r} is not a stage of the book: map it to one of its stages, or to won, lost or open for a new stage (the import's Check page, or \"stages\" in --mapping)")
UNKNOWN_OWNER_IN_MERGE = QT_TRANSLATE_NOOP("errors", "{value!r} is not a rep of the book: map it to one of its reps, or to \"new\" for a new rep (the import's Check page, or \"owners\" in --mapping)")
NO_OWNER_IN_MERGE = QT_TRANSLATE_NOOP("errors", "the deal has no owner: map deals without an owner (the owner \"\") to a rep of the book, or to \"new\" for a new rep Unassigned (the import's Check page, or \"owners\" in --mapping)")
MADE_STAGES = QT_TRANSLATE_NOOP("errors", "{count} stage(s) made from the names in {header}: {names}")
MADE_ORDER_STAGES = QT_TRANSLATE_NOOP("errors", "{count} stage(s) made for the orders: {names}")
# a probability written on each deal: Planner keeps one per stage (what most of its deals say)
STAGE_PROBABILITIES = QT_TRANSLATE_NOOP("errors", "a stage has one probability, not one per deal: the stages made "
                                                  "took {taken}")
DEALS_DISAGREE = QT_TRANSLATE_NOOP("errors", "the deals of {stages} disagree on their probability ({values}): the "
                                             "stage took {taken}; set it in the Stages sheet")
DEAL_PROBABILITIES_LEFT = QT_TRANSLATE_NOOP("errors", "a stage has one probability, not one per deal: the deals' were "
                                                      "not kept (the book's stages keep theirs)")
OPEN_NO_AMOUNT = QT_TRANSLATE_NOOP("errors", "{count} open deal(s) have no amount (counted as 0)")
OPEN_NO_CREATED = QT_TRANSLATE_NOOP("errors", "{count} open deal(s) have no created date (left out of cohort and cycle figures)")
NO_CREATED_COLUMN = (QT_TRANSLATE_NOOP("errors", "the file has no created-date column: {count} won or lost deal(s) are imported without one "
                     "and stay problems of the book until their created dates are filled in"))
CLOSED_NEEDS = QT_TRANSLATE_NOOP("errors", "a won or lost deal needs its {what}")
NOT_STATUS = QT_TRANSLATE_NOOP("errors", "{value!r} is not a status (expected open, won or lost)")
NOT_A_STATUS_COLUMN = QT_TRANSLATE_NOOP("errors", "{header} holds no open, won or lost, so it is no deal status (the stage says that): kept as your own column")
NOT_BOOLEAN = QT_TRANSLATE_NOOP("errors", "{value!r} is not TRUE or FALSE")
HIDDEN_SKIPPED = QT_TRANSLATE_NOOP("errors", "a hidden sheet: left out (Excel hides it, and it may hold old or helper rows); map it to a table to import it")
SKIPPED = QT_TRANSLATE_NOOP("errors", "not a table of the book (its headers match none): left out; map it to a table to import it")
GENERATED_IDS = QT_TRANSLATE_NOOP("errors", "no deal id column: ids {first} to {last} were given in row order")
NO_IDS_TO_MERGE = QT_TRANSLATE_NOOP("errors", "no deal id column: merging into a book matches deals by their ids")
AMBIGUOUS_DATES = (QT_TRANSLATE_NOOP("errors", "{count} date(s) such as {example!r} could be month/day or day/month: set the date order "
                   "(mdy or dmy) in the mapping"))
AMBIGUOUS_WHOLE_PERCENT = QT_TRANSLATE_NOOP("errors", "{value!r} is a percent without its sign, but this column also holds fractions such as {other!r} (row {row}): write {percent} or {fraction}")
AMBIGUOUS_FRACTION = QT_TRANSLATE_NOOP("errors", "{value!r} is a fraction, but this column also holds percents without their sign such as {other!r} (row {row}): write {fraction} for the fraction or {percent} for the percent")
NOT_READABLE = QT_TRANSLATE_NOOP("errors", "{file} could not be read: {reason}")
ENCODING = QT_TRANSLATE_NOOP("errors", "{file} is neither UTF-8 nor CP949 (EUC-KR) nor CP932 (Shift_JIS) text: save it as UTF-8 CSV")
EMPTY = QT_TRANSLATE_NOOP("errors", "no sheet of {files} has the headers of a table of the book, such as {expected}. Rename the headers, or say which header is which column: on the import's Sheets and columns page, or with --mapping MAP.json (the page's Save mapping writes one; the README shows its form)")
PIVOT_ONLY = QT_TRANSLATE_NOOP("errors", "the data of {files} lives only in its Power Pivot data model, which Planner cannot read (its sheets show a PivotTable of it). Export the table itself to a CSV or .xlsx file (Power BI Desktop: a table visual's More options, Export data; Excel: Power Pivot, Manage, then copy the table into a sheet) and import that file")
# Order logs (planner.io.import_orders)
ORDER_LOG = QT_TRANSLATE_NOOP("errors", "read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled; created and closed on each order's date")
ORDER_LOG_CANCELLED = QT_TRANSLATE_NOOP("errors", "read as an order log: {orders} order(s) from {lines} row(s) as won deals, {cancelled} cancelled on their date ({reasons}); created and closed on each order's date")
ORDER_LINES_DIFFER = QT_TRANSLATE_NOOP("errors", "{value!r} differs from row {other} of the same order ({other_value!r}): the lines of one order share its date, owner, region and currency")
ORDER_COLUMNS_LEFT_OUT = QT_TRANSLATE_NOOP("errors", "{count} column(s) differ between the lines of one order and are left out: {names}")
ORDERS_ROUNDED = QT_TRANSLATE_NOOP("errors", "{count} order(s) come to fractions of the smallest unit of {currency}, such as {example}: each order's amount is rounded once, half up ({rounded})")
OWNERS_FROM_REGIONS = QT_TRANSLATE_NOOP("errors", "each order's owner is the rep of its {header}: {pairs}")
# The headers a "nothing matches" message names: the main columns of the main tables.
EXPECTED = {"Deals": ("id", "owner", "stage", "amount", "created"), "Reps": ("id", "name"),
            "Quotas": ("rep", "period", "amount"), "Stages": ("stage", "probability", "kind")}
ORDER_LOG_HEADERS = QT_TRANSLATE_NOOP("errors", "an order log (Order ID, Order Date, Sales, Customer Name, Region)")
CURRENCY_ASSUMED = QT_TRANSLATE_NOOP("errors", "the files do not say which currency their amounts are in: they are read as {currency}; choose another with --currency CODE (in the app: Currency, on the Sheets and columns page)")
EXCEL_ERROR = QT_TRANSLATE_NOOP("errors", "holds {value}, an Excel error (a formula that failed): fix the formula or clear the cell, then import again")
# A damaged CSV file (planner.io.import_sources): refused, never read by halves
CSV_OPEN_QUOTE = QT_TRANSLATE_NOOP("errors", "a quote (\") opened in this row is never closed: the rest of the file would be read into one cell; close it (a quote inside a cell is written twice: \"\")")
CSV_CUT_SHORT = QT_TRANSLATE_NOOP("errors", "this last row has {count} value(s) where the header row (row {header}) has {width}, and the file ends without a line break: it looks cut short; export it again")
CSV_TOO_MANY = QT_TRANSLATE_NOOP("errors", "{count} value(s) where the header row (row {header}) has {width}: a delimiter ({delimiter}) out of place or a cell holding one without quotes; fix the row and import again")
NO_ROWS = QT_TRANSLATE_NOOP("errors", "nothing to import: {files} has a header row but no rows of data")


class Expected:
    """The headers Planner reads (``EXPECTED``), as the user's language labels the columns."""

    def translated(self, translate) -> str:
        def text(context: str, words: str) -> str:
            return translate(context, words) if translate else words

        tables = [f"{text('schema', schema.TABLES[table].label)} ("
                  f"{', '.join(text('schema', schema.TABLES[table].column(c).label) for c in columns)})"
                  for table, columns in EXPECTED.items()]
        return "; ".join([*tables, text("errors", ORDER_LOG_HEADERS)])

    def __format__(self, spec: str) -> str:
        return format(self.translated(None), spec)

    def __eq__(self, other) -> bool:
        return isinstance(other, Expected)

    def __hash__(self) -> int:
        return hash(Expected)


class Kinded(tuple):
    """Names with a translated label each, e.g. stages and their kinds: ``Won (won), ...``."""

    def translated(self, translate) -> str:
        return ", ".join(f"{name} ({label.translated(translate)})" for name, label in self)

    def __format__(self, spec: str) -> str:
        return format(self.translated(None), spec)


class _Quoted(str):
    """A cell's text, quoted by ``{value!r}`` with its backslashes shown once, as the cell holds
    them (``'\\1,200'``, not ``'\\\\1,200'``); other characters escaped as repr() escapes them."""

    def __repr__(self) -> str:
        return str.__repr__(self).replace("\\\\", "\\")


# -- results ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong (or worth a warning) in an imported file, where the user will find it.

    ``row`` is the sheet row as Excel numbers it (the header is row 1 when it is the first
    row); ``column`` the header as the file writes it; ``template`` and ``fields`` the message,
    translatable like every Planner message, which names the value and what was expected.
    """

    file: str | None
    sheet: str | None
    row: int | None
    column: str | None
    value: object
    template: str
    fields: dict = field(default_factory=dict)

    def message(self, translate=None) -> str:
        template = translate("errors", self.template) if translate else self.template
        return template.format(**{name: value.translated(translate) if isinstance(value, (Label, Kinded, Expected))
                                  else _Quoted(value) if isinstance(value, str) else value
                                  for name, value in self.fields.items()})

    @property
    def expected(self) -> str:
        """The message: the value and what was expected of it."""
        return self.message()

    def where(self, translate=None) -> str:
        def text(template: str, **fields) -> str:
            return (translate("errors", template) if translate else template).format(**fields)

        parts = [self.file] if self.file else []
        if self.sheet:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "sheet {sheet}"), sheet=self.sheet))
        if self.row is not None:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "row {row}"), row=self.row))
        if self.column:
            parts.append(text(QT_TRANSLATE_NOOP("errors", "column {column}"), column=self.column))
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message()}" if where else self.message()


class ImportRefused(PlannerError):
    """An import with problems: nothing was imported. ``problems`` lists them (the first
    ``LISTED``), ``count`` says how many there were; ``str()`` is one line, then one line per
    problem."""

    def __init__(self, problems: list[ImportProblem], count: int | None = None) -> None:
        self.problems = list(problems)
        self.count = max(count or 0, len(self.problems))
        files = sorted({p.file for p in self.problems if p.file})
        super().__init__(NOTHING_IMPORTED, count=self.count, files=", ".join(files) or "the import")
        if self.count == 1 and len(self.problems) == 1:  # one problem: one line
            self.args = (f"Nothing was imported: {self.problems[0]}",)
            return
        lines = [self.args[0]] + [f"  {problem}" for problem in self.problems[:LISTED]]
        if self.count > len(self.problems[:LISTED]):
            lines.append(f"  (and {self.count - len(self.problems[:LISTED])} more)")
        self.args = ("\n".join(lines),)

    def __str__(self) -> str:
        return self.args[0]


class ImportCancelled(PlannerError):
    """The user cancelled the import; nothing was imported."""

    def __init__(self) -> None:
        super().__init__(CANCELLED)


@dataclass
class SourcePreview:
    """One sheet (or CSV file) as the import wizard shows it: where it goes and its first rows."""

    file: str
    sheet: str | None
    source: str  # the key of Mapping.tables
    table: str | None
    header_row: int  # as Excel numbers it
    headers: list[str]
    columns: dict[str, str | None]  # header -> column (None: kept as the user's own)
    rows: list[list[str]]  # the first data rows, as text
    row_count: int
    encoding: str | None = None  # CSV
    data_model: bool = False  # the workbook holds a Power Pivot data model (its data may live only there)
    currency: str | None = None  # what all the files read together say their amounts are in (None: nothing)
    hidden: bool = False  # a sheet Excel hides (left out unless mapped)


@dataclass
class ImportResult:
    """What :func:`read_tables` read.

    Attributes
    ----------
    frames : dict
        Table → rows in the book's values (money in minor units, ratios in millionths, days),
        references as the user's ids or names, the user's own columns after the book's.
    problems : list of ImportProblem
        Every bad cell (the first ``LISTED``); ``problem_count`` counts them all.
    warnings : list of ImportProblem
        What the user should know (reps made from owner names, open deals without an amount).
    stages_unknown : list of str
        Stage names that are neither a stage of a Stages sheet (or of the book merged into) nor
        mapped: they are made as new stages (kind by name, else open) and offered for mapping.
    owners_unknown : list of str
        Merging into a book: the deals' owners that are no rep of the book or the files and that
        the mapping does not map (``""``: deals without an owner), offered for mapping; a merge
        refuses them until they are.
    mapping : Mapping
        The mapping used: the given one completed by what was guessed.
    currency : str
        The currency amounts were read in.
    locations : dict
        Table → a frame aligned with ``frames[table]``: ``file``, ``sheet``, ``row`` (missing for
        rows the import made, such as reps made from owner names).
    headers : dict
        Table → book column → the header it came from (for messages).
    provided : dict
        Table → the book columns the files gave (a merge sets only these).
    made : dict
        Table → keys of the rows the import made rather than read (reps, stages); a merge adds
        them only when the book has no such row.
    previews : list of SourcePreview
        Each sheet as the wizard shows it (see :func:`preview`).
    missing_created : set of str
        Files with no created-date column at all (their won and lost deals stay problems of the
        book until created dates are filled in).
    """

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    stages_unknown: list[str] = field(default_factory=list)
    owners_unknown: list[str] = field(default_factory=list)
    mapping: Mapping = field(default_factory=Mapping)
    currency: str = DEFAULT_CURRENCY
    problem_count: int = 0
    locations: dict[str, pd.DataFrame] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)
    provided: dict[str, set[str]] = field(default_factory=dict)
    made: dict[str, set[str]] = field(default_factory=dict)
    previews: list[SourcePreview] = field(default_factory=list)
    missing_created: set[str] = field(default_factory=set)  # files without a created-date column

    @property
    def ok(self) -> bool:
        return not self.problems

    def refuse_if_problems(self) -> None:
        """Raise :class:`ImportRefused` when there are problems."""
        if self.problems:
            raise ImportRefused(self.problems, self.problem_count)

    def summary(self) -> list[str]:
        """What was read, one line per table and warning (for ``--out`` and the wizard)."""
        lines = []
        for table, frame in self.frames.items():
            files = ", ".join(map(str, self.locations[table]["file"].dropna().unique()))
            made = int(self.locations[table]["file"].isna().sum())
            if not files:
                lines.append(f"{table}: {made:,} made by the import")
                continue
            lines.append(f"{table}: {len(frame) - made:,} rows from {files}"
                         + (f" ({made:,} made by the import)" if made else ""))
        return lines + [f"warning: {warning}" for warning in self.warnings]
