"""Importing relief records from the register workbook: every row checked by the relief rules, then one transaction.

A row names its recipient by ID number (and name). Someone not yet known is added from the row for care
activities and other non-hardship help; hardship relief (生活, 医疗, 大病, 助学, 住房) needs a file on record
(在档) or 临时救助=是. The one-a-year rule counts the database and the other rows of the sheet; a fund may not
go below zero unless an administrator gives a 超支理由. Nothing is written unless every row passes; the rows
are then stored with plain INSERTs on one cursor, as campaign_batch stores a batch.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.excel.reader import ParsedRow, RegisterTable, parse_table
from app.money import figures
from app.pinyin import sort_key
from app.progress import ProgressFn
from app.registers.base import ValueLists
from app.services import audit
from app.services.audit import AuditAction
from app.services.campaign_batch import INSERT_ITEM
from app.services.campaign_batch import RELIEF_COLUMNS as BATCH_COLUMNS
from app.services.campaigns import parse_items
from app.services.relief_forms import ZERO, ItemForm, Recipient, ReliefForm
from app.services.relief_lookup import Known, look_up
from app.services.relief_rules import RULES, Claimant, check_form, conflicts, duplicate_rule
from app.session import Permission
from app.validation import check_id_number
from app.vocab import FileStatus
from db.database import database
from db.fields import to_cents

RELIEF_COLUMNS = (*BATCH_COLUMNS, "hospital", "diagnosis", "total_cost", "insurance_paid", "self_paid")
INSERT_RELIEF = f"INSERT INTO relief ({', '.join(RELIEF_COLUMNS)}) VALUES ({', '.join('?' * len(RELIEF_COLUMNS))})"
PERSON_COLUMNS = ("name", "id_number", "sex", "birth_date", "name_pinyin", "created_at", "updated_at")
INSERT_PERSON = f"INSERT INTO person ({', '.join(PERSON_COLUMNS)}) VALUES ({', '.join('?' * len(PERSON_COLUMNS))})"
PROGRESS_EVERY = 500
TEMPORARY_HINT = "确属临时救助请在“临时救助”列填“是”"


@dataclass
class Line:
    """One row that passed its own checks: the relief to store and who receives it."""

    row: int
    form: ReliefForm
    person_id: int | None      # None: someone new, added from the row
    household_id: int | None
    student_id: int | None     # None with form.student set: a student new to the system
    duplicate: bool = False
    overdraw: str | None = None

    @property
    def total(self) -> Decimal:
        return self.form.amount + self.form.goods_value


@dataclass(frozen=True)
class Written:
    """What the write stored."""

    reliefs: int
    people: int
    cash: Decimal
    goods: Decimal
    duplicates: int
    overdrawn: int


def _text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _money(values: dict[str, object], key: str) -> Decimal | None:
    value = values.get(key)
    return value if isinstance(value, Decimal) else None


class ReliefImport:
    """One import of the 救助记录 sheet: parse, look up and check every row, then write them all."""

    def __init__(self, table: RegisterTable, lists: ValueLists, source: str) -> None:
        self.table, self.register, self.sheet = table, table.register, table.sheet
        self.lists = lists
        self.source = source
        self.errors: list[FieldError] = []
        self.warnings: list[str] = []
        self._order = {f.key: n for n, f in enumerate(self.register.fields)}

    def run(self, progress: ProgressFn, before_write: Callable[[ProgressFn], object] | None = None) -> Written:
        """Check every row; then (if there is anything to write) call before_write and check and write in one go.

        The check is repeated inside the write transaction: records entered meanwhile (while the backup ran)
        count for the one-a-year rule and the fund balances as well.
        """
        rows = parse_table(self.table, "id_number", self.lists, self.errors)
        failed = list(self.errors)
        count = len(rows)
        self.check(rows, lambda done: progress(done, 2 * count, "正在检查救助记录"), failed)
        if not rows:
            return Written(0, 0, ZERO, ZERO, 0, 0)
        if before_write is not None:
            before_write(lambda _done, _total, message: progress(count, 2 * count, message))
        with database.atomic("IMMEDIATE"):
            lines = self.check(rows, lambda _done: None, failed)
            written = self.write(lines, lambda done: progress(count + done, 2 * count, "正在写入救助记录"))
            audit.record(AuditAction.IMPORT, target_kind="relief", target_label=self.source[:100],
                         details={"文件": self.source, "登记簿": self.register.title, "条数": written.reliefs,
                                  "现金": figures(written.cash), "物资": figures(written.goods),
                                  "新增人员": written.people, "重复救助（有理由）": written.duplicates,
                                  "超支": written.overdrawn})
        progress(2 * count, 2 * count, "已完成")
        return written

    def check(self, rows: Sequence[ParsedRow], progress: Callable[[int], None],
              failed: Sequence[FieldError]) -> list[Line]:
        """Every row that passes, in sheet order; raises ValidationError listing every problem if any fails."""
        self.errors, self.warnings = list(failed), []
        known = look_up(rows)
        names: dict[str, tuple[str, int]] = {}
        lines: list[Line] = []
        for done, row in enumerate(rows, 1):
            line = self._line(row, known, names)
            if line is not None:
                lines.append(line)
            if done % PROGRESS_EVERY == 0:
                progress(done)
        self._duplicates(lines)
        self._draws(lines, known)
        if self.errors:
            self.errors.sort(key=lambda e: (e.row or 0, self._order.get(e.field, 99)))
            raise ValidationError(self.errors)
        progress(len(rows))
        return lines

    def _error(self, row: int, key: str, message: str) -> None:
        self.errors.append(FieldError(key, self.register.field(key).label, message, row=row, sheet=self.sheet))

    def _line(self, row: ParsedRow, known: Known, names: dict[str, tuple[str, int]]) -> Line | None:
        values, at = row.values, row.number
        before = len(self.errors)
        number, name = _text(values, "id_number"), _text(values, "name")
        person = known.persons.get(number)
        if number and name:
            if person is not None and person[1] != name:
                self._error(at, "name", f"系统中此身份证号的人员名为“{person[1]}”，与本行姓名不符，请核对")
            elif number in names and names[number][0] != name:
                self._error(at, "name", f"与第{names[number][1]}行身份证号相同，姓名却不同，请核对")
            names.setdefault(number, (name, at))
        relief_type = _text(values, "relief_type")
        campaign = known.campaigns.get(_text(values, "campaign"))
        if _text(values, "campaign") and campaign is None:
            self._error(at, "campaign", f"系统中没有名为“{_text(values, 'campaign')}”的帮扶活动，请先建立该活动"
                                        "（或先导入帮扶活动登记簿）")
        elif campaign is not None and relief_type and campaign.relief_type != relief_type:
            self._error(at, "relief_type", f"帮扶活动“{campaign.name}”的救助类型是{campaign.relief_type}")
        fund_name = _text(values, "fund") or (campaign.fund if campaign is not None else "")
        fund = known.funds.get(fund_name)
        if fund_name and fund is None:
            self._error(at, "fund", f"系统中没有名为“{fund_name}”的资金，请先新建该资金或改用已有资金的名称")
        elif fund is not None and not fund.active:
            self._error(at, "fund", f"资金“{fund_name}”已停用，不能再支出")
        amount, items = _money(values, "amount"), self._items(at, _text(values, "items"))
        if amount is None and not _text(values, "items") and campaign is not None and not row.failed:
            amount, items = campaign.standard_amount, self._items(at, campaign.standard_items)
        household_id, status = self._household(row, person[0] if person else None, known)
        if row.failed:
            return None  # a cell that did not parse is reported; the rules are checked once it is fixed
        student = None
        student_number = _text(values, "student_id_number") or None
        if _text(values, "student_name") or student_number:
            student = Recipient(name=_text(values, "student_name"), id_number=student_number)
        on_date = values["on_date"]
        assert isinstance(on_date, datetime.date)
        admission_year = values.get("admission_year")
        form = ReliefForm(
            Recipient(name=name, id_number=number), relief_type, on_date, amount or ZERO,
            fund_id=fund.id if fund is not None and fund.active else None,
            campaign_id=campaign.id if campaign is not None else None, household_id=household_id,
            handler=_text(values, "handler"), temporary=values.get("temporary") is True,
            duplicate_reason=_text(values, "duplicate_reason"), overdraw_reason=_text(values, "overdraw_reason"),
            note=_text(values, "note"), hospital=_text(values, "hospital"), diagnosis=_text(values, "diagnosis"),
            total_cost=_money(values, "total_cost"), insurance_paid=_money(values, "insurance_paid"),
            self_paid=_money(values, "self_paid"), student=student, school=_text(values, "school"),
            school_level=_text(values, "school_level") or None,
            admission_year=admission_year if isinstance(admission_year, int) else None, items=items)
        self._rules(form, at, status, before, file_given=bool(_text(values, "file_no")))
        if len(self.errors) > before:
            return None
        student_id = None
        if student is not None:
            if student_number:
                found = known.persons.get(student_number)
                student_id = found[0] if found else None
            elif household_id is not None:
                student_id = known.members_named.get((household_id, student.name))
        return Line(at, form, person[0] if person else None, household_id, student_id)

    def _items(self, row: int, text: str) -> tuple[ItemForm, ...]:
        try:
            return parse_items(text)
        except KnownError as exc:
            self._error(row, "items", str(exc))
            return ()

    def _household(self, row: ParsedRow, person_id: int | None, known: Known) -> tuple[int | None, str | None]:
        """The file the relief is recorded on and its status: the one named, else the recipient's file on record."""
        file_no = _text(row.values, "file_no")
        if file_no:
            found = known.files.get(file_no)
            if found is None:
                self._error(row.number, "file_no", f"系统中没有档案编号为 {file_no} 的档案")
                return None, None
            if person_id is None or person_id not in known.people_of.get(found[0], ()):
                self._error(row.number, "file_no", f"受助人不是档案 {file_no} 的职工本人或家庭成员")
                return None, None
            return found
        if person_id is not None and person_id in known.on_record:
            return known.on_record[person_id], str(FileStatus.ACTIVE)
        return None, None

    def _rules(self, form: ReliefForm, row: int, status: str | None, before: int, *, file_given: bool) -> None:
        """check_form on the row, its findings placed on the sheet's columns (one per column)."""
        found: list[FieldError] = []
        check_form(form, found, row=row, household_status=status)
        reported = {e.field for e in self.errors[before:]}
        for error in found:
            key, message = error.field, error.message
            if key == "household":
                key = "file_no" if file_given else "id_number"
                message = (f"{form.relief_type}须先建档后帮扶：受助人没有在档的困难职工档案"
                           + (f"（所在档案为“{status}”）" if status else "") + f"；{TEMPORARY_HINT}")
            elif key == "recipient":
                key = "name"
            elif key == "student":
                key = "student_name"
            elif key == "id_number" and error.label.startswith("学生"):
                key = "student_id_number"
            elif key == "items":
                message = f"{error.label}：{message}"
            elif key == "fund":
                message = "请填写从哪项资金支出（资金名称）"
            if key not in reported and key in self._order:
                reported.add(key)
                self._error(row, key, message)

    def _duplicates(self, lines: list[Line]) -> None:
        """The one-a-year rule against the database and between rows; rows with a reason go last within a group."""
        new_people: dict[str, int] = {}
        claimants = []
        for index in sorted(range(len(lines)), key=lambda i: (bool(lines[i].form.duplicate_reason.strip()), i)):
            line = lines[index]
            person = line.person_id
            if person is None:  # someone new: a stand-in id, so that their rows in this sheet are compared
                person = -new_people.setdefault(line.form.recipient.id_number or "", len(new_people) + 1)
            claimants.append(Claimant(index, line.form.recipient.name, line.household_id, person,
                                      line.form.relief_type, line.form.on_date))
        rule = duplicate_rule()
        flagged = set()
        for conflict in conflicts(claimants, rule):
            line = lines[conflict.line or 0]
            flagged.add(conflict.line)
            if line.form.duplicate_reason.strip():
                line.duplicate = True
                continue
            where = (f"本表中已有同一户（或同一人）{conflict.on_date.isoformat()}的{conflict.relief_type}"
                     if conflict.relief_id is None else conflict.describe().split("：", 1)[1])
            self._error(line.row, "duplicate_reason", f"{where}；规定{RULES[rule.scope]}，须填写重复救助理由或删去该行")
        for index, line in enumerate(lines):
            if line.form.duplicate_reason.strip() and index not in flagged:
                self.warnings.append(FieldError("duplicate_reason", "重复救助理由", "未发现重复救助，理由不保存",
                                                row=line.row, sheet=self.sheet).describe())

    def _draws(self, lines: Sequence[Line], known: Known) -> None:
        """Each fund pays the rows in sheet order; a row it cannot cover needs an administrator's 超支理由."""
        left = dict(known.balances)
        may_overdraw = session.may(Permission.OVERDRAW)
        for line in lines:
            fund_id = line.form.fund_id
            if fund_id is None or line.total <= 0:
                continue
            available = left[fund_id]
            left[fund_id] = available - line.total
            if line.total <= available:
                continue
            reason = line.form.overdraw_reason.strip()
            short = (f"资金“{known.fund_names[fund_id]}”余额 {figures(available)} 元（已扣除本表前面各行），"
                     f"不足支付本行 {figures(line.total)} 元")
            if not reason:
                self._error(line.row, "fund", f"{short}；如确需超支，须由管理员在“超支理由”列填写理由")
            elif not may_overdraw:
                self._error(line.row, "overdraw_reason", f"{short}；超支须由管理员办理")
            else:
                line.overdraw = reason

    def write(self, lines: Sequence[Line], progress: Callable[[int], None] = lambda _done: None) -> Written:
        """Store every checked row (inside the caller's transaction): new people first, then reliefs and items."""
        cursor = database.cursor()
        who, now = session.current_operator(), clock.now().isoformat(sep=" ")
        added: dict[str, int] = {}
        people = 0

        def new_person(recipient: Recipient) -> int:
            nonlocal people
            number = recipient.id_number or None
            if number and number in added:
                return added[number]
            people += 1
            info = check_id_number(number) if number else None
            cursor.execute(INSERT_PERSON, (recipient.name.strip(), number, info.sex if info else None,
                                           info.birth_date.isoformat() if info else None,
                                           sort_key(recipient.name.strip()), now, now))
            person_id = int(cursor.lastrowid or 0)
            if number:
                added[number] = person_id
            return person_id

        cash = goods = ZERO
        for done, line in enumerate(lines, 1):
            form = line.form
            person_id = line.person_id if line.person_id is not None else new_person(form.recipient)
            student_id = line.student_id
            if form.student is not None and student_id is None:
                student_id = new_person(form.student)
            self_paid = form.self_paid
            if form.total_cost is not None and self_paid is None:
                self_paid = form.total_cost - (form.insurance_paid or ZERO)
            cursor.execute(INSERT_RELIEF, (
                person_id, line.household_id, form.relief_type, form.on_date.isoformat(), to_cents(form.amount),
                to_cents(form.goods_value), form.fund_id, form.campaign_id, form.handler.strip() or who,
                int(form.temporary), form.duplicate_reason.strip() if line.duplicate else None, line.overdraw,
                form.note.strip(), student_id, form.school.strip() or None, form.school_level, form.admission_year,
                who, now, form.hospital.strip() or None, form.diagnosis.strip() or None,
                _cents(form.total_cost), _cents(form.insurance_paid), _cents(self_paid)))
            relief_id = int(cursor.lastrowid or 0)
            for item in form.items:
                cursor.execute(INSERT_ITEM, (relief_id, item.name, item.quantity, item.unit, to_cents(item.value)))
            cash, goods = cash + form.amount, goods + form.goods_value
            if done % PROGRESS_EVERY == 0:
                progress(done)
        return Written(len(lines), people, cash, goods, sum(1 for x in lines if x.duplicate),
                       sum(1 for x in lines if x.overdraw))


def _cents(value: Decimal | None) -> int | None:
    return None if value is None else to_cents(value)

