"""劳模档案 (part of the 劳模 tab): the archive list with filters, queues and an "as of" day; the person's
timeline beside it; 新增, 修改, 变动, the care records, prints and the registers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from app import session
from app.errors import KnownError
from app.services import model_worker_overview as overview
from app.services import model_workers as mw
from app.services.household_search import work_units
from app.services.model_worker_forms import ON_ROLL, ArchiveLine, ModelWorkerView
from app.session import Permission
from ui import messages
from ui.dialogs.care_record_removal import CareRecordsMenu
from ui.dialogs.model_worker_care_dialogs import CARE_DIALOGS
from ui.dialogs.model_worker_change_dialog import ModelWorkerChangeDialog
from ui.dialogs.model_worker_dialog import ModelWorkerDialog
from ui.dialogs.subsidy_dialogs import SubsidyPaymentDialog
from ui.dialogs.visit_round_dialog import VisitRoundDialog
from ui.events import AppEvents
from ui.operations import model_workers as ops
from ui.operations.households import Written
from ui.permissions import guard, refusal
from ui.tables.model_workers_model import FIELDS, WORK_UNIT, ArchiveRow, ModelWorkersModel, matches, read_archive
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner
from ui.widgets.model_worker_detail import ModelWorkerDetail
from ui.widgets.model_worker_filters import CHECK_DUE, NOT_VISITED, ModelWorkerFilters, describe_day

DETAIL_WIDTH = 520
CARE_BUTTONS = (("visit", "走访慰问…", "登记一次走访慰问：事由、走访人、慰问金或慰问品、资金"),
                ("health_check", "体检…", "登记年度体检：医院、日期、结论"),
                ("insurance", "补充保险…", "登记补充保险：年度、保险机构、保费"),
                ("practical_help", "办实事…", "登记为该劳模办的实事"))
NO_SELECTION = "请先在列表中选择一位劳模"


def on_roll_workers() -> list[ArchiveLine]:
    """Who may be paid or visited today: in work or retired."""
    return [line for line in mw.list_model_workers() if line.status in ON_ROLL]


class ArchivePanel(QWidget):
    """The list (left) and the chosen worker (right); every write is broadcast and the list follows."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.dialog: QDialog | None = None
        self.last_task: Task | None = None
        self.view: ModelWorkerView | None = None
        self.revealed = False
        self.queue_ids: dict[str, set[int]] = {CHECK_DUE: set(), NOT_VISITED: set()}
        self.filters = ModelWorkerFilters(self)
        self.model = ModelWorkersModel(self)
        self.table = list_view(self, self.model, fields=FIELDS, multi=False, stretch=WORK_UNIT)
        self.detail = ModelWorkerDetail(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("resultLine")
        self.actions_row = QHBoxLayout()

        self.new_action = QAction("新增劳模…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.new_action.triggered.connect(self.open_new)
        self.addAction(self.new_action)
        self.new_button = self._button("新增劳模…", self.open_new, primary=True)
        self.edit_button = self._button("修改…", self.open_edit)
        self.change_button = self._button("变动…", self.open_change)
        self.actions_row.addSpacing(10)
        self.care_buttons = {kind: self._button(text, lambda kind=kind: self.open_care(kind))
                             for kind, text, _tip in CARE_BUTTONS}
        self.pay_button = self._button("发放补助金…", self.open_payment)
        self.remove_button = self._button("删除误登")
        self.remove_menu = CareRecordsMenu(self.current_id, events, self.remove_button)
        self.remove_menu.removed.connect(self.message.emit)
        self.remove_button.setMenu(self.remove_menu)
        self.actions_row.addStretch(1)
        self.print_button = self._button("打印")
        print_menu = QMenu(self.print_button)
        print_menu.setToolTipsVisible(True)
        self.card_action = print_menu.addAction("劳模档案卡（所选劳模）…", self.print_card)
        self.round_action = print_menu.addAction("慰问签领表（按走访批次）…", self.open_round)
        self.print_button.setMenu(print_menu)
        self.registers_button = self._button("导出/导入")
        self.registers_menu = QMenu(self.registers_button)
        self.registers_menu.aboutToShow.connect(self._fill_registers_menu)
        self.registers_button.setMenu(self.registers_menu)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([1366 - DETAIL_WIDTH, DETAIL_WIDTH])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addLayout(self.actions_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.filters.changed.connect(self.apply_filters)
        self.filters.search.returnPressed.connect(self._focus_list)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_current())
        self.table.activated.connect(lambda _index: self.open_edit())
        self.detail.reveal_requested.connect(self.reveal)
        events.model_workers_changed.connect(lambda _ids: self.refresh())

    def _button(self, text: str, slot: Callable[[], object] | None = None, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        if primary:
            button.setObjectName("primaryButton")
        if slot is not None:
            button.clicked.connect(lambda: slot())
        self.actions_row.addWidget(button)
        return button

    # --- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the archive and the queues again, keeping the chosen worker where still listed."""
        if session.current() is None:
            return
        self.queue_ids = {CHECK_DUE: {q.worker_id for q in overview.health_check_due()},
                          NOT_VISITED: {q.worker_id for q in overview.not_visited()}}
        self.filters.show_counts(len(mw.list_model_workers()), len(self.queue_ids[CHECK_DUE]),
                                 len(self.queue_ids[NOT_VISITED]))
        self.apply_filters()

    def apply_filters(self) -> None:
        if session.current() is None:
            return
        keep = self.current_id()
        day = self.filters.day()
        queue = self.filters.queue()
        rows = [row for row in read_archive(day)
                if matches(row, status=self.filters.status_text(), level=self.filters.level_text(),
                           text=self.filters.words()) and (not queue or row.id in self.queue_ids[queue])]
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self.show_current()

    def _focus_list(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and self.current_id() is None:
            self.table.selectRow(0)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.id_at(index.row())

    def current_row(self) -> ArchiveRow | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def select_worker(self, worker_id: int) -> None:
        row = self.model.row_of(worker_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_count(self) -> None:
        shown = self.model.rowCount()
        day = describe_day(self.filters.day())
        on_roll = sum(1 for row in self.model.rows if row.on_roll)
        self.count_label.setText(f"{day + ' · ' if day else ''}共 {shown} 人（在职或退休 {on_roll} 人）")

    # --- the chosen worker -----------------------------------------------------------------
    def show_current(self, *, reveal: bool = False) -> None:
        self.show_count()
        chosen = self.current_id()
        self.view, self.revealed = None, False
        if chosen is not None:
            try:
                self.view = mw.get_model_worker(chosen, reveal=reveal)
                items = overview.timeline(chosen)
                photo = mw.get_photo(chosen) if self.view.has_photo else None
            except KnownError as exc:
                self.message.emit(str(exc))
                self.view = None
            else:
                self.revealed = reveal
                self.detail.show_worker(self.view, items, photo=photo, revealed=reveal,
                                        can_reveal=session.may(Permission.REVEAL))
        if self.view is None:
            self.detail.show_worker(None, ())
        self.update_actions()

    def reveal(self) -> None:
        """显示完整身份证号和电话 (the reading is audited)."""
        if session.may(Permission.REVEAL) and self.view is not None:
            self.show_current(reveal=True)

    def update_actions(self) -> None:
        view = self.view
        chosen = view is not None
        on_roll = view is not None and view.line.status in ON_ROLL
        why = NO_SELECTION if view is None else f"该劳模现为“{view.line.status}”，已不在册"
        allow(self.edit_button, Permission.EDIT, chosen, "修改所选劳模的基本情况、荣誉称号和照片", NO_SELECTION)
        allow(self.change_button, Permission.EDIT, chosen, "登记调出、退休、去世、撤销称号（或调出后重新新增）",
              NO_SELECTION)
        for kind, _text, tip in CARE_BUTTONS:
            ready = on_roll or (kind == "insurance" and chosen)
            allow(self.care_buttons[kind], Permission.EDIT, ready, tip, why)
        allow(self.pay_button, Permission.EDIT, on_roll, "从困难劳模补助金专户向所选劳模发放补助金", why)
        allow(self.remove_button, Permission.DELETE, chosen, "删除误登的走访、体检、补充保险或办实事记录（须说明原因）",
              NO_SELECTION)
        self.card_action.setEnabled(chosen)
        self.card_action.setToolTip("" if chosen else NO_SELECTION)

    def apply_account(self) -> None:
        guard(self.new_action, Permission.EDIT, "建立劳模档案（Ctrl+N）")
        guard(self.new_button, Permission.EDIT, "建立劳模档案：人员、荣誉称号、工作单位、照片、新增日期（Ctrl+N）")
        guard(self.print_button, Permission.PRINT, "打印劳模档案卡或慰问签领表（PDF）")
        guard(self.registers_button, Permission.EXPORT_MASKED, "劳模的五种登记簿：导出（Excel）、导入模板、导入")
        self.update_actions()

    # --- dialogs -------------------------------------------------------------------------
    def _show(self, dialog: QDialog, done: str, select: Callable[[], int | None] | None = None) -> QDialog:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted:
                if select is not None and (chosen := select()) is not None:
                    self.select_worker(chosen)
                if done:
                    self.message.emit(done)
                self.table.setFocus()
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _refused(self, title: str, permission: Permission = Permission.EDIT) -> bool:
        reason = refusal(permission)
        if reason:
            messages.warn(self, title, reason)
        return bool(reason)

    def open_new(self) -> QDialog | None:
        if self._refused("新增劳模"):
            return None
        dialog = ModelWorkerDialog(self.events, self.window(), work_units=self._work_units())
        return self._show(dialog, "已建立劳模档案。", lambda: dialog.worker_id)

    def _work_units(self) -> list[str]:
        return sorted({line.work_unit for line in mw.list_model_workers() if line.work_unit} | set(work_units()))

    def open_edit(self) -> QDialog | None:
        chosen = self.current_id()
        if chosen is None or not session.may(Permission.EDIT):
            return None
        try:
            view = mw.get_model_worker(chosen, reveal=True)  # the phone is edited as it is, not masked
            photo = mw.get_photo(chosen) if view.has_photo else None
        except KnownError as exc:
            messages.warn(self, "修改劳模档案", str(exc))
            return None
        dialog = ModelWorkerDialog(self.events, self.window(), view=view, photo=photo, work_units=self._work_units())
        return self._show(dialog, "已保存劳模档案。")

    def open_change(self) -> QDialog | None:
        if self.view is None or not session.may(Permission.EDIT):
            return None
        return self._show(ModelWorkerChangeDialog(self.view.line, self.events, self.window()), "已登记变动。")

    def open_care(self, kind: str) -> QDialog | None:
        if self.view is None or not session.may(Permission.EDIT):
            return None
        dialog = CARE_DIALOGS[kind](self.view.line, self.events, self.window())
        return self._show(dialog, f"已登记{dialog.what.removeprefix('登记')}。")

    def open_payment(self) -> QDialog | None:
        if self._refused("发放补助金"):
            return None
        chosen = self.view.line.worker_id if self.view is not None else None
        return self._show(SubsidyPaymentDialog(on_roll_workers(), chosen, self.events, self.window()),
                          "已发放补助金。")

    # --- prints and registers --------------------------------------------------------------
    def print_card(self) -> None:
        if self.view is not None:
            self.last_task = ops.print_card(self, self.runner, self.view.line.worker_id, self.view.line.name,
                                            self._written)

    def open_round(self) -> QDialog | None:
        if self._refused("打印慰问签领表", Permission.PRINT):
            return None
        rounds = overview.visit_rounds()
        if not rounds:
            messages.inform(self, "打印慰问签领表",
                            "还没有走访批次：登记走访慰问时填写“走访批次”，即可按批次打印签领表。")
            return None
        dialog = VisitRoundDialog(rounds, self.window())
        dialog.accepted.connect(lambda: self.print_round(dialog.round_name))
        return self._show(dialog, "")

    def print_round(self, round_name: str) -> Task | None:
        self.last_task = ops.print_round(self, self.runner, round_name, self._written)
        return self.last_task

    def _written(self, written: Written) -> None:
        if written.path.suffix == ".pdf":
            self.message.emit(f"已生成 {written.path}：{written.count} 页")
        elif written.count:
            self.message.emit(f"已导出 {written.count} 条到 {written.path}")
        else:
            self.message.emit(f"已保存 {written.path}")

    def _fill_registers_menu(self) -> None:
        menu = self.registers_menu
        menu.clear()
        menu.setToolTipsVisible(True)
        shown = menu.addAction(f"导出劳模档案登记簿（当前列表 {self.model.rowCount()} 人，隐去身份信息）…")
        shown.triggered.connect(lambda: self.export("model-workers", ids=self.model.ids))
        menu.addSeparator()
        for kind, title in ops.TITLES.items():
            sub = menu.addMenu(title)
            sub.setToolTipsVisible(True)
            sub.addAction("导出（隐去身份信息）…", lambda kind=kind: self.export(kind))
            full = sub.addAction("导出（含完整身份信息）…", lambda kind=kind: self.export(kind, masked=False))
            guard(full, Permission.EXPORT_FULL, "供向上级报送；导出记入操作日志")
            sub.addSeparator()
            sub.addAction("保存导入模板…", lambda kind=kind: ops.write_template(self, self.runner, kind, self._written))
            imported = sub.addAction("导入…", lambda kind=kind: self.import_register(kind))
            guard(imported, Permission.IMPORT, "全部行无误才导入，否则列出每处问题")

    def export(self, kind: str, *, masked: bool = True, ids: list[int] | None = None) -> Task | None:
        self.last_task = ops.export_register(self, self.runner, kind, self._written, masked=masked, ids=ids)
        return self.last_task

    def import_register(self, kind: str) -> Task | None:
        self.last_task = ops.import_register(self, self.runner, self.events, kind, self.message.emit)
        return self.last_task


def allow(widget: QWidget, permission: Permission, ready: bool, tooltip: str, why_not: str) -> None:
    """Disabled with the account's reason, else enabled if `ready` (the tooltip says what it needs)."""
    if guard(widget, permission, tooltip):
        widget.setEnabled(ready)
        widget.setToolTip(tooltip if ready else why_not)
