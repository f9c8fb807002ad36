"""Mutual-aid insurance (职工互助保障): a person enrolled in a plan for a year, and the claims paid under it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.services import audit
from app.services import employment_rules as rules
from app.services.audit import AuditAction
from app.services.relief_forms import Recipient
from app.session import Permission
from app.validation import mask_id_number
from db.database import database, tuples
from db.fields import from_cents
from db.models import MutualAidClaim, MutualAidEnrolment, Person

ZERO = rules.ZERO
FIRST_YEAR = 1990


@dataclass(frozen=True)
class EnrolmentForm:
    person: Recipient
    year: int
    plan: str                      # e.g. 住院医疗互助保障
    premium: Decimal = ZERO
    work_unit: str = ""


@dataclass(frozen=True)
class ClaimForm:
    on_date: datetime.date
    kind: str                      # 住院 / 重疾 / 意外 / 身故 / 其他
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class ClaimView:
    id: int
    enrolment_id: int
    on_date: datetime.date
    kind: str
    amount: Decimal
    note: str


@dataclass(frozen=True)
class EnrolmentView:
    id: int
    person_id: int
    name: str
    id_number: str                 # masked
    year: int
    plan: str
    premium: Decimal
    work_unit: str
    claims: int
    claimed: Decimal


def check_enrolment(form: EnrolmentForm, errors: list[FieldError]) -> None:
    if not FIRST_YEAR <= form.year <= clock.today().year + 1:
        errors.append(FieldError("year", "年度", f"应为{FIRST_YEAR}至{clock.today().year + 1}年"))
    rules.text(errors, "plan", "保障项目", form.plan, max_length=32, required=True)
    rules.money(errors, "premium", "缴费金额", form.premium)
    rules.text(errors, "work_unit", "工作单位", form.work_unit, max_length=128)


def enrol(form: EnrolmentForm) -> int:
    """A person in a plan for a year (once per person, year and plan)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_enrolment(form, errors)
    rules.check_person(errors, form.person, "参保职工")
    with database.atomic("IMMEDIATE"):
        rules.raise_any(errors)
        person_id = rules.person_for(form.person)
        name = str(Person.select(Person.name).where(Person.id == person_id).scalar())
        if MutualAidEnrolment.select().where(MutualAidEnrolment.person == person_id,
                                             MutualAidEnrolment.year == form.year,
                                             MutualAidEnrolment.plan == form.plan.strip()).exists():
            raise ValidationError([FieldError("plan", "保障项目", f"{name}已参加{form.year}年的“{form.plan.strip()}”")])
        row = MutualAidEnrolment.create(person=person_id, year=form.year, plan=form.plan.strip(),
                                        premium=form.premium, work_unit=form.work_unit.strip(),
                                        created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="mutual_aid", target_id=row.id,
                     target_label=f"{name} {form.year} {row.plan}", details={"缴费": figures(form.premium)})
    return int(row.id)


def update_enrolment(enrolment_id: int, premium: Decimal, work_unit: str) -> None:
    """Correct the premium or the work unit (person, year and plan identify the enrolment and stay)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    rules.money(errors, "premium", "缴费金额", premium)
    rules.text(errors, "work_unit", "工作单位", work_unit, max_length=128)
    rules.raise_any(errors)
    with database.atomic("IMMEDIATE"):
        row = _enrolment(enrolment_id)
        labels = {"premium": "缴费金额", "work_unit": "工作单位"}
        before = {"premium": row.premium, "work_unit": row.work_unit}
        after = {"premium": rules.cents(premium), "work_unit": work_unit.strip()}
        row.premium, row.work_unit = premium, work_unit.strip()
        row.save()
        changed = audit.changes(before, after, labels)
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="mutual_aid", target_id=enrolment_id,
                         target_label=_label(row), details={"修改": changed})


def delete_enrolment(enrolment_id: int) -> None:
    """Delete an enrolment entered by mistake; one with claims paid cannot be deleted."""
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = _enrolment(enrolment_id)
        if MutualAidClaim.select().where(MutualAidClaim.enrolment == enrolment_id).exists():
            raise KnownError("该参保记录已有理赔，不能删除；请先删除其理赔记录。")
        label = _label(row)
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="mutual_aid", target_id=enrolment_id, target_label=label)


def _enrolment(enrolment_id: int) -> MutualAidEnrolment:
    row = MutualAidEnrolment.get_or_none(MutualAidEnrolment.id == enrolment_id)
    if row is None:
        raise KnownError("该参保记录已不存在，请刷新。")
    return row


def _label(row: MutualAidEnrolment) -> str:
    return f"{row.person.name} {row.year} {row.plan}"


def check_claim(form: ClaimForm, year: int) -> list[FieldError]:
    errors: list[FieldError] = []
    rules.choice(errors, "kind", "理赔类型", form.kind, vocab.MUTUAL_AID_CLAIM_KINDS)
    rules.money(errors, "amount", "赔付金额", form.amount, positive=True)
    rules.not_future(errors, "on_date", "赔付日期", form.on_date)
    if form.on_date.year < year:
        errors.append(FieldError("on_date", "赔付日期", f"不能早于参保年度{year}年"))
    rules.text(errors, "note", "备注", form.note, max_length=200)
    return errors


def record_claim(enrolment_id: int, form: ClaimForm) -> int:
    """A claim paid under an enrolment."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        row = _enrolment(enrolment_id)
        rules.raise_any(check_claim(form, row.year))
        claim = MutualAidClaim.create(enrolment=enrolment_id, on_date=form.on_date, kind=form.kind,
                                      amount=form.amount, note=form.note.strip(),
                                      created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="mutual_aid_claim", target_id=claim.id, target_label=_label(row),
                     details={"类型": form.kind, "金额": figures(form.amount), "日期": form.on_date.isoformat()})
    return int(claim.id)


