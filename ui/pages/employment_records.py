"""A 培训就业 register shown as one filtered list (再就业, 职业介绍, 创业贷款): actions above, totals below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app import session
from app.errors import KnownError
from app.session import Permission
from ui import messages
from ui.events import AppEvents
from ui.pages.employment_panel import JobsPanel, later
from ui.tables.record_model import Column, RecordModel
from ui.tables.table_view import list_view
from ui.tasks import TaskRunner
from ui.widgets.jobs_filters import JobsFilters


class RecordsPanel(JobsPanel):
    """Subclasses set `kind` (the register and the employment_changed kind) and implement read() and totals()."""

    kind = ""
    unit = "条"

    def __init__(self, events: AppEvents, runner: TaskRunner, cols: Sequence[Column], placeholder: str,
                 parent: QWidget | None = None, *, period: bool = True) -> None:
        super().__init__(events, runner, parent)
        self.filters = JobsFilters(placeholder, self, period=period)
        self.model = RecordModel(cols, self)
        self.table = list_view(self, self.model, widths=self.model.widths, multi=False)
        self.actions_row = QHBoxLayout()
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("resultLine")
        self.main_layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.totals_label)
        self.filters.changed.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())
        self.table.activated.connect(lambda _i: self.open_history())
        events.employment_changed.connect(self._changed)

    def finish_actions(self, delete: Callable[[int], None], describe: Callable[[Any], str]) -> None:
        """个人记录…, 删除… and the 登记簿 menu after the subclass's own buttons."""
        self._delete, self._describe = delete, describe
        row = self.actions_row
        self.history_button = self.button(row, "个人记录…", self.open_history, Permission.VIEW,
                                          "所选人员的培训、就业、职业介绍、贷款和互助保障（双击也可打开）",
                                          ready=self.has_current)
        self.delete_button = self.button(row, "删除…", self.delete_current, Permission.DELETE,
                                         "删除误录入的记录（操作日志保留）", ready=self.has_current)
        self.register_button = self.register_menu(row, (self.kind,), self._scope)
        row.addStretch(1)

    def choice_button(self, text: str, values: Sequence[str], apply: Callable[[str], None], tooltip: str) \
            -> QPushButton:
        """A button with a menu of values (结果, 还款情况) for the selected record."""
        button = self.button(self.actions_row, text, lambda: None, Permission.EDIT, tooltip, ready=self.has_current)
        menu = QMenu(button)
        for value in values:
            menu.addAction(value, later(apply, value))
        button.setMenu(menu)
        return button

    # --- what is listed --------------------------------------------------------------------
    def read(self) -> list[Any]:
        raise NotImplementedError

    def totals(self, records: Sequence[Any]) -> str:
        return f"共 {len(records)} {self.unit}"

    def reload(self) -> None:
        if session.current() is None:
            return
        keep = self.current()
        self.model.set_records(self.read())
        self.select(keep.id if keep is not None else None)
        self.totals_label.setText(self.totals(self.model.records))

    def _changed(self, kind: str, ids: tuple[int, ...]) -> None:
        if kind != self.kind:
            return
        self.reload()
        if ids:
            self.select(ids[0])

    def select(self, record_id: int | None) -> None:
        row = self.model.row_of(record_id) if record_id is not None else None
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self.update_actions()

    def current(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def has_current(self) -> bool:
        return self.current() is not None

    def _scope(self, _kind: str) -> tuple[list[int] | None, str]:
        if self.filters.is_filtered():
            return [r.id for r in self.model.records], f"当前列表 {self.model.rowCount()} {self.unit}"
        return None, ""

    # --- actions on the selected record ----------------------------------------------------
    def open_history(self) -> None:
        record = self.current()
        if record is not None:
            self.show_history(record.person_id, record.name, record.id_number)

    def delete_current(self) -> None:
        record = self.current()
        if record is None or self.refused("删除", Permission.DELETE):
            return
        what = self._describe(record)
        if not messages.confirm(self, "删除记录", f"删除这条记录吗？\n{what}\n操作日志保留删除记录。", yes="删除",
                                danger=True):
            return
        try:
            self._delete(record.id)
        except KnownError as exc:
            messages.warn(self, "删除记录", str(exc))
            return
        self.events.announce_employment(self.kind, ())
        self.message.emit(f"已删除：{what}")

    def change_current(self, title: str, change: Callable[[int], None], done: str) -> None:
        """Apply a one-field change (outcome, repayment) to the selected record."""
        record = self.current()
        if record is None or self.refused(title, Permission.EDIT):
            return
        try:
            change(record.id)
        except KnownError as exc:
            messages.warn(self, title, str(exc))
            return
        self.events.announce_employment(self.kind, (record.id,))
        self.message.emit(done)
