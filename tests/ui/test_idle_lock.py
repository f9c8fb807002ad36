"""Locking: after the idle time or Ctrl+L the window is covered; the password unlocks; 切换用户 lets another in."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.services import accounts, settings
from app.services import households as hs
from app.session import Role
from tests.factories import make_form
from tests.ui.conftest import Messages, answer, sign_in_with
from ui import idle_lock
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.dialogs.login_dialog import LoginDialog


def _open_a_file(window: Any) -> Any:
    hid = hs.create_household(make_form(1, name="周文")).household_ids[0]
    window.events.announce_households((hid,))
    dialog = window.households_page.open_household(hid)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_idle_time_locks_the_window_and_the_password_unlocks_it(window: Any, qtbot: QtBot) -> None:
    assert window.idle.timeout_ms == 10 * 60_000 and window.idle.active  # the default: 10 minutes
    dialog = _open_a_file(window)
    window.idle.set_timeout_ms(30)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    window.idle.set_timeout_ms(0)  # no second lock while the test types
    assert not dialog.isVisible()  # the file is hidden, not closed
    assert window.stack.currentIndex() == 1 and not window.menuBar().isEnabled()
    lock = window.screen_lock.dialog
    assert lock.isVisible() and "测试员（管理员）" in lock.explanation.text()
    assert window.screen_lock.dialog.windowTitle().startswith("已锁定")
    QTest.keyClicks(lock.password_edit, "not-my-pass")
    QTest.keyClick(lock.password_edit, Qt.Key.Key_Return)
    assert window.locked and lock.error_label.text() == "密码不正确。"
    QTest.keyClick(lock.password_edit, Qt.Key.Key_Escape)  # Esc does not unlock
    assert window.locked
    QTest.keyClicks(lock.password_edit, "test-pass-1")
    QTest.keyClick(lock.password_edit, Qt.Key.Key_Return)
    assert not window.locked and window.stack.currentIndex() == 0 and window.menuBar().isEnabled()
    assert dialog.isVisible() and window.households_page.dialog is dialog  # back as it was
    assert "已解锁" in window.statusBar().currentMessage()


def test_activity_restarts_the_timer_and_0_means_never(window: Any, qtbot: QtBot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(idle_lock, "RESTART_EVERY_S", 0)
    window.idle.set_timeout_ms(400)
    qtbot.wait(200)
    QTest.keyClick(window.households_page.filters.search, Qt.Key.Key_A)
    assert window.idle._timer.remainingTime() > 300
    settings.put("idle_lock_minutes", "0")
    window.events.announce_settings()
    assert window.idle.timeout_ms == 0 and not window.idle.active
    settings.put("idle_lock_minutes", "3")
    window.events.announce_settings()
    assert window.idle.timeout_ms == 3 * 60_000


def test_ctrl_l_locks_and_switching_user_brings_the_new_role(window: Any, qtbot: QtBot, recorded: Messages) -> None:
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    dialog = _open_a_file(window)
    window.activateWindow()
    QTest.keyClick(window.households_page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    if not window.locked:  # the offscreen platform may not make the window active
        window.menus.lock_action.trigger()
    assert window.locked and not dialog.isVisible()
    assert window.screen_lock.note.text() == "档案信息已隐藏。解锁需要当前账户的密码。"
    notes: list[str] = []

    def sign_in(login: Any) -> None:
        notes.append(window.screen_lock.note.text())  # behind the login: any account, not the current one's password
        sign_in_with("chakan", "viewer-pass-1")(login)

    answer(LoginDialog, sign_in)
    def change(box: Any) -> None:
        QTest.keyClicks(box.passwords.edit, "chakan-own-1")
        QTest.keyClicks(box.passwords.repeat, "chakan-own-1")
        box.ok_button.click()

    answer_change = answer(ChangePasswordDialog, change)  # a new account changes its initial password first
    window.screen_lock.dialog.switch_button.click()
    assert answer_change and not window.locked
    assert notes == ["档案信息已隐藏。请登录。"]
    assert window.windowTitle().endswith("— 李查看（查看）")
    assert window.account_label.text() == "账户：李查看（查看）"
    assert not window.households_page.new_button.isEnabled()
    assert window.households_page.dialog is None  # the previous account's file was closed, not saved
    assert not dialog.isVisible()


def test_no_switching_user_while_a_background_task_runs(window: Any, recorded: Messages) -> None:
    window.lock()
    window.runner._tasks.append(object())  # an export still running, started by this account
    try:
        window.screen_lock.dialog.switch_button.click()
        assert recorded.kinds("inform")[0][0] == "切换用户"
        assert window.locked and window.screen_lock.dialog.isVisible()  # still locked, still this account
        assert window.windowTitle().endswith("— 测试员（管理员）")
    finally:
        window.runner._tasks.clear()
