"""Checking the rows of a model-worker register before import: each against the archive and the rows above it.

A planner returns the writes to make (run later inside the import's one transaction) and how many
rows were already on record exactly as written (skipped, so a register exported from here can be
imported again); every problem becomes a FieldError naming the sheet, row and column.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from typing import cast

from app import vocab
from app.errors import FieldError
from app.excel.reader import ParsedRow, RegisterTable
from app.money import figures
from app.services import funds
from app.services import model_worker_care as care
from app.services import model_worker_subsidy as subsidy
from app.services import model_workers as mw
from app.services.model_worker_forms import HonourForm, ModelWorkerForm, StatusChange, check_change, check_form
from app.services.relief_forms import Recipient
from db.database import database, tuples
from db.models import HealthCheck, ModelWorker, ModelWorkerVisit, Person, SubsidyEntry

ZERO = Decimal("0.00")


@dataclass
class Planned:
    writes: list[Callable[[], object]] = field(default_factory=list)
    unchanged: int = 0


class Sheet:
    """The rows of one sheet and the problems found on them."""

    def __init__(self, table: RegisterTable, errors: list[FieldError]) -> None:
        self.table, self.errors = table, errors
        self.keys = {f.key for f in table.register.fields}

    def add(self, row: int, key: str, message: str) -> None:
        key = key if key in self.keys else self.table.register.key_field
        label = self.table.register.field(key).label
        self.errors.append(FieldError(key, label, message, row=row, sheet=self.table.sheet))

    def add_found(self, row: int, found: Sequence[FieldError | None], keys: dict[str, str] | None = None) -> bool:
        """Problems a service's check found, moved to this sheet's columns; True if there were none."""
        clean = True
        for e in found:
            if e is None:
                continue
            key = (keys or {}).get(e.field, e.field)
            key = "id_number" if key == "worker" else key
            label = self.table.register.field(key).label if key in self.keys else ""
            self.add(row, key, e.message if e.label == label else f"{e.label}：{e.message}")
            clean = False
        return clean


def _text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _day(values: dict[str, object], key: str = "on_date") -> datetime.date:
    """A required date column of a row that parsed."""
    return cast(datetime.date, values[key])


def _number(row: ParsedRow) -> str | None:
    value = row.values.get("id_number")
    return value if isinstance(value, str) and value and "id_number" not in row.failed else None


class Workers:
    """ID number → model worker id and name, for rows that name a worker."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = dict(tuples(ModelWorker.select(Person.id_number, ModelWorker.id).join(Person)
                                               .where(Person.id_number.is_null(False))))
        self.names: dict[int, str] = dict(tuples(ModelWorker.select(ModelWorker.id, Person.name).join(Person)))

    def find(self, sheet: Sheet, row: ParsedRow) -> int | None:
        number = _number(row)
        if number is None:
            return None
        worker = self.ids.get(number)
        if worker is None:
            sheet.add(row.number, "id_number", "此身份证号没有劳模档案（请先建档或导入劳模档案登记簿）")
            return None
        name = _text(row.values, "name")
        if name and name != self.names[worker]:
            sheet.add(row.number, "name", f"与劳模档案中的姓名“{self.names[worker]}”不一致")
            return None
        return worker


