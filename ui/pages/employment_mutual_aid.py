"""互助保障 (part of the 培训就业 tab): enrolments by year and plan, and the claims paid under the chosen one."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app import clock
from app.errors import KnownError
from app.money import yuan
from app.services import mutual_aid
from app.services.mutual_aid import ClaimView, EnrolmentQuery, EnrolmentView
from app.session import Permission
from ui import messages
from ui.dialogs.mutual_aid_dialogs import ClaimDialog, EnrolmentDialog
from ui.events import AppEvents
from ui.formatting import day
from ui.pages.employment_records import RecordsPanel
from ui.tables import employment_columns as columns
from ui.tables.record_model import RecordModel
from ui.tables.table_view import list_view
from ui.tasks import TaskRunner

P = Permission
YEARS_SHOWN = 6


class MutualAidPanel(RecordsPanel):
    """Enrol people in a plan for a year; record and list the claims paid under each enrolment."""

    kind = "mutual-aid"
    unit = "人次"

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(events, runner, columns.ENROLMENTS, "搜索：姓名、工作单位、身份证号后几位", parent,
                         period=False)
        this_year = clock.today().year
        self.year = self.filters.choice("全部年度", [str(y) for y in range(this_year + 1, this_year - YEARS_SHOWN, -1)])
        self.plan = self.filters.choice("全部保障项目", [])
        self.year.blockSignals(True)
        self.year.setCurrentIndex(self.year.findData(str(this_year)))
        self.year.blockSignals(False)
        self.with_claims = self.filters.check("有理赔的", "只列出已有理赔的参保记录")
        self.filters.finish()
        row = self.actions_row
        self.new_button = self.button(row, "登记参保…", self.open_new, P.EDIT, "一人一年度一个保障项目", primary=True)
        self.finish_actions(mutual_aid.delete_enrolment, lambda e: f"{e.name} {e.year}年 {e.plan}")
        self.claims = RecordModel(columns.CLAIMS, self)
        self.claims_table = list_view(self, self.claims, widths=self.claims.widths, multi=False)
        self.claims_label = QLabel(self)
        self.claims_label.setObjectName("sideTitle")
        claims_bar = QHBoxLayout()
        claims_bar.addWidget(self.claims_label, 1)
        self.claim_button = self.button(claims_bar, "登记理赔…", self.open_claim, P.EDIT,
                                        "所选参保记录下的一笔赔付（住院、重疾、意外……）", ready=self.has_current)
        self.delete_claim_button = self.button(claims_bar, "删除理赔…", self.delete_claim, P.DELETE,
                                               "删除误录入的一笔赔付", ready=lambda: self.current_claim() is not None)
        self.main_layout.insertLayout(self.main_layout.count() - 1, claims_bar)
        self.main_layout.insertWidget(self.main_layout.count() - 1, self.claims_table, 1)
        self.main_layout.setStretchFactor(self.table, 2)
        self.year.setMaximumWidth(120)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_claims())
        self.claims_table.selectionModel().selectionChanged.connect(lambda *_a: self.update_actions())

    def read(self) -> list[EnrolmentView]:
        year = self.year.currentData()
        return mutual_aid.list_enrolments(EnrolmentQuery(int(year) if year else None, self.plan.currentData(),
                                                         with_claims=self.with_claims.isChecked(),
                                                         text=self.filters.text()))

    def reload(self) -> None:
        self._load_plans()
        super().reload()
        self.show_claims()

    def _load_plans(self) -> None:
        known = mutual_aid.plans()
        current = self.plan.currentData()
        if [self.plan.itemData(i) for i in range(1, self.plan.count())] == known:
            return
        self.plan.blockSignals(True)
        self.plan.clear()
        self.plan.addItem("全部保障项目", None)
        for plan in known:
            self.plan.addItem(plan, plan)
        self.plan.setCurrentIndex(max(self.plan.findData(current), 0))
        self.plan.blockSignals(False)

    def totals(self, records: Sequence[EnrolmentView]) -> str:
        zero = Decimal("0.00")
        people = len({e.person_id for e in records})
        claims = sum(e.claims for e in records)
        return (f"共 {len(records)} 人次（{people} 人）· 缴费 {yuan(sum((e.premium for e in records), zero))} · "
                f"理赔 {claims} 笔 {yuan(sum((e.claimed for e in records), zero))}")

    def current_claim(self) -> ClaimView | None:
        rows = self.claims_table.selectionModel().selectedRows()
        found: ClaimView | None = self.claims.record(rows[0].row()) if rows else None
        return found

    def show_claims(self) -> None:
        enrolment: EnrolmentView | None = self.current()
        self.claims.set_records(mutual_aid.enrolment_claims(enrolment.id) if enrolment is not None else [])
        if enrolment is None:
            self.claims_label.setText("理赔：请先选择参保记录")
        else:
            self.claims_label.setText(f"{enrolment.name} {enrolment.year}年 {enrolment.plan}："
                                      f"理赔 {enrolment.claims} 笔 {yuan(enrolment.claimed)}")
        self.update_actions()

    def open_new(self) -> EnrolmentDialog | None:
        if self.refused("登记参保", P.EDIT):
            return None
        dialog = EnrolmentDialog(self.events, self.window(), plans=mutual_aid.plans(),
                                 units=[e.work_unit for e in self.model.records])
        self.show_dialog(dialog, lambda: self.message.emit("已登记参保。"))
        return dialog

    def open_claim(self) -> ClaimDialog | None:
        enrolment: EnrolmentView | None = self.current()
        if enrolment is None or self.refused("登记理赔", P.EDIT):
            return None
        dialog = ClaimDialog(self.events, enrolment, self.window())
        self.show_dialog(dialog, lambda: self.message.emit(f"已登记理赔：{enrolment.name}"))
        return dialog

    def delete_claim(self) -> None:
        claim = self.current_claim()
        if claim is None or self.refused("删除理赔", P.DELETE):
            return
        what = f"{day(claim.on_date)} {claim.kind} {yuan(claim.amount)}"
        if not messages.confirm(self, "删除理赔", f"删除这笔理赔？\n{what}\n操作日志保留删除记录。", yes="删除",
                                danger=True):
            return
        try:
            mutual_aid.delete_claim(claim.id)
        except KnownError as exc:
            messages.warn(self, "删除理赔", str(exc))
            return
        self.events.announce_employment(self.kind, (claim.enrolment_id,))
        self.message.emit(f"已删除理赔：{what}")
