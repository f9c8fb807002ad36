"""Restoring a backup: the chosen file is verified, the current database backed up, then replaced.

restore_backup (an administrator, the database open and sound): the backup is copied into the
live database through SQLite's backup API under its write lock, so the write-ahead log and
every other connection stay consistent; an older backup is then upgraded.
replace_damaged (the database is damaged or missing, so nobody can sign in to it): the
administrator's password is checked against the backup itself, the damaged file is set aside
under another name (never deleted), and the verified copy takes its place.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from app import clock, instance_lock, session
from app.errors import KnownError
from app.progress import ProgressFn, no_progress
from app.services import accounts, audit, backup, integrity, settings
from app.services.audit import AuditAction
from app.session import Permission, Role, SignedIn
from db import migrations, snapshot
from db.database import APPLICATION_ID, database
from db.errors import DatabaseError
from db.models import Account

log = logging.getLogger("bangfu.restore")

COUNTED = (("household", "档案"), ("person", "人员"), ("family_member", "家庭成员"),
           ("household_event", "档案历史"), ("account", "账户"), ("audit_record", "操作日志"))


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    safety_backup: backup.BackupInfo | None  # the database as it was just before (None if it was damaged)
    set_aside: Path | None                   # the damaged file, kept under this name
    counts: dict[str, int]                   # rows per table (Chinese name) now in the database
    upgraded_from: int | None                # the backup's schema version, if it had to be upgraded
    signed_in: SignedIn | None               # the session's account in the restored data (None: sign in again)

    def describe(self) -> str:
        parts = [f"已从备份 {self.source} 恢复：" + "，".join(f"{k} {v}" for k, v in self.counts.items()) + "。"]
        if self.safety_backup is not None:
            parts.append(f"恢复前的数据库已备份为 {self.safety_backup.path}。")
        if self.set_aside is not None:
            parts.append(f"损坏的数据库文件已改名保留为 {self.set_aside}。")
        if self.upgraded_from is not None:
            parts.append(f"备份的结构版本为 {self.upgraded_from}，已升级到 {migrations.LATEST}。")
        if self.signed_in is None:
            parts.append("恢复的数据中没有当前账户（或已停用），请重新登录。")
        return "".join(parts)


def verify_backup(path: Path) -> snapshot.Header:
    """The backup's header if it is a sound database of this program that this version can open."""
    if not path.is_file():
        raise KnownError(f"找不到备份文件 {path}。")
    header = snapshot.read_live_header(path)
    if header is None or header.application_id != APPLICATION_ID or header.user_version < 1:
        raise KnownError(f"{path} 不是工会帮扶工作台的数据库或备份文件，未恢复。")
    if header.user_version > migrations.LATEST:
        raise KnownError(f"备份 {path} 由更新版本的程序制作（结构版本 {header.user_version}），"
                         f"本程序只支持到 {migrations.LATEST}。请安装新版本后再恢复。")
    problems = snapshot.check_file(path)
    if problems:
        raise KnownError(f"备份 {path} 未通过完整性检查（{integrity.in_words(problems[0])}），不能用来恢复。"
                         "请选择更早的备份。")
    return header


def restore_backup(path: Path, progress: ProgressFn = no_progress) -> RestoreResult:
    """Replace the open database's contents with a backup (administrators); the current data is backed up first."""
    who = session.require(Permission.RESTORE)
    live = backup.live_database()
    source = Path(path)
    if source.exists() and source.resolve() == live.resolve():
        raise KnownError("不能用数据库文件本身恢复，请选择一个备份文件。")
    header = verify_backup(source)
    safety = backup.backup_now(backup.BEFORE_RESTORE, progress=progress)
    progress(0, 1, "正在恢复")
    try:
        reader = snapshot.open_read_only(source)
        try:
            reader.backup(database.connection(), pages=snapshot.STEP_PAGES, progress=_until_committed(progress))
        finally:
            reader.close()
    except sqlite3.Error as exc:
        raise DatabaseError(f"恢复时出错：{exc}。当前数据库未改变或已回到恢复前；"
                            f"恢复前的备份在 {safety.path}。") from exc
    upgraded = _upgrade(live, header.user_version)
    settings.ensure_defaults()
    integrity.note_session_open(None)  # the restored file was just checked in full
    signed_in = _resume(who)
    counts = row_counts()
    audit.record(AuditAction.RESTORE, target_kind="database", target_label=source.name, username=who.username,
                 details={"备份文件": str(source), "恢复前备份": safety.path.name, **counts})
    log.info("已从 %s 恢复数据库 %s（恢复前备份 %s）", source, live, safety.path)
    return RestoreResult(source, safety, None, counts, upgraded, signed_in)


