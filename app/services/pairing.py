"""One-to-one pairing (一对一结对帮扶): a cadre paired with a household, and what the pairing gave over time.

Aid is one of 资金 (money), 物品 (goods, at their value), 项目 (projects), 致富信息 (job or income
information, counted in pieces) and 法律援助 (legal help); money and goods carry an amount, the others a
count. pairing_figures gives the yearly figures the reports quote.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import peewee

from app import clock, session, vocab
from app.errors import FieldError, KnownError
from app.money import figures
from app.services import audit
from app.services import employment_rules as rules
from app.services.audit import AuditAction
from app.session import Permission
from app.validation import check_phone
from db.database import database, tuples
from db.fields import from_cents
from db.models import Household, Pairing, PairingAid, Person

ZERO = rules.ZERO
VALUED = ("资金", "物品")     # kinds with an amount (money, or the value of goods)
MAX_COUNT = 10000


@dataclass(frozen=True)
class PairingForm:
    cadre_name: str
    household_id: int
    start_date: datetime.date
    cadre_unit: str = ""
    cadre_phone: str = ""
    end_date: datetime.date | None = None
    note: str = ""


@dataclass(frozen=True)
class AidForm:
    on_date: datetime.date
    kind: str                     # 资金 / 物品 / 项目 / 致富信息 / 法律援助
    amount: Decimal = ZERO        # 资金, 物品 only
    count: int = 1                # pieces of information, projects …
    description: str = ""         # what: the goods, the project, the information


@dataclass(frozen=True)
class AidView:
    id: int
    pairing_id: int
    on_date: datetime.date
    kind: str
    amount: Decimal
    count: int
    description: str


@dataclass(frozen=True)
class PairingView:
    id: int
    cadre_name: str
    cadre_unit: str
    cadre_phone: str
    household_id: int
    file_no: str
    head_name: str
    start_date: datetime.date
    end_date: datetime.date | None
    note: str
    aid_amount: Decimal = ZERO                                   # money and goods, all years
    counts: dict[str, int] = field(default_factory=dict)         # kind → sum of counts
    aid: tuple[AidView, ...] = ()                                # filled by get_pairing / household_pairings


def check_pairing(form: PairingForm, pairing_id: int | None = None) -> tuple[list[FieldError], str]:
    errors: list[FieldError] = []
    name = rules.text(errors, "cadre_name", "干部姓名", form.cadre_name, max_length=32, required=True)
    rules.text(errors, "cadre_unit", "干部单位", form.cadre_unit, max_length=128)
    phone = form.cadre_phone.strip()
    if phone:
        try:
            phone = check_phone(phone)
        except ValueError as exc:
            errors.append(FieldError("cadre_phone", "干部电话", str(exc)))
    status = Household.select(Household.status).where(Household.id == form.household_id).scalar()
    if status is None:
        errors.append(FieldError("household", "结对户", "该档案已不存在"))
    elif status not in rules.OPEN and pairing_id is None:
        errors.append(FieldError("household", "结对户", f"该档案已“{status}”，不能新结对"))
    rules.not_future(errors, "start_date", "结对日期", form.start_date)
    if form.end_date is not None and form.end_date < form.start_date:
        errors.append(FieldError("end_date", "结束日期", "不能早于结对日期"))
    if name and status is not None and Pairing.select().where(
            Pairing.household == form.household_id, Pairing.cadre_name == name, Pairing.end_date.is_null(True),
            Pairing.id != (pairing_id or 0)).exists():
        errors.append(FieldError("cadre_name", "干部姓名", f"{name}与该户已有未结束的结对"))
    rules.text(errors, "note", "备注", form.note, max_length=200)
    return errors, phone


def _label(pairing: Pairing) -> str:
    return f"{pairing.cadre_name}—{pairing.household.file_no} {pairing.household.head.name}"


def create_pairing(form: PairingForm) -> int:
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        errors, phone = check_pairing(form)
        rules.raise_any(errors)
        row = Pairing.create(cadre_name=form.cadre_name.strip(), cadre_unit=form.cadre_unit.strip(),
                             cadre_phone=phone, household=form.household_id, start_date=form.start_date,
                             end_date=form.end_date, note=form.note.strip(), created_by=session.current_operator(),
                             created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="pairing", target_id=row.id, target_label=_label(row),
                     details={"单位": row.cadre_unit, "结对日期": form.start_date.isoformat()})
    return int(row.id)


LABELS = {"cadre_name": "干部姓名", "cadre_unit": "干部单位", "cadre_phone": "干部电话", "start_date": "结对日期",
          "end_date": "结束日期", "note": "备注"}


def update_pairing(pairing_id: int, form: PairingForm) -> None:
    """Correct the cadre's details or the dates (the household stays)."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        row = _pairing(pairing_id)
        errors, phone = check_pairing(dataclasses.replace(form, household_id=row.household_id), pairing_id)
        first = PairingAid.select(peewee.fn.MIN(PairingAid.on_date)).where(PairingAid.pairing == pairing_id).scalar()
        last = PairingAid.select(peewee.fn.MAX(PairingAid.on_date)).where(PairingAid.pairing == pairing_id).scalar()
        if first is not None and form.start_date > first:
            errors.append(FieldError("start_date", "结对日期", f"已有{first}的帮扶记录，结对日期不能晚于它"))
        if last is not None and form.end_date is not None and form.end_date < last:
            errors.append(FieldError("end_date", "结束日期", f"已有{last}的帮扶记录，结束日期不能早于它"))
        rules.raise_any(errors)
        before = {k: getattr(row, k) for k in LABELS}
        after = {"cadre_name": form.cadre_name.strip(), "cadre_unit": form.cadre_unit.strip(), "cadre_phone": phone,
                 "start_date": form.start_date, "end_date": form.end_date, "note": form.note.strip()}
        for key, value in after.items():
            setattr(row, key, value)
        row.save()
        changed = audit.changes(before, after, LABELS, masked=("cadre_phone",))
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="pairing", target_id=pairing_id, target_label=_label(row),
                         details={"修改": changed})


