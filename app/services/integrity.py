"""Is the database file sound? Checked before anything is written to it: at every start, and by `check`.

At every start quick_check runs on a read-only connection; after an unclean exit (the marker
set at start was not cleared by a clean close) and once a week the full integrity_check and
foreign_key_check run instead. A damaged file raises DatabaseDamaged naming the newest sound
backup, and nothing at all is written to it: not the marker, not a migration, not a backup.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import peewee

from app import clock
from app.services import audit, settings
from app.services.backup import BackupInfo, newest_verified
from db import snapshot
from db.database import APPLICATION_ID, database, pragma_rows
from db.errors import DatabaseError
from db.migrations import LATEST

log = logging.getLogger("bangfu.integrity")

SESSION_KEY = "session_open"      # set when a program opens the database for work, cleared on a clean close
FULL_CHECK_KEY = "last_full_check"
FULL_CHECK_DAYS = 7


class DatabaseDamaged(DatabaseError):
    """The database file failed its check; it was not opened and nothing was written to it."""

    def __init__(self, path: Path, problems: list[str], backup: BackupInfo | None) -> None:
        self.path, self.problems, self.backup = path, list(problems), backup
        shown = "；".join(problems[:3]) + (f" 等{len(problems)}处" if len(problems) > 3 else "")
        message = (f"数据库文件 {path} 已损坏（{shown}）。为免损坏扩大，程序没有打开它，也没有向它写入任何内容。")
        if backup is not None:
            message += (f"最新的完好备份是 {backup.time:%Y-%m-%d %H:%M}（{backup.label}）的 {backup.path}。"
                        f"请由管理员恢复这个备份（命令：python -m app restore \"{backup.path}\" --db \"{path}\"）；"
                        "损坏的文件会改名保留，不会删除。")
        else:
            message += "没有找到它的备份。请不要再使用这个文件，保留它并联系技术人员设法修复。"
        super().__init__(message)


@dataclass(frozen=True)
class StartCheck:
    """What was checked before opening: the full check (after an unclean exit or weekly) or quick_check."""

    full: bool
    unclean_exit: bool
    seconds: float


# SQLite's own words for a file it cannot read, and what they mean for the user.
SQLITE_MESSAGES = {
    "file is not a database": "不是 SQLite 数据库文件，或文件开头已被破坏",
    "database disk image is malformed": "数据库文件的内部结构已损坏",
    "unable to open database file": "无法打开数据库文件（文件不存在、被占用或没有读取权限）",
    "disk I/O error": "读取磁盘出错（磁盘可能有坏道）",
}


def in_words(problem: str) -> str:
    """A problem SQLite reported, in Chinese where we know what it means (its own words kept in brackets)."""
    for english, chinese in SQLITE_MESSAGES.items():
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem


def quick_check(path: Path) -> list[str]:
    return [in_words(p) for p in snapshot.check_file(path, "quick_check")]


def full_check(path: Path) -> list[str]:
    """integrity_check, then foreign_key_check, in plain words; empty if the file is sound."""
    problems = [in_words(p) for p in snapshot.check_file(path, "integrity_check")]
    return problems or foreign_key_problems(path)


def foreign_key_problems(path: Path) -> list[str]:
    try:
        connection = snapshot.open_read_only(path)
        try:
            rows = pragma_rows(connection, "foreign_key_check")
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return [in_words(str(exc))]
    return [f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在" for table, rowid, parent, _fk in rows]


def check_before_open(path: Path, *, exclusive: bool) -> StartCheck | None:
    """Check an existing file before it is opened for writing; None for a new (missing or empty) file.

    Only the program holding the database (exclusive) can tell an unclean exit from another
    program being open, so only it runs the full check; others run quick_check.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    path = path.resolve()  # messages name the files in full
    started = time.monotonic()
    problems = quick_check(path)
    unclean = due = False
    if not problems and exclusive:
        try:
            marks = _read_settings(path, (SESSION_KEY, FULL_CHECK_KEY))
        except sqlite3.Error as exc:
            problems = [in_words(str(exc))]
        else:
            unclean = bool(marks.get(SESSION_KEY))
            due = _full_check_due(marks.get(FULL_CHECK_KEY))
            if unclean or due:
                problems = full_check(path)
    if problems:
        backup = newest_verified(path)
        log.warning("数据库 %s 未通过检查：%s", path, "；".join(problems[:20]))
        raise DatabaseDamaged(path, problems, backup)
    seconds = time.monotonic() - started
    if unclean:
        log.info("上次没有正常退出（%s）：已做完整检查，数据库完好，用时 %.1f 秒", path, seconds)
    return StartCheck(unclean or due, unclean, seconds)


def note_session_open(check: StartCheck | None) -> None:
    """Set the marker a clean close clears (and the date of a full check just passed)."""
    settings.put_internal(SESSION_KEY, clock.now().isoformat(timespec="seconds"))
    if check is None or check.full:
        settings.put_internal(FULL_CHECK_KEY, clock.today().isoformat())


