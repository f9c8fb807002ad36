"""Campaigns (帮扶活动): create one, choose its recipients by rules, record the whole batch in one step."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.services import audit
from app.services.audit import AuditAction
from app.services.relief_forms import ZERO, ItemForm, Recipient, ReliefChange
from app.session import Permission
from app.validation import mask_id_number
from app.vocab import FileStatus
from db.database import database, tuples
from db.fields import from_cents
from db.models import Campaign, FamilyMember, Fund, Household, Person, Relief

# 夏凉被×1条@85: name × quantity, an optional unit, an optional value each after @
ITEM_RE = re.compile(r"^\s*(?P<name>[^×x*\d]+?)\s*[×x*]\s*(?P<qty>\d+)\s*(?P<unit>\D{0,4}?)"
                     r"\s*(?:[@＠]\s*(?P<value>[\d.]+))?\s*$")


@dataclass(frozen=True)
class CampaignForm:
    name: str
    relief_type: str
    start_date: datetime.date
    end_date: datetime.date
    standard_amount: Decimal | None = None
    standard_items: str = ""     # "夏凉被×1条@85" — name × quantity unit, optional value each
    fund_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class CampaignView:
    id: int
    name: str
    relief_type: str
    start_date: datetime.date
    end_date: datetime.date
    standard_amount: Decimal | None
    standard_items: str
    fund_id: int | None
    fund: str
    note: str
    recipients: int
    total: Decimal


@dataclass(frozen=True)
class RecipientRule:
    """Who a campaign is for: every condition given must hold (empty means any)."""

    categories: tuple[str, ...] = ()
    identities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = (str(FileStatus.ACTIVE),)
    causes: tuple[str, ...] = ()            # main or secondary
    student_levels: tuple[str, ...] = ()    # a member studying at one of these levels
    union_names: tuple[str, ...] = ()
    not_helped_this_year: bool = False       # no relief of any kind yet this year


@dataclass(frozen=True)
class Candidate:
    household_id: int
    person_id: int
    file_no: str
    name: str
    id_number: str           # masked
    work_unit: str
    union_name: str
    category: str
    identity: str
    student_id: int | None = None
    student_name: str = ""
    school: str = ""
    school_level: str | None = None
    admission_year: int | None = None
    already: bool = False    # had this campaign's type already this year


@dataclass(frozen=True)
class BatchLine:
    """One recipient of a batch; amount/items None take the campaign's standard."""

    recipient: Recipient
    household_id: int | None = None
    amount: Decimal | None = None
    items: tuple[ItemForm, ...] | None = None
    duplicate_reason: str = ""
    temporary: bool = False
    student: Recipient | None = None
    school: str = ""
    school_level: str | None = None
    admission_year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class BatchResult:
    change: ReliefChange
    count: int
    total: Decimal
    conflicts_marked: int = 0
    warnings: tuple[str, ...] = field(default=())


def parse_items(text: str) -> tuple[ItemForm, ...]:
    """"夏凉被×1条@85、大米×2袋@60" → items; value is per unit, stored as the line's total."""
    items = []
    for part in (p for p in re.split(r"[、,，;；]", text) if p.strip()):
        match = ITEM_RE.match(part)
        if match is None:
            raise KnownError(f"物资“{part.strip()}”格式不对，应写成 名称×数量单位@单价，如 夏凉被×1条@85")
        quantity = int(match["qty"])
        each = Decimal(match["value"]) if match["value"] else ZERO
        items.append(ItemForm(match["name"].strip(), quantity, match["unit"].strip(), (each * quantity).quantize(
            Decimal("0.01"))))
    return tuple(items)


def create_campaign(form: CampaignForm) -> CampaignView:
    session.require(Permission.EDIT)
    name = form.name.strip()
    errors = []
    if not name:
        errors.append(FieldError("name", "活动名称", "不能为空"))
    if form.relief_type not in vocab.RELIEF_TYPES:
        errors.append(FieldError("relief_type", "救助类型", "请选择"))
    if form.end_date < form.start_date:
        errors.append(FieldError("end_date", "结束日期", "不能早于开始日期"))
    if form.standard_amount is not None and form.standard_amount < 0:
        errors.append(FieldError("standard_amount", "标准金额", "不能为负数"))
    try:
        parse_items(form.standard_items)
    except KnownError as exc:
        errors.append(FieldError("standard_items", "标准物资", str(exc)))
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        if Campaign.select().where(Campaign.name == name).exists():
            raise ValidationError([FieldError("name", "活动名称", f"已有名为“{name}”的活动")])
        if form.fund_id is not None and not Fund.select().where(Fund.id == form.fund_id).exists():
            raise KnownError("所选资金不存在。")
        row = Campaign.create(name=name, relief_type=form.relief_type, start_date=form.start_date,
                              end_date=form.end_date, standard_amount=form.standard_amount,
                              standard_items=form.standard_items.strip(), fund=form.fund_id, note=form.note.strip(),
                              created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="campaign", target_id=row.id, target_label=name,
                     details={"活动": name, "类型": form.relief_type})
    return get_campaign(int(row.id))


