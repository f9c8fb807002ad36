"""Start-up loans (创业贷款): borrower, amount, bank, term, interest subsidy (贴息) and repayment status.

The borrower's sex comes from their ID number (the reports count loans to laid-off women), so a
borrower must have an ID number on record or give one.
"""

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
from db.models import Household, Loan, Person

ZERO = rules.ZERO
MAX_TERM = 360


@dataclass(frozen=True)
class LoanForm:
    borrower: Recipient
    amount: Decimal
    bank: str
    on_date: datetime.date
    term_months: int = 12
    subsidy: Decimal = ZERO         # 贴息
    repayment: str = "还款中"        # 还款中 / 已结清 / 逾期
    note: str = ""


@dataclass(frozen=True)
class LoanView:
    id: int
    person_id: int
    name: str
    sex: str
    id_number: str                  # masked
    amount: Decimal
    bank: str
    on_date: datetime.date
    term_months: int
    subsidy: Decimal
    repayment: str
    household_id: int | None
    file_no: str
    note: str


def check_loan(form: LoanForm, errors: list[FieldError]) -> None:
    rules.money(errors, "amount", "贷款金额", form.amount, positive=True)
    rules.money(errors, "subsidy", "贴息", form.subsidy)
    rules.text(errors, "bank", "贷款银行", form.bank, max_length=64, required=True)
    rules.not_future(errors, "on_date", "放款日期", form.on_date)
    if not 1 <= form.term_months <= MAX_TERM:
        errors.append(FieldError("term_months", "期限(月)", f"应为1至{MAX_TERM}个月"))
    rules.choice(errors, "repayment", "还款情况", form.repayment, vocab.REPAYMENT_STATES)
    rules.text(errors, "note", "备注", form.note, max_length=200)


def record_loan(form: LoanForm) -> int:
    """A loan arranged for a person (on their open file, if any)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_loan(form, errors)
    rules.check_person(errors, form.borrower, "借款人", need_id=True)
    with database.atomic("IMMEDIATE"):
        rules.raise_any(errors)
        person_id = rules.person_for(form.borrower)
        name, sex = next(tuples(Person.select(Person.name, Person.sex).where(Person.id == person_id)))
        if sex is None:
            raise ValidationError([FieldError("borrower", "借款人", f"{name}在系统中没有身份证号和性别，"
                                              "请先在人员或档案中补上身份证号")])
        row = Loan.create(person=person_id, amount=form.amount, bank=form.bank.strip(), on_date=form.on_date,
                          term_months=form.term_months, subsidy=form.subsidy, repayment=form.repayment,
                          household=rules.open_household(person_id), note=form.note.strip(),
                          created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="loan", target_id=row.id, target_label=f"{name} {row.bank}",
                     details={"金额": figures(form.amount), "日期": form.on_date.isoformat(),
                              "期限": form.term_months, "贴息": figures(form.subsidy)})
    return int(row.id)


LABELS = {"amount": "金额", "bank": "银行", "on_date": "日期", "term_months": "期限(月)", "subsidy": "贴息",
          "repayment": "还款情况", "note": "备注"}


def update_loan(loan_id: int, form: LoanForm) -> None:
    """Correct a loan's details (the borrower stays)."""
    session.require(Permission.EDIT)
    errors: list[FieldError] = []
    check_loan(form, errors)
    rules.raise_any(errors)
    with database.atomic("IMMEDIATE"):
        row = _loan(loan_id)
        before = {k: getattr(row, k) for k in LABELS}
        after = {"amount": rules.cents(form.amount), "bank": form.bank.strip(), "on_date": form.on_date,
                 "term_months": form.term_months, "subsidy": rules.cents(form.subsidy), "repayment": form.repayment,
                 "note": form.note.strip()}
        for key, value in after.items():
            setattr(row, key, value)
        row.save()
        changed = audit.changes(before, after, LABELS)
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="loan", target_id=loan_id,
                         target_label=f"{row.person.name} {row.bank}", details={"修改": changed})


