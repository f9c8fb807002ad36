"""救助记录 (part of the 救助 tab): the filtered lazy list, its totals, and what can be done with a selection."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from app import session
from app.errors import KnownError
from app.money import yuan
from app.progress import ProgressFn
from app.services import campaigns, funds, relief, settings
from app.session import Permission
from ui import messages
from ui.dialogs.reason_dialog import ReasonDialog
from ui.dialogs.relief_dialog import ReliefDialog
from ui.events import AppEvents
from ui.operations import relief as ops
from ui.operations.households import Written
from ui.permissions import guard, refusal
from ui.tables.reliefs_model import ReliefsModel
from ui.tables.table_view import list_view, selected_rows
from ui.tasks import Task, TaskRunner
from ui.widgets.relief_filters import ReliefFilters


class ReliefRecordsPanel(QWidget):
    """Find reliefs, record one, withdraw one recorded by mistake, print or export a selection."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, readers: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.readers = readers
        self.dialog: ReliefDialog | None = None
        self.last_task: Task | None = None
        self.totals: tuple[int, Decimal] | None = None
        self._totals_task: Task | None = None
        self._totals_again = False

        self.filters = ReliefFilters(self)
        self.model = ReliefsModel(self)
        self.table = list_view(self, self.model, fields=self.model.fields)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLine")

        self.new_action = QAction("新增救助…", self)
        # Ctrl+N as on the other tabs (it did nothing here); Ctrl+Shift+N, the old one, still works
        self.new_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.New), QKeySequence("Ctrl+Shift+N")])
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # only while this list is shown
        self.new_action.triggered.connect(self.open_new)
        self.addAction(self.new_action)
        self.new_button = QPushButton("新增救助…", self)
        self.new_button.setObjectName("primaryButton")
        self.new_button.clicked.connect(self.open_new)
        self.withdraw_button = QPushButton("撤销…", self)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.print_button = QPushButton("打印", self)
        print_menu = QMenu(self.print_button)
        print_menu.addAction("打印救助审批表（所选）…", self.print_approval)
        print_menu.addAction("打印签领表（所选）…", self.print_roster)
        self.print_button.setMenu(print_menu)
        self.export_button = QPushButton("导出", self)
        self.export_menu = QMenu(self.export_button)
        self.export_menu.aboutToShow.connect(self._fill_export_menu)
        self.export_button.setMenu(self.export_menu)
        self.import_button = QPushButton("导入…", self)
        self.import_button.clicked.connect(self.import_reliefs)
        for button in (self.new_button, self.withdraw_button, self.print_button, self.export_button,
                       self.import_button):
            button.setAutoDefault(False)
            self.filters.second.addWidget(button)

        bottom = QHBoxLayout()
        bottom.addWidget(self.totals_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.filters.changed.connect(self.apply_filters)
        self.filters.submitted.connect(self._focus_list)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._show_totals())
        events.relief_changed.connect(lambda _ids: self.refresh())
        events.funds_changed.connect(lambda _ids: self.load_choices())
        events.campaigns_changed.connect(lambda _ids: self.load_choices())
        events.settings_changed.connect(self.load_choices)

    def _focus_list(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.selected_rows():
            self.table.selectRow(0)

    # --- what is listed --------------------------------------------------------------------
    def load_choices(self) -> None:
        if session.current() is None:
            return
        categories = settings.value_lists().get("category", ())
        self.filters.load_choices(categories, funds.list_funds(include_inactive=True), campaigns.list_campaigns())

    def reload(self) -> None:
        self.load_choices()
        self.apply_filters()

    def apply_filters(self) -> None:
        self.model.set_query(self.filters.query())
        self.refresh_totals()

    def refresh(self) -> None:
        """Search again after a change, keeping the selection where it still exists."""
        keep = set(self.selected_ids())
        self.model.refresh()
        selection = self.table.selectionModel()
        for row in (self.model.row_of(i) for i in keep):
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
        self.refresh_totals()

    def refresh_totals(self) -> None:
        """人次 and 金额 of the list, summed in the background."""
        if self._totals_task is not None:
            self._totals_again = True
            return
        query = self.model.query

        def work(_progress: ProgressFn) -> tuple[int, Decimal]:
            return relief.totals(query)

        task = self.readers.run("统计救助合计", work, self, on_done=self._totals_read, cancellable=False, quiet=True)
        task.finished.connect(self._totals_finished)
        self._totals_task = task

    def _totals_read(self, totals: tuple[int, Decimal]) -> None:
        self.totals = totals
        self._show_totals()

    def _totals_finished(self) -> None:
        self._totals_task = None
        if self._totals_again:
            self._totals_again = False
            self.refresh_totals()

    @property
    def totals_pending(self) -> bool:
        return self._totals_task is not None

    def _show_totals(self) -> None:
        if self.totals is None:
            self.totals_label.setText("正在合计…")
            return
        count, amount = self.totals
        text = f"{self.filters.period.describe()}：共 {count} 人次，金额 {yuan(amount)}（含物资折价）"
        chosen = self.selected_rows()
        if len(chosen) > 1:
            rows = self.model.rows_data(chosen) if len(chosen) <= 5000 else []
            picked = sum((r.amount + r.goods_value for r in rows), Decimal("0.00"))
            text += f" · 已选 {len(chosen)} 条" + (f"，{yuan(picked)}" if rows else "")
        self.totals_label.setText(text)

    # --- selection -------------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        return selected_rows(self.table)

    def selected_ids(self) -> list[int]:
        return [self.model.relief_id(r) for r in self.selected_rows()]

    def select_ids(self, ids: Sequence[int]) -> None:
        self.table.clearSelection()
        selection = self.table.selectionModel()
        for row in (self.model.row_of(i) for i in ids):
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 selection.SelectionFlag.Select | selection.SelectionFlag.Rows)
                self.table.scrollTo(self.model.index(row, 0))

    # --- actions ---------------------------------------------------------------------------
    def apply_account(self) -> None:
        guard(self.new_action, Permission.EDIT, "登记一次救助（Ctrl+N）")
        guard(self.new_button, Permission.EDIT, "登记一次救助（Ctrl+N）")
        guard(self.withdraw_button, Permission.DELETE, "撤销误录入的救助记录（须说明原因，资金退回）")
        guard(self.print_button, Permission.PRINT, "为所选记录打印救助审批表或签领表（PDF）")
        guard(self.export_button, Permission.EXPORT_MASKED, "导出救助登记簿、签领表（Excel）")
        guard(self.import_button, Permission.IMPORT, "从 Excel 导入救助记录：全部无误才写入")

    def open_new(self) -> ReliefDialog | None:
        reason = refusal(Permission.EDIT)
        if reason:
            messages.warn(self, "新增救助", reason)
            return None
        try:
            dialog = ReliefDialog(self.events, self.window())
        except KnownError as exc:
            messages.warn(self, "新增救助", str(exc))
            return None
        self.dialog = dialog

        def finished() -> None:
            if dialog.change is not None:
                self.select_ids(dialog.change.relief_ids)
                self.message.emit("已登记救助。")
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def withdraw_selected(self) -> ReasonDialog | None:
        """撤销: one record at a time, with a reason and a confirmation; the money returns to its fund."""
        rows = self.model.rows_data(self.selected_rows())
        if len(rows) != 1:
            messages.inform(self, "撤销救助记录", "请先在列表中选择一条要撤销的救助记录。")
            return None
        row = rows[0]
        what = f"{row.on_date.isoformat()} {row.name} {row.relief_type} {yuan(row.amount + row.goods_value)}"
        text = f"撤销：{what}\n撤销后该记录删除，金额退回资金“{row.fund}”；操作日志保留原记录。"
        dialog = ReasonDialog("撤销救助记录", text, self.window(), ok="撤销", placeholder="如：重复录入、金额录错")

        def accepted() -> None:
            if not messages.confirm(self, "撤销救助记录", f"确定撤销这条救助记录吗？\n{what}", yes="撤销",
                                    danger=True):
                return
            try:
                change = relief.delete_relief(row.id, dialog.reason)
            except KnownError as exc:
                messages.warn(self, "撤销救助记录", str(exc))
                return
            self.events.announce_relief(change.relief_ids)
            if change.fund_ids:
                self.events.announce_funds(change.fund_ids)
            self.events.announce_campaigns(())
            self.message.emit(f"已撤销：{what}")

        dialog.accepted.connect(accepted)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def print_approval(self) -> Task | None:
        self.last_task = ops.print_approval(self, self.runner, self.selected_ids(), self._printed)
        return self.last_task

    def print_roster(self) -> Task | None:
        self.last_task = ops.print_roster(self, self.runner, self._printed, relief_ids=self.selected_ids(),
                                          name="签领表")
        return self.last_task

    def _printed(self, written: Written) -> None:
        self.message.emit(f"已生成 {written.path}：{written.count} 页")

    def _fill_export_menu(self) -> None:
        menu = self.export_menu
        menu.clear()
        scope = f"当前列表 {self.model.rowCount()} 条" if self.filters.is_filtered() else "全部记录"
        menu.addAction(f"导出救助登记簿（隐去身份信息，{scope}）…", lambda: self.export(masked=True))
        if session.may(Permission.EXPORT_FULL):
            menu.addAction(f"导出救助登记簿（含完整身份信息，{scope}）…", lambda: self.export(masked=False))
        roster = menu.addAction(f"导出签领表 Excel（所选 {len(self.selected_rows())} 条）…", self.export_roster)
        roster.setEnabled(bool(self.selected_rows()))
        menu.addSeparator()
        menu.addAction("下载救助记录导入模板…", lambda: ops.write_template(self, self.runner, "relief", self._saved))

    def export(self, *, masked: bool = True) -> Task | None:
        ids = self.model.ids if self.filters.is_filtered() else None
        self.last_task = ops.export_register(self, self.runner, "relief", self._exported, masked=masked, ids=ids)
        return self.last_task

    def export_roster(self) -> Task | None:
        self.last_task = ops.export_roster(self, self.runner, self._exported, relief_ids=self.selected_ids(),
                                           name="签领表")
        return self.last_task

    def _exported(self, written: Written) -> None:
        self.message.emit(f"已导出 {written.count} 条到 {written.path}")

    def _saved(self, written: Written) -> None:
        self.message.emit(f"已保存 {written.path}")

    def import_reliefs(self) -> Task | None:
        self.last_task = ops.import_register(self, self.runner, self.events, "relief", self.message.emit)
        return self.last_task