def replace_damaged(database_file: Path, backup_file: Path, username: str, password: str,
                    progress: ProgressFn = no_progress, *, holder: str = "恢复备份") -> RestoreResult:
    """Put a backup in place of a damaged (or missing) database, for an administrator of that backup.

    Leaves the restored database open (open_office) with that administrator signed in; `holder`
    names the program that then holds it in another program's refusal (the window goes on using it).
    """
    from app.office import close_office, open_office

    live, source = Path(database_file), Path(backup_file)
    header = verify_backup(source)
    _check_administrator(source, username, password)
    with instance_lock.acquire(live, holder):
        if live.exists() and live.stat().st_size > 0 and not integrity.full_check(live):
            raise KnownError(f"数据库 {live} 没有损坏：请登录后用“恢复备份”恢复（会先备份当前数据）。")
        close_office()
        progress(0, 1, "正在恢复")
        staging = live.with_name(f".{live.name}.restoring")  # the damaged file stays put until the copy is whole
        reader = snapshot.open_read_only(source)
        try:
            snapshot.verified_copy(reader, staging, lambda done, total: progress(done, total, "正在恢复"))
        finally:
            reader.close()
        set_aside = _set_aside(live)
        try:
            os.replace(staging, live)
        except OSError as exc:
            raise KnownError(f"无法把备份放到 {live}（{exc.strerror or exc}）。损坏的文件已改名为 {set_aside}，"
                             f"完好的副本在 {staging}。") from exc
        snapshot.fsync_folder(live.parent)
        open_office(live, holder=holder)
    if accounts.has_accounts():
        accounts.sign_in(username, password)
    else:  # a backup from before accounts existed: this administrator becomes the first one
        accounts.create_first_admin(username, username, password)
        accounts.sign_in(username, password)
    counts = row_counts()
    audit.record(AuditAction.RESTORE, target_kind="database", target_label=source.name,
                 details={"备份文件": str(source), "损坏的文件": str(set_aside) if set_aside else "（原文件不存在）",
                          **counts})
    log.warning("数据库 %s 已损坏或缺失，已用备份 %s 替换（原文件保留为 %s）", live, source, set_aside)
    upgraded = header.user_version if header.user_version < migrations.LATEST else None
    return RestoreResult(source, None, set_aside, counts, upgraded, session.current())


def _until_committed(progress: ProgressFn) -> Callable[[int, int, int], None]:
    """Progress of the copy into the live database; the last step has committed, so it is not reported
    (a cancel there would come too late: the copy is in, and migrations and the record must follow)."""
    def step(_status: int, remaining: int, total: int) -> None:
        if remaining:
            progress(total - remaining, total, "正在恢复")

    return step


def row_counts() -> dict[str, int]:
    tables = {r[0] for r in database.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {label: int(database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0])
            for table, label in COUNTED if table in tables}


def _upgrade(live: Path, version: int) -> int | None:
    if version >= migrations.LATEST:
        return None
    migrations.upgrade(database.obj, live)
    return version


def _resume(who: SignedIn) -> SignedIn | None:
    """The session continues as the same username if the restored data has it, active; else nobody."""
    row = Account.get_or_none(Account.username == who.username)
    account = SignedIn(row.id, row.username, row.display_name, Role(row.role)) if row and row.active else None
    session.set_current(account)
    return account


def _check_administrator(source: Path, username: str, password: str) -> None:
    """The password must be an active administrator's in the backup (any name, if it predates accounts)."""
    reader = snapshot.open_read_only(source)
    try:
        tables = {r[0] for r in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "account" not in tables or not reader.execute("SELECT 1 FROM account LIMIT 1").fetchone():
            return
        row = reader.execute("SELECT password_hash, role, active FROM account WHERE username = ?",
                             (username.strip(),)).fetchone()
    finally:
        reader.close()
    ok = False
    if row is not None and row[2] and row[1] == Role.ADMIN:
        try:
            ok = accounts.hasher.verify(row[0], password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
    if not ok:
        log.warning("用备份 %s 替换损坏的数据库：账户“%s”验证未通过", source, username[:32])
        raise KnownError("用户名或密码不正确，或该账户不是这个备份中的管理员。恢复备份需要管理员账户。")


def _set_aside(live: Path) -> Path | None:
    """Rename the damaged file (with its -wal and -shm) to <name>.damaged-<time>.sqlite; None if there is none."""
    if not live.exists():
        return None
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = live.with_name(f"{live.stem}.damaged-{stamp}{live.suffix}")
    try:
        for suffix in ("-wal", "-shm"):
            side = live.with_name(live.name + suffix)
            if side.exists():
                os.replace(side, target.with_name(target.name + suffix))
        os.replace(live, target)
    except OSError as exc:
        raise KnownError(f"无法把损坏的数据库改名保留（{exc.strerror or exc}），未恢复。请关闭可能占用它的程序后重试。"
                         ) from exc
    snapshot.fsync_folder(live.parent)
    return target

