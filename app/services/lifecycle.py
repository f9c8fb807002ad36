"""The file lifecycle: 申报 → 基层审核 → 入户调查 → 公示 → 认定(在档) → 年度复核 → 脱困/退档.

Each step is guarded, dated, signed with the operator's name and appended to the history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from app import clock, session
from app.errors import KnownError
from app.progress import ProgressFn, no_progress
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.household_forms import HouseholdChange
from app.session import Permission
from app.vocab import WITHDRAW_REASONS, FileAction, FileStatus
from db.database import database
from db.models import Household, HouseholdEvent

S = FileStatus
A = FileAction

# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[FileAction, tuple[tuple[FileStatus, ...], FileStatus]] = {
    A.REVIEW: ((S.APPLIED,), S.REVIEWED),
    A.SURVEY: ((S.REVIEWED,), S.SURVEYED),
    A.NOTICE: ((S.SURVEYED,), S.ON_NOTICE),
    A.APPROVE: ((S.ON_NOTICE,), S.ACTIVE),
    A.RECHECK: ((S.ACTIVE,), S.ACTIVE),
    A.LIFT: ((S.ACTIVE,), S.LIFTED),
    A.WITHDRAW: ((S.ACTIVE, S.LIFTED), S.WITHDRAWN),
    A.REJECT: ((S.APPLIED, S.REVIEWED, S.SURVEYED, S.ON_NOTICE), S.REJECTED),
}
STEP_ACTIONS = tuple(TRANSITIONS)


@dataclass(frozen=True)
class StepRequest:
    """One lifecycle step as the user asks for it."""

    action: FileAction
    on_date: datetime.date
    note: str = ""
    reason: str | None = None         # 退档 reason; 不予认定 reason goes in note
    notice_days: int | None = None    # 公示 period; the office setting if None


def available_actions(status: str) -> list[FileAction]:
    """The steps that make sense for a file in this status, in workflow order."""
    return [a for a, (sources, _target) in TRANSITIONS.items() if status in sources]


def _guard(household: Household, request: StepRequest) -> None:
    action = request.action
    sources, _target = TRANSITIONS[action]
    if household.status not in sources:
        allowed = "、".join(str(s) for s in sources)
        raise KnownError(f"档案 {household.file_no} 当前为“{household.status}”，"
                         f"只有“{allowed}”的档案才能{action}。")
    if request.on_date > clock.today():
        raise KnownError(f"{action}日期不能晚于今天。")
    last = (HouseholdEvent.select(HouseholdEvent.on_date)
            .where(HouseholdEvent.household == household)
            .order_by(HouseholdEvent.on_date.desc()).first())
    if last is not None and request.on_date < last.on_date:
        raise KnownError(f"{action}日期不能早于上一步骤的日期 {last.on_date.isoformat()}。")
    if action is A.APPROVE:
        if household.surveyed_on is None:
            raise KnownError("尚未记录入户调查，不能认定。")
        if household.notice_end is None or request.on_date <= household.notice_end:
            end = household.notice_end.isoformat() if household.notice_end else "未知"
            raise KnownError(f"公示期至 {end} 结束，公示期满后才能认定。")
    if action is A.WITHDRAW and request.reason not in WITHDRAW_REASONS:
        raise KnownError("请选择退档原因（" + "、".join(WITHDRAW_REASONS) + "）。")
    if action is A.REJECT and not request.note.strip():
        raise KnownError("不予认定须写明理由。")
    if action is A.NOTICE and request.notice_days is not None and request.notice_days < 1:
        raise KnownError("公示天数至少为1天。")


def apply_step(household_id: int, request: StepRequest) -> HouseholdChange:
    """Carry out one lifecycle step in one transaction, or explain why it cannot be done."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        household = Household.get_or_none(Household.id == household_id)
        if household is None:
            raise KnownError("该档案已不存在，请刷新列表。")
        _guard(household, request)
        _sources, target = TRANSITIONS[request.action]
        day = request.on_date
        note = request.note.strip()
        action = request.action
        if action is A.SURVEY:
            household.surveyed_on = day
        elif action is A.NOTICE:
            days = request.notice_days or settings.notice_days()
            household.notice_start = day
            household.notice_end = day + datetime.timedelta(days=days - 1)
            note = (f"公示{days}天，至{household.notice_end.isoformat()}" + (f"；{note}" if note else ""))
        elif action is A.APPROVE:
            household.approved_on = day
        elif action is A.RECHECK:
            household.last_recheck_on = day
        elif action is A.LIFT:
            household.closed_on = day
            household.close_reason = "脱困"
        elif action is A.WITHDRAW:
            household.closed_on = day
            household.close_reason = request.reason
            note = f"原因：{request.reason}" + (f"；{note}" if note else "")
        elif action is A.REJECT:
            household.closed_on = day
        if action is A.REVIEW and not household.reviewed_by:
            household.reviewed_by = session.current_operator()
        household.status = str(target)
        household.status_since = day
        household.updated_at = clock.now()
        household.save()
        HouseholdEvent.create(household=household, on_date=day, action=str(action),
                              status_after=str(target), by_name=session.current_operator(),
                              note=note, created_at=clock.now())
        audit.record(AuditAction.STEP, target_kind="household", target_id=household_id,
                     target_label=f"{household.file_no} {household.head.name}",
                     details={"操作": str(action), "日期": day.isoformat(), "状态": str(target), "说明": note})
    return HouseholdChange((household_id,))


def apply_step_to_many(household_ids: list[int], request: StepRequest,
                       progress: ProgressFn = no_progress) -> HouseholdChange:
    """The same step for several files, all or nothing (e.g. start a notice for a batch).

    A file that cannot take the step stops the batch with its file number in the message.
    """
    session.require(Permission.EDIT)
    total = len(household_ids)
    with database.atomic("IMMEDIATE"):
        for done, household_id in enumerate(household_ids):
            if done % 20 == 0:
                progress(done, total, f"正在办理第{done + 1}户")
            apply_step(household_id, request)
        progress(total, total, "正在保存")
    return HouseholdChange(tuple(household_ids))
