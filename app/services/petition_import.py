"""Importing contacts (信访) from the register workbook: each row checked as the reception service checks one.

A row names the person by ID number (and name) where known: someone on record must carry the same
name; someone new is added once from the row. A name alone is kept on the contact, and only a call
may be anonymous. The four records come from the row: 送达办理 needs its department and date, 办结
its date and result, and a file or case it names must be on record. A row already on record exactly
(same time, channel, name and content) is skipped, so an exported register can be imported again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from app import clock, session
from app.errors import FieldError, ValidationError
from app.excel.reader import ParsedRow, RegisterTable
from app.pinyin import sort_key
from app.services import settings
from app.validation import check_id_number
from app.vocab import FileStatus
from db.database import tuples
from db.models import Household, LegalCase, Person, Petition, PetitionEvent

MIDNIGHT = datetime.time()


class Problems:
    """Problems found on one sheet, each with its row and column; raised together, in row and column order."""

    def __init__(self, table: RegisterTable, errors: list[FieldError]) -> None:
        self.table, self.errors = table, errors

    def add(self, row: int, key: str, message: str) -> None:
        self.errors.append(FieldError(key, self.table.register.field(key).label, message, row=row,
                                      sheet=self.table.sheet))

    def count(self) -> int:
        return len(self.errors)


def raise_any(errors: list[FieldError], tables: Sequence[RegisterTable]) -> None:
    """Every problem at once, sheet by sheet, then by row and by column as the sheet orders them."""
    if not errors:
        return
    sheets = {t.sheet: n for n, t in enumerate(tables)}
    columns = {(t.sheet, f.key): n for t in tables for n, f in enumerate(t.register.fields)}
    raise ValidationError(sorted(errors, key=lambda e: (sheets.get(e.sheet or "", 0), e.row or 0,
                                                        columns.get((e.sheet or "", e.field), 99))))


def text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def day(values: dict[str, object], key: str) -> datetime.date | None:
    value = values.get(key)
    return value if isinstance(value, datetime.date) else None


class People:
    """The people rows name by ID number: those on record, and new ones, each added once however many rows name them."""

    def __init__(self, numbers: Iterable[str]) -> None:
        wanted = sorted(set(numbers))
        self.known: dict[str, tuple[int, str]] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            for pid, number, name in tuples(Person.select(Person.id, Person.id_number, Person.name)
                                            .where(Person.id_number.in_(chunk))):
                self.known[number] = (pid, name)
        self.new: dict[str, tuple[int, str]] = {}     # number → (first row, name)
        self.added: dict[str, int] = {}
        self.created = 0

    def check(self, problems: Problems, row: int, number: str, name: str) -> None:
        """The name beside a known number must be the one on record; a new number carries one name throughout."""
        if number in self.known:
            on_record = self.known[number][1]
            if name != on_record:
                problems.add(row, "name", f"与系统中该身份证号的姓名“{on_record}”不一致")
            return
        first = self.new.setdefault(number, (row, name))
        if first[1] != name:
            problems.add(row, "name", f"与第{first[0]}行身份证号相同而姓名不同（“{first[1]}”）")

    def person(self, number: str | None, name: str) -> int:
        """The person to record (inside the import's transaction): on record, added earlier, or added now."""
        if number and number in self.known:
            return self.known[number][0]
        if number and number in self.added:
            return self.added[number]
        info = check_id_number(number) if number else None
        now = clock.now()
        person = Person.create(name=name, id_number=number or None, sex=info.sex if info else None,
                               birth_date=info.birth_date if info else None, name_pinyin=sort_key(name),
                               created_at=now, updated_at=now)
        self.created += 1
        if number:
            self.added[number] = int(person.id)
        return int(person.id)


def number_of(row: ParsedRow) -> str | None:
    value = row.values.get("id_number")
    return value if isinstance(value, str) and value and "id_number" not in row.failed else None


@dataclass
class PetitionPlan:
    """One contact to record: the row's values, resolved links and who did each step."""

    row: int
    values: dict[str, object]
    received_at: datetime.datetime
    household_id: int | None
    case_id: int | None


@dataclass
class PetitionsPlanned:
    people: People
    plans: list[PetitionPlan] = field(default_factory=list)
    unchanged: int = 0


def _files(values: Iterable[str]) -> dict[str, int]:
    """档案编号 or the head's ID number → the file (a head's file on record first, else their latest)."""
    wanted = sorted(set(values))
    found: dict[str, int] = dict(tuples(Household.select(Household.file_no, Household.id)
                                        .where(Household.file_no.in_(wanted))))
    heads = [w for w in wanted if w not in found]
    for number, hid, status in tuples(Household.select(Person.id_number, Household.id, Household.status)
                                      .join(Person, on=(Household.head == Person.id))
                                      .where(Person.id_number.in_(heads)).order_by(Household.id)):
        if number not in found or status == FileStatus.ACTIVE:
            found[number] = hid
    return found


def _file_key(raw: str) -> str:
    """A file number as typed, or an ID number in its checked form (x → X)."""
    try:
        return check_id_number(raw).number
    except ValueError:
        return raw


def plan_petitions(table: RegisterTable, rows: list[ParsedRow], errors: list[FieldError]) -> PetitionsPlanned:
    """Check every row against the rules, the database and the rows above it; the contacts to add."""
    problems = Problems(table, errors)
    today = clock.today()
    people = People(n for n in (number_of(r) for r in rows) if n)
    files = _files(_file_key(text(r.values, "file_no")) for r in rows if text(r.values, "file_no"))
    cases = dict(tuples(LegalCase.select(LegalCase.case_no, LegalCase.id)
                        .where(LegalCase.case_no.in_({text(r.values, "case_no") for r in rows}))))
    existing = set(tuples(Petition.select(Petition.received_at, Petition.channel, Petition.name, Petition.content)))
    seen: dict[tuple[object, ...], int] = {}
    planned = PetitionsPlanned(people)
    for row in rows:
        values, at, before = row.values, row.number, problems.count()
        received = day(values, "received_on")
        clock_time = values.get("received_time")
        received_at = datetime.datetime.combine(received or today, clock_time if isinstance(
            clock_time, datetime.time) else MIDNIGHT)
        if received is not None and received > today:
            problems.add(at, "received_on", "不能晚于今天")
        name, number = text(values, "name"), number_of(row)
        if not name and (number or "id_number" in row.failed):
            problems.add(at, "name", "填写了身份证号，须填写姓名")
        elif not name and values.get("channel") not in (None, "来电"):
            problems.add(at, "name", "请填写姓名（只有来电可以匿名）")
        if number and name:
            people.check(problems, at, number, name)
        _check_steps(problems, row, received)
        file_text = text(values, "file_no")
        household = files.get(_file_key(file_text)) if file_text else None
        if file_text and household is None:
            problems.add(at, "file_no", f"系统中没有档案编号或职工身份证号为 {file_text} 的档案")
        case_no = text(values, "case_no")
        if case_no and case_no not in cases:
            problems.add(at, "case_no", f"系统中没有案件编号为 {case_no} 的法律援助案件（请先导入法律援助案件）")
        key = (received_at, values.get("channel"), name, text(values, "content"))
        if key in seen:
            problems.add(at, "content", f"与第{seen[key]}行的接待时间、方式、姓名和反映问题都相同")
        seen.setdefault(key, at)
        if not row.ok or problems.count() != before:
            continue
        if key in existing:
            planned.unchanged += 1
            continue
        planned.plans.append(PetitionPlan(at, values, received_at, household, cases.get(case_no)))
    return planned


def _check_steps(problems: Problems, row: ParsedRow, received: datetime.date | None) -> None:
    """送达办理 and 办结 as the service allows them: complete, in order, not in the future."""
    values, at, today = row.values, row.number, clock.today()
    handed_on, closed_on = day(values, "handed_on"), day(values, "closed_on")
    if text(values, "handed_to") and handed_on is None and "handed_on" not in row.failed:
        problems.add(at, "handed_on", "填写了送达办理，须填写送达日期")
    if handed_on is not None and not text(values, "handed_to"):
        problems.add(at, "handed_to", "填写了送达日期，须写明送达哪个部门或由谁办理")
    if text(values, "handed_by") and handed_on is None:
        problems.add(at, "handed_by", "尚未送达办理，不填送达经办人")
    for key, when, what in (("handed_on", handed_on, "送达日期"), ("closed_on", closed_on, "办结日期")):
        if when is not None and (when > today or (received is not None and when < received)):
            problems.add(at, key, f"{what}应在接待日期与今天之间")
    if closed_on is not None and not text(values, "result"):
        problems.add(at, "result", "办结须写明办理结果")
    if closed_on is None and "closed_on" not in row.failed:
        for key, label in (("result", "办理结果"), ("reply", "答复情况"), ("closed_by", "办结人")):
            if text(values, key):
                problems.add(at, "closed_on", f"填写了{label}，须填写办结日期")
                break


def write_petitions(planned: PetitionsPlanned, progress: Callable[[int], object]) -> int:
    """Record the planned contacts (inside the caller's transaction), with their events; returns how many."""
    people = planned.people
    who, now, limit = session.current_operator(), clock.now(), datetime.timedelta(days=settings.petition_limit_days())
    for done, plan in enumerate(planned.plans, 1):
        v = plan.values
        name, number = text(v, "name"), v.get("id_number")
        person = people.person(number if isinstance(number, str) else None, name) if number else None
        registered_by = text(v, "registered_by") or who
        handed_on, closed_on = day(v, "handed_on"), day(v, "closed_on")
        petition = Petition.create(
            channel=v["channel"], received_at=plan.received_at, person=person, anonymous=not name, name=name,
            contact=text(v, "contact"), work_unit=text(v, "work_unit"), category=v["category"],
            content=text(v, "content"), workers=v.get("workers") or 1, registered_by=registered_by,
            handed_to=text(v, "handed_to") or None, handed_on=handed_on,
            handed_by=(text(v, "handed_by") or registered_by) if handed_on else None,
            due_on=plan.received_at.date() + limit, closed_on=closed_on,
            closed_by=(text(v, "closed_by") or who) if closed_on else None, result=text(v, "result"),
            reply=text(v, "reply"), household=plan.household_id, legal_case=plan.case_id, created_at=now)
        events = [("登记", plan.received_at.date(), registered_by, f"{v['channel']}·{v['category']}")]
        if handed_on is not None:
            events.append(("送达办理", handed_on, str(petition.handed_by), f"送{text(v, 'handed_to')}"))
        if closed_on is not None:
            events.append(("办结", closed_on, str(petition.closed_by), text(v, "result")))
        if plan.case_id is not None:
            accepted_on = LegalCase.get_by_id(plan.case_id).accepted_on
            events.append(("转法律援助", accepted_on or handed_on or plan.received_at.date(), who,
                           f"受理为案件 {text(v, 'case_no')}"))
        if plan.household_id:
            events.append(("关联", closed_on or handed_on or plan.received_at.date(), who,
                           f"关联档案 {text(v, 'file_no')}"))
        PetitionEvent.insert_many([{"petition": petition.id, "action": a, "on_date": d, "by_name": b, "note": n,
                                    "created_at": now} for a, d, b, n in events]).execute()
        if done % 100 == 0:
            progress(done)
    return len(planned.plans)
