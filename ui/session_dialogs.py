"""The administrator's windows of one main window (账户管理, 本单位设置, 操作日志): one of each at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QDialog

from app.session import Permission
from ui import messages
from ui.dialogs.accounts_dialog import AccountsDialog
from ui.dialogs.audit_window import AuditWindow
from ui.dialogs.settings_dialog import SettingsDialog
from ui.permissions import refusal

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PERMISSIONS = {"accounts": Permission.ACCOUNTS, "settings": Permission.SETTINGS, "audit": Permission.AUDIT}
TITLES = {"accounts": "账户管理", "settings": "本单位设置", "audit": "操作日志"}


class SessionDialogs:
    """Opens them (if the account may), raises one already open, closes those the account may no longer use."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open: dict[str, QDialog] = {}
        self.password_dialog: QDialog | None = None
        window.events.account_changed.connect(self._account_changed)

    def get(self, kind: str) -> QDialog | None:
        dialog = self.open.get(kind)
        return dialog if dialog is not None and shiboken6.isValid(dialog) else None

    def _show(self, kind: str) -> QDialog | None:
        reason = refusal(PERMISSIONS[kind])
        if reason:
            messages.warn(self.window, TITLES[kind], reason)
            return None
        existing = self.get(kind)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        window = self.window
        dialog: QDialog
        if kind == "accounts":
            dialog = AccountsDialog(window.events, window)
        elif kind == "settings":
            dialog = SettingsDialog(window.events, window)
            dialog.accepted.connect(lambda: window.show_message("已保存本单位设置。"))  # said, as 密码已修改 is
        else:
            dialog = AuditWindow(window.runner, window)
        self.open[kind] = dialog
        dialog.finished.connect(lambda _result: self._closed(kind, dialog))
        if kind == "audit":
            dialog.show()  # not modal: it may stay open beside the window
        else:
            dialog.open()
        return dialog

    def open_accounts(self) -> QDialog | None:
        return self._show("accounts")

    def open_settings(self) -> QDialog | None:
        return self._show("settings")

    def open_audit(self) -> QDialog | None:
        return self._show("audit")

    def _closed(self, kind: str, dialog: QDialog) -> None:
        if self.open.get(kind) is dialog:
            del self.open[kind]
        dialog.deleteLater()

    def _account_changed(self) -> None:
        """An account that lost a right loses the window that needs it."""
        for kind, permission in PERMISSIONS.items():
            dialog = self.get(kind)
            if dialog is not None and refusal(permission):
                dialog.done(QDialog.DialogCode.Rejected)

    def close_all(self) -> None:
        for kind in list(self.open):
            dialog = self.get(kind)
            if dialog is not None:
                dialog.done(QDialog.DialogCode.Rejected)
        password = self.password_dialog
        if password is not None and shiboken6.isValid(password) and password.isVisible():
            password.done(QDialog.DialogCode.Rejected)
