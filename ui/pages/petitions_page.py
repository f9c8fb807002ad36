"""The 信访 tab: contacts registered, handed on and closed (四有), the overdue queue, prints and the register."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from PySide6.QtWidgets import QDialog, QWidget

from app import clock, session
from app.errors import KnownError
from app.progress import ProgressFn
from app.services import petitions, settings
from app.services.petitions import PetitionQuery, PetitionView
from app.session import Permission
from app.vocab import PetitionStatus
from ui import messages
from ui.dialogs.household_link_dialog import HouseholdLinkDialog
from ui.dialogs.legal_case_dialog import LegalCaseDialog
from ui.dialogs.petition_dialog import PetitionDialog
from ui.dialogs.petition_steps import ClosePetitionDialog, HandOnDialog, LimitDialog
from ui.events import AppEvents
from ui.operations import reception as ops
from ui.pages.record_list_page import RecordListPage
from ui.permissions import guard
from ui.tables.petitions_model import SUMMARY, PetitionsModel
from ui.tasks import TaskRunner
from ui.widgets.petition_detail import PetitionDetail
from ui.widgets.reception_filters import PetitionFilters

OVERDUE_STYLE = "QPushButton:checked { background: #fdecea; } QPushButton { color: #c62828; font-weight: bold; }"


@dataclass(frozen=True)
class PetitionCounts:
    open: int
    overdue: int


def read_counts(_progress: ProgressFn) -> PetitionCounts:
    """Open contacts and those past their limit today (for the status bar and the queue button)."""
    open_ids = [*petitions.search_petitions(PetitionQuery(status=PetitionStatus.REGISTERED)),
                *petitions.search_petitions(PetitionQuery(status=PetitionStatus.HANDED_ON))]
    return PetitionCounts(len(open_ids), petitions.overdue_count(clock.today()))


class PetitionsPage(RecordListPage):
    """信访接待: register a contact, hand it on, close it with a result, tie it to a file or a legal case."""

    title = "信访"
    state_key = "petitions"
    register_kind, register_title, import_text = "petitions", "信访登记簿", "从登记簿导入信访记录…"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.dialog: QDialog | None = None
        self.counts: PetitionCounts | None = None
        self.filters = PetitionFilters(self)
        self.model = PetitionsModel(self)
        self.detail = PetitionDetail(self)
        self.register_action, self.register_button = self.new_record_button("登记…", self.open_register)
        self.edit_button = self.button("修改登记…", self.open_edit)
        self.hand_on_button = self.button("送达办理…", self.open_hand_on)
        self.close_button = self.button("办结…", self.open_close)
        self.link_button, link_menu = self.menu_button("关联")
        self.link_household_action = link_menu.addAction("关联帮扶档案…", self.open_link)
        self.legal_action = link_menu.addAction("转法律援助…", self.open_legal_case)
        self.print_button, print_menu = self.menu_button("打印")
        self.print_form_action = print_menu.addAction("打印信访接待登记表（所选）…", self.print_forms)
        self.print_report_action = print_menu.addAction("打印办结报告…", self.print_report)
        self.export_button = self.export_menu_button()
        self.actions_row.addStretch(1)
        self.overdue_button = self.button("超期未办结")
        self.overdue_button.setCheckable(True)
        self.overdue_button.setStyleSheet(OVERDUE_STYLE)
        self.overdue_button.setToolTip("只列出超过办理时限仍未办结的信访（再点一下取消）")
        self.overdue_button.toggled.connect(lambda _on: self.apply_filters())
        self.limit_button = self.button("办理时限…", self.open_limit)
        self.build(self.filters, self.model, self.detail, SUMMARY)
        self.table.activated.connect(lambda _index: self.open_next_step())
        events.petitions_changed.connect(lambda _ids: self.on_changed())
        for signal in (events.households_changed, events.cases_changed):
            signal.connect(lambda _ids: self.show_current())
        events.data_replaced.connect(self.reload)
        events.settings_changed.connect(self._show_limit)
        self.set_status("正在统计…")
        self.apply_account()
        self.reload()

    # --- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        self._show_limit()
        self.apply_filters()
        self.refresh_counts()

    def query(self) -> PetitionQuery:
        return self.filters.query(clock.today() if self.overdue_button.isChecked() else None)

    def apply_filters(self) -> None:
        if session.current() is None:
            return
        self.model.set_query(self.query())
        self.selection_changed()

    def on_changed(self) -> None:
        self.refresh_list()
        self.refresh_counts()

    def read_counts(self, progress: ProgressFn) -> object:
        return read_counts(progress)

    def show_counts(self, counts: object) -> None:
        assert isinstance(counts, PetitionCounts)
        self.counts = counts
        self.overdue_button.setText(f"超期未办结 {counts.overdue}")
        self.set_status(f"未办结信访 {counts.open} · 信访超期 {counts.overdue}")
        self.set_alert(f"信访超期 {counts.overdue}" if counts.overdue else "")

    def _show_limit(self) -> None:
        if session.current() is not None:
            self.limit_button.setText(f"办理时限 {settings.petition_limit_days()} 天…")

    # --- the current contact -------------------------------------------------------------
    def current(self) -> PetitionView | None:
        """The one contact acted on, read afresh with its events (None if none or several)."""
        chosen = self.current_id()
        if chosen is None:
            return None
        try:
            return petitions.get_petition(chosen)
        except KnownError:
            return None

    def show_current(self) -> None:
        self.detail.show_petition(self.current())

    def update_actions(self) -> None:
        view = self.current_id()
        row = self.model.row_of(view) if view is not None else None
        item = self.model.petition(row) if row is not None else None
        open_one = item is not None and item.closed_on is None
        one = "请先在列表中选择一条信访"
        self.allow(self.edit_button, Permission.EDIT, open_one,
                   "更正登记时的错漏：方式、接待时间、来访人、电话、单位、类别、内容、涉及人数（办结前）",
                   f"{one}（未办结的）")
        self.allow(self.hand_on_button, Permission.EDIT, open_one, "送达哪个部门或由谁办理（可再次送达）",
                   f"{one}（未办结的）")
        self.allow(self.close_button, Permission.EDIT, open_one, "写明办理结果后办结（结果必填）", f"{one}（未办结的）")
        self.allow(self.link_button, Permission.EDIT, item is not None, "关联帮扶档案，或转为法律援助案件", one)
        self.legal_action.setEnabled(item is not None and item.legal_case_id is None)
        self.legal_action.setToolTip("" if item is None or item.legal_case_id is None
                                     else f"已转法律援助 {item.case_no}")
        self.allow(self.print_button, Permission.PRINT, bool(self.selected_ids()), "打印信访接待登记表或办结报告",
                   "请先在列表中选择要打印的信访")
        self.print_report_action.setEnabled(item is not None and item.closed_on is not None)

    def apply_account(self) -> None:
        guard(self.register_action, Permission.EDIT, "登记来信、来电、来访（Ctrl+N）")
        guard(self.register_button, Permission.EDIT, "登记来信、来电、来访（Ctrl+N）")
        guard(self.export_button, Permission.EXPORT_MASKED, "导出信访登记簿（Excel），或从登记簿导入")
        guard(self.limit_button, Permission.SETTINGS, "超过办理时限仍未办结的信访列为超期（管理员设置）")
        self.update_actions()

    # --- actions -------------------------------------------------------------------------
    def _show(self, dialog: QDialog, on_accepted: object = None) -> QDialog:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and callable(on_accepted):
                on_accepted()
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            self.table.setFocus()  # the keyboard carries on in the list (Enter: the next step)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_register(self) -> QDialog | None:
        if not guard(self.register_button, Permission.EDIT, self.register_button.toolTip()):
            return None
        dialog = PetitionDialog(self.events, self.window())
        return self._show(dialog, lambda: self._registered(dialog))

    def _registered(self, dialog: PetitionDialog) -> None:
        if dialog.petition_id is None:
            return
        self.select_ids([dialog.petition_id])
        hidden = self.model.row_of(dialog.petition_id) is None
        self.message.emit("已登记信访" + ("（当前筛选条件下未列出，点“清除条件”可见）。" if hidden else "。"))

    def open_edit(self) -> QDialog | None:
        """修改登记: the registration dialog, prefilled with the contact (its phone in full: the reveal is audited)."""
        view = self.current()
        if view is None or view.closed_on is not None or not session.may(Permission.EDIT):
            return None
        try:
            form = petitions.petition_form(view.id)
        except KnownError as exc:
            messages.warn(self, "修改登记", str(exc))
            return None
        dialog = PetitionDialog(self.events, self.window(), editing=(view.id, form))
        return self._show(dialog, partial(self.message.emit, "已修改信访登记。"))

    def _step(self, make: type[HandOnDialog] | type[ClosePetitionDialog] | type[HouseholdLinkDialog],
              done: str) -> QDialog | None:
        view = self.current()
        if view is None or not session.may(Permission.EDIT):
            return None
        return self._show(make(view, self.events, self.window()), partial(self.message.emit, done))

    def open_hand_on(self) -> QDialog | None:
        return self._step(HandOnDialog, "已送达办理。")

    def open_close(self) -> QDialog | None:
        return self._step(ClosePetitionDialog, "已办结。")

    def open_link(self) -> QDialog | None:
        return self._step(HouseholdLinkDialog, "已关联帮扶档案。")

    def open_next_step(self) -> QDialog | None:
        """Enter or a double-click on a contact: its next step (送达办理, then 办结)."""
        view = self.current()
        if view is None or view.closed_on is not None or not session.may(Permission.EDIT):
            return None
        return self.open_close() if view.handed_on is not None else self.open_hand_on()

    def open_legal_case(self) -> QDialog | None:
        view = self.current()
        if view is None or not session.may(Permission.EDIT):
            return None
        if view.legal_case_id is not None:
            messages.inform(self, "转法律援助", f"该信访已转法律援助，案号 {view.case_no}。")
            return None
        dialog = LegalCaseDialog(self.events, self.window(), petition=view)
        return self._show(dialog, lambda: self.message.emit("已受理法律援助案件，请到“法律援助”页查看。"))

    def open_limit(self) -> QDialog | None:
        if not session.may(Permission.SETTINGS):
            return None
        return self._show(LimitDialog(self.events, self.window()), lambda: self.message.emit("办理时限已保存。"))

    def print_forms(self) -> None:
        self.last_task = ops.print_petition_forms(self, self.runner, self.selected_ids(), self._printed)

    def print_report(self) -> None:
        view = self.current()
        if view is None:
            return
        name = f"{view.name or '匿名'}-{view.received_at:%Y%m%d}"
        self.last_task = ops.print_closing_report(self, self.runner, self._printed, name=name, petition_id=view.id)

