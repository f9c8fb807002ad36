"""What the 信访 and 法律援助 tabs share: a lazy list beside a detail pane, the selection, background counts, the
新建 action and the 导出/导入 menu of their register."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget

from app import session
from app.progress import ProgressFn
from app.session import Permission
from ui.events import AppEvents
from ui.operations import reception as ops
from ui.operations.households import Written
from ui.pages.base import Page
from ui.permissions import guard
from ui.tables.lazy_ids_model import LazyIdsModel
from ui.tables.table_view import list_view, selected_rows
from ui.tasks import Task, TaskRunner
from ui.widgets.reception_filters import FilterBar

DETAIL_WIDTH = 400


class RecordListPage(Page):
    """Subclasses build `filters`, `model` and `detail`, then call `build()`; they show the current record."""

    unit = "条"
    register_kind = ""      # the register its 导出/导入 menu exchanges (ui.operations.reception)
    register_title = ""     # 信访登记簿
    import_text = ""        # 从登记簿导入信访记录…

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.last_task: Task | None = None
        self._counts_task: Task | None = None
        self._counts_again = False
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultLine")
        self.actions_row = QHBoxLayout()
        self.actions_row.setContentsMargins(0, 0, 0, 0)

    def build(self, filters: FilterBar, model: LazyIdsModel, detail: QWidget, stretch: int) -> None:
        self.list_model = model
        self.table: QTableView = list_view(self, model, fields=model.fields, stretch=stretch)
        self.detail_pane = detail
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([1366 - DETAIL_WIDTH, DETAIL_WIDTH])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(filters)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.count_label)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.selection_changed())
        filters.changed.connect(self.apply_filters)
        filters.search.returnPressed.connect(filters.flush)

    def apply_filters(self) -> None:
        """List what the filters ask for (subclasses set the model's query)."""

    def new_record_button(self, text: str, slot: Callable[[], object]) -> tuple[QAction, QPushButton]:
        """The page's first action: a primary button, and Ctrl+N while the page is in front."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence.StandardKey.New)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: slot())
        self.addAction(action)
        return action, self.button(text, slot, primary=True)

    def menu_button(self, text: str) -> tuple[QPushButton, QMenu]:
        button = self.button(text)
        menu = QMenu(button)
        menu.setToolTipsVisible(True)
        button.setMenu(menu)
        return button, menu

    def export_menu_button(self) -> QPushButton:
        """导出/导入: the register (the current list or all of it, identities hidden), its import and template."""
        button, self.export_menu = self.menu_button("导出/导入")
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        return button

    def _fill_export_menu(self) -> None:
        menu = self.export_menu
        menu.clear()
        current = menu.addAction(f"导出{self.register_title}（当前列表 {self.list_model.rowCount()} {self.unit}，"
                                 "隐去身份信息）…")
        current.triggered.connect(lambda: self._export(self.list_model.ids))
        everything = menu.addAction(f"导出{self.register_title}（全部，隐去身份信息）…")
        everything.triggered.connect(lambda: self._export(None))
        menu.addSeparator()
        imported = menu.addAction(self.import_text)
        imported.triggered.connect(self._import)
        guard(imported, Permission.IMPORT, "全部行无误才导入，否则列出每处问题")
        template = menu.addAction("保存导入模板…")
        template.triggered.connect(lambda: ops.write_template(self, self.runner, self.register_kind, self._exported))

    def _export(self, ids: list[int] | None) -> None:
        self.last_task = ops.export_register(self, self.runner, self.register_kind, ids, self._exported)

    def _exported(self, written: Written) -> None:
        self.message.emit(f"已导出 {written.count} {self.unit}到 {written.path}" if written.count
                          else f"已保存 {written.path}")

    def _import(self) -> None:
        self.last_task = ops.import_register(self, self.runner, self.events, self.register_kind, self.message.emit)

    def _printed(self, written: Written) -> None:
        self.message.emit(f"已生成 {written.path}：{written.count} 页")

    def button(self, text: str, slot: Callable[[], object] | None = None, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        if primary:
            button.setObjectName("primaryButton")
        if slot is not None:
            button.clicked.connect(lambda: slot())
        self.actions_row.addWidget(button)
        return button

    # --- the selection -------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return [self.list_model.id_at(r) for r in selected_rows(self.table) if r < self.list_model.rowCount()]

    def current_id(self) -> int | None:
        """The one record acted on: the current row if selected, else the only selected one."""
        chosen = self.selected_ids()
        current = self.table.currentIndex()
        if current.isValid() and self.list_model.id_at(current.row()) in chosen:
            return self.list_model.id_at(current.row())
        return chosen[0] if len(chosen) == 1 else None

    def select_ids(self, ids: Sequence[int], current: int | None = None) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        rows = [r for r in (self.list_model.row_of(i) for i in ids) if r is not None]
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in rows:
            selection.select(self.list_model.index(row, 0), flags)
        target = self.list_model.row_of(current) if current is not None else (rows[0] if rows else None)
        if target is not None:
            index = self.list_model.index(target, 0)
            selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
            self.table.scrollTo(index)
        self.selection_changed()

    def refresh_list(self) -> None:
        """Search again after a change, keeping the selection and the current record where they still are."""
        keep = self.selected_ids()
        current = self.current_id()
        self.list_model.refresh()
        self.select_ids([i for i in keep if self.list_model.row_of(i) is not None], current)
        self.show_count()

    def show_count(self) -> None:
        text = f"共 {self.list_model.rowCount()} {self.unit}"
        chosen = len(selected_rows(self.table))
        if chosen > 1:
            text += f" · 已选 {chosen} {self.unit}"
        self.count_label.setText(text)

    def selection_changed(self) -> None:
        self.show_count()
        self.show_current()
        self.update_actions()

    def show_current(self) -> None:
        """Show the current record in the detail pane."""

    def update_actions(self) -> None:
        """Enable what the selection and the account allow."""

    @staticmethod
    def allow(widget: QWidget, permission: Permission, ready: bool, tooltip: str, why_not: str) -> None:
        """Disabled with the account's reason, else enabled if `ready` (the tooltip says what it needs)."""
        if guard(widget, permission, tooltip):
            widget.setEnabled(ready)
            widget.setToolTip(tooltip if ready else why_not)

    # --- counts for the status bar, read in the background -------------------------------
    def refresh_counts(self) -> None:
        if session.current() is None:
            return
        if self._counts_task is not None:
            self._counts_again = True  # one more pass after the running one: it may predate the change
            return
        task = self.readers.run("统计", self.read_counts, self, on_done=self.show_counts, cancellable=False, quiet=True)
        task.finished.connect(self._counts_finished)
        self._counts_task = task

    def _counts_finished(self) -> None:
        self._counts_task = None
        if self._counts_again:
            self._counts_again = False
            self.refresh_counts()

    @property
    def counts_pending(self) -> bool:
        return self._counts_task is not None

    def read_counts(self, _progress: ProgressFn) -> object:
        raise NotImplementedError

    def show_counts(self, counts: object) -> None:
        raise NotImplementedError

    # --- window state --------------------------------------------------------------------
    def save_state(self, state: QSettings) -> None:
        state.setValue(f"{self.state_key}/columns", self.table.horizontalHeader().saveState())
        state.setValue(f"{self.state_key}/splitter", self.splitter.saveState())

    def restore_state(self, state: QSettings) -> None:
        header = state.value(f"{self.state_key}/columns")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
        splitter = state.value(f"{self.state_key}/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
