"""Contacts (信访) and legal-aid cases of May 2025 for the reception tests: the shapes the prints and registers meet."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from app.services import legal_cases, petitions
from app.services.legal_cases import ApplicantForm, LegalCaseForm
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from db.models import Household, LegalApplicant, Person
from tests.factories import person_id
from tests.relief_factories import filed, head_of

D = datetime.date
T = datetime.datetime
PHONE = "13812345678"
WAGES = Decimal("96000.00")
INJURY = Decimal("35000.00")
SHARE = Decimal("8000.00")


@dataclass(frozen=True)
class Reception:
    household: int        # a file on record whose head came about unpaid wages
    visit: int            # 来访, handed on, closed, tied to the file and to the wage case
    call: int             # anonymous 来电, only registered
    letter: int           # 来信 by someone named without an ID number, handed on
    wages: int            # 拖欠工资, 联合执法, 12 workers of whom 8 named, closed with per-worker shares
    injury: int           # 工伤赔偿, one worker, closed
    contract: int         # 劳动合同, open at 调解


def reception_county() -> Reception:
    household = filed(1)
    head = Person.get_by_id(head_of(household))
    visit = petitions.register_petition(PetitionForm(
        "来访", T(2025, 5, 6, 9, 30), "拖欠工资", "县城东区安置房项目拖欠12名农民工2024年8月至12月工资，共约10万元。",
        person=Recipient(person_id=head.id), contact=PHONE, work_unit="华池县某建筑公司", workers=12))
    petitions.hand_on(visit, "县劳动监察大队", D(2025, 5, 7), "请会同核查用工和工资发放")
    call = petitions.register_petition(PetitionForm("来电", T(2025, 5, 12, 15, 5), "法律咨询", "咨询工伤认定的程序",
                                                    anonymous=True))
    letter = petitions.register_petition(PetitionForm("来信", T(2025, 5, 20, 10, 0), "困难求助",
                                                      "家中因病致困，申请帮扶", person=Recipient(name="李秀英"),
                                                      work_unit="县水泥厂"))
    petitions.hand_on(letter, "帮扶中心档案组", D(2025, 5, 21))
    named = [ApplicantForm(Recipient(person_id=head.id), Decimal("9000"))]
    named += [ApplicantForm(Recipient(name=f"农民工{n}", id_number=person_id(300 + n)), Decimal("9000"))
              for n in range(6)]
    named.append(ApplicantForm(Recipient(name="赵某")))  # no ID number, no amount known
    wages = legal_cases.open_case(LegalCaseForm(
        "华池县某建筑公司", "拖欠工资", "联合执法", D(2025, 5, 8), 12, tuple(named), partner="县劳动监察大队",
        lawyer="张律师", amount_claimed=Decimal("100000"), petition_id=visit))
    legal_cases.add_stage(wages, "调解", D(2025, 5, 15), "约谈项目负责人")
    shares = {a.person_id: SHARE for a in LegalApplicant.select().where(LegalApplicant.case == wages)
              if a.amount_claimed is not None}
    legal_cases.close_case(wages, D(2025, 5, 27), "达成调解协议，一次性支付拖欠工资", WAGES, shares)
    petitions.link(visit, household_id=household)
    petitions.close_petition(visit, "经联合执法，用人单位已支付拖欠工资", D(2025, 5, 28), "已电话告知，本人满意")
    injury = legal_cases.open_case(LegalCaseForm("县某食品厂", "工伤赔偿", "协商调解", D(2025, 5, 3), 1,
                                                 (ApplicantForm(Recipient(name="王雪红", id_number=person_id(320))),),
                                                 lawyer="李律师", amount_claimed=Decimal("50000")))
    legal_cases.close_case(injury, D(2025, 5, 30), "达成赔偿协议", INJURY)
    contract = legal_cases.open_case(LegalCaseForm("某物业公司", "劳动合同", "仲裁代理", D(2025, 6, 2), 2,
                                                   note="未签劳动合同"))
    legal_cases.add_stage(contract, "仲裁", D(2025, 6, 10))
    return Reception(household, visit, call, letter, wages, injury, contract)


def file_no(household_id: int) -> str:
    return str(Household.get_by_id(household_id).file_no)
