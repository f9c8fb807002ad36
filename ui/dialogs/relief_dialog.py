"""新增救助: one act of help — whom, what kind, how much, from which fund; repeats and overdrafts explained."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock, session, vocab
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.services import campaigns, funds, relief
from app.services.campaigns import CampaignView, parse_items
from app.services.funds import FundView
from app.services.relief import DuplicateRelief
from app.services.relief_forms import ZERO, ItemForm, ReliefChange, ReliefForm
from app.services.relief_recipients import household_people
from app.session import Permission
from ui import messages
from ui.dialogs.relief_sections import MedicalSection, OverdraftBox, RepeatBox, StudentSection
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit
from ui.widgets.recipient_picker import RecipientPicker


class ReliefDialog(QDialog):
    """Enter saves, Esc cancels; a refused save says why beside the form and writes nothing."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新增救助")
        self._events = events
        self.change: ReliefChange | None = None
        self._funds: list[FundView] = funds.list_funds()
        self._campaigns: list[CampaignView] = campaigns.list_campaigns()
        self._household_shown: int | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.picker = RecipientPicker(self)
        self.relief_type = QComboBox(self)
        self.relief_type.addItems(list(vocab.RELIEF_TYPES))
        self.on_date = DayEdit(clock.today(), self)
        self.campaign = QComboBox(self)
        self.campaign.addItem("（不属于帮扶活动）", None)
        for view in self._campaigns:
            self.campaign.addItem(f"{view.name}（{view.relief_type}）", view.id)
        self.fund = QComboBox(self)
        self.fund.addItem("请选择资金", None)
        for fund in self._funds:
            self.fund.addItem(f"{fund.name}（余额 {yuan(fund.balance)}）", fund.id)
        self.fund_hint = QLabel(self)
        self.fund_hint.setObjectName("fieldHint")
        self.amount = MoneyEdit(self)
        self.items = QLineEdit(self)
        self.items.setPlaceholderText("名称×数量单位@单价，多项用、分隔，如 夏凉被×1条@85")
        self.items_hint = QLabel(self)
        self.items_hint.setObjectName("fieldHint")
        self.temporary = QCheckBox("临时救助（受助人没有在档的困难职工档案）", self)
        self.temporary_hint = QLabel(self)
        self.temporary_hint.setObjectName("fieldError")
        self.temporary_hint.setWordWrap(True)
        self.handler = QLineEdit(session.current_operator(), self)
        self.note = QLineEdit(self)
        self.medical = MedicalSection(self)
        self.student = StudentSection(self)
        self.repeat = RepeatBox(self)
        self.overdraft = OverdraftBox(session.may(Permission.OVERDRAW), self)

        form = QFormLayout()
        form.addRow("受助人 *", self.picker)
        form.addRow("救助类型 *", self.relief_type)
        form.addRow("日期 *", self.on_date)
        form.addRow("帮扶活动", self.campaign)
        form.addRow("资金 *", self._stacked(self.fund, self.fund_hint))
        form.addRow("金额（元）", self.amount)
        form.addRow("物资", self._stacked(self.items, self.items_hint))
        form.addRow("", self._stacked(self.temporary, self.temporary_hint))
        form.addRow("经办人", self.handler)
        form.addRow("备注", self.note)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addLayout(form)
        for box in (self.medical, self.student):
            column.addWidget(box)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel("回车保存 · Esc 取消 · 带 * 的为必填项", self)
        hint.setObjectName("hint")
        footer = QHBoxLayout()
        footer.addWidget(hint)
        footer.addStretch(1)
        footer.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.repeat)  # problems stay in sight above the form
        layout.addWidget(self.overdraft)
        layout.addWidget(scroll, 1)
        layout.addLayout(footer)

        self.relief_type.currentTextChanged.connect(lambda _t: self._update())
        self.campaign.currentIndexChanged.connect(lambda _i: self._campaign_chosen())
        self.picker.changed.connect(self._update)
        for widget in (self.amount, self.items):
            widget.textChanged.connect(lambda _t: self._update())
        self.fund.currentIndexChanged.connect(lambda _i: self._update())
        self.temporary.toggled.connect(lambda _on: self._update())
        self.medical.changed.connect(self._update)
        # Tab follows the form top to bottom (救助类型 had been put straight after the search box, so Tab from
        # it jumped back up to 不在系统中 before the date); a match picked goes on to 救助类型
        self.picker.picked.connect(self.relief_type.setFocus)
        self.resize(740, 700)
        self._update()
        self.picker.search.setFocus()
        self._entered = self._snapshot()

    def _snapshot(self) -> tuple[object, ...]:
        """What the user can have entered: every box's text, choice and tick."""
        return (tuple(w.text() for w in self.findChildren(QLineEdit)),
                tuple(w.currentIndex() for w in self.findChildren(QComboBox)),
                tuple(w.text() for w in self.findChildren(QAbstractSpinBox)),
                tuple(w.isChecked() for w in self.findChildren(QCheckBox)))

    def reject(self) -> None:
        """Esc or 取消 with something entered asks first: one Esc too many (as after closing the list of
        matches) lost a whole medical relief, costs and reason included, without a word."""
        if self._snapshot() != self._entered and not messages.confirm(
                self, "放弃登记", "填写的救助还没有保存，确定要放弃吗？", yes="放弃", no="继续填写", danger=True):
            return
        super().reject()

    def _stacked(self, top: QWidget, below: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(top)
        layout.addWidget(below)
        return box

    # --- what is shown follows what is typed -----------------------------------------------
    def _fund_view(self) -> FundView | None:
        fund_id = self.fund.currentData()
        return next((f for f in self._funds if f.id == fund_id), None)

    def _goods(self) -> tuple[ItemForm, ...]:
        return parse_items(self.items.text())

    def _campaign_chosen(self) -> None:
        """A campaign brings its type, its fund and its standard amount and goods (where not typed yet)."""
        view = next((c for c in self._campaigns if c.id == self.campaign.currentData()), None)
        if view is not None:
            self.relief_type.setCurrentText(view.relief_type)
            if view.fund_id is not None:
                self.fund.setCurrentIndex(max(self.fund.findData(view.fund_id), 0))
            if not self.amount.text().strip() and view.standard_amount:
                self.amount.set_amount(view.standard_amount)
            if not self.items.text().strip() and view.standard_items:
                self.items.setText(view.standard_items)
        self._update()

    def _update(self) -> None:
        kind = self.relief_type.currentText()
        self.medical.setVisible(kind in vocab.MEDICAL_RELIEF)
        self.student.setVisible(kind in vocab.EDUCATION_RELIEF)
        hardship = kind in vocab.HARDSHIP_RELIEF
        self.temporary.setEnabled(hardship)
        if not hardship:
            self.temporary.setChecked(False)
        choice = self.picker.choice
        needs_file = hardship and not self.temporary.isChecked() and (
            self.picker.new_person.isChecked() or (choice is not None and not choice.on_record))
        self.temporary_hint.setText(f"受助人没有在档的困难职工档案：{kind}须先建档后帮扶；确属临时救助请勾选上面一项。"
                                    if needs_file else "")
        self.temporary_hint.setVisible(needs_file)
        household = choice.household_id if choice is not None else None
        if household != self._household_shown:
            self._household_shown = household
            self.student.set_people(household_people(household) if household is not None else [])
        try:
            goods = sum((i.value for i in self._goods()), ZERO)
            self.items_hint.setText(f"物资价值 {yuan(goods)}" if self.items.text().strip() else "")
        except KnownError as exc:
            goods = ZERO
            self.items_hint.setText(str(exc))
        self.items_hint.setVisible(bool(self.items_hint.text()))
        self._show_fund(self.amount.amount_or_zero() + goods)

    def _show_fund(self, total: Decimal) -> None:
        fund = self._fund_view()
        self.fund_hint.setVisible(fund is not None)
        if fund is None:
            self.overdraft.hide()
            return
        self.fund_hint.setText(f"余额 {yuan(fund.balance)}，本次 {yuan(total)}，发放后 {yuan(fund.balance - total)}")
        if total > fund.balance:
            self.overdraft.show_shortfall(fund.name, fund.balance, total)
        else:
            self.overdraft.hide()

    # --- saving --------------------------------------------------------------------------
    def form(self) -> ReliefForm:
        """What was typed, as the service takes it; ValueError (Chinese) if an amount cannot be read."""
        recipient = self.picker.recipient()
        if recipient is None:
            raise ValueError("请选择受助人（输入姓名查找后回车），或勾选“不在系统中”填写姓名")
        kind = self.relief_type.currentText()
        try:
            amount = self.amount.amount() or ZERO
        except ValueError as exc:
            raise ValueError(f"金额：{exc}") from None
        try:
            items = self._goods()
        except KnownError as exc:
            raise ValueError(str(exc)) from None
        medical = kind in vocab.MEDICAL_RELIEF
        school = kind in vocab.EDUCATION_RELIEF
        try:
            total_cost = self.medical.total_cost.amount() if medical else None
            insured = self.medical.insurance_paid.amount() if medical else None
        except ValueError as exc:
            raise ValueError(f"医疗费用：{exc}") from None
        return ReliefForm(
            recipient=recipient, relief_type=kind, on_date=self.on_date.day(), amount=amount,
            fund_id=self.fund.currentData(), campaign_id=self.campaign.currentData(),
            handler=self.handler.text().strip(), temporary=self.temporary.isChecked(),
            duplicate_reason=self.repeat.reason.text().strip() if self.repeat.isVisible() else "",
            overdraw_reason=self.overdraft.reason.text().strip() if self.overdraft.isVisible() else "",
            note=self.note.text().strip(),
            hospital=self.medical.hospital.text().strip() if medical else "",
            diagnosis=self.medical.diagnosis.text().strip() if medical else "",
            total_cost=total_cost, insurance_paid=insured,
            student=self.student.recipient() if school else None,
            school=self.student.school.text().strip() if school else "",
            school_level=self.student.level.currentData() if school else None,
            admission_year=(self.student.admission_year.value() or None) if school else None,
            items=items)

    def _refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()

    def save(self) -> None:
        """Record the relief; a repeat asks for a reason, anything else wrong is listed, nothing written."""
        try:
            form = self.form()
        except ValueError as exc:
            self._refuse(str(exc))
            return
        try:
            change = relief.record_relief(form)
        except DuplicateRelief as exc:
            self.repeat.show_conflicts(exc.conflicts)
            self._refuse("该户本年已获得同类救助，请在下方“重复救助”中填写理由，或取消。")
            return
        except ValidationError as exc:
            self._refuse("未保存：\n" + "\n".join(f"· {e.label}：{e.message}" for e in exc.errors))
            return
        except KnownError as exc:
            self._refuse(f"未保存：{exc}")
            return
        self.change = change
        self._events.announce_relief(change.relief_ids)
        if change.fund_ids:
            self._events.announce_funds(change.fund_ids)
        if form.campaign_id is not None:
            self._events.announce_campaigns((form.campaign_id,))
        if form.recipient.person_id is None:
            self._events.announce_persons(())
        self.accept()
