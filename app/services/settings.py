"""Office settings: name, notice period, the dated 低保 line and the value lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from app import session, vocab
from app.errors import KnownError
from app.services import audit
from app.services.audit import AuditAction
from app.session import Permission
from db.database import database
from db.models import PovertyLine, Setting, ValueListItem

DEFAULTS: dict[str, str] = {
    "office_name": "县总工会困难职工帮扶中心",
    "notice_days": "7",
    "recheck_months": "12",
    "stale_days": "365",
    "idle_lock_minutes": "10",
    "petition_limit_days": "15",
}


@dataclass(frozen=True)
class PovertyLineEntry:
    effective_from: datetime.date
    monthly_amount: Decimal
    note: str


def ensure_defaults() -> None:
    """Seed value lists on a new database (existing choices are never touched)."""
    with database.atomic("IMMEDIATE"):
        present = {(i.list_name, i.value) for i in ValueListItem.select()}
        rows = []
        for list_name, values in vocab.CONFIGURABLE_LISTS.items():
            inactive = vocab.INACTIVE_BY_DEFAULT.get(list_name, frozenset())
            for order, value in enumerate(values):
                if (list_name, value) not in present:
                    rows.append({"list_name": list_name, "value": value, "sort_order": order,
                                 "active": value not in inactive})
        if rows:
            ValueListItem.insert_many(rows).execute()


def get(key: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row is not None else DEFAULTS.get(key, "")


def put(key: str, value: str) -> None:
    """Change one office setting (administrators), recorded in the audit trail."""
    session.require(Permission.SETTINGS)
    with database.atomic("IMMEDIATE"):
        old = get(key)
        Setting.insert(key=key, value=value).on_conflict_replace().execute()
        if old != value:
            audit.record(AuditAction.SETTINGS, target_kind="setting", target_label=key,
                         details={"设置": key, "原值": old, "新值": value})


def put_internal(key: str, value: str) -> None:
    """Bookkeeping the program keeps for itself (last backup, last check) and the demo: no account check."""
    with database.atomic("IMMEDIATE"):
        Setting.insert(key=key, value=value).on_conflict_replace().execute()


def office_name() -> str:
    return get("office_name")


def notice_days() -> int:
    return int(get("notice_days") or 7)


def petition_limit_days() -> int:
    """Days a petition may stay open before it is overdue (办理时限)."""
    try:
        return max(1, int(get("petition_limit_days")))
    except ValueError:
        return int(DEFAULTS["petition_limit_days"])


def idle_lock_minutes() -> int:
    """Minutes without input before the window locks itself (0: never)."""
    try:
        return max(0, int(get("idle_lock_minutes")))
    except ValueError:
        return int(DEFAULTS["idle_lock_minutes"])


def recheck_months() -> int:
    return int(get("recheck_months") or 12)


def stale_days() -> int:
    return int(get("stale_days") or 365)


def set_poverty_line(effective_from: datetime.date, monthly_amount: Decimal, note: str = "") -> None:
    """Record the 低保 line (元/人/月) valid from a date; a later date starts a new period."""
    session.require(Permission.SETTINGS)
    with database.atomic("IMMEDIATE"):
        store_poverty_line(effective_from, monthly_amount, note)
        audit.record(AuditAction.SETTINGS, target_kind="poverty_line", target_label=effective_from.isoformat(),
                     details={"设置": "低保标准", "起始日期": effective_from.isoformat(), "金额": str(monthly_amount)})


def store_poverty_line(effective_from: datetime.date, monthly_amount: Decimal, note: str = "") -> None:
    """Write a 低保 line with no account check: for the demo county on its new, empty database."""
    if monthly_amount <= 0:
        raise KnownError("低保标准必须大于0")
    with database.atomic("IMMEDIATE"):
        PovertyLine.insert(effective_from=effective_from, monthly_amount=monthly_amount,
                           note=note).on_conflict_replace().execute()


def poverty_line_on(day: datetime.date) -> Decimal | None:
    """The 低保 line in force on `day`, or None if none was set by then."""
    row = (PovertyLine.select().where(PovertyLine.effective_from <= day)
           .order_by(PovertyLine.effective_from.desc()).first())
    return row.monthly_amount if row is not None else None


def poverty_lines() -> list[PovertyLineEntry]:
    return [PovertyLineEntry(r.effective_from, r.monthly_amount, r.note)
            for r in PovertyLine.select().order_by(PovertyLine.effective_from)]


def value_lists() -> dict[str, tuple[str, ...]]:
    """Every list a field can draw from: fixed national lists plus this office's active values."""
    lists: dict[str, tuple[str, ...]] = dict(vocab.FIXED_LISTS)
    configured: dict[str, list[str]] = {}
    query = (ValueListItem.select().where(ValueListItem.active)
             .order_by(ValueListItem.list_name, ValueListItem.sort_order, ValueListItem.id))
    for item in query:
        configured.setdefault(item.list_name, []).append(item.value)
    for name, defaults in vocab.CONFIGURABLE_LISTS.items():
        lists[name] = tuple(configured.get(name, defaults))
    return lists


def set_value_active(list_name: str, value: str, active: bool = True) -> None:
    """Add a value to a configurable list (e.g. 特困职工 for older files) or retire one."""
    session.require(Permission.SETTINGS)
    if list_name not in vocab.CONFIGURABLE_LISTS:
        raise KnownError(f"“{list_name}”不是可配置的值列表（可配置：{'、'.join(vocab.CONFIGURABLE_LISTS)}）")
    value = value.strip()
    if not value:
        raise KnownError("值不能为空")
    with database.atomic("IMMEDIATE"):
        item = ValueListItem.get_or_none(list_name=list_name, value=value)
        if item is None:
            last = (ValueListItem.select().where(ValueListItem.list_name == list_name)
                    .order_by(ValueListItem.sort_order.desc()).first())
            ValueListItem.create(list_name=list_name, value=value, active=active,
                                 sort_order=(last.sort_order + 1) if last else 0)
        else:
            item.active = active
            item.save()
        audit.record(AuditAction.SETTINGS, target_kind="value_list", target_label=f"{list_name}={value}",
                     details={"设置": "可选值", "列表": list_name, "值": value, "启用": active})
