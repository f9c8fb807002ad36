"""结对帮扶 dialogs: a pairing (cadre and household), its end, and one piece of aid given under it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QWidget

from app import clock, vocab
from app.errors import FieldError, ValidationError
from app.services import pairing
from app.services.pairing import MAX_COUNT, VALUED, AidForm, PairingForm, PairingView
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.dialogs.training_session_dialog import completer
from ui.events import AppEvents
from ui.tables.employment_columns import COUNT_UNITS
from ui.widgets.money_edit import DayEdit, MoneyEdit
from ui.widgets.person_chooser import PersonChooser

HINTS = {"资金": "如 春节慰问金", "物品": "如 米、面、油各一袋（必填）", "项目": "如 帮助建起养鸡场（必填）",
         "致富信息": "如 县物流园招聘仓管员信息", "法律援助": "如 协助追讨拖欠工资"}


class PairingDialog(RecordFormDialog):
    """新建结对 (a cadre with a household on file), or 修改 one (`view`: the household stays)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, view: PairingView | None = None,
                 units: Sequence[str] = ()) -> None:
        super().__init__("修改结对" if view else "新建结对", parent, width=600)
        self._events = events
        self._view = view
        self.saved_id: int | None = None
        self.cadre_name = QLineEdit(self)
        self.cadre_unit = QLineEdit(self)
        self.cadre_unit.setCompleter(completer(units, self))
        self.cadre_phone = QLineEdit(self)
        self.household = PersonChooser(self, what="结对户", allow_new=False, families=False)
        self.household.search.setPlaceholderText("输入户主或家庭成员姓名、拼音、身份证号后几位或档案编号查找")
        self.start = DayEdit(clock.today(), self)
        self.ended = QCheckBox("已结束，结束日期", self)
        self.end = DayEdit(clock.today(), self)
        self.end.setEnabled(False)
        self.ended.toggled.connect(self.end.setEnabled)
        self.note = QLineEdit(self)
        end_row = QHBoxLayout()
        end_row.addWidget(self.ended)
        end_row.addWidget(self.end)
        end_row.addStretch(1)
        self.form.addRow("帮扶干部 *", self.cadre_name)
        self.form.addRow("干部单位", self.cadre_unit)
        self.form.addRow("干部电话", self.cadre_phone)
        if view is None:
            self.form.addRow("结对户 *", self.household)
        else:
            self.household.hide()
            self.form.addRow("结对户", QLabel(f"档案 {view.file_no} {view.head_name}", self))
        self.form.addRow("结对日期 *", self.start)
        self.form.addRow("", end_row)
        self.form.addRow("备注", self.note)
        self.fields = {"cadre_name": self.cadre_name, "cadre_unit": self.cadre_unit, "cadre_phone": self.cadre_phone,
                       "household": self.household.search, "start_date": self.start, "end_date": self.end,
                       "note": self.note}
        if view is not None:
            self.cadre_name.setText(view.cadre_name)
            self.cadre_unit.setText(view.cadre_unit)
            self.cadre_phone.setText(view.cadre_phone)
            self.start.set_day(view.start_date)
            if view.end_date is not None:
                self.ended.setChecked(True)
                self.end.set_day(view.end_date)
            self.note.setText(view.note)
        self.cadre_name.setFocus()

    def save(self) -> None:
        view = self._view

        def write() -> int:
            if view is not None:
                household_id: int | None = view.household_id
            else:
                chosen = self.household.chosen
                household_id = chosen.household_id if chosen is not None else None
                if household_id is None:
                    raise ValidationError([FieldError("household", "结对户", "请查找并选择有困难职工档案的户"
                                                      "（户主或家庭成员均可）")])
            form = PairingForm(self.cadre_name.text(), household_id, self.start.day(), self.cadre_unit.text(),
                               self.cadre_phone.text(), self.end.day() if self.ended.isChecked() else None,
                               self.note.text())
            if view is None:
                return pairing.create_pairing(form)
            pairing.update_pairing(view.id, form)
            return view.id

        ok, saved = self.attempt(write)
        if not ok:
            return
        self.saved_id = saved
        self._events.announce_employment("pairings", (saved,))
        self.accept()


class EndPairingDialog(RecordFormDialog):
    """结束结对 on a day (not before its start or its last aid, not after today)."""

    def __init__(self, events: AppEvents, view: PairingView, parent: QWidget | None = None) -> None:
        super().__init__("结束结对", parent, save_text="结束结对", width=420)
        self._events = events
        self._view = view
        self.end = DayEdit(clock.today(), self)
        self.form.addRow("结对", QLabel(f"{view.cadre_name} — 档案 {view.file_no} {view.head_name}", self))
        self.form.addRow("结束日期 *", self.end)
        self.fields = {"end_date": self.end}
        self.end.setFocus()

    def save(self) -> None:
        ok, _ = self.attempt(lambda: pairing.end_pairing(self._view.id, self.end.day()))
        if ok:
            self._events.announce_employment("pairings", (self._view.id,))
            self.accept()


class AidDialog(RecordFormDialog):
    """登记帮扶: money, goods at their value, a project, job/income information (counted) or legal help."""

    def __init__(self, events: AppEvents, view: PairingView, parent: QWidget | None = None) -> None:
        super().__init__(f"登记帮扶 — {view.cadre_name} 帮扶 {view.head_name}", parent, width=520)
        self._events = events
        self._view = view
        self.saved_id: int | None = None
        today = clock.today()
        self.on_date = DayEdit(today if view.end_date is None else min(today, view.end_date), self)
        self.kind = QComboBox(self)
        self.kind.addItems(list(vocab.PAIRING_AID_KINDS))
        self.amount = MoneyEdit(self)
        self.amount_label = QLabel("金额（元）", self)
        self.count = QSpinBox(self)
        self.count.setRange(1, MAX_COUNT)
        self.description = QLineEdit(self)
        self.form.addRow("结对", QLabel(f"{view.cadre_name}（{view.cadre_unit}）帮扶 档案 {view.file_no} "
                                       f"{view.head_name}", self))
        self.form.addRow("日期 *", self.on_date)
        self.form.addRow("帮扶类型 *", self.kind)
        self.form.addRow(self.amount_label, self.amount)
        self.form.addRow("数量", self.count)
        self.form.addRow("内容", self.description)
        self.fields = {"on_date": self.on_date, "kind": self.kind, "amount": self.amount, "count": self.count,
                       "description": self.description}
        self.kind.currentTextChanged.connect(self._kind_chosen)
        self._kind_chosen(self.kind.currentText())
        self.kind.setFocus()

    def _kind_chosen(self, kind: str) -> None:
        valued = kind in VALUED
        self.amount.setEnabled(valued)
        if not valued:
            self.amount.clear()
        self.amount_label.setText("物品价值（元）*" if kind == "物品" else "金额（元）" + (" *" if valued else ""))
        self.count.setSuffix(f" {COUNT_UNITS.get(kind, '')}")
        self.description.setPlaceholderText(HINTS.get(kind, ""))

    def save(self) -> None:
        ok, saved = self.attempt(lambda: pairing.record_aid(self._view.id, AidForm(
            self.on_date.day(), self.kind.currentText(), self.amount_of(self.amount, "amount", "金额"),
            self.count.value(), self.description.text())))
        if ok:
            self.saved_id = saved
            self._events.announce_employment("pairings", (self._view.id,))
            self.accept()
