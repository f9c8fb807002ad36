"""Hardship files (困难职工档案): create, update, read and delete one household with its members."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Mapping, Sequence

from app import clock, session
from app.errors import FieldError as ErrorItem
from app.errors import KnownError, NeedsConfirmation, ValidationError
from app.pinyin import name_keys, sort_key
from app.registers.households import HOUSEHOLDS
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.household_detail import (
    HEAD_PERSON_FIELDS,
    HOUSEHOLD_COLUMNS,
    MEMBER_COLUMNS,
    PERSON_FIELDS,
    is_masked,
    load_details,
    masked,
)
from app.services.household_forms import (
    CheckResult,
    FileState,
    HouseholdChange,
    HouseholdDetail,
    HouseholdForm,
    MemberForm,
    Problem,
)
from app.services.household_rules import check_household
from app.session import Permission
from app.vocab import FileAction, FileStatus
from db.database import database, tuples
from db.models import FamilyMember, Household, HouseholdEvent, HouseholdSearch, Person

# Text columns stored as NULL when the form leaves them empty.
OPTIONAL_TEXT = ("category_reason", "bank_name", "bank_branch", "hardship_cert_no", "filed_by", "reviewed_by",
                 "entered_by")


def _to_error(problems: Sequence[Problem]) -> ValidationError:
    return ValidationError([ErrorItem(p.field, p.label, p.message) for p in problems])


def _to_confirmation(problems: Sequence[Problem]) -> NeedsConfirmation:
    return NeedsConfirmation([ErrorItem(p.field, p.label, p.message) for p in problems])


def search_text(name: str, id_number: str | None, phone: str | None, work_unit: str,
                file_no: str) -> str:
    """The denormalised text search-as-you-type matches (\\x1f separates the forms)."""
    parts = [name, *name_keys(name), id_number or "", phone or "", work_unit, file_no.lower()]
    return "\x1f" + "\x1f".join(p for p in parts if p) + "\x1f"


def none_if_blank(value: object) -> object:
    return None if value == "" else value


def _or_none(value: object) -> object:
    return value or None


def _as_given(value: object) -> object:
    return value


# How each household column stores the form's value: blank text as NULL, the note as it is.
COLUMN_STORE: dict[str, Callable[[object], object]] = {
    **dict.fromkeys(HOUSEHOLD_COLUMNS, none_if_blank), **dict.fromkeys(OPTIONAL_TEXT, _or_none), "note": _as_given}


def _save_person(person: Person | None, *, name: str, id_number: str | None,
                 values: Mapping[str, object]) -> Person:
    """Update or create the Person; an ID number already on file reuses that row."""
    if person is None and id_number:
        person = Person.get_or_none(Person.id_number == id_number)
    if person is None:
        person = Person()
    elif id_number and person.id_number != id_number:
        other = Person.get_or_none(Person.id_number == id_number)
        if other is not None and other.id != person.id:
            person = other
    for key, value in person_columns(name, id_number, values).items():
        setattr(person, key, value)
    person.save()
    return person


def person_columns(name: str, id_number: str | None, values: Mapping[str, object]) -> dict[str, object]:
    """The person row's columns (blank text stored as NULL), as every writer of a person stores them."""
    columns: dict[str, object] = {"name": name.strip(), "id_number": id_number or None,
                                  "name_pinyin": sort_key(name.strip())}
    columns.update((key, none_if_blank(value)) for key, value in values.items())
    columns["updated_at"] = clock.now()
    return columns


def _next_file_no(year: int) -> str:
    """Numbers run per year of filing: 2024-0001, 2024-0002 … (five digits past 9,999)."""
    return file_no(year, last_file_number(year) + 1)


def last_file_number(year: int) -> int:
    """The highest number used so far in a year's file numbers (0 if none)."""
    prefix = f"{year}-"
    row = database.execute_sql(
        "SELECT MAX(CAST(substr(file_no, ?) AS INTEGER)) FROM household "
        "WHERE file_no >= ? AND file_no < ? AND substr(file_no, ?) GLOB '[0-9]*'",
        (len(prefix) + 1, prefix, f"{year}.", len(prefix) + 1)).fetchone()
    return int(row[0] or 0)


