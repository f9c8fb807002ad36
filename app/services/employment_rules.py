"""What the 培训就业 services share: checks of text, money and dates, finding people, and the files they are in."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import clock, session
from app.errors import FieldError, ValidationError
from app.pinyin import sort_key
from app.services.relief import resolve_person
from app.services.relief_forms import Recipient
from app.services.relief_rules import check_recipient
from app.session import Permission
from app.validation import MAX_MONEY, check_id_number, clean_text, mask_id_number
from app.vocab import OPEN_STATUSES, FileStatus
from db.database import tuples
from db.models import FamilyMember, Household, Person

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
UNEMPLOYMENT_CAUSES = ("下岗失业", "有劳动能力而未就业")
OPEN = [str(s) for s in OPEN_STATUSES]
HEAD = "职工本人"
INSERT_CHUNK = 50  # rows per multi-row INSERT (far below SQLite's limit on bound variables)


def raise_any(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationError(errors)


def text(errors: list[FieldError], key: str, label: str, value: str, *, max_length: int,
         required: bool = False) -> str:
    """The trimmed text; a FieldError if it is missing (when required) or too long."""
    cleaned = value.strip()
    if required and not cleaned:
        errors.append(FieldError(key, label, "不能为空"))
    elif len(cleaned) > max_length:
        errors.append(FieldError(key, label, f"不能超过{max_length}个字"))
    return cleaned


def money(errors: list[FieldError], key: str, label: str, value: Decimal, *, positive: bool = False) -> None:
    """元 with at most two decimals, not negative (above zero if positive), below 1亿."""
    if not isinstance(value, Decimal) or not value.is_finite():
        errors.append(FieldError(key, label, "不是金额"))
    elif value != value.quantize(CENT):
        errors.append(FieldError(key, label, "金额最多两位小数（到分）"))
    elif value < 0 or (positive and value == 0):
        errors.append(FieldError(key, label, "应大于0" if positive else "不能为负数"))
    elif value >= MAX_MONEY:
        errors.append(FieldError(key, label, "金额过大，请核对"))


def cents(value: Decimal) -> Decimal:
    """A checked amount as stored and shown: 15000 → 15000.00."""
    return value.quantize(CENT)


def not_future(errors: list[FieldError], key: str, label: str, day: datetime.date) -> None:
    if day > clock.today():
        errors.append(FieldError(key, label, "不能晚于今天"))


def choice(errors: list[FieldError], key: str, label: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        errors.append(FieldError(key, label, f"请选择：{'、'.join(allowed)}"))


def check_person(errors: list[FieldError], recipient: Recipient, label: str, *, need_id: bool = False) -> None:
    """A known person, or a new one with a name (and an ID number where one is needed)."""
    check_recipient(recipient, label, errors)
    if need_id and recipient.person_id is None and not (recipient.id_number or "").strip():
        errors.append(FieldError("id_number", f"{label}身份证号", "请填写身份证号"))
    if recipient.person_id is None and recipient.id_number and recipient.name.strip():
        try:
            number = check_id_number(recipient.id_number).number
        except ValueError:
            return
        known = Person.select(Person.name).where(Person.id_number == number).scalar()
        if known is not None and known != clean_text(recipient.name):
            errors.append(FieldError("name", f"{label}姓名", f"身份证号 {mask_id_number(number)} 在系统中登记为"
                                     f"“{known}”，与所填姓名“{recipient.name.strip()}”不符"))


@dataclass(frozen=True)
class NewPerson:
    """Someone named in a list or a sheet who may not be on record yet."""

    name: str
    id_number: str       # checked
    phone: str | None = None
    work_unit: str | None = None


def ensure_people(people: Sequence[NewPerson]) -> tuple[dict[str, int], int]:
    """ID number → person id for everyone listed, adding those not on record in a few statements.

    Returns the map and how many were added. Inside the caller's write transaction.
    """
    numbers = sorted({p.id_number for p in people})
    found: dict[str, int] = {}
    for start in range(0, len(numbers), 500):
        found.update(tuples(Person.select(Person.id_number, Person.id)
                            .where(Person.id_number.in_(numbers[start:start + 500]))))
    now = clock.now()
    rows: dict[str, dict[str, object]] = {}
    for p in people:
        if p.id_number in found or p.id_number in rows:
            continue
        info = check_id_number(p.id_number)
        rows[p.id_number] = {"name": p.name.strip(), "id_number": info.number, "sex": info.sex,
                             "birth_date": info.birth_date, "phone": p.phone or None, "work_unit": p.work_unit or None,
                             "name_pinyin": sort_key(p.name.strip()), "created_at": now, "updated_at": now}
    added = list(rows.values())
    for start in range(0, len(added), INSERT_CHUNK):
        Person.insert_many(added[start:start + INSERT_CHUNK]).execute()
    new_numbers = sorted(rows)
    for start in range(0, len(new_numbers), 500):
        found.update(tuples(Person.select(Person.id_number, Person.id)
                            .where(Person.id_number.in_(new_numbers[start:start + 500]))))
    return found, len(added)


def person_for(recipient: Recipient) -> int:
    """The person (found by id or ID number, or added); inside the caller's transaction."""
    try:
        return resolve_person(recipient)
    except ValueError as exc:
        raise ValidationError([FieldError("id_number", "身份证号", str(exc))]) from None


@dataclass(frozen=True)
class PersonBrief:
    id: int
    name: str
    id_number: str | None      # full: for the services' own use; views mask it
    sex: str | None


def briefs(person_ids: Sequence[int]) -> dict[int, PersonBrief]:
    found: dict[int, PersonBrief] = {}
    wanted = sorted(set(person_ids))
    for start in range(0, len(wanted), 500):
        for pid, name, number, sex in tuples(Person.select(Person.id, Person.name, Person.id_number, Person.sex)
                                             .where(Person.id.in_(wanted[start:start + 500]))):
            found[pid] = PersonBrief(pid, name, number, sex)
    return found


