"""Opening the SQLite file: the shared database proxy, connection settings and checks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee

from db.errors import DatabaseError

# Every model is bound to this proxy; open_database() points it at a real file once.
database = peewee.DatabaseProxy()

BUSY_TIMEOUT_MS = 15000
# Applied on every new connection (each thread gets its own connection).
PRAGMAS: list[tuple[str, object]] = [
    ("journal_mode", "wal"),       # readers never block the writer; survives a crash
    ("synchronous", "full"),       # a committed transaction survives a power cut
    ("foreign_keys", 1),
    ("secure_delete", 1),          # deleted personal data is overwritten, not left in pages
    ("busy_timeout", BUSY_TIMEOUT_MS),  # a second connection waits instead of failing
    ("cache_size", -32000),        # 32 MB page cache
]

APPLICATION_ID = 0x42414E47  # "BANG": marks files made by this program


def open_database(path: str | Path, *, upgrade: bool = True) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file, migrate it, and bind the models to it."""
    from db import migrations  # local import: migrations imports the models, which import us

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在的文件夹 {path.parent}：{exc.strerror}") from exc
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=15)
    try:
        db.connect()
        db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.DatabaseError, peewee.DatabaseError, peewee.OperationalError) as exc:
        db.close()
        raise DatabaseError(
            f"无法打开数据库文件 {path}：{exc}。请确认文件没有损坏、不是只读，且磁盘有空间。"
        ) from exc
    database.initialize(db)
    if upgrade:
        try:
            migrations.upgrade(db, path)
        except BaseException:
            db.close()
            raise
    return db


def close_database(*, checkpoint: bool = False) -> None:
    """Close this thread's connection, if the proxy is bound.

    With checkpoint=True (the end of a session) the write-ahead log is first copied into the
    database file and emptied, so that the file is whole on its own.
    """
    if database.obj is None or database.is_closed():
        return
    if checkpoint:
        checkpoint_wal(database.connection())
    database.close()


def checkpoint_wal(connection: sqlite3.Connection, wait_ms: int = 2000) -> bool:
    """PRAGMA wal_checkpoint(TRUNCATE); False if a reader elsewhere kept part of the log (it stays valid)."""
    try:
        pragma_rows(connection, f"busy_timeout = {int(wait_ms)}")
        busy = pragma_rows(connection, "wal_checkpoint(TRUNCATE)")[0][0]
        pragma_rows(connection, f"busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error:
        return False
    return not busy


def pragma_rows(connection: sqlite3.Connection, pragma: str) -> list[tuple[Any, ...]]:
    """Run `PRAGMA <pragma>` on a plain sqlite3 connection and return all its rows."""
    return list(connection.execute(f"PRAGMA {pragma}").fetchall())


def database_path() -> Path | None:
    """The file the models are bound to, or None before open_database()."""
    if database.obj is None:
        return None
    return Path(database.database)


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of a select as plain tuples (typed loosely: peewee's stubs type rows as models)."""
    yield from query.tuples().iterator()


def dicts(query: Any) -> Iterator[dict[str, Any]]:
    """Rows of a select as dicts keyed by column alias."""
    yield from query.dicts().iterator()
