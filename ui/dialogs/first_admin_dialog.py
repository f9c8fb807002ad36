"""首次使用：创建管理员账户 — the first start of a new database asks who will administer it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import paths
from app.errors import KnownError
from app.services import accounts, settings
from app.services.accounts import AccountView
from ui.dialogs.login_dialog import dialog_heading
from ui.widgets.password_fields import NewPasswordFields, error_label, show_error

INTRO = ("这是一个新的数据库，请先填写本单位名称并创建管理员账户。管理员负责新建其他工作人员的账户、修改本单位设置和"
         "查看操作日志。请牢记密码：忘记后只能由另一位管理员重置。")


class FirstAdminDialog(QDialog):
    """用户名, 姓名, 密码 twice; creates the administrator and signs in as it."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"首次使用 — {paths.APP_TITLE}")
        self.account: AccountView | None = None
        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(32)
        self.username_edit.setPlaceholderText("登录时使用，如 admin 或 wangli")
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(32)
        self.name_edit.setPlaceholderText("如 王丽（记入办理记录和操作日志）")
        self.office_edit = QLineEdit(settings.office_name(), self)
        self.office_edit.setMaxLength(64)
        self.office_edit.setToolTip("印在各种表格、登记簿和上报表的抬头上；以后可在“管理 → 本单位设置”中修改")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("本单位名称", self.office_edit)
        form.addRow("用户名", self.username_edit)
        form.addRow("姓名", self.name_edit)
        self.passwords = NewPasswordFields(form, self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        where = QLabel(f"数据库：{db_path}", self)
        where.setObjectName("hint")
        where.setWordWrap(True)
        self.error_label = error_label(self)
        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton("创建并登录", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(dialog_heading(self, "首次使用：创建管理员账户", paths.APP_TITLE))
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.username_edit.setFocus()

    def accept(self) -> None:
        username = self.username_edit.text().strip()
        office = " ".join(self.office_edit.text().split())
        problem = ("请输入本单位名称（印在表格抬头上）。" if not office else "请输入用户名。" if not username
                   else self.passwords.problem())
        if problem:
            show_error(self.error_label, problem)
            return
        password = self.passwords.password
        try:
            accounts.create_first_admin(username, self.name_edit.text(), password)
            self.account = accounts.sign_in(username, password)
            if office != settings.office_name():
                settings.put("office_name", office)
        except KnownError as exc:
            show_error(self.error_label, str(exc))
            return
        super().accept()
