"""Verified copies of a database file: online backup API into a temporary file, fsync, check, then rename.

A copy never appears under its final name unless it is complete, on disk and passed
integrity_check. Backups live in a `backups` folder beside their database file and are named
`<database name>-YYYYMMDD-HHMMSS-<reason>.sqlite`; this module is the one place that knows the rule.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import sqlite3
import struct
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from db.database import pragma_rows
from db.errors import DatabaseError

FOLDER = "backups"
SUFFIX = ".sqlite"
PARTIAL = ".partial"
STEP_PAGES = 1024          # pages copied per step of the backup API (4 MB with 4 KB pages)
STALE_PARTIAL_S = 3600     # a temporary copy this old was left by a program that died
MAGIC = b"SQLite format 3\x00"
REASON = r"[a-z]+(?:-v\d+)?"

CopyProgress = Callable[[int, int], None]  # (pages done, pages in all)


@dataclass(frozen=True)
class Header:
    """What the first 100 bytes of an SQLite file say about it."""

    page_size: int
    page_count: int
    user_version: int
    application_id: int
    complete: bool  # the file is exactly page_size × page_count bytes


def backup_folder(database: Path) -> Path:
    """Where a database's backups go: a `backups` folder beside the file (each database has its own)."""
    return database.parent / FOLDER


def backup_name(database: Path, reason: str, when: datetime.datetime) -> str:
    if not re.fullmatch(REASON, reason):
        raise ValueError(f"bad backup reason {reason!r}")
    return f"{database.stem}-{when:%Y%m%d-%H%M%S}-{reason}{SUFFIX}"


def name_pattern(database: Path) -> re.Pattern[str]:
    """Matches the names of this database's backups: groups time, reason and an optional counter."""
    return re.compile(re.escape(database.stem) + rf"-(\d{{8}}-\d{{6}})-({REASON})(?:-(\d+))?{re.escape(SUFFIX)}")


def free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, or name-2, name-3 … if two backups fall in the same second."""
    target = folder / name
    counter = 2
    while target.exists():
        target = folder / f"{name[:-len(SUFFIX)]}-{counter}{SUFFIX}"
        counter += 1
    return target


def read_header(path: Path) -> Header | None:
    """The header of an SQLite file, or None if the file is missing, too short or not SQLite."""
    try:
        with open(path, "rb") as file:
            head = file.read(100)
            size = os.fstat(file.fileno()).st_size
    except OSError:
        return None
    if len(head) < 100 or head[:16] != MAGIC:
        return None
    (page_size,) = struct.unpack_from(">H", head, 16)
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack_from(">II", head, 24)
    (valid_for,) = struct.unpack_from(">I", head, 92)
    if change_counter != valid_for or page_count == 0:  # an old writer left the in-header size stale
        page_count = size // page_size if page_size else 0
    (user_version,) = struct.unpack_from(">I", head, 60)
    (application_id,) = struct.unpack_from(">I", head, 68)
    return Header(page_size, page_count, user_version, application_id, page_size > 0 and size == page_size * page_count)


def read_live_header(path: Path) -> Header | None:
    """Like read_header, but as SQLite sees the file with its write-ahead log (a database in use may have
    newer values in the log than in the file); None if SQLite cannot read it."""
    try:
        connection = open_read_only(path)
        try:
            values = [pragma_rows(connection, name)[0][0]
                      for name in ("page_size", "page_count", "user_version", "application_id")]
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    page_size, page_count, user_version, application_id = (int(v) for v in values)
    return Header(page_size, page_count, user_version, application_id & 0xFFFFFFFF, True)


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens `path` read-only: such a connection never writes to the file, nor
    checkpoints the write-ahead log into it when closed."""
    text = str(path.resolve()).replace("\\", "/")
    if not text.startswith("/"):
        text = "/" + text  # C:/… becomes file:///C:/…
    return "file://" + quote(text) + "?mode=ro"


def open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True, timeout=15)


def check_file(path: Path, pragma: str = "integrity_check") -> list[str]:
    """The problems `PRAGMA integrity_check` (or quick_check) finds in a file; empty if it is sound.

    A file SQLite cannot read at all gives its error message as the one problem.
    """
    try:
        connection = open_read_only(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = pragma_rows(connection, pragma)
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        connection.close()
    problems = [str(row[0]) for row in rows]
    return [] if problems == ["ok"] else problems


def verified_copy(source: sqlite3.Connection, target: Path, progress: CopyProgress | None = None) -> int:
    """Copy the database behind `source` to `target`, verified; returns the copy's size in bytes.

    The copy is written to a temporary file beside `target`, made a standalone file (no -wal),
    flushed to disk, checked with integrity_check and only then renamed into place; on any
    failure the temporary file is removed and `target` is untouched.
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_partials(folder)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=PARTIAL, dir=folder)
        os.close(handle)  # created readable by the owner only: a backup holds everything the database holds
    except OSError as exc:
        raise DatabaseError(f"无法在 {folder} 中建立备份文件：{exc.strerror or exc}。"
                            "请确认该文件夹可写、磁盘有空间。") from exc
    temp = Path(temp_name)
    try:
        _copy(source, temp, progress)
        problems = check_file(temp)
        if problems:
            raise DatabaseError(f"备份副本未通过完整性检查（{problems[0]}），未保存。当前数据库可能已损坏，"
                                "请运行“python -m app check”检查。")
        os.replace(temp, target)
        fsync_folder(folder)
        return target.stat().st_size
    except OSError as exc:
        raise DatabaseError(f"无法写入备份 {target}：{exc.strerror or exc}。请确认磁盘有空间、文件夹可写。") from exc
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _copy(source: sqlite3.Connection, temp: Path, progress: CopyProgress | None) -> None:
    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        out = sqlite3.connect(str(temp))
        try:
            source.backup(out, pages=STEP_PAGES, progress=step)
            out.execute("PRAGMA journal_mode=DELETE")  # a standalone file: opening it makes no -wal beside it
        finally:
            out.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"复制数据库时出错：{exc}。请确认磁盘有空间；如果反复出现，请运行“python -m app check”。"
                            ) from exc
    with open(temp, "rb+") as file:
        os.fsync(file.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` survive a power cut (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def remove_stale_partials(folder: Path, older_than_s: float = STALE_PARTIAL_S) -> None:
    """Delete temporary copies left by a program that was killed while making a backup."""
    limit = time.time() - older_than_s
    for path in folder.glob(f".*{PARTIAL}*"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < limit:
                path.unlink()
