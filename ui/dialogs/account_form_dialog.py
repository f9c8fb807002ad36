"""The small dialogs of 账户管理: a new account, a changed role or name, a password reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.errors import KnownError
from app.services import accounts
from app.services.accounts import AccountView
from app.session import Role
from ui.widgets.password_fields import NewPasswordFields, error_label, show_error

ROLE_NOTES: dict[Role, str] = {
    Role.ADMIN: "账户、本单位设置、操作日志、含完整身份信息的导出，以及经办人能做的一切",
    Role.CLERK: "录入和办理档案、打印、导出（隐去身份信息）",
    Role.VIEWER: "只能查看档案，身份证号、手机号、银行卡号隐去中间位",
}


def role_combo(parent: QWidget, current: Role = Role.CLERK) -> QComboBox:
    combo = QComboBox(parent)
    for role in Role:
        combo.addItem(f"{role} — {ROLE_NOTES[role]}", role)
    combo.setCurrentIndex(list(Role).index(current))
    return combo


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(dialog)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class NewAccountDialog(QDialog):
    """用户名, 姓名, 角色, 初始密码: the person sets their own password at first sign-in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建账户")
        self.created: AccountView | None = None
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(32)
        self.username_edit.setPlaceholderText("登录时使用，如 zhangli")
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(32)
        self.role_combo = role_combo(self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("用户名", self.username_edit)
        form.addRow("姓名", self.name_edit)
        form.addRow("角色", self.role_combo)
        self.passwords = NewPasswordFields(form, self, label="初始密码", repeat_label="再次输入")
        note = QLabel("初始密码请当面告知本人；首次登录时须改成只有本人知道的密码。", self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(_buttons(self, "新建"))
        self.setMinimumWidth(520)
        self.username_edit.setFocus()

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            show_error(self.error_label, problem)
            return
        role = self.role_combo.currentData()
        try:
            self.created = accounts.create_account(self.username_edit.text(), self.name_edit.text(), Role(role),
                                                   self.passwords.password)
        except KnownError as exc:
            show_error(self.error_label, str(exc))
            return
        super().accept()


class EditAccountDialog(QDialog):
    """姓名 and 角色 of an account; the service keeps one active administrator."""

    def __init__(self, account: AccountView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"修改账户 {account.username}")
        self.account = account
        self.updated: AccountView | None = None
        self.name_edit = QLineEdit(account.display_name, self)
        self.name_edit.setMaxLength(32)
        self.role_combo = role_combo(self, account.role)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("用户名", QLabel(account.username, self))
        form.addRow("姓名", self.name_edit)
        form.addRow("角色", self.role_combo)
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(_buttons(self, "保存"))
        self.setMinimumWidth(520)

    def accept(self) -> None:
        if not self.name_edit.text().strip():
            show_error(self.error_label, "请输入姓名。")
            return
        try:
            self.updated = accounts.update_account(self.account.id, role=Role(self.role_combo.currentData()),
                                                   display_name=self.name_edit.text())
        except KnownError as exc:
            show_error(self.error_label, str(exc))
            return
        super().accept()


class ResetPasswordDialog(QDialog):
    """A new password for someone who forgot theirs; they must change it at their next sign-in."""

    def __init__(self, account: AccountView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"重置密码 — {account.display_name}（{account.username}）")
        self.account = account
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.passwords = NewPasswordFields(form, self, label="新密码", repeat_label="再次输入")
        note = QLabel(f"为 {account.display_name} 设置一个临时密码并当面告知本人；下次登录时须改成自己的密码。", self)
        note.setWordWrap(True)
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(_buttons(self, "重置密码"))
        self.setMinimumWidth(460)
        self.passwords.edit.setFocus()

    def accept(self) -> None:
        problem = self.passwords.problem()
        if problem:
            show_error(self.error_label, problem)
            return
        try:
            accounts.reset_password(self.account.id, self.passwords.password)
        except KnownError as exc:
            show_error(self.error_label, str(exc))
            return
        super().accept()
