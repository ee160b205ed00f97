"""Cell editors chosen by the schema: a combo box for references and fixed choices (showing
names, storing ids or codes), a line editor for everything else.

Editors hold text as people type it (``2026.3.5``, ``₩1,200,000``, ``35%``); the model hands
it to the core, which parses and checks it, so every input path parses the same way.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QStyledItemDelegate, QWidget

from planner.core.schema import Kind
from planner.qt.book_model import BookTableModel
from planner.qt.i18n import value_label

# A reference to a table larger than this is typed (with its id or name) rather than picked.
MAX_CHOICES = 5000


class CellDelegate(QStyledItemDelegate):
    """Edits a cell of a :class:`BookTableModel` with the editor its column needs."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model: BookTableModel = index.model()
        choices = self._choices(model, index)
        if choices is not None:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setMinimumWidth(180)  # names must be readable even in a narrow column
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            for text, value in choices:
                combo.addItem(text, value)
            completer = combo.completer()
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            return combo
        editor = QLineEdit(parent)
        kind = model.column_kind(index.column())
        if kind is Kind.DATE:
            editor.setPlaceholderText("2026-03-05")
        elif kind is Kind.RATIO:
            editor.setPlaceholderText("35%")
        return editor

    def _choices(self, model: BookTableModel, index: QModelIndex) -> list[tuple[str, object]] | None:
        """(shown text, value) pairs for a reference or fixed-choice column, else None."""
        column = model.spec_column(index.column())
        if column is None or model.book is None:
            return None
        blank = [] if column.required else [("", None)]
        if column.allowed:
            return blank + [(value_label(code), code) for code in column.allowed]
        if column.kind is Kind.REF:
            titles = model.book.titles(column.ref)
            if len(titles) > MAX_CHOICES:
                return None
            if column.ref == "Stages":  # in pipeline order
                titles = titles[model.book["Stages"]["order"].sort_values(kind="stable").index]
            return blank + [(str(title), int(row)) for row, title in titles.items() if not _missing(title)]
        return None

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            found = editor.findText(text, Qt.MatchFlag.MatchExactly)
            editor.setCurrentIndex(found)
            editor.setEditText(text)
        else:
            editor.setText(text)
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: BookTableModel, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText()
            found = editor.findText(text, Qt.MatchFlag.MatchExactly)
            if found < 0:  # typed in another case, or with spaces around
                found = editor.findText(text.strip(), Qt.MatchFlag.MatchFixedString)
            # a picked entry stores its id (or code); typed text goes to the core to resolve
            value = editor.itemData(found) if found >= 0 else text
            model.setData(index, "" if value is None else value, Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


def _missing(value) -> bool:
    return value is None or value != value
