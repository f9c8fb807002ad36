"""变动: a dated row in a model worker's status ledger (调出, 退休, 去世, 撤销称号, or 新增 after 调出)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from app import clock, vocab
from app.errors import KnownError, ValidationError
from app.services import model_workers as mw
from app.services.model_worker_forms import NEXT_EVENTS, ArchiveLine, StatusChange
from ui.dialogs.step_form import StepForm
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit

EVENT_HINTS = {"新增": "新增（调出后重新调入）", "调出": "调出", "退休": "退休", "去世": "去世", "撤销称号": "撤销称号"}


class ModelWorkerChangeDialog(StepForm):
    """Offers every change; the ledger decides which may follow (the service's reason is shown if not)."""

    def __init__(self, line: ArchiveLine, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__("劳模动态变动", parent, ok="登记变动",
                         heading=f"{line.name}：现为“{line.status}”（自 {line.status_since.isoformat()}）。"
                         "变动只追加，不改动以前的记录。")
        self._line = line
        self._events = events
        self.event_id: int | None = None
        self.event = QComboBox(self)
        for event in vocab.MODEL_WORKER_EVENTS:
            self.event.addItem(EVENT_HINTS.get(event, event), event)
        allowed = NEXT_EVENTS.get(line.status, ())
        if allowed:
            self.event.setCurrentIndex(self.event.findData(allowed[0]))
        self.on_date = DayEdit(clock.today(), self)
        self.on_date.setMaximumWidth(160)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("如：到龄退休；调往市建设集团；因病去世")
        self.document_no = QLineEdit(self)
        self.document_no.setPlaceholderText("文件文号，如 华人社发〔2025〕8号")
        self.form.addRow("变动类型 *", self.event)
        self.form.addRow("变动日期 *", self.on_date)
        self.form.addRow("变动原因 *", self.reason)
        self.form.addRow("文号", self.document_no)
        self.finish_layout()
        self.resize(500, 0)
        self.event.setFocus()

    def change(self) -> StatusChange:
        return StatusChange(str(self.event.currentData()), self.on_date.day(), self.reason.text(),
                            self.document_no.text())

    def save(self) -> None:
        try:
            self.event_id = mw.record_event(self._line.worker_id, self.change())
        except ValidationError as exc:
            wrong = {e.field for e in exc.errors}
            for key, widget in (("event", self.event), ("on_date", self.on_date), ("reason", self.reason)):
                widget.setProperty("error", key in wrong)
                widget.style().polish(widget)
            self.refuse(exc, prefix="未登记：")
            return
        except KnownError as exc:
            self.refuse(exc, prefix="未登记：")
            return
        self._events.announce_model_workers((self._line.worker_id,))
        self.accept()
