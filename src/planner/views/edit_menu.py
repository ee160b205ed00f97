"""The Edit menu: undo and redo, the clipboard, rows, fill down, find and filters.

Its actions belong to the window (one shortcut each, whatever has focus) and act on the
sheet of the current tab; the sheets show the same actions in their context menus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QUndoView

StandardKey = QKeySequence.StandardKey


class EditMenu(QObject):
    """Builds the Edit and View menus of ``window`` and routes them to its current sheet."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        stack = window.undo_stack
        menu = window.menuBar().addMenu(self.tr("&Edit"))
        self.undo = stack.createUndoAction(window, self.tr("&Undo"))
        self.undo.setShortcuts(QKeySequence.keyBindings(StandardKey.Undo))
        self.redo = stack.createRedoAction(window, self.tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        menu.addActions([self.undo, self.redo])
        menu.addSeparator()
        self.cut = self._action(menu, self.tr("Cu&t"), [StandardKey.Cut], lambda s: s.cut())
        self.copy = self._action(menu, self.tr("&Copy"), [StandardKey.Copy], lambda s: s.copy())
        self.paste = self._action(menu, self.tr("&Paste"), [StandardKey.Paste], lambda s: s.paste())
        self.clear = self._action(menu, self.tr("C&lear cells"), [StandardKey.Delete], lambda s: s.clear_cells())
        self.clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the sheet handles its Delete key
        menu.addSeparator()
        self.fill_down = self._action(menu, self.tr("Fill &down"), ["Ctrl+D"], lambda s: s.fill_down())
        self.insert_above = self._action(menu, self.tr("&Insert rows above"), ["Ctrl++", "Ctrl+="],
                                         lambda s: s.insert_rows())
        self.insert_below = self._action(menu, self.tr("Insert rows &below"), ["Ctrl+Shift++"],
                                         lambda s: s.insert_rows(below=True))
        self.duplicate = self._action(menu, self.tr("Duplicate r&ows"), ["Ctrl+Shift+D"],
                                      lambda s: s.duplicate_rows())
        self.delete_rows = self._action(menu, self.tr("Delete ro&ws"), ["Ctrl+-"], lambda s: s.delete_rows())
        menu.addSeparator()
        self.find = QAction(self.tr("&Find…"), window)
        self.find.setShortcut(StandardKey.Find)
        self.find.triggered.connect(window.show_find)
        window.addAction(self.find)
        menu.addAction(self.find)
        self.clear_filters = self._action(menu, self.tr("Clear filter&s"), [], lambda s: s.clear_filters())
        menu.addSeparator()
        check = window.exit_check
        self.confirm_criteria = QAction(self.tr("Confirm e&xit criteria when moving deals forward"), window)
        self.confirm_criteria.setCheckable(True)
        self.confirm_criteria.setChecked(check.enabled)
        self.confirm_criteria.toggled.connect(check.set_enabled)
        check.enabled_changed.connect(self.confirm_criteria.setChecked)
        menu.addAction(self.confirm_criteria)
        self.sheet_actions = [self.cut, self.copy, self.paste, self.clear, None, self.fill_down, self.insert_above,
                              self.insert_below, self.duplicate, self.delete_rows]

        self.history = QDockWidget(self.tr("Undo history"), window)
        self.history.setObjectName("undo_history")
        self.history.setWidget(QUndoView(stack))
        self.history.widget().setEmptyLabel(self.tr("<opened>"))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history)
        self.history.hide()
        self.view_menu = window.menuBar().addMenu(self.tr("&View"))
        toggle = self.history.toggleViewAction()
        toggle.setText(self.tr("&Undo history"))
        toggle.setShortcut(QKeySequence("Ctrl+H"))
        self.view_menu.addAction(toggle)

    def _action(self, menu, text: str, keys: list, run) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(lambda: self._on_sheet(run))
        self.window.addAction(action)
        menu.addAction(action)
        return action

    def _on_sheet(self, run) -> None:
        sheet = self.window.current_sheet()
        if sheet is not None:
            run(sheet)

    def set_editable(self, editable: bool) -> None:
        for action in (self.cut, self.paste, self.clear, self.fill_down, self.insert_above, self.insert_below,
                       self.duplicate, self.delete_rows):
            action.setEnabled(editable)
