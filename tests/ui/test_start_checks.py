"""Start-up and 打开数据库…: a damaged database explained and its newest backup offered; a second program refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app import clock, session
from app.errors import KnownError
from app.instance_lock import lock_file_of
from app.office import close_office
from app.services import backup
from app.services import households as hs
from app.services.backup import BackupInfo
from db import snapshot
from tests.app.programs import Running, program_env
from tests.app.test_integrity import WINDOW_STAND_IN, _counts, _digest, _overwrite_page, _table_page
from tests.factories import make_form
from tests.ui.conftest import Messages, answer, close_main_window_when_shown, quiet_start, sign_in_with
from ui import application
from ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog
from ui.dialogs.login_dialog import LoginDialog
from ui.dialogs.restore_admin_dialog import RestoreAdminDialog

NAMES = ("林秀英", "周建国", "吴桂兰")


def _damage(database: Path) -> None:
    """One page of the households table overwritten with garbage (the file checkpointed and closed first)."""
    _overwrite_page(database, _table_page(database, "household"))


def _damaged_office(office: Path) -> BackupInfo:
    """The office's database with three files and a backup of them, closed and then damaged."""
    for seed, name in enumerate(NAMES, start=1):
        hs.create_household(make_form(seed, name=name), accept_warnings=True)
    saved = backup.backup_now(backup.MANUAL)
    session.set_current(None)
    close_office()  # checkpointed: every row is in the file itself
    _damage(office)
    return saved


def _files_beside(database: Path) -> dict[str, str]:
    """Every file in the database's folder and its backups folder, with its content's digest."""
    found = [*database.parent.iterdir(), *snapshot.backup_folder(database).iterdir()]
    return {p.name: _digest(p) for p in found if p.is_file() and not p.name.endswith(".lock")}


def _as_admin(qtbot: QtBot, errors: list[str]) -> Any:
    """A wrong password first (said in the dialog, which stays open), then the administrator's."""
    def respond(dialog: RestoreAdminDialog) -> None:
        dialog.username_edit.setText("admin")
        QTest.keyClicks(dialog.password_edit, "wrong-pass-1")
        dialog.restore_button.click()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
        errors.append(dialog.error_label.text())
        QTest.keyClicks(dialog.password_edit, "test-pass-1")
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    return respond


def test_a_damaged_database_at_start_is_explained_and_restoring_its_backup_opens_the_window(
        prepared_app: QApplication, office: Path, qtbot: QtBot, recorded: Messages,
        monkeypatch: pytest.MonkeyPatch) -> None:
    quiet_start(monkeypatch)
    saved = _damaged_office(office)
    damaged = _digest(office)
    shown: list[str] = []

    def restore_it(dialog: DamagedDatabaseDialog) -> None:
        shown.extend((dialog.explanation.text(), dialog.offer.text()))
        dialog.restore_button.click()

    answer(DamagedDatabaseDialog, restore_it)
    errors: list[str] = []
    answer(RestoreAdminDialog, _as_admin(qtbot, errors))
    seen: list[str] = []
    close_main_window_when_shown(seen, lambda _window: lock_file_of(office).read_text(encoding="utf-8").split()[0])
    assert application.run_window(str(office)) == 0
    explanation, offer = shown
    assert "已损坏" in explanation and "没有向它写入任何内容" in explanation and str(saved.path) in explanation
    assert offer.startswith(f"可以用最新的完好备份恢复：{saved.time:%Y-%m-%d %H:%M}（手动备份")
    assert errors == ["用户名或密码不正确，或该账户不是这个备份中的管理员。恢复备份需要管理员账户。"]
    assert seen == ["县总工会困难职工帮扶中心 — 工会帮扶工作台 — 测试员（管理员）", "账户：测试员（管理员）",
                    "程序窗口"]  # what a second program is told holds the database
    [(title, text)] = recorded.kinds("inform")
    assert title == "已恢复备份" and "档案 3" in text and "损坏的数据库文件已改名保留为" in text
    assert _counts(office)["household"] == 3 and snapshot.check_file(office) == []
    [kept] = office.parent.glob("office.damaged-*.sqlite")
    assert _digest(kept) == damaged  # set aside untouched, never deleted


