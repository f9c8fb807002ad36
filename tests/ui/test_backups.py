"""文件 → 立即备份, 备份到…, 恢复备份…: verified copies, a restore that brings back the earlier data, roles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app import session
from app.office import close_office
from app.services import accounts, backup
from app.services import households as hs
from app.session import Role
from db import snapshot
from tests.factories import make_form
from tests.ui.conftest import Messages, answer, quiet_start, sign_in_with
from ui import application
from ui.dialogs.login_dialog import LoginDialog


def _file(window: Any, seed: int, name: str) -> int:
    hid = hs.create_household(make_form(seed, name=name), accept_warnings=True).household_ids[0]
    window.events.announce_households((hid,))
    return hid


def _names(window: Any) -> list[str]:
    model = window.households_page.model
    return [model.row_data(r).name for r in range(model.rowCount())]


def test_backup_now_from_the_menu_writes_a_verified_file_and_says_where(window: Any, qtbot: QtBot) -> None:
    _file(window, 1, "林秀英")
    window.menus.backup_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    [made] = backup.list_backups()
    assert made.reason == backup.MANUAL and made.verified
    assert snapshot.check_file(made.path) == []  # integrity_check on the copy itself
    assert made.path.parent == window.db_path.parent / "backups"
    assert str(made.path) in window.statusBar().currentMessage()


def test_backup_to_a_chosen_file_on_a_usb_drive(window: Any, qtbot: QtBot, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    usb = tmp_path / "usb"
    usb.mkdir()
    proposed: list[str] = []

    def ask(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        proposed.append(Path(suggested).name)
        return str(usb / "帮扶备份"), ""  # no suffix typed: .sqlite is added

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    window.menus.backup_to_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    target = usb / "帮扶备份.sqlite"
    assert proposed[0].startswith("office-备份-2025") and target.is_file() and snapshot.check_file(target) == []
    assert str(target) in window.statusBar().currentMessage()
    assert backup.list_backups() == []  # the user's own file, not one of the rotated backups


def test_restore_from_the_dialog_brings_back_the_earlier_data(window: Any, qtbot: QtBot, recorded: Messages,
                                                             qtmodeltester: ModelTester) -> None:
    _file(window, 1, "林秀英")
    earlier = backup.backup_now(backup.MANUAL)
    _file(window, 2, "周建国")
    qtbot.waitUntil(lambda: sorted(_names(window)) == sorted(["林秀英", "周建国"]))
    window.menus.restore_action.trigger()
    dialog = window.restore_dialog
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 1 and dialog.selected() == earlier  # the newest sound one, chosen
    assert dialog.model.index(0, 1).data() == "手动备份" and dialog.model.index(0, 3).data() == "完好"
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter on the list: the default button, asked once
    [(title, text)] = recorded.confirmations
    assert title == "恢复备份" and "先把当前数据库备份" in text and "替换当前的全部数据" in text
    qtbot.waitUntil(lambda: not window.runner.busy and _names(window) == ["林秀英"], timeout=10000)
    [(title, text)] = recorded.kinds("inform")
    assert title == "已恢复备份" and text.startswith(f"已从备份 {earlier.path} 恢复：档案 1")
    assert window.windowTitle().endswith("— 测试员（管理员）")
    qtbot.waitUntil(lambda: window.counts_text.startswith("在办 1 户"))
    reasons = [b.reason for b in backup.list_backups()]
    assert reasons == [backup.BEFORE_RESTORE, backup.MANUAL]  # the data as it was just before is kept


def test_declining_the_confirmation_keeps_the_list_open_and_restores_nothing(window: Any, recorded: Messages) -> None:
    _file(window, 1, "林秀英")
    backup.backup_now(backup.MANUAL)
    recorded.answer = False
    dialog = window.open_restore()
    QTest.keyClick(dialog.table, Qt.Key.Key_Return)
    assert len(recorded.confirmations) == 1  # asked once, not again by the default button
    assert dialog.isVisible() and not window.runner.busy and len(backup.list_backups()) == 1
    dialog.reject()


def test_a_restore_without_the_signed_in_account_asks_for_the_login(window: Any, qtbot: QtBot,
                                                                     recorded: Messages) -> None:
    _file(window, 1, "林秀英")
    backup.backup_now(backup.MANUAL)
    accounts.create_account("guanli", "新管理员", Role.ADMIN, "guanli-pass-1")  # not in the backup
    accounts.sign_out()
    accounts.sign_in("guanli", "guanli-pass-1")
    window.events.announce_account()
    login = answer(LoginDialog, sign_in_with("admin", "test-pass-1"))
    window.open_restore().restore_button.click()
    qtbot.waitUntil(lambda: bool(login) and not window.runner.busy, timeout=10000)
    assert "请重新登录" in recorded.kinds("inform")[0][1]
    assert window.windowTitle().endswith("— 测试员（管理员）") and not window.locked
    assert _names(window) == ["林秀英"]


@pytest.mark.parametrize(("role", "backup_allowed"), [(Role.VIEWER, False), (Role.CLERK, True)])
def test_backup_and_restore_follow_the_role(window: Any, recorded: Messages, role: Role,
                                            backup_allowed: bool) -> None:
    accounts.create_account("someone", "某人", role, "someone-pass-1")
    accounts.sign_out()
    accounts.sign_in("someone", "someone-pass-1")
    window.events.announce_account()
    menus = window.menus
    assert menus.backup_action.isEnabled() is backup_allowed
    assert menus.backup_to_action.isEnabled() is backup_allowed
    if not backup_allowed:
        assert menus.backup_action.toolTip() == "查看账户无权备份（如需办理，请联系管理员）"
    assert not menus.restore_action.isEnabled()
    assert menus.restore_action.toolTip() == f"{role}账户无权恢复备份（如需办理，请联系管理员）"
    assert window.open_restore() is None  # a shortcut or a stale menu is refused too
    assert "无权恢复备份" in recorded.kinds("warn")[0][1]


def test_the_daily_backup_runs_once_after_sign_in_and_not_again_that_day(
        prepared_app: QApplication, office: Path, qtbot: QtBot, recorded: Messages,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    quiet_start(monkeypatch)
    session.set_current(None)
    close_office()
    answer(LoginDialog, sign_in_with("admin", "test-pass-1"))
    seen: list[object] = []

    def after_sign_in() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or windows[0].runner.busy:
            QTimer.singleShot(20, after_sign_in)
            return
        window = windows[0]
        try:
            seen.append([b.reason for b in backup.list_backups()])
            seen.append(window.statusBar().currentMessage())
            answer(LoginDialog, sign_in_with("admin", "test-pass-1"))
            seen.append(window.switch_user())  # signed in again, the same day
            qtbot.waitUntil(lambda: not window.runner.busy)
            seen.append([b.reason for b in backup.list_backups()])
        finally:
            window.close()

    QTimer.singleShot(20, after_sign_in)
    assert application.run_window(str(office)) == 0
    [daily] = backup.list_backups(office)
    assert seen == [[backup.DAILY], f"今日自动备份已完成：{daily.path}", True, [backup.DAILY]]
    assert daily.verified and not recorded.shown


def test_a_failed_daily_backup_is_a_line_in_the_status_bar(window: Any, qtbot: QtBot, recorded: Messages,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_progress: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "daily_backup_if_due", broken)
    window.start_daily_backup()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert window.statusBar().currentMessage().startswith("每日自动备份未完成：出错（[Errno 28] No space left")
    assert not recorded.shown  # no crash dialog, no message box