def delete_claim(claim_id: int) -> None:
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        claim = MutualAidClaim.get_or_none(MutualAidClaim.id == claim_id)
        if claim is None:
            raise KnownError("该理赔记录已不存在。")
        label = _label(claim.enrolment)
        details = {"类型": claim.kind, "金额": figures(claim.amount), "日期": claim.on_date.isoformat()}
        claim.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="mutual_aid_claim", target_id=claim_id, target_label=label,
                     details=details)


@dataclass(frozen=True)
class EnrolmentQuery:
    year: int | None = None
    plan: str | None = None
    person_id: int | None = None
    with_claims: bool = False
    text: str = ""                 # name, work unit, ID number's end


def list_enrolments(query: EnrolmentQuery = EnrolmentQuery()) -> list[EnrolmentView]:
    """Enrolments by year (newest first) and name; ID numbers masked."""
    session.require(Permission.VIEW)
    claims = (MutualAidClaim.select(MutualAidClaim.enrolment, peewee.fn.COUNT(MutualAidClaim.id).alias("n"),
                                    peewee.fn.SUM(MutualAidClaim.amount).alias("paid"))
              .group_by(MutualAidClaim.enrolment).alias("c"))
    select = (MutualAidEnrolment.select(MutualAidEnrolment.id, MutualAidEnrolment.person, Person.name,
                                        Person.id_number, MutualAidEnrolment.year, MutualAidEnrolment.plan,
                                        MutualAidEnrolment.premium, MutualAidEnrolment.work_unit, claims.c.n,
                                        claims.c.paid)
              .join(Person).switch(MutualAidEnrolment)
              .join(claims, peewee.JOIN.LEFT_OUTER, on=(MutualAidEnrolment.id == claims.c.enrolment_id)))
    if query.year:
        select = select.where(MutualAidEnrolment.year == query.year)
    if query.plan:
        select = select.where(MutualAidEnrolment.plan == query.plan)
    if query.person_id:
        select = select.where(MutualAidEnrolment.person == query.person_id)
    if query.with_claims:
        select = select.where(claims.c.n > 0)
    for word in query.text.split():
        select = select.where(Person.name.contains(word) | MutualAidEnrolment.work_unit.contains(word)
                              | Person.id_number.endswith(word.upper()))
    select = select.order_by(MutualAidEnrolment.year.desc(), Person.name_pinyin, MutualAidEnrolment.id)
    return [EnrolmentView(eid, pid, name, mask_id_number(number), year, plan, premium, unit, int(n or 0),
                          from_cents(int(paid or 0)))
            for eid, pid, name, number, year, plan, premium, unit, n, paid in tuples(select)]


def enrolment_claims(enrolment_id: int) -> list[ClaimView]:
    session.require(Permission.VIEW)
    return [ClaimView(c.id, c.enrolment_id, c.on_date, c.kind, c.amount, c.note)
            for c in MutualAidClaim.select().where(MutualAidClaim.enrolment == enrolment_id)
            .order_by(MutualAidClaim.on_date, MutualAidClaim.id)]


def plans() -> list[str]:
    """Plan names used so far, for completion as they are typed."""
    session.require(Permission.VIEW)
    return [p for (p,) in tuples(MutualAidEnrolment.select(MutualAidEnrolment.plan).distinct()
                                 .order_by(MutualAidEnrolment.plan))]


def enrolment_id(person_id: int, year: int, plan: str) -> int | None:
    session.require(Permission.VIEW)
    found = (MutualAidEnrolment.select(MutualAidEnrolment.id)
             .where(MutualAidEnrolment.person == person_id, MutualAidEnrolment.year == year,
                    MutualAidEnrolment.plan == plan.strip()).scalar())
    return int(found) if found is not None else None


@dataclass(frozen=True)
class MutualAidFigures:
    """互助保障 in a period: people enrolled in its years, and claims paid in it."""

    enrolled: int
    claims: int
    claims_amount: Decimal


def mutual_aid_figures(start: datetime.date, end: datetime.date) -> MutualAidFigures:
    session.require(Permission.VIEW)
    enrolled = (MutualAidEnrolment.select(peewee.fn.COUNT(MutualAidEnrolment.person.distinct()))
                .where(MutualAidEnrolment.year.between(start.year, end.year)).scalar())
    count, paid = next(tuples(MutualAidClaim.select(peewee.fn.COUNT(MutualAidClaim.id),
                                                    peewee.fn.SUM(MutualAidClaim.amount))
                              .where(MutualAidClaim.on_date.between(start, end))))
    return MutualAidFigures(int(enrolled or 0), int(count), from_cents(int(paid or 0)))