def list_campaigns() -> list[CampaignView]:
    session.require(Permission.VIEW)
    sums = {cid: (n, t) for cid, n, t in tuples(
        Relief.select(Relief.campaign, peewee.fn.COUNT(Relief.id), peewee.fn.SUM(Relief.amount + Relief.goods_value))
        .where(Relief.campaign.is_null(False)).group_by(Relief.campaign))}
    fund_names = dict(tuples(Fund.select(Fund.id, Fund.name)))
    views = []
    for c in Campaign.select().order_by(Campaign.start_date.desc(), Campaign.id.desc()):
        count, total = sums.get(c.id, (0, 0))
        views.append(CampaignView(c.id, c.name, c.relief_type, c.start_date, c.end_date, c.standard_amount,
                                  c.standard_items, c.fund_id, fund_names.get(c.fund_id, ""), c.note, int(count),
                                  from_cents(int(total or 0))))
    return views


def get_campaign(campaign_id: int) -> CampaignView:
    for view in list_campaigns():
        if view.id == campaign_id:
            return view
    raise KnownError("该帮扶活动不存在。")


def candidates(rule: RecipientRule, relief_type: str, year: int) -> list[Candidate]:
    """Households matching the rule, ordered by file number; a student at the level named when asked."""
    session.require(Permission.VIEW)
    select = (Household.select(Household.id, Person.id, Household.file_no, Person.name, Person.id_number,
                               Person.work_unit, Household.union_name, Household.category, Household.identity)
              .join(Person, on=(Household.head == Person.id)).order_by(Household.file_no))
    if rule.statuses:
        select = select.where(Household.status.in_(list(rule.statuses)))
    if rule.categories:
        select = select.where(Household.category.in_(list(rule.categories)))
    if rule.identities:
        select = select.where(Household.identity.in_(list(rule.identities)))
    if rule.union_names:
        select = select.where(Household.union_name.in_(list(rule.union_names)))
    if rule.causes:
        cause_match = Household.main_cause.in_(list(rule.causes))
        for cause in rule.causes:
            cause_match = cause_match | Household.secondary_causes.contains(cause)
        select = select.where(cause_match)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if rule.not_helped_this_year:
        helped = Relief.select(Relief.household).where(Relief.on_date.between(start, end),
                                                       Relief.household.is_null(False))
        select = select.where(Household.id.not_in(helped))
    students: dict[int, tuple[int, str, str, str | None, int | None]] = {}
    if rule.student_levels:
        educations = [e for e, level in vocab.SCHOOL_LEVEL_OF_EDUCATION.items() if level in rule.student_levels]
        members = (FamilyMember.select(FamilyMember.household, Person.id, Person.name, FamilyMember.unit_or_school,
                                       FamilyMember.education, FamilyMember.enrol_year)
                   .join(Person).where(FamilyMember.identity == "学生", FamilyMember.education.in_(educations))
                   .order_by(FamilyMember.household, FamilyMember.sort_order))
        for hid, pid, name, school, education, enrol in tuples(members):
            students.setdefault(hid, (pid, name, school or "", vocab.SCHOOL_LEVEL_OF_EDUCATION[education], enrol))
        select = select.where(Household.id.in_(list(students)))
    already = {hid for (hid,) in tuples(Relief.select(Relief.household).where(
        Relief.relief_type == relief_type, Relief.on_date.between(start, end), Relief.household.is_null(False)))}
    result = []
    for hid, pid, file_no, name, number, unit, union, category, identity in tuples(select):
        student_id, student_name, school, level, enrol = students.get(hid, (None, "", "", None, None))
        result.append(Candidate(hid, pid, file_no, name, mask_id_number(number), unit or "", union or "",
                                category or "", identity, student_id=student_id, student_name=student_name,
                                school=school, school_level=level, admission_year=enrol, already=hid in already))
    return result


def line_from(candidate: Candidate) -> BatchLine:
    """A batch line for a candidate (the campaign's standard amount and items)."""
    student = Recipient(person_id=candidate.student_id) if candidate.student_id else None
    return BatchLine(Recipient(person_id=candidate.person_id), candidate.household_id, student=student,
                     school=candidate.school, school_level=candidate.school_level,
                     admission_year=candidate.admission_year)