def note_clean_close() -> None:
    settings.put_internal(SESSION_KEY, "")


def _full_check_due(last: str | None) -> bool:
    try:
        day = datetime.date.fromisoformat(last or "")
    except ValueError:
        return True
    return (clock.today() - day).days >= FULL_CHECK_DAYS


def _read_settings(path: Path, keys: tuple[str, ...]) -> dict[str, str]:
    """Settings read without opening the file for writing; {} for a file with no settings table yet."""
    connection = snapshot.open_read_only(path)
    try:
        marks = ", ".join("?" * len(keys))
        return dict(connection.execute(f"SELECT key, value FROM setting WHERE key IN ({marks})", keys).fetchall())
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return {}
        raise
    finally:
        connection.close()


@dataclass(frozen=True)
class CheckReport:
    """What `python -m app check` found."""

    path: Path
    header: snapshot.Header | None
    integrity: tuple[str, ...]
    foreign_keys: tuple[str, ...]
    audit: tuple[str, ...]
    audit_records: int | None  # None: not checked (damaged file, or a version without the trail)
    location: str | None
    backup: BackupInfo | None
    seconds: float

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.audit or self.location)

    def lines(self) -> list[str]:
        out = [f"数据库：{self.path}"]
        if self.header is not None:
            size = self.header.page_count * self.header.page_size
            out.append(f"  结构版本 {self.header.user_version}，{size / 1e6:.1f} MB")
        out += _section("完整性检查（integrity_check）", self.integrity)
        if self.integrity:
            out.append("外键检查（foreign_key_check）：未进行（数据库已损坏）")
        else:
            out += _section("外键检查（foreign_key_check）", self.foreign_keys)
        if self.audit_records is None:
            out.append("操作日志校验：未进行（数据库已损坏，或此版本的数据库没有操作日志）")
        else:
            out += _section(f"操作日志校验（共 {self.audit_records} 条）", self.audit)
        if self.location:
            out.append(f"存放位置：{self.location}")
        out.append(f"用时 {self.seconds:.1f} 秒。")
        if self.integrity or self.foreign_keys:
            out.append("结论：数据库已损坏。请不要继续使用它，由管理员用最新的完好备份恢复：")
            if self.backup is not None:
                out.append(f"  最新的完好备份：{self.backup.describe()}")
                out.append(f"  python -m app restore \"{self.backup.path}\" --db \"{self.path}\"")
            else:
                out.append("  没有找到它的备份。请保留这个文件，联系技术人员设法修复。")
        elif self.audit:
            out.append("结论：数据完好，但操作日志被改动或删除过，请管理员核查（改动的记录见上）。")
        elif self.location:
            out.append("结论：数据完好，但存放位置不安全，请把数据库移到本机磁盘。")
        else:
            out.append("结论：数据库完好。")
        return out


def _section(title: str, problems: tuple[str, ...]) -> list[str]:
    if not problems:
        return [f"{title}：通过"]
    shown = [f"  · {p}" for p in problems[:50]]
    more = [f"  · 另有 {len(problems) - 50} 处"] if len(problems) > 50 else []
    return [f"{title}：发现 {len(problems)} 处问题", *shown, *more]


def check_database(path: Path) -> CheckReport:
    """Every check, reading only: integrity, foreign keys, the audit trail's hash chain, the location."""
    from app.storage_location import unsafe_reason

    if not path.is_file():
        raise DatabaseError(f"找不到数据库文件 {path}，请检查路径。")
    path = path.resolve()
    started = time.monotonic()
    header = snapshot.read_live_header(path)
    integrity = [in_words(p) for p in snapshot.check_file(path, "integrity_check")]
    if header is not None and header.application_id not in (0, APPLICATION_ID):
        integrity = ["这不是工会帮扶工作台的数据库文件", *integrity]
    foreign_keys = foreign_key_problems(path) if not integrity else []
    trail: list[str] = []
    records: int | None = None
    if not integrity and header is not None and 2 <= header.user_version <= LATEST:
        with _bound_read_only(path):
            trail = audit.verify_chain()
            records = int(database.execute_sql("SELECT count(*) FROM audit_record").fetchone()[0])
    damaged = bool(integrity or foreign_keys)
    return CheckReport(path, header, tuple(integrity), tuple(foreign_keys), tuple(trail), records,
                       unsafe_reason(path), newest_verified(path) if damaged else None,
                       time.monotonic() - started)


@contextlib.contextmanager
def _bound_read_only(path: Path) -> Iterator[None]:
    """Point the models at a read-only connection to `path` for a while (the check writes nothing)."""
    previous = database.obj
    reader = peewee.SqliteDatabase(snapshot.read_only_uri(path), uri=True)
    database.initialize(reader)
    try:
        yield
    finally:
        reader.close()
        database.initialize(previous)
