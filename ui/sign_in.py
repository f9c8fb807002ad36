"""Who is working: the first administrator on a new database, else the login, then a forced password change."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from app.services import accounts
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.dialogs.first_admin_dialog import FirstAdminDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.window_settings import last_username, remember_username


def sign_in_interactively(db_path: Path, parent: QWidget | None = None) -> bool:
    """Ask until someone is signed in on the open database; False if they chose 退出.

    An account that must change its password does so before anything else; declining signs it
    out again and the login is asked for once more.
    """
    if not accounts.has_accounts():
        first = FirstAdminDialog(db_path, parent)
        try:
            if first.exec() != QDialog.DialogCode.Accepted or first.account is None:
                return False
            remember_username(first.account.username)
            return True
        finally:
            first.deleteLater()
    username = last_username()
    while True:
        login = LoginDialog(db_path, username, parent)
        try:
            if login.exec() != QDialog.DialogCode.Accepted or login.account is None:
                return False
            username = login.account.username
            remember_username(username)
            if not login.account.must_change_password:
                return True
            password, login.password = login.password, ""
        finally:
            login.deleteLater()
        change = ChangePasswordDialog(parent, forced=True, current_password=password)
        try:
            if change.exec() == QDialog.DialogCode.Accepted:
                return True
        finally:
            change.deleteLater()
        accounts.sign_out()
