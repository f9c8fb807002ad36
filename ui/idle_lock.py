"""Locking the window after a while without keyboard or mouse: an application-wide event filter and a timer."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from app.services import settings

IDLE_SETTING = "idle_lock_minutes"
DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 480
RESTART_EVERY_S = 0.5  # activity restarts the timer at most this often (mouse moves come by the hundred)
ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.InputMethod,
})


def idle_minutes() -> int:
    """The office's setting (自动锁定分钟数); 0 means never, unset means the default."""
    text = settings.get(IDLE_SETTING).strip()
    try:
        minutes = int(text)
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(minutes, 0), MAX_IDLE_MINUTES)


class IdleWatcher(QObject):
    """Emits `idle` once the application has seen no input for the timeout; paused while locked."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle.emit)
        self._timeout_ms = 0
        self._paused = False
        self._last_restart = 0.0
        self._installed = False

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True

    def stop(self) -> None:
        """No more watching (the window closes)."""
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False
        self._timer.stop()

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(minutes * 60_000)

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timeout_ms = max(timeout_ms, 0)
        self._restart()

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def _restart(self) -> None:
        self._last_restart = time.monotonic()
        if self._timeout_ms and not self._paused:
            self._timer.start(self._timeout_ms)
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and not self._paused and time.monotonic() - self._last_restart >= RESTART_EVERY_S:
            self._restart()
        return False
