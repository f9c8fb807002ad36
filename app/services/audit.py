"""The audit trail (操作日志): append-only records, each chained to the one before by its hash."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app import clock, session
from app.session import Permission
from db.database import database
from db.models import AuditRecord

GENESIS = "0" * 64


class AuditAction(StrEnum):
    LOGIN = "登录"
    LOGIN_FAILED = "登录失败"
    LOGOUT = "退出登录"
    CREATE = "新建"
    UPDATE = "修改"
    DELETE = "删除"
    STEP = "办理"
    IMPORT = "导入"
    EXPORT = "导出"
    PRINT = "打印"
    BACKUP = "备份"
    RESTORE = "恢复"
    REVEAL = "查看身份信息"
    SETTINGS = "修改设置"
    ACCOUNT = "账户管理"
    PURGE = "清理档案"


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime.datetime
    username: str
    action: str
    target_kind: str
    target_id: int | None
    target_label: str
    details: str


def _digest(prev_hash: str, at: str, username: str, action: str, target_kind: str, target_id: int | None,
            target_label: str, details: str) -> str:
    payload = json.dumps([prev_hash, at, username, action, target_kind, target_id, target_label, details],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(action: AuditAction, *, target_kind: str = "", target_id: int | None = None, target_label: str = "",
           details: Mapping[str, object] | None = None, username: str | None = None) -> None:
    """Append one record. Inside the caller's transaction when there is one, so a change that is
    rolled back leaves no record; otherwise in a transaction of its own.

    Details hold masked values only: a full ID number never enters the trail.
    """
    text = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) if details else ""
    who = username or session.current_username()
    with database.atomic("IMMEDIATE"):
        last = AuditRecord.select(AuditRecord.hash).order_by(AuditRecord.id.desc()).first()
        prev_hash = last.hash if last is not None else GENESIS
        at = clock.now().isoformat(timespec="microseconds")
        label = target_label[:100]
        AuditRecord.create(at=at, username=who, action=str(action), target_kind=target_kind, target_id=target_id,
                           target_label=label, details=text, prev_hash=prev_hash,
                           hash=_digest(prev_hash, at, who, str(action), target_kind, target_id, label, text))


def verify_chain() -> list[str]:
    """Every problem with the trail: an edited record, a removed one, a broken link."""
    problems: list[str] = []
    prev_hash = GENESIS
    expected_id = 1
    cursor = database.execute_sql(
        "SELECT id, at, username, action, target_kind, target_id, target_label, details, prev_hash, hash "
        "FROM audit_record ORDER BY id")
    for (rid, at, username, action, kind, target_id, label, details, stored_prev, stored_hash) in cursor:
        if rid != expected_id:
            problems.append(f"操作日志第{expected_id}至{rid - 1}条记录已被删除")
        if stored_prev != prev_hash:
            problems.append(f"操作日志第{rid}条记录与前一条的链接不符（前一条被修改或删除）")
        if _digest(stored_prev, at, username, action, kind, target_id, label, details) != stored_hash:
            problems.append(f"操作日志第{rid}条记录的内容与其校验值不符（记录被修改）")
        prev_hash = stored_hash
        expected_id = rid + 1
    row = database.execute_sql("SELECT seq FROM sqlite_sequence WHERE name = 'audit_record'").fetchone()
    if row is not None and row[0] >= expected_id:
        problems.append(f"操作日志最后的第{expected_id}至{row[0]}条记录已被删除")
    return problems


@dataclass(frozen=True)
class AuditQuery:
    text: str = ""
    username: str | None = None
    action: str | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    target_kind: str | None = None
    target_id: int | None = None
    before_id: int | None = None   # paging: records older than this one
    limit: int = 2000


def list_records(query: AuditQuery) -> list[AuditEntry]:
    """Newest first; only administrators may read the trail."""
    session.require(Permission.AUDIT)
    select = AuditRecord.select().order_by(AuditRecord.id.desc()).limit(query.limit)
    if query.before_id is not None:
        select = select.where(AuditRecord.id < query.before_id)
    if query.username:
        select = select.where(AuditRecord.username == query.username)
    if query.action:
        select = select.where(AuditRecord.action == query.action)
    if query.since:
        select = select.where(AuditRecord.at >= query.since.isoformat())
    if query.until:
        select = select.where(AuditRecord.at < (query.until + datetime.timedelta(days=1)).isoformat())
    if query.target_kind:
        select = select.where(AuditRecord.target_kind == query.target_kind)
    if query.target_id is not None:
        select = select.where(AuditRecord.target_id == query.target_id)
    if query.text:
        like = f"%{query.text}%"
        select = select.where(AuditRecord.target_label.contains(query.text) | AuditRecord.details ** like)
    return [AuditEntry(r.id, datetime.datetime.fromisoformat(r.at), r.username, r.action, r.target_kind,
                       r.target_id, r.target_label, r.details) for r in select]


def usernames() -> list[str]:
    return [r.username for r in AuditRecord.select(AuditRecord.username).distinct().order_by(AuditRecord.username)]


def changes(old: Mapping[str, object], new: Mapping[str, object], labels: Mapping[str, str],
            masked: Sequence[str] = ()) -> list[list[str]]:
    """[label, old, new] for every field that differs; fields in `masked` keep only their ends."""
    from app.validation import mask_id_number

    result = []
    for key, label in labels.items():
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        shown = [_text(before), _text(after)]
        if key in masked:
            shown = [mask_id_number(s) if s else "" for s in shown]
        result.append([label, *shown])
    return result


def _text(value: object) -> str:
    if value is None or value == ():
        return ""
    if isinstance(value, tuple | list):
        return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
