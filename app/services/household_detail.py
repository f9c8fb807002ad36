"""Reading stored files into HouseholdDetail (in batches) and masking them for display."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal

from app.services import settings
from app.services.household_forms import HouseholdDetail, HouseholdEventView, HouseholdForm, MemberForm
from app.services.household_rules import derive
from app.validation import mask_card, mask_id_number, mask_phone
from db.models import FamilyMember, Household, HouseholdEvent, Person

PERSON_FIELDS = (
    "sex", "birth_date", "ethnicity", "political_status", "health", "disability_type",
    "disability_grade", "medical_insurance",
)
HEAD_PERSON_FIELDS = (*PERSON_FIELDS, "marital_status", "hukou_type", "hukou_place",
                      "phone", "work_unit", "address")
HOUSEHOLD_COLUMNS = (
    "filing_level", "category", "category_reason", "identity", "main_cause", "work_status",
    "model_worker_type", "unit_nature", "enterprise_status", "industry", "union_name",
    "single_parent", "zero_employment", "head_monthly_income", "other_annual_income",
    "rigid_expenses", "accident_losses", "receives_dibao", "dibao_amount", "housing_type",
    "housing_area", "bank_name", "bank_branch", "card_number", "hardship_cert_no", "filed_by",
    "reviewed_by", "entered_by", "note",
)
MEMBER_COLUMNS = ("relation", "monthly_income", "identity", "unit_or_school", "education",
                  "enrol_year", "schooling_years")


def _member_form(row: FamilyMember) -> MemberForm:
    p = row.person
    return MemberForm(
        name=p.name, relation=row.relation, id_number=p.id_number, sex=p.sex,
        birth_date=p.birth_date, ethnicity=p.ethnicity, political_status=p.political_status,
        health=p.health, disability_type=p.disability_type, disability_grade=p.disability_grade,
        monthly_income=row.monthly_income, identity=row.identity, medical_insurance=p.medical_insurance,
        unit_or_school=row.unit_or_school or "", education=row.education, enrol_year=row.enrol_year,
        schooling_years=row.schooling_years, member_id=row.id,
    )


def form_of(household: Household, members: Sequence[FamilyMember]) -> HouseholdForm:
    """The editable form of a stored file."""
    p = household.head
    values: dict[str, object] = {k: getattr(p, k) for k in HEAD_PERSON_FIELDS}
    values.update({k: getattr(household, k) for k in HOUSEHOLD_COLUMNS})
    for key, value in list(values.items()):
        if value is None and HouseholdForm.__dataclass_fields__[key].default == "":
            values[key] = ""
    return HouseholdForm(
        name=p.name, id_number=p.id_number or "", file_no=household.file_no,
        secondary_causes=tuple(x for x in household.secondary_causes.split("、") if x),
        attachments=tuple(x for x in household.attachments.split("、") if x),
        filed_on=household.filed_on,
        members=tuple(_member_form(m) for m in members),
        **values,  # type: ignore[arg-type]
    )


def _line_finder() -> Callable[[datetime.date], Decimal | None]:
    lines = [(e.effective_from, e.monthly_amount) for e in settings.poverty_lines()]

    def line_on(day: datetime.date) -> Decimal | None:
        amount = None
        for effective_from, monthly in lines:
            if effective_from <= day:
                amount = monthly
        return amount

    return line_on


def load_details(ids: Sequence[int], *, with_events: bool = True) -> list[HouseholdDetail]:
    """Files in the given order, unmasked, read in a few queries; ids no longer there are left out.

    For services that have checked the permission themselves (import, export, printing).
    """
    details: list[HouseholdDetail] = []
    line_on = _line_finder()
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        rows = {h.id: h for h in Household.select(Household, Person)
                .join(Person, on=(Household.head == Person.id)).where(Household.id.in_(chunk))}
        members: dict[int, list[FamilyMember]] = {}
        for m in (FamilyMember.select(FamilyMember, Person).join(Person)
                  .where(FamilyMember.household.in_(chunk))
                  .order_by(FamilyMember.sort_order, FamilyMember.id)):
            members.setdefault(m.household_id, []).append(m)
        events: dict[int, list[HouseholdEventView]] = {}
        if with_events:
            for e in (HouseholdEvent.select().where(HouseholdEvent.household.in_(chunk))
                      .order_by(HouseholdEvent.on_date, HouseholdEvent.id)):
                events.setdefault(e.household_id, []).append(HouseholdEventView(
                    e.on_date, e.action, e.status_after, e.by_name, e.note, e.created_at))
        for household_id in chunk:
            household = rows.get(household_id)
            if household is None:
                continue
            form = form_of(household, members.get(household_id, []))
            details.append(HouseholdDetail(
                id=household.id, form=form, derived=derive(form, line_on(household.filed_on)),
                status=household.status, status_since=household.status_since,
                approved_on=household.approved_on, last_recheck_on=household.last_recheck_on,
                surveyed_on=household.surveyed_on, notice_start=household.notice_start,
                notice_end=household.notice_end, closed_on=household.closed_on,
                close_reason=household.close_reason, created_at=household.created_at,
                updated_at=household.updated_at, events=tuple(events.get(household_id, ())),
            ))
    return details


def masked(detail: HouseholdDetail) -> HouseholdDetail:
    """The same file with ID numbers, phone and card reduced to their ends (110***********1234)."""
    form = detail.form
    members = tuple(dataclasses.replace(m, id_number=mask_id_number(m.id_number) or None) for m in form.members)
    shown = dataclasses.replace(form, id_number=mask_id_number(form.id_number), phone=mask_phone(form.phone) or None,
                                card_number=mask_card(form.card_number) or None, members=members)
    return dataclasses.replace(detail, form=shown)


def is_masked(form: HouseholdForm) -> bool:
    """A form read for display only: saving it would overwrite real numbers with stars."""
    numbers = [form.id_number, form.phone, form.card_number, *(m.id_number for m in form.members)]
    return any(n and "*" in n for n in numbers)
