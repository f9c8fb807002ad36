"""Backups: verified copies of the database, made daily at start, before imports, restores and upgrades, and on demand.

Where: a `backups` folder beside the database file (for the usual database, the user data
folder's `backups`), so each database keeps its own; named `<name>-YYYYMMDD-HHMMSS-<reason>.sqlite`.
How: SQLite's online backup API into a temporary file, fsync, integrity_check, then rename
(db.snapshot): a file under a backup's name is always complete and was verified when made.

Rotation, after each backup into that folder (numbers are settings, defaults in KEEP_DEFAULTS):
every backup made on the newest 7 days that have backups; the newest backup of each of the
newest 4 weeks and 12 months; the newest 30 manual backups; and always the newest sound one.
Everything else of this database's backups in the folder is deleted. A backup written
elsewhere (--out FILE) is the user's own and never rotated.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import clock, session
from app.errors import KnownError
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.audit import AuditAction
from app.session import Permission
from db import snapshot
from db.database import APPLICATION_ID, database, database_path
from db.migrations import LATEST

log = logging.getLogger("bangfu.backup")

DAILY, MANUAL, BEFORE_IMPORT, BEFORE_RESTORE = "daily", "manual", "import", "restore"
REASON_LABELS = {DAILY: "每日自动备份", MANUAL: "手动备份", BEFORE_IMPORT: "导入前", BEFORE_RESTORE: "恢复前",
                 "upgrade": "升级数据库结构前"}
LAST_BACKUP_KEY = "backup_last"
KEEP_DEFAULTS = {"backup_keep_daily": 7, "backup_keep_weekly": 4, "backup_keep_monthly": 12,
                 "backup_keep_manual": 30}


@dataclass(frozen=True)
class BackupInfo:
    """One backup file: when and why it was made, its size, and whether its file is sound and ours."""

    path: Path
    time: datetime.datetime
    reason: str
    size: int
    verified: bool  # an SQLite file of this program, complete, not newer than this program
    schema_version: int

    @property
    def label(self) -> str:
        base, _sep, version = self.reason.partition("-v")
        text = REASON_LABELS.get(base, self.reason)
        return f"{text}（结构版本{version}）" if version else text

    def describe(self) -> str:
        state = "" if self.verified else "，文件不完整或不是本程序的数据库"
        return f"{self.time:%Y-%m-%d %H:%M:%S} {self.label}，{megabytes(self.size)}{state}：{self.path}"


@dataclass(frozen=True)
class Keep:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12
    manual: int = 30


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def live_database() -> Path:
    path = database_path()
    if path is None:
        raise KnownError("没有打开的数据库。")
    return path


def backup_now(reason: str = MANUAL, dest: Path | None = None, progress: ProgressFn = no_progress) -> BackupInfo:
    """Copy the open database, verified, into its backups folder (or to `dest`); recorded in the audit trail.

    Automatic backups (daily, before an import, restore or upgrade) need no permission; a manual
    one, or one to a file of the user's choosing, needs Permission.BACKUP. Never call this inside
    a write transaction: the copy would hold its unfinished changes.
    """
    if reason == MANUAL or dest is not None:
        session.require(Permission.BACKUP)
    live = live_database()
    if database.in_transaction():
        raise RuntimeError("backup_now inside a transaction would copy uncommitted changes")
    made = clock.now()
    if dest is None:
        target = snapshot.free_name(snapshot.backup_folder(live), snapshot.backup_name(live, reason, made))
    else:
        target = Path(dest)
        if target.is_dir():  # a folder (a USB stick): the file gets the usual name inside it
            target = snapshot.free_name(target, snapshot.backup_name(live, reason, made))
        if target.exists() and target.resolve() == live.resolve():
            raise KnownError("备份文件不能是数据库文件本身，请换一个文件名。")
    started = time.monotonic()
    progress(0, 1, "正在备份数据库")
    size = snapshot.verified_copy(database.connection(), target,
                                  lambda done, total: progress(done, total, "正在备份数据库"))
    seconds = time.monotonic() - started
    info = BackupInfo(target, made.replace(microsecond=0), reason, size, True, int(database.obj.pragma("user_version")))
    if dest is None:
        settings.put_internal(LAST_BACKUP_KEY, made.date().isoformat())
        rotate(live)
    audit.record(AuditAction.BACKUP, target_kind="database", target_label=target.name,
                 details={"原因": info.label, "文件": str(target), "大小": megabytes(size)})
    log.info("备份完成（%s）：%s，%s，用时 %.1f 秒", info.label, target, megabytes(size), seconds)
    return info


def daily_backup_due() -> bool:
    """No backup of the open database was made today (the window makes one at start, in the background)."""
    return settings.get(LAST_BACKUP_KEY) != clock.today().isoformat()


def daily_backup_if_due(progress: ProgressFn = no_progress) -> BackupInfo | None:
    return backup_now(DAILY, progress=progress) if daily_backup_due() else None


def list_backups(database_file: Path | None = None) -> list[BackupInfo]:
    """The backups of a database (default: the open one) in its backups folder, newest first."""
    live = Path(database_file) if database_file is not None else live_database()
    folder = snapshot.backup_folder(live)
    pattern = snapshot.name_pattern(live)
    found: list[BackupInfo] = []
    try:
        candidates = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        candidates = []
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        try:
            made = datetime.datetime.strptime(match[1], "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        header = snapshot.read_header(path)
        sound = (header is not None and header.complete and header.application_id == APPLICATION_ID
                 and header.user_version <= LATEST)
        found.append(BackupInfo(path, made, match[2], size, sound, header.user_version if header else 0))
    found.sort(key=lambda b: (b.time, b.path.name), reverse=True)
    return found


def newest_verified(database_file: Path) -> BackupInfo | None:
    """The newest backup whose file is sound: what a damaged database is offered."""
    return next((b for b in list_backups(database_file) if b.verified), None)


def keep_policy() -> Keep:
    """How many daily, weekly, monthly and manual backups to keep (settings backup_keep_*)."""
    values: dict[str, int] = {}
    for key, default in KEEP_DEFAULTS.items():
        try:
            values[key.removeprefix("backup_keep_")] = max(1, int(settings.get(key) or default))
        except ValueError:
            values[key.removeprefix("backup_keep_")] = default
    return Keep(**values)


def rotate(database_file: Path) -> list[Path]:
    """Delete this database's backups the keep policy no longer needs; the paths deleted."""
    deleted = []
    for backup in to_delete(list_backups(database_file), keep_policy()):
        try:
            backup.path.unlink()
            deleted.append(backup.path)
        except OSError as exc:
            log.warning("无法删除过期备份 %s：%s", backup.path, exc)
    return deleted


