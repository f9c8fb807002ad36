"""The 档案 tab: filter bar, work queues, the lazy list of files, and what can be done with a selection."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services import lifecycle, settings
from app.services.household_forms import HouseholdRow
from app.services.household_search import Queue
from app.session import Permission
from app.vocab import OPEN_STATUSES, FileAction
from ui import messages
from ui.dialogs.household_dialog import HouseholdDialog
from ui.dialogs.lifecycle_dialog import LifecycleDialog
from ui.events import AppEvents
from ui.operations import households as ops
from ui.operations.register_summary import RegisterSummary, load_summary
from ui.pages import household_menus as menus
from ui.pages.base import Page
from ui.permissions import guard, refusal
from ui.tables.columns import fit_columns
from ui.tables.households_model import HouseholdsModel
from ui.tasks import Task, TaskRunner
from ui.widgets.household_filters import HouseholdFilters
from ui.widgets.work_queues import WorkQueues

FIRST_COLUMNS = ("file_no", "name", "status")  # shown first (columns can be dragged and hidden)


class HouseholdsPage(Page):
    """困难职工档案: find files, open one, act on a selection."""

    title = "档案"
    state_key = "households"
    counts_changed = Signal(object)  # {"queues": {queue: n}, "statuses": {status: n}}

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.dialog: HouseholdDialog | None = None
        self.lifecycle_dialog: LifecycleDialog | None = None
        self.last_task: Task | None = None
        self.last_counts: dict[str, dict[str, int]] = {"queues": {}, "statuses": {}}
        self.set_status(counts_line(self.last_counts))
        self.summary: RegisterSummary | None = None
        self._summary_task: Task | None = None
        self._summary_again = False
        self._lists: dict[str, tuple[str, ...]] = {}

        self.filters = HouseholdFilters(self)
        self.queues = WorkQueues(self)
        self.model = HouseholdsModel(self)
        self.table = self._make_table()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultLine")

        self.new_action = QAction("新建档案", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.setToolTip("新建困难职工档案（Ctrl+N）")
        self.new_action.triggered.connect(lambda: self.open_household(None))
        self.addAction(self.new_action)
        new_button = QPushButton("新建档案", self)
        new_button.setObjectName("primaryButton")
        new_button.clicked.connect(self.new_action.trigger)
        self.new_button = new_button
        self.steps_button = QPushButton("办理", self)
        self.steps_menu = QMenu(self.steps_button)
        self.steps_menu.aboutToShow.connect(lambda: menus.fill_steps_menu(self, self.steps_menu))
        self.steps_button.setMenu(self.steps_menu)
        self.print_button = QPushButton("打印", self)
        self.print_menu = QMenu(self.print_button)
        self.print_menu.aboutToShow.connect(lambda: menus.fill_print_menu(self))
        self.print_button.setMenu(self.print_menu)
        self.export_button = QPushButton("导出", self)
        self.export_menu = QMenu(self.export_button)
        self.export_menu.aboutToShow.connect(lambda: menus.fill_export_menu(self))
        self.export_button.setMenu(self.export_menu)

        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addSpacing(12)
        for button in (new_button, self.steps_button, self.print_button, self.export_button):
            top.addWidget(button)
        middle = QVBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addWidget(self.count_label)
        body = QHBoxLayout()
        body.addWidget(self.queues)
        body.addLayout(middle, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._show_count())
        self.filters.changed.connect(self.apply_filters)
        self.filters.submitted.connect(self._focus_list)
        self.filters.search.move_down.connect(self._focus_list)
        self.queues.chosen.connect(lambda _queue: self.apply_filters())
        events.households_changed.connect(self.on_households_changed)
        events.data_replaced.connect(self.reload)
        events.settings_changed.connect(self.reload)
        self.apply_account()
        self.reload()

    def _make_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        fit_columns(table, self.model.fields)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        keys = [f.key for f in self.model.fields]
        for position, key in enumerate(FIRST_COLUMNS):  # what a reader looks for first, left
            header.moveSection(header.visualIndex(keys.index(key)), position)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.activated.connect(lambda index: self.open_household(self.model.household_id(index.row())))
        return table

    def _header_menu(self, position: QPoint) -> None:
        """Show or hide list columns (right-click on the header)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, field in enumerate(self.model.fields):
            action = menu.addAction(field.label)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(partial(self._show_column, column))
        menu.exec(header.mapToGlobal(position))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not shown)

    # --- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        """Everything from the database again (start-up, another database opened)."""
        self._lists = settings.value_lists()
        self.summary = None
        self.filters.load_choices(self._lists, (), ())
        self.apply_filters()
        if not self.table.isSortingEnabled():
            column, order = self.model.sort_column()
            self.table.horizontalHeader().setSortIndicator(column, order)
            self.table.setSortingEnabled(True)
        self.refresh_summary()

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.query(self.queues.queue))
        self._show_count()

    def refresh_summary(self) -> None:
        """Count the queues and statuses again and reread the unions and years, in the background."""
        if self._summary_task is not None:
            self._summary_again = True  # one more pass after the running one: it may predate the change
            return
        task = self.readers.run("更新统计", load_summary, self, on_done=self._show_summary,
                                cancellable=False, quiet=True)
        task.finished.connect(self._summary_finished)
        self._summary_task = task

    def _summary_finished(self) -> None:
        self._summary_task = None
        if self._summary_again:
            self._summary_again = False
            self.refresh_summary()

    @property
    def summary_pending(self) -> bool:
        return self._summary_task is not None

    def _show_summary(self, summary: RegisterSummary) -> None:
        self.summary = summary
        self.filters.load_choices(self._lists, summary.unions, summary.years)
        self.queues.show_counts(summary.queues, summary.total)
        self.last_counts = {"queues": {str(q): n for q, n in summary.queues.items()}, "statuses": summary.statuses}
        self.counts_changed.emit(self.last_counts)
        self.set_status(counts_line(self.last_counts))

    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/columns", self.table.horizontalHeader().saveState())

    def restore_state(self, state: QSettings) -> None:
        header = state.value(f"{self.state_key}/columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)

    def _show_count(self) -> None:
        text = f"共 {self.model.rowCount()} 户"
        if not self.model.rowCount():  # an empty list says why, and how to see the files again
            if self.filters.is_filtered():
                text += " · 没有符合条件的档案，可按 Esc 清空搜索或点“清除条件”"
            elif self.queues.queue is not None:
                text += " · 这项提醒下没有档案，点左侧“全部档案”可看全部"
        selected = len(self.selected_rows())
        if selected > 1:
            text += f" · 已选 {selected} 户"
        self.count_label.setText(text)

    def on_households_changed(self, ids: tuple[int, ...]) -> None:
        """Search again, keep the selection, refresh the filter choices and the counts."""
        keep = set(self.selected_ids())
        current = self.table.currentIndex()
        current_id = self.model.household_id(current.row()) if current.isValid() else None
        self.model.refresh()
        self.select_ids([i for i in self.model.ids if i in keep] if len(keep) < 5000 else [], current_id)
        self.refresh_summary()
        self._show_count()

    def select_ids(self, ids: Sequence[int], current: int | None = None) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        rows = [r for r in (self.model.row_of(i) for i in ids) if r is not None]
        flags = (selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        for row in rows:
            selection.select(self.model.index(row, 0), flags)
        target = self.model.row_of(current) if current is not None else (rows[0] if rows else None)
        if target is not None:
            index = self.model.index(target, 0)
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)
        self._show_count()

    def _focus_list(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.selected_rows():
            self.table.selectRow(0)

    # --- selection -----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        """Selected row numbers, read from the selection's ranges (fast even for 100,000 rows)."""
        selection = self.table.selectionModel()
        rows: set[int] = set()
        for block in selection.selection():
            rows.update(range(block.top(), block.bottom() + 1))
        return sorted(rows)

    def selected_ids(self) -> list[int]:
        return [self.model.household_id(r) for r in self.selected_rows()]

    def selected_households(self) -> list[HouseholdRow]:
        return self.model.rows_data(self.selected_rows())

    def common_actions(self, rows: Sequence[HouseholdRow]) -> list[FileAction]:
        """Lifecycle steps every selected file can take."""
        statuses = {r.status for r in rows}
        if not statuses:
            return []
        return [a for a in lifecycle.STEP_ACTIONS if all(a in lifecycle.available_actions(s) for s in statuses)]

    # --- menus (ui.pages.household_menus) and what the account may do ---------------------
    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and index.row() not in self.selected_rows():
            self.table.selectRow(index.row())
        menu = self.build_context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))

    def build_context_menu(self) -> QMenu:
        return menus.build_context_menu(self)

    def apply_account(self) -> None:
        """Disable (with the reason as tooltip) what the signed-in account may not do."""
        guard(self.new_action, Permission.EDIT, "新建困难职工档案（Ctrl+N）")
        guard(self.new_button, Permission.EDIT, "新建困难职工档案（Ctrl+N）")
        guard(self.steps_button, Permission.EDIT, "对所选档案办理下一步（审核、调查、公示、认定……）")
        guard(self.print_button, Permission.PRINT, "打印入户调查表、档案表、公示名单（PDF）")
        guard(self.export_button, Permission.EXPORT_MASKED, "导出为 Excel 工作簿")

    # --- actions -------------------------------------------------------------------------
    def open_household(self, household_id: int | None) -> HouseholdDialog | None:
        """Open the file dialog (non-blocking, window-modal); a save is broadcast by the dialog.

        A read-only account sees the file read-only with masked numbers; it cannot start a new one.
        """
        if household_id is None and refusal(Permission.EDIT):
            messages.warn(self, "新建档案", refusal(Permission.EDIT))
            return None
        completions = None
        if self.summary is not None:
            completions = {"work_unit": self.summary.work_units, "union_name": self.summary.unions}
        try:
            dialog = HouseholdDialog(self.events, self.runner, household_id, self.window(),
                                     completions=completions)
        except KnownError as exc:  # e.g. deleted meanwhile on another PC
            messages.warn(self, "无法打开档案", str(exc))
            self.on_households_changed(())
            return None
        self.dialog = dialog

        def finished() -> None:
            if dialog.change is not None:  # the status bar says so, as after a relief (it said nothing)
                self.message.emit("已新建档案，状态为“申报”。" if household_id is None else "已保存档案。")
            if dialog.change is not None and household_id is None:
                self.select_ids(dialog.change.household_ids)
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def start_step(self, action: FileAction) -> LifecycleDialog:
        rows = self.selected_households()
        targets = [(r.id, f"{r.file_no} {r.name}") for r in rows]
        dialog = LifecycleDialog(action, targets, self.events, self.runner, self.window())
        self.lifecycle_dialog = dialog

        def finished() -> None:
            if dialog.change is not None:
                count = len(dialog.change.household_ids)
                self.message.emit(f"已办理{action}：{targets[0][1]}" if count == 1 else f"已办理{action}：{count} 户")
            if self.lifecycle_dialog is dialog:
                self.lifecycle_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def print_form(self, form: str) -> Task | None:
        """Print for the selection, or for the form's default set when nothing is selected."""
        ids = self.selected_ids() or None
        self.last_task = ops.print_households(self, self.runner, form, ids, self._printed)
        return self.last_task

    def _printed(self, written: ops.Written) -> None:
        self.message.emit(f"已生成 {written.path}：{written.count} 页")

    def export(self, *, masked: bool = True, current_list: bool) -> Task | None:
        """Export the register (masked unless asked otherwise): the current list when filtered, else every file."""
        filtered = self.filters.is_filtered() or self.queues.queue is not None
        ids = self.model.ids if current_list and filtered else None
        self.last_task = ops.export_households(self, self.runner, masked=masked, ids=ids,
                                               on_written=self._exported)
        return self.last_task

    def _exported(self, written: ops.Written) -> None:
        self.message.emit(f"已导出 {written.count} 户到 {written.path}")

    def purge_selected(self) -> int:
        """Delete the selected files past their ten years (administrators), after a confirmation naming them."""
        rows = self.selected_households()
        count = ops.purge_households(self, rows)
        if count:
            self.events.announce_households(tuple(r.id for r in rows))
            self.message.emit(f"已清理 {count} 户过期档案。")
        return count


def open_count(statuses: dict[str, int]) -> int:
    """Files still being handled or on record (在办)."""
    return sum(statuses.get(str(s), 0) for s in OPEN_STATUSES)


def counts_line(counts: dict[str, dict[str, int]]) -> str:
    """The status bar's summary of the register: 在办 12 户 · 在档 9 · 待复核 2 · 待调查 1."""
    statuses, queues = counts["statuses"], counts["queues"]
    if not statuses:
        return "正在统计…"
    recheck = queues.get(str(Queue.RECHECK_DUE), 0)
    survey = queues.get(str(Queue.SURVEY_DUE), 0)
    return f"在办 {open_count(statuses)} 户 · 在档 {statuses.get('在档', 0)} · 待复核 {recheck} · 待调查 {survey}"
