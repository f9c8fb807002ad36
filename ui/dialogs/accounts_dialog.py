"""账户管理 (administrators): the accounts, new ones, password resets, role and name, disabling."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.errors import KnownError
from app.services import accounts
from app.services.accounts import AccountView
from app.session import Permission
from ui import messages
from ui.dialogs.account_form_dialog import EditAccountDialog, NewAccountDialog, ResetPasswordDialog
from ui.events import AppEvents
from ui.tables.accounts_model import AccountsModel
from ui.widgets.password_fields import error_label, show_error


class AccountsDialog(QDialog):
    """Every change goes through app.services.accounts; its refusals are shown here, under the table."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("账户管理")
        self._events = events
        self.sub_dialog: QDialog | None = None
        self.model = AccountsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((110, 100, 80, 190)):
            self.table.setColumnWidth(column, width)
        self.table.activated.connect(lambda _index: self.edit_account())

        self.new_button = QPushButton("新建账户…", self)
        self.reset_button = QPushButton("重置密码…", self)
        self.edit_button = QPushButton("修改角色/姓名…", self)
        self.active_button = QPushButton("停用", self)
        self.new_button.clicked.connect(self.new_account)
        self.reset_button.clicked.connect(self.reset_password)
        self.edit_button.clicked.connect(self.edit_account)
        self.active_button.clicked.connect(self.toggle_active)
        side = QVBoxLayout()
        for button in (self.new_button, self.reset_button, self.edit_button, self.active_button):
            button.setAutoDefault(False)
            side.addWidget(button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(side)

        note = QLabel("停用的账户不能再登录，其办理记录和操作日志保留。至少要保留一个启用的管理员。", self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.error_label = error_label(self)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("fieldOk")
        self.info_label.setWordWrap(True)
        self.info_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.resize(760, 420)
        self.reload()

    # --- the list ------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = self.selected()
        self.model.set_accounts(accounts.list_accounts())
        wanted = select_id if select_id is not None else (current.id if current else None)
        row = self.model.row_of(wanted) if wanted is not None else None
        self.table.selectRow(row if row is not None else 0)
        self._update_buttons()

    def selected(self) -> AccountView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.account(rows[0].row()) if rows else None

    def select_username(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.account(row).username == username:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        account = self.selected()
        for button in (self.reset_button, self.edit_button, self.active_button):
            button.setEnabled(account is not None)
        self.active_button.setText("启用" if account is not None and not account.active else "停用")
        me = session.current()
        own = account is not None and me is not None and account.id == me.account_id
        if own:
            self.active_button.setEnabled(False)
            self.active_button.setToolTip("不能停用当前登录的账户")
            self.reset_button.setToolTip("自己的密码请用“账户 → 修改密码”")
            self.reset_button.setEnabled(False)
        else:
            self.active_button.setToolTip("")
            self.reset_button.setToolTip("")

    # --- actions -------------------------------------------------------------------------
    def _open(self, dialog: QDialog, done: Callable[[], object]) -> QDialog:
        self._say("")
        self.sub_dialog = dialog
        dialog.accepted.connect(done)
        dialog.finished.connect(lambda _result: self._sub_closed(dialog))
        dialog.open()
        return dialog

    def _sub_closed(self, dialog: QDialog) -> None:
        if self.sub_dialog is dialog:
            self.sub_dialog = None
        dialog.deleteLater()

    def new_account(self) -> QDialog:
        dialog = NewAccountDialog(self)

        def created() -> None:
            if dialog.created is not None:
                self.reload(dialog.created.id)
                self._say(f"已新建账户 {dialog.created.username}（{dialog.created.role}），首次登录时须修改密码。")

        return self._open(dialog, created)

    def reset_password(self) -> QDialog | None:
        account = self.selected()
        if account is None:
            return None
        return self._open(ResetPasswordDialog(account, self), lambda: (
            self.reload(account.id), self._say(f"已重置 {account.display_name} 的密码，下次登录时须修改。")))

    def edit_account(self) -> QDialog | None:
        account = self.selected()
        if account is None:
            return None
        dialog = EditAccountDialog(account, self)
        return self._open(dialog, lambda: self._edited(dialog.updated))

    def _edited(self, updated: AccountView | None) -> None:
        if updated is None:
            return
        me = session.current()
        own = me is not None and updated.id == me.account_id
        if own:  # the session holds a copy of one's own role and name: bring it up to date
            session.set_current(dataclasses.replace(me, role=updated.role, display_name=updated.display_name))
        if session.may(Permission.ACCOUNTS):
            self.reload(updated.id)
            self._say(f"已保存账户 {updated.username}（{updated.display_name}，{updated.role}）。")
        if own:
            self._events.announce_account()  # an administrator no more: the window closes this dialog

    def toggle_active(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        activate = not account.active
        verb = "启用" if activate else "停用"
        effect = "启用后可以重新登录。" if activate else "停用后不能再登录；办理记录和操作日志保留，以后可以重新启用。"
        text = f"确定{verb}账户 {account.display_name}（{account.username}）吗？\n\n{effect}"
        if not messages.confirm(self, f"{verb}账户", text, yes=verb, no="取消", danger=not activate):
            return False
        try:
            accounts.update_account(account.id, active=activate)
        except KnownError as exc:
            self._say("")
            show_error(self.error_label, str(exc))
            return False
        self.reload(account.id)
        self._say(f"已{verb}账户 {account.username}。")
        return True

    def _say(self, text: str) -> None:
        show_error(self.error_label, "")
        self.info_label.setText(text)
        self.info_label.setVisible(bool(text))
