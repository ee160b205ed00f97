"""A new book of an import (``planner import FILE... --out BOOK``; no Qt)."""

from __future__ import annotations

from planner.core.book import Book
from planner.io.import_checks import refuse_new_problems
from planner.io.import_results import ImportResult


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
        named by file, sheet, row and column (:func:`~planner.io.import_checks.refuse_new_problems`,
        as a merge is). Cells decisions.md lets be missing (an open deal's amount and created
        date; created dates of a file that has none) are warnings.
    """
    result.refuse_if_problems()
    book = Book(dict(result.frames))
    refuse_new_problems(result, book, origin=lambda problem: problem.position)
    return book
