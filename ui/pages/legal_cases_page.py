"""The 法律援助 tab: cases with their stages and timeline, 结案 with the money recovered, prints and the register."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import QDialog, QWidget

from app import clock, session
from app.errors import KnownError
from app.money import yuan
from app.progress import ProgressFn
from app.services import legal_cases, petitions
from app.services.legal_cases import CaseQuery, LegalCaseView
from app.session import Permission
from ui.dialogs.case_steps import CaseStageDialog, CloseCaseDialog, MonthDialog
from ui.dialogs.legal_case_dialog import LegalCaseDialog
from ui.events import AppEvents
from ui.operations import reception as ops
from ui.pages.record_list_page import RecordListPage
from ui.permissions import guard
from ui.tables.legal_cases_model import LegalCasesModel
from ui.tasks import TaskRunner
from ui.widgets.case_timeline import CaseTimeline
from ui.widgets.reception_filters import CaseFilters

RESPONDENT = 2


@dataclass(frozen=True)
class CaseCounts:
    open: int
    year: int
    recovered: Decimal


def read_counts(_progress: ProgressFn) -> CaseCounts:
    """Cases not yet closed, and what was recovered in cases closed this year."""
    today = clock.today()
    figures = legal_cases.legal_figures(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    return CaseCounts(len(legal_cases.search_cases(CaseQuery(open_only=True))), today.year, figures.recovered)


class LegalCasesPage(RecordListPage):
    """法律援助: open a case (or take one over from a contact), record its stages, close it with the amount."""

    title = "法律援助"
    state_key = "legal_cases"
    unit = "件"
    register_kind, register_title, import_text = "legal-cases", "案件登记簿", "从登记簿导入法律援助案件…"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, parent)
        self.dialog: QDialog | None = None
        self.counts: CaseCounts | None = None
        self.filters = CaseFilters(self)
        self.model = LegalCasesModel(self)
        self.detail = CaseTimeline(self)
        self.new_action, self.new_button = self.new_record_button("新建案件…", self.open_new)
        self.edit_button = self.button("修改…", self.open_edit)
        self.stage_button = self.button("添加阶段…", self.open_stage)
        self.close_button = self.button("结案…", self.open_close)
        self.print_button, print_menu = self.menu_button("打印")
        self.print_report_action = print_menu.addAction("打印办结报告（所选案件）…", self.print_report)
        self.stats_action = print_menu.addAction("法律援助统计（按月）…", self.open_stats)
        self.export_button = self.export_menu_button()
        self.actions_row.addStretch(1)
        self.build(self.filters, self.model, self.detail, RESPONDENT)

        events.cases_changed.connect(lambda _ids: self.on_changed())
        events.petitions_changed.connect(lambda _ids: self.on_changed())  # a contact turned into a case
        events.data_replaced.connect(self.reload)
        self.set_status("正在统计…")
        self.apply_account()
        self.reload()

    # --- what is listed ------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        self.apply_filters()
        self.refresh_counts()

    def apply_filters(self) -> None:
        if session.current() is None:
            return
        self.model.set_query(self.filters.query())
        self.selection_changed()

    def on_changed(self) -> None:
        self.refresh_list()
        self.refresh_counts()

    def read_counts(self, progress: ProgressFn) -> object:
        return read_counts(progress)

    def show_counts(self, counts: object) -> None:
        assert isinstance(counts, CaseCounts)
        self.counts = counts
        self.set_status(f"在办案件 {counts.open} · {counts.year}年追回 {yuan(counts.recovered)}")

    # --- the current case ----------------------------------------------------------------
    def current(self) -> LegalCaseView | None:
        chosen = self.current_id()
        if chosen is None:
            return None
        try:
            return legal_cases.get_case(chosen)
        except KnownError:
            return None

    def show_current(self) -> None:
        case = self.current()
        contacts = petitions.get_petitions(case.petitions) if case is not None else []
        self.detail.show_case(case, contacts)

    def update_actions(self) -> None:
        chosen = self.current_id()
        row = self.model.row_of(chosen) if chosen is not None else None
        item = self.model.case(row) if row is not None else None
        open_one = item is not None and item.closed_on is None
        why = "请先在列表中选择一个未结案的案件"
        self.allow(self.edit_button, Permission.EDIT, open_one, "更正被申请单位、案由、申请人和金额（结案前）", why)
        self.allow(self.stage_button, Permission.EDIT, open_one, "记录调解、仲裁或诉讼（日期和说明）", why)
        self.allow(self.close_button, Permission.EDIT, open_one, "写明处理结果和追回金额后结案", why)
        self.print_report_action.setEnabled(item is not None and item.closed_on is not None)
        self.print_report_action.setToolTip("" if item is not None and item.closed_on is not None
                                            else "请先选择一个已结案的案件")

    def apply_account(self) -> None:
        guard(self.new_action, Permission.EDIT, "受理新的法律援助案件（Ctrl+N）")
        guard(self.new_button, Permission.EDIT, "受理新的法律援助案件（Ctrl+N）")
        guard(self.print_button, Permission.PRINT, "打印办结报告，或按月生成法律援助统计（PDF）")
        guard(self.export_button, Permission.EXPORT_MASKED, "导出法律援助案件登记簿（Excel），或从登记簿导入")
        self.update_actions()

    # --- actions -------------------------------------------------------------------------
    def _show(self, dialog: QDialog, done: str) -> QDialog:
        self.dialog = dialog

        def finished(code: int) -> None:
            if code == QDialog.DialogCode.Accepted and done:
                self.message.emit(done)
            if self.dialog is dialog:
                self.dialog = None
            dialog.deleteLater()
            self.table.setFocus()  # the keyboard carries on in the list (Enter: the next step)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_new(self) -> QDialog | None:
        if not guard(self.new_button, Permission.EDIT, self.new_button.toolTip()):
            return None
        dialog = LegalCaseDialog(self.events, self.window())
        dialog.accepted.connect(lambda: self.select_ids([dialog.case_id]) if dialog.case_id else None)
        return self._show(dialog, "已受理法律援助案件。")

    def open_edit(self) -> QDialog | None:
        case = self.current()
        if case is None or case.closed_on is not None or not session.may(Permission.EDIT):
            return None
        dialog = LegalCaseDialog(self.events, self.window(), case=case)
        return self._show(dialog, f"已修改案件 {case.case_no}。")

    def open_stage(self) -> QDialog | None:
        case = self.current()
        if case is None or not session.may(Permission.EDIT):
            return None
        return self._show(CaseStageDialog(case, self.events, self.window()), "已添加阶段。")

    def open_close(self) -> QDialog | None:
        case = self.current()
        if case is None or not session.may(Permission.EDIT):
            return None
        return self._show(CloseCaseDialog(case, self.events, self.window()), "已结案。")

    def print_report(self) -> None:
        case = self.current()
        if case is None:
            return
        self.last_task = ops.print_closing_report(self, self.runner, self._printed, name=case.case_no, case_id=case.id)

    def open_stats(self) -> QDialog | None:
        if not session.may(Permission.PRINT):
            return None
        dialog = MonthDialog(self.window())

        def chosen() -> None:
            start, end = dialog.span()
            self.last_task = ops.print_legal_stats(self, self.runner, start, end, self._printed)

        dialog.accepted.connect(chosen)
        return self._show(dialog, "")