def set_repayment(loan_id: int, repayment: str) -> None:
    """还款情况: 还款中, 已结清 or 逾期."""
    session.require(Permission.EDIT)
    if repayment not in vocab.REPAYMENT_STATES:
        raise ValidationError([FieldError("repayment", "还款情况", f"请选择：{'、'.join(vocab.REPAYMENT_STATES)}")])
    with database.atomic("IMMEDIATE"):
        row = _loan(loan_id)
        before, row.repayment = row.repayment, repayment
        row.save()
        if before != repayment:
            audit.record(AuditAction.UPDATE, target_kind="loan", target_id=loan_id,
                         target_label=f"{row.person.name} {row.bank}",
                         details={"修改": [["还款情况", before, repayment]]})


def delete_loan(loan_id: int) -> None:
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = _loan(loan_id)
        label = f"{row.person.name} {row.bank}"
        details = {"金额": figures(row.amount), "日期": row.on_date.isoformat()}
        row.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="loan", target_id=loan_id, target_label=label, details=details)


def _loan(loan_id: int) -> Loan:
    row = Loan.get_or_none(Loan.id == loan_id)
    if row is None:
        raise KnownError("该贷款记录已不存在，请刷新。")
    return row


@dataclass(frozen=True)
class LoanQuery:
    start: datetime.date | None = None
    end: datetime.date | None = None
    repayment: str | None = None
    women_only: bool = False
    person_id: int | None = None
    text: str = ""                  # name, bank


def list_loans(query: LoanQuery = LoanQuery()) -> list[LoanView]:
    """Loans newest first; ID numbers masked."""
    session.require(Permission.VIEW)
    select = (Loan.select(Loan.id, Loan.person, Person.name, Person.sex, Person.id_number, Loan.amount, Loan.bank,
                          Loan.on_date, Loan.term_months, Loan.subsidy, Loan.repayment, Loan.household,
                          Household.file_no, Loan.note)
              .join(Person, on=(Loan.person == Person.id)).switch(Loan)
              .join(Household, peewee.JOIN.LEFT_OUTER, on=(Loan.household == Household.id)))
    if query.start:
        select = select.where(Loan.on_date >= query.start)
    if query.end:
        select = select.where(Loan.on_date <= query.end)
    if query.repayment:
        select = select.where(Loan.repayment == query.repayment)
    if query.women_only:
        select = select.where(Person.sex == "女")
    if query.person_id:
        select = select.where(Loan.person == query.person_id)
    for word in query.text.split():
        select = select.where(Person.name.contains(word) | Loan.bank.contains(word)
                              | Person.id_number.endswith(word.upper()))
    return [LoanView(lid, pid, name, sex or "", mask_id_number(number), amount, bank, day, term, subsidy, state, hid,
                     file_no or "", note)
            for lid, pid, name, sex, number, amount, bank, day, term, subsidy, state, hid, file_no, note
            in tuples(select.order_by(Loan.on_date.desc(), Loan.id.desc()))]


@dataclass(frozen=True)
class LoanFigures:
    """创业贷款 in a period: loans made, their amount, and those to women."""

    count: int
    amount: Decimal
    women: int
    women_amount: Decimal


def loan_figures(start: datetime.date, end: datetime.date) -> LoanFigures:
    session.require(Permission.VIEW)
    totals = {sex: (int(count), from_cents(int(amount or 0))) for sex, count, amount in tuples(
        Loan.select(Person.sex, peewee.fn.COUNT(Loan.id), peewee.fn.SUM(Loan.amount)).join(Person)
        .where(Loan.on_date.between(start, end)).group_by(Person.sex))}
    count = sum(c for c, _ in totals.values())
    amount = sum((a for _, a in totals.values()), ZERO)
    women, women_amount = totals.get("女", (0, ZERO))
    return LoanFigures(count, amount, women, women_amount)
