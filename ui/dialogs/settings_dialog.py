"""本单位设置 (administrators): name, notice days, idle lock, the dated 低保 lines and the value lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import KnownError
from app.services import settings
from ui import messages
from ui.events import AppEvents
from ui.idle_lock import IDLE_SETTING, MAX_IDLE_MINUTES, idle_minutes
from ui.widgets.password_fields import error_label, show_error
from ui.widgets.poverty_lines_editor import PovertyLinesEditor
from ui.widgets.value_lists_editor import ValueListsEditor


class SettingsDialog(QDialog):
    """Everything is written on 保存, each change through its service (and so into the audit trail)."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("本单位设置")
        self._events = events
        self.saved = False
        self.name_edit = QLineEdit(settings.office_name(), self)
        self.name_edit.setMaxLength(60)
        self.notice_spin = QSpinBox(self)
        self.notice_spin.setRange(1, 90)
        self.notice_spin.setSuffix(" 天")
        self.notice_spin.setValue(settings.notice_days())
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setRange(0, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(" 分钟")
        self.idle_spin.setSpecialValueText("不自动锁定")
        self.idle_spin.setValue(idle_minutes())
        for spin in (self.notice_spin, self.idle_spin):
            spin.setMinimumWidth(140)
            spin.setMaximumWidth(180)
        basic = QWidget(self)
        form = QFormLayout(basic)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("帮扶中心名称", self.name_edit)
        form.addRow("", self._hint("打印在调查表、档案表、公示名单和导出的登记簿表头。"))
        form.addRow("公示天数", self.notice_spin)
        form.addRow("", self._hint("办理“公示”时默认的公示期，可在办理时修改。"))
        form.addRow("自动锁定", self.idle_spin)
        form.addRow("", self._hint("多长时间没有操作后锁定工作台，解锁需要密码；0 为不自动锁定。"))
        self.poverty_lines = PovertyLinesEditor(self)
        self.value_lists = ValueListsEditor(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(basic, "基本设置")
        self.tabs.addTab(self.poverty_lines, "低保标准")
        self.tabs.addTab(self.value_lists, "可选值")
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(680, 520)

    def _hint(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("hint")
        label.setWordWrap(True)
        return label

    def changed_settings(self) -> dict[str, str]:
        """The office settings that differ from what is stored."""
        wanted = {"office_name": self.name_edit.text().strip(), "notice_days": str(self.notice_spin.value()),
                  IDLE_SETTING: str(self.idle_spin.value())}
        stored = {"office_name": settings.office_name(), "notice_days": str(settings.notice_days()),
                  IDLE_SETTING: str(idle_minutes())}
        return {key: value for key, value in wanted.items() if value != stored[key]}

    @property
    def dirty(self) -> bool:
        return bool(self.changed_settings()) or self.poverty_lines.dirty or self.value_lists.dirty

    def accept(self) -> None:
        if not self.name_edit.text().strip():
            self.tabs.setCurrentIndex(0)
            show_error(self.error_label, "帮扶中心名称不能为空。")
            self.name_edit.setFocus()
            return
        try:
            for key, value in self.changed_settings().items():
                settings.put(key, value)
            self.poverty_lines.save()
            self.value_lists.save()
        except KnownError as exc:  # what was written stays written; the rest is still shown as pending
            show_error(self.error_label, str(exc))
            self._events.announce_settings()
            return
        self.saved = True
        self._events.announce_settings()
        super().accept()

    def reject(self) -> None:
        if self.dirty and not messages.confirm(self, "放弃修改", "设置的修改还没有保存，确定要放弃吗？",
                                                yes="放弃修改", no="继续修改", danger=True):
            return
        super().reject()
