"""One lifecycle step (基层审核, 入户调查, 公示, 认定, 年度复核, 脱困, 退档, 不予认定) for one file or several."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.errors import KnownError
from app.services import lifecycle, settings
from app.services.household_forms import HouseholdChange
from app.vocab import WITHDRAW_REASONS, FileAction
from ui.events import AppEvents
from ui.tasks import TaskRunner

SHOWN_NAMES = 5
HINTS = {
    FileAction.REVIEW: "基层工会已审核申报材料。",
    FileAction.SURVEY: "已入户调查核实家庭情况。",
    FileAction.NOTICE: "在单位或社区公示，公示期满且无异议后方可认定。",
    FileAction.APPROVE: "公示期满无异议，认定为困难职工档案（在档）。",
    FileAction.RECHECK: "年度复核：核实家庭情况仍符合条件。",
    FileAction.LIFT: "家庭已脱困，档案关闭（保留十年）。",
    FileAction.WITHDRAW: "退出档案，须选择原因（档案保留十年）。",
    FileAction.REJECT: "不予认定，须写明理由。",
}


def _qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class LifecycleDialog(QDialog):
    """Date (today by default), note, and what the step needs; errors stay in the dialog."""

    def __init__(self, action: FileAction, targets: Sequence[tuple[int, str]], events: AppEvents,
                 runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.targets = list(targets)
        self._events = events
        self._runner = runner
        self.change: HouseholdChange | None = None
        self.setWindowTitle(f"{action} — 档案办理")
        names = "、".join(label for _id, label in self.targets[:SHOWN_NAMES])
        if len(self.targets) > SHOWN_NAMES:
            names += f" 等共 {len(self.targets)} 户"
        intro = QLabel(f"<b>{action}</b>：{names}<br><span style='color:#5f6b7a'>{HINTS.get(action, '')}</span>")
        intro.setWordWrap(True)
        form = QFormLayout()
        today = clock.today()
        self.date_edit = QDateEdit(_qdate(today), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(_qdate(today))
        form.addRow(f"{action}日期", self.date_edit)
        self.days_spin: QSpinBox | None = None
        self.reason_combo: QComboBox | None = None
        if action is FileAction.NOTICE:
            self.days_spin = QSpinBox(self)
            self.days_spin.setRange(1, 90)
            self.days_spin.setValue(settings.notice_days())
            self.days_spin.setSuffix(" 天")
            form.addRow("公示天数", self.days_spin)
        if action is FileAction.WITHDRAW:
            self.reason_combo = QComboBox(self)
            self.reason_combo.addItem("")
            self.reason_combo.addItems(WITHDRAW_REASONS)
            form.addRow("退档原因*", self.reason_combo)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(500)
        form.addRow("理由*" if action is FileAction.REJECT else "说明", self.note_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(f"确定{action}")
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        (self.reason_combo or self.note_edit).setFocus()

    def request(self) -> lifecycle.StepRequest:
        qd = self.date_edit.date()
        reason = (self.reason_combo.currentText() or None) if self.reason_combo is not None else None
        return lifecycle.StepRequest(
            action=self.action, on_date=datetime.date(qd.year(), qd.month(), qd.day()),
            note=self.note_edit.text().strip(), reason=reason,
            notice_days=self.days_spin.value() if self.days_spin is not None else None)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.ok_button.setEnabled(True)

    def accept(self) -> None:
        request = self.request()
        ids = [household_id for household_id, _label in self.targets]
        self.error_label.hide()
        if len(ids) == 1:
            try:
                change = lifecycle.apply_step(ids[0], request)
            except KnownError as exc:
                self.show_error(str(exc))
                return
            self._done(change)
            return
        # Several files: one transaction, in the background (a batch can be long).
        self.ok_button.setEnabled(False)
        self._runner.run(f"{self.action}（{len(ids)} 户）",
                         lambda _progress: lifecycle.apply_step_to_many(ids, request), self,
                         on_done=self._done, on_error=lambda exc: self.show_error(str(exc)), cancellable=False)

    def _done(self, change: HouseholdChange) -> None:
        self.change = change
        self._events.announce_households(change.household_ids)
        super().accept()
