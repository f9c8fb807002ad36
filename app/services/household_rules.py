"""Checking a hardship file and deriving its figures (income, size, suggested category)."""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app import clock, vocab
from app import validation as v
from app.registers import households as reg
from app.registers.base import Field, Kind
from app.services import settings
from app.services.household_forms import (
    ZERO,
    CheckResult,
    Derived,
    HouseholdForm,
    MemberForm,
    Problem,
    replace_form,
)
from db.database import tuples
from db.models import FamilyMember, Household, Person

CENT = Decimal("0.01")
ACCIDENT_SHARE = Decimal("0.8")


def derive(form: HouseholdForm, line: Decimal | None) -> Derived:
    """Household size, annual and per-capita income, m² per head, and the category rule.

    Rule (DOMAIN.md): (annual income − rigid spending) ÷ 12 ÷ size below the 低保 line →
    深度困难; below twice the line → 相对困难; losses in the year above 80 % of the
    household's annual income → 意外致困.
    """
    size = 1 + len(form.members)
    monthly = form.head_monthly_income + sum((m.monthly_income for m in form.members), ZERO)
    annual = (monthly * 12 + form.other_annual_income).quantize(CENT)
    per_capita = (annual / 12 / size).quantize(CENT, rounding=ROUND_HALF_UP)
    area = None
    if form.housing_area is not None:
        area = (form.housing_area / size).quantize(CENT, rounding=ROUND_HALF_UP)
    suggestion, reason = None, "未设置低保标准，无法推荐类别"
    if line is not None:
        disposable = (annual - form.rigid_expenses) / 12 / size
        shown = disposable.quantize(CENT, rounding=ROUND_HALF_UP)
        if disposable < line:
            suggestion = "深度困难"
            reason = f"扣除刚性支出后月人均{shown}元，低于低保标准{line}元"
        elif disposable < 2 * line:
            suggestion = "相对困难"
            reason = f"扣除刚性支出后月人均{shown}元，低于低保标准的2倍{2 * line}元"
        else:
            reason = f"扣除刚性支出后月人均{shown}元，不低于低保标准的2倍{2 * line}元"
    if suggestion is None and form.accident_losses > 0 and form.accident_losses > ACCIDENT_SHARE * annual:
        suggestion = "意外致困"
        reason = f"年内意外损失{form.accident_losses}元，超过家庭年收入{annual}元的80%"
    return Derived(size, annual, per_capita, area, line, suggestion, reason)


def _label(key: str) -> str:
    return reg.HOUSEHOLDS.field(key).label


Getter = Callable[[object], tuple[Any, ...]]
_CHECKED_FIELDS: dict[tuple[int, type], tuple[Sequence[Field], tuple[Field, ...], Getter]] = {}


def _getter(keys: tuple[str, ...]) -> Getter:
    """The values of these attributes of a form, as a tuple (read in one call)."""
    if not keys:
        return lambda _form: ()
    get = operator.attrgetter(*keys)
    if len(keys) == 1:
        return lambda form: (get(form),)
    return get


def _checked_fields(form: object, register_fields: Sequence[Field]) -> tuple[tuple[Field, ...], Getter]:
    """The fields of a register _check_choices looks at for this kind of form, and a getter of their values
    (worked out once per kind: an import checks a hundred thousand forms)."""
    key = (id(register_fields), type(form))
    known = _CHECKED_FIELDS.get(key)
    if known is None or known[0] is not register_fields:
        wanted = tuple(f for f in register_fields if not f.derived and hasattr(form, f.key) and (
            f.kind in (Kind.CHOICE, Kind.MULTI) or (f.kind is Kind.TEXT and f.max_length)))
        known = _CHECKED_FIELDS[key] = (register_fields, wanted, _getter(tuple(f.key for f in wanted)))
    return known[1], known[2]


def _check_choices(form: object, register_fields: Sequence[Field], lists: Mapping[str, Sequence[str]],
                   prefix: str, label_prefix: str, errors: list[Problem]) -> None:
    fields, getter = _checked_fields(form, register_fields)
    for f, value in [(f, value) for f, value in zip(fields, getter(form), strict=True) if value]:
        kind = f.kind  # one of CHOICE, MULTI, TEXT (with a maximum length): _checked_fields keeps no other
        if kind is Kind.CHOICE:
            if value not in lists.get(f.choices or f.key, ()):
                errors.append(Problem(prefix + f.key, label_prefix + f.label,
                                      f"“{value}”不在可选值中"))
        elif kind is Kind.MULTI:
            allowed = lists.get(f.choices or f.key, ())
            unknown = [x for x in value if x not in allowed]
            if unknown:
                errors.append(Problem(prefix + f.key, label_prefix + f.label,
                                      f"“{'、'.join(unknown)}”不在可选值中"))
        elif isinstance(value, str) and f.max_length and len(value) > f.max_length:
            errors.append(Problem(prefix + f.key, label_prefix + f.label,
                                  f"不能超过{f.max_length}个字"))


