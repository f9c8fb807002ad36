"""The records behind one figure of the summary (统计, a figure clicked): files, reliefs, contacts, cases, visits.

A figure is named by its path in the summary, e.g. ("relief", "by_type", "生活救助", "amount"). Figures counted
by another register's own rules (training, jobs, loans, pairings, mutual aid) are not listed here: their tabs
show them.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from app import session
from app.money import figures
from app.services.summary import Period
from app.session import Permission
from app.vocab import FileStatus
from db.database import database, tuples
from db.models import (
    Fund,
    FundEntry,
    HealthCheck,
    LegalCase,
    ModelWorker,
    ModelWorkerVisit,
    Person,
    Petition,
    PracticalHelp,
    Relief,
)

LIMIT = 2000   # rows shown at most; the heading says how many there are
NOT_LISTED = "此项数字的明细请在相应的页面查看（按本期间筛选）。"

# Each file with the day it came on record and the day it left, as summary_sections.FILES_SQL counts them.
FILES_SQL = """
WITH history AS (
    SELECT household_id,
           MIN(CASE WHEN status_after = :active THEN on_date END) AS first_active,
           MIN(CASE WHEN status_after IN (:lifted, :withdrawn) THEN on_date END) AS first_closed
    FROM household_event GROUP BY household_id)
SELECT h.file_no, p.name, h.identity, COALESCE(h.category, '未分类'), COALESCE(h.main_cause, '其他'), h.status,
       COALESCE(h.approved_on, history.first_active) AS became,
       CASE WHEN h.status IN (:lifted, :withdrawn) AND h.closed_on IS NOT NULL
                 AND (history.first_closed IS NULL OR h.closed_on < history.first_closed)
            THEN h.closed_on ELSE history.first_closed END AS left_on
