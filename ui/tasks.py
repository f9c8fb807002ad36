"""Background work: a service function runs on a worker thread, its result comes back by signal.

The worker never touches a widget. A progress dialog appears only if the work is still
running after SHOW_AFTER_MS; its 取消 makes the next progress report raise Cancelled, so the
service rolls back. A KnownError becomes a Chinese message, anything else a crash report.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import KnownError
from app.progress import Cancelled, ProgressFn
from db.database import close_database
from ui import crash, messages

SHOW_AFTER_MS = 600
PROGRESS_EVERY_S = 0.05

Work = Callable[[ProgressFn], Any]


class Task(QObject):
    """One piece of background work and its progress dialog."""

    _progressed = Signal(int, int, str)
    _succeeded = Signal(object)
    _failed = Signal(object)
    finished = Signal()  # after the result or error has been handled, on the GUI thread
    failed_quietly = Signal(str)  # a quiet task's KnownError, for the status bar

    def __init__(self, title: str, work: Work, parent: QWidget | None, *,
                 on_done: Callable[[Any], None] | None = None,
                 on_error: Callable[[KnownError], None] | None = None,
                 cancellable: bool = True, quiet: bool = False, show_after_ms: int = SHOW_AFTER_MS) -> None:
        super().__init__()
        self.quiet = quiet  # no progress dialog (small reads the user did not ask for)
        self.title = title
        self._work = work
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self._cancellable = cancellable
        self._cancel = threading.Event()
        self._last_report = 0.0
        self._progress: tuple[int, int, str] = (0, 0, "")
        self._dialog: QProgressDialog | None = None
        self.running = True
        self.outcome: str = ""  # "done", "cancelled", "error", "crash"
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(show_after_ms)
        self._timer.timeout.connect(self._show_dialog)
        self._progressed.connect(self._on_progress)
        self._succeeded.connect(self._on_succeeded)
        self._failed.connect(self._on_failed)

    # --- worker thread -------------------------------------------------------------------
    def run_in_worker(self) -> None:
        outcome: tuple[bool, Any]
        try:
            outcome = (True, self._work(self._report))
        except BaseException as exc:  # delivered to the GUI thread, never lost
            outcome = (False, exc)
        finally:
            close_database()  # peewee connections are per thread: close this worker's
        if outcome[0]:
            self._succeeded.emit(outcome[1])
        else:
            self._failed.emit(outcome[1])

    def _report(self, done: int, total: int, message: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if now - self._last_report >= PROGRESS_EVERY_S or done >= total:
            self._last_report = now
            self._progressed.emit(done, total, message)

    # --- GUI thread ----------------------------------------------------------------------
    def start_timer(self) -> None:
        if not self.quiet:
            self._timer.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        if self.running and self._cancellable:
            self._cancel.set()
            if self._dialog is not None:
                self._dialog.setLabelText("正在取消…")

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._dialog

    @Slot()
    def _show_dialog(self) -> None:
        if not self.running:
            return
        dialog = QProgressDialog(self.title, "取消" if self._cancellable else "", 0, 0, self._parent)
        dialog.setWindowTitle(self.title)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        dialog.setMinimumWidth(360)
        self._dialog = dialog
        self._apply_progress()
        dialog.show()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self._progress = (done, total, message)
        self._apply_progress()

    def _apply_progress(self) -> None:
        dialog = self._dialog
        if dialog is None or self._cancel.is_set():
            return
        done, total, message = self._progress
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total > 0 else 0)
        if message:
            dialog.setLabelText(f"{self.title}\n{message}")

    def _close(self) -> None:
        self.running = False
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._close()
        self.outcome = "done"
        try:
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._close()
        try:
            if isinstance(exc, Cancelled):
                self.outcome = "cancelled"
            elif isinstance(exc, KnownError):
                self.outcome = "error"
                if self._on_error is not None:
                    self._on_error(exc)
                elif self.quiet:
                    self.failed_quietly.emit(str(exc))
                else:
                    messages.warn(self._parent, self.title, str(exc))
            else:
                self.outcome = "crash"
                crash.report_exception(exc)
        finally:
            self.finished.emit()


class TaskRunner(QObject):
    """Runs tasks one at a time on its own worker thread (one writer to the database)."""

    status_message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tasks: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(self._tasks)

    def run(self, title: str, work: Work, parent: QWidget | None, *,
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[KnownError], None] | None = None,
            cancellable: bool = True, quiet: bool = False, show_after_ms: int = SHOW_AFTER_MS) -> Task:
        """Start `work(progress)` in the background; `on_done(result)` runs on the GUI thread.

        The progress dialog shows after `show_after_ms` (never if quiet): work the user did not ask
        for (the daily backup) waits longer before it shows itself.
        """
        task = Task(title, work, parent, on_done=on_done, on_error=on_error, cancellable=cancellable,
                    quiet=quiet, show_after_ms=show_after_ms)
        task.finished.connect(lambda: self._forget(task))
        task.failed_quietly.connect(lambda text: self.status_message.emit(f"{title}：{text}"))
        self._tasks.append(task)
        task.start_timer()
        self._pool.start(task.run_in_worker)
        return task

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        if task.outcome == "cancelled":
            self.status_message.emit(f"已取消：{task.title}，未做任何修改。")
        task.deleteLater()

    def wait_idle(self, timeout_ms: int = 30000) -> None:
        """Let the worker finish what it is doing (results still arrive by signal afterwards)."""
        self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 30000) -> None:
        """Cancel what is running and wait for the worker (closing the window)."""
        for task in self._tasks:
            task.cancel()
        self._pool.waitForDone(timeout_ms)
