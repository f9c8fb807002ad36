"""Legal aid (法律援助): cases for one or many workers, dated stages, outcome and money recovered, monthly figures."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.services import audit
from app.services.audit import AuditAction
from app.services.relief import resolve_person
from app.services.relief_forms import Recipient
from app.session import Permission
from app.validation import mask_id_number
from db.database import database, tuples
from db.fields import from_cents
from db.models import LegalApplicant, LegalCase, LegalCaseStage, Person, Petition, PetitionEvent

ZERO = Decimal("0.00")
CLOSED = "结案"


@dataclass(frozen=True)
class ApplicantForm:
    recipient: Recipient
    amount_claimed: Decimal | None = None
    amount_recovered: Decimal | None = None


@dataclass(frozen=True)
class LegalCaseForm:
    respondent: str
    cause: str
    handling: str
    accepted_on: datetime.date
    workers_involved: int = 1              # kept even when not every worker is named
    applicants: tuple[ApplicantForm, ...] = ()
    partner: str = ""                      # 联合执法: e.g. 县劳动监察大队
    lawyer: str = ""
    amount_claimed: Decimal = ZERO
    note: str = ""
    petition_id: int | None = None         # the reception the case came from


@dataclass(frozen=True)
class ApplicantView:
    person_id: int
    name: str
    id_number: str           # masked
    amount_claimed: Decimal | None
    amount_recovered: Decimal | None


@dataclass(frozen=True)
class StageView:
    stage: str
    on_date: datetime.date
    note: str
    by_name: str


@dataclass(frozen=True)
class LegalCaseView:
    id: int
    case_no: str
    respondent: str
    cause: str
    handling: str
    partner: str
    lawyer: str
    workers_involved: int
    amount_claimed: Decimal
    amount_recovered: Decimal
    stage: str
    accepted_on: datetime.date
    closed_on: datetime.date | None
    outcome: str
    note: str
    applicants: tuple[ApplicantView, ...] = ()
    stages: tuple[StageView, ...] = ()
    petitions: tuple[int, ...] = field(default=())


def _check(form: LegalCaseForm) -> list[FieldError]:
    errors = []
    if not form.respondent.strip():
        errors.append(FieldError("respondent", "被申请单位", "不能为空"))
    if form.cause not in vocab.LEGAL_CAUSES:
        errors.append(FieldError("cause", "案由", "请选择"))
    if form.handling not in vocab.LEGAL_HANDLINGS:
        errors.append(FieldError("handling", "处理方式", "请选择"))
    if form.handling == "联合执法" and not form.partner.strip():
        errors.append(FieldError("partner", "联合执法单位", "联合执法须写明合作单位（如县劳动监察大队）"))
    if form.accepted_on > clock.today():
        errors.append(FieldError("accepted_on", "受理日期", "不能晚于今天"))
    if form.workers_involved < max(1, len(form.applicants)):
        errors.append(FieldError("workers_involved", "涉及职工人数",
                                 f"不能少于列出的申请人数（{len(form.applicants)}）"))
    if form.amount_claimed < 0:
        errors.append(FieldError("amount_claimed", "请求金额", "不能为负数"))
    for index, applicant in enumerate(form.applicants):
        r = applicant.recipient
        if r.person_id is None and not r.name.strip():
            errors.append(FieldError("applicants", f"申请人第{index + 1}行", "请填写姓名"))
        for value in (applicant.amount_claimed, applicant.amount_recovered):
            if value is not None and value < 0:
                errors.append(FieldError("applicants", f"申请人第{index + 1}行", "金额不能为负数"))
    return errors


def _next_case_no(year: int) -> str:
    prefix = f"法援{year}-"
    row = database.execute_sql("SELECT MAX(CAST(substr(case_no, ?) AS INTEGER)) FROM legal_case WHERE case_no LIKE ?",
                               (len(prefix) + 1, prefix + "%")).fetchone()
    return f"{prefix}{(row[0] or 0) + 1:03d}"


def open_case(form: LegalCaseForm) -> int:
    """受理: a new case (from a petition or not); named applicants are found or added as people."""
    session.require(Permission.EDIT)
    errors = _check(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        case = LegalCase.create(
            case_no=_next_case_no(form.accepted_on.year), respondent=form.respondent.strip(), cause=form.cause,
            handling=form.handling, partner=form.partner.strip(), lawyer=form.lawyer.strip(),
            workers_involved=form.workers_involved, amount_claimed=form.amount_claimed, stage="受理",
            accepted_on=form.accepted_on, note=form.note.strip(), created_by=session.current_operator(),
            created_at=clock.now())
        _write_applicants(case.id, form.applicants)
        LegalCaseStage.create(case=case.id, stage="受理", on_date=form.accepted_on, note=form.handling,
                              by_name=session.current_operator(), created_at=clock.now())
        if form.petition_id is not None:
            petition = Petition.get_or_none(Petition.id == form.petition_id)
            if petition is None:
                raise KnownError("所选信访记录已不存在。")
            petition.legal_case_id = case.id
            petition.save()
            PetitionEvent.create(petition=petition.id, action="转法律援助", on_date=form.accepted_on,
                                 by_name=session.current_operator(), note=f"受理为案件 {case.case_no}",
                                 created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="legal_case", target_id=case.id,
                     target_label=f"{case.case_no} {case.respondent}",
                     details={"案由": form.cause, "处理方式": form.handling, "涉及职工": form.workers_involved})
    return int(case.id)


def _write_applicants(case_id: int, applicants: Sequence[ApplicantForm]) -> None:
    LegalApplicant.delete().where(LegalApplicant.case == case_id).execute()
    for applicant in applicants:
        try:
            person_id = resolve_person(applicant.recipient)
        except ValueError as exc:
            raise ValidationError([FieldError("applicants", "申请人身份证号", str(exc))]) from None
        LegalApplicant.create(case=case_id, person=person_id, amount_claimed=applicant.amount_claimed,
                              amount_recovered=applicant.amount_recovered)


def update_case(case_id: int, form: LegalCaseForm) -> None:
    """Correct the case's details and applicants (stages are added, never rewritten)."""
    session.require(Permission.EDIT)
    errors = _check(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        case = _case(case_id)
        if case.closed_on is not None:
            raise KnownError("该案件已结案，不能再修改（各申请人的追回金额已随结案记下）。")
        for key in ("respondent", "partner", "lawyer", "note"):
            setattr(case, key, getattr(form, key).strip())
        case.cause, case.handling = form.cause, form.handling
        case.workers_involved, case.amount_claimed = form.workers_involved, form.amount_claimed
        case.save()
        _write_applicants(case_id, form.applicants)
        audit.record(AuditAction.UPDATE, target_kind="legal_case", target_id=case_id,
                     target_label=f"{case.case_no} {case.respondent}")


def add_stage(case_id: int, stage: str, on_date: datetime.date, note: str = "") -> None:
    """调解, 仲裁, 诉讼 …: a dated step on the case's timeline (结案 goes through close_case)."""
    session.require(Permission.EDIT)
    if stage not in vocab.LEGAL_STAGES or stage in ("受理", CLOSED):
        raise KnownError("请选择调解、仲裁或诉讼；结案请用“结案”。")
    with database.atomic("IMMEDIATE"):
        case = _case(case_id)
        _guard_date(case, on_date)
        if case.closed_on is not None:
            raise KnownError("该案件已结案。")
        case.stage = stage
        case.save()
        LegalCaseStage.create(case=case_id, stage=stage, on_date=on_date, note=note.strip(),
                              by_name=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.STEP, target_kind="legal_case", target_id=case_id,
                     target_label=f"{case.case_no} {case.respondent}", details={"阶段": stage, "日期": str(on_date)})


def close_case(case_id: int, on_date: datetime.date, outcome: str, amount_recovered: Decimal,
               per_worker: dict[int, Decimal] | None = None) -> None:
    """结案: the outcome and the money recovered or awarded (in all, and per named worker where known)."""
    session.require(Permission.EDIT)
    if not outcome.strip():
        raise KnownError("结案须写明处理结果。")
    if amount_recovered < 0:
        raise KnownError("追回金额不能为负数。")
    with database.atomic("IMMEDIATE"):
        case = _case(case_id)
        _guard_date(case, on_date)
        if case.closed_on is not None:
            raise KnownError("该案件已经结案。")
        shares = per_worker or {}
        if sum(shares.values(), ZERO) > amount_recovered:
            raise KnownError("各申请人追回金额之和超过了案件追回总额。")
        for person_id, amount in shares.items():
            updated = (LegalApplicant.update(amount_recovered=amount)
                       .where(LegalApplicant.case == case_id, LegalApplicant.person == person_id).execute())
            if not updated:
                raise KnownError("所填金额的申请人不在本案中。")
        case.closed_on, case.stage = on_date, CLOSED
        case.outcome, case.amount_recovered = outcome.strip(), amount_recovered
        case.save()
        LegalCaseStage.create(case=case_id, stage=CLOSED, on_date=on_date, note=outcome.strip(),
                              by_name=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.STEP, target_kind="legal_case", target_id=case_id,
                     target_label=f"{case.case_no} {case.respondent}",
                     details={"阶段": CLOSED, "追回金额": figures(amount_recovered), "结果": outcome.strip()})


def _guard_date(case: LegalCase, on_date: datetime.date) -> None:
    if on_date < case.accepted_on or on_date > clock.today():
        raise KnownError("日期应在受理日期与今天之间。")


def _case(case_id: int) -> LegalCase:
    case = LegalCase.get_or_none(LegalCase.id == case_id)
    if case is None:
        raise KnownError("该法律援助案件已不存在。")
    return case


@dataclass(frozen=True)
class CaseQuery:
    cause: str | None = None
    handling: str | None = None
    open_only: bool = False
    closed_only: bool = False
    start: datetime.date | None = None     # accepted on or after
    end: datetime.date | None = None
    text: str = ""


def search_cases(query: CaseQuery) -> list[int]:
    session.require(Permission.VIEW)
    select: Any = LegalCase.select(LegalCase.id)
    if query.cause:
        select = select.where(LegalCase.cause == query.cause)
    if query.handling:
        select = select.where(LegalCase.handling == query.handling)
    if query.open_only:
        select = select.where(LegalCase.closed_on.is_null(True))
    if query.closed_only:
        select = select.where(LegalCase.closed_on.is_null(False))
    if query.start:
        select = select.where(LegalCase.accepted_on >= query.start)
    if query.end:
        select = select.where(LegalCase.accepted_on <= query.end)
    for word in query.text.split():
        named = LegalApplicant.select(LegalApplicant.case).join(Person).where(Person.name.contains(word))
        select = select.where(LegalCase.respondent.contains(word) | LegalCase.case_no.contains(word)
                              | LegalCase.id.in_(named))
    return [row[0] for row in tuples(select.order_by(LegalCase.accepted_on.desc(), LegalCase.id.desc()))]


def get_cases(ids: Sequence[int], *, full: bool = False) -> list[LegalCaseView]:
    """Cases in the given order; with full=True their applicants, timeline and petitions too."""
    session.require(Permission.VIEW)
    rows = {c.id: c for c in LegalCase.select().where(LegalCase.id.in_(list(ids)))}
    applicants: dict[int, list[ApplicantView]] = {}
    stages: dict[int, list[StageView]] = {}
    petitions: dict[int, list[int]] = {}
    if full and rows:
        for case_id, pid, name, number, claimed, recovered in tuples(
                LegalApplicant.select(LegalApplicant.case, Person.id, Person.name, Person.id_number,
                                      LegalApplicant.amount_claimed, LegalApplicant.amount_recovered)
                .join(Person).where(LegalApplicant.case.in_(list(rows))).order_by(LegalApplicant.id)):
            applicants.setdefault(case_id, []).append(ApplicantView(pid, name, mask_id_number(number), claimed,
                                                                    recovered))
        for s in LegalCaseStage.select().where(LegalCaseStage.case.in_(list(rows))).order_by(LegalCaseStage.id):
            stages.setdefault(s.case_id, []).append(StageView(s.stage, s.on_date, s.note, s.by_name))
        for pid, case_id in tuples(Petition.select(Petition.id, Petition.legal_case)
                                   .where(Petition.legal_case.in_(list(rows)))):
            petitions.setdefault(case_id, []).append(pid)
    return [LegalCaseView(c.id, c.case_no, c.respondent, c.cause, c.handling, c.partner, c.lawyer,
                          c.workers_involved, c.amount_claimed, c.amount_recovered, c.stage, c.accepted_on,
                          c.closed_on, c.outcome, c.note, tuple(applicants.get(c.id, ())),
                          tuple(stages.get(c.id, ())), tuple(petitions.get(c.id, ())))
            for c in (rows.get(i) for i in ids) if c is not None]


def get_case(case_id: int) -> LegalCaseView:
    found = get_cases([case_id], full=True)
    if not found:
        raise KnownError("该法律援助案件已不存在。")
    return found[0]


@dataclass(frozen=True)
class LegalFigures:
    """Cases, workers involved and money recovered: in all and grouped."""

    count: int
    workers: int
    recovered: Decimal
    by_cause: dict[str, tuple[int, int, Decimal]]
    by_handling: dict[str, tuple[int, int, Decimal]]
    closed: int


def legal_figures(start: datetime.date, end: datetime.date) -> LegalFigures:
    """法律援助统计 for a period: cases accepted in it; money counts when the case closed in it."""
    session.require(Permission.VIEW)
    accepted = LegalCase.select().where(LegalCase.accepted_on.between(start, end))

    def grouped(column: peewee.Field, names: Sequence[str]) -> dict[str, tuple[int, int, Decimal]]:
        result = {name: (0, 0, ZERO) for name in names}
        for key, count, workers in tuples(LegalCase.select(column, peewee.fn.COUNT(LegalCase.id),
                                                           peewee.fn.SUM(LegalCase.workers_involved))
                                          .where(LegalCase.accepted_on.between(start, end)).group_by(column)):
            result[key] = (int(count), int(workers or 0), result.get(key, (0, 0, ZERO))[2])
        for key, money in tuples(LegalCase.select(column, peewee.fn.SUM(LegalCase.amount_recovered))
                                 .where(LegalCase.closed_on.between(start, end)).group_by(column)):
            count, workers, _ = result.get(key, (0, 0, ZERO))
            result[key] = (count, workers, from_cents(int(money or 0)))
        return result

    count = accepted.count()
    workers = int(LegalCase.select(peewee.fn.SUM(LegalCase.workers_involved))
                  .where(LegalCase.accepted_on.between(start, end)).scalar() or 0)
    recovered = from_cents(int(LegalCase.select(peewee.fn.SUM(LegalCase.amount_recovered))
                               .where(LegalCase.closed_on.between(start, end)).scalar() or 0))
    closed = LegalCase.select().where(LegalCase.closed_on.between(start, end)).count()
    return LegalFigures(int(count), workers, recovered, grouped(LegalCase.cause, vocab.LEGAL_CAUSES),
                        grouped(LegalCase.handling, vocab.LEGAL_HANDLINGS), int(closed))
