"""Demo file histories: every lifecycle step dated, signed and noted the way lifecycle.apply_step records it."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from app.demo.places import CLERKS, REVIEWERS
from app.vocab import FileAction, FileStatus

A = FileAction
S = FileStatus
DAY = datetime.timedelta(days=1)
START = datetime.date(2019, 1, 1)      # the county began its electronic register in 2019
NOTICE_DAYS = 7                         # the office setting (settings.notice_days default)
REJECT_STAGES = (S.APPLIED, S.REVIEWED, S.SURVEYED, S.ON_NOTICE)

REVIEW_NOTES = ("基层工会审核同意，报帮扶中心", "基层工会审核，情况属实", "材料齐全，同意上报")
SURVEY_NOTES = ("家庭情况与申报一致", "情况属实", "住房简陋，家庭困难属实", "已核实收入与支出情况")
RECHECK_NOTES = ("年度复核：家庭情况无明显变化", "年度复核：收入略有变化，类别不变",
                 "年度复核：收入与支出情况已核实", "年度复核：继续保留档案")
LIFT_NOTES = ("家庭成员就业，人均收入超过认定标准", "家庭收入增加，人均收入超过认定标准",
              "病情稳定恢复工作，收入稳定", "实现再就业，收入稳定")
WITHDRAW_NOTES = {
    "脱困": "已脱困满一年，档案归档",
    "退休": "职工本人已办理退休，养老金高于认定标准",
    "调离": "职工调离本县，档案转出",
    "死亡": "职工本人因病去世",
    "核查不符": "年度核查发现家庭收入与档案不符",
}
REJECT_NOTES = {
    S.APPLIED: "基层工会审核：家庭收入明显高于认定标准",
    S.REVIEWED: "经核实配偶在外地有稳定工作收入，未如实申报",
    S.SURVEYED: "入户调查发现家庭有经营性车辆，收入高于认定标准",
    S.ON_NOTICE: "公示期间收到群众反映，经核实家庭收入不实",
}


@dataclass(frozen=True, slots=True)
class Fate:
    """Where a demo file ends up: its status and a variant, and (when the county plans it) its identity and
    the days it came onto or left the record.

    variant: 公示 "ended"/"running"; 退档 the reason; 不予认定 the status it was rejected from;
    在档 "overdue" (re-check a year late) or "".
    window: 在档 — the days its 认定 falls in; 已脱困/退档 — the days it left the record (脱困, or 退档 without
    脱困). A window starting on START means "any time up to its end", with the usual bias towards 2019.
    approved_by: 已脱困/退档 with a window — the latest day of its 认定.
    """

    status: FileStatus
    variant: str = ""
    identity: str = ""
    window: tuple[datetime.date, datetime.date] | None = None
    approved_by: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Step:
    on_date: datetime.date
    action: FileAction
    status_after: FileStatus
    by_name: str
    note: str
    at: datetime.datetime


@dataclass(frozen=True, slots=True)
class Timeline:
    """A file's history and the dates the household row keeps."""

    fate: Fate
    steps: tuple[Step, ...]
    filed_by: str
    entered_by: str
    reviewed_by: str | None
    surveyed_on: datetime.date | None = None
    notice_start: datetime.date | None = None
    notice_end: datetime.date | None = None
    approved_on: datetime.date | None = None
    last_recheck_on: datetime.date | None = None
    closed_on: datetime.date | None = None
    close_reason: str | None = None

    @property
    def filed_on(self) -> datetime.date:
        return self.steps[0].on_date

    @property
    def status_since(self) -> datetime.date:
        return self.steps[-1].on_date

    @property
    def created_at(self) -> datetime.datetime:
        return self.steps[0].at

    @property
    def updated_at(self) -> datetime.datetime:
        return self.steps[-1].at


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def filing_day(rng: random.Random, latest: datetime.date) -> datetime.date:
    """A filing date from 2019 to `latest`, heavier in 2019 when the register was first built."""
    if latest <= START:
        return latest
    if rng.random() < 0.18:
        return _between(rng, START, min(latest, START + datetime.timedelta(days=364)))
    return _between(rng, START, latest)


def _pipeline(rng: random.Random, filed: datetime.date, count: int) -> list[datetime.date]:
    """Dates of 申报, 基层审核, 入户调查, 公示 start and 认定 (the first `count` of them)."""
    review = filed + _days(rng, 1, 20)
    survey = review + _days(rng, 3, 30)
    notice = survey + _days(rng, 1, 15)
    approve = notice + datetime.timedelta(days=NOTICE_DAYS - 1) + _days(rng, 1, 10)
    return [filed, review, survey, notice, approve][:count]


