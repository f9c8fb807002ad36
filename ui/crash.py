"""Bugs never pass silently: the traceback goes to bangfu.log, the user sees a short Chinese message."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType

from app.errors import KnownError
from app.logfile import logger, setup_logging
from ui import messages

_showing = threading.Lock()


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Log a bug with its traceback and tell the user where it was written."""
    path = setup_logging()
    logger.error("未处理的错误", exc_info=(exc_type, exc, tb))
    for handler in logger.handlers:
        handler.flush()
    if _showing.acquire(blocking=False):  # one dialog at a time, even if errors repeat
        try:
            from PySide6.QtWidgets import QApplication

            if QApplication.instance() is not None:
                messages.crash(QApplication.activeWindow(), str(path))
        finally:
            _showing.release()
    return path


def report_exception(exc: BaseException) -> Path:
    return report(type(exc), exc, exc.__traceback__)


def explain(exc: KnownError) -> None:
    """A user's problem that reached no handler (e.g. a refusal from a service): a plain message, not a crash."""
    logger.info("未处理的提示：%s", exc)
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        messages.warn(QApplication.activeWindow(), "无法完成", str(exc))


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, KnownError):
        explain(exc)
        return
    report(exc_type, exc, tb)


def install() -> None:
    """Route every uncaught exception (Qt slots included) to the log and the crash dialog."""
    setup_logging()
    sys.excepthook = _hook
