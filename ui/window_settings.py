"""What the window remembers between runs (size, list columns, last user name): window.ini in the user data folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app import paths

LAST_USERNAME = "login/username"


def window_settings() -> QSettings:
    return QSettings(str(paths.user_data_dir() / "window.ini"), QSettings.Format.IniFormat)


def last_username() -> str:
    value = window_settings().value(LAST_USERNAME, "")
    return value if isinstance(value, str) else ""


def remember_username(username: str) -> None:
    state = window_settings()
    state.setValue(LAST_USERNAME, username)
    state.sync()
