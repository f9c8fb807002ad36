"""Bugs never pass silently: the traceback goes to bangfu.log, the user sees a short Chinese message."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

from app import paths
from app.errors import KnownError
from app.redaction import RedactingFormatter
from ui import messages

LOG_NAME = "bangfu.log"
logger = logging.getLogger("bangfu")
_showing = threading.Lock()


def log_path() -> Path:
    return paths.log_dir() / LOG_NAME


def setup_logging() -> Path:
    """Send the program's log to the user data folder (re-pointed if that folder changed)."""
    path = log_path()
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) != path:
            logger.removeHandler(handler)
            handler.close()
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path


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
