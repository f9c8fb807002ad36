"""Signing in: a forced password change first, declining it, five wrong passwords and the wait."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import session
from app.errors import KnownError
from app.services import accounts
from app.session import Role
from tests.ui.conftest import answer, sign_in_with
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.sign_in import sign_in_interactively
from ui.widgets import password_attempts
from ui.window_settings import last_username


@pytest.fixture
def clerk(office: Path) -> Path:
    """A clerk account just created by the administrator (who then signs out): it must change its password."""
    accounts.create_account("jingban", "张经办", Role.CLERK, "initial-pass-1")
    accounts.sign_out()
    return office


def test_a_new_account_changes_its_password_before_the_window(prepared_app: QApplication, clerk: Path) -> None:
    def change(dialog: ChangePasswordDialog) -> None:
        assert dialog.forced and not dialog.old_edit.isVisible()  # the password was just typed at the login
        QTest.keyClicks(dialog.passwords.edit, "initial-pass-1")
        QTest.keyClicks(dialog.passwords.repeat, "initial-pass-1")
        dialog.ok_button.click()
        assert dialog.error_label.text() == "新密码不能与原密码相同。"
        dialog.passwords.clear()
        QTest.keyClicks(dialog.passwords.edit, "my-own-pass-9")
        QTest.keyClicks(dialog.passwords.repeat, "my-own-pass-9")
        QTest.keyClick(dialog.passwords.repeat, Qt.Key.Key_Return)

    answer(LoginDialog, sign_in_with("jingban", "initial-pass-1"))
    changed = answer(ChangePasswordDialog, change)
    assert sign_in_interactively(clerk)
    assert changed and session.current() is not None and session.current().username == "jingban"  # type: ignore[union-attr]
    assert last_username() == "jingban"
    accounts.sign_out()
    with pytest.raises(KnownError):
        accounts.sign_in("jingban", "initial-pass-1")
    assert not accounts.sign_in("jingban", "my-own-pass-9").must_change_password


def test_declining_the_change_signs_out_and_asks_again(prepared_app: QApplication, clerk: Path) -> None:
    answer(LoginDialog, sign_in_with("jingban", "initial-pass-1"))
    answer(ChangePasswordDialog, lambda dialog: dialog.reject())
    again = answer(LoginDialog, lambda dialog: dialog.reject())
    assert not sign_in_interactively(clerk)
    assert again and again[0].username_edit.text() == "jingban"  # remembered
    assert session.current() is None


def test_five_wrong_passwords_in_a_row_mean_a_wait(prepared_app: QApplication, office: Path, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(password_attempts, "WAIT_SECONDS", 2)
    monkeypatch.setattr(password_attempts, "TICK_MS", 20)
    accounts.sign_out()
    dialog: Any = LoginDialog(office, "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    for attempt in range(5):
        QTest.keyClicks(dialog.password_edit, f"wrong-{attempt}-pass")
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        if attempt == 3:
            assert dialog.error_label.text() == "用户名或密码不正确。（再错 1 次需等待 2 秒）"
    assert not dialog.sign_in_button.isEnabled() and not dialog.password_edit.isEnabled()
    assert dialog.error_label.text().startswith("连续5次密码错误，请等待")
    dialog.password_edit.setText("test-pass-1")
    dialog.accept()  # Enter during the wait does nothing
    assert dialog.account is None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.sign_in_button.isEnabled(), timeout=3000)
    assert not dialog.error_label.isVisible()
    dialog.password_edit.clear()
    QTest.keyClicks(dialog.password_edit, "test-pass-1")
    QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.account is not None and not dialog.isVisible()
