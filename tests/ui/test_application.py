"""Start-up: the bundled font and Qt's Chinese, the crash hook and its log, refusing a bad database."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.conftest import Messages
from ui import application, crash


def test_bundled_font_and_chinese_qt_dialogs(prepared_app: QApplication) -> None:
    assert prepared_app.font().family() == "Noto Sans CJK SC"
    assert "Noto Sans CJK SC" in QFontDatabase.families()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert not prepared_app.windowIcon().isNull()
    assert "fieldError" in prepared_app.styleSheet()


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


def _quiet_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_window as in production, but leave pytest's excepthook and Qt message handler alone."""
    monkeypatch.setattr(crash, "install", lambda: None)
    monkeypatch.setattr(application, "qInstallMessageHandler", lambda _handler: None)


def test_a_database_newer_than_the_program_is_refused(prepared_app: QApplication, tmp_path: Path,
                                                      recorded: Messages, monkeypatch: pytest.MonkeyPatch) -> None:
    _quiet_start(monkeypatch)
    path = tmp_path / "newer.sqlite"
    application.open_office(path)
    application.close_office()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 999")
    assert application.run_window(str(path)) == 1
    [(title, text)] = recorded.kinds("warn")
    assert "无法打开数据库" in title and str(path) in text


def test_run_window_opens_the_database_and_exits_cleanly(prepared_app: QApplication, tmp_path: Path,
                                                         qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.main_window import MainWindow

    _quiet_start(monkeypatch)
    seen: list[str] = []

    def close_soon() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, close_soon)
            return
        seen.append(windows[0].windowTitle())
        windows[0].close()

    QTimer.singleShot(20, close_soon)
    assert application.run_window(str(tmp_path / "new.sqlite")) == 0
    assert seen == ["县总工会困难职工帮扶中心 — 工会帮扶工作台"]
    assert (tmp_path / "new.sqlite").exists()