def file_no(year: int, number: int) -> str:
    return f"{year}-{number:04d}"


def _write(household: Household, form: HouseholdForm, check: CheckResult) -> Household:
    """Store a checked form: head person, household columns, derived figures, members."""
    head = household.head if household.id else None
    head = _save_person(head, name=form.name, id_number=form.id_number,
                        values={k: getattr(form, k) for k in HEAD_PERSON_FIELDS})
    household.head = head
    household.file_no = form.file_no or _next_file_no((form.filed_on or clock.today()).year)
    for key, value in household_columns(form, check).items():
        setattr(household, key, value)
    household.save()
    text = search_text(form.name, form.id_number, form.phone, form.work_unit, household.file_no)
    HouseholdSearch.insert(household=household.id, text=text).on_conflict_replace().execute()
    _write_members(household, form.members)
    return household


def household_columns(form: HouseholdForm, check: CheckResult) -> dict[str, object]:
    """The household row's columns a checked form gives (all but head, number and status)."""
    columns = {key: store(getattr(form, key)) for key, store in COLUMN_STORE.items()}
    columns.update(
        secondary_causes="、".join(form.secondary_causes), attachments="、".join(form.attachments),
        household_size=check.derived.household_size, annual_income=check.derived.annual_income,
        per_capita_monthly=check.derived.per_capita_monthly, filed_on=form.filed_on or clock.today(),
        updated_at=clock.now())
    return columns


def member_columns(member: MemberForm) -> dict[str, object]:
    return {key: none_if_blank(getattr(member, key)) for key in MEMBER_COLUMNS}


def _write_members(household: Household, members: Sequence[MemberForm]) -> None:
    existing = {m.id: m for m in FamilyMember.select().where(FamilyMember.household == household)}
    kept: set[int] = set()
    for order, member in enumerate(members):
        row = existing.get(member.member_id) if member.member_id else None
        person = _save_person(row.person if row else None, name=member.name,
                              id_number=member.id_number,
                              values={k: getattr(member, k) for k in PERSON_FIELDS})
        if row is None:
            row = FamilyMember(household=household)
        row.person = person
        for key, value in member_columns(member).items():
            setattr(row, key, value)
        row.sort_order = order
        row.save()
        kept.add(row.id)
    stale = [mid for mid in existing if mid not in kept]
    if stale:
        FamilyMember.delete().where(FamilyMember.id.in_(stale)).execute()


def _add_event(household: Household, action: str, on_date: datetime.date, note: str = "") -> None:
    HouseholdEvent.create(household=household, on_date=on_date, action=action,
                          status_after=household.status, by_name=session.current_operator(),
                          note=note, created_at=clock.now())


