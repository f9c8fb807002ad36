"""Importing 结对帮扶 and 结对帮扶记录 sheets: a household named by its head's ID number, a pairing by head and cadre.

A pairing needs an open file headed by that person; an aid row goes to the pairing of that household and
cadre whose period holds its date (one on record or in the same workbook), checked as record_aid checks it.
Imports only add records.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from app.errors import FieldError
from app.services import employment_rules as rules
from app.services import pairing
from app.services.employment_import import Handler, Sheet, text
from app.services.pairing import AidForm, PairingForm
from app.validation import mask_id_number
from app.vocab import FileStatus
from db.database import tuples
from db.models import Household, Pairing, PairingAid, Person

Period = tuple[datetime.date, datetime.date | None]


def _files(numbers: set[str], *, open_only: bool) -> dict[str, int]:
    """Head's ID number → the file they head (the open one; 在档 first, then the newest)."""
    found: dict[str, int] = {}
    wanted = sorted(numbers)
    for start in range(0, len(wanted), 500):
        query = (Household.select(Person.id_number, Household.id).join(Person, on=(Household.head == Person.id))
                 .where(Person.id_number.in_(wanted[start:start + 500]))
                 .order_by(Household.status == str(FileStatus.ACTIVE), Household.id))
        if open_only:
            query = query.where(Household.status.in_(rules.OPEN))
        found.update(tuples(query))
    return found


class PairingSheet(Handler):
    kind, what, unit = "pairings", "结对", "户"

    def __init__(self, run: Any) -> None:
        super().__init__(run)
        self.planned: dict[tuple[str, str], list[Period]] = {}     # (head's ID, cadre) → periods in this sheet
        self.created: dict[tuple[int, str, datetime.date], int] = {}

    def check(self, sheet: Sheet) -> None:
        files = _files({text(r.values, "head_id_number") for r in sheet.rows}, open_only=True)
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            number, cadre, start = text(v, "head_id_number"), text(v, "cadre_name"), v.get("start_date")
            if not number or "head_id_number" in row.failed:
                continue
            household = files.get(number)
            if household is None:
                sheet.add(row, "head_id_number", f"没有以 {mask_id_number(number)} 为职工本人的在办困难职工档案")
                continue
            if not isinstance(start, datetime.date) or not cadre:
                continue
            if self.repeated(sheet, seen, (number, cadre, start), row, "cadre_name",
                             "重复（同一户、同一干部、同一结对日期）"):
                continue
            end = v.get("end_date") if isinstance(v.get("end_date"), datetime.date) else None
            form = PairingForm(cadre, household, start, text(v, "cadre_unit"), text(v, "cadre_phone"),
                               end if isinstance(end, datetime.date) else None, text(v, "note"))
            errors, phone = pairing.check_pairing(form)
            before = len(self.run.errors)
            sheet.place(row, [FieldError("head_id_number", e.label, e.message) if e.field == "household" else e
                              for e in errors])
            if row.ok and len(self.run.errors) == before:
                self.planned.setdefault((number, cadre), []).append((start, form.end_date))
                self.plans.append({"cadre_name": cadre, "cadre_unit": form.cadre_unit.strip(), "cadre_phone": phone,
                                   "household": household, "start_date": start, "end_date": form.end_date,
                                   "note": form.note.strip()})

    def write(self) -> None:
        self.insert(Pairing, self.plans)
        households = list({p["household"] for p in self.plans})
        if households:
            self.created = {(h, c, s): i for i, h, c, s in tuples(
                Pairing.select(Pairing.id, Pairing.household, Pairing.cadre_name, Pairing.start_date)
                .where(Pairing.household.in_(households)))}


def _covering(periods: list[tuple[Any, Period]], day: datetime.date) -> tuple[Any, Period] | None:
    """The pairing whose period holds the day, else the latest (whose check then says why not)."""
    for ref, (start, end) in periods:
        if start <= day and (end is None or day <= end):
            return ref, (start, end)
    return max(periods, key=lambda p: p[1][0]) if periods else None


class AidSheet(Handler):
    kind, what, unit = "pairing-aid", "结对帮扶记录", "条"

    def check(self, sheet: Sheet) -> None:
        parent = self.run.handler("pairings")
        planned = parent.planned if isinstance(parent, PairingSheet) else {}
        numbers = {text(r.values, "head_id_number") for r in sheet.rows}
        files = _files(numbers, open_only=False)
        by_file = {h: n for n, h in files.items()}
        on_record: dict[tuple[str, str], list[tuple[Any, Period]]] = {}
        for pid, household, cadre, start, end in tuples(
                Pairing.select(Pairing.id, Pairing.household, Pairing.cadre_name, Pairing.start_date, Pairing.end_date)
                .where(Pairing.household.in_(list(by_file)))):
            on_record.setdefault((by_file[household], cadre), []).append((pid, (start, end)))
        given = {(p, d, k, a, c, t) for p, d, k, a, c, t in tuples(
            PairingAid.select(PairingAid.pairing, PairingAid.on_date, PairingAid.kind, PairingAid.amount,
                              PairingAid.count, PairingAid.description)
            .where(PairingAid.pairing.in_([i for refs in on_record.values() for i, _ in refs])))}
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            number, cadre, day = text(v, "head_id_number"), text(v, "cadre_name"), v.get("on_date")
            if not number or not cadre or not isinstance(day, datetime.date):
                continue
            choices = on_record.get((number, cadre), []) + [((number, cadre, s), (s, e))
                                                            for s, e in planned.get((number, cadre), [])]
            found = _covering(choices, day)
            if found is None:
                sheet.add(row, "cadre_name", f"系统中没有职工 {mask_id_number(number)} 与干部“{cadre}”的结对"
                                             "（本工作簿的“结对帮扶”表中也没有）")
                continue
            ref, (start, end) = found
            amount, count = v.get("amount"), v.get("count")
            form = AidForm(day, text(v, "kind"), amount if isinstance(amount, Decimal) else Decimal("0.00"),
                           count if isinstance(count, int) else 1, text(v, "description"))
            key = (ref, day, form.kind, form.amount, form.count, form.description.strip())
            if key in given:
                sheet.add(row, "on_date", "系统中已有这条帮扶记录（导入只新增记录）")
                continue
            if self.repeated(sheet, seen, key, row, "on_date", "重复"):
                continue
            before = len(self.run.errors)
            sheet.place(row, pairing.check_aid(form, start, end))
            if row.ok and len(self.run.errors) == before:
                self.plans.append({"ref": ref, "on_date": day, "kind": form.kind, "amount": form.amount,
                                   "count": form.count, "description": form.description.strip()})

    def write(self) -> None:
        parent = self.run.handler("pairings")
        created = parent.created if isinstance(parent, PairingSheet) else {}
        files = _files({p["ref"][0] for p in self.plans if isinstance(p["ref"], tuple)}, open_only=True)
        rows = []
        for plan in self.plans:
            ref = plan["ref"]
            pairing_id = created[(files[ref[0]], ref[1], ref[2])] if isinstance(ref, tuple) else ref
            rows.append({**{k: v for k, v in plan.items() if k != "ref"}, "pairing": pairing_id})
        self.insert(PairingAid, rows)