def end_pairing(pairing_id: int, end_date: datetime.date) -> None:
    """结束结对 on a date (not before its start or its last aid, not after today)."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        row = _pairing(pairing_id)
        form = PairingForm(row.cadre_name, row.household_id, row.start_date, row.cadre_unit, row.cadre_phone,
                           end_date, row.note)
        if end_date > clock.today():
            raise KnownError("结束日期不能晚于今天。")
        update_pairing(pairing_id, form)


def delete_pairing(pairing_id: int) -> None:
    """Delete a pairing entered by mistake, with its aid records."""
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        row = _pairing(pairing_id)
        label = _label(row)
        count = PairingAid.select().where(PairingAid.pairing == pairing_id).count()
        row.delete_instance(recursive=True)
        audit.record(AuditAction.DELETE, target_kind="pairing", target_id=pairing_id, target_label=label,
                     details={"帮扶记录": count})


def _pairing(pairing_id: int) -> Pairing:
    row = Pairing.get_or_none(Pairing.id == pairing_id)
    if row is None:
        raise KnownError("该结对记录已不存在，请刷新。")
    return row


def check_aid(form: AidForm, start: datetime.date, end: datetime.date | None) -> list[FieldError]:
    """The rules one aid record must meet within its pairing's dates."""
    errors: list[FieldError] = []
    rules.choice(errors, "kind", "帮扶类型", form.kind, vocab.PAIRING_AID_KINDS)
    if form.kind in VALUED:
        rules.money(errors, "amount", "金额" if form.kind == "资金" else "物品价值", form.amount, positive=True)
    elif form.amount:
        errors.append(FieldError("amount", "金额", f"{form.kind}不填金额（只有资金和物品有金额）"))
    if not 1 <= form.count <= MAX_COUNT:
        errors.append(FieldError("count", "数量", f"应为1至{MAX_COUNT}"))
    required = form.kind in ("物品", "项目")
    rules.text(errors, "description", "内容", form.description, max_length=200, required=required)
    rules.not_future(errors, "on_date", "日期", form.on_date)
    if form.on_date < start or (end is not None and form.on_date > end):
        period = f"{start}至{end}" if end else f"{start}起"
        errors.append(FieldError("on_date", "日期", f"应在结对期间（{period}）"))
    return errors


