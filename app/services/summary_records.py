"""The records behind one figure of the summary (统计, a figure clicked): files, reliefs, contacts, cases, visits.

A figure is named by its path in the summary, e.g. ("relief", "by_type", "生活救助", "amount"). Each figure's records
are chosen by the rules the summary counts it by (summary_sections and the registers' *_figures): as many rows as
it counts, amounts adding up to it; where a figure sums a quantity (pairing aid counted in pieces) the 数量 column
adds up to it. Figures with no records of their own (money paid out, the balance) point to their tabs.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from app import session
from app.money import figures
from app.services.summary import Period
from app.session import Permission
from app.validation import mask_id_number
from app.vocab import FileStatus
from db.database import database, tuples
from db.models import (
    Fund,
    FundEntry,
    HealthCheck,
    Household,
    LegalCase,
    Loan,
    ModelWorker,
    ModelWorkerVisit,
    MutualAidClaim,
    MutualAidEnrolment,
    Pairing,
    PairingAid,
    Person,
    Petition,
    Placement,
    PracticalHelp,
    Referral,
    Relief,
    Trainee,
    TrainingSession,
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
              "model_workers": _model_workers, "funds": _funds, "training": _training,
              "employment": _employment, "loans": _loans, "pairings": _pairings, "mutual_aid": _mutual_aid}.get(section)
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



def _training(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    """Sessions starting in the period, or their trainees (人次: one row a trainee of a session), by group."""
    S, T = TrainingSession, Trainee
    starting = S.start_date.between(period.start, period.end)
    if rest and rest[0] == "sessions":
        trainees = (T.select(T.session, peewee.fn.COUNT(T.id).alias("n")).group_by(T.session).alias("t"))
        sessions = (S.select(S.name, S.kind, S.trade, S.start_date, S.end_date, S.place, trainees.c.n)
                    .join(trainees, peewee.JOIN.LEFT_OUTER, on=(S.id == trainees.c.session_id))
                    .where(starting).order_by(S.start_date, S.id))
        rows = [(name, kind, trade, _day(start), _day(end), place, str(n or 0))
                for name, kind, trade, start, end, place, n in tuples(sessions)]
        return _table("本期开班的培训班", ("培训班", "类型", "工种", "开班日期", "结业日期", "地点", "学员"), rows)
    if not rest or rest[0] not in ("trainees", "by_group"):
        return None
    query = (T.select(S.name, S.start_date, Person.name, Person.sex, Person.id_number, T.group, T.completed)
             .join(S).switch(T).join(Person, on=(T.person == Person.id))
             .where(starting).order_by(S.start_date, S.id, T.id))
    title = "本期开班的培训班学员"
    if len(rest) > 1:
        query = query.where(T.group == rest[1])
        title += f"（{rest[1]}）"
    rows = [(session_name, _day(start), name, sex, mask_id_number(number), group, "是" if completed else "否")
            for session_name, start, name, sex, number, group, completed in tuples(query)]
    return _table(title, ("培训班", "开班日期", "姓名", "性别", "身份证号", "人员类别", "结业"), rows)


def _employment(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    """Placements (再就业) dated in the period, by group; referrals (职业介绍) dated in it."""
    if rest and rest[0] == "referrals":
        R = Referral
        referred = (R.select(R.on_date, Person.name, Person.id_number, R.employer, R.outcome)
                    .join(Person, on=(R.person == Person.id))
                    .where(R.on_date.between(period.start, period.end)).order_by(R.on_date, R.id))
        return _table("本期职业介绍", ("日期", "姓名", "身份证号", "推荐单位", "结果"),
                      [(_day(on), name, mask_id_number(number), employer, outcome)
                       for on, name, number, employer, outcome in tuples(referred)])
    if not rest or rest[0] not in ("placements", "placements_by_group"):
        return None
    P = Placement
    query = (P.select(P.on_date, Person.name, Person.id_number, P.group, P.employer, P.job, P.how_found)
             .join(Person, on=(P.person == Person.id))
             .where(P.on_date.between(period.start, period.end)).order_by(P.on_date, P.id))
    title = "本期实现再就业"
    if len(rest) > 1:
        query = query.where(P.group == rest[1])
        title += f"（{rest[1]}）"
    rows = [(_day(on), name, mask_id_number(number), group, employer, job, how)
            for on, name, number, group, employer, job, how in tuples(query)]
    return _table(title, ("日期", "姓名", "身份证号", "人员类别", "就业单位", "岗位", "就业途径"), rows)


def _loans(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    """Start-up loans made in the period; women's: the borrower's sex on record is 女."""
    if not rest or rest[0] not in ("count", "amount", "women", "women_amount"):
        return None
    query = (Loan.select(Loan.on_date, Person.name, Person.sex, Person.id_number, Loan.amount, Loan.bank,
                         Loan.term_months, Loan.repayment)
             .join(Person, on=(Loan.person == Person.id))
             .where(Loan.on_date.between(period.start, period.end)).order_by(Loan.on_date, Loan.id))
    title = "本期发放的创业贷款"
    if rest[0] in ("women", "women_amount"):
        query = query.where(Person.sex == "女")
        title = "本期发放给女职工的创业贷款"
    rows = [(_day(on), name, sex, mask_id_number(number), figures(amount), bank, str(term), repayment)
            for on, name, sex, number, amount, bank, term, repayment in tuples(query)]
    return _table(title, ("日期", "借款人", "性别", "身份证号", "金额", "银行", "期限（月）", "还款情况"), rows)


AID_KINDS = {"projects": ("项目",), "job_info": ("致富信息",), "legal_help": ("法律援助",)}


def _pairings(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    """Households with a pairing running in the period (one row a household); aid given in it, by kind."""
    from app.services.pairing import VALUED

    head = Person.alias()
    if rest and rest[0] == "households":
        running = (Pairing.select(Household.file_no, head.name, Pairing.household, Pairing.cadre_name,
                                  Pairing.cadre_unit, Pairing.start_date, Pairing.end_date)
                   .join(Household).join(head, on=(Household.head == head.id))
                   .where(Pairing.start_date <= period.end,
                          Pairing.end_date.is_null(True) | (Pairing.end_date >= period.start))
                   .order_by(Household.file_no, Pairing.start_date, Pairing.id))
        households: dict[int, tuple[str, str, list[str]]] = {}
        for file_no, name, household, cadre, unit, start, end in tuples(running):
            listed = households.setdefault(household, (file_no, name, []))[2]
            listed.append(f"{cadre}{f'（{unit}）' if unit else ''} {_day(start)} 至 {_day(end) or '今'}")
        paired = [(file_no, name, "；".join(pairs), str(len(pairs))) for file_no, name, pairs in households.values()]
        return _table("本期结对帮扶的困难职工家庭", ("档案编号", "户主", "结对干部及期间", "结对数"), paired)
    kinds = VALUED if rest and rest[0] == "aid_amount" else AID_KINDS.get(rest[0]) if rest else None
    if kinds is None:
        return None
    A = PairingAid
    aid = (A.select(A.on_date, Household.file_no, head.name, Pairing.cadre_name, A.kind, A.count, A.amount,
                    A.description)
           .join(Pairing).join(Household).join(head, on=(Household.head == head.id))
           .where(A.on_date.between(period.start, period.end), A.kind.in_(list(kinds))).order_by(A.on_date, A.id))
    title = "本期结对帮扶资金、物品" if rest[0] == "aid_amount" else f"本期结对帮扶：{kinds[0]}"
    rows = [(_day(on), file_no, name, cadre, kind, str(count), figures(amount) if kind in VALUED else "", what)
            for on, file_no, name, cadre, kind, count, amount, what in tuples(aid)]
    return _table(title, ("日期", "档案编号", "户主", "结对干部", "类型", "数量", "金额", "内容"), rows)


def _mutual_aid(period: Period, rest: tuple[str, ...]) -> FigureRecords | None:
    """People enrolled in the period's years (one row a person, with their plans); claims paid in the period."""
    E, C = MutualAidEnrolment, MutualAidClaim
    if rest and rest[0] == "enrolled":
        enrolments = (E.select(E.person, Person.name, Person.id_number, E.year, E.plan, E.work_unit)
                      .join(Person, on=(E.person == Person.id))
                      .where(E.year.between(period.start.year, period.end.year))
                      .order_by(Person.name_pinyin, E.person, E.year, E.plan))
        people: dict[int, list[list[str]]] = {}
        for person, name, number, year, plan, unit in tuples(enrolments):
            row = people.setdefault(person, [[name], [mask_id_number(number)], [], [], []])
            row[2].append(str(year))
            row[3].append(plan)
            row[4].append(unit)
        enrolled = [tuple("、".join(dict.fromkeys(v for v in values if v)) for values in row)
                    for row in people.values()]
        return _table("本期参加职工互助保障的职工", ("姓名", "身份证号", "参保年度", "保障项目", "工作单位"), enrolled)
    if not rest or rest[0] not in ("claims", "claims_amount"):
        return None
    claims = (C.select(C.on_date, Person.name, Person.id_number, E.year, E.plan, C.kind, C.amount)
              .join(E).join(Person, on=(E.person == Person.id))
              .where(C.on_date.between(period.start, period.end)).order_by(C.on_date, C.id))
    rows = [(_day(on), name, mask_id_number(number), str(year), plan, kind, figures(amount))
            for on, name, number, year, plan, kind, amount in tuples(claims)]
    return _table("本期互助保障赔付", ("日期", "姓名", "身份证号", "参保年度", "保障项目", "赔付类型", "金额"), rows)
