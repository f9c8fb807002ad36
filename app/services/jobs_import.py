"""Importing 再就业, 职业介绍 and 创业贷款 sheets: each row checked as the form checks one, the person named by
ID number and name (someone new added from the row). Imports only add records; a row that repeats one on
record or an earlier row (same person, date and employer or bank) is an error. Placements from a sheet are
recorded on the person's open file but do not change it (close the unemployment cause from the list).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from app.services import employment, loans
from app.services import employment_rules as rules
from app.services.employment import PlacementForm, ReferralForm
from app.services.employment_import import Handler, Sheet, text
from app.services.loans import LoanForm
from app.services.relief_forms import Recipient
from db.database import tuples
from db.models import Loan, Placement, Referral

ZERO = Decimal("0.00")


def _day(values: dict[str, object], key: str) -> datetime.date | None:
    value = values.get(key)
    return value if isinstance(value, datetime.date) else None


def _recipient(values: dict[str, object]) -> Recipient:
    return Recipient(name=text(values, "name"), id_number=text(values, "id_number"))


class PersonSheet(Handler):
    """A sheet of records of people: checks the person and repeats, then the record's own rules (form_errors)."""

    model: Any = None
    other = "employer"                              # the column that, with person and date, makes a row unique

    def form_errors(self, values: dict[str, object], day: datetime.date) -> list[Any]:
        raise NotImplementedError

    def columns(self, values: dict[str, object]) -> dict[str, Any]:
        raise NotImplementedError

    def check(self, sheet: Sheet) -> None:
        people = self.run.people
        known = [pid for r in sheet.rows if (pid := people.person_id(text(r.values, "id_number"))) is not None]
        model = self.model
        on_record = {(pid, day, other) for pid, day, other in tuples(
            model.select(model.person, model.on_date, getattr(model, self.other)).where(model.person.in_(known)))}
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            if not people.name(sheet, row):
                continue
            number, day = text(v, "id_number"), _day(v, "on_date")
            if day is None:
                continue
            other = v.get(self.other)
            if (people.person_id(number), day, other) in on_record:
                sheet.add(row, "on_date", "系统中已有同一人同一日期的这条记录（导入只新增记录）")
                continue
            if self.repeated(sheet, seen, (number, day, other), row, "on_date", "重复（同一人、同一日期）"):
                continue
            before = len(self.run.errors)
            sheet.place(row, self.form_errors(v, day))
            if row.ok and len(self.run.errors) == before:
                self.plans.append({"number": number, **self.columns(v)})

    def write(self) -> None:
        ids = self.run.people.ids
        files = rules.open_households([ids[p["number"]] for p in self.plans])
        rows = []
        for plan in self.plans:
            person = ids[plan["number"]]
            row = {k: v for k, v in plan.items() if k != "number"}
            row["person"] = person
            if "household" in self.model._meta.fields:
                row["household"] = files.get(person)
            rows.append(row)
        self.insert(self.model, rows)


class PlacementSheet(PersonSheet):
    kind, what, unit = "placements", "再就业", "人"
    model = Placement

    def form_errors(self, values: dict[str, object], day: datetime.date) -> list[Any]:
        errors: list[Any] = []
        employment.check_placement(PlacementForm(_recipient(values), text(values, "group"), text(values, "employer"),
                                                 day, text(values, "job"), text(values, "how_found"),
                                                 note=text(values, "note")), errors)
        return errors

    def columns(self, values: dict[str, object]) -> dict[str, Any]:
        return {"group": values["group"], "employer": text(values, "employer"), "job": text(values, "job"),
                "on_date": values["on_date"], "how_found": text(values, "how_found"), "note": text(values, "note")}


class ReferralSheet(PersonSheet):
    kind, what, unit = "referrals", "职业介绍", "人次"
    model = Referral

    def form_errors(self, values: dict[str, object], day: datetime.date) -> list[Any]:
        return employment.check_referral(ReferralForm(_recipient(values), text(values, "employer"), day,
                                                      text(values, "outcome") or "待反馈", text(values, "note")))

    def columns(self, values: dict[str, object]) -> dict[str, Any]:
        return {"employer": text(values, "employer"), "on_date": values["on_date"],
                "outcome": text(values, "outcome") or "待反馈", "note": text(values, "note")}


class LoanSheet(PersonSheet):
    kind, what, unit = "loans", "创业贷款", "笔"
    model = Loan
    other = "bank"

    def form_errors(self, values: dict[str, object], day: datetime.date) -> list[Any]:
        errors: list[Any] = []
        amount, subsidy, term = values.get("amount"), values.get("subsidy"), values.get("term_months")
        loans.check_loan(LoanForm(_recipient(values), amount if isinstance(amount, Decimal) else ZERO,
                                  text(values, "bank"), day, term if isinstance(term, int) else 12,
                                  subsidy if isinstance(subsidy, Decimal) else ZERO,
                                  text(values, "repayment") or "还款中", text(values, "note")), errors)
        return errors

    def columns(self, values: dict[str, object]) -> dict[str, Any]:
        term, subsidy = values.get("term_months"), values.get("subsidy")
        return {"amount": values["amount"], "bank": text(values, "bank"), "on_date": values["on_date"],
                "term_months": term if isinstance(term, int) else 12,
                "subsidy": subsidy if isinstance(subsidy, Decimal) else ZERO,
                "repayment": text(values, "repayment") or "还款中", "note": text(values, "note")}
