"""A contact's next steps: 送达办理 (to whom, when), 办结 (result required, reply, date), and the 办理时限 setting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QSpinBox, QWidget

from app import clock
from app.errors import KnownError
from app.services import petitions, settings
from app.services.petitions import PetitionView
from ui.dialogs.step_form import StepForm, text_box
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit

# Offered as the clerk types; anything else may be typed.
USUAL_RECIPIENTS = ("县劳动监察大队", "县劳动人事争议仲裁院", "县人社局", "县司法局法律援助中心",
                    "县总工会法律服务站", "县总工会帮扶中心", "县信访局", "所在单位工会")


def describe(view: PetitionView) -> str:
    """来访 张三（2025-06-30，拖欠工资）."""
    return f"{view.channel} {view.name or '匿名'}（{view.received_at:%Y-%m-%d}，{view.category}）"


class HandOnDialog(StepForm):
    """送达办理: the department or person it is handed to, and the day."""

    def __init__(self, view: PetitionView, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("送达办理", parent, ok="送达", heading=f"信访：{describe(view)}")
        self._view = view
        self._events = events
        self.to = QLineEdit(view.handed_to, self)
        self.to.setPlaceholderText("送达哪个部门或由谁办理")
        usual = QCompleter(list(USUAL_RECIPIENTS), self.to)
        usual.setFilterMode(Qt.MatchFlag.MatchContains)
        self.to.setCompleter(usual)
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("办理要求（可不填）")
        self.form.addRow("送达 *", self.to)
        self.form.addRow("送达日期 *", self.on_date)
        self.form.addRow("说明", self.note)
        self.finish_layout()
        self.resize(480, 0)
        self.to.setFocus()

    def save(self) -> None:
        if not self.to.text().strip():
            self.refuse("请写明送达哪个部门或由谁办理。")
            return
        try:
            petitions.hand_on(self._view.id, self.to.text(), self.on_date.day(), self.note.text())
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_petitions((self._view.id,))
        self.accept()


class ClosePetitionDialog(StepForm):
    """办结: never without a result; the reply to the worker and the day."""

    def __init__(self, view: PetitionView, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("办结", parent, ok="办结", heading=f"信访：{describe(view)}"
                         + (f"；已送 {view.handed_to}" if view.handed_to else ""))
        self._view = view
        self._events = events
        self.result = text_box(self, "办理结果（必填）：如何处理、是否解决", lines=3)
        self.reply = text_box(self, "向职工答复的内容和方式（如：已电话告知本人）", lines=2)
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.form.addRow("办理结果 *", self.result)
        self.form.addRow("答复职工", self.reply)
        self.form.addRow("办结日期 *", self.on_date)
        self.finish_layout()
        self.resize(520, 0)
        self.result.setFocus()

    def save(self) -> None:
        if not self.result.toPlainText().strip():
            self.result.setProperty("error", True)
            self.result.style().polish(self.result)
            self.refuse("办结须写明办理结果。")
            self.result.setFocus()
            return
        try:
            petitions.close_petition(self._view.id, self.result.toPlainText(), self.on_date.day(),
                                     self.reply.toPlainText())
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_petitions((self._view.id,))
        self.accept()


class LimitDialog(StepForm):
    """办理时限 (administrators): days a new contact may stay open before it is overdue."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("信访办理时限", parent, heading="新登记的信访自接待之日起计算时限；已登记的不受影响。")
        self._events = events
        self.days = QSpinBox(self)
        self.days.setRange(1, 365)
        self.days.setSuffix(" 天")
        self.days.setValue(settings.petition_limit_days())
        self.form.addRow("办理时限 *", self.days)
        self.finish_layout()
        self.days.setFocus()

    def save(self) -> None:
        try:
            settings.put("petition_limit_days", str(self.days.value()))
        except KnownError as exc:
            self.refuse(exc)
            return
        self._events.announce_settings()
        self.accept()
