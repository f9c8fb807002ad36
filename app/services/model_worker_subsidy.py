"""困难劳模补助金专户: money in, payments to a worker for a period, the balance and the account's ledger."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.money import figures
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.model_workers import name_of, on_roll_problem
from app.session import Permission
from db.database import database, tuples
from db.models import ModelWorker, Person, SubsidyEntry

ZERO = Decimal("0.00")
ACCOUNT = "困难劳模补助金专户"


@dataclass(frozen=True)
class SubsidyIncomeForm:
    """Money into the account (上级拨款, 财政配套 …)."""

    on_date: datetime.date
    amount: Decimal
    source: str
    document_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class SubsidyPaymentForm:
    """A payment to one model worker for a period (e.g. 2025年上半年)."""

    worker_id: int
    on_date: datetime.date
    period: str
    amount: Decimal
    document_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class SubsidyLine:
    """One line of the account: money in (no worker) or a payment, with the balance after it."""

    id: int
    on_date: datetime.date
    worker_id: int | None
    name: str
    period: str
    source: str
    income: Decimal
    paid: Decimal
    balance: Decimal
    document_no: str
    note: str


@dataclass(frozen=True)
class SubsidyLedger:
    start: datetime.date
    end: datetime.date
    opening: Decimal
    lines: tuple[SubsidyLine, ...]
    closing: Decimal

    @property
    def income(self) -> Decimal:
        return sum((line.income for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)


def entries() -> list[tuple[datetime.date, int, int | None, Decimal]]:
    """Every entry in date order: (date, id, worker id or None for money in, amount)."""
    return list(tuples(SubsidyEntry.select(SubsidyEntry.on_date, SubsidyEntry.id, SubsidyEntry.model_worker,
                                           SubsidyEntry.amount).order_by(SubsidyEntry.on_date, SubsidyEntry.id)))


def balance(until: datetime.date | None = None) -> Decimal:
    """The account's balance (at the end of `until` if given)."""
    session.require(Permission.VIEW)
    total = ZERO
    for day, _id, worker, amount in entries():
        if until is not None and day > until:
            break
        total += -amount if worker is not None else amount
    return total


def available_on(day: datetime.date, entries: Sequence[tuple[datetime.date, int, int | None, Decimal]]) -> Decimal:
    """What a payment dated `day` may take: the balance at the end of that day, or less if a later
    entry would then take the account below zero."""
    running = ZERO
    lowest: Decimal | None = None
    for when, _id, worker, amount in entries:
        if when > day and lowest is None:
            lowest = running
        running += -amount if worker is not None else amount
        if lowest is not None:
            lowest = min(lowest, running)
    return running if lowest is None else lowest


def check_amount(amount: Decimal, label: str = "金额") -> FieldError | None:
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        return FieldError("amount", label, "应为大于零、最多两位小数的金额")
    return None


def check_income(form: SubsidyIncomeForm) -> list[FieldError]:
    errors = [e for e in (check_amount(form.amount),) if e is not None]
    if form.source not in settings.value_lists().get("fund_source", ()):
        errors.append(FieldError("source", "资金来源", f"“{form.source}”不在可选值中"))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "入账日期", "不能晚于今天"))
    return errors


def write_entry(form: SubsidyIncomeForm | SubsidyPaymentForm) -> int:
    """Store a checked entry (inside the caller's transaction)."""
    common = {"on_date": form.on_date, "amount": form.amount, "document_no": form.document_no.strip(),
              "note": form.note.strip(), "created_by": session.current_operator(), "created_at": clock.now()}
    if isinstance(form, SubsidyIncomeForm):
        entry = SubsidyEntry.create(source=form.source, **common)
    else:
        entry = SubsidyEntry.create(model_worker=form.worker_id, period=form.period.strip(), **common)
    return int(entry.id)


