"""Cell editors chosen by the schema: a list for references and fixed choices (showing names,
storing ids or codes), a line editor for everything else.

Editors hold text as people type it (``2026.3.5``, ``₩1,200,000``, ``35%``); the model hands
it to the core, which parses and checks it, so every input path parses the same way. As in
Excel, an edit started by typing (a key, or an input method's composition) replaces the cell;
F2 and a double-click edit what is there, with the cursor at its end.
"""

from __future__ import annotations

import pandas as pd
import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter, QLineEdit, QStyledItemDelegate, QWidget

from planner.core.schema import Kind
from planner.qt.book_model import BookTableModel
from planner.qt.i18n import value_label

# A reference to a table larger than this is typed (with its id or name) rather than picked.
MAX_CHOICES = 5000
# What completion matches in a choice: its name and the user's id (or code) of the row it names.
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 7
_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class CellDelegate(QStyledItemDelegate):
    """Edits a cell of a :class:`BookTableModel` with the editor its column needs."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # set by the view while it opens an editor because the user started typing
        self.typing = False
        self.editor: QWidget | None = None  # the editor opened last

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        model: BookTableModel = index.model()
        choices = self._choices(model, index)
        if choices is not None:
            self.editor = ChoiceEditor(parent, choices)
            return self.editor
        editor = QLineEdit(parent)
        kind = model.column_kind(index.column())
        if kind is Kind.DATE:
            editor.setPlaceholderText("2026-03-05")
        elif kind is Kind.RATIO:
            editor.setPlaceholderText("35%")
        self.editor = editor
        return editor

    def _choices(self, model: BookTableModel, index: QModelIndex) -> list[tuple[str, object, str]] | None:
        """(shown text, value, the user's id or code) for a reference or fixed-choice column, else None."""
        column = model.spec_column(index.column())
        if column is None or model.book is None:
            return None
        blank = [] if column.required else [("", None, "")]
        if column.allowed:
            return blank + [(value_label(code), code, code) for code in column.allowed]
        if column.kind is Kind.REF:
            titles = model.book.titles(column.ref)
            if len(titles) > MAX_CHOICES:
                return None
            if column.ref == "Stages":  # in pipeline order
                titles = titles[model.book["Stages"]["order"].sort_values(kind="stable").index]
            keys = model.book.keys(column.ref).astype("string").reindex(titles.index)
            # a row still without a name (a blank row being filled in) is no choice yet
            named = titles.notna().to_numpy(dtype=bool)
            return blank + [(str(title), int(row), "" if pd.isna(key) else str(key))
                            for row, title, key in zip(titles.index[named], titles[named], keys[named])]
        return None

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        text = "" if self.typing else _text(index.data(Qt.ItemDataRole.EditRole))
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findText(text, Qt.MatchFlag.MatchExactly) if text else -1)
            editor.setEditText(text)
            if isinstance(editor, ChoiceEditor):
                editor.typed = self.typing
        else:
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: BookTableModel, index: QModelIndex) -> None:
        if isinstance(editor, ChoiceEditor):
            value = editor.value()  # a picked entry's id or code; typed text goes to the core to resolve
            model.setData(index, "" if value is None else value, Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def place_cursor(self) -> None:
        """F2 or a double-click: the cursor at the end of the text, nothing selected (Qt selects all)."""
        if self.editor is None or not shiboken6.isValid(self.editor):
            return
        line = self.editor.lineEdit() if isinstance(self.editor, QComboBox) else self.editor
        if isinstance(line, QLineEdit):
            line.deselect()
            line.end(False)


class ChoiceEditor(QComboBox):
    """An editable list of names (storing ids or codes) that completes what is typed: any part
    of a name or of an id, in any case, Korean and Japanese alike. Enter takes the entry
    typed, else the first one the list shows; text that names none goes to the core as typed."""

    def __init__(self, parent: QWidget, choices: list[tuple[str, object, str]]) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setMinimumWidth(180)  # names must be readable even in a narrow column
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for text, value, key in choices:
            self.addItem(text, value)
            self.setItemData(self.count() - 1, text if key in ("", text) else f"{text}\n{key}", SEARCH_ROLE)
        completer = _NameCompleter(self.model(), self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        # the list catches keys while it shows: Enter and Tab there commit, as they do in the cell
        completer.popup().installEventFilter(self)
        completer.completionModel().modelReset.connect(self._mark_choice)
        self.typed = False  # opened by typing: what was typed before it had the keyboard completes too

    def value(self):
        """The id or code of the entry the text names, else of the first entry containing it, else
        the text itself (None when empty)."""
        row = self.choice_row()
        if row is not None:
            return self.itemData(row)
        text = self.currentText().strip()
        return text or None

    def choice_row(self) -> int | None:
        """The entry Enter takes for the text typed: one named exactly (name, then id, in any case),
        else the first whose name or id contains it."""
        text = self.currentText()
        found = self.findText(text, Qt.MatchFlag.MatchExactly)
        if found >= 0:
            return found
        wanted = text.strip().casefold()
        if not wanted:
            return None
        searches = [str(self.itemData(row, SEARCH_ROLE) or "").casefold().split("\n") for row in range(self.count())]
        for row, parts in enumerate(searches):
            if wanted in parts:
                return row
        return next((row for row, parts in enumerate(searches) if any(wanted in part for part in parts)), None)

    def _mark_choice(self) -> None:
        """Show, in the completion list, the entry Enter would take (without changing the text)."""
        row = self.choice_row()
        if row is None:
            return
        completions, selection = self.completer().completionModel(), self.completer().popup().selectionModel()
        for shown in range(completions.rowCount()):
            index = completions.index(shown, 0)
            if index.data(Qt.ItemDataRole.UserRole) == self.itemData(row):
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                return

    def focusInEvent(self, event) -> None:
        """An edit started by an input method gets the keyboard once the first composition is
        committed, too late for the line to complete it: complete it now."""
        super().focusInEvent(event)
        if self.typed and self.currentText():
            QTimer.singleShot(0, self, self._complete_typed)  # once the focus has settled
        self.typed = False

    def _complete_typed(self) -> None:
        if self.hasFocus() and self.currentText():
            self.completer().setCompletionPrefix(self.currentText())
            self.completer().complete()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.completer().popup() and event.type() == QEvent.Type.KeyPress \
                and event.key() in _COMMIT_KEYS:
            watched.hide()
            # the cell's own Enter or Tab: commit and move (the delegate watches this editor)
            QApplication.sendEvent(self, QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(),
                                                   event.text()))
            return True
        return super().eventFilter(watched, event)


class _NameCompleter(QCompleter):
    """Matches names and ids, but completes to the name alone."""

    def pathFromIndex(self, index: QModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


def _text(value) -> str:
    """A cell's edit text; a missing value (None, NaN, pd.NA) is empty, never truth-tested."""
    return "" if value is None or pd.isna(value) else str(value)
