"""Mutual-aid insurance: enrolment per person, year and plan; claims paid; the period's figures."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import audit, mutual_aid
from app.services.audit import AuditQuery
from app.services.mutual_aid import ClaimForm, EnrolmentForm, EnrolmentQuery
from app.services.relief_forms import Recipient
from db.models import Person
from tests.employment_factories import new_id

D = datetime.date
PLAN = "住院医疗互助保障"


def enrol(n: int, year: int = 2025, plan: str = PLAN, name: str | None = None) -> int:
    person = Recipient(name=name or f"职工{'甲乙丙丁戊己庚辛'[n % 8]}", id_number=new_id(n))
    return mutual_aid.enrol(EnrolmentForm(person, year, plan, Decimal("30"), "华池县水泥厂"))


def test_enrolment_once_per_person_year_and_plan(office: Path) -> None:
    first = enrol(1)
    enrol(1, plan="重大疾病互助保障")
    enrol(1, year=2024)
    with pytest.raises(ValidationError, match="已参加2025年的“住院医疗互助保障”"):
        enrol(1)
    with pytest.raises(ValidationError) as caught:
        mutual_aid.enrol(EnrolmentForm(Recipient(name="某", id_number="12"), 1980, "", Decimal("-5")))
    assert {e.field for e in caught.value.errors} == {"year", "plan", "premium", "id_number"}
    person = Person.get(Person.id_number == new_id(1)).id
    assert mutual_aid.enrolment_id(person, 2025, PLAN) == first
    assert mutual_aid.plans() == ["住院医疗互助保障", "重大疾病互助保障"]
    mutual_aid.update_enrolment(first, Decimal("40"), "华池县水泥厂工会")
    view = mutual_aid.list_enrolments(EnrolmentQuery(year=2025, plan=PLAN))[0]
    assert (view.premium, view.work_unit, view.claims) == (Decimal("40.00"), "华池县水泥厂工会", 0)
    assert "*" in view.id_number
    entries = audit.list_records(AuditQuery(target_kind="mutual_aid", target_id=first))
    assert [e.action for e in entries] == ["修改", "新建"] and "40.00" in entries[0].details


def test_claims_are_checked_and_an_enrolment_with_claims_is_kept(office: Path) -> None:
    enrolment = enrol(2)
    mutual_aid.record_claim(enrolment, ClaimForm(D(2025, 3, 10), "住院", Decimal("1200")))
    claim = mutual_aid.record_claim(enrolment, ClaimForm(D(2025, 5, 2), "重疾", Decimal("10000"), "胃癌"))
    for bad, field in ((ClaimForm(D(2025, 7, 1), "住院", Decimal("1")), "on_date"),
                       (ClaimForm(D(2024, 12, 1), "住院", Decimal("1")), "on_date"),
                       (ClaimForm(D(2025, 3, 1), "门诊", Decimal("1")), "kind"),
                       (ClaimForm(D(2025, 3, 1), "住院", Decimal("0")), "amount")):
        with pytest.raises(ValidationError) as caught:
            mutual_aid.record_claim(enrolment, bad)
        assert field in {e.field for e in caught.value.errors}
    view = mutual_aid.list_enrolments(EnrolmentQuery(with_claims=True))
    assert [(v.id, v.claims, v.claimed) for v in view] == [(enrolment, 2, Decimal("11200.00"))]
    assert [c.kind for c in mutual_aid.enrolment_claims(enrolment)] == ["住院", "重疾"]
    with pytest.raises(KnownError, match="已有理赔"):
        mutual_aid.delete_enrolment(enrolment)
    mutual_aid.delete_claim(claim)
    assert mutual_aid.list_enrolments()[0].claims == 1


def test_figures_count_people_enrolled_and_claims_paid(office: Path) -> None:
    enrolments = [enrol(n) for n in range(6)]
    enrol(0, plan="重大疾病互助保障")                       # the same person twice: enrolled once
    enrol(7, year=2024)
    mutual_aid.record_claim(enrolments[0], ClaimForm(D(2025, 2, 1), "住院", Decimal("800")))
    mutual_aid.record_claim(enrolments[1], ClaimForm(D(2025, 4, 1), "意外", Decimal("1500.50")))
    mutual_aid.record_claim(enrolments[2], ClaimForm(D(2025, 7, 1) - datetime.timedelta(days=1), "身故",
                                                     Decimal("20000")))
    year = mutual_aid.mutual_aid_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (year.enrolled, year.claims, year.claims_amount) == (6, 3, Decimal("22300.50"))
    spring = mutual_aid.mutual_aid_figures(D(2025, 1, 1), D(2025, 3, 31))
    assert (spring.claims, spring.claims_amount) == (1, Decimal("800.00"))
    assert mutual_aid.mutual_aid_figures(D(2024, 1, 1), D(2024, 12, 31)).enrolled == 1