def record_aid(pairing_id: int, form: AidForm) -> int:
    """What the pairing gave on a day."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        row = _pairing(pairing_id)
        rules.raise_any(check_aid(form, row.start_date, row.end_date))
        aid = PairingAid.create(pairing=pairing_id, on_date=form.on_date, kind=form.kind, amount=form.amount,
                                count=form.count, description=form.description.strip(),
                                created_by=session.current_operator(), created_at=clock.now())
        audit.record(AuditAction.CREATE, target_kind="pairing_aid", target_id=aid.id, target_label=_label(row),
                     details={"类型": form.kind, "金额": figures(form.amount), "数量": form.count,
                              "日期": form.on_date.isoformat()})
    return int(aid.id)


def delete_aid(aid_id: int) -> None:
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        aid = PairingAid.get_or_none(PairingAid.id == aid_id)
        if aid is None:
            raise KnownError("该帮扶记录已不存在。")
        label = _label(aid.pairing)
        details = {"类型": aid.kind, "金额": figures(aid.amount), "日期": aid.on_date.isoformat()}
        aid.delete_instance()
        audit.record(AuditAction.DELETE, target_kind="pairing_aid", target_id=aid_id, target_label=label,
                     details=details)


@dataclass(frozen=True)
class PairingQuery:
    active_on: datetime.date | None = None     # pairings running on that day
    household_id: int | None = None
    text: str = ""                              # cadre, unit, head's name, file number


def list_pairings(query: PairingQuery = PairingQuery()) -> list[PairingView]:
    """Pairings, newest first, with their totals."""
    session.require(Permission.VIEW)
    select = (Pairing.select(Pairing.id).join(Household).join(Person, on=(Household.head == Person.id)))
    if query.active_on:
        select = select.where(Pairing.start_date <= query.active_on,
                              Pairing.end_date.is_null(True) | (Pairing.end_date >= query.active_on))
    if query.household_id:
        select = select.where(Pairing.household == query.household_id)
    for word in query.text.split():
        select = select.where(Pairing.cadre_name.contains(word) | Pairing.cadre_unit.contains(word)
                              | Person.name.contains(word) | Household.file_no.contains(word))
    ids = [i for (i,) in tuples(select.order_by(Pairing.start_date.desc(), Pairing.id.desc()))]
    return pairing_views(ids)


def pairing_views(ids: Sequence[int], *, with_aid: bool = False) -> list[PairingView]:
    """Pairings in the given order (the caller checked the permission)."""
    if not ids:
        return []
    rows = {r[0]: r for r in tuples(
        Pairing.select(Pairing.id, Pairing.cadre_name, Pairing.cadre_unit, Pairing.cadre_phone, Pairing.household,
                       Household.file_no, Person.name, Pairing.start_date, Pairing.end_date, Pairing.note)
        .join(Household).join(Person, on=(Household.head == Person.id)).where(Pairing.id.in_(list(ids))))}
    amounts: dict[int, Decimal] = {}
    counts: dict[int, dict[str, int]] = {}
    for pid, kind, count, amount in tuples(
            PairingAid.select(PairingAid.pairing, PairingAid.kind, peewee.fn.SUM(PairingAid.count),
                              peewee.fn.SUM(PairingAid.amount))
            .where(PairingAid.pairing.in_(list(ids))).group_by(PairingAid.pairing, PairingAid.kind)):
        counts.setdefault(pid, {})[kind] = int(count)
        amounts[pid] = amounts.get(pid, ZERO) + from_cents(int(amount or 0))
    aid: dict[int, list[AidView]] = {}
    if with_aid:
        for a in PairingAid.select().where(PairingAid.pairing.in_(list(ids))).order_by(PairingAid.on_date,
                                                                                         PairingAid.id):
            aid.setdefault(a.pairing_id, []).append(AidView(a.id, a.pairing_id, a.on_date, a.kind, a.amount, a.count,
                                                            a.description))
    views = []
    for i in ids:
        if i not in rows:
            continue
        pid, name, unit, phone, household_id, file_no, head, start, end, note = rows[i]
        views.append(PairingView(pid, name, unit, phone, household_id, file_no, head, start, end, note,
                                 amounts.get(pid, ZERO), {k: 0 for k in vocab.PAIRING_AID_KINDS} | counts.get(pid, {}),
                                 tuple(aid.get(pid, ()))))
    return views


def get_pairing(pairing_id: int) -> PairingView:
    session.require(Permission.VIEW)
    found = pairing_views([pairing_id], with_aid=True)
    if not found:
        raise KnownError("该结对记录已不存在，请刷新。")
    return found[0]


def household_pairings(household_id: int) -> list[PairingView]:
    """A household's pairings with every aid record (the 帮扶档案)."""
    session.require(Permission.VIEW)
    ids = [i for (i,) in tuples(Pairing.select(Pairing.id).where(Pairing.household == household_id)
                                .order_by(Pairing.start_date.desc(), Pairing.id.desc()))]
    return pairing_views(ids, with_aid=True)


@dataclass(frozen=True)
class PairingFigures:
    """结对帮扶 in a period: households paired (a pairing running in it), projects, money and goods,
    pieces of job/income information and legal helps given in it."""

    households: int
    projects: int
    aid_amount: Decimal
    job_info: int
    legal_help: int


def cadre_units() -> list[str]:
    """The cadre units named on pairings, most pairings first (the unit chooser of the 结对帮扶 list)."""
    session.require(Permission.VIEW)
    count = peewee.fn.COUNT(Pairing.id)
    return [unit for unit, in tuples(Pairing.select(Pairing.cadre_unit).where(Pairing.cadre_unit != "")
                                     .group_by(Pairing.cadre_unit).order_by(count.desc(), Pairing.cadre_unit))]


def pairing_figures(start: datetime.date, end: datetime.date, unit: str | None = None) -> PairingFigures:
    """The period's figures; with `unit`, only the pairings of that cadre unit (其中县总工会干部 …)."""
    session.require(Permission.VIEW)
    running = Pairing.start_date <= end, Pairing.end_date.is_null(True) | (Pairing.end_date >= start)
    of_unit = [Pairing.cadre_unit == unit] if unit is not None else []
    households = (Pairing.select(peewee.fn.COUNT(Pairing.household.distinct())).where(*running, *of_unit).scalar())
    counts: dict[str, int] = {}
    amount = ZERO
    aid = (PairingAid.select(PairingAid.kind, peewee.fn.SUM(PairingAid.count), peewee.fn.SUM(PairingAid.amount))
           .where(PairingAid.on_date.between(start, end)))
    if unit is not None:
        aid = aid.join(Pairing).where(Pairing.cadre_unit == unit)
    for kind, count, cents in tuples(aid.group_by(PairingAid.kind)):
        counts[kind] = int(count)
        if kind in VALUED:
            amount += from_cents(int(cents or 0))
    return PairingFigures(int(households or 0), counts.get("项目", 0), amount, counts.get("致富信息", 0),
                          counts.get("法律援助", 0))
