"""Funds (资金): money in by source, relief and model-worker visits paid out, balances and the ledger of a period."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import peewee

from app import clock, session
from app.errors import KnownError
from app.money import figures, yuan
from app.services import audit, settings
from app.services.audit import AuditAction
from app.session import Permission
from db.database import database, tuples
from db.fields import from_cents
from db.models import Fund, FundEntry, ModelWorkerVisit, Relief

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FundView:
    id: int
    name: str
    special: bool
    active: bool
    note: str
    income: Decimal
    paid: Decimal

    @property
    def balance(self) -> Decimal:
        return self.income - self.paid


@dataclass(frozen=True)
class FundEntryForm:
    fund_id: int
    on_date: datetime.date
    source: str
    amount: Decimal
    document_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class LedgerLine:
    on_date: datetime.date
    kind: str          # 收入 or 支出
    description: str
    income: Decimal
    paid: Decimal
    balance: Decimal


@dataclass(frozen=True)
class Ledger:
    fund: str
    start: datetime.date
    end: datetime.date
    opening: Decimal
    lines: tuple[LedgerLine, ...]
    closing: Decimal

    @property
    def income(self) -> Decimal:
        return sum((line.income for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)


def _sums(fund_ids: Sequence[int] | None = None, until: datetime.date | None = None) -> dict[int, tuple[int, int]]:
    """fund id → (money in, money out) in fen, optionally up to and including a date."""
    income = FundEntry.select(FundEntry.fund, peewee.fn.SUM(FundEntry.amount)).group_by(FundEntry.fund)
    paid = (Relief.select(Relief.fund, peewee.fn.SUM(Relief.amount + Relief.goods_value))
            .where(Relief.fund.is_null(False)).group_by(Relief.fund))
    visits = (ModelWorkerVisit.select(ModelWorkerVisit.fund, peewee.fn.SUM(ModelWorkerVisit.amount))
              .where(ModelWorkerVisit.fund.is_null(False)).group_by(ModelWorkerVisit.fund))
    if fund_ids is not None:
        income = income.where(FundEntry.fund.in_(list(fund_ids)))
        paid = paid.where(Relief.fund.in_(list(fund_ids)))
        visits = visits.where(ModelWorkerVisit.fund.in_(list(fund_ids)))
    if until is not None:
        income = income.where(FundEntry.on_date <= until)
        paid = paid.where(Relief.on_date <= until)
        visits = visits.where(ModelWorkerVisit.on_date <= until)
    result: dict[int, tuple[int, int]] = {}
    for fund_id, total in tuples(income):
        result[fund_id] = (int(total or 0), 0)
    for fund_id, total in (*tuples(paid), *tuples(visits)):
        money_in, money_out = result.get(fund_id, (0, 0))
        result[fund_id] = (money_in, money_out + int(total or 0))
    return result


def list_funds(include_inactive: bool = False) -> list[FundView]:
    """Every fund with money in, paid out and balance (to the fen)."""
    session.require(Permission.VIEW)
    query = Fund.select().order_by(Fund.special, Fund.id)
    if not include_inactive:
        query = query.where(Fund.active)
    funds = list(query)
    sums = _sums([f.id for f in funds])
    return [FundView(f.id, f.name, f.special, f.active, f.note, from_cents(sums.get(f.id, (0, 0))[0]),
                     from_cents(sums.get(f.id, (0, 0))[1])) for f in funds]


def balance(fund_id: int, until: datetime.date | None = None) -> Decimal:
    money_in, money_out = _sums([fund_id], until).get(fund_id, (0, 0))
    return from_cents(money_in - money_out)


def create_fund(name: str, *, special: bool = False, note: str = "") -> FundView:
    session.require(Permission.EDIT)
    name = name.strip()
    if not name:
        raise KnownError("资金名称不能为空。")
    with database.atomic("IMMEDIATE"):
        if Fund.select().where(Fund.name == name).exists():
            raise KnownError(f"已有名为“{name}”的资金。")
        fund = Fund.create(name=name, special=special, note=note.strip(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="fund", target_id=fund.id, target_label=name,
                     details={"资金": name, "专户": special})
    return FundView(fund.id, fund.name, fund.special, fund.active, fund.note, ZERO, ZERO)


def set_fund_active(fund_id: int, active: bool) -> None:
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        fund = _fund(fund_id)
        fund.active = active
        fund.save()
        audit.record(AuditAction.UPDATE, target_kind="fund", target_id=fund_id, target_label=fund.name,
                     details={"资金": fund.name, "状态": "启用" if active else "停用"})


def add_entry(form: FundEntryForm) -> int:
    """Record money in (上级拨款, 财政配套, 工会经费, 社会捐助 …); a negative amount corrects an earlier entry
    and needs a note. A correction may not take the fund below zero."""
    session.require(Permission.EDIT)
    if form.source not in settings.value_lists().get("fund_source", ()):
        raise KnownError(f"资金来源“{form.source}”不在可选值中。")
    if form.amount == 0 or form.amount != form.amount.quantize(Decimal("0.01")):
        raise KnownError("金额应为非零、最多两位小数的数。")
    if form.amount < 0 and not form.note.strip():
        raise KnownError("冲减（负数金额）须在备注中说明原因。")
    if form.on_date > clock.today():
        raise KnownError("入账日期不能晚于今天。")
    with database.atomic("IMMEDIATE"):
        fund = _fund(form.fund_id)
        now = balance(fund.id)
        if form.amount < 0 and now + form.amount < 0:
            raise KnownError(f"“{fund.name}”余额 {yuan(now)}，冲减 {yuan(-form.amount)} 后余额将为负数"
                             f"（差 {yuan(-(now + form.amount))}），不能冲减。")
        entry = FundEntry.create(fund=fund, on_date=form.on_date, source=form.source, amount=form.amount,
                                 document_no=form.document_no.strip(), note=form.note.strip(),
                                 created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="fund_entry", target_id=entry.id, target_label=fund.name,
                     details={"资金": fund.name, "来源": form.source, "金额": figures(form.amount),
                              "日期": form.on_date.isoformat(), "凭证号": form.document_no})
    return int(entry.id)


def available_on(fund_id: int, day: datetime.date) -> Decimal:
    """What a payment dated `day` may take without the balance going below zero on that day or any later one."""
    running = balance(fund_id, day - datetime.timedelta(days=1))
    net: dict[datetime.date, int] = {}
    for on_date, total in tuples(FundEntry.select(FundEntry.on_date, peewee.fn.SUM(FundEntry.amount))
                                 .where(FundEntry.fund == fund_id, FundEntry.on_date >= day)
                                 .group_by(FundEntry.on_date)):
        net[on_date] = net.get(on_date, 0) + int(total or 0)
    for on_date, total in tuples(Relief.select(Relief.on_date, peewee.fn.SUM(Relief.amount + Relief.goods_value))
                                 .where(Relief.fund == fund_id, Relief.on_date >= day)
                                 .group_by(Relief.on_date)):
        net[on_date] = net.get(on_date, 0) - int(total or 0)
    visits = (ModelWorkerVisit.select(ModelWorkerVisit.on_date, peewee.fn.SUM(ModelWorkerVisit.amount))
              .where(ModelWorkerVisit.fund == fund_id, ModelWorkerVisit.on_date >= day)
              .group_by(ModelWorkerVisit.on_date))
    for on_date, total in tuples(visits):
        net[on_date] = net.get(on_date, 0) - int(total or 0)
    net.setdefault(day, 0)
    lowest: Decimal | None = None
    for on_date in sorted(net):  # balances at the end of the payment's day and of every later day with money
        running += from_cents(net[on_date])
        lowest = running if lowest is None else min(lowest, running)
    assert lowest is not None
    return lowest


def check_draw(fund_id: int, amount: Decimal, overdraw_reason: str | None,
               on_date: datetime.date | None = None) -> str | None:
    """Refuse a payment the fund cannot cover — on its date and on every later day — unless an administrator
    overrides it with a reason. Returns the reason to store when the override was used, else None.
    """
    row = Fund.select(Fund.name, Fund.active).where(Fund.id == fund_id).tuples().first()
    if row is None:
        raise KnownError("该资金不存在。")
    name, active = row
    if not active:
        raise KnownError(f"资金“{name}”已停用，不能再支出。")
    available = available_on(fund_id, on_date) if on_date is not None else balance(fund_id)
    if amount <= available:
        return None
    when = f"{on_date.isoformat()}起" if on_date is not None and on_date < clock.today() else ""
    short = f"“{name}”{when}余额 {figures(available)} 元，不足支付 {figures(amount)} 元"
    if not (overdraw_reason and overdraw_reason.strip()):
        raise KnownError(f"{short}。如确需超支，须由管理员填写理由。")
    if not session.may(Permission.OVERDRAW):
        raise KnownError(f"{short}；超支须由管理员办理。")
    return overdraw_reason.strip()


def ledger(fund_id: int, start: datetime.date, end: datetime.date) -> Ledger:
    """The fund's money in and out in a period, with opening and closing balances."""
    session.require(Permission.VIEW)
    fund = _fund(fund_id)
    opening = balance(fund_id, start - datetime.timedelta(days=1))
    events: list[tuple[datetime.date, int, str, str, Decimal, Decimal]] = []
    for entry in (FundEntry.select().where(FundEntry.fund == fund_id, FundEntry.on_date.between(start, end))):
        text = "；".join(t for t in (entry.source, entry.document_no and f"凭证{entry.document_no}", entry.note) if t)
        events.append((entry.on_date, entry.id, "收入", text, entry.amount, ZERO))
    paid = (Relief.select(Relief.on_date, Relief.relief_type, peewee.fn.COUNT(Relief.id),
                          peewee.fn.SUM(Relief.amount + Relief.goods_value))
            .where(Relief.fund == fund_id, Relief.on_date.between(start, end),
                   (Relief.amount + Relief.goods_value) > 0)
            .group_by(Relief.on_date, Relief.relief_type).order_by(Relief.on_date))
    for day, relief_type, count, total in tuples(paid):
        events.append((day, 1 << 40, "支出", f"{relief_type} {count}人次", ZERO, from_cents(int(total))))
    visits = (ModelWorkerVisit.select(ModelWorkerVisit.on_date, peewee.fn.COUNT(ModelWorkerVisit.id),
                                      peewee.fn.SUM(ModelWorkerVisit.amount))
              .where(ModelWorkerVisit.fund == fund_id, ModelWorkerVisit.on_date.between(start, end),
                     ModelWorkerVisit.amount > 0)
              .group_by(ModelWorkerVisit.on_date).order_by(ModelWorkerVisit.on_date))
    for day, count, total in tuples(visits):
        events.append((day, 1 << 41, "支出", f"劳模走访慰问 {count}人次", ZERO, from_cents(int(total))))
    events.sort(key=lambda e: (e[0], e[2] == "支出", e[1]))
    running = opening
    lines = []
    for day, _order, kind, text, money_in, money_out in events:
        running = running + money_in - money_out
        lines.append(LedgerLine(day, kind, text, money_in, money_out, running))
    return Ledger(fund.name, start, end, opening, tuple(lines), running)


def total_balance() -> Decimal:
    """All active funds together (专户 included)."""
    return sum((f.balance for f in list_funds()), ZERO)


def _fund(fund_id: int) -> Fund:
    fund = Fund.get_or_none(Fund.id == fund_id)
    if fund is None:
        raise KnownError("该资金不存在。")
    return fund

