"""Parts of the 新增救助 dialog shown only when needed: medical and school details, a repeat, an overdraft."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from app import vocab
from app.money import yuan
from app.services.relief_forms import Conflict, Recipient
from app.services.relief_recipients import HouseholdPerson
from ui.widgets.money_edit import MoneyEdit


class MedicalSection(QGroupBox):
    """医疗、大病救助: hospital, diagnosis, 总费用, 医保报销; 自付 is worked out."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("医疗费用", parent)
        self.hospital = QLineEdit(self)
        self.diagnosis = QLineEdit(self)
        self.total_cost = MoneyEdit(self)
        self.insurance_paid = MoneyEdit(self)
        self.self_paid = QLabel(self)
        form = QFormLayout(self)
        form.addRow("医院", self.hospital)
        form.addRow("诊断", self.diagnosis)
        form.addRow("总费用 *", self.total_cost)
        form.addRow("医保报销", self.insurance_paid)
        form.addRow("自付", self.self_paid)
        for edit in (self.total_cost, self.insurance_paid):
            edit.textChanged.connect(lambda _t: self._show_self_paid())
        self._show_self_paid()

    def _show_self_paid(self) -> None:
        total, insured = self.total_cost.amount_or_zero(), self.insurance_paid.amount_or_zero()
        self.self_paid.setText(yuan(total - insured) if self.total_cost.text().strip() else "（总费用减医保报销）")
        self.changed.emit()


class StudentSection(QGroupBox):
    """助学救助: the student (a member of the file, or a name typed), school, level, year of admission."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("受助学生", parent)
        self.student = QComboBox(self)
        self.student.setEditable(True)
        self.student.setToolTip("从该档案的家庭成员中选择，也可直接输入学生姓名")
        self.school = QLineEdit(self)
        self.level = QComboBox(self)
        self.level.addItem("请选择", None)
        for level in vocab.SCHOOL_LEVELS:
            self.level.addItem(level, level)
        self.admission_year = QSpinBox(self)
        self.admission_year.setRange(0, 2100)
        self.admission_year.setSpecialValueText("未填")
        self.admission_year.setValue(0)
        form = QFormLayout(self)
        form.addRow("学生 *", self.student)
        form.addRow("学校", self.school)
        form.addRow("就读阶段 *", self.level)
        form.addRow("入学年份", self.admission_year)
        self._people: list[HouseholdPerson] = []
        self.student.activated.connect(self._chosen)

    def set_people(self, people: Sequence[HouseholdPerson]) -> None:
        """Students first; choosing one fills in school, level and year."""
        self._people = sorted(people, key=lambda p: not p.studying)
        self.student.clear()
        for person in self._people:
            extra = "，".join(t for t in (person.relation, person.school, person.school_level or "") if t)
            self.student.addItem(f"{person.name}（{extra}）", person.person_id)
        if self._people and self._people[0].studying:
            self.student.setCurrentIndex(0)
            self._chosen(0)
        else:
            self.student.setCurrentIndex(-1)

    def _chosen(self, index: int) -> None:
        if not 0 <= index < len(self._people):
            return
        person = self._people[index]
        self.school.setText(person.school)
        self.level.setCurrentIndex(max(self.level.findData(person.school_level), 0))
        self.admission_year.setValue(person.enrol_year or 0)

    def recipient(self) -> Recipient | None:
        index = self.student.currentIndex()
        text = self.student.currentText().strip()
        if 0 <= index < len(self._people) and self.student.itemText(index) == text:
            return Recipient(person_id=self._people[index].person_id)
        return Recipient(name=text) if text else None


class RepeatBox(QGroupBox):
    """The one-a-year rule stands in the way: what was given before, and the reason this one is given anyway."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("重复救助", parent)
        self.setObjectName("repeatBox")
        self.text = QLabel(self)
        self.text.setObjectName("warningSummary")
        self.text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("确需再次救助的理由（如：病情加重再次住院）")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        form = QFormLayout()
        form.addRow("理由 *", self.reason)
        layout.addLayout(form)
        self.hide()

    def show_conflicts(self, conflicts: Sequence[Conflict]) -> None:
        lines = "\n".join(c.describe() for c in conflicts)
        self.text.setText(f"{lines}\n原则上同一类型一年内只救助一次。确需再次救助，请填写理由后保存（将标记为重复救助）。")
        self.show()
        self.reason.setFocus()


class OverdraftBox(QGroupBox):
    """The fund cannot cover this relief: its balance and, for an administrator, the reason to overdraw it."""

    def __init__(self, may_overdraw: bool, parent: QWidget | None = None) -> None:
        super().__init__("资金余额不足", parent)
        self.may_overdraw = may_overdraw
        self.text = QLabel(self)
        self.text.setObjectName("errorSummary")
        self.text.setWordWrap(True)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("超支理由（管理员）")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        form = QFormLayout()
        form.addRow("超支理由 *", self.reason)
        layout.addLayout(form)
        self.reason.setVisible(may_overdraw)
        form.labelForField(self.reason).setVisible(may_overdraw)
        self.hide()

    def show_shortfall(self, fund: str, balance: Decimal, total: Decimal) -> None:
        text = f"“{fund}”余额 {yuan(balance)}，本次 {yuan(total)}，超出 {yuan(total - balance)}。"
        text += "如确需超支，请填写理由。" if self.may_overdraw else "超支须由管理员办理，请改用其他资金或减少金额。"
        self.text.setText(text)
        self.show()