FROM household h JOIN person p ON p.id = h.head_id LEFT JOIN history ON history.household_id = h.id
ORDER BY h.file_no
"""


@dataclass(frozen=True)
class FigureRecords:
    """The rows behind a figure, as text ready to show; `note` says why there are none or what was left out."""

    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: int            # how many records there are (rows holds at most LIMIT)
    note: str = ""


def figure_records(period: Period, path: Sequence[str]) -> FigureRecords:
    """The records behind the figure at `path` for the period."""
    session.require(Permission.VIEW)
    section, rest = path[0], tuple(path[1:])
    lister = {"households": _households, "relief": _relief, "petitions": _petitions, "legal_cases": _legal_cases,
              "model_workers": _model_workers, "funds": _funds}.get(section)
    if lister is None:
        return FigureRecords("", (), (), 0, NOT_LISTED)
    found = lister(period, rest)
    return found if found is not None else FigureRecords("", (), (), 0, NOT_LISTED)


def _table(title: str, headers: tuple[str, ...], rows: Sequence[Sequence[object]]) -> FigureRecords:
    note = f"共 {len(rows)} 条，只列出前 {LIMIT} 条。" if len(rows) > LIMIT else ""
    shown = tuple(tuple("" if v is None else str(v) for v in row) for row in rows[:LIMIT])
    return FigureRecords(title, headers, shown, len(rows), note)


def _day(value: object) -> str:
    if value is None or value == "":
        return ""
    return value.isoformat() if isinstance(value, datetime.date) else str(value)[:10]


def _households(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    params = {"active": str(FileStatus.ACTIVE), "lifted": str(FileStatus.LIFTED),
              "withdrawn": str(FileStatus.WITHDRAWN)}
    start, end = period.start.isoformat(), period.end.isoformat()
    which = rest[-1] if rest and rest[-1] in ("active_end", "new", "closed") else "active_end"
    group = {"by_identity": 2, "by_category": 3, "by_main_cause": 4}.get(rest[0]) if len(rest) > 1 else None
    rows = []
    for file_no, name, identity, category, cause, status, became, left_on in database.execute_sql(
            FILES_SQL, params).fetchall():
        became, left_on = _day(became), _day(left_on)
        on_record = bool(became) and became <= end and (not left_on or left_on > end)
        wanted = {"active_end": on_record, "new": bool(became) and start <= became <= end,
                  "closed": bool(left_on) and start <= left_on <= end}[which]
        row = (file_no, name, identity, category, cause, status, became, left_on)
        if wanted and (group is None or row[group] == rest[1]):
            rows.append(row)
    title = {"active_end": "期末在档的档案", "new": "本期认定的档案", "closed": "本期脱困、退档的档案"}[which]
    if group is not None:
        title += f"（{rest[1]}）"
    headers = ("档案编号", "户主", "身份", "困难类别", "主要致困原因", "状态", "认定日期", "脱困/退档日期")
    return _table(title, headers, rows)


def _relief(period: Period, rest: tuple[str, ...]) -> FigureRecords:
    query = (Relief.select(Relief.on_date, Person.name, Relief.relief_type, Relief.amount, Relief.goods_value,
                           Relief.handler)
             .join(Person, on=(Relief.person == Person.id))
             .where(Relief.on_date.between(period.start, period.end)).order_by(Relief.on_date, Relief.id))
    title = "本期帮扶救助"
    if len(rest) > 1 and rest[0] == "by_type":
        query = query.where(Relief.relief_type == rest[1])
        title += f"（{rest[1]}）"
    rows = [(_day(day), name, kind, figures(cash), figures(goods),
             figures(cash + goods), handler)
            for day, name, kind, cash, goods, handler in tuples(query)]
    return _table(title, ("日期", "受助人", "救助类型", "现金", "物资折价", "合计", "经办人"), rows)


def _petitions(period: Period, rest: tuple[str, ...]) -> FigureRecords:
    after_end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time())
    query = Petition.select(Petition.received_at, Petition.channel, Petition.name, Petition.anonymous,
                            Petition.category, Petition.due_on, Petition.closed_on).order_by(Petition.received_at)
    if rest and rest[0] == "overdue_open":
        query = query.where(Petition.received_at < after_end, Petition.due_on < period.end,
                            Petition.closed_on.is_null(True) | (Petition.closed_on > period.end))
        title = "期末逾期未办结的信访"
    else:
        query = query.where(Petition.received_at >= datetime.datetime.combine(period.start, datetime.time()),
                            Petition.received_at < after_end)
        title = "本期信访接待"
        if rest and rest[0] == "closed":
            query = query.where(Petition.closed_on.is_null(False), Petition.closed_on <= period.end)
            title = "本期接待并已办结的信访"
        elif len(rest) > 1 and rest[0] in ("by_channel", "by_category"):
            column = Petition.channel if rest[0] == "by_channel" else Petition.category
            query = query.where(column == rest[1])
            title += f"（{rest[1]}）"
    rows = [(_day(received)[:10], channel, "匿名" if anonymous else name, category, _day(due), _day(closed))
            for received, channel, name, anonymous, category, due, closed in tuples(query)]
    return _table(title, ("接待日期", "方式", "姓名", "类别", "办理期限", "办结日期"), rows)


def _legal_cases(period: Period, rest: tuple[str, ...]) -> FigureRecords:
    money = rest and rest[-1] == "recovered"
    day = LegalCase.closed_on if money else LegalCase.accepted_on
    query = (LegalCase.select(LegalCase.case_no, LegalCase.respondent, LegalCase.cause, LegalCase.accepted_on,
                              LegalCase.closed_on, LegalCase.workers_involved, LegalCase.amount_recovered)
             .where(day.between(period.start, period.end)).order_by(day, LegalCase.id))
    title = "本期结案的法律援助案件" if money else "本期受理的法律援助案件"
    if len(rest) > 1 and rest[0] == "by_cause":
        query = query.where(LegalCase.cause == rest[1])
        title += f"（{rest[1]}）"
    rows = [(case_no, respondent, cause, _day(accepted), _day(closed), str(workers), figures(recovered))
            for case_no, respondent, cause, accepted, closed, workers, recovered in tuples(query)]
    return _table(title, ("案件编号", "被申请单位", "案由", "受理日期", "结案日期", "涉及职工", "追回金额"), rows)


def _model_workers(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    from app.services.model_worker_forms import ON_ROLL, highest_level
    from app.services.model_workers import honours_of, status_on

    if rest and rest[0] in ("visits", "visited_people", "visit_amount"):
        V = ModelWorkerVisit
        query = (V.select(V.on_date, Person.name, V.occasion, V.amount, V.gifts)
                 .join(ModelWorker, on=(V.model_worker == ModelWorker.id))
                 .join(Person, on=(ModelWorker.person == Person.id))
                 .where(V.on_date.between(period.start, period.end)).order_by(V.on_date, V.id))
        rows = [(_day(day), name, occasion, figures(amount), gifts)
                for day, name, occasion, amount, gifts in tuples(query)]
        return _table("本期走访慰问劳模", ("日期", "劳模", "事由", "金额", "物品"), rows)
    if rest and rest[0] == "health_checks":
        H = HealthCheck
        checks = (H.select(H.on_date, Person.name, H.hospital, H.summary)
                 .join(ModelWorker, on=(H.model_worker == ModelWorker.id))
                 .join(Person, on=(ModelWorker.person == Person.id))
                 .where(H.on_date.between(period.start, period.end)).order_by(H.on_date, H.id))
        return _table("本期劳模体检", ("体检日期", "劳模", "体检医院", "体检结论"),
                      [(_day(day), name, hospital, summary) for day, name, hospital, summary in tuples(checks)])
    if rest and rest[0] == "practical_help":
        P = PracticalHelp
        helped = (P.select(P.on_date, Person.name, P.what, P.note)
                 .join(ModelWorker, on=(P.model_worker == ModelWorker.id))
                 .join(Person, on=(ModelWorker.person == Person.id))
                 .where(P.on_date.between(period.start, period.end)).order_by(P.on_date, P.id))
        return _table("本期为困难劳模办的实事", ("日期", "劳模", "实事", "备注"),
                      [(_day(day), name, what, note) for day, name, what, note in tuples(helped)])
    if not rest or rest[0] not in ("on_roll_end", "by_status_end", "by_level_end"):
        return None
    statuses = status_on(period.end)
    names = dict(tuples(ModelWorker.select(ModelWorker.id, Person.name)
                        .join(Person, on=(ModelWorker.person == Person.id))
                        .where(ModelWorker.id.in_(list(statuses)))))
    honours = honours_of(list(statuses), period.end.year)
    listed = []
    for wid, (status, since) in sorted(statuses.items(), key=lambda item: str(names.get(item[0], ""))):
        level = highest_level(h.level for h in honours.get(wid, ())) or ""
        wanted = {"on_roll_end": status in ON_ROLL,
                  "by_status_end": len(rest) > 1 and status == rest[1],
                  "by_level_end": status in ON_ROLL and len(rest) > 1 and level == rest[1]}[rest[0]]
        if wanted:
            listed.append((str(names.get(wid, "")), status, _day(since), level))
    title = "期末在册劳模" + (f"（{rest[1]}）" if len(rest) > 1 else "")
    return _table(title, ("姓名", "期末状态", "状态起始日期", "最高荣誉级别"), listed)


def _funds(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    if not rest or rest[0] not in ("in", "in_by_source"):
        return None
    query = (FundEntry.select(FundEntry.on_date, FundEntry.fund, FundEntry.source, FundEntry.amount,
                              FundEntry.document_no)
             .where(FundEntry.on_date.between(period.start, period.end)).order_by(FundEntry.on_date, FundEntry.id))
    title = "本期筹集的帮扶资金"
    if len(rest) > 1:
        query = query.where(FundEntry.source == rest[1])
        title += f"（{rest[1]}）"
    funds = dict(tuples(Fund.select(Fund.id, Fund.name)))
    rows = [(_day(day), str(funds.get(fund, fund)), source, figures(amount), document)
            for day, fund, source, amount, document in tuples(query)]
    return _table(title, ("日期", "资金", "来源", "金额", "文号"), rows)