def to_delete(backups: Sequence[BackupInfo], keep: Keep) -> list[BackupInfo]:
    """The backups the policy does not keep (see the module's docstring), newest first."""
    newest_first = sorted(backups, key=lambda b: (b.time, b.path.name), reverse=True)
    kept: set[Path] = set()
    sound = [b for b in newest_first if b.verified]
    if sound:
        kept.add(sound[0].path)
    kept.update(b.path for b in [b for b in newest_first if b.reason == MANUAL][:keep.manual])
    days = _newest_slots(newest_first, lambda b: b.time.date(), keep.daily)
    kept.update(b.path for b in newest_first if b.time.date() in days)
    for slot, count in ((_week, keep.weekly), (_month, keep.monthly)):
        chosen = _newest_slots(newest_first, slot, count)
        seen: set[Hashable] = set()
        for b in newest_first:
            key = slot(b)
            if key in chosen and key not in seen:
                seen.add(key)
                kept.add(b.path)
    return [b for b in newest_first if b.path not in kept]


def _week(backup: BackupInfo) -> Hashable:
    year, week, _day = backup.time.isocalendar()
    return (year, week)


def _month(backup: BackupInfo) -> Hashable:
    return (backup.time.year, backup.time.month)


def _newest_slots(newest_first: Sequence[BackupInfo], slot: Callable[[BackupInfo], Hashable],
                  count: int) -> set[Hashable]:
    slots: list[Hashable] = []
    for backup in newest_first:
        key = slot(backup)
        if key not in slots:
            slots.append(key)
            if len(slots) == count:
                break
    return set(slots)