@pytest.mark.parametrize("how", ["退出", "取消"])
def test_declining_the_backup_ends_the_program_with_1_and_writes_nothing(
        prepared_app: QApplication, office: Path, recorded: Messages, monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    quiet_start(monkeypatch)
    _damaged_office(office)
    damaged = _digest(office)
    before = _files_beside(office)
    if how == "退出":
        answer(DamagedDatabaseDialog, lambda dialog: dialog.quit_button.click())
    else:
        answer(DamagedDatabaseDialog, lambda dialog: dialog.restore_button.click())
        answer(RestoreAdminDialog, lambda dialog: dialog.cancel_button.click())
    assert application.run_window(str(office)) == 1
    assert _digest(office) == damaged and session.current() is None
    assert _files_beside(office) == before


def test_a_damaged_database_without_a_backup_is_explained_and_the_program_ends(
        prepared_app: QApplication, office: Path, recorded: Messages, monkeypatch: pytest.MonkeyPatch) -> None:
    quiet_start(monkeypatch)
    saved = _damaged_office(office)
    saved.path.unlink()
    assert application.run_window(str(office)) == 1
    [(title, text)] = recorded.kinds("warn")
    assert "数据库已损坏" in title and "没有找到它的备份" in text


def test_a_second_start_on_a_database_in_use_is_refused(prepared_app: QApplication, office: Path,
                                                        recorded: Messages, monkeypatch: pytest.MonkeyPatch,
                                                        user_data: Path) -> None:
    quiet_start(monkeypatch)
    session.set_current(None)
    close_office()
    with Running(["-c", WINDOW_STAND_IN, str(office)], program_env(user_data), python=()) as first:
        assert first.wait_for("opened", timeout=60) is not None, first.stderr()
        assert application.run_window(str(office)) == 1
    [(title, text)] = recorded.kinds("warn")
    assert "无法打开数据库" in title
    assert f"该数据库已被另一个程序窗口（进程 {first.process.pid}" in text and "请切换到已经打开的窗口" in text


def _damaged_copy(folder: Path) -> BackupInfo:
    """Another database (a copy of the office's, same administrator) with a backup of its own, then damaged."""
    other = folder / "other.sqlite"
    backup.backup_now(backup.MANUAL, dest=other)
    made = backup.backup_now(backup.MANUAL,
                             dest=snapshot.backup_folder(other) / snapshot.backup_name(other, "manual", clock.now()))
    _damage(other)
    [listed] = backup.list_backups(other)
    assert listed.path == made.path
    return listed


def test_opening_another_database_says_so_behind_its_login(window: Any, office: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    backup.backup_now(backup.MANUAL, dest=other)   # another office's file, with the same administrator
    notes: list[str] = []

    def sign_in(login: Any) -> None:
        notes.append(window.screen_lock.note.text())  # not "解锁需要当前账户的密码": it is another file's login
        sign_in_with("admin", "test-pass-1")(login)

    answer(LoginDialog, sign_in)
    assert window.open_database(other) and window.db_path == other
    assert notes == [f"正在打开另一个数据库：{other}。请用该数据库的账户登录。"]


def test_opening_a_damaged_database_from_the_window_offers_its_backup(window: Any, office: Path, tmp_path: Path,
                                                                     qtbot: QtBot, recorded: Messages) -> None:
    hs.create_household(make_form(1, name="林秀英"), accept_warnings=True)
    _damaged_copy(tmp_path / "other")
    other = tmp_path / "other" / "other.sqlite"
    answer(DamagedDatabaseDialog, lambda dialog: dialog.quit_button.click())  # 不恢复: back where we were
    answer(LoginDialog, sign_in_with("admin", "test-pass-1"))
    assert not window.open_database(other)
    assert window.db_path == office and str(office) in window.db_label.text() and not window.locked

    answer(DamagedDatabaseDialog, lambda dialog: dialog.restore_button.click())
    errors: list[str] = []
    answer(RestoreAdminDialog, _as_admin(qtbot, errors))
    assert window.open_database(other)
    assert window.db_path == other and "other.sqlite" in window.db_label.text()
    assert window.windowTitle().endswith("— 测试员（管理员）") and errors
    assert "损坏的数据库文件已改名保留为" in recorded.kinds("inform")[-1][1]
    qtbot.waitUntil(lambda: window.households_page.model.rowCount() == 1 and not window.runner.busy)


def test_when_the_previous_database_cannot_be_opened_again_the_window_closes(
        window: Any, tmp_path: Path, recorded: Messages, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import opening

    def refuse(_path: object) -> Path:
        raise KnownError("该数据库已被另一个程序窗口打开。")

    monkeypatch.setattr(opening, "open_office", refuse)  # e.g. another program took it meanwhile
    assert not window.open_database(tmp_path / "another.sqlite")
    assert len(recorded.kinds("warn")) == 2 and not window.isVisible() and window.exit_code == 1
    assert session.current() is None
