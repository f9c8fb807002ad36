"""修改密码: the signed-in account's own password; forced after an administrator set or reset it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.errors import KnownError
from app.services import accounts
from ui.permissions import account_text
from ui.widgets.password_fields import NewPasswordFields, error_label, password_edit, show_error

FORCED = "管理员为您设置了初始密码（或刚刚重置了密码）。请先设置只有您自己知道的新密码，然后开始工作。"


class ChangePasswordDialog(QDialog):
    """原密码 (unless just typed at sign-in), the new one twice; the change is written to the audit trail."""

    def __init__(self, parent: QWidget | None = None, *, forced: bool = False, current_password: str = "") -> None:
        super().__init__(parent)
        self.forced = forced
        self._current = current_password
        self.setWindowTitle("修改密码")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.old_edit = password_edit(self)
        if current_password:
            self.old_edit.hide()  # just typed at the login: not asked again
        else:
            form.addRow("原密码", self.old_edit)
        self.passwords = NewPasswordFields(form, self, label="新密码", repeat_label="再次输入新密码")
        intro = QLabel(f"账户：{account_text()}" + (f"<br><br>{FORCED}" if forced else ""), self)
        intro.setWordWrap(True)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton("修改密码", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("退出登录" if forced else "取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        (self.passwords.edit if current_password else self.old_edit).setFocus()

    def accept(self) -> None:
        old = self._current or self.old_edit.text()
        problem = self.passwords.problem()
        if not problem and self.passwords.password == old:
            problem = "新密码不能与原密码相同。"
        if problem:
            show_error(self.error_label, problem)
            return
        try:
            accounts.change_password(old, self.passwords.password)
        except KnownError as exc:
            show_error(self.error_label, str(exc))
            self.old_edit.clear()
            self.old_edit.setFocus()
            return
        self._current = ""
        super().accept()
