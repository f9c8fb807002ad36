"""The columns of every 培训就业 list (sessions, trainees, placements … claims), each read from the service's view."""

from __future__ import annotations

from app import vocab
from ui.formatting import day, money
from ui.tables.record_model import Column


def _period(start: object, end: object) -> str:
    return f"{day(start)} 至 {day(end)}"  # type: ignore[arg-type]


def _group_count(group: str) -> Column:
    return Column(group, lambda s: str(s.by_group.get(group, 0) or ""), 64, numeric=True)


SESSIONS: tuple[Column, ...] = (
    Column("培训班", lambda s: s.name, 240, tooltip=lambda s: s.note),
    Column("类型", lambda s: s.kind, 72),
    Column("工种", lambda s: s.trade, 60),
    Column("培训日期", lambda s: _period(s.start_date, s.end_date), 196),
    Column("天数", lambda s: str(s.days), 46, numeric=True),
    Column("地点", lambda s: s.place, 170),
    Column("学员", lambda s: str(s.trainees), 50, numeric=True),
    *(_group_count(g) for g in vocab.TRAINEE_GROUPS),
    Column("结业", lambda s: str(s.completed), 50, numeric=True),
    Column("主办单位", lambda s: s.organiser, 120),
)

TRAINEES: tuple[Column, ...] = (
    Column("姓名", lambda t: t.name, 90),
    Column("性别", lambda t: t.sex, 44, centred=True),
    Column("身份证号", lambda t: t.id_number, 170),
    Column("类别", lambda t: t.group, 80),
    Column("结业", lambda t: "已结业" if t.completed else "", 60, centred=True),
    Column("证书编号", lambda t: t.certificate_no, 130),
    Column("档案编号", lambda t: t.file_no, 90),
    Column("备注", lambda t: t.note, 160),
)

PLACEMENTS: tuple[Column, ...] = (
    Column("就业日期", lambda p: day(p.on_date), 92),
    Column("姓名", lambda p: p.name, 80),
    Column("身份证号", lambda p: p.id_number, 170),
    Column("类别", lambda p: p.group, 76),
    Column("就业单位", lambda p: p.employer, 200),
    Column("岗位", lambda p: p.job, 100),
    Column("就业途径", lambda p: p.how_found, 86),
    Column("档案编号", lambda p: p.file_no, 86),
    Column("备注", lambda p: p.note, 160),
)

REFERRALS: tuple[Column, ...] = (
    Column("介绍日期", lambda r: day(r.on_date), 92),
    Column("姓名", lambda r: r.name, 80),
    Column("身份证号", lambda r: r.id_number, 170),
    Column("用人单位", lambda r: r.employer, 220),
    Column("结果", lambda r: r.outcome, 70, centred=True),
    Column("备注", lambda r: r.note, 200),
)

LOANS: tuple[Column, ...] = (
    Column("放款日期", lambda loan: day(loan.on_date), 92),
    Column("借款人", lambda loan: loan.name, 80),
    Column("性别", lambda loan: loan.sex, 44, centred=True),
    Column("身份证号", lambda loan: loan.id_number, 170),
    Column("贷款金额", lambda loan: money(loan.amount), 110, numeric=True),
    Column("贷款银行", lambda loan: loan.bank, 210),
    Column("期限(月)", lambda loan: str(loan.term_months), 64, numeric=True),
    Column("贴息", lambda loan: money(loan.subsidy) if loan.subsidy else "", 96, numeric=True),
    Column("还款情况", lambda loan: loan.repayment, 76, centred=True),
    Column("档案编号", lambda loan: loan.file_no, 86),
    Column("备注", lambda loan: loan.note, 140),
)


def _count(kind: str) -> Column:
    return Column(kind, lambda p: str(p.counts.get(kind, 0) or ""), 68, numeric=True)


PAIRINGS: tuple[Column, ...] = (
    Column("帮扶干部", lambda p: p.cadre_name, 80),
    Column("干部单位", lambda p: p.cadre_unit, 170),
    Column("电话", lambda p: p.cadre_phone, 110),
    Column("档案编号", lambda p: p.file_no, 86),
    Column("结对户", lambda p: p.head_name, 80),
    Column("结对日期", lambda p: day(p.start_date), 92),
    Column("结束日期", lambda p: day(p.end_date) or "结对中", 92, centred=True),
    Column("资金物品", lambda p: money(p.aid_amount) if p.aid_amount else "", 104, numeric=True),
    _count("项目"), _count("致富信息"), _count("法律援助"),
    Column("备注", lambda p: p.note, 120),
)

COUNT_UNITS = {"资金": "笔", "物品": "件", "项目": "个", "致富信息": "条", "法律援助": "次"}

AID: tuple[Column, ...] = (
    Column("日期", lambda a: day(a.on_date), 92),
    Column("帮扶类型", lambda a: a.kind, 80),
    Column("金额/折价", lambda a: money(a.amount) if a.amount else "", 104, numeric=True),
    Column("数量", lambda a: f"{a.count} {COUNT_UNITS.get(a.kind, '')}", 64, numeric=True),
    Column("内容", lambda a: a.description, 300),
)

ENROLMENTS: tuple[Column, ...] = (
    Column("年度", lambda e: str(e.year), 56, centred=True),
    Column("姓名", lambda e: e.name, 80),
    Column("身份证号", lambda e: e.id_number, 170),
    Column("保障项目", lambda e: e.plan, 170),
    Column("缴费", lambda e: money(e.premium), 90, numeric=True),
    Column("理赔", lambda e: str(e.claims or ""), 50, numeric=True),
    Column("赔付金额", lambda e: money(e.claimed) if e.claims else "", 104, numeric=True),
    Column("工作单位", lambda e: e.work_unit, 180),
)

CLAIMS: tuple[Column, ...] = (
    Column("赔付日期", lambda c: day(c.on_date), 92),
    Column("理赔类型", lambda c: c.kind, 80),
    Column("赔付金额", lambda c: money(c.amount), 110, numeric=True),
    Column("备注", lambda c: c.note, 300),
)

HISTORY_TRAININGS: tuple[Column, ...] = (
    Column("培训班", lambda t: t.session, 240),
    Column("类型", lambda t: t.kind + (f"·{t.trade}" if t.trade else ""), 110),
    Column("培训日期", lambda t: _period(t.start_date, t.end_date), 196),
    Column("类别", lambda t: t.group, 80),
    Column("结业", lambda t: "已结业" if t.completed else "", 60, centred=True),
    Column("证书编号", lambda t: t.certificate_no, 130),
)
