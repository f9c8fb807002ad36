"""新建/修改培训班: name, kind (a 技能培训 needs its trade), dates, place, organiser, cost and the fund it came from."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QWidget

from app import clock, vocab
from app.services import funds, settings, training
from app.services.training import SessionForm, SessionView
from ui.dialogs.record_form_dialog import RecordFormDialog
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit


def completer(words: Sequence[str], parent: QWidget) -> QCompleter:
    """Completion from what was typed before (units, places, banks), matching anywhere in the text."""
    found = QCompleter(sorted({w for w in words if w}), parent)
    found.setFilterMode(Qt.MatchFlag.MatchContains)
    found.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return found


class TrainingSessionDialog(RecordFormDialog):
    """A new session, or the correction of one (`view`); `saved_id` is set once saved."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None, *, view: SessionView | None = None,
                 known: Sequence[SessionView] = ()) -> None:
        super().__init__("修改培训班" if view else "新建培训班", parent, width=560)
        self._events = events
        self._view = view
        self.saved_id: int | None = None
        today = clock.today()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(f"如 {today.year}年第一期电焊技能培训班")
        self.kind = QComboBox(self)
        self.kind.addItems(list(vocab.TRAINING_KINDS))
        self.trade = QComboBox(self)
        trades = list(settings.value_lists().get("training_trade", vocab.TRAINING_TRADES))
        if view is not None and view.trade and view.trade not in trades:
            trades.append(view.trade)
        self.trade.addItems(["", *trades])
        self.start = DayEdit(today, self)
        self.end = DayEdit(today + datetime.timedelta(days=4), self)
        self.days_label = QLabel(self)
        self.days_label.setObjectName("fieldHint")
        self.place = QLineEdit(self)
        self.place.setCompleter(completer([s.place for s in known], self))
        self.organiser = QLineEdit(self)
        self.organiser.setCompleter(completer([s.organiser for s in known], self))
        # an example, not a value: the office's name alone in grey read as filled in, and saved blank
        self.organiser.setPlaceholderText(f"如 {settings.office_name()}（留空则不写）")
        self.cost = MoneyEdit(self)
        self.fund = QComboBox(self)
        self.fund.addItem("（不记资金）", None)
        for fund in funds.list_funds(include_inactive=view is not None):
            self.fund.addItem(fund.name, fund.id)
        self.note = QLineEdit(self)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("至", self))
        dates.addWidget(self.end)
        dates.addWidget(self.days_label)
        dates.addStretch(1)
        self.form.addRow("培训班名称 *", self.name)
        self.form.addRow("培训类型 *", self.kind)
        self.form.addRow("工种", self.trade)
        self.form.addRow("培训日期 *", dates)
        self.form.addRow("培训地点", self.place)
        self.form.addRow("主办单位", self.organiser)
        self.form.addRow("培训费用（元）", self.cost)
        self.form.addRow("费用来源", self.fund)
        self.form.addRow("备注", self.note)
        hint = QLabel("费用仅作记录，不从资金余额中支出。", self)
        hint.setObjectName("fieldHint")
        self.form.addRow("", hint)
        self.fields = {"name": self.name, "kind": self.kind, "trade": self.trade, "start_date": self.start,
                       "end_date": self.end, "place": self.place, "organiser": self.organiser, "cost": self.cost,
                       "fund": self.fund, "note": self.note}
        self.kind.currentTextChanged.connect(self._kind_chosen)
        self.start.dateChanged.connect(lambda _d: self._show_days())
        self.end.dateChanged.connect(lambda _d: self._show_days())
        if view is not None:
            self._fill(view)
        else:
            self.kind.setCurrentText("技能培训")
        self._kind_chosen(self.kind.currentText())
        self._show_days()
        self.name.setFocus()

    def _fill(self, view: SessionView) -> None:
        self.name.setText(view.name)
        self.kind.setCurrentText(view.kind)
        self.trade.setCurrentText(view.trade)
        self.start.set_day(view.start_date)
        self.end.set_day(view.end_date)
        self.place.setText(view.place)
        self.organiser.setText(view.organiser)
        self.cost.set_amount(view.cost if view.cost else None)
        self.fund.setCurrentIndex(max(self.fund.findData(view.fund_id), 0))
        self.note.setText(view.note)

    def _kind_chosen(self, kind: str) -> None:
        self.trade.setToolTip("技能培训须选择工种" if kind == "技能培训" else "创业培训可不选工种")

    def _show_days(self) -> None:
        days = (self.end.day() - self.start.day()).days + 1
        self.days_label.setText(f"共 {days} 天" if days > 0 else "结束日期早于开始日期")

    def session_form(self) -> SessionForm:
        return SessionForm(self.name.text(), self.kind.currentText(), self.start.day(), self.end.day(),
                           self.trade.currentText(), self.place.text(), self.organiser.text(),
                           self.amount_of(self.cost, "cost", "培训费用"), self.fund.currentData(), self.note.text())

    def save(self) -> None:
        view = self._view

        def write() -> int:
            form = self.session_form()
            if view is None:
                return training.create_session(form)
            training.update_session(view.id, form)
            return view.id

        ok, saved = self.attempt(write)
        if not ok:
            return
        self.saved_id = saved
        self._events.announce_training((saved,))
        self.accept()