def _check_person(form: HouseholdForm | MemberForm, key_prefix: str, label_prefix: str,
                  errors: list[Problem]) -> dict[str, object]:
    """Validate ID number; fill or cross-check sex and birth date. Returns changes to apply."""
    if not form.name.strip():
        errors.append(Problem(key_prefix + "name", label_prefix + "姓名", "必填，不能为空"))
    if not form.id_number:
        return {}
    try:
        info = v.check_id_number(form.id_number)
    except ValueError as exc:
        errors.append(Problem(key_prefix + "id_number", label_prefix + "身份证号", str(exc)))
        return {}
    return person_changes(info, form.sex, form.birth_date, errors, key_prefix, label_prefix)


def person_changes(info: v.IdInfo, sex: str | None, birth_date: datetime.date | None, errors: list[Problem],
                   key_prefix: str = "", label_prefix: str = "") -> dict[str, object]:
    """A valid ID number's holder: the sex and birth date it gives, or a problem where the form says otherwise."""
    changes: dict[str, object] = {"id_number": info.number}
    if sex and sex != info.sex:
        errors.append(Problem(key_prefix + "sex", label_prefix + "性别",
                              f"与身份证号不符（号码显示为{info.sex}）"))
    else:
        changes["sex"] = info.sex
    if birth_date and birth_date != info.birth_date:
        errors.append(Problem(key_prefix + "birth_date", label_prefix + "出生日期",
                              f"与身份证号不符（号码显示为{info.birth_date.isoformat()}）"))
    else:
        changes["birth_date"] = info.birth_date
    return changes


def check_household(form: HouseholdForm, *, household_id: int | None = None,
                    lists: Mapping[str, Sequence[str]] | None = None,
                    check_database: bool = True,
                    poverty_line: Callable[[datetime.date], Decimal | None] | None = None) -> CheckResult:
    """Every rule a file must meet before it is written; warnings need a confirmation only.

    A caller checking many files at once (the import wizard) passes check_database=False with
    `poverty_line` (the 低保 line on a day, read once) and checks the other files in bulk itself.
    """
    lists = lists if lists is not None else settings.value_lists()
    errors: list[Problem] = []
    warnings: list[Problem] = []
    changes = _check_person(form, "", "", errors)
    if not form.id_number:
        errors.append(Problem("id_number", "身份证号", "必填，不能为空"))
    if not form.identity:
        errors.append(Problem("identity", "身份", "必填，请选择职工或农民工"))
    if not form.main_cause:
        errors.append(Problem("main_cause", "主要致困原因", "必填"))
    if form.main_cause and form.main_cause in form.secondary_causes:
        errors.append(Problem("secondary_causes", "次要致困原因", "不能与主要致困原因相同"))
    if len(form.secondary_causes) > vocab.MAX_SECONDARY_CAUSES:
        errors.append(Problem("secondary_causes", "次要致困原因", "最多三项"))
    _check_choices(form, reg.HOUSEHOLD_FIELDS, lists, "", "", errors)
    changes.update(_check_formats(form, errors))
    if form.disability_grade and form.disability_type in (None, "", "无"):
        errors.append(Problem("disability_type", "残疾类别", "填写了残疾等级，请选择残疾类别"))
    if form.filed_on and form.filed_on > clock.today():
        errors.append(Problem("filed_on", "申报日期", "不能晚于今天"))
    if form.receives_dibao and form.dibao_amount <= 0:
        warnings.append(Problem("dibao_amount", "低保金额(元/月)", "享受低保但未填写金额"))

    members = list(form.members)
    seen_ids: dict[str, int] = {}
    head_id = changes.get("id_number", form.id_number)
    cleaned_members: list[MemberForm] = []
    for index, member in enumerate(members):
        key_prefix = f"members[{index}]."
        label_prefix = f"家庭成员第{index + 1}行 "
        mchanges = _check_person(member, key_prefix, label_prefix, errors)
        if not member.relation:
            errors.append(Problem(key_prefix + "relation", label_prefix + "与职工关系", "必填"))
        _check_choices(member, reg.MEMBER_FIELDS, lists, key_prefix, label_prefix, errors)
        number = mchanges.get("id_number")
        if isinstance(number, str):
            if number == head_id:
                errors.append(Problem(key_prefix + "id_number", label_prefix + "身份证号",
                                      "与职工本人相同"))
            elif number in seen_ids:
                errors.append(Problem(key_prefix + "id_number", label_prefix + "身份证号",
                                      f"与第{seen_ids[number] + 1}行重复"))
            seen_ids[number] = index
        cleaned_members.append(replace_form(member, **mchanges))

    filed_on = form.filed_on or clock.today()
    line = (poverty_line or settings.poverty_line_on)(filed_on) if check_database or poverty_line else None
    cleaned = replace_form(form, members=tuple(cleaned_members), filed_on=filed_on, **changes)
    derived = derive(cleaned, line)
    cleaned = _apply_category_rule(cleaned, derived, errors)
    if check_database and isinstance(head_id, str) and not any(
            e.field == "id_number" for e in errors):
        _check_against_files(cleaned, household_id, errors, warnings)
    return CheckResult(tuple(errors), tuple(warnings), derived, cleaned)


