"""The import wizard's last page: read the files in the background (progress, Stop), then show
every problem (nothing will be imported) or what Finish will do — the new book's rows per
table, or the merge's rows added, changed and unchanged and the first changed cells — and the
stage names the book does not know, each mappable to a stage or kept as a new one; into the
book, its owners that are no rep (a merge is refused until each is mapped, as stages are).
"""

from __future__ import annotations

import copy
import threading

import pandas as pd
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QProgressBar, QPushButton, QSizePolicy, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWizardPage)

from planner.core import schema
from planner.io import import_session as session
from planner.io.import_results import UNASSIGNED
from planner.io.mapping import NEW_REP
from planner.io.stage_names import kind_of_stage
from planner.qt.i18n import error_text, value_label

ERROR_STYLE = "color: #b00020"
NEW_KINDS = ("open", "won", "lost")


class _Progress(QObject):
    """Carries ``progress(done, total)`` from the reading thread to the page (queued)."""

    advanced = Signal(int, int, int)  # generation, done, total


class CheckPage(QWizardPage):
    """Reads the files with the wizard's mapping and shows problems or what will change."""

    def __init__(self, wizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self._generation = 0
        self._cancel: threading.Event | None = None
        self._progress: _Progress | None = None
        self.reading = False
        self.result = None  # ImportResult of the last read
        self.made = None  # the new book (import as a new book)
        self.change = None  # the merge (import into the book) ...
        self.summary = None  # ... and its MergeSummary
        self.planned_revision: int | None = None
        self.setTitle(self.tr("Check"))
        self.setSubTitle(self.tr("Every cell is read and checked. Nothing changes until you finish."))

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.stop_button = QPushButton(self.tr("S&top reading"))
        self.stop_button.clicked.connect(self.stop)
        self.again_button = QPushButton(self.tr("&Read again"))
        self.again_button.clicked.connect(self.start)
        self.save_button = QPushButton(self.tr("Sa&ve mapping…"))  # with the stage names chosen here
        self.save_button.clicked.connect(self._save)
        head = QHBoxLayout()
        head.addWidget(self.status, 1)
        head.addWidget(self.again_button)
        head.addWidget(self.save_button)
        top = QHBoxLayout()
        top.addWidget(self.bar, 1)
        top.addWidget(self.stop_button)

        self.problems = _table([self.tr("File"), self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                                self.tr("Value"), self.tr("Problem")], stretch=5)
        self.counts = _table([self.tr("Table"), self.tr("Added"), self.tr("Changed"), self.tr("Unchanged")]
                             if wizard.into else [self.tr("Table"), self.tr("Rows"), self.tr("Made by the import")],
                             stretch=None)
        self.cells = _table([self.tr("Table"), self.tr("Row"), self.tr("Column"), self.tr("Before"),
                             self.tr("After")], stretch=3)
        self.cells.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.warnings = _table([self.tr("Where"), self.tr("Note")], stretch=1)
        self.stages = _table([self.tr("Stage name in the files"), self.tr("Becomes")], stretch=1)
        self.stages_box = _group(self.tr("Stage names that are not stages yet"), self.stages)
        self.owners = _table([self.tr("Owner in the files"), self.tr("Becomes")], stretch=1)
        self.owners_box = _group(self.tr("Owners that are not reps of the book"), self.owners)
        self.cells_box = _group(self.tr("First changed rows"), self.cells)
        self.warnings_box = _group(self.tr("Notes"), self.warnings)
        # as tall as their rows; the changed rows take the rest
        for box in (self.stages_box, self.owners_box, self.warnings_box):
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(top)
        layout.addWidget(self.problems, 1)
        self.counts.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.counts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.counts, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.cells_box, 1)
        layout.addWidget(self.stages_box)
        layout.addWidget(self.owners_box)
        layout.addWidget(self.warnings_box)
        layout.addStretch(0)
        self._show(None)

    # -- reading -----------------------------------------------------------------------------------
    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:  # Back: a read in progress is of no use any more
        self.stop()

    def start(self) -> None:
        """Read the files with the wizard's mapping in the background (a read in progress is dropped)."""
        wizard = self.wizard_
        if self._cancel is not None:
            self._cancel.set()
        self._generation += 1
        generation = self._generation
        self._cancel = cancel = threading.Event()
        self._progress = progress = _Progress()
        progress.advanced.connect(self._advanced)  # a slot of the page: runs on the page's thread
        paths = list(wizard.paths)
        mapping = copy.deepcopy(wizard.mapping)  # the worker's own: the user may change the page's
        book = wizard.main.book if wizard.into else None
        snapshot = book.snapshot() if book is not None else None
        currency = _currency(book)
        into = wizard.into
        self.result = self.made = self.change = self.summary = None
        self.reading = True
        self._show("reading")
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Reading %1…").replace("%1", ", ".join(path.name for path in paths)))

        def work():
            from planner.io.excel_import import ImportRefused, build_book, read_tables

            def advanced(done: int, total: int) -> None:
                progress.advanced.emit(generation, done, total)

            result = read_tables(paths, mapping, currency=currency, progress=advanced, cancelled=cancel.is_set,
                                 book=snapshot)
            made = refusal = None
            if result.ok and not into:
                try:
                    made = build_book(result)
                except ImportRefused as error:
                    refusal = error
            return result, made, refusal

        wizard.main.jobs.start(work, lambda outcome: self._read(generation, *outcome),
                               lambda error: self._failed(generation, error))
        self.completeChanged.emit()

    def stop(self) -> None:
        """Stop a read in progress (the worker checks between steps and gives up)."""
        if self._cancel is not None and self.reading:
            self._cancel.set()
            self.status.setText(self.tr("Stopping…"))
            self.stop_button.setEnabled(False)

    def _advanced(self, generation: int, done: int, total: int) -> None:
        if generation == self._generation and self.reading:
            self.bar.setRange(0, total)
            self.bar.setValue(done)

    def _current(self, generation: int) -> bool:
        return shiboken6.isValid(self) and generation == self._generation

    def _failed(self, generation: int, error: Exception) -> None:
        if not self._current(generation):
            return
        from planner.io.excel_import import ImportCancelled

        self.reading = False
        self._show("stopped")
        if isinstance(error, ImportCancelled):
            self.status.setStyleSheet("")
            self.status.setText(self.tr("Reading stopped: nothing was imported."))
        else:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self.tr("Nothing can be imported: %1").replace("%1", error_text(error)))
        self.completeChanged.emit()

    def _read(self, generation: int, result, made, refusal) -> None:
        if not self._current(generation):
            return
        from planner.io.excel_import import ImportRefused, plan_merge

        wizard = self.wizard_
        self.reading = False
        self.result = result
        for name in result.stages_unknown:
            if name not in wizard.unknown_stages:
                wizard.unknown_stages.append(name)
        for name in result.owners_unknown:
            if name not in wizard.unknown_owners:
                wizard.unknown_owners.append(name)
        if not result.ok:
            self._show_problems(result.problems, result.problem_count)
        elif refusal is not None:
            self._show_problems(refusal.problems, refusal.count)
        elif wizard.into:
            try:  # planned here, on the window's thread: the merge takes new row ids from the book
                self.change, self.summary = plan_merge(wizard.main.book, result)
                self.planned_revision = wizard.main.book.revision
            except ImportRefused as error:
                self._show_problems(error.problems, error.count)
            except Exception as error:  # noqa: BLE001 - any refusal: nothing changes, say why
                self._failed(generation, error)
                return
            else:
                self._show_merge()
        else:
            self.made = made
            self._show_new_book()
        self._fill_stages()
        self._fill_owners()
        self._fill_warnings(result.warnings)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.reading and (self.made is not None or self.change is not None)

    # -- showing -------------------------------------------------------------------------------------
    def _show(self, state: str | None) -> None:
        reading = state == "reading"
        self.bar.setVisible(reading)
        self.bar.setRange(0, 0)
        self.stop_button.setVisible(reading)
        self.stop_button.setEnabled(True)
        self.again_button.setVisible(state == "stopped")
        self.save_button.setVisible(not reading)
        self.problems.setVisible(state == "problems")
        self.counts.setVisible(state == "ready")
        for box in (self.cells_box, self.stages_box, self.owners_box, self.warnings_box):  # shown when filled
            box.hide()

    def _show_problems(self, problems: list, count: int) -> None:
        translate = QCoreApplication.translate
        self._show("problems")
        self.status.setStyleSheet(ERROR_STYLE)
        text = self.tr("Nothing will be imported: %1 problem(s). Fix them in the files (or change the mapping) "
                       "and read again.").replace("%1", f"{count:,}")
        if count > len(problems):
            text += " " + self.tr("The first %1 are listed.").replace("%1", f"{len(problems):,}")
        self.status.setText(text)
        rows = [[p.file or "", p.sheet or "", "" if p.row is None else str(p.row), p.column or "",
                 "" if p.value is None else str(p.value), p.message(translate)] for p in problems]
        _fill(self.problems, rows)

    def _show_new_book(self) -> None:
        self._show("ready")
        result, made = self.result, self.made
        rows = []
        for table in schema.TABLES:
            if table in result.frames and len(made[table]):
                made_rows = int(result.locations[table]["file"].isna().sum()) if table in result.locations else 0
                rows.append([_table_label(table), f"{len(made[table]):,}", f"{made_rows:,}" if made_rows else ""])
        _fill(self.counts, rows, fit=len(schema.TABLES))
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Ready: %1 deals. Finish opens them as a new, unsaved book.").replace(
            "%1", f"{len(made['Deals']):,}"))

    def _show_merge(self) -> None:
        self._show("ready")
        book, summary = self.wizard_.main.book, self.summary
        rows = [[_table_label(table), f"{c['added']:,}", f"{c['changed']:,}", f"{c['unchanged']:,}"]
                for table, c in summary.tables.items()]
        _fill(self.counts, rows, fit=len(schema.TABLES))
        changed = session.changed_rows(book, self.change)
        lines = []
        for row in changed:
            spec = schema.TABLES[row.table]
            for column, before, after in row.cells:
                label = QCoreApplication.translate("schema", spec.column(column).label) if column in spec.names \
                    else column
                lines.append([_table_label(row.table), row.key, label, before, after])
        _fill(self.cells, lines)
        self.cells_box.setVisible(bool(lines))
        added = sum(c["added"] for c in summary.tables.values())
        altered = sum(c["changed"] for c in summary.tables.values())
        self.status.setStyleSheet("")
        if added or altered or summary.new_columns:
            text = self.tr("Ready: %Ln row(s) will be added and %1 changed, as one step you can undo.", "", added)
            self.status.setText(text.replace("%1", f"{altered:,}"))
        else:
            self.status.setText(self.tr("The book already holds everything in these files: nothing will change."))
        if summary.new_columns:
            names = "; ".join(f"{_table_label(t)}: {', '.join(c)}" for t, c in summary.new_columns.items())
            self.status.setText(self.status.text() + " " + self.tr("New columns: %1").replace("%1", names))

    def _fill_warnings(self, warnings: list) -> None:
        translate = QCoreApplication.translate
        _fill(self.warnings, [[w.where(translate), w.message(translate)] for w in warnings], fit=4)
        self.warnings_box.setVisible(bool(warnings) and (self.made is not None or self.change is not None))

    def _fill_stages(self) -> None:
        wizard = self.wizard_
        names = wizard.unknown_stages
        self.stages_box.setVisible(bool(names) and self.result is not None)
        if not names:
            return
        existing = session.stage_choices(wizard.main.book if wizard.into else None, self.result)
        self.stages.setRowCount(len(names))
        for row, name in enumerate(names):
            self.stages.setItem(row, 0, QTableWidgetItem(name))
            # another new name can take this one's deals too (two spellings of one stage), unless
            # that name itself goes to another stage
            others = [other for other in names if other != name
                      and wizard.mapping.stages.get(other) in (None, *schema.STAGE_KINDS)]
            choices = [kind for kind in NEW_KINDS] + [stage for stage in existing if stage not in names] + others
            if wizard.into:  # into the book, an unknown stage is refused until the user says what it is
                choices.insert(0, None)
            box = QComboBox()
            for choice in choices:
                if choice is None:
                    box.addItem(self.tr("Choose…"))
                elif choice in NEW_KINDS and choice not in existing:
                    box.addItem(self.tr("A new stage (%1)").replace("%1", value_label(choice)))
                elif choice in others:
                    box.addItem(self.tr("The new stage %1").replace("%1", choice))
                else:
                    box.addItem(self.tr("The stage %1").replace("%1", choice))
            current = wizard.mapping.stages.get(name)
            if not wizard.into:
                current = current or (self.result.mapping.stages.get(name) if self.result else None)
                current = current or kind_of_stage(name) or "open"
            box.setCurrentIndex(choices.index(current) if current in choices else 0)
            box.activated.connect(lambda index, name=name, choices=choices: self.map_stage(name, choices[index]))
            self.stages.setCellWidget(row, 1, box)
            self.stages.setRowHeight(row, box.sizeHint().height())
        _fit(self.stages, 4)

    def _save(self) -> None:
        try:
            path = self.wizard_.save_mapping()
        except Exception as error:  # noqa: BLE001 - an unwritable place: say why
            self.status.setText(error_text(error))
            return
        if path:
            self.status.setText(self.status.text() + " " + self.tr("Mapping saved to %1").replace("%1", path))

    def _fill_owners(self) -> None:
        """Into the book: each owner of the files that is no rep of the book ("": deals without
        one), mappable to a rep of the book or to a new rep."""
        wizard = self.wizard_
        names = wizard.unknown_owners if wizard.into else []
        self.owners_box.setVisible(bool(names) and self.result is not None)
        if not names:
            return
        reps = wizard.main.book["Reps"]
        choices = [None, NEW_REP] + [str(rep) for rep in reps["id"].dropna()]
        labels = {str(rep): str(rep) if rep == title or pd.isna(title) else f"{rep} · {title}"
                  for rep, title in zip(reps["id"], reps["name"]) if pd.notna(rep)}
        self.owners.setRowCount(len(names))
        for row, name in enumerate(names):
            self.owners.setItem(row, 0, QTableWidgetItem(name or self.tr("(no owner)")))
            box = QComboBox()
            box.addItem(self.tr("Choose…"))
            box.addItem(self.tr("A new rep %1").replace("%1", name or UNASSIGNED))
            for rep in choices[2:]:
                box.addItem(self.tr("The rep %1").replace("%1", labels[rep]))
            current = wizard.mapping.owners.get(name)
            box.setCurrentIndex(choices.index(current) if current in choices else 0)
            box.activated.connect(lambda index, name=name: self.map_owner(name, choices[index]))
            self.owners.setCellWidget(row, 1, box)
            self.owners.setRowHeight(row, box.sizeHint().height())
        _fit(self.owners, 4)

    def map_stage(self, name: str, target: str | None) -> None:
        """Map the stage ``name`` of the files to ``target`` (a stage, or the kind of a new one;
        None: not said yet) and read again."""
        if target is None:
            self.wizard_.mapping.stages.pop(name, None)
        else:
            self.wizard_.mapping.stages[name] = target
        self.start()

    def map_owner(self, name: str, target: str | None) -> None:
        """Map the owner ``name`` of the files ("": deals without one) to ``target`` (a rep of the
        book, or ``"new"``; None: not said yet) and read again."""
        if target is None:
            self.wizard_.mapping.owners.pop(name, None)
        else:
            self.wizard_.mapping.owners[name] = target
        self.start()

    # -- applying ------------------------------------------------------------------------------------
    def apply(self) -> bool:
        """What Finish does; False (and the reason shown) when nothing was applied."""
        wizard = self.wizard_
        window = wizard.main
        if self.reading:
            return False
        if not wizard.into:
            if self.made is None or not window.confirm_discard():
                return False
            window.show_book(self.made, None, unsaved=True)
            window.statusBar().showMessage(self.tr("Imported %1 deals: save the new book with Save As").replace(
                "%1", f"{len(self.made['Deals']):,}"), 10000)
            return True
        if self.change is None:
            return False
        if window.book.revision != self.planned_revision:  # the book moved since: plan again
            self.start()
            return False
        names = ", ".join(path.name for path in wizard.paths)
        try:
            window._push(self.change, self.tr("Import %1").replace("%1", names))
        except Exception as error:  # noqa: BLE001 - refused: nothing changed, say why
            self._failed(self._generation, error)
            return False
        window.statusBar().showMessage(self.tr("Imported %1").replace("%1", names), 10000)
        return True


def _currency(book) -> str | None:
    """The currency of the book merged into (None: the import reads amounts in its own default)."""
    if book is None:
        return None
    try:
        return book.currency
    except Exception:  # noqa: BLE001 - a bad setting is the book's problem, shown elsewhere
        return None


def _table_label(table: str) -> str:
    return QCoreApplication.translate("schema", schema.TABLES[table].label)


def _table(headers: list[str], stretch: int | None) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(False)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fit(table: QTableWidget, rows: int) -> None:
    """As tall as its first ``rows`` rows (a short list takes no more room than it needs)."""
    shown = min(table.rowCount(), rows)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + \
        sum(table.rowHeight(row) for row in range(shown))
    if table.rowCount() > shown:
        height += table.verticalHeader().defaultSectionSize() // 2  # half a row: there is more below
    table.setFixedHeight(height + 2)


def _group(title: str, widget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 6, 6, 6)
    layout.addWidget(widget)
    return box


def _fill(table: QTableWidget, rows: list[list[str]], fit: int | None = None) -> None:
    table.clearContents()
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    if fit is not None:
        _fit(table, fit)
