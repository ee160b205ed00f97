"""A new book of an import (``planner import FILE... --out BOOK``; no Qt)."""

from __future__ import annotations

import pandas as pd

from planner.core.book import Book
from planner.core.parse import REQUIRED
from planner.core.problems import Problem
from planner.io.import_results import LISTED, ImportProblem, ImportRefused, ImportResult


def build_book(result: ImportResult) -> Book:
    """A new book of an import (``planner import FILE... --out BOOK``).

    Parameters
    ----------
    result : ImportResult
        What :func:`read_tables` read (without a ``book``).

    Returns
    -------
    Book
        The tables with references resolved (a deal's owner and stage hold row ids), the
        user's own columns kept, a ``currency`` setting when the files had no Settings sheet.

    Raises
    ------
    ImportRefused
        When the import or the book made of it has problems (references that resolve to no row,
        a won deal closed before it was created, a currency other than the book's, ...), each
        named by file, sheet, row and column. Cells decisions.md lets be missing (an open
        deal's amount and created date; created dates of a file that has none) are warnings.
    """
    result.refuse_if_problems()
    frames = {table: frame for table, frame in result.frames.items()}
    book = Book(frames)
    located = [located for problem in book.problems() if not _allowed(book, problem, result)
               for located in [_locate(problem, result)]]
    if located:
        raise ImportRefused(located[:LISTED], len(located))
    return book


def _allowed(book: Book, problem: Problem, result: ImportResult) -> bool:
    """Problems of a new book that decisions.md allows of imports (already warned about)."""
    if problem.table != "Deals" or problem.template != REQUIRED or problem.column not in ("amount", "created"):
        return False
    deals = book["Deals"]
    kind = book["Stages"]["kind"].get(deals["stage"].get(problem.row))
    if kind == "open":
        return True
    if problem.column == "created" and problem.position is not None:
        return result.locations["Deals"]["file"].iloc[problem.position] in result.missing_created
    return False


def _locate(problem: Problem, result: ImportResult) -> ImportProblem:
    """A book problem as an import problem: the file, sheet and row its row came from."""
    table = problem.table
    header = result.headers.get(table, {}).get(problem.column, problem.column) if problem.column else None
    value = None
    if problem.position is not None and table in result.locations and problem.position < len(result.locations[table]):
        location = result.locations[table].iloc[problem.position]
        frame = result.frames.get(table)
        if frame is not None and problem.column in frame:
            value = frame[problem.column].iloc[problem.position]
        row = location["row"]
        return ImportProblem(location["file"], location["sheet"], None if pd.isna(row) else int(row),
                             header, value, problem.template, problem.fields)
    return ImportProblem(None, table, None, header, value, problem.template, problem.fields)
