"""Importing 互助保障参保 and 互助保障理赔 sheets: enrolments by person, year and plan; a claim names its enrolment
the same way (one on record or in the same workbook) and is checked as record_claim checks it. Imports only add.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from app.services import mutual_aid
from app.services.employment_import import Handler, Sheet, text
from app.services.mutual_aid import ClaimForm, EnrolmentForm
from app.services.relief_forms import Recipient
from db.database import tuples
from db.models import MutualAidClaim, MutualAidEnrolment

ZERO = Decimal("0.00")
Key = tuple[str, int, str]      # ID number, year, plan


def _key(values: dict[str, object]) -> Key | None:
    number, year, plan = text(values, "id_number"), values.get("year"), text(values, "plan")
    return (number, year, plan) if number and isinstance(year, int) and plan else None


class EnrolmentSheet(Handler):
    kind, what, unit = "mutual-aid", "互助保障参保", "人"

    def __init__(self, run: Any) -> None:
        super().__init__(run)
        self.planned: set[Key] = set()

    def check(self, sheet: Sheet) -> None:
        people = self.run.people
        known = [pid for r in sheet.rows if (pid := people.person_id(text(r.values, "id_number"))) is not None]
        on_record = {(pid, year, plan) for pid, year, plan in tuples(
            MutualAidEnrolment.select(MutualAidEnrolment.person, MutualAidEnrolment.year, MutualAidEnrolment.plan)
            .where(MutualAidEnrolment.person.in_(known)))}
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            if not people.name(sheet, row, work_unit=text(v, "work_unit") or None):
                continue
            key = _key(v)
            if key is None:
                continue
            number, year, plan = key
            if (people.person_id(number), year, plan) in on_record:
                sheet.add(row, "plan", f"系统中已有此人{year}年的“{plan}”参保记录")
                continue
            if self.repeated(sheet, seen, key, row, "plan", "重复（同一人同一年度同一保障项目）"):
                continue
            premium = v.get("premium")
            form = EnrolmentForm(Recipient(name=text(v, "name"), id_number=number), year, plan,
                                 premium if isinstance(premium, Decimal) else ZERO, text(v, "work_unit"))
            errors: list[Any] = []
            mutual_aid.check_enrolment(form, errors)
            before = len(self.run.errors)
            sheet.place(row, errors)
            if row.ok and len(self.run.errors) == before:
                self.planned.add(key)
                self.plans.append({"number": number, "year": year, "plan": plan, "premium": form.premium,
                                   "work_unit": form.work_unit.strip()})

    def write(self) -> None:
        ids = self.run.people.ids
        self.insert(MutualAidEnrolment, [{**{k: v for k, v in p.items() if k != "number"},
                                          "person": ids[p["number"]]} for p in self.plans])


class ClaimSheet(Handler):
    kind, what, unit = "mutual-aid-claims", "互助保障理赔", "笔"

    def check(self, sheet: Sheet) -> None:
        people = self.run.people
        parent = self.run.handler("mutual-aid")
        planned = parent.planned if isinstance(parent, EnrolmentSheet) else set()
        known = [pid for r in sheet.rows if (pid := people.person_id(text(r.values, "id_number"))) is not None]
        enrolments = {(pid, year, plan): eid for eid, pid, year, plan in tuples(
            MutualAidEnrolment.select(MutualAidEnrolment.id, MutualAidEnrolment.person, MutualAidEnrolment.year,
                                      MutualAidEnrolment.plan).where(MutualAidEnrolment.person.in_(known)))}
        paid = set(tuples(MutualAidClaim.select(MutualAidClaim.enrolment, MutualAidClaim.on_date, MutualAidClaim.kind,
                                                MutualAidClaim.amount)
                          .where(MutualAidClaim.enrolment.in_(list(enrolments.values())))))
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            if not people.name(sheet, row, may_add=False):
                continue
            key, day = _key(v), v.get("on_date")
            if key is None or not isinstance(day, datetime.date):
                continue
            number, year, plan = key
            enrolment = enrolments.get((people.person_id(number), year, plan))
            if enrolment is None and key not in planned:
                sheet.add(row, "plan", f"此人没有{year}年“{plan}”的参保记录（本工作簿的“互助保障参保”表中也没有）")
                continue
            amount = v.get("amount")
            form = ClaimForm(day, text(v, "kind"), amount if isinstance(amount, Decimal) else ZERO, text(v, "note"))
            if (enrolment, day, form.kind, form.amount) in paid:
                sheet.add(row, "on_date", "系统中已有这笔理赔（导入只新增记录）")
                continue
            if self.repeated(sheet, seen, (key, day, form.kind, form.amount), row, "on_date", "重复"):
                continue
            before = len(self.run.errors)
            sheet.place(row, mutual_aid.check_claim(form, year))
            if row.ok and len(self.run.errors) == before:
                self.plans.append({"key": key, "enrolment": enrolment, "on_date": day, "kind": form.kind,
                                   "amount": form.amount, "note": form.note.strip()})

    def write(self) -> None:
        ids = self.run.people.ids
        wanted = list({ids[p["key"][0]] for p in self.plans if p["enrolment"] is None})
        created = {(pid, year, plan): eid for eid, pid, year, plan in tuples(
            MutualAidEnrolment.select(MutualAidEnrolment.id, MutualAidEnrolment.person, MutualAidEnrolment.year,
                                      MutualAidEnrolment.plan).where(MutualAidEnrolment.person.in_(wanted)))}
        rows = []
        for plan in self.plans:
            number, year, name = plan["key"]
            enrolment = plan["enrolment"] or created[(ids[number], year, name)]
            rows.append({"enrolment": enrolment, "on_date": plan["on_date"], "kind": plan["kind"],
                         "amount": plan["amount"], "note": plan["note"]})
        self.insert(MutualAidClaim, rows)
