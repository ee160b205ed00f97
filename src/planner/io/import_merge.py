"""Merging an import into a book by the tables' keys (``planner import FILE... --into BOOK``,
the import wizard; no Qt): the one change that does it, and what it changes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.core import schema
from planner.core.book import Book
from planner.core.changes import Batch, Change, ReplaceTable, SetValues
from planner.core.problems import Problem, Refused
from planner.core.resolve import Resolver
from planner.core.schema import Kind
from planner.io.import_checks import locate, refuse_new_problems
from planner.io.import_results import (GENERATED, LISTED, LOG_TABLES, MERGE_KEYS, NO_IDS_TO_MERGE, NO_OWNER_IN_MERGE,
                                       UNASSIGNED, UNKNOWN_OWNER_IN_MERGE, UNKNOWN_STAGE_IN_MERGE, ImportProblem,
                                       ImportRefused, ImportResult)
from planner.io.mapping import NEW_REP


@dataclass
class MergeSummary:
    """What a merge changes: per table, rows added, changed and unchanged; the ids of the first
    changed (and added) deals; the first changed rows of each table with the columns that
    change; the user's own columns the files add to the book."""

    tables: dict[str, dict[str, int]] = field(default_factory=dict)
    changed_deals: list[str] = field(default_factory=list)
    added_deals: list[str] = field(default_factory=list)
    new_columns: dict[str, list[str]] = field(default_factory=dict)
    changed_count: int = 0
    changed_rows: dict[str, list[tuple[str, list[str]]]] = field(default_factory=dict)  # table -> (key, columns)

    @property
    def empty(self) -> bool:
        """Whether the merge changes nothing."""
        return not self.new_columns and not any(c["added"] or c["changed"] for c in self.tables.values())

    def lines(self) -> list[str]:
        out = [f"{table}: {c['added']} added, {c['changed']} changed, {c['unchanged']} unchanged"
               for table, c in self.tables.items()]
        if self.changed_deals:
            more = self.changed_count - len(self.changed_deals)
            out.append("changed deals: " + ", ".join(self.changed_deals) + (f" (and {more} more)" if more > 0 else ""))
        for table, names in self.new_columns.items():
            out.append(f"{table}: new columns {', '.join(names)}")
        return out

    def plan_lines(self) -> list[str]:
        """What the merge will do, before it is applied: per table the rows to add, to change
        (the first ones by key, with the columns that change) and left unchanged."""
        out = []
        for table, c in self.tables.items():
            out.append(f"{table}: {c['added']:,} to add, {c['changed']:,} to change, {c['unchanged']:,} unchanged")
            rows = self.changed_rows.get(table, [])
            out += [f"  {key}: {', '.join(columns)}" for key, columns in rows]
            if rows and c["changed"] > len(rows):
                out.append(f"  (and {c['changed'] - len(rows):,} more)")
            if table in self.new_columns:
                out.append(f"  new columns: {', '.join(self.new_columns[table])}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def plan_merge(book: Book, result: ImportResult, shown: int = 20, shown_rows: int = 5) -> tuple[Change, MergeSummary]:
    """The one change that merges an import into ``book`` by the tables' keys
    (``planner import FILE... --into BOOK``), and what it changes.

    Keys (``MERGE_KEYS``): Deals and Reps by ``id``, Stages by ``stage``, Plans by ``plan``,
    Settings by ``key``, Quotas by (rep, team, period), tiers and bonuses by (plan, from), Splits by
    (deal, rep). StageHistory is a log (``LOG_TABLES``): its rows match book rows with the same
    cells in every column the files gave, counted as a multiset; unmatched rows are added, none
    is ever changed.

    Rows whose key the book has are compared on the columns the files gave: changed cells are
    set (one ``SetValues`` per set of changed columns), unchanged rows are left alone; new rows
    are inserted. The user's columns the book does not have yet are added to the table (the one
    case where the table is replaced, with the same rows, ids and positions). Reps and stages the import made from names are added only when the book has
    no row of that id or name. Apply it with ``book.apply(change)``: it is validated there, and a
    refused change leaves the book as it was.

    Raises
    ------
    ImportRefused
        When the import has problems, or the change would not fit the book (every problem named
        by file, sheet, row and column).

    Parameters
    ----------
    book : Book
        The book merged into (read, never changed here).
    result : ImportResult
        What :func:`read_tables` read, given ``book=book`` (so that its stages and reps are known).
    shown : int
        How many changed (and added) deal ids the summary lists.
    shown_rows : int
        How many changed rows of each table the summary lists with their changed columns.

    Returns
    -------
    (Change, MergeSummary)
        One ``Batch`` (one undo step, one revision when applied) and the counts per table.
    """
    result.refuse_if_problems()
    if GENERATED in result.made.get("Deals", set()):
        raise ImportRefused([ImportProblem(", ".join(map(str, result.locations["Deals"]["file"].dropna().unique())),
                                           None, None, None, None, NO_IDS_TO_MERGE)])
    # reps made from names join a book only when its reps too are known by name alone, or when
    # the mapping makes them; else an owner the book does not know is a problem
    reps = book["Reps"]
    reps_by_name = bool((reps["id"] == reps["name"]).all())
    new_reps = _new_reps(result)
    parts: list[Change] = []
    summary = MergeSummary()
    problems = _unmapped(book, result, new_reps)
    flagged = {(p.file, p.sheet, p.row, p.column) for p in problems}  # not named twice by the resolving below
    new_rows: dict[str, pd.DataFrame] = {}  # rows this change inserts, by table (ids already given)
    origins: dict[tuple[str, int], int] = {}  # (table, row id) -> its position in the import's frame
    for table in schema.LOAD_ORDER:
        incoming = result.frames.get(table)
        if incoming is None or not len(incoming):
            continue
        if table == "Settings" and result.made.get("Settings") and len(incoming) == len(result.made["Settings"]):
            continue
        spec = schema.TABLES[table]
        current = book[table]
        location = result.locations[table]
        resolved = incoming.copy()
        # rows of a table that refers to itself (a rep's manager) may name each other: they get
        # provisional (negative) ids, replaced by their new ids once inserted
        provisional = None
        if any(column.ref == table for column in spec.refs) and spec.key and spec.key[0] in incoming:
            provisional = incoming.set_axis(pd.Index(-1 - np.arange(len(incoming)), name=schema.ROW_ID))
            provisional = provisional[~provisional[spec.key[0]].isin(current[spec.key[0]].dropna()).to_numpy(
                dtype=bool, na_value=False)]
        for column in spec.refs:
            if column.name not in resolved:
                continue
            target = current if column.ref == table else book[column.ref]
            combined = pd.concat([target, new_rows[column.ref]]) if column.ref in new_rows else target
            if column.ref == table and provisional is not None and len(provisional):
                combined = pd.concat([combined, provisional[[c for c in provisional.columns if c in combined]]])
            ids, failures = Resolver(schema.TABLES[column.ref], combined).resolve(resolved[column.name])
            resolved[column.name] = ids
            for label, (template, fields) in failures.items():
                problem = _located(result, table, label, column.name, incoming[column.name].iloc[label],
                                   template, fields)
                if (problem.file, problem.sheet, problem.row, problem.column) not in flagged:
                    problems.append(problem)
        made = result.made.get(table, set())
        provided = [c for c in spec.names if c in result.provided.get(table, set()) and c in resolved]
        extras_known = [c for c in resolved.columns if c not in spec.names and c in current.columns]
        if table in LOG_TABLES:  # a log: a row is the same row only when all its cells are
            present_keys = provided + extras_known
            matched = _multiset_match(current, resolved, present_keys)
        else:
            present_keys = [k for k in MERGE_KEYS[table] if k in resolved]
            book_keys = _key_index(current, present_keys)
            matched = np.full(len(resolved), -1, dtype="int64")
            for index, key in enumerate(_key_tuples(resolved, present_keys)):
                row = book_keys.get(key)
                if row is not None:
                    matched[index] = row
        is_made = np.zeros(len(resolved), dtype=bool)
        if made and spec.key:
            key_column = spec.key[0]
            is_made = resolved[key_column].isin(made).fillna(False).to_numpy(dtype=bool) & \
                location["file"].isna().to_numpy(dtype=bool)
            if spec.title and spec.title != key_column:  # a made rep whose name the book has is that rep
                titles = _key_index(current, [spec.title])
                for index in np.flatnonzero(is_made & (matched < 0)):
                    row = titles.get((resolved[key_column].iloc[index],))
                    if row is not None:
                        matched[index] = row
        new_extras = [c for c in resolved.columns if c not in spec.names and c not in current.columns]
        if new_extras:
            summary.new_columns[table] = new_extras
        compared = provided + extras_known
        counts = {"added": 0, "changed": 0, "unchanged": 0}
        old = matched >= 0
        changed_ids = []
        if new_extras and not is_made.all():  # the user's new columns: added to every row first
            parts.append(_with_columns(book, table, current, resolved, new_extras, matched, is_made))
        if old.any():
            incoming_old = resolved.iloc[np.flatnonzero(old & ~is_made)]
            ids = matched[old & ~is_made]
            if len(ids):
                before = current.loc[ids, compared]
                after = incoming_old[compared].set_axis(pd.Index(ids, name=schema.ROW_ID))
                differs = pd.DataFrame({c: _differs(after[c], before[c]) for c in compared}, index=before.index)
                row_changed = differs.any(axis=1).to_numpy()
                if new_extras:  # a value in a new column changes its row
                    row_changed = row_changed | incoming_old[new_extras].notna().any(axis=1).to_numpy()
                counts["changed"] = int(row_changed.sum())
                counts["unchanged"] = int((~row_changed).sum()) + int((old & is_made).sum())
                groups: dict[tuple, list[int]] = {}
                for row, flags in zip(differs.index[row_changed], differs.to_numpy()[row_changed]):
                    groups.setdefault(tuple(c for c, flag in zip(compared, flags) if flag), []).append(row)
                for columns, rows in groups.items():
                    columns = tuple(c for c in columns if c not in new_extras)
                    if not columns:
                        continue
                    values = after.loc[rows, list(columns)]
                    for column in columns:
                        if column in spec.names and spec.column(column).kind is Kind.REF:
                            values[column] = values[column].astype("Int64")
                        else:
                            values[column] = values[column].astype(current[column].dtype)
                    parts.append(SetValues(table, values))
                changed_ids = [row for row, flag in zip(ids, row_changed) if flag]
                first = np.flatnonzero(old & ~is_made)[row_changed][:shown_rows]
                summary.changed_rows[table] = [
                    (" / ".join(part for part in key if part), [c for c, flag in zip(compared, flags) if flag]
                     + [c for c in new_extras if pd.notna(incoming[c].iloc[index])])
                    for key, flags, index in zip(_key_tuples(incoming.iloc[first], present_keys),
                                                 differs.to_numpy()[row_changed][:shown_rows], first)]
                for row, index in zip(ids, np.flatnonzero(old & ~is_made)):
                    origins[(table, int(row))] = int(index)
            else:
                counts["unchanged"] = int((old & is_made).sum())
        skipped = is_made if table == "Reps" and not reps_by_name else np.zeros(len(resolved), dtype=bool)
        if table == "Reps":  # reps the mapping makes join any book
            skipped = skipped & ~resolved["id"].isin(new_reps).fillna(False).to_numpy(dtype=bool)
        fresh = np.flatnonzero(~old & ~skipped)
        if len(fresh):
            rows = resolved.iloc[fresh][[c for c in resolved.columns if c in spec.names or c in current.columns]]
            insertion = book.insertion(table, rows)
            for column in new_extras:  # applied after the columns are added, so kept
                insertion.rows[column] = resolved[column].iloc[fresh].to_numpy()
            if provisional is not None:  # provisional ids of rows just given real ones
                real = pd.Series(insertion.rows.index.to_numpy(), index=-1 - fresh)
                for column in (c for c in spec.refs if c.ref == table and c.name in insertion.rows):
                    insertion.rows[column.name] = _real_ids(insertion.rows[column.name], real)
                    for part in parts:
                        if isinstance(part, SetValues) and part.table == table and column.name in part.values:
                            part.values[column.name] = _real_ids(part.values[column.name], real)
            parts.append(insertion)
            new_rows[table] = insertion.rows
            for row, index in zip(insertion.rows.index, fresh):
                origins[(table, int(row))] = int(index)
            counts["added"] = len(fresh)
            if table == "Deals":
                summary.added_deals = [str(v) for v in rows["id"].head(shown)]
        summary.tables[table] = counts
        if table == "Deals" and changed_ids:
            summary.changed_count = len(changed_ids)
            summary.changed_deals = [str(current.loc[row, "id"]) for row in changed_ids[:shown]]
    if problems:
        raise ImportRefused(problems[:LISTED], len(problems))
    change: Change = parts[0] if len(parts) == 1 else Batch(tuple(parts))
    if not parts:
        change = Batch(())
    # the one validation of imports: the book with the merge applied (a what-if: the book is not
    # touched, new rows keep their provisional ids) must have no problem it did not have, by
    # the rules a new book is held to
    def origin(problem: Problem) -> int | None:
        return origins.get((problem.table, problem.row))

    try:
        after = book.applied(book.planned(change))
    except Refused as refused:
        raise ImportRefused([locate(p, result, origin(p)) for p in refused.problems[:LISTED]],
                            len(refused.problems)) from None
    refuse_new_problems(result, after, origin, before=book)
    return change, summary


def _new_reps(result: ImportResult) -> set[str]:
    """The reps the import made that the mapping says are new (``"new"``; the Unassigned rep of
    deals without an owner when ``""`` is)."""
    owners = result.mapping.owners
    made = result.made.get("Reps", set())
    return {rep for rep in made if owners.get(rep) == NEW_REP or rep == UNASSIGNED and owners.get("") == NEW_REP}


def _unmapped(book: Book, result: ImportResult, new_reps: set[str]) -> list[ImportProblem]:
    """decisions.md: into a book, a deal's stage or owner the book does not know is refused
    unless the mapping says what it is (one of the book's, or a new one), so that a typo never
    moves a won deal to a new open stage nor a deal's credit to a new rep. Only the deals whose
    owner or stage the merge sets are asked: new deals, and all when the files have the column."""
    deals = result.frames.get("Deals")
    if deals is None or "id" not in deals:
        return []
    new = ~deals["id"].isin(book["Deals"]["id"].dropna()).to_numpy(dtype=bool)
    provided = result.provided.get("Deals", set())
    problems = []
    if "owner" in deals:  # the book's reps, the files' (not those made from owners) and the new ones
        known = set(new_reps)
        reps = result.frames.get("Reps")
        given = reps[result.locations["Reps"]["file"].notna().to_numpy(dtype=bool)] if reps is not None else None
        for frame in (book["Reps"], given):
            for column in ("id", "name"):
                if frame is not None and column in frame:
                    known |= set(frame[column].dropna().astype(str).str.strip())
        owners = deals["owner"]
        texts = owners.astype("string").str.strip()
        asked = (new | ("owner" in provided)) & (texts.isna() | ~texts.isin(known)).to_numpy(dtype=bool)
        header = "owner" if "owner" in result.headers.get("Deals", {}) else None  # else the file has none
        for index in np.flatnonzero(asked):
            if pd.isna(owners.iloc[index]):
                problems.append(_located(result, "Deals", index, header, None, NO_OWNER_IN_MERGE, {}))
            else:
                problems.append(_located(result, "Deals", index, "owner", owners.iloc[index], UNKNOWN_OWNER_IN_MERGE,
                                         {"value": owners.iloc[index]}))
    if "stage" in deals:
        unmapped = set(result.stages_unknown)
        known = set(book["Stages"]["stage"].dropna().astype(str))
        stages = result.frames.get("Stages")
        if stages is not None and "stage" in stages:
            known |= {str(name) for name in stages["stage"].dropna() if str(name) not in unmapped}
        names = deals["stage"].astype("string")
        asked = (new | ("stage" in provided)) & (names.notna() & ~names.isin(known)).to_numpy(dtype=bool)
        for index in np.flatnonzero(asked):
            problems.append(_located(result, "Deals", index, "stage", names.iloc[index], UNKNOWN_STAGE_IN_MERGE,
                                     {"value": names.iloc[index]}))
    return sorted(problems, key=lambda p: (str(p.file), str(p.sheet), p.row or 0))  # in the files' order


def _with_columns(book: Book, table: str, current: pd.DataFrame, incoming: pd.DataFrame, columns: list[str],
                  matched: np.ndarray, made: np.ndarray) -> ReplaceTable:
    """The table as it is (same rows, ids, positions and unresolved cells) with the user's new
    columns added, holding the imported values of the rows matched (the only way a table gains
    columns: the store then rewrites it whole)."""
    frame = current.copy()
    rows = np.flatnonzero((matched >= 0) & ~made)
    for column in columns:
        values = incoming[column]
        added = pd.Series(pd.NA if values.dtype == "string" else None, index=frame.index, dtype=values.dtype)
        if len(rows):
            added.loc[matched[rows]] = values.iloc[rows].to_numpy()
        frame[column] = added
    unresolved = {c.name: book.unresolved(table, c.name) for c in schema.TABLES[table].refs
                  if book.unresolved(table, c.name)}
    return ReplaceTable(table, frame, book.positions(table), unresolved)


def _real_ids(values: pd.Series, real: pd.Series) -> pd.Series:
    """References holding provisional (negative) ids with the ids the rows were given."""
    values = values.astype("Int64")
    negative = (values < 0).fillna(False).to_numpy(dtype=bool)
    if negative.any():
        values = values.copy()
        values[negative] = values[negative].map(real).astype("Int64")
    return values


def _multiset_match(current: pd.DataFrame, incoming: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """For each incoming row, the row id of a book row with the same cells in ``columns``, each
    book row matched once (rows repeated in a log match as many times as the book has them),
    or -1."""
    pool: dict[tuple, list[int]] = {}
    for row, key in zip(current.index, _key_tuples(current, columns)):
        pool.setdefault(key, []).append(int(row))
    matched = np.full(len(incoming), -1, dtype="int64")
    for index, key in enumerate(_key_tuples(incoming, columns)):
        rows = pool.get(key)
        if rows:
            matched[index] = rows.pop(0)
    return matched


def _key_index(frame: pd.DataFrame, columns: list[str]) -> dict[tuple, int]:
    """Key tuple → row id of the first row with that key (keys compared as stripped text)."""
    out: dict[tuple, int] = {}
    for row, key in zip(frame.index, _key_tuples(frame, columns)):
        out.setdefault(key, int(row))
    return out


def _key_tuples(frame: pd.DataFrame, columns: list[str]):
    parts = []
    for column in columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            parts.append(values.dt.strftime("%Y-%m-%d").fillna("").tolist())
        else:
            parts.append(["" if pd.isna(v) else str(v).strip() for v in values.tolist()])
    return list(zip(*parts)) if parts else [() for _ in range(len(frame))]


def _differs(new: pd.Series, old: pd.Series) -> np.ndarray:
    """Cell by cell: is ``new`` another value than ``old`` (missing equals missing)?"""
    new_missing, old_missing = new.isna().to_numpy(), old.isna().to_numpy()
    try:
        unequal = (new.astype(old.dtype) != old).fillna(False).to_numpy(dtype=bool)
    except (TypeError, ValueError):
        unequal = (new.astype("string") != old.astype("string")).fillna(False).to_numpy(dtype=bool)
    return (unequal & ~(new_missing | old_missing)) | (new_missing != old_missing)


def _located(result: ImportResult, table: str, index: int, column: str | None, value, template: str,
             fields: dict) -> ImportProblem:
    location = result.locations[table].iloc[index]
    header = result.headers.get(table, {}).get(column, column) if column else None
    row = location["row"]
    return ImportProblem(location["file"], location["sheet"], None if pd.isna(row) else int(row), header, value,
                         template, fields)
