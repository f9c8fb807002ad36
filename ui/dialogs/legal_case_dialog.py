"""新建法律援助案件 (also 转法律援助 from a contact, prefilled): respondent, cause, handling, workers and applicants."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock, vocab
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.services import household_search, legal_cases
from app.services.legal_cases import ApplicantForm, LegalCaseForm, LegalCaseView
from app.services.petitions import PetitionView
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice, find_recipients
from ui.dialogs.petition_steps import describe
from ui.dialogs.step_form import StepForm
from ui.events import AppEvents
from ui.tables.applicants_model import ApplicantRow, ApplicantsModel
from ui.widgets.money_edit import DayEdit, MoneyEdit
from ui.widgets.person_field import PersonField

JOINT = "联合执法"
CAUSE_OF_CATEGORY = {"拖欠工资": "拖欠工资", "工伤": "工伤赔偿", "劳动争议": "劳动合同"}


def known_row(choice: RecipientChoice) -> ApplicantRow:
    note = f"档案 {choice.file_no}（{choice.status}）" if choice.household_id is not None else "已登记人员（无档案）"
    return ApplicantRow(choice.person_id, choice.name, choice.id_number, note=note)


def petitioner_row(view: PetitionView) -> ApplicantRow | None:
    """The person who came, as a known applicant: the one person with that name and (masked) ID number."""
    if not view.name or view.name == "匿名":
        return None
    same = [c for c in find_recipients(view.name) if c.name == view.name and c.id_number == view.id_number]
    if len({c.person_id for c in same}) == 1:
        return known_row(same[0])
    return ApplicantRow(None, view.name, "", note="请核对：按姓名新增，或删除后从已登记人员中选择")


class LegalCaseDialog(StepForm):
    """受理 a case; from a contact, its unit, cause, workers and the person who came are filled in."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *,
                 petition: PetitionView | None = None, case: LegalCaseView | None = None) -> None:
        if case is not None:
            title, heading = f"修改案件 {case.case_no}", "更正案件信息和申请人；阶段只能添加，不能改写。"
        else:
            title = "转法律援助" if petition is not None else "新建法律援助案件"
            heading = f"来自信访：{describe(petition)}" if petition is not None else ""
        super().__init__(title, parent, heading=heading)
        self._events = events
        self._petition = petition
        self._case = case
        self.case_id: int | None = case.id if case is not None else None
        self.respondent = QLineEdit(self)
        self.respondent.setPlaceholderText("用人单位（被申请人）全称")
        units = QCompleter(household_search.work_units(), self.respondent)
        units.setFilterMode(Qt.MatchFlag.MatchContains)
        self.respondent.setCompleter(units)
        self.cause = QComboBox(self)
        self.cause.addItems(list(vocab.LEGAL_CAUSES))
        self.handling = QComboBox(self)
        self.handling.addItems(list(vocab.LEGAL_HANDLINGS))
        self.partner = QLineEdit(self)
        self.partner.setPlaceholderText("联合执法的合作单位，如 县劳动监察大队")
        self.lawyer = QLineEdit(self)
        self.accepted_on = DayEdit(clock.today(), self)
        self.workers = QSpinBox(self)
        self.workers.setRange(1, 99999)
        self.workers.setSuffix(" 人")
        self.workers.setToolTip("涉及的职工总数：未列名的职工也计入")
        self.claimed = MoneyEdit(self, placeholder="可留空")
        self.claimed_hint = QLabel(self)
        self.claimed_hint.setObjectName("fieldHint")
        self.note = QLineEdit(self)
        self.model = ApplicantsModel(self)
        self.model.problem.connect(lambda text: self.refuse(text, prefix=""))
        self.table = self._applicants_table()
        self.person = PersonField(self, placeholder="添加申请人：输入姓名或拼音首字母查找，回车添加")
        self.person.enter_submits = True
        self.person.picked.connect(self._add_known)
        self.person.submitted.connect(self._add_new)
        self.remove_button = QPushButton("删除所选", self)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self._remove_selected)

        self.form.addRow("被申请单位 *", self.respondent)
        self.form.addRow("案由 *", self._pair(self.cause, "处理方式 *", self.handling))
        self.form.addRow("联合执法单位", self.partner)
        self.form.addRow("承办律师", self.lawyer)
        self.form.addRow("受理日期 *", self._pair(self.accepted_on, "涉及职工 *", self.workers))
        self.form.addRow("请求金额（元）", self._pair(self.claimed, "", self.claimed_hint))
        self.form.addRow("备注", self.note)
        self.body.addWidget(self._applicants_box(), 1)
        self.finish_layout(stretch=False)

        self.handling.currentTextChanged.connect(lambda _t: self._handling_changed())
        self.model.rowsInserted.connect(lambda *_a: self._rows_changed())
        self.model.rowsRemoved.connect(lambda *_a: self._rows_changed())
        self.model.dataChanged.connect(lambda *_a: self._rows_changed())
        if petition is not None:
            self._prefill(petition)
        if case is not None:
            self._fill(case)
        self._handling_changed()
        self._rows_changed()
        self.resize(760, 640)
        self.respondent.setFocus()

    def _pair(self, left: QWidget, label: str, right: QWidget) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left, 1)
        if label:
            layout.addSpacing(12)
            layout.addWidget(QLabel(label, row))
        layout.addWidget(right, 1)
        return row

    def _applicants_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(150)
        return table

    def _applicants_box(self) -> QGroupBox:
        box = QGroupBox("申请人（可只列部分职工，涉及人数照实填写；新增人员的身份证号和各人金额在表中填写）", self)
        row = QHBoxLayout()
        row.addWidget(self.person, 1)
        row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        return box

    def _prefill(self, view: PetitionView) -> None:
        self.respondent.setText(view.work_unit)
        self.cause.setCurrentText(CAUSE_OF_CATEGORY.get(view.category, "其他"))
        self.accepted_on.set_day(clock.today())
        self.workers.setValue(max(1, view.workers))
        petitioner = petitioner_row(view)
        if petitioner is not None:
            self.model.add(petitioner)

    def _fill(self, case: LegalCaseView) -> None:
        """The case as recorded, to be corrected; the 受理 date is the first stage's and stays."""
        self.respondent.setText(case.respondent)
        self.cause.setCurrentText(case.cause)
        self.handling.setCurrentText(case.handling)
        self.partner.setText(case.partner)
        self.lawyer.setText(case.lawyer)
        self.accepted_on.set_day(case.accepted_on)
        self.accepted_on.setEnabled(False)
        self.accepted_on.setToolTip("受理日期是案件的第一个阶段，不能修改")
        for applicant in case.applicants:
            self.model.add(ApplicantRow(applicant.person_id, applicant.name, applicant.id_number,
                                        applicant.amount_claimed, note="已列名"))
        self.workers.setValue(case.workers_involved)
        self.claimed.set_amount(case.amount_claimed)
        self.note.setText(case.note)

    # --- the applicants --------------------------------------------------------------------
    def _add_known(self, choice: RecipientChoice | None) -> None:
        if choice is None:
            return
        self.table.selectRow(self.model.add(known_row(choice)))
        self.person.clear()
        self.person.setFocus()

    def _add_new(self) -> None:
        row = self.model.add(ApplicantRow(None, self.person.name))
        self.person.clear()
        self.table.setCurrentIndex(self.model.index(row, 1))
        self.table.setFocus()

    def _remove_selected(self) -> None:
        self.model.remove(index.row() for index in self.table.selectionModel().selectedRows())

    def _rows_changed(self) -> None:
        count = self.model.rowCount()
        self.workers.setMinimum(max(1, count))
        total = self.model.total(recovered=False)
        self.claimed_hint.setText(f"已列名 {count} 人，各人请求合计 {yuan(total)}（请求金额留空即按此数）"
                                  if count else "请求金额留空即为 ¥0.00")

    def _handling_changed(self) -> None:
        self.partner.setEnabled(self.handling.currentText() == JOINT)

    # --- saving --------------------------------------------------------------------------
    def form_data(self) -> LegalCaseForm:
        """ValueError (Chinese) if the amount cannot be read."""
        try:
            claimed = self.claimed.amount()
        except ValueError as exc:
            raise ValueError(f"请求金额：{exc}") from None
        applicants = tuple(
            ApplicantForm(Recipient(person_id=r.person_id) if r.person_id is not None
                          else Recipient(name=r.name, id_number=r.id_number or None), r.claimed)
            for r in self.model.rows)
        joint = self.handling.currentText() == JOINT
        return LegalCaseForm(
            respondent=self.respondent.text(), cause=self.cause.currentText(), handling=self.handling.currentText(),
            accepted_on=self.accepted_on.day(), workers_involved=self.workers.value(), applicants=applicants,
            partner=self.partner.text() if joint else "", lawyer=self.lawyer.text(),
            amount_claimed=claimed if claimed is not None else self.model.total(recovered=False),
            note=self.note.text(), petition_id=self._petition.id if self._petition is not None else None)

    def save(self) -> None:
        try:
            form = self.form_data()
            if self._case is not None:
                legal_cases.update_case(self._case.id, form)
            else:
                self.case_id = legal_cases.open_case(form)
        except ValueError as exc:
            self.refuse(str(exc))
            return
        except (ValidationError, KnownError) as exc:
            self.refuse(exc)
            return
        self._events.announce_cases((self.case_id,))
        if self._petition is not None:
            self._events.announce_petitions((self._petition.id,))
        if any(a.recipient.person_id is None for a in form.applicants):
            self._events.announce_persons(())
        self.accept()