def plan_workers(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> Planned:
    """New archives, each with its honours and its first ledger row 新增."""
    sheet, planned, workers = Sheet(table, errors), Planned(), Workers()
    first: dict[str, int] = {}
    for row in rows:
        values, number = row.values, _number(row)
        if number is not None and number in workers.ids:
            if row.ok and _same_archive(workers.ids[number], values):
                planned.unchanged += 1
            else:
                sheet.add(row.number, "id_number", "此人已在劳模档案中，且与本行不同（本登记簿只新建档案，"
                                                   "修改请在劳模档案中办理）")
            continue
        if number is not None and number in first:
            sheet.add(row.number, "id_number", f"与第{first[number]}行的身份证号重复")
            continue
        if number is not None:
            first[number] = row.number
        if not row.ok:
            continue
        honours = tuple(HonourForm(t, lv, y, d) for t, lv, y, d in cast(tuple[tuple[str, str, int, str], ...],
                                                                        values["honours"]))
        form = ModelWorkerForm(Recipient(name=_text(values, "name"), id_number=number), honours,
                               _text(values, "work_unit"), _text(values, "job"), _text(values, "phone"),
                               _text(values, "address"), _text(values, "studio"), _text(values, "note"))
        added = StatusChange("新增", _day(values, "added_on"), _text(values, "added_reason"),
                             _text(values, "added_document"))
        found = [*check_form(form, new=True), check_change([], added)]
        if sheet.add_found(row.number, found, {"on_date": "added_on", "reason": "added_reason", "event": "added_on"}):
            planned.writes.append(partial(mw.write_model_worker, form, added, None))
    return planned


def _same_archive(worker: int, values: dict[str, object]) -> bool:
    """Whether the row says what the archive says: name, honours and the date it was begun."""
    history = mw.history_of(worker)
    honours = {(h.title, h.level, h.year) for h in mw.honours_of([worker]).get(worker, ())}
    written = {(t, lv, y) for t, lv, y, _d in cast(tuple[tuple[str, str, int, str], ...], values["honours"])}
    return (_text(values, "name") == mw.name_of(worker) and honours == written
            and bool(history) and history[0][0] == values["added_on"])


def plan_events(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> Planned:
    """Ledger rows, each worker's in date order after the rows already on record; exact repeats are skipped."""
    sheet, planned, workers = Sheet(table, errors), Planned(), Workers()
    groups: dict[int, list[ParsedRow]] = {}
    for row in rows:
        worker = workers.find(sheet, row)
        if worker is not None and row.ok:
            groups.setdefault(worker, []).append(row)
    for worker, group in groups.items():
        history = mw.history_of(worker)
        recorded = {(day, event) for day, event, _after in history}
        for row in sorted(group, key=lambda r: (_day(r.values), r.number)):
            values = row.values
            change = StatusChange(_text(values, "event"), _day(values), _text(values, "reason"),
                                  _text(values, "document_no"))
            if (change.on_date, change.event) in recorded:
                planned.unchanged += 1
                continue
            if sheet.add_found(row.number, [check_change(history, change)]):
                history.append((change.on_date, change.event, vocab.STATUS_AFTER_EVENT[change.event]))
                recorded.add((change.on_date, change.event))
                planned.writes.append(partial(mw.append_event, worker, change))
    return planned


def plan_visits(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> Planned:
    """Visits; money named against a fund may not take it below zero on any day. Each row is checked with the
    rows above it already written (in a savepoint rolled back at the end), exactly as one by one."""
    sheet, planned, workers = Sheet(table, errors), Planned(), Workers()
    known = {f.name: f.id for f in funds.list_funds(include_inactive=True)}
    recorded = set(tuples(ModelWorkerVisit.select(ModelWorkerVisit.model_worker, ModelWorkerVisit.on_date,
                                                  ModelWorkerVisit.occasion, ModelWorkerVisit.amount)))
    with database.atomic() as trial:
        for row in rows:
            worker, values = workers.find(sheet, row), row.values
            name = _text(values, "fund")
            if name and name not in known:
                sheet.add(row.number, "fund", f"系统中没有名为“{name}”的资金（导入不新建资金）")
            if worker is None or not row.ok or (name and name not in known):
                continue
            amount = cast(Decimal | None, values.get("amount")) or ZERO
            form = care.VisitForm(worker, _day(values), _text(values, "occasion"), _text(values, "visitors"), amount,
                                  _text(values, "gifts"), known.get(name), _text(values, "round_name"),
                                  _text(values, "note"))
            if (worker, form.on_date, form.occasion, form.amount) in recorded:
                planned.unchanged += 1
                continue
            if not sheet.add_found(row.number, care.check_visit(form)):
                continue
            problem = care.fund_problem(form.fund_id, form.amount, form.on_date) if form.fund_id else None
            if problem:
                sheet.add(row.number, "fund", problem)
                continue
            care.write_visit(form)
            planned.writes.append(partial(care.write_visit, form))
        trial.rollback()
    return planned


def plan_health_checks(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> Planned:
    """Health checks, one a year per worker; a check already on record exactly as written is skipped."""
    sheet, planned, workers = Sheet(table, errors), Planned(), Workers()
    recorded = {(w, y): (h, d) for w, y, h, d in tuples(HealthCheck.select(
        HealthCheck.model_worker, HealthCheck.year, HealthCheck.hospital, HealthCheck.on_date))}
    first: dict[tuple[int, int], int] = {}
    for row in rows:
        worker, values = workers.find(sheet, row), row.values
        if worker is None or not row.ok:
            continue
        form = care.HealthCheckForm(worker, cast(int, values["year"]), _text(values, "hospital"), _day(values),
                                    _text(values, "summary"))
        key = (worker, form.year)
        if key in recorded:
            if recorded[key] == (form.hospital.strip(), form.on_date):
                planned.unchanged += 1
            else:
                sheet.add(row.number, "year", f"已有{form.year}年的体检记录")
        elif key in first:
            sheet.add(row.number, "year", f"与第{first[key]}行重复（每人每年一次）")
        elif sheet.add_found(row.number, care.check_health_check(form)):
            first[key] = row.number
            planned.writes.append(partial(care.write_health_check, form))
    return planned


def plan_subsidy(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> Planned:
    """Money in and payments; in date order the account never goes below zero (the refusal names the balance)."""
    sheet, planned, workers = Sheet(table, errors), Planned(), Workers()
    entries = subsidy.entries()
    recorded = set(tuples(SubsidyEntry.select(SubsidyEntry.on_date, SubsidyEntry.model_worker, SubsidyEntry.period,
                                              SubsidyEntry.source, SubsidyEntry.amount)))
    periods = set(tuples(SubsidyEntry.select(SubsidyEntry.model_worker, SubsidyEntry.period)
                         .where(SubsidyEntry.model_worker.is_null(False))))
    payments: list[tuple[ParsedRow, subsidy.SubsidyPaymentForm]] = []
    next_id = max((e[1] for e in entries), default=0) + 1
    for row in rows:
        values = row.values
        amount = cast(Decimal, values.get("amount"))
        if _number(row) is None and "id_number" not in row.failed:
            if not row.ok:
                next_id += 1
                continue
            form_in = subsidy.SubsidyIncomeForm(_day(values), amount, _text(values, "source"),
                                                _text(values, "document_no"), _text(values, "note"))
            if not form_in.source:
                sheet.add(row.number, "source", "资金入账须选择资金来源（发放补助金须填写身份证号）")
            elif (form_in.on_date, None, "", form_in.source, amount) in recorded:
                planned.unchanged += 1
            elif sheet.add_found(row.number, subsidy.check_income(form_in)):
                entries.append((form_in.on_date, next_id, None, amount))
                planned.writes.append(partial(subsidy.write_entry, form_in))
            next_id += 1
            continue
        worker = workers.find(sheet, row)
        if worker is None or not row.ok:
            continue
        form = subsidy.SubsidyPaymentForm(worker, _day(values), _text(values, "period"), amount,
                                          _text(values, "document_no"), _text(values, "note"))
        if (form.on_date, worker, form.period.strip(), "", amount) in recorded:
            planned.unchanged += 1
        elif sheet.add_found(row.number, subsidy.check_payment(form, paid_periods=periods)):
            periods.add((worker, form.period.strip()))
            payments.append((row, form))
    entries.sort(key=lambda e: (e[0], e[1]))
    for row, form in payments:   # after every income of the sheet, in sheet order
        available = subsidy.available_on(form.on_date, entries)
        if form.amount > available:
            sheet.add(row.number, "amount", f"{subsidy.ACCOUNT}余额 {figures(available)} 元，不足支付 "
                                            f"{figures(form.amount)} 元（按日期顺序计算，含本表以上各行）")
            continue
        entries.append((form.on_date, next_id, form.worker_id, form.amount))
        entries.sort(key=lambda e: (e[0], e[1]))
        next_id += 1
        planned.writes.append(partial(subsidy.write_entry, form))
    return planned


PLANNERS: dict[str, Callable[[RegisterTable, Sequence[ParsedRow], list[FieldError]], Planned]] = {
    "model-workers": plan_workers, "model-worker-events": plan_events, "model-worker-visits": plan_visits,
    "health-checks": plan_health_checks, "subsidy-entries": plan_subsidy,
}
