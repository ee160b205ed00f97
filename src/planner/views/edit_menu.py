"""The Edit menu: undo and redo, the clipboard, rows, fill down, find and filters.

Its actions belong to the window (one shortcut each, whatever has focus) and act on the
sheet of the current tab; the sheets show the same actions in their context menus.

Rows are inserted and deleted with the keys their menu shows, whatever the keyboard: Ctrl++
(Excel's insert: Ctrl+Shift+= on a US or Korean keyboard, Ctrl+Shift+; on a Japanese one,
Ctrl and the keypad's +) inserts above, Ctrl+= (Ctrl+Shift+- on a Japanese keyboard) below,
Ctrl+- deletes. A key event names the character the keys typed (``+``) together with the
Shift it took, and platforms differ in how they match that against shortcuts (Ctrl+Shift+=
matches both "Ctrl++" and "Ctrl+Shift++" here or there); so while a sheet has the keyboard,
these keys are read by that character alone, Shift or not.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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
        self.insert_above = self._action(menu, self.tr("&Insert rows above"), ["Ctrl++", "Ctrl+Shift++"],
                                         lambda s: s.insert_rows())
        self.insert_below = self._action(menu, self.tr("Insert rows &below"), ["Ctrl+="],
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
        # the character typed with Ctrl -> the row action it runs on the sheet that has the keyboard
        self.row_keys = {Qt.Key.Key_Plus: self.insert_above, Qt.Key.Key_Equal: self.insert_below,
                         Qt.Key.Key_Minus: self.delete_rows}
        for sheet in window.sheets.values():
            sheet.installEventFilter(self)

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

    def eventFilter(self, watched, event) -> bool:
        """Ctrl with +, = or - on a sheet: its row action, by the character alone (see above)."""
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            action = self.row_action(event)
            if action is not None:
                event.accept()  # an override taken: the key comes here as a key press
                if event.type() == QEvent.Type.KeyPress and action.isEnabled():
                    action.trigger()
                return True
        return super().eventFilter(watched, event)

    def row_action(self, event) -> QAction | None:
        """The row action of a key event: Ctrl (Shift or not, on the keypad or not) and +, = or -."""
        modifiers = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if modifiers != Qt.KeyboardModifier.ControlModifier:
            return None
        return self.row_keys.get(Qt.Key(event.key()))

    def _on_sheet(self, run) -> None:
        sheet = self.window.current_sheet()
        if sheet is not None:
            run(sheet)

    def set_editable(self, editable: bool) -> None:
        for action in (self.cut, self.paste, self.clear, self.fill_down, self.insert_above, self.insert_below,
                       self.duplicate, self.delete_rows):
            action.setEnabled(editable)