def _check_formats(form: HouseholdForm, errors: list[Problem]) -> dict[str, object]:
    """Check phone, card and amounts; returns the cleaned phone and card to store."""
    cleaned: dict[str, object] = {}
    if form.phone:
        try:
            cleaned["phone"] = v.check_mobile(form.phone)
        except ValueError as exc:
            errors.append(Problem("phone", "手机", str(exc)))
    if form.card_number:
        try:
            cleaned["card_number"] = v.check_card(form.card_number)
        except ValueError as exc:
            errors.append(Problem("card_number", "银行卡号", str(exc)))
    for key, value in zip(AMOUNT_KEYS, _amounts(form), strict=True):
        if type(value) is Decimal:
            message = _AMOUNT_MESSAGES.get(value, "")
            if message == "":
                message = _AMOUNT_MESSAGES[value] = _amount_message(value)
        else:
            message = _amount_message(value)
        if message is not None:
            errors.append(Problem(key, _label(key), message))
    return cleaned


AMOUNT_KEYS = ("head_monthly_income", "other_annual_income", "rigid_expenses", "accident_losses", "dibao_amount")
_amounts = operator.attrgetter(*AMOUNT_KEYS)
_AMOUNT_MESSAGES: dict[Decimal, str | None] = {}  # what is wrong with an amount (None: nothing), per amount


def _amount_message(value: Decimal) -> str | None:
    if len(_AMOUNT_MESSAGES) > 100_000:
        _AMOUNT_MESSAGES.clear()
    if value < 0:
        return "不能为负数"
    if value != value.quantize(CENT):
        return "金额最多两位小数（到分）"
    return None


def _apply_category_rule(form: HouseholdForm, derived: Derived,
                         errors: list[Problem]) -> HouseholdForm:
    """Blank category takes the suggestion; a different national category needs a reason."""
    suggestion = derived.suggested_category
    if not form.category:
        if suggestion:
            return replace_form(form, category=suggestion)
        errors.append(Problem("category", "困难类别",
                              f"请选择困难类别（{derived.suggestion_reason}）"))
        return form
    if form.category not in vocab.NATIONAL_CATEGORIES or derived.poverty_line is None:
        return form
    if form.category != suggestion and not form.category_reason.strip():
        hint = f"按低保标准应为“{suggestion}”" if suggestion else "按低保标准不符合认定条件"
        errors.append(Problem("category_reason", "类别调整理由",
                              f"{hint}（{derived.suggestion_reason}），改选“{form.category}”须填写理由"))
    return form


def _check_against_files(form: HouseholdForm, household_id: int | None,
                         errors: list[Problem], warnings: list[Problem]) -> None:
    """One person heads one open file; being a member elsewhere is a warning."""
    open_statuses = [str(s) for s in vocab.OPEN_STATUSES]
    other_files = (Household.select(Household.id, Household.file_no)
                   .join(Person, on=(Household.head == Person.id))
                   .where(Person.id_number == form.id_number,
                          Household.status.in_(open_statuses)))
    if household_id is not None:
        other_files = other_files.where(Household.id != household_id)
    for other in other_files:
        errors.append(Problem("id_number", "身份证号",
                              f"此人已是在办档案 {other.file_no} 的职工本人，一人只能有一份在办档案"))
    if form.file_no:
        same_no = Household.select(Household.id).where(Household.file_no == form.file_no)
        if household_id is not None:
            same_no = same_no.where(Household.id != household_id)
        if same_no.exists():
            errors.append(Problem("file_no", "档案编号", f"档案编号 {form.file_no} 已被使用"))
    numbers = [form.id_number] + [m.id_number for m in form.members if m.id_number]
    memberships = (FamilyMember.select(Person.name, Person.id_number, Household.file_no)
                   .join(Household).switch(FamilyMember).join(Person)
                   .where(Person.id_number.in_(numbers), Household.status.in_(open_statuses)))
    if household_id is not None:
        memberships = memberships.where(Household.id != household_id)
    for name, number, file_no in tuples(memberships):
        if number == form.id_number:
            warnings.append(Problem("id_number", "身份证号",
                                    f"职工本人已是在办档案 {file_no} 的家庭成员"))
        else:
            warnings.append(Problem("members", "家庭成员",
                                    f"家庭成员{name}已是在办档案 {file_no} 的家庭成员"))
    member_numbers = [m.id_number for m in form.members if m.id_number]
    if member_numbers:
        heads = (Household.select(Household.file_no, Person.name)
                 .join(Person, on=(Household.head == Person.id))
                 .where(Person.id_number.in_(member_numbers), Household.status.in_(open_statuses)))
        if household_id is not None:
            heads = heads.where(Household.id != household_id)
        for file_no, name in tuples(heads):
            warnings.append(Problem("members", "家庭成员",
                                    f"家庭成员{name}本人已有在办档案 {file_no}"))


def problems_text(problems: Sequence[Problem]) -> str:
    return "；".join(f"{p.label}：{p.message}" for p in problems)


def is_open(status: str) -> bool:
    return status in {str(s) for s in vocab.OPEN_STATUSES}


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for dd in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")
