"""The real main window on the test's database, message boxes and the PDF viewer replaced by recorders."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from ui import messages


@dataclass
class Messages:
    """What the program would have shown or opened; `answer` is what confirm() replies."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    confirmations: list[tuple[str, str]] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    answer: bool = True
    crash_expected: bool = False

    def kinds(self, kind: str) -> list[tuple[str, str]]:
        return [(title, text) for k, title, text in self.shown if k == kind]


# The offscreen platform says so when a dialog or a completion popup is shown: not our warning.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail a test (qt_log_level_fail), except the offscreen platform's own remark."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(scope="session")
def prepared_app(qapp: QApplication) -> QApplication:
    """Bundled font, Chinese Qt translations and the style sheet, as run_window sets them."""
    from ui.application import prepare

    prepare(qapp)
    return qapp


@pytest.fixture(autouse=True)
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Messages]:
    """No real message box or viewer in tests; a crash dialog nobody expected fails the test."""
    log = Messages()

    def record(kind: str) -> Callable[[QWidget | None, str, str], None]:
        return lambda _parent, title, text: log.shown.append((kind, title, text))

    def confirm(_parent: QWidget | None, title: str, text: str, **_kwargs: object) -> bool:
        log.confirmations.append((title, text))
        return log.answer

    monkeypatch.setattr(messages, "inform", record("inform"))
    monkeypatch.setattr(messages, "warn", record("warn"))
    monkeypatch.setattr(messages, "about", record("about"))
    monkeypatch.setattr(messages, "confirm", confirm)
    monkeypatch.setattr(messages, "crash", lambda _parent, path: log.shown.append(("crash", "程序出错", path)))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: log.opened.append(QUrl(url).toLocalFile()))
    yield log
    crashes = log.kinds("crash")
    assert not crashes or log.crash_expected, f"unexpected crash report: {crashes}"


@pytest.fixture
def window(prepared_app: QApplication, office: Path, qtbot: QtBot) -> Iterator[object]:
    """The main window on the `office` database (already open: the window opens nothing itself)."""
    from ui.main_window import MainWindow

    win = MainWindow(office)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()  # cancels and waits for background tasks before the database closes


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese included, one character at a time (keyClicks aborts on non-ASCII)."""
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def choose(combo: object, text: str) -> None:
    """Pick a combo entry by its text, as a user would with the mouse."""
    index = combo.findText(text)  # type: ignore[attr-defined]
    assert index >= 0, f"{text!r} not offered"
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


_giving_up = {"on": False}


def _give_up() -> None:
    """Close every dialog shown from now until the test ends, so that the test can fail instead of hang."""
    _giving_up["on"] = True
    _close_dialogs()


def _close_dialogs() -> None:
    if not _giving_up["on"]:
        return
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)
    QTimer.singleShot(20, _close_dialogs)


@pytest.fixture(autouse=True)
def _stop_giving_up() -> Iterator[None]:
    yield
    _giving_up["on"] = False


def answer(dialog_type: type, respond: Callable[[Any], None], *, timeout_s: float = 10.0) -> list[Any]:
    """Respond to the next dialog of this type once it is shown: exec() would otherwise block the test.

    Several answers may wait at once: each takes a dialog no earlier answer took. Returns a list
    that receives the dialog when it has been answered.
    """
    answered: list[Any] = []
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, dialog_type) and widget.isVisible() and not widget.property("answered"):
                widget.setProperty("answered", True)
                answered.append(widget)
                try:
                    respond(widget)
                except BaseException:
                    _give_up()  # a failed check must not leave an exec() waiting forever
                    raise
                return
        if time.monotonic() < deadline:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    return answered


def sign_in_with(username: str, password: str) -> Callable[[Any], None]:
    """How a user answers the login dialog: user name, password, Enter."""
    def respond(dialog: Any) -> None:
        dialog.username_edit.setText(username)
        QTest.keyClicks(dialog.password_edit, password)
        QTest.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    return respond


def quiet_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_window as in production, but leave pytest's excepthook and Qt message handler alone."""
    from ui import application, crash

    monkeypatch.setattr(crash, "install", lambda: None)
    monkeypatch.setattr(application, "qInstallMessageHandler", lambda _handler: None)


def close_main_window_when_shown(seen: list[Any], note: Callable[[Any], object] | None = None) -> None:
    """Once the main window is up and its background work (the daily backup) done, note its title and close it.

    `note(window)`, if given, is noted too, just before the window closes.
    """
    from ui.main_window import MainWindow

    def close_soon() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or windows[0].runner.busy:
            QTimer.singleShot(20, close_soon)
            return
        seen.append(windows[0].windowTitle())
        seen.append(windows[0].account_label.text())
        if note is not None:
            seen.append(note(windows[0]))
        windows[0].close()

    QTimer.singleShot(20, close_soon)
