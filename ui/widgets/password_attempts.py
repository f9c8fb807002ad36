"""Wrong passwords in a row: after five, the next try waits thirty seconds (login and unlock)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

MAX_FAILURES = 5
WAIT_SECONDS = 30
TICK_MS = 1000


class PasswordAttempts(QObject):
    """Counts failures in a row; `changed` fires when a wait starts, ticks and ends."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.failures = 0
        self.remaining = 0
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def waiting(self) -> bool:
        return self.remaining > 0

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= MAX_FAILURES:
            self.remaining = WAIT_SECONDS
            self._timer.setInterval(TICK_MS)
            self._timer.start()
            self.changed.emit()

    def succeeded(self) -> None:
        self.failures = 0

    def left_before_wait(self) -> int:
        return MAX_FAILURES - self.failures

    def wait_text(self) -> str:
        return f"连续{MAX_FAILURES}次密码错误，请等待 {self.remaining} 秒后再试。"

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.remaining = 0
            self.failures = 0
            self._timer.stop()
        self.changed.emit()