def _anchored(rng: random.Random, count: int, last: datetime.date) -> list[datetime.date]:
    """A pipeline of `count` steps whose final step falls on `last`."""
    dates = _pipeline(rng, last, count)
    shift = dates[-1] - last
    return [d - shift for d in dates]


def _rechecks(rng: random.Random, approved: datetime.date, until: datetime.date) -> list[datetime.date]:
    """Yearly re-checks after approval, each 11–12 months after the last, before `until`."""
    found: list[datetime.date] = []
    day = approved
    while True:
        day = day + _days(rng, 330, 364)
        if day >= until:
            return found
        found.append(day)


@dataclass(frozen=True, slots=True)
class Schedule:
    """The dates of a file's steps and who does them, before notes and times are written."""

    dates: list[datetime.date]          # 申报, 基层审核, 入户调查, 公示 and 认定, as far as the file got
    rechecks: list[datetime.date]
    lift: datetime.date | None
    close: datetime.date | None
    staff: tuple[str, str, str, str]    # filed by, entered by, reviewer, second visitor

    @property
    def filed_on(self) -> datetime.date:
        return self.dates[0]


def make_timeline(rng: random.Random, fate: Fate, category: str, today: datetime.date) -> Timeline:
    """The dated history of one file, all steps on or before `today`, in lifecycle order."""
    return _assemble(rng, fate, category, schedule(rng, fate, today))


def schedule(rng: random.Random, fate: Fate, today: datetime.date) -> Schedule:
    """When each step of the file happens (cheap: the demo sorts files by filing date with it)."""
    status = fate.status
    filed_by = rng.choice(CLERKS)
    entered_by = filed_by if rng.random() < 0.6 else rng.choice(CLERKS)
    reviewer = rng.choices(REVIEWERS, weights=(3, 1))[0]
    visitor = rng.choice([c for c in CLERKS if c != filed_by])
    stage = {S.APPLIED: 1, S.REVIEWED: 2, S.SURVEYED: 3, S.ON_NOTICE: 4}
    rechecks: list[datetime.date] = []
    lift: datetime.date | None = None
    close: datetime.date | None = None
    if status in stage:
        if status is S.APPLIED:
            dates = [today - _days(rng, 0, 40)]
        elif status is S.ON_NOTICE:
            ago = (0, NOTICE_DAYS - 1) if fate.variant == "running" else (NOTICE_DAYS, 30)
            dates = _anchored(rng, 4, today - _days(rng, *ago))
        else:
            dates = _anchored(rng, stage[status], today - _days(rng, 0, 45 if status is S.REVIEWED else 30))
    elif status is S.REJECTED:
        count = stage[FileStatus(fate.variant)]
        dates = _pipeline(rng, filing_day(rng, today - datetime.timedelta(days=100)), count)
        close = dates[-1] + (_days(rng, 1, NOTICE_DAYS - 1) if count == 4 else _days(rng, 1, 20))
    elif fate.window is not None:
        dates, rechecks, lift, close = _windowed(rng, fate, today)
    else:
        margin = {S.ACTIVE: 90, S.LIFTED: 290, S.WITHDRAWN: 350 if fate.variant == "脱困" else 210}[status]
        dates = _pipeline(rng, filing_day(rng, today - datetime.timedelta(days=margin)), 5)
        approved = dates[4]
        if status is S.ACTIVE:
            horizon = today
            if fate.variant == "overdue":
                late = today - _days(rng, 366, 600)
                horizon = late if approved <= late else today
            rechecks = _rechecks(rng, approved, horizon + DAY)
        elif status is S.LIFTED or fate.variant == "脱困":
            lift = _between(rng, approved + datetime.timedelta(days=180),
                            today - datetime.timedelta(days=0 if status is S.LIFTED else 60))
            rechecks = _rechecks(rng, approved, lift)
            if status is S.WITHDRAWN:
                close = _between(rng, lift + datetime.timedelta(days=30), today)
        else:
            close = _between(rng, approved + datetime.timedelta(days=90), today)
            rechecks = _rechecks(rng, approved, close)
    return Schedule(dates, rechecks, lift, close, (filed_by, entered_by, reviewer, visitor))


LIFT_GAP, CLOSE_GAP = 180, 90     # days on record at least before 脱困, or before 退档 for another reason


