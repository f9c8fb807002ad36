"""Legal aid: many workers, named or not, dated stages, money recovered, monthly figures, the 帮扶档案."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import households as hs
from app.services import legal_cases, petitions, relief
from app.services.legal_cases import ApplicantForm, LegalCaseForm
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from db.models import Person
from tests.relief_factories import filed, head_of

D = datetime.date


def test_a_wage_case_of_twelve_workers_eight_named(office: Path) -> None:
    households = [filed(n) for n in range(1, 4)]
    named = [ApplicantForm(Recipient(person_id=head_of(h)), Decimal("9000")) for h in households]
    named += [ApplicantForm(Recipient(name=f"农民工{n}"), Decimal("8000")) for n in range(5)]
    visitor = Recipient(person_id=head_of(households[0]))
    pid = petitions.register_petition(PetitionForm("来访", datetime.datetime(2025, 4, 1, 9), "拖欠工资",
                                                   "12名农民工被拖欠工资", person=visitor, workers=12))
    case = legal_cases.open_case(LegalCaseForm("华池县某建筑公司", "拖欠工资", "联合执法", D(2025, 4, 2), 12,
                                               tuple(named), partner="县劳动监察大队", amount_claimed=Decimal("100000"),
                                               petition_id=pid))
    legal_cases.add_stage(case, "调解", D(2025, 4, 10), "约谈项目负责人")
    first = head_of(households[0])
    legal_cases.close_case(case, D(2025, 5, 20), "追回全部工资", Decimal("96000"), {first: Decimal("9000")})
    view = legal_cases.get_case(case)
    assert view.workers_involved == 12 and len(view.applicants) == 8
    assert [s.stage for s in view.stages] == ["受理", "调解", "结案"] and view.petitions == (pid,)
    assert view.case_no == "法援2025-001"
    may = legal_cases.legal_figures(D(2025, 5, 1), D(2025, 5, 31))
    april = legal_cases.legal_figures(D(2025, 4, 1), D(2025, 4, 30))
    assert may.recovered == Decimal("96000.00") and may.by_cause["拖欠工资"][2] == Decimal("96000.00")
    assert (april.count, april.workers) == (1, 12) and april.by_handling["联合执法"][:2] == (1, 12)
    history = relief.household_help(households[0])
    assert len(history.legal) == 1
    line = history.legal[0]
    assert (line.recovered, line.case_recovered, line.workers) == (Decimal("9000.00"), Decimal("96000.00"), 12)
    assert relief.household_help(households[1]).legal[0].recovered is None  # share not known
    assert hs.get_household(households[0]).form.name == line.name
    form = LegalCaseForm("华池县某建筑工程有限公司", "拖欠工资", "联合执法", D(2025, 4, 2), 12, tuple(named),
                         partner="县劳动监察大队")
    with pytest.raises(KnownError, match="已结案，不能再修改"):   # the recovered shares were set when it closed
        legal_cases.update_case(case, form)
    assert legal_cases.get_case(case).respondent == "华池县某建筑公司"


def test_case_rules(office: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        legal_cases.open_case(LegalCaseForm("", "不存在", "联合执法", D(2025, 4, 2), 1,
                                            (ApplicantForm(Recipient(name="甲")), ApplicantForm(Recipient(name="乙")))))
    assert {e.field for e in caught.value.errors} == {"respondent", "cause", "partner", "workers_involved"}
    case = legal_cases.open_case(LegalCaseForm("某厂", "工伤赔偿", "协商调解", D(2025, 4, 2), 1,
                                               (ApplicantForm(Recipient(name="王雪红")),)))
    with pytest.raises(KnownError, match="须写明处理结果"):
        legal_cases.close_case(case, D(2025, 4, 20), "", Decimal("35000"))
    with pytest.raises(KnownError, match="超过了案件追回总额"):
        person = Person.get(Person.name == "王雪红").id
        legal_cases.close_case(case, D(2025, 4, 20), "达成协议", Decimal("100"), {person: Decimal("200")})
    legal_cases.close_case(case, D(2025, 4, 20), "达成赔偿协议", Decimal("35000"))
    with pytest.raises(KnownError, match="已经结案"):
        legal_cases.close_case(case, D(2025, 4, 21), "again", Decimal("1"))
    assert legal_cases.search_cases(legal_cases.CaseQuery(closed_only=True)) == [case]
    assert legal_cases.search_cases(legal_cases.CaseQuery(text="王雪红")) == [case]
