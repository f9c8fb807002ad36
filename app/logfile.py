"""The program's log (logs/bangfu.log in the user data folder), shared by the window and the commands.

Every line goes through the redacting formatter: whatever a message or traceback holds, ID,
bank card and mobile numbers come out masked.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from app import paths
from app.redaction import RedactingFormatter

LOG_NAME = "bangfu.log"
logger = logging.getLogger("bangfu")


def log_path() -> Path:
    return paths.log_dir() / LOG_NAME


def setup_logging() -> Path:
    """Send the "bangfu" loggers to the log file of the current user data folder (re-pointed if it changed)."""
    path = log_path()
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler) and Path(handler.baseFilename) != path:
            logger.removeHandler(handler)
            handler.close()
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return path
