"""The steps of one import (no Qt): map each sheet to a table and its headers to columns,
parse every cell, collect every problem; what the tables imply is :mod:`planner.io.import_derive`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import kinds, schema
from planner.core.book import Book
from planner.core.errors import PlannerError
from planner.core.money import DEFAULT_CURRENCY, MINOR_DIGITS, minor_digits
from planner.core.dates import DateForms, numeric_date_order
from planner.core.parse import parse_cells
from planner.core.schema import Kind
from planner.io import mapping as mapping_module
from planner.io.import_cells import BACKSLASH_SIGNS, _book_column, _extra, backslash_signs, bare_percents
from planner.io.import_derive import _Derive
from planner.io.import_results import (AMBIGUOUS_DATES, CURRENCY_ASSUMED, EMPTY, EXCEL_ERROR, HIDDEN_SKIPPED, LISTED,
                                       NO_ROWS, NOT_A_STATUS_COLUMN, NOT_BOOLEAN, NOT_STATUS, PIVOT_ONLY, PREVIEW_ROWS,
                                       SKIPPED, Expected, ImportProblem, ImportResult, SourcePreview)
from planner.io.import_sources import _DAY_MONTH, EXCEL_ERRORS, _not_available, _present, _Source, _text_of, _texts
from planner.io.mapping import DERIVED, EXTRA, SKIP, Mapping, guess_columns, guess_table, is_order_log, targets_of


# A deal's status (Pipedrive's) says the kind of its stage, in the words that name one.
_STAGE_KIND = schema.STAGES.column("kind")


def _status_kinds(texts: pd.Series) -> pd.Series:
    """Each status as the stage kind it names (:func:`planner.core.kinds.codes`), else missing."""
    named = kinds.codes(texts, _STAGE_KIND)
    return named.where(named.isin(schema.STAGE_KINDS).fillna(False), pd.NA).astype("string")


def _order_log(source: _Source) -> bool:
    return is_order_log(source.targets.values())


def _priced(source: _Source) -> bool:
    return any("amount" in targets_of(target) for target in source.targets.values())


class _Reader(_Derive):
    """The steps of one import, sharing what they learn."""

    def __init__(self, sources: list[_Source], mapping: Mapping, currency: str | None, book: Book | None) -> None:
        self.sources, self.given, self.book = sources, mapping, book
        self.mapping = Mapping(date_order=mapping.date_order, date_system=mapping.date_system,
                               currency=mapping.currency, stages=dict(mapping.stages), owners=dict(mapping.owners))
        self.currency_given = currency
        self.problems: list[ImportProblem] = []
        self.problem_count = 0
        self.warnings: list[ImportProblem] = []
        self.previews: list[SourcePreview] = []
        self.frames: dict[str, pd.DataFrame] = {}
        self.locations: dict[str, pd.DataFrame] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.provided: dict[str, set[str]] = {}
        self.made: dict[str, set[str]] = {}
        self.stages_unknown: list[str] = []
        self.owners_unknown: list[str] = []
        self.missing_created: set[str] = set()
        self.currency = DEFAULT_CURRENCY
        self._stage_probabilities = pd.Series(dtype="Int64")  # stage -> probability written on its deals
        self._deal_probabilities = pd.DataFrame({"stage": [], "p": []})  # the probability written on each deal
        self.order_lines = np.zeros(0, dtype=bool)  # which Deals rows are lines of an order log ...
        self.order_amounts = np.zeros(0, dtype=bool)  # ... and which come from a sheet with amounts
        self.order_stages: list[str] = []  # stages made for order logs though no deal is in them yet
        self.region_teams: dict[str, str] = {}  # owners named after a region -> that region (their team)
        self.checkpoint: Callable[[], None] = lambda: None  # raises ImportCancelled when the user cancelled

    # -- problems --------------------------------------------------------------------------
    def problem(self, source: _Source | None, row: int | None, column: str | None, cell, template: str,
                fields: dict | None = None, **more) -> None:
        self.problem_count += 1
        if len(self.problems) < LISTED:
            self.problems.append(ImportProblem(source.file if source else None, source.sheet if source else None,
                                               row, column, cell, template, {**(fields or {}), **more}))

    def warn(self, source: _Source | str | None, column: str | None, template: str, **fields) -> None:
        """A warning about a source, or about a table (``source`` is then its name: the files it
        came from are named)."""
        if isinstance(source, str):
            files = self.locations.get(source, pd.DataFrame({"file": []}))["file"].dropna().unique()
            file, sheet = ", ".join(map(str, files)) or None, None
        else:
            file, sheet = (source.file, source.sheet) if source else (None, None)
        self.warnings.append(ImportProblem(file, sheet, None, column, None, template, fields))

    # -- mapping ---------------------------------------------------------------------------
    def map_file(self, path: Path) -> None:
        for source in (s for s in self.sources if s.path == path):
            known, table = self.given.table_of(source.key)
            if not known and source.hidden:  # what the user does not see is read only when asked for
                if source.columns and len(source.rows):
                    self.warn(source, None, HIDDEN_SKIPPED)
            elif not known:
                table = guess_table(source.headers, source.key, self.given)
                if table is None and source.sheet is None:
                    table = guess_table(source.headers, Path(source.key).stem, self.given)
            source.table = table
            self.mapping.tables[source.key] = table
            columns: dict[str, str | None] = {}
            if table is not None:
                targets = guess_columns(source.headers, table, self.given)
                for position, header in enumerate(source.headers):
                    source.targets[position] = targets.get(header)
                self.mapping.columns.setdefault(table, {}).update(targets)
                columns = targets
            elif source.columns and len(source.rows) and not (mapping_module.is_not_table(source.key) or known
                                                               or source.hidden):
                self.warn(source, None, SKIPPED)
            self.previews.append(SourcePreview(
                source.file, source.sheet, source.key, table, source.header_row, list(source.headers), columns,
                [[_text_of(values[i]) for values in source.columns] for i in range(min(PREVIEW_ROWS, len(source.rows)))],
                len(source.rows), source.encoding, source.data_model, hidden=source.hidden))

    # -- parsing ---------------------------------------------------------------------------
    def parse(self) -> None:
        for source in self.sources:  # a damaged file is refused, never read by halves
            if source.table is not None:
                for row, template, fields in source.damage:
                    self.problem(source, row, None, None, template, fields)
        self.currency = self._currency()
        by_table: dict[str, list[_Source]] = {}
        for source in self.sources:
            if source.table is not None and len(source.rows):
                by_table.setdefault(source.table, []).append(source)
        if not by_table:
            headed = [source for source in self.sources if source.table is not None]  # tables without rows
            if headed:
                self.problem(None, None, None, None, NO_ROWS, files=", ".join(dict.fromkeys(s.file for s in headed)))
            else:  # say what Planner reads, or that the data is out of reach
                models = [source for source in self.sources if source.data_model]
                files = ", ".join(dict.fromkeys(source.file for source in models or self.sources))
                self.problem(None, None, None, None, PIVOT_ONLY if models else EMPTY, files=files,
                             **({} if models else {"expected": Expected()}))
            return
        for table, sources in by_table.items():
            frames, locations = [], []
            for source in sources:
                frame = self._parse_source(table, source)
                frames.append(frame)
                locations.append(pd.DataFrame({"file": source.file, "sheet": source.sheet, "row": source.rows}))
            frame = pd.concat(frames, ignore_index=True, sort=False) if len(frames) > 1 else frames[0]
            self.frames[table] = frame
            self.locations[table] = pd.concat(locations, ignore_index=True) if len(locations) > 1 else locations[0]
            if table == "Deals":  # which rows are lines of an order log
                self.order_lines, self.order_amounts = (np.concatenate([np.full(len(s.rows), test(s)) for s in sources])
                                                        for test in (_order_log, _priced))

    def _currency(self) -> str:
        """The currency amounts are read in: the one given (``--currency``, the book merged
        into), the mapping's, else what the files say; else USD, with a warning saying how to
        choose another."""
        chosen = self.currency_given
        if not chosen and self.book is not None and len(self.book["Settings"]):
            try:
                chosen = self.book.setting("currency") and self.book.currency
            except PlannerError:
                chosen = None
        chosen = chosen or self.given.currency or self.files_currency()
        if not chosen and self.book is None and self._has_money():
            files = ", ".join(dict.fromkeys(s.file for s in self.sources if s.table is not None))
            self.warnings.append(ImportProblem(files or None, None, None, None, None, CURRENCY_ASSUMED,
                                               {"currency": DEFAULT_CURRENCY}))
        chosen = (chosen or DEFAULT_CURRENCY).upper()
        minor_digits(chosen)  # a clear error for an unknown code
        return chosen

    def files_currency(self) -> str | None:
        """The currency the files say their amounts are in: a Settings sheet's ``currency``,
        else the one code of a currency column, else the one currency sign of the amounts."""
        for source in (s for s in self.sources if s.table == "Settings"):
            keys = [p for p, t in source.targets.items() if t == "key"]
            values = [p for p, t in source.targets.items() if t == "value"]
            if keys and values:
                for row, key, value in zip(source.rows, _texts(source.columns[keys[0]]),
                                           _texts(source.columns[values[0]])):
                    if isinstance(key, str) and key.lower() == "currency" and isinstance(value, str):
                        try:
                            minor_digits(value)
                        except PlannerError as error:  # named where it is; amounts read in USD meanwhile
                            self.problem(source, int(row), source.headers[values[0]], value, error.template,
                                         error.fields)
                        else:
                            return value
        codes, signs = set(), set()
        for source in self.sources:
            if source.table != "Deals":
                continue
            for position, target in source.targets.items():
                if "currency" in targets_of(target):
                    codes |= set(_texts(source.columns[position]).dropna().str.upper())
                elif "amount" in targets_of(target):
                    sample = _texts(backslash_signs(source.columns[position][:2000], source.encoding)).dropna()
                    if source.encoding in BACKSLASH_SIGNS and sample.str.contains(BACKSLASH_SIGNS[
                            source.encoding][0], regex=False).any():
                        signs.add(BACKSLASH_SIGNS[source.encoding][1])
                    for sign, code in (("₩", "KRW"), ("￦", "KRW"), ("원", "KRW"), ("円", "JPY"), ("￥", "JPY"),
                                       ("€", "EUR"), ("£", "GBP")):
                        if sample.str.contains(sign, regex=False).any():
                            signs.add(code)
        known = {code for code in codes if code in MINOR_DIGITS}
        return next(iter(known)) if len(known) == 1 else next(iter(signs)) if len(signs) == 1 else None

    def _has_money(self) -> bool:
        """Whether a sheet read has a column of money (a deal's amount, a quota, ...)."""
        return any(getattr(_book_column(source.table, one), "kind", None) is Kind.MONEY
                   for source in self.sources if source.table is not None
                   for target in source.targets.values() for one in targets_of(target))

    def _dates(self, source: _Source) -> DateForms:
        """The date forms of a source: its date system and the order of its written dates."""
        epoch = source.epoch if self.given.date_system == "auto" else int(self.given.date_system)
        order = self.given.date_order
        if order == "auto":
            texts = []
            for position, target in source.targets.items():
                dated = [one for one in targets_of(target) if one in ("close_date", "won_time", "lost_time")
                         or getattr(_book_column(source.table, one), "kind", None) is Kind.DATE]
                if dated:
                    values = source.columns[position]
                    present = values[_present(values)]
                    kind = pd.api.types.infer_dtype(present, skipna=True)
                    if kind == "string":
                        texts.append(pd.Series(present, dtype="object"))
                    elif kind.startswith("mixed"):
                        texts.append(pd.Series(present[np.fromiter((type(v) is str for v in present), dtype=bool,
                                                                   count=len(present))], dtype="object"))
            # no evidence either way (no number above 12): such dates are refused, never guessed
            order = numeric_date_order(pd.concat(texts)) if texts else None
        return DateForms(order=order if order in ("mdy", "dmy") else None, epoch=epoch)

    def _parse_source(self, table: str, source: _Source) -> pd.DataFrame:
        dates = self._dates(source)
        out: dict[str, pd.Series] = {}
        n = len(source.rows)
        ambiguous: list[str] = []
        order_log = table == "Deals" and is_order_log(source.targets.values())
        for position, header in enumerate(source.headers):
            self.checkpoint()
            target = source.targets.get(position)
            if target == SKIP:
                continue
            read: dict = {}  # one header to several columns of one kind is parsed once
            for one in targets_of(target) or (EXTRA,):
                self._read_column(table, source, position, one, out, dates, ambiguous, order_log, read)
        if ambiguous:
            self.warn(source, None, AMBIGUOUS_DATES, count=len(ambiguous), example=ambiguous[0])
        return pd.DataFrame(out, index=pd.RangeIndex(n))

    def _read_column(self, table: str, source: _Source, position: int, target: str | None, out: dict,
                     dates: DateForms, ambiguous: list, order_log: bool, read: dict) -> None:
        """Header ``position`` of ``source`` read into ``out[target]`` (or kept as the user's own)."""
        spec = schema.TABLES[table]
        header, values = source.headers[position], source.columns[position]
        if target is EXTRA or (target not in spec.names and target not in DERIVED):
            name = header
            while name in out or name in spec.names:
                name = f"{name} (2)"
            out[name] = _extra(values)
            return
        if target in out:  # a second header mapped to one column: keep it as the user's own
            out[f"{header} (2)" if header in out else header] = _extra(values)
            return
        if target == "status" and self._not_a_status(table, source, header, values):
            self.warn(source, header, NOT_A_STATUS_COLUMN, header=header)
            out[header if header not in spec.names else f"{header} (2)"] = _extra(values)
            return
        self.headers.setdefault(table, {}).setdefault(target, header)
        self.provided.setdefault(table, set()).add(target)
        if "errors" not in read:  # said once however many columns the header fills
            read["errors"] = self._excel_errors(source, position)
        column = _book_column(table, target)
        if column is None:  # derived columns of Deals
            out[target] = self._parse_derived(source, position, target, dates, read["errors"])
            return
        kind = (column.kind, column.allowed, column.minimum, column.maximum)
        if kind in read:
            out[target] = read[kind].copy()
            return
        if column.kind in (Kind.TEXT, Kind.REF):
            texts = _texts(values)
            if not column.allowed:  # text is what it is: no parsing
                out[target] = read[kind] = texts
                return
            values = texts.to_numpy(dtype=object, na_value=None)  # parse_cells reads labels and synonyms
        if column.kind is Kind.MONEY:
            values = backslash_signs(values, source.encoding)
        percent = False
        if column.kind is Kind.RATIO and column.maximum == 1_000_000:
            values, percent = self._percents(source, header, values)
        parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates, percent)
        out[target] = read[kind] = parsed
        if order_log and target == "amount":  # an order's lines may come to fractions of a cent
            bad = self._line_amounts(bad, out, n=len(values))
        for label, value, template, fields in bad:
            if _not_available(value) or label in read["errors"]:  # #N/A, N/A: no value; an error: said
                continue
            if column.kind is Kind.DATE and isinstance(value, str) and dates.order is None \
                    and _DAY_MONTH.match(value):
                ambiguous.append(value)
            self.problem(source, int(source.rows[label]), header, value, template, fields)

    def _excel_errors(self, source: _Source, position: int) -> set[int]:
        """The cells of a column holding an Excel error (``#REF!``), each a problem; their positions."""
        values = source.columns[position]
        found = set()
        for index in np.flatnonzero(pd.Series(values, dtype="object").isin(EXCEL_ERRORS).to_numpy(dtype=bool)):
            self.problem(source, int(source.rows[index]), source.headers[position], values[index], EXCEL_ERROR,
                         value=values[index])
            found.add(int(index))
        return found

    def _not_a_status(self, table: str, source: _Source, header: str, values: np.ndarray) -> bool:
        """A Status header beside a stage column, guessed, none of whose cells is open, won or
        lost, is no deal status but a column of the user's (an order's status kept in a book)."""
        if self.given.column_of(table, header)[0] or not any("stage" in targets_of(t) for t in source.targets.values()):
            return False
        return not _status_kinds(_texts(values)).notna().any()

    def _percents(self, source: _Source, header: str, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A column of 0 to 100%: which cells are percents without their sign; the cells that
        make it ambiguous are problems, and blank for the parsing (see ``bare_percents``)."""
        percent, refused = bare_percents(values, source.rows)
        if refused:
            values = values.copy()
            for position, value, template, fields in refused:
                self.problem(source, int(source.rows[position]), header, value, template, fields)
                values[position] = None
        return values, percent

    def _parse_derived(self, source: _Source, position: int, target: str, dates: DateForms,
                       errors: set[int]) -> pd.Series:
        values = source.columns[position]
        header = source.headers[position]
        if target in ("close_date", "won_time", "lost_time"):
            column = schema.DEALS.column("closed")
            parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates)
        elif target == "probability":
            column = schema.STAGES.column("probability")
            values, percent = self._percents(source, header, values)
            parsed, bad = parse_cells(pd.Series(values, dtype="object"), column, self.currency, dates, percent)
        elif target == "status":
            texts = _texts(values)
            parsed = _status_kinds(texts)
            bad = [(label, values[label], NOT_STATUS, {"value": texts[label]})
                   for label in texts.index[(texts.notna() & parsed.isna()).to_numpy(dtype=bool)]]
        elif target in ("order_status", "region"):  # text, read by import_orders
            return _texts(values)
        else:  # is_won, is_closed, returned
            texts = _texts(values).str.lower()
            parsed = texts.map({"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False,
                                "y": True, "n": False, "예": True, "아니오": False, "はい": True,
                                "いいえ": False}).astype("boolean")
            bad = [(label, values[label], NOT_BOOLEAN, {"value": texts[label]})
                   for label in texts.index[(texts.notna() & parsed.isna()).to_numpy(dtype=bool)]]
        for label, value, template, fields in bad:
            if not _not_available(value) and label not in errors:
                self.problem(source, int(source.rows[label]), header, value, template, fields)
        return parsed

    def result(self) -> ImportResult:
        frames = {}
        for table, frame in self.frames.items():
            spec = schema.TABLES[table]
            ordered = [c for c in spec.names if c in frame] + [c for c in frame.columns if c not in spec.names]
            frames[table] = frame[ordered].reset_index(drop=True)
        for table in self.locations:
            self.locations[table] = self.locations[table].reset_index(drop=True)
        return ImportResult(frames=frames, problems=self.problems, warnings=self.warnings,
                            stages_unknown=self.stages_unknown, owners_unknown=self.owners_unknown,
                            mapping=self.mapping, currency=self.currency,
                            problem_count=self.problem_count, locations=self.locations, headers=self.headers,
                            provided=self.provided, made=self.made, previews=self.previews,
                            missing_created=self.missing_created)