def open_household(person_id: int) -> int | None:
    """The open file (在档 first, then one still being filed) the person heads, else one they belong to."""
    order = (Household.status != str(FileStatus.ACTIVE), Household.id.desc())
    head = (Household.select(Household.id).where(Household.head == person_id, Household.status.in_(OPEN))
            .order_by(*order).limit(1).scalar())
    if head is not None:
        return int(head)
    member = (FamilyMember.select(FamilyMember.household).join(Household)
              .where(FamilyMember.person == person_id, Household.status.in_(OPEN)).order_by(*order).limit(1).scalar())
    return int(member) if member is not None else None


def open_households(person_ids: Sequence[int]) -> dict[int, int]:
    """As open_household, for many people at once: person id → file."""
    found: dict[int, int] = {}
    members: dict[int, int] = {}
    wanted = sorted(set(person_ids))
    order = (Household.status == str(FileStatus.ACTIVE), Household.id)   # the preferred file comes last
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for head, household_id in tuples(Household.select(Household.head, Household.id)
                                         .where(Household.head.in_(chunk), Household.status.in_(OPEN))
                                         .order_by(*order)):
            found[head] = household_id
        for person_id, household_id in tuples(
                FamilyMember.select(FamilyMember.person, FamilyMember.household).join(Household)
                .where(FamilyMember.person.in_(chunk), Household.status.in_(OPEN)).order_by(*order)):
            members[person_id] = household_id
    return {**members, **found}


def files_of(person_ids: Sequence[int]) -> dict[int, str]:
    """person id → 档案编号 of the open file they head (else belong to)."""
    found: dict[int, str] = {}
    wanted = sorted(set(person_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for pid, file_no in tuples(FamilyMember.select(FamilyMember.person, Household.file_no).join(Household)
                                   .where(FamilyMember.person.in_(chunk), Household.status.in_(OPEN))):
            found[pid] = file_no
        for pid, file_no in tuples(Household.select(Household.head, Household.file_no)
                                   .where(Household.head.in_(chunk), Household.status.in_(OPEN))):
            found[pid] = file_no
    return found


def household_people(household_id: int) -> set[int]:
    """The head and members of a file."""
    people = {pid for (pid,) in tuples(Household.select(Household.head).where(Household.id == household_id))}
    people |= {pid for (pid,) in tuples(FamilyMember.select(FamilyMember.person)
                                        .where(FamilyMember.household == household_id))}
    return people


@dataclass(frozen=True)
class PersonChoice:
    """Someone to pick as a trainee, borrower …: a file's head or member, or a person found by name."""

    person_id: int
    name: str
    id_number: str              # masked
    sex: str
    relation: str               # 职工本人, 配偶, 子女 …; "" when not in a file
    file_no: str
    trainee_group: str | None   # what the file suggests: 下岗职工, 农民工, 在岗职工
    placement_group: str | None


def _groups(identity: str | None, work_status: str | None) -> tuple[str | None, str | None]:
    """(trainee group, placement group) suggested by a file's identity and work status, or a member's identity."""
    if identity == "农民工":
        return "农民工", "农民工"
    if work_status == "下(待)岗" or identity == "下岗失业":
        return "下岗职工", "下岗职工"
    if work_status == "失(无)业":
        return "下岗职工", "失业人员"
    if work_status == "在岗" or identity == "在职职工":
        return "在岗职工", None
    return None, None


def household_choices(household_id: int) -> list[PersonChoice]:
    """A file's head and members, to add one of them as a trainee (or borrower …)."""
    session.require(Permission.VIEW)
    found = list(tuples(Household.select(Household.file_no, Household.identity, Household.work_status, Person.id,
                                         Person.name, Person.id_number, Person.sex)
                        .join(Person, on=(Household.head == Person.id)).where(Household.id == household_id)))
    if not found:
        return []
    file_no, identity, work_status, pid, name, number, sex = found[0]
    choices = [PersonChoice(pid, name, mask_id_number(number), sex or "", HEAD, file_no,
                            *_groups(identity, work_status))]
    for pid, name, number, sex, relation, member_identity in tuples(
            FamilyMember.select(Person.id, Person.name, Person.id_number, Person.sex, FamilyMember.relation,
                                FamilyMember.identity).join(Person)
            .where(FamilyMember.household == household_id).order_by(FamilyMember.sort_order, FamilyMember.id)):
        choices.append(PersonChoice(pid, name, mask_id_number(number), sex or "", relation, file_no,
                                    *_groups(member_identity, None)))
    return choices


def find_people(words: str, limit: int = 50) -> list[PersonChoice]:
    """People whose name contains the words or whose ID number ends with them, with the file they head."""
    session.require(Permission.VIEW)
    query = Person.select(Person.id, Person.name, Person.id_number, Person.sex)
    needles = clean_text(words).split()
    if not needles:
        return []
    for word in needles:
        query = query.where(Person.name.contains(word) | Person.id_number.endswith(word.upper()))
    rows = list(tuples(query.order_by(Person.name_pinyin, Person.id).limit(limit)))
    files = {head: (file_no, identity, work) for head, file_no, identity, work in tuples(
        Household.select(Household.head, Household.file_no, Household.identity, Household.work_status)
        .where(Household.head.in_([r[0] for r in rows]), Household.status.in_(OPEN)))}
    choices = []
    for pid, name, number, sex in rows:
        file_no, identity, work = files.get(pid, ("", None, None))
        choices.append(PersonChoice(pid, name, mask_id_number(number), sex or "", HEAD if file_no else "", file_no,
                                    *_groups(identity, work)))
    return choices
