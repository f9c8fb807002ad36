"""Care of model workers: visits (走访慰问), health checks, supplementary insurance and practical help (实事)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.services import audit, funds
from app.services.audit import AuditAction
from app.services.model_workers import name_of, on_roll_problem
from app.session import Permission
from db.database import database, tuples
from db.models import Fund, HealthCheck, ModelWorker, ModelWorkerVisit, Person, PracticalHelp, SupplementaryInsurance

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class VisitForm:
    """走访慰问: one visit to one model worker; a round name groups the visits of one drive."""

    worker_id: int
    on_date: datetime.date
    occasion: str                 # 重大节日, 突发困难, 思想波动, 生病住院, 其他
    visitors: str                 # who went
    amount: Decimal = ZERO
    gifts: str = ""
    fund_id: int | None = None    # the fund the money comes from (its balance goes down)
    round_name: str = ""          # e.g. 2025年春节走访劳模
    note: str = ""


@dataclass(frozen=True)
class VisitView:
    id: int
    worker_id: int
    name: str
    on_date: datetime.date
    occasion: str
    round_name: str
    visitors: str
    amount: Decimal
    gifts: str
    fund: str
    note: str


@dataclass(frozen=True)
class HealthCheckForm:
    worker_id: int
    year: int
    hospital: str
    on_date: datetime.date
    summary: str = ""


@dataclass(frozen=True)
class HealthCheckView:
    id: int
    worker_id: int
    name: str
    year: int
    hospital: str
    on_date: datetime.date
    summary: str


@dataclass(frozen=True)
class InsuranceForm:
    worker_id: int
    year: int
    insurer: str
    premium: Decimal = ZERO


@dataclass(frozen=True)
class InsuranceView:
    id: int
    worker_id: int
    name: str
    year: int
    insurer: str
    premium: Decimal


@dataclass(frozen=True)
class PracticalHelpForm:
    worker_id: int
    on_date: datetime.date
    what: str
    note: str = ""


@dataclass(frozen=True)
class PracticalHelpView:
    id: int
    worker_id: int
    name: str
    on_date: datetime.date
    what: str
    note: str


def _worker_problem(worker_id: int, day: datetime.date, what: str) -> FieldError | None:
    if ModelWorker.get_or_none(ModelWorker.id == worker_id) is None:
        return FieldError("worker", "劳模", "该劳模档案不存在")
    problem = on_roll_problem(worker_id, day, what)
    return FieldError("worker", "劳模", problem) if problem else None


def check_visit(form: VisitForm) -> list[FieldError]:
    """The visit's fields and the worker's standing on its date (the fund is checked when it is written)."""
    errors: list[FieldError] = []
    if form.occasion not in vocab.VISIT_OCCASIONS:
        errors.append(FieldError("occasion", "走访事由", f"应为{'、'.join(vocab.VISIT_OCCASIONS)}之一"))
    if not form.visitors.strip():
        errors.append(FieldError("visitors", "走访人", "请填写谁去走访"))
    if form.amount < 0 or form.amount != form.amount.quantize(Decimal("0.01")):
        errors.append(FieldError("amount", "慰问金", "应为不小于零、最多两位小数的金额"))
    elif form.amount == 0 and not form.gifts.strip():
        errors.append(FieldError("amount", "慰问金", "慰问金和慰问品至少填一项"))
    for key, label, text, limit in (("gifts", "慰问品", form.gifts, 100),
                                    ("round_name", "走访批次", form.round_name, 64),
                                    ("visitors", "走访人", form.visitors, 64), ("note", "备注", form.note, 200)):
        if len(text.strip()) > limit:
            errors.append(FieldError(key, label, f"不能超过{limit}个字"))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "走访日期", "不能晚于今天"))
    else:
        problem = _worker_problem(form.worker_id, form.on_date, "走访")
        if problem is not None:
            errors.append(problem)
    return errors


def fund_problem(fund_id: int, amount: Decimal, on_date: datetime.date) -> str | None:
    """Why this fund cannot pay the visit's money (missing, closed, or short — on the visit's day or any later
    one — with its balance); None if it can."""
    row = Fund.select(Fund.name, Fund.active).where(Fund.id == fund_id).tuples().first()
    if row is None:
        return "该资金不存在"
    name, active = row
    if not active:
        return f"资金“{name}”已停用，不能再支出"
    available = funds.available_on(fund_id, on_date)
    if amount > available:
        when = f"{on_date.isoformat()}起" if on_date < clock.today() else ""
        return f"资金“{name}”{when}余额 {figures(available)} 元，不足支付慰问金 {figures(amount)} 元"
    return None


def write_visit(form: VisitForm) -> int:
    visit = ModelWorkerVisit.create(
        model_worker=form.worker_id, on_date=form.on_date, occasion=form.occasion, round_name=form.round_name.strip(),
        visitors=form.visitors.strip(), amount=form.amount, gifts=form.gifts.strip(), fund=form.fund_id,
        note=form.note.strip(), created_by=session.current_operator(), created_at=clock.now())
    return int(visit.id)


def record_visit(form: VisitForm) -> int:
    """走访慰问: money paid from a fund lowers its balance; a fund that cannot pay refuses the visit."""
    session.require(Permission.EDIT)
    errors = check_visit(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        if form.fund_id is not None:
            problem = fund_problem(form.fund_id, form.amount, form.on_date)
            if problem:
                raise ValidationError([FieldError("fund", "资金", problem + "，未登记")])
        visit_id = write_visit(form)
        audit.record(AuditAction.CREATE, target_kind="model_worker_visit", target_id=visit_id,
                     target_label=f"走访 {name_of(form.worker_id)}",
                     details={"日期": form.on_date.isoformat(), "事由": form.occasion, "金额": figures(form.amount),
                              "慰问品": form.gifts.strip(), "批次": form.round_name.strip()})
    return visit_id


def check_health_check(form: HealthCheckForm) -> list[FieldError]:
    """The check's fields and the worker's standing on its date (one a year is checked when it is written)."""
    errors: list[FieldError] = []
    if not form.hospital.strip():
        errors.append(FieldError("hospital", "体检医院", "不能为空"))
    if not form.year <= form.on_date.year <= form.year + 1:
        errors.append(FieldError("on_date", "体检日期", f"应在{form.year}年（或次年年初）"))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "体检日期", "不能晚于今天"))
    elif (problem := _worker_problem(form.worker_id, form.on_date, "体检")) is not None:
        errors.append(problem)
    return errors


def write_health_check(form: HealthCheckForm) -> int:
    check = HealthCheck.create(model_worker=form.worker_id, year=form.year, hospital=form.hospital.strip(),
                               on_date=form.on_date, summary=form.summary.strip())
    return int(check.id)


def record_health_check(form: HealthCheckForm) -> int:
    """体检: one a year per worker, done in that year (or early the next)."""
    session.require(Permission.EDIT)
    errors = check_health_check(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        done = HealthCheck.select().where(HealthCheck.model_worker == form.worker_id, HealthCheck.year == form.year)
        if done.exists():
            raise ValidationError([FieldError("year", "体检年度", f"已有{form.year}年的体检记录")])
        check_id = write_health_check(form)
        audit.record(AuditAction.CREATE, target_kind="health_check", target_id=check_id,
                     target_label=f"体检 {name_of(form.worker_id)}",
                     details={"年度": form.year, "医院": form.hospital.strip(), "日期": form.on_date.isoformat()})
    return check_id


def record_insurance(form: InsuranceForm) -> int:
    """补充保险: a year's policy (one per insurer and year)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    if not form.insurer.strip():
        errors.append(FieldError("insurer", "保险机构", "不能为空"))
    if not 2000 <= form.year <= clock.today().year + 1:
        errors.append(FieldError("year", "保险年度", "应在2000年至明年之间"))
    if form.premium < 0 or form.premium != form.premium.quantize(Decimal("0.01")):
        errors.append(FieldError("premium", "保费", "应为不小于零、最多两位小数的金额"))
    if ModelWorker.get_or_none(ModelWorker.id == form.worker_id) is None:
        errors.append(FieldError("worker", "劳模", "该劳模档案不存在"))
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        if SupplementaryInsurance.select().where(SupplementaryInsurance.model_worker == form.worker_id,
                                                 SupplementaryInsurance.year == form.year,
                                                 SupplementaryInsurance.insurer == form.insurer.strip()).exists():
            raise ValidationError([FieldError("year", "保险年度", f"已登记{form.year}年{form.insurer.strip()}的保险")])
        row = SupplementaryInsurance.create(model_worker=form.worker_id, year=form.year,
                                            insurer=form.insurer.strip(), premium=form.premium)
        audit.record(AuditAction.CREATE, target_kind="supplementary_insurance", target_id=row.id,
                     target_label=f"补充保险 {name_of(form.worker_id)}",
                     details={"年度": form.year, "保险机构": form.insurer.strip(), "保费": figures(form.premium)})
    return int(row.id)


