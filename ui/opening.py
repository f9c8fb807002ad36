"""Opening a database for the window: a refusal explained, a damaged file offered its newest verified backup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from app import paths
from app.errors import KnownError
from app.office import close_office, open_office
from app.services.integrity import DatabaseDamaged
from app.services.restore import RestoreResult
from ui import messages
from ui.dialogs.damaged_database_dialog import DamagedDatabaseDialog
from ui.dialogs.restore_admin_dialog import RestoreAdminDialog


@dataclass(frozen=True)
class Opened:
    """A database open for work; `restored` if it was damaged and replaced by a backup (its administrator signed in)."""

    path: Path
    restored: RestoreResult | None = None


def open_for_window(path: str | Path | None, parent: QWidget | None, *, quit_text: str = "退出") -> Opened | None:
    """open_office, or None after saying why not (nothing is left open then).

    A damaged file (DatabaseDamaged, before any other KnownError: it is one) is explained and,
    if it has a verified backup, an administrator may restore it here. Any other refusal (a
    second program on the database, a network or cloud folder, a newer database) is shown as is.
    """
    try:
        return Opened(open_office(path))
    except DatabaseDamaged as exc:
        return offer_backup(exc, parent, quit_text=quit_text)
    except KnownError as exc:
        messages.warn(parent, f"{paths.APP_TITLE} — 无法打开数据库", str(exc))
        return None


def offer_backup(exc: DatabaseDamaged, parent: QWidget | None, *, quit_text: str = "退出") -> Opened | None:
    """Explain the damage; with a backup, ask whether to restore it and for an administrator's password."""
    if exc.backup is None:
        messages.warn(parent, f"{paths.APP_TITLE} — 数据库已损坏", str(exc))
        return None
    explained = DamagedDatabaseDialog(exc, parent, quit_text=quit_text)
    try:
        if explained.exec() != QDialog.DialogCode.Accepted:
            return None
    finally:
        explained.deleteLater()
    admin = RestoreAdminDialog(exc.path, exc.backup, parent)
    try:
        if admin.exec() == QDialog.DialogCode.Accepted and admin.restored is not None:
            return Opened(exc.path, admin.restored)
    finally:
        admin.deleteLater()
    close_office()  # a restore that failed after opening the file leaves nothing open
    return None
