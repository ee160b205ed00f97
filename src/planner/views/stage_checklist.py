"""The exit-criteria checklist shown when a deal moves forward.

What asks: editing a deal's Stage cell in the Deals sheet (its combo box or typed name) to a
later open stage or to a won stage, when the stage it leaves has exit criteria. The deal
moves only when every criterion is ticked and "Move deal" pressed; Cancel leaves it where it
was. There is deliberately no "Move anyway": the criteria are the evidence a deal needs to
move on, and a team that does not use them turns the check off ("Don't ask again" in the
dialog, or Edit → Confirm exit criteria when moving deals forward). Pastes, fill down and
imports set many cells at once and never ask.

The question is asked on the next turn of the event loop, after the cell editor has closed:
a modal dialog inside the editor's commit would take its focus and commit it a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFrame, QLabel, QVBoxLayout, QWidget

from planner.core.book import Book
from planner.core.changes import SetValues
from planner.core.exit_criteria import Checklist, checklist

SETTING = "deals/confirm_exit_criteria"


class ExitCriteriaDialog(QDialog):
    """One checkbox per exit criterion of the stage a deal leaves; "Move deal" once all are ticked."""

    def __init__(self, request: Checklist, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        names = [stage for stage, _items in request.groups]
        self.setWindowTitle(self.tr("Exit criteria of %1").replace("%1", ", ".join(names)))
        deal = request.deal_id if not request.deal_name else f"{request.deal_id} · {request.deal_name}"
        if names == [request.leaving]:
            text = self.tr("Before %1 moves from %2 to %3, confirm each exit criterion of %2:")
        else:  # a move that skips stages needs their evidence too
            text = self.tr("Before %1 moves from %2 to %3, confirm each exit criterion of the stages it "
                           "leaves and skips:")
        intro = QLabel(text.replace("%1", deal).replace("%2", request.leaving).replace("%3", request.entering))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        self.boxes = []
        for stage, items in request.groups:
            if len(request.groups) > 1:
                heading = QLabel(f"<b>{escape(stage)}</b>")
                heading.setContentsMargins(0, 6, 0, 0)
                layout.addWidget(heading)
            for item in items:
                box = QCheckBox(item)
                box.toggled.connect(self._update)
                layout.addWidget(box)
                self.boxes.append(box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self.dont_ask = QCheckBox(self.tr("Don't ask again"))
        self.dont_ask.setToolTip(self.tr("Turn it back on in Edit → Confirm exit criteria when moving deals forward"))
        layout.addWidget(self.dont_ask)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.move_button = self.buttons.addButton(self.tr("Move deal"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._update()

    def all_ticked(self) -> bool:
        return all(box.isChecked() for box in self.boxes)

    def _update(self) -> None:
        self.move_button.setEnabled(self.all_ticked())
        self.move_button.setDefault(self.all_ticked())
        self.move_button.setToolTip("" if self.all_ticked() else self.tr("Tick every criterion to move the deal"))

    def accept(self) -> None:
        if self.all_ticked():  # the button is disabled until then; Enter must not slip past it
            super().accept()


class ExitCriteriaCheck(QObject):
    """Decides which stage edits ask for exit criteria, asks, and pushes the confirmed ones.

    Set as a Deals model's ``hold``. ``run_dialog`` shows the dialog and returns its result
    (tests answer it without a modal loop).
    """

    enabled_changed = Signal(bool)
    answered = Signal(bool)  # a checklist was answered: True when the deal moved

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.run_dialog: Callable[[ExitCriteriaDialog], int] = lambda dialog: dialog.exec()

    @property
    def enabled(self) -> bool:
        value = self.settings.value(SETTING, True)
        return value if isinstance(value, bool) else str(value).lower() not in ("false", "0")

    def set_enabled(self, enabled: bool) -> None:
        if enabled != self.enabled:
            self.settings.setValue(SETTING, bool(enabled))
            self.enabled_changed.emit(bool(enabled))

    def hold(self, book: Book, change: SetValues, push: Callable[[], None]) -> bool:
        """Take a one-deal stage change that moves the deal forward from a stage with exit
        criteria: ask (on the next turn) and push it if confirmed. False: push it now."""
        if not self.enabled or book is None or change.table != "Deals" or "stage" not in change.values \
                or len(change.values) != 1:
            return False
        stage = change.values["stage"].iloc[0]
        if stage is None or stage != stage:  # missing (a name that names no stage)
            return False
        request = checklist(book, int(change.values.index[0]), int(stage))
        if request is None:
            return False
        QTimer.singleShot(0, self, lambda: self._ask(request, push))
        return True

    def _ask(self, request: Checklist, push: Callable[[], None]) -> None:
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        dialog = ExitCriteriaDialog(request, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        accepted = int(self.run_dialog(dialog)) == QDialog.DialogCode.Accepted.value and dialog.all_ticked()
        if dialog.dont_ask.isChecked():
            self.set_enabled(False)
        dialog.deleteLater()
        if accepted:
            push()
        self.answered.emit(accepted)
