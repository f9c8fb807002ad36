"""Opening the office's database for a session of work (window, command or test)."""

from __future__ import annotations

from pathlib import Path

from app import paths
from app.services import settings
from db.database import close_database, open_database


def open_office(path: str | Path | None = None) -> Path:
    """Open (creating and migrating if needed) the database and seed defaults; returns its path."""
    target = Path(path) if path else paths.default_database_path()
    open_database(target)
    settings.ensure_defaults()
    return target


def close_office() -> None:
    close_database()
