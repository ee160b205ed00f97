"""The one validation of every import (no Qt).

A new book (``import --out``, the wizard's new book) and a merge (``import --into``, the
wizard's import into the open book) are held to the same rules: the book the import makes —
the new book, or the open book with the merge applied to a copy of it — must have no problem
the book before it did not have. The rules are the book's own (:func:`planner.core.checks.
book_problems`, whose cell rules are those typed input is refused by); decisions.md lets an
import leave only an open deal's amount or created date, and the created dates of a file that
has none. Every problem is named where the user will find it: file, sheet, row as Excel numbers
it, header, value, and what was expected.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from planner.core import deal_rules
from planner.core.book import Book
from planner.core.parse import REQUIRED
from planner.core.problems import Problem
from planner.io.import_results import LISTED, ImportProblem, ImportRefused, ImportResult

Origin = Callable[[Problem], int | None]  # a book problem -> the position of its row in the import's frame


def refuse_new_problems(result: ImportResult, after: Book, origin: Origin, before: Book | None = None) -> None:
    """Raise :class:`ImportRefused` naming every problem ``after`` has that ``before`` has not.

    Parameters
    ----------
    result : ImportResult
        What was read (where each row came from, its headers and cells).
    after : Book
        The book the import makes.
    origin : callable
        A problem of ``after`` → the position in ``result.frames[problem.table]`` of the row it
        is on, or None for a row the files did not give (it is then named by its table and key).
    before : Book, optional
        The book merged into (its own problems are not the import's).
    """
    known = {_identity(problem) for problem in before.problems()} if before is not None else set()
    found = [problem for problem in after.problems()
             if _identity(problem) not in known and not _allowed(after, problem, result, origin(problem))]
    if found:
        raise ImportRefused([locate(problem, result, origin(problem)) for problem in found[:LISTED]], len(found))


def locate(problem: Problem, result: ImportResult, index: int | None) -> ImportProblem:
    """A book problem as an import problem: the file, sheet, row and cell of row ``index`` of
    the import's frame, else the table and the row's key in the book."""
    table = problem.table
    header = result.headers.get(table, {}).get(problem.column, problem.column) if problem.column else None
    locations = result.locations.get(table)
    if index is not None and locations is not None and index < len(locations) and \
            pd.notna(locations["file"].iloc[index]):
        location = locations.iloc[index]
        frame = result.frames.get(table)
        value = frame[problem.column].iloc[index] if frame is not None and problem.column in frame else None
        row = location["row"]
        return ImportProblem(location["file"], location["sheet"], None if pd.isna(row) else int(row), header,
                             None if value is None or value is pd.NA or value is pd.NaT else value,
                             problem.template, problem.fields)
    where = table if problem.key is None else f"{table} {problem.key}"
    return ImportProblem(where, None, None, header, None, problem.template, problem.fields)


def _identity(problem: Problem) -> tuple:
    """What makes a problem the same one before and after a merge (not where it is shown)."""
    return (problem.table, problem.row, problem.column, problem.template,
            tuple(sorted((key, str(value)) for key, value in problem.fields.items())))


def _allowed(book: Book, problem: Problem, result: ImportResult, index: int | None) -> bool:
    """Problems decisions.md lets an import leave (the import warned about them): what an open
    deal may lack, and what a won or lost deal of a file without the column may
    (:mod:`planner.core.deal_rules`)."""
    if problem.table != "Deals" or problem.template != REQUIRED or problem.row not in book["Deals"].index:
        return False
    kind = deal_rules.stage_kinds(book["Deals"].loc[[problem.row]], book["Stages"])
    if deal_rules.may_lack(kind, problem.column)[0]:
        return True
    if problem.column in deal_rules.KEPT_WITHOUT and index is not None:
        return result.locations["Deals"]["file"].iloc[index] in result.missing_created
    return False
