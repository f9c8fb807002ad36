"""What a 救助审批表 shows about one relief (recipient, file, money, goods, medical or school details), laid out."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import peewee

from app import session
from app.errors import KnownError
from app.money import capitals, figures, yuan
from app.services.relief_forms import ItemForm
from app.services.roster_data import TEMPORARY, describe_items
from app.session import Permission
from app.validation import mask_id_number, mask_phone
from db.database import tuples
from db.fields import from_cents
from db.models import Campaign, Fund, Household, Person, Relief, ReliefItem


@dataclass(frozen=True)
class Medical:
    hospital: str
    diagnosis: str
    total_cost: Decimal | None
    insurance_paid: Decimal | None
    self_paid: Decimal | None


@dataclass(frozen=True)
class Schooling:
    student: str
    school: str
    level: str
    admission_year: int | None


@dataclass(frozen=True)
class ApprovalData:
    """One relief as the approvers read it; ID number and phone masked, the birth year only."""

    relief_id: int
    name: str
    sex: str
    birth_year: int | None
    id_number: str
    phone: str
    work_unit: str
    address: str
    file_no: str              # blank: no file on record
    file_status: str
    category: str             # 困难类别, or 临时救助
    identity: str
    household_size: int | None
    per_capita_monthly: Decimal | None
    relief_type: str
    on_date: datetime.date
    amount: Decimal
    items: tuple[ItemForm, ...]
    goods_value: Decimal
    fund: str
    campaign: str
    handler: str
    note: str
    duplicate_reason: str
    medical: Medical | None
    schooling: Schooling | None
    earlier_count: int        # other reliefs to this household (or person) in the same calendar year
    earlier_total: Decimal

    @property
    def goods(self) -> str:
        return describe_items(self.items)


def read_approvals(relief_ids: Sequence[int]) -> list[ApprovalData]:
    """The given reliefs in order; an id that no longer exists is reported, not skipped."""
    session.require(Permission.VIEW)
    wanted = list(dict.fromkeys(relief_ids))
    if not wanted:
        raise KnownError("没有选择任何救助记录，请先在列表中选择要打印的记录。")
    reliefs = {r.id: r for r in Relief.select().where(Relief.id.in_(wanted))}
    missing = [str(i) for i in wanted if i not in reliefs]
    if missing:
        raise KnownError(f"这些救助记录不存在（可能已撤销）：{'、'.join(missing[:10])}")
    return [_approval(reliefs[i]) for i in wanted]


def _approval(relief: Relief) -> ApprovalData:
    person = Person.get_by_id(relief.person_id)
    household = Household.get_or_none(Household.id == relief.household_id) if relief.household_id else None
    items = tuple(ItemForm(name, quantity, unit, value) for name, quantity, unit, value in tuples(
        ReliefItem.select(ReliefItem.name, ReliefItem.quantity, ReliefItem.unit, ReliefItem.value)
        .where(ReliefItem.relief == relief.id).order_by(ReliefItem.id)))
    fund = Fund.select(Fund.name).where(Fund.id == relief.fund_id).scalar() if relief.fund_id else ""
    campaign = Campaign.select(Campaign.name).where(Campaign.id == relief.campaign_id).scalar() \
        if relief.campaign_id else ""
    medical = None
    if relief.hospital or relief.diagnosis or relief.total_cost is not None:
        medical = Medical(relief.hospital or "", relief.diagnosis or "", relief.total_cost, relief.insurance_paid,
                          relief.self_paid)
    schooling = None
    if relief.student_id is not None or relief.school:
        student = Person.select(Person.name).where(Person.id == relief.student_id).scalar() \
            if relief.student_id else ""
        schooling = Schooling(str(student or ""), relief.school or "", relief.school_level or "",
                              relief.admission_year)
    count, total = _earlier(relief)
    category = (household.category or "") if household is not None else (TEMPORARY if relief.temporary else "")
    return ApprovalData(
        relief.id, person.name, person.sex or "", person.birth_date.year if person.birth_date else None,
        mask_id_number(person.id_number), mask_phone(person.phone), person.work_unit or "", person.address or "",
        household.file_no if household is not None else "", household.status if household is not None else "",
        category, household.identity if household is not None else "",
        household.household_size if household is not None else None,
        household.per_capita_monthly if household is not None else None,
        relief.relief_type, relief.on_date, relief.amount, items, relief.goods_value, str(fund or ""),
        str(campaign or ""), relief.handler, relief.note, relief.duplicate_reason or "", medical, schooling,
        count, total)


def _earlier(relief: Relief) -> tuple[int, Decimal]:
    """人次 and 金额 (cash and goods) of the other reliefs to the same household or person that year."""
    year = relief.on_date.year
    whose = (Relief.household == relief.household_id) if relief.household_id else (Relief.person == relief.person_id)
    row = next(tuples(Relief.select(peewee.fn.COUNT(Relief.id), peewee.fn.SUM(Relief.amount + Relief.goods_value))
                      .where(whose, Relief.id != relief.id,
                             Relief.on_date.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))))
    return int(row[0]), from_cents(int(row[1] or 0))


# The form's grid: four label/value pairs a row; a value may span several grid columns.
GRID = 8
NOT_FILED = "未建档"
REASON = "申请理由"
OPINIONS = ("经办人意见", "帮扶中心审核意见", "领导审批意见")


@dataclass(frozen=True)
class Pair:
    """A grey label (one grid column) and its value (`span` grid columns), the PDF and the workbook alike."""

    label: str
    value: str
    span: int = 1
    left: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[tuple[Pair, ...], ...]


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{figures(amount)} 元"


def sections(d: ApprovalData) -> list[Section]:
    """一、受助人基本情况, 二、救助事项 and, when there are any, the medical and school details."""
    year = f"{d.birth_year}年" if d.birth_year else ""
    size = f"{d.household_size} 人" if d.household_size else ""
    found = [Section("受助人基本情况", (
        (Pair("姓名", d.name), Pair("性别", d.sex), Pair("出生年份", year), Pair("身份", d.identity)),
        (Pair("身份证号", d.id_number, 3), Pair("联系电话", d.phone), Pair("困难类别", d.category)),
        (Pair("工作单位", d.work_unit, 7, left=True),),
        (Pair("家庭住址", d.address, 7, left=True),),
        (Pair("档案编号", d.file_no or NOT_FILED), Pair("档案状态", d.file_status), Pair("家庭人口", size),
         Pair("月人均收入", _money(d.per_capita_monthly))),
    ))]
    goods = "；".join(f"{item.name}×{item.quantity}{item.unit}（{figures(item.value)}元）" for item in d.items)
    earlier = (f"{d.on_date.year}年内另有 {d.earlier_count} 次，共 {figures(d.earlier_total)} 元（不含本次）"
               if d.earlier_count else f"{d.on_date.year}年内无其他救助")
    relief = [
        (Pair("救助类型", d.relief_type), Pair("救助日期", d.on_date.isoformat()),
         Pair("资金来源", d.fund or "—", 3, left=True)),
        (Pair("所属活动", d.campaign or "—", 3, left=True), Pair("经办人", d.handler),
         Pair("记录编号", str(d.relief_id))),
        (Pair("救助金额", yuan(d.amount)), Pair("金额大写", capitals(d.amount), 5, left=True)),
    ]
    if d.items:
        relief.append((Pair("发放物资", goods, 5, left=True), Pair("物资折价", _money(d.goods_value))))
    relief.append((Pair("本年已获救助", earlier, 7, left=True),))
    if d.duplicate_reason:
        relief.append((Pair("重复救助理由", d.duplicate_reason, 7, left=True),))
    found.append(Section("救助事项", tuple(relief)))
    if d.medical is not None:
        m = d.medical
        found.append(Section("患病就医情况", (
            (Pair("就诊医院", m.hospital, 3, left=True), Pair("诊断", m.diagnosis, 3, left=True)),
            (Pair("医疗总费用", _money(m.total_cost)), Pair("医保报销", _money(m.insurance_paid)),
             Pair("个人自付", _money(m.self_paid), 3)),
        )))
    if d.schooling is not None:
        s = d.schooling
        found.append(Section("就学情况", (
            (Pair("学生姓名", s.student), Pair("学段", s.level),
             Pair("入学年份", f"{s.admission_year}年" if s.admission_year else "", 3)),
            (Pair("就读学校", s.school, 7, left=True),),
        )))
    return found
