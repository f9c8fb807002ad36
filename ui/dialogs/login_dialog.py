"""登录: user name (remembered from last time) and password; five wrong passwords in a row mean a wait."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.errors import KnownError
from app.services import accounts, settings
from app.services.accounts import AccountView
from ui.widgets import password_attempts
from ui.widgets.password_attempts import PasswordAttempts
from ui.widgets.password_fields import error_label, password_edit, show_error


def dialog_heading(parent: QWidget, title: str, subtitle: str) -> QHBoxLayout:
    """The program's icon, a title and a grey line under it: the top of the sign-in dialogs."""
    icon = QLabel(parent)
    icon.setPixmap(QIcon(str(paths.resource("icons", "app.svg"))).pixmap(40, 40))
    icon.setAlignment(Qt.AlignmentFlag.AlignTop)
    title_label = QLabel(title, parent)
    title_label.setObjectName("dialogTitle")
    sub = QLabel(subtitle, parent)
    sub.setObjectName("hint")
    sub.setWordWrap(True)
    text = QVBoxLayout()
    text.setSpacing(2)
    text.addWidget(title_label)
    text.addWidget(sub)
    row = QHBoxLayout()
    row.setSpacing(12)
    row.addWidget(icon)
    row.addLayout(text, 1)
    return row


class LoginDialog(QDialog):
    """Signs in through accounts.sign_in; a wrong password is said here and the dialog stays open."""

    def __init__(self, db_path: Path, username: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"登录 — {paths.APP_TITLE}")
        self.account: AccountView | None = None
        self.password = ""  # kept only until a forced password change has used it
        self.attempts = PasswordAttempts(self)
        self.attempts.changed.connect(self._show_wait)

        self.username_edit = QLineEdit(username, self)
        self.username_edit.setMaxLength(32)
        self.password_edit = password_edit(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("用户名", self.username_edit)
        form.addRow("密码", self.password_edit)
        self.error_label = error_label(self)
        where = QLabel(f"数据库：{db_path}", self)
        where.setObjectName("hint")
        where.setToolTip(str(db_path))
        where.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = self.buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(dialog_heading(self, paths.APP_TITLE, settings.office_name()))
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password_edit if username else self.username_edit).setFocus()

    @property
    def username(self) -> str:
        return self.username_edit.text().strip()

    def accept(self) -> None:
        """Enter or 登录: sign in, or say what is wrong and stay open."""
        if self.attempts.waiting:
            return
        if not self.username:
            show_error(self.error_label, "请输入用户名。")
            self.username_edit.setFocus()
            return
        password = self.password_edit.text()
        try:
            self.account = accounts.sign_in(self.username, password)
        except KnownError as exc:
            self.attempts.failed()
            self.password_edit.clear()
            self.password_edit.setFocus()
            if not self.attempts.waiting:
                left = self.attempts.left_before_wait()
                more = f"（再错 {left} 次需等待 {password_attempts.WAIT_SECONDS} 秒）" if left <= 2 else ""
                show_error(self.error_label, f"{exc}{more}")
            return
        self.attempts.succeeded()
        self.password = password
        super().accept()

    def _show_wait(self) -> None:
        waiting = self.attempts.waiting
        self.sign_in_button.setEnabled(not waiting)
        self.password_edit.setEnabled(not waiting)
        show_error(self.error_label, self.attempts.wait_text() if waiting else "")
        if not waiting:
            self.password_edit.setFocus()