def add_income(form: SubsidyIncomeForm) -> int:
    """Money into the special account, by source."""
    session.require(Permission.EDIT)
    errors = check_income(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        entry_id = write_entry(form)
        audit.record(AuditAction.CREATE, target_kind="subsidy_entry", target_id=entry_id, target_label=ACCOUNT,
                     details={"收入": figures(form.amount), "来源": form.source, "日期": form.on_date.isoformat(),
                              "凭证号": form.document_no.strip()})
    return entry_id


def check_payment(form: SubsidyPaymentForm, *, paid_periods: set[tuple[int, str]] | None = None) -> list[FieldError]:
    """The payment's own fields and the worker's standing (the balance is checked when it is written)."""
    errors = [e for e in (check_amount(form.amount, "补助金额"),) if e is not None]
    if not form.period.strip():
        errors.append(FieldError("period", "补助期间", "请填写，如 2025年上半年"))
    if form.on_date > clock.today():
        errors.append(FieldError("on_date", "发放日期", "不能晚于今天"))
    elif ModelWorker.get_or_none(ModelWorker.id == form.worker_id) is None:
        errors.append(FieldError("worker", "劳模", "该劳模档案不存在"))
    else:
        problem = on_roll_problem(form.worker_id, form.on_date, "补助金")
        if problem:
            errors.append(FieldError("worker", "劳模", problem))
    periods = paid_periods if paid_periods is not None else set(tuples(
        SubsidyEntry.select(SubsidyEntry.model_worker, SubsidyEntry.period)
        .where(SubsidyEntry.model_worker == form.worker_id)))
    if (form.worker_id, form.period.strip()) in periods:
        errors.append(FieldError("period", "补助期间", f"已发放过“{form.period.strip()}”的补助金"))
    return errors


def shortfall(amount: Decimal, on_date: datetime.date) -> str | None:
    """The refusal when the account cannot pay `amount` on `on_date`, with its balance; None if it can."""
    available = available_on(on_date, entries())
    if amount <= available:
        return None
    return f"{ACCOUNT}余额 {figures(available)} 元，不足支付 {figures(amount)} 元，未发放"


def pay(form: SubsidyPaymentForm) -> int:
    """A payment from the special account; refused, with the balance shown, if the account would go below zero."""
    session.require(Permission.EDIT)
    errors = check_payment(form)
    if errors:
        raise ValidationError(errors)
    with database.atomic("IMMEDIATE"):
        refused = shortfall(form.amount, form.on_date)
        if refused:
            raise KnownError(refused + "。")
        entry_id = write_entry(form)
        audit.record(AuditAction.CREATE, target_kind="subsidy_entry", target_id=entry_id,
                     target_label=f"{ACCOUNT} {name_of(form.worker_id)}",
                     details={"发放": figures(form.amount), "期间": form.period.strip(),
                              "日期": form.on_date.isoformat(), "凭证号": form.document_no.strip()})
    return entry_id


def delete_entry(entry_id: int, reason: str) -> None:
    """Take back an entry recorded by mistake; money in cannot be taken back if payments already spent it."""
    session.require(Permission.DELETE)
    if not reason.strip():
        raise KnownError("撤销补助金专户记录须说明原因。")
    with database.atomic("IMMEDIATE"):
        entry = SubsidyEntry.get_or_none(SubsidyEntry.id == entry_id)
        if entry is None:
            raise KnownError("该记录已不存在。")
        if entry.model_worker_id is None:
            after = [e for e in entries() if e[1] != entry_id]
            if available_on(entry.on_date, after) < 0:
                raise KnownError(f"撤销这笔收入后{ACCOUNT}余额将为负数（其后的补助金已用到这笔钱），未撤销。")
        label = f"{ACCOUNT} {name_of(entry.model_worker_id)}" if entry.model_worker_id else ACCOUNT
        details = {"日期": entry.on_date.isoformat(), "金额": figures(entry.amount), "期间": entry.period,
                   "原因": reason.strip()}
        entry.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="subsidy_entry", target_id=entry_id, target_label=label,
                     details=details)


def _line(row: SubsidyEntry, name: str, running: Decimal) -> SubsidyLine:
    paid = row.model_worker_id is not None
    return SubsidyLine(row.id, row.on_date, row.model_worker_id, name, row.period, row.source,
                       ZERO if paid else row.amount, row.amount if paid else ZERO, running, row.document_no, row.note)


def ledger(start: datetime.date, end: datetime.date) -> SubsidyLedger:
    """The account in a period: opening balance, every entry with the balance after it, closing balance."""
    session.require(Permission.VIEW)
    opening = balance(start - datetime.timedelta(days=1))
    names = _names()
    running = opening
    lines = []
    for row in (SubsidyEntry.select().where(SubsidyEntry.on_date.between(start, end))
                .order_by(SubsidyEntry.on_date, SubsidyEntry.id)):
        running += -row.amount if row.model_worker_id is not None else row.amount
        lines.append(_line(row, names.get(row.model_worker_id, ""), running))
    return SubsidyLedger(start, end, opening, tuple(lines), running)


def payments(worker_id: int | None = None, start: datetime.date | None = None,
             end: datetime.date | None = None) -> list[SubsidyLine]:
    """Payments (of one worker, in a period), oldest first; the balance column is not filled in."""
    session.require(Permission.VIEW)
    query = (SubsidyEntry.select().where(SubsidyEntry.model_worker.is_null(False))
             .order_by(SubsidyEntry.on_date, SubsidyEntry.id))
    if worker_id is not None:
        query = query.where(SubsidyEntry.model_worker == worker_id)
    if start is not None:
        query = query.where(SubsidyEntry.on_date >= start)
    if end is not None:
        query = query.where(SubsidyEntry.on_date <= end)
    names = _names()
    return [_line(row, names.get(row.model_worker_id, ""), ZERO) for row in query]


def _names() -> dict[int | None, str]:
    return dict(tuples(ModelWorker.select(ModelWorker.id, Person.name).join(Person)))