def create_household(form: HouseholdForm, *, accept_warnings: bool = False,
                     state: FileState | None = None) -> HouseholdChange:
    """File a new household (申报). Warnings block unless accepted; errors always block.

    An imported file (state given) is not recorded one by one: the import is, as a whole.
    """
    session.require(Permission.IMPORT if state is not None else Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        check = check_household(form)
        if check.errors:
            raise _to_error(check.errors)
        if check.warnings and not accept_warnings:
            raise _to_confirmation(check.warnings)
        form = check.form
        household = Household()
        household.status = str(FileStatus.APPLIED)
        household.status_since = form.filed_on or clock.today()
        _write(household, form, check)
        _add_event(household, str(FileAction.APPLY), household.filed_on,
                   "新建档案" if state is None else "导入")
        if state is not None and state.status != FileStatus.APPLIED:
            _apply_state(household, state)
        if state is None:
            audit.record(AuditAction.CREATE, target_kind="household", target_id=household.id,
                         target_label=f"{household.file_no} {form.name}")
    return HouseholdChange((household.id,), check.warnings)


def _apply_state(household: Household, state: FileState) -> None:
    """An imported file keeps the status it had in the old register, with an 导入 event.

    A file imported at 入户调查 or 公示 must be able to go on to 认定: a missing survey date
    is taken as the filing date and a missing notice period as one of the office's length.
    """
    columns, note = state_columns(household.filed_on, state, settings.notice_days())
    for key, value in columns.items():
        setattr(household, key, value)
    household.save()
    _add_event(household, str(FileAction.IMPORT), household.status_since, note)


def state_columns(filed_on: datetime.date, state: FileState, notice_days: int) -> tuple[dict[str, object], str]:
    """The status columns of an imported file, and the note of its 导入 event saying what was assumed."""
    assumed: list[str] = []
    surveyed_on, notice_start, notice_end = state.surveyed_on, state.notice_start, state.notice_end
    if state.status in (FileStatus.SURVEYED, FileStatus.ON_NOTICE) and surveyed_on is None:
        surveyed_on = filed_on
        assumed.append(f"入户调查日期按申报日期{surveyed_on.isoformat()}记")
    if state.status == FileStatus.ON_NOTICE:
        start: datetime.date = notice_start or notice_end or surveyed_on or filed_on
        if notice_start is None:
            assumed.append(f"公示开始日期按{start.isoformat()}记")
        end = notice_end or start + datetime.timedelta(days=notice_days - 1)
        if notice_end is None:
            assumed.append(f"公示结束日期按{end.isoformat()}记")
        notice_start, notice_end = start, end
    since = (state.status_since or state.closed_on or state.last_recheck_on or state.approved_on
             or notice_start or surveyed_on or filed_on)
    columns: dict[str, object] = {
        "status": state.status, "surveyed_on": surveyed_on, "notice_start": notice_start, "notice_end": notice_end,
        "approved_on": state.approved_on, "last_recheck_on": state.last_recheck_on, "closed_on": state.closed_on,
        "close_reason": state.close_reason, "status_since": since}
    note = f"导入时状态为{state.status}" + (f"（{'；'.join(assumed)}）" if assumed else "")
    return columns, note


def update_household(household_id: int, form: HouseholdForm, *,
                     accept_warnings: bool = False) -> HouseholdChange:
    """Save edits to a file; the lifecycle status is changed only by lifecycle actions.

    Every changed field goes to the audit trail as old → new (ID numbers, phones, cards masked).
    """
    session.require(Permission.EDIT)
    if is_masked(form):
        raise KnownError("表中的身份证号、手机号或银行卡号是隐去中间位的显示值，不能保存；请重新打开档案后修改。")
    with database.atomic("IMMEDIATE"):
        household = Household.get_or_none(Household.id == household_id)
        if household is None:
            raise KnownError("该档案已不存在（可能已被其他人删除），请刷新列表。")
        check = check_household(form, household_id=household_id)
        if check.errors:
            raise _to_error(check.errors)
        if check.warnings and not accept_warnings:
            raise _to_confirmation(check.warnings)
        before = load_details([household_id], with_events=False)[0].form
        _write(household, check.form, check)
        changed = form_changes(before, check.form)
        if changed:
            audit.record(AuditAction.UPDATE, target_kind="household", target_id=household_id,
                         target_label=f"{household.file_no} {check.form.name}", details={"修改": changed})
    return HouseholdChange((household_id,), check.warnings)


def form_changes(before: HouseholdForm, after: HouseholdForm) -> list[list[str]]:
    """[label, old, new] per changed field of the national form, members summarised by name."""
    labels = {f.key: f.label for f in HOUSEHOLDS.fields if not f.derived and hasattr(before, f.key)}
    old: dict[str, object] = {k: getattr(before, k) for k in labels}
    new: dict[str, object] = {k: getattr(after, k) for k in labels}
    labels["members"] = "家庭成员"
    old["members"] = tuple(f"{m.name}（{m.relation}）" for m in before.members)
    new["members"] = tuple(f"{m.name}（{m.relation}）" for m in after.members)
    result = audit.changes(old, new, labels, masked=("id_number", "phone", "card_number"))
    before_members = [dataclasses.replace(m, member_id=None) for m in before.members]
    after_members = [dataclasses.replace(m, member_id=None) for m in after.members]
    if old["members"] == new["members"] and before_members != after_members:
        result.append(["家庭成员", "（成员信息有修改）", ""])
    return result


def delete_household(household_id: int) -> HouseholdChange:
    """Delete a file entered by mistake; only one still at 申报 may be deleted.

    Files that reached review are kept (10 years after withdrawal) and are closed with 退档.
    """
    session.require(Permission.DELETE)
    with database.atomic("IMMEDIATE"):
        household = Household.get_or_none(Household.id == household_id)
        if household is None:
            raise KnownError("该档案已不存在。")
        if household.status != FileStatus.APPLIED:
            raise KnownError(f"档案 {household.file_no} 已进入“{household.status}”，不能删除；"
                             "请使用“退档”或“不予认定”。")
        label = f"{household.file_no} {household.head.name}"
        household.delete_instance(recursive=False)
        audit.record(AuditAction.DELETE, target_kind="household", target_id=household_id, target_label=label)
    return HouseholdChange((household_id,))


def get_household(household_id: int, *, reveal: bool = False) -> HouseholdDetail:
    """One file with its members and history; ID numbers, phones and cards masked unless revealed.

    Revealing (the edit dialog) needs the permission and is written to the audit trail.
    """
    found = get_households([household_id], reveal=reveal)
    if not found:
        raise KnownError("该档案已不存在（可能已被其他人删除），请刷新列表。")
    return found[0]


def get_households(ids: Sequence[int], *, reveal: bool = False, with_events: bool = True) -> list[HouseholdDetail]:
    """Several files in the given order (a batch of 650 to print is read in a few queries)."""
    session.require(Permission.REVEAL if reveal else Permission.VIEW)
    details = load_details(ids, with_events=with_events)
    if not reveal:
        return [masked(d) for d in details]
    for detail in details:
        audit.record(AuditAction.REVEAL, target_kind="household", target_id=detail.id,
                     target_label=label_of(detail.form))
    return details


def label_of(form: HouseholdForm) -> str:
    """How a file is named in the audit trail: number and name, never the ID number."""
    return f"{form.file_no} {form.name}".strip()


def household_id_by_number(id_number: str) -> int | None:
    """The open (else latest) file headed by the person with this ID number."""
    session.require(Permission.VIEW)
    rows = (Household.select(Household.id, Household.status).join(Person, on=(Household.head == Person.id))
            .where(Person.id_number == id_number).order_by(Household.id.desc()))
    found = list(rows)
    for row in found:
        if row.status in {str(s) for s in (FileStatus.APPLIED, FileStatus.REVIEWED,
                                           FileStatus.SURVEYED, FileStatus.ON_NOTICE,
                                           FileStatus.ACTIVE)}:
            return int(row.id)
    return int(found[0].id) if found else None


def household_ids_by_file_no(file_numbers: Sequence[str]) -> dict[str, int]:
    """档案编号 → internal id, for the numbers that exist."""
    session.require(Permission.VIEW)
    rows = Household.select(Household.file_no, Household.id).where(Household.file_no.in_(list(file_numbers)))
    return {file_no: hid for file_no, hid in tuples(rows)}


def preview(form: HouseholdForm, household_id: int | None = None) -> CheckResult:
    """Check a form as it is being typed (no write): errors, warnings, derived figures."""
    session.require(Permission.VIEW)
    return check_household(form, household_id=household_id)


def new_form(**values: object) -> HouseholdForm:
    """A blank form with today's date (the dialog's starting point)."""
    base = HouseholdForm(name="", id_number="", identity="职工", main_cause=None,
                         filed_on=clock.today(), entered_by=session.current_operator())
    return dataclasses.replace(base, **values)  # type: ignore[arg-type]
