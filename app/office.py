"""Opening the office's database for a session of work (window, command or test), and closing it cleanly.

open_office, in this order, before anything is written to the file:
1. refuse a path on a network share, mapped network drive or cloud-sync folder (storage_location);
2. for a program that writes (exclusive): hold `<db>.lock`, or refuse if another program holds it;
3. check the file (integrity): quick_check, or the full check after an unclean exit and weekly;
   a damaged file raises DatabaseDamaged naming the newest sound backup;
4. open it, upgrading an older schema (after a verified backup), and seed defaults;
5. (exclusive) set the unclean-exit marker that close_office clears.
close_office clears the marker, checkpoints the write-ahead log into the file and lets go of the lock.
At most one office is open in a process: opening another closes the first.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from app import instance_lock, paths, storage_location
from app.services import integrity, settings
from db.database import close_database, database, open_database

log = logging.getLogger("bangfu.office")


@dataclass(frozen=True)
class _Open:
    path: Path
    lock: instance_lock.InstanceLock | None
    check: integrity.StartCheck | None


_current: _Open | None = None


def open_office(path: str | Path | None = None, *, exclusive: bool = True, holder: str = "程序窗口") -> Path:
    """Check and open the database (creating and migrating it if needed); returns its path.

    exclusive: this program writes (the window, import, settings, restore …) and holds the
    database against a second one; read-only commands (export, print, backup) pass False.
    `holder` names this program in the message another program gets (程序窗口, 命令 import …).
    Raises UnsafeLocation, InstanceLocked, DatabaseDamaged or another DatabaseError.
    """
    global _current
    close_office()
    target = Path(path) if path else paths.default_database_path()
    storage_location.check_location(target)
    lock = instance_lock.acquire(target, holder) if exclusive else None
    try:
        check = integrity.check_before_open(target, exclusive=exclusive)
        open_database(target)
        settings.ensure_defaults()
        if exclusive:
            integrity.note_session_open(check)
    except BaseException:
        close_database()
        if lock is not None:
            lock.release()
        raise
    _current = _Open(target, lock, check)
    return target


def current_office() -> Path | None:
    """The database open for work in this process, if any."""
    return _current.path if _current is not None else None


def last_start_check() -> integrity.StartCheck | None:
    """How the open database was checked at start (None for a new file)."""
    return _current.check if _current is not None else None


def close_office() -> None:
    """End the session: clear the unclean-exit marker, make the file whole (checkpoint), release the lock."""
    global _current
    current, _current = _current, None
    try:
        if current is not None and current.lock is not None and database.obj is not None:
            try:
                integrity.note_clean_close()
            except (peewee.PeeweeException, sqlite3.Error) as exc:
                log.warning("关闭数据库时无法清除“正在使用”标记（下次启动会做完整检查）：%s", exc)
    finally:
        close_database(checkpoint=True)
        if current is not None and current.lock is not None:
            current.lock.release()
