"""锁定: the window is covered until the signed-in account's password is typed, or someone else signs in."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import paths
from app.services import accounts
from ui.dialogs.login_dialog import dialog_heading
from ui.permissions import account_text
from ui.widgets.password_attempts import PasswordAttempts
from ui.widgets.password_fields import error_label, password_edit, show_error


class LockDialog(QDialog):
    """Application-modal: no other window of the program takes input while it is shown."""

    unlocked = Signal()
    switch_requested = Signal()

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"已锁定 — {paths.APP_TITLE}")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.attempts = PasswordAttempts(self)
        self.attempts.changed.connect(self._show_wait)
        self.password_edit = password_edit(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("密码", self.password_edit)
        self.explanation = QLabel(f"当前账户：<b>{escape(account_text())}</b><br>"
                                  "其他同事要使用本机，请点“切换用户”。", self)
        self.explanation.setWordWrap(True)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton("解锁", QDialogButtonBox.ButtonRole.AcceptRole)
        self.switch_button = self.buttons.addButton("切换用户…", QDialogButtonBox.ButtonRole.ActionRole)
        self.unlock_button.setDefault(True)
        self.switch_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.switch_button.clicked.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(dialog_heading(self, "请输入密码解锁", reason))
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.password_edit.setFocus()

    def accept(self) -> None:
        if self.attempts.waiting:
            return
        if not accounts.verify_password(self.password_edit.text()):
            self.attempts.failed()
            self.password_edit.clear()
            if not self.attempts.waiting:
                show_error(self.error_label, "密码不正确。")
            return
        self.attempts.succeeded()
        self.password_edit.clear()
        super().accept()
        self.unlocked.emit()

    def reject(self) -> None:
        """Esc does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()

    def _switch(self) -> None:
        self.done(QDialog.DialogCode.Rejected)
        self.switch_requested.emit()

    def _show_wait(self) -> None:
        waiting = self.attempts.waiting
        self.unlock_button.setEnabled(not waiting)
        self.password_edit.setEnabled(not waiting)
        show_error(self.error_label, self.attempts.wait_text() if waiting else "")
        if not waiting:
            self.password_edit.setFocus()
