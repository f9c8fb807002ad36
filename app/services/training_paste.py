"""Trainees from a pasted list: lines like "张三 622823198001011234 下岗职工", read tolerantly, added all or none.

A line may start with a number (1. 1、 1）), separate its parts with spaces, tabs, commas or 、, or run the
name into the ID number; it may carry a sex (checked against the ID number) and a mobile number (kept for
someone new). Every line's problems are reported with its line number; nothing is added while any remain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app import session, vocab
from app.errors import FieldError, ValidationError
from app.services import audit
from app.services import employment_rules as rules
from app.services.audit import AuditAction
from app.session import Permission
from app.validation import check_id_number, clean_text, mask_id_number
from db.database import database, tuples
from db.models import Person, Trainee, TrainingSession

LEADING_NUMBER = re.compile(r"^\d{1,4}(?:[.、,，)）:：]\s*|\s+)(?=\D)")
TOKEN = re.compile(r"[0-9][0-9Xx*＊]*|[^\s0-9,，、;；|/]+")
NAME = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f·•]{1,20}$")
MOBILE = re.compile(r"^1[3-9]\d{9}$")
GROUP_ALIASES = {"下岗": "下岗职工", "下岗失业": "下岗职工", "在岗": "在岗职工", "在职": "在岗职工",
                 "在职职工": "在岗职工", "其它": "其他"}
SEXES = ("男", "女")


@dataclass(frozen=True)
class PastedLine:
    """One usable line: who and in which group (the ID number checked, not yet looked up)."""

    line: int
    name: str
    id_number: str
    group: str
    phone: str | None = None


@dataclass(frozen=True)
class PastedList:
    lines: tuple[PastedLine, ...]
    errors: tuple[FieldError, ...]     # row = the line number in the pasted text

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PastedCheck:
    """A pasted list checked against a session: what adding it would do, and every problem."""

    lines: tuple[PastedLine, ...]
    errors: tuple[FieldError, ...]
    new_people: int                    # ID numbers not on record: added as new people

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class PastedResult:
    added: int
    new_people: int


def _tokens(text: str) -> list[str]:
    """The parts of a line; a group run into the name (张三下岗职工) is split off."""
    words = sorted([*vocab.TRAINEE_GROUPS, *GROUP_ALIASES], key=len, reverse=True)
    tokens = []
    for token in TOKEN.findall(text):
        suffix = next((w for w in words if token.endswith(w) and len(token) > len(w)), None)
        if suffix is not None and NAME.match(token[:-len(suffix)]):
            tokens += [token[:-len(suffix)], suffix]
        else:
            tokens.append(token)
    return tokens


def _group(token: str) -> str | None:
    if token in vocab.TRAINEE_GROUPS:
        return token
    return GROUP_ALIASES.get(token)


def parse_line(number: int, raw: str, default_group: str | None) -> tuple[PastedLine | None, list[FieldError]]:
    """One line read tolerantly; (None, []) for a blank line."""
    text = LEADING_NUMBER.sub("", clean_text(raw))
    errors: list[FieldError] = []
    if not text:
        return None, errors

    def bad(key: str, label: str, message: str) -> None:
        errors.append(FieldError(key, label, message, row=number))

    names: list[str] = []
    numbers: list[str] = []
    groups: list[str] = []
    sex = phone = None
    for token in _tokens(text):
        group = _group(token)
        if group is not None:
            groups.append(group)
        elif token in SEXES:
            sex = token
        elif MOBILE.match(token):
            phone = token
        elif token[0].isdigit():
            numbers.append(token)
        elif NAME.match(token):
            names.append(token)
        else:
            bad("text", "内容", f"无法识别“{token}”（学员类别应为{'、'.join(vocab.TRAINEE_GROUPS)}）")
    if not names:
        bad("name", "姓名", "缺少姓名")
    for extra in names[1:]:   # the first is the name; another word is most likely a group mistyped
        bad("group", "学员类别", f"无法识别“{extra}”（学员类别应为{'、'.join(vocab.TRAINEE_GROUPS)}）")
    if not numbers:
        bad("id_number", "身份证号", "缺少身份证号")
    elif len(numbers) > 1:
        bad("id_number", "身份证号", f"有{len(numbers)}个号码，每行只能有一个身份证号")
    if len(set(groups)) > 1:
        bad("group", "学员类别", f"类别只能有一个，本行有“{'、'.join(dict.fromkeys(groups))}”")
    group = groups[0] if groups else default_group
    if group is None:
        bad("group", "学员类别", f"缺少类别（{'、'.join(vocab.TRAINEE_GROUPS)}），或选择默认类别")
    id_number = ""
    if len(numbers) == 1:
        if "*" in numbers[0] or "＊" in numbers[0]:
            bad("id_number", "身份证号", "号码中间被隐去（带*），请填写完整的身份证号")
        else:
            try:
                info = check_id_number(numbers[0])
                id_number = info.number
                if sex is not None and sex != info.sex:
                    bad("sex", "性别", f"所填“{sex}”与身份证号（{info.sex}）不符，请核对号码")
            except ValueError as exc:
                bad("id_number", "身份证号", str(exc))
    if errors or group is None:
        return None, errors
    return PastedLine(number, names[0], id_number, group, phone), errors


def parse_pasted(text: str, default_group: str | None = None) -> PastedList:
    """Every line of a pasted list, the good ones and each problem with its line number (no database)."""
    if default_group is not None and default_group not in vocab.TRAINEE_GROUPS:
        raise ValidationError([FieldError("group", "默认类别", f"请选择：{'、'.join(vocab.TRAINEE_GROUPS)}")])
    lines: list[PastedLine] = []
    errors: list[FieldError] = []
    first: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line, found = parse_line(number, raw, default_group)
        errors.extend(found)
        if line is None:
            continue
        if line.id_number in first:
            errors.append(FieldError("id_number", "身份证号", f"与第{first[line.id_number]}行重复", row=number))
            continue
        first[line.id_number] = number
        lines.append(line)
    return PastedList(tuple(lines), tuple(errors))


def check_pasted(session_id: int, text: str, default_group: str | None = None) -> PastedCheck:
    """The pasted list against the session and the people on record: names must match, nobody twice."""
    session.require(Permission.VIEW)
    parsed = parse_pasted(text, default_group)
    errors = list(parsed.errors)
    name = TrainingSession.select(TrainingSession.name).where(TrainingSession.id == session_id).scalar()
    if name is None:
        raise ValidationError([FieldError("session", "培训班", "该培训班已不存在，请刷新")])
    numbers = [line.id_number for line in parsed.lines]
    known: dict[str, tuple[int, str]] = {}
    for start in range(0, len(numbers), 500):
        for pid, number, person in tuples(Person.select(Person.id, Person.id_number, Person.name)
                                          .where(Person.id_number.in_(numbers[start:start + 500]))):
            known[number] = (pid, person)
    enrolled = {pid for (pid,) in tuples(Trainee.select(Trainee.person).where(Trainee.session == session_id))}
    good = []
    for line in parsed.lines:
        pid, person = known.get(line.id_number, (None, line.name))
        if person != line.name:
            errors.append(FieldError("name", "姓名", f"身份证号 {mask_id_number(line.id_number)} 在系统中登记为"
                                     f"“{person}”，与本行姓名“{line.name}”不符", row=line.line))
        elif pid in enrolled:
            errors.append(FieldError("id_number", "身份证号", f"{line.name}已在“{name}”中", row=line.line))
        else:
            good.append(line)
    errors.sort(key=lambda e: e.row or 0)
    new = sum(1 for line in good if line.id_number not in known)
    return PastedCheck(tuple(good), tuple(errors), new)


def add_pasted(session_id: int, text: str, default_group: str | None = None) -> PastedResult:
    """Add every line of a pasted list to the session, or none: any problem raises ValidationError naming each line."""
    session.require(Permission.EDIT)
    with database.atomic("IMMEDIATE"):
        checked = check_pasted(session_id, text, default_group)
        if checked.errors:
            raise ValidationError(list(checked.errors))
        if not checked.lines:
            raise ValidationError([FieldError("text", "名单", "没有可添加的学员（每行：姓名 身份证号 类别）")])
        return write_lines(session_id, checked.lines, source="粘贴名单")


def write_lines(session_id: int, lines: Sequence[PastedLine], *, source: str) -> PastedResult:
    """Store checked lines (inside the caller's transaction), adding people not on record; one audit record."""
    people, added = rules.ensure_people([rules.NewPerson(line.name, line.id_number, line.phone) for line in lines])
    rows = [{"session": session_id, "person": people[line.id_number], "group": line.group} for line in lines]
    for start in range(0, len(rows), rules.INSERT_CHUNK):
        Trainee.insert_many(rows[start:start + rules.INSERT_CHUNK]).execute()
    name = str(TrainingSession.select(TrainingSession.name).where(TrainingSession.id == session_id).scalar())
    counts = {g: sum(1 for line in lines if line.group == g) for g in vocab.TRAINEE_GROUPS}
    audit.record(AuditAction.CREATE, target_kind="training_session", target_id=session_id, target_label=name,
                 details={"方式": source, "学员人数": len(rows), "新增人员": added,
                          **{g: c for g, c in counts.items() if c}})
    return PastedResult(len(rows), added)
