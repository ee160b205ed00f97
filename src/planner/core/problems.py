"""Problems: something wrong in one cell, row or table of a book, said so a user can find it."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.core.errors import QT_TRANSLATE_NOOP, PlannerError


@dataclass(frozen=True)
class Problem:
    """One thing wrong, with where it is.

    ``row`` is the row's surrogate id (stable across sorts and edits); ``position`` (0-based, the
    row's place in its table) and ``key`` (the user's own id of the row, such as ``D-00012``) are
    what a person looks for: the app shows the position as the row number, the command line
    shows the key when the row has one.
    """

    table: str
    row: int | None  # row id; None for the whole table or column
    column: str | None
    template: str
    fields: dict = field(default_factory=dict)
    position: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        return self.translated(lambda _context, text: text)

    def translated(self, translate, by_key: bool = True) -> str:
        """The problem in words, templates passed through ``translate(context, text)``.

        With ``by_key`` the row is named by the user's id when it has one (command line);
        otherwise by its row number (the app's grid).
        """
        message = translate("errors", self.template).format(**self.fields)
        named = by_key and self.key is not None
        if self.row is None or (self.position is None and not named):  # a whole column, or a row not yet in the book
            where = translate("errors", "{table}, column {column}") if self.column else "{table}"
        elif named:
            where = translate("errors", "{table} {key}, column {column}") if self.column else "{table} {key}"
        elif self.column:
            where = translate("errors", "{table} row {row}, column {column}")
        else:
            where = translate("errors", "{table} row {row}")
        row = None if self.position is None else self.position + 1
        table, column = (self.table, self.column) if by_key else self._labels(translate)
        return where.format(table=table, row=row, key=self.key, column=column) + ": " + message

    def _labels(self, translate) -> tuple[str, str | None]:
        """The table and column as the app's tabs and headers name them (the command line
        keeps the names of the files and the JSON)."""
        from planner.core.schema import TABLES

        spec = TABLES.get(self.table)
        if spec is None:
            return self.table, self.column
        names = [] if self.column is None else self.column.split(", ")  # a key of several columns
        labels = [translate("schema", spec.column(name).label) if name in spec.names else name for name in names]
        return translate("schema", spec.label), ", ".join(labels) if names else None


# lupdate finds the row/column phrasing here; Problem.translated looks them up at run time.
_WHERE = (QT_TRANSLATE_NOOP("errors", "{table}, column {column}"),
          QT_TRANSLATE_NOOP("errors", "{table} row {row}, column {column}"),
          QT_TRANSLATE_NOOP("errors", "{table} row {row}"),
          QT_TRANSLATE_NOOP("errors", "{table} {key}, column {column}"),
          QT_TRANSLATE_NOOP("errors", "{table} {key}"))


class BookProblems(PlannerError):
    """The book (or a change to it) breaks rules the engine relies on; ``problems`` lists them all."""

    SHOWN = 5

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(QT_TRANSLATE_NOOP("errors", "The book has problems: {problems}{more}"),
                         problems="; ".join(str(p) for p in problems[: self.SHOWN]), more=self._more(str))

    def _more(self, translate_text) -> str:
        more = len(self.problems) - self.SHOWN
        return translate_text(" (and {count} more)").format(count=more) if more > 0 else ""

    def translated(self, translate, by_key: bool = True) -> str:
        return translate("errors", self.template).format(
            problems="; ".join(p.translated(translate, by_key) for p in self.problems[: self.SHOWN]),
            more=self._more(lambda text: translate("errors", text)),
        )


class Refused(BookProblems):
    """An edit the book refused; nothing changed. ``problems`` says what was expected."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.template = QT_TRANSLATE_NOOP("errors", "Not changed: {problems}{more}")
        self.args = (self.template.format(**self.fields),)


_MORE = QT_TRANSLATE_NOOP("errors", " (and {count} more)")
