"""Where user data and bundled resources live, installed, from source or frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "bangfu"
APP_TITLE = "工会帮扶工作台"


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def install_dir() -> Path:
    """The folder of the executable when frozen, else the source tree's root."""
    if _frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """Bundled fonts, icons and style sheet."""
    if _frozen():
        return Path(getattr(sys, "_MEIPASS", install_dir())) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def is_portable() -> bool:
    """A file named `portable` beside the program keeps all data next to it."""
    return (install_dir() / "portable").exists()


def user_data_dir() -> Path:
    """Database, backups and logs. BANGFU_DATA_DIR overrides (tests, shared folders)."""
    override = os.environ.get("BANGFU_DATA_DIR")
    if override:
        path = Path(override)
    elif is_portable():
        path = install_dir() / "data"
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return user_data_dir() / "bangfu.sqlite"


def log_dir() -> Path:
    path = user_data_dir() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