def record_practical_help(form: PracticalHelpForm) -> int:
    """为劳模办实事: what was done, and when."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    if not form.what.strip():
        errors.append(FieldError("what", "所办实事", "请写明办了什么事"))
    elif len(form.what.strip()) > 200:
        errors.append(FieldError("what", "所办实事", "不能超过200个字"))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "日期", "不能晚于今天"))
    elif (problem := _worker_problem(form.worker_id, form.on_date, "办实事")) is not None:
        errors.append(problem)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        row = PracticalHelp.create(model_worker=form.worker_id, on_date=form.on_date, what=form.what.strip(),
                                   note=form.note.strip())
        audit.record(AuditAction.CREATE, target_kind="practical_help", target_id=row.id,
                     target_label=f"办实事 {name_of(form.worker_id)}",
                     details={"日期": form.on_date.isoformat(), "实事": form.what.strip()})
    return int(row.id)


REMOVABLE: dict[str, tuple[Any, str]] = {
    "model_worker_visit": (ModelWorkerVisit, "走访记录"),
    "health_check": (HealthCheck, "体检记录"),
    "supplementary_insurance": (SupplementaryInsurance, "补充保险记录"),
    "practical_help": (PracticalHelp, "办实事记录"),
}


def delete_record(kind: str, record_id: int, reason: str) -> None:
    """Take back a visit, health check, insurance or practical-help record entered by mistake (a visit's
    money returns to its fund); the audit trail keeps what it was."""
    session.require(Permission.DELETE)
    model, label = REMOVABLE[kind]
    if not reason.strip():
        raise KnownError(f"删除{label}须说明原因。")
    with database.atomic("IMMEDIATE"):
        row = model.get_or_none(model.id == record_id)
        if row is None:
            raise KnownError(f"该{label}已不存在。")
        name = name_of(row.model_worker_id)
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind=kind, target_id=record_id, target_label=f"{label} {name}",
                     details={"原因": reason.strip()})


def _names() -> dict[int, str]:
    return dict(tuples(ModelWorker.select(ModelWorker.id, Person.name).join(Person)))


def visits(*, worker_id: int | None = None, start: datetime.date | None = None, end: datetime.date | None = None,
           round_name: str | None = None) -> list[VisitView]:
    """Visits, oldest first: of one worker, in a period, or of one round."""
    session.require(Permission.VIEW)
    query: Any = ModelWorkerVisit.select().order_by(ModelWorkerVisit.on_date, ModelWorkerVisit.id)
    if worker_id is not None:
        query = query.where(ModelWorkerVisit.model_worker == worker_id)
    if start is not None:
        query = query.where(ModelWorkerVisit.on_date >= start)
    if end is not None:
        query = query.where(ModelWorkerVisit.on_date <= end)
    if round_name is not None:
        query = query.where(ModelWorkerVisit.round_name == round_name)
    names = _names()
    fund_names: dict[int | None, str] = dict(tuples(Fund.select(Fund.id, Fund.name)))
    return [VisitView(v.id, v.model_worker_id, names.get(v.model_worker_id, ""), v.on_date, v.occasion, v.round_name,
                      v.visitors, v.amount, v.gifts, fund_names.get(v.fund_id, ""), v.note) for v in query]


def health_checks(*, worker_id: int | None = None, year: int | None = None) -> list[HealthCheckView]:
    session.require(Permission.VIEW)
    query = HealthCheck.select().order_by(HealthCheck.year, HealthCheck.on_date, HealthCheck.id)
    if worker_id is not None:
        query = query.where(HealthCheck.model_worker == worker_id)
    if year is not None:
        query = query.where(HealthCheck.year == year)
    names = _names()
    return [HealthCheckView(h.id, h.model_worker_id, names.get(h.model_worker_id, ""), h.year, h.hospital, h.on_date,
                            h.summary) for h in query]


def insurances(*, worker_id: int | None = None, year: int | None = None) -> list[InsuranceView]:
    session.require(Permission.VIEW)
    query = SupplementaryInsurance.select().order_by(SupplementaryInsurance.year, SupplementaryInsurance.id)
    if worker_id is not None:
        query = query.where(SupplementaryInsurance.model_worker == worker_id)
    if year is not None:
        query = query.where(SupplementaryInsurance.year == year)
    names = _names()
    return [InsuranceView(i.id, i.model_worker_id, names.get(i.model_worker_id, ""), i.year, i.insurer, i.premium)
            for i in query]


def practical_help(*, worker_id: int | None = None, start: datetime.date | None = None,
                   end: datetime.date | None = None) -> list[PracticalHelpView]:
    session.require(Permission.VIEW)
    query = PracticalHelp.select().order_by(PracticalHelp.on_date, PracticalHelp.id)
    if worker_id is not None:
        query = query.where(PracticalHelp.model_worker == worker_id)
    if start is not None:
        query = query.where(PracticalHelp.on_date >= start)
    if end is not None:
        query = query.where(PracticalHelp.on_date <= end)
    names = _names()
    return [PracticalHelpView(p.id, p.model_worker_id, names.get(p.model_worker_id, ""), p.on_date, p.what, p.note)
            for p in query]
