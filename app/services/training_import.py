"""Importing 培训班 and 培训学员 sheets: sessions checked as create_session checks one, trainees named by session
name and ID number (someone new added from the row), each person once per session.

With update, a session on record is corrected from its row and a trainee already in a session gets the row's
group, completion, certificate and note; without it either is an error.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from app.services import funds, training
from app.services.employment_import import Handler, Sheet, text
from app.services.training import SessionForm
from app.validation import mask_id_number
from db.database import tuples
from db.models import Trainee, TrainingSession


class SessionSheet(Handler):
    kind, what, unit = "training-sessions", "培训班", "个"

    def __init__(self, run: Any) -> None:
        super().__init__(run)
        self.names: dict[str, int] = {}            # every session name of the sheet → its row
        self.created: dict[str, int] = {}          # after write: name → new id

    def check(self, sheet: Sheet) -> None:
        fund_ids = {f.name: f.id for f in funds.list_funds(include_inactive=True)}
        on_record = dict(tuples(TrainingSession.select(TrainingSession.name, TrainingSession.id)))
        for row in sheet.rows:
            v = row.values
            name = text(v, "name")
            if name and self.repeated(sheet, self.names, name, row, "name", "的培训班名称重复"):
                continue
            fund = text(v, "fund")
            if fund and fund not in fund_ids:
                sheet.add(row, "fund", f"系统中没有名为“{fund}”的资金（导入不新建资金）")
            existing = on_record.get(name)
            if existing is not None and not self.run.update:
                sheet.add(row, "name", f"系统中已有名为“{name}”的培训班；如需用本表修改它，请选择“更新已有记录”")
                continue
            start, end = v.get("start_date"), v.get("end_date")
            if not (isinstance(start, datetime.date) and isinstance(end, datetime.date)) or not name:
                continue   # a required cell did not parse: already reported
            cost = v.get("cost")
            form = SessionForm(name, text(v, "kind"), start, end, text(v, "trade"), text(v, "place"),
                               text(v, "organiser"), cost if isinstance(cost, Decimal) else Decimal("0.00"),
                               fund_ids.get(fund), text(v, "note"))
            before = len(self.run.errors)
            sheet.place(row, training.check_session(form, existing))
            if row.ok and len(self.run.errors) == before:
                columns = {"name": form.name, "kind": form.kind, "trade": form.trade, "start_date": start,
                           "end_date": end, "place": form.place, "organiser": form.organiser, "cost": form.cost,
                           "fund": form.fund_id, "note": form.note}
                (self.updates if existing is not None else self.plans).append({"id": existing, **columns})

    def write(self) -> None:
        self.insert(TrainingSession, [{k: v for k, v in p.items() if k != "id"} for p in self.plans])
        for plan in self.updates:
            TrainingSession.update({k: v for k, v in plan.items() if k != "id"}).where(
                TrainingSession.id == plan["id"]).execute()
        names = [p["name"] for p in self.plans]
        self.created = dict(tuples(TrainingSession.select(TrainingSession.name, TrainingSession.id)
                                   .where(TrainingSession.name.in_(names)))) if names else {}


class TraineeSheet(Handler):
    kind, what, unit = "trainees", "培训学员", "人"

    def check(self, sheet: Sheet) -> None:
        sessions = self.run.handler("training-sessions")
        in_book = sessions.names if isinstance(sessions, SessionSheet) else {}
        on_record = dict(tuples(TrainingSession.select(TrainingSession.name, TrainingSession.id)))
        people = self.run.people
        enrolled = {(sid, pid): tid for tid, sid, pid in tuples(
            Trainee.select(Trainee.id, Trainee.session, Trainee.person)
            .where(Trainee.session.in_([on_record[n] for n in {text(r.values, "session") for r in sheet.rows}
                                        if n in on_record])))}
        seen: dict[object, int] = {}
        for row in sheet.rows:
            v = row.values
            name, number = text(v, "session"), text(v, "id_number")
            known_session = name in on_record or name in in_book
            if name and not known_session:
                sheet.add(row, "session", f"系统中没有名为“{name}”的培训班（本工作簿的“培训班”表中也没有），"
                                          "请先建立该培训班或核对名称")
            person_ok = people.name(sheet, row, phone=text(v, "phone") or None, work_unit=text(v, "work_unit") or None)
            if not (known_session and person_ok and number):
                continue
            if self.repeated(sheet, seen, (name, number), row, "id_number", "重复（同一人在同一培训班只能一行）"):
                continue
            certificate = text(v, "certificate_no")
            columns = {"group": v.get("group"), "completed": bool(v.get("completed")) or bool(certificate),
                       "certificate_no": certificate, "note": text(v, "note")}
            person_id = people.person_id(number)
            existing = enrolled.get((on_record.get(name), person_id)) if person_id is not None else None
            if existing is not None and not self.run.update:
                sheet.add(row, "id_number", f"{text(v, 'name')}（{mask_id_number(number)}）已在“{name}”中；"
                                            "如需用本表修改结业、证书等，请选择“更新已有记录”")
            elif row.ok:
                if existing is not None:
                    self.updates.append({"id": existing, **columns})
                else:
                    self.plans.append({"session_name": name, "number": number, **columns})

    def write(self) -> None:
        sessions = self.run.handler("training-sessions")
        created = sessions.created if isinstance(sessions, SessionSheet) else {}
        names = {p["session_name"] for p in self.plans}
        ids = dict(tuples(TrainingSession.select(TrainingSession.name, TrainingSession.id)
                          .where(TrainingSession.name.in_(list(names))))) if names else {}
        ids.update(created)
        people = self.run.people.ids
        rows = [{"session": ids[p["session_name"]], "person": people[p["number"]], "group": p["group"],
                 "completed": p["completed"], "certificate_no": p["certificate_no"], "note": p["note"]}
                for p in self.plans]
        self.insert(Trainee, rows, stamped=False)
        for plan in self.updates:
            Trainee.update({k: v for k, v in plan.items() if k != "id"}).where(Trainee.id == plan["id"]).execute()