def _approved_before(rng: random.Random, latest: datetime.date) -> list[datetime.date]:
    """The five pipeline dates of a file approved on or before `latest` (filing biased towards 2019)."""
    return _pipeline(rng, filing_day(rng, latest - datetime.timedelta(days=81)), 5)


def _windowed(rng: random.Random, fate: Fate, today: datetime.date) -> tuple[
        list[datetime.date], list[datetime.date], datetime.date | None, datetime.date | None]:
    """Dates of a 在档, 已脱困 or 退档 file whose 认定 (or leaving) falls in its window."""
    assert fate.window is not None
    low, high = fate.window
    if fate.status is S.ACTIVE:
        dates = _approved_before(rng, high) if low <= START else _anchored(rng, 5, _between(rng, low, high))
        horizon = today
        if fate.variant == "overdue":
            late = today - _days(rng, 366, 600)
            horizon = late if dates[4] <= late else today
        return dates, _rechecks(rng, dates[4], horizon + DAY), None, None
    gap = LIFT_GAP if fate.status is S.LIFTED or fate.variant == "脱困" else CLOSE_GAP
    if low <= START:
        dates = _approved_before(rng, high - datetime.timedelta(days=gap))
        leave = _between(rng, dates[4] + datetime.timedelta(days=gap), high)
    else:
        leave = _between(rng, low, high)
        cap = leave - datetime.timedelta(days=gap)
        dates = _approved_before(rng, min(cap, fate.approved_by or cap))
    rechecks = _rechecks(rng, dates[4], leave)
    if fate.status is S.LIFTED:
        return dates, rechecks, leave, None
    if fate.variant == "脱困":
        return dates, rechecks, leave, _between(rng, leave + datetime.timedelta(days=30), today - DAY)
    return dates, rechecks, None, leave


def _assemble(rng: random.Random, fate: Fate, category: str, plan: Schedule) -> Timeline:
    dates, rechecks, lift, close = plan.dates, plan.rechecks, plan.lift, plan.close
    filed_by, entered_by, reviewer, visitor = plan.staff
    steps: list[Step] = []

    def add(day: datetime.date, action: FileAction, after: FileStatus, by: str, note: str) -> None:
        at = datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.randrange(60), rng.randrange(60)))
        if steps and at <= steps[-1].at:
            at = steps[-1].at + datetime.timedelta(minutes=rng.randint(3, 40))
        steps.append(Step(day, action, after, by, note, at))

    add(dates[0], A.APPLY, S.APPLIED, entered_by, "新建档案")
    if len(dates) > 1:
        add(dates[1], A.REVIEW, S.REVIEWED, reviewer, rng.choice(REVIEW_NOTES))
    surveyed = dates[2] if len(dates) > 2 else None
    if surveyed is not None:
        add(surveyed, A.SURVEY, S.SURVEYED, filed_by, f"入户调查人：{filed_by}、{visitor}；{rng.choice(SURVEY_NOTES)}")
    notice = dates[3] if len(dates) > 3 else None
    notice_end = notice + datetime.timedelta(days=NOTICE_DAYS - 1) if notice is not None else None
    if notice is not None and notice_end is not None:
        add(notice, A.NOTICE, S.ON_NOTICE, entered_by, f"公示{NOTICE_DAYS}天，至{notice_end.isoformat()}")
    approved = dates[4] if len(dates) > 4 else None
    if approved is not None:
        add(approved, A.APPROVE, S.ACTIVE, reviewer, f"认定为{category}")
    for day in rechecks:
        add(day, A.RECHECK, S.ACTIVE, rng.choice(CLERKS), rng.choice(RECHECK_NOTES))
    closed_on, close_reason = None, None
    if lift is not None:
        add(lift, A.LIFT, S.LIFTED, reviewer, rng.choice(LIFT_NOTES))
        closed_on, close_reason = lift, "脱困"
    if fate.status is S.WITHDRAWN and close is not None:
        add(close, A.WITHDRAW, S.WITHDRAWN, reviewer, f"原因：{fate.variant}；{WITHDRAW_NOTES[fate.variant]}")
        closed_on, close_reason = close, fate.variant
    if fate.status is S.REJECTED and close is not None:
        add(close, A.REJECT, S.REJECTED, reviewer, REJECT_NOTES[FileStatus(fate.variant)])
        closed_on = close
    return Timeline(
        fate, tuple(steps), filed_by, entered_by, reviewer if len(dates) > 1 else None,
        surveyed_on=surveyed, notice_start=notice, notice_end=notice_end, approved_on=approved,
        last_recheck_on=rechecks[-1] if rechecks else None, closed_on=closed_on, close_reason=close_reason)
