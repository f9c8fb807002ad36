"""Start-up: the bundled font and Qt's Chinese, the crash hook and its log, refusing a bad database."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app import session
from app.office import close_office, open_office
from app.services import accounts, audit, settings
from tests.ui.conftest import Messages, answer, close_main_window_when_shown, quiet_start, sign_in_with, type_text
from ui import application, crash


def test_bundled_font_and_chinese_qt_dialogs(prepared_app: QApplication) -> None:
    assert prepared_app.font().family() == "Noto Sans CJK SC"
    assert "Noto Sans CJK SC" in QFontDatabase.families()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    chooser = QFileDialog(None, "保存")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    assert [chooser.labelText(label) for label in (QFileDialog.DialogLabel.LookIn, QFileDialog.DialogLabel.FileType)] \
        == ["查找范围(&L)：", "文件类型(&T)："]                   # Qt 6.11's own Chinese lacks these two
    chooser.deleteLater()
    assert QCoreApplication.translate("QWidget", "no such text") == "no such text"
    assert not prepared_app.windowIcon().isNull()
    assert "fieldError" in prepared_app.styleSheet()


def test_a_combo_lists_its_highlighted_entry_in_dark_text(prepared_app: QApplication, qtbot: QtBot) -> None:
    """The style sheet's white combo once made the highlighted entry of every drop-down white on white."""
    holder = QWidget()
    qtbot.addWidget(holder)
    combo = QComboBox(holder)
    combo.addItems(["不从资金支出", "困难职工帮扶资金"])
    holder.show()
    combo.showPopup()
    view = combo.view()
    picture = view.viewport().grab(view.visualRect(combo.model().index(0, 0))).toImage()
    dark = [1 for x in range(picture.width()) for y in range(picture.height())
            if QColor(picture.pixel(x, y)).lightness() < 100]
    combo.hidePopup()
    assert len(dark) > 50          # the characters of 不从资金支出


def test_a_disabled_main_button_does_not_look_like_one_to_press(prepared_app: QApplication, qtbot: QtBot) -> None:
    """新建档案, 新增劳模… for a 查看 account: the red of an enabled button promised an action that never came."""
    holder = QWidget()
    qtbot.addWidget(holder)
    buttons = [QPushButton("新增劳模…", holder) for _ in range(2)]
    for number, button in enumerate(buttons):
        button.setObjectName("primaryButton")
        button.move(0, 40 * number)
    buttons[1].setEnabled(False)
    holder.show()
    enabled, disabled = (QColor(b.grab().toImage().pixel(4, b.height() // 2)) for b in buttons)
    assert enabled.lightness() < 150 < disabled.lightness()


def test_the_crash_hook_logs_the_traceback_and_tells_the_user(prepared_app: QApplication, user_data: Path,
                                                               recorded: Messages,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    recorded.crash_expected = True
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    crash.install()
    try:
        raise RuntimeError("帮扶记录对不上")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    log = user_data / "logs" / "bangfu.log"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: 帮扶记录对不上" in text
    assert recorded.kinds("crash") == [("程序出错", str(log))]


def test_a_database_newer_than_the_program_is_refused(prepared_app: QApplication, tmp_path: Path,
                                                      recorded: Messages, monkeypatch: pytest.MonkeyPatch) -> None:
    quiet_start(monkeypatch)
    path = tmp_path / "newer.sqlite"
    open_office(path)
    close_office()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    assert application.run_window(str(path)) == 1
    [(title, text)] = recorded.kinds("warn")
    assert "无法打开数据库" in title and str(path) in text


def test_first_start_creates_the_administrator_and_opens_the_window(prepared_app: QApplication, tmp_path: Path,
                                                                     qtbot: QtBot,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dialogs.first_admin_dialog import FirstAdminDialog

    quiet_start(monkeypatch)
    seen: list[str] = []
    problems: list[str] = []

    def create(dialog: FirstAdminDialog) -> None:
        assert dialog.office_edit.text() == "县总工会困难职工帮扶中心"   # the default, to be corrected
        dialog.office_edit.setText("华池县总工会困难职工帮扶中心")
        QTest.keyClicks(dialog.username_edit, "wangli")
        type_text(dialog.name_edit, "王丽")
        QTest.keyClicks(dialog.passwords.edit, "short")
        problems.append(dialog.passwords.rule_label.text())  # the rule, beside the field, as it is typed
        dialog.passwords.edit.clear()
        QTest.keyClicks(dialog.passwords.edit, "wangli-2025")
        QTest.keyClicks(dialog.passwords.repeat, "wangli-2024")
        dialog.create_button.click()
        problems.append(dialog.error_label.text())  # still open: the two passwords differ
        dialog.passwords.repeat.clear()
        QTest.keyClicks(dialog.passwords.repeat, "wangli-2025")
        QTest.keyClick(dialog.passwords.repeat, Qt.Key.Key_Return)

    answer(FirstAdminDialog, create)
    close_main_window_when_shown(seen)
    assert application.run_window(str(tmp_path / "new.sqlite")) == 0
    assert problems == ["密码至少8位。", "两次输入的密码不一致。"]
    assert seen == ["华池县总工会困难职工帮扶中心 — 工会帮扶工作台 — 王丽（管理员）", "账户：王丽（管理员）"]
    assert session.current() is None  # signed out when the window closed
    open_office(tmp_path / "new.sqlite")
    try:
        accounts.sign_in("wangli", "wangli-2025")
        oldest_first = [(e.action, e.username) for e in reversed(audit.list_records(audit.AuditQuery()))]
        assert oldest_first == [("账户管理", "wangli"), ("登录", "wangli"), ("修改设置", "wangli"),
                                ("备份", "wangli"),  # the day's backup
                                ("退出登录", "wangli"), ("登录", "wangli")]
        assert settings.office_name() == "华池县总工会困难职工帮扶中心"
    finally:
        session.set_current(None)
        close_office()


def test_the_login_says_a_wrong_password_and_stays_open(prepared_app: QApplication, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dialogs.login_dialog import LoginDialog

    quiet_start(monkeypatch)
    path = tmp_path / "office.sqlite"
    open_office(path)
    accounts.create_first_admin("admin", "测试员", "test-pass-1")
    close_office()
    errors: list[str] = []

    def wrong_then_right(dialog: LoginDialog) -> None:
        sign_in_with("admin", "nope-nope-1")(dialog)
        errors.append(dialog.error_label.text())
        assert dialog.isVisible()
        sign_in_with("admin", "test-pass-1")(dialog)

    answer(LoginDialog, wrong_then_right)
    seen: list[str] = []
    close_main_window_when_shown(seen)
    assert application.run_window(str(path)) == 0
    assert errors == ["用户名或密码不正确。"]
    assert seen[0].endswith("— 测试员（管理员）")


def test_quitting_the_login_ends_the_program_with_0(prepared_app: QApplication, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.dialogs.login_dialog import LoginDialog

    quiet_start(monkeypatch)
    path = tmp_path / "office.sqlite"
    open_office(path)
    accounts.create_first_admin("admin", "测试员", "test-pass-1")
    close_office()
    answer(LoginDialog, lambda dialog: QTest.keyClick(dialog.password_edit, Qt.Key.Key_Escape))
    assert application.run_window(str(path)) == 0
    assert session.current() is None
