"""One-to-one pairing: cadres and households, aid over time, yearly figures; and the household's 帮扶档案."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import audit, employment, lifecycle, loans, pairing, relief, training
from app.services import households as hs
from app.services.audit import AuditQuery
from app.services.employment import PlacementForm
from app.services.loans import LoanForm
from app.services.pairing import AidForm, PairingForm, PairingQuery
from app.services.relief_forms import Recipient
from app.services.training import TraineeForm
from tests.employment_factories import new_session
from tests.relief_factories import filed, head_of

D = datetime.date


SPRING_2024 = D(2024, 3, 1)


def pair(household: int, cadre: str = "张建国", start: datetime.date = SPRING_2024, **more: object) -> int:
    return pairing.create_pairing(PairingForm(cadre, household, start, "华池县总工会", "0934-5121234",
                                              **more))  # type: ignore[arg-type]


def test_pairing_rules(office: Path) -> None:
    household = filed(1)
    with pytest.raises(ValidationError) as caught:
        pairing.create_pairing(PairingForm("", household, D(2025, 7, 1), cadre_phone="12345",
                                           end_date=D(2025, 1, 1)))
    assert {e.field for e in caught.value.errors} == {"cadre_name", "cadre_phone", "start_date", "end_date"}
    pid = pair(household)
    with pytest.raises(ValidationError, match="已有未结束的结对"):
        pair(household)
    lifted = filed(2)
    lifecycle.apply_step(lifted, lifecycle.StepRequest(lifecycle.A.LIFT, D(2025, 6, 1)))
    with pytest.raises(ValidationError, match="不能新结对"):
        pair(lifted)
    view = pairing.list_pairings()[0]
    assert (view.id, view.cadre_phone, view.head_name) == (pid, "0934-5121234", hs.get_household(household).form.name)


def test_aid_of_every_kind_within_the_pairing_period(office: Path) -> None:
    household = filed(3)
    pid = pair(household)
    pairing.record_aid(pid, AidForm(D(2024, 9, 1), "资金", Decimal("500")))
    pairing.record_aid(pid, AidForm(D(2025, 1, 20), "物品", Decimal("300.50"), description="米面油"))
    pairing.record_aid(pid, AidForm(D(2025, 2, 1), "项目", count=1, description="养殖湖羊10只"))
    pairing.record_aid(pid, AidForm(D(2025, 3, 1), "致富信息", count=5, description="县人社局招聘信息"))
    pairing.record_aid(pid, AidForm(D(2025, 4, 1), "法律援助", description="协助讨薪"))
    for bad, field in ((AidForm(D(2025, 5, 1), "项目", Decimal("100"), description="x"), "amount"),
                       (AidForm(D(2025, 5, 1), "物品", Decimal("10")), "description"),
                       (AidForm(D(2025, 5, 1), "资金"), "amount"),
                       (AidForm(D(2024, 1, 1), "资金", Decimal("1")), "on_date"),
                       (AidForm(D(2025, 5, 1), "慰问", Decimal("1")), "kind"),
                       (AidForm(D(2025, 5, 1), "致富信息", count=0), "count")):
        with pytest.raises(ValidationError) as caught:
            pairing.record_aid(pid, bad)
        assert field in {e.field for e in caught.value.errors}, bad
    view = pairing.get_pairing(pid)
    assert view.aid_amount == Decimal("800.50") and len(view.aid) == 5
    assert view.counts == {"资金": 1, "物品": 1, "项目": 1, "致富信息": 5, "法律援助": 1}
    pairing.end_pairing(pid, D(2025, 4, 30))
    with pytest.raises(ValidationError, match="结对期间"):
        pairing.record_aid(pid, AidForm(D(2025, 5, 1), "资金", Decimal("1")))
    with pytest.raises(ValidationError, match="结束日期不能早于"):
        pairing.end_pairing(pid, D(2025, 3, 15))
    assert pairing.list_pairings(PairingQuery(active_on=D(2025, 6, 1))) == []
    assert [p.id for p in pairing.list_pairings(PairingQuery(active_on=D(2025, 1, 1), text="张建国"))] == [pid]
    entries = audit.list_records(AuditQuery(target_kind="pairing_aid"))
    assert len(entries) == 5 and {e.target_label for e in entries} == {f"张建国—{view.file_no} {view.head_name}"}


def test_figures_per_year(office: Path) -> None:
    households = [filed(n) for n in range(4, 8)]
    first = pair(households[0], start=D(2024, 3, 1))
    second = pair(households[1], "李红", start=D(2025, 2, 1))
    pair(households[2], "王强", start=D(2024, 1, 1), end_date=D(2024, 12, 31))
    pair(households[3], "赵敏", start=D(2025, 6, 1))
    pair(households[3], "钱军", start=D(2025, 6, 2))        # a second cadre for the same household
    pairing.record_aid(first, AidForm(D(2024, 12, 1), "资金", Decimal("1000")))
    pairing.record_aid(first, AidForm(D(2025, 1, 5), "资金", Decimal("600")))
    pairing.record_aid(second, AidForm(D(2025, 3, 1), "物品", Decimal("240.40"), description="冬衣"))
    pairing.record_aid(second, AidForm(D(2025, 3, 2), "项目", count=2, description="大棚蔬菜"))
    pairing.record_aid(second, AidForm(D(2025, 3, 3), "致富信息", count=12))
    pairing.record_aid(first, AidForm(D(2025, 4, 3), "致富信息", count=3))
    pairing.record_aid(first, AidForm(D(2025, 5, 3), "法律援助"))
    year = pairing.pairing_figures(D(2025, 1, 1), D(2025, 12, 31))
    assert (year.households, year.projects, year.aid_amount, year.job_info, year.legal_help) == (
        3, 2, Decimal("840.40"), 15, 1)
    last = pairing.pairing_figures(D(2024, 1, 1), D(2024, 12, 31))
    assert (last.households, last.aid_amount, last.job_info) == (2, Decimal("1000.00"), 0)
    pairing.delete_pairing(second)
    assert pairing.pairing_figures(D(2025, 1, 1), D(2025, 12, 31)).job_info == 3
    with pytest.raises(KnownError, match="已不存在"):
        pairing.get_pairing(second)


def test_figures_of_one_cadre_unit(office: Path) -> None:
    """其中县总工会14名干部职工为帮扶的14名特困职工帮扶资金（物品）1.4万元: the figures of one unit's pairings."""
    households = [filed(n) for n in range(4, 8)]
    ours = [pair(households[0], "张建国"), pair(households[1], "李红")]
    theirs = pairing.create_pairing(PairingForm("王强", households[2], SPRING_2024, "华池县供电公司", ""))
    for n, one in enumerate(ours):
        pairing.record_aid(one, AidForm(D(2025, 1, 5 + n), "资金", Decimal("1000")))
    pairing.record_aid(theirs, AidForm(D(2025, 1, 9), "物品", Decimal("300"), description="米面油"))
    pairing.record_aid(theirs, AidForm(D(2025, 1, 9), "致富信息", count=4))
    year = D(2025, 1, 1), D(2025, 12, 31)
    union = pairing.pairing_figures(*year, unit="华池县总工会")
    assert (union.households, union.aid_amount, union.job_info) == (2, Decimal("2000.00"), 0)
    other = pairing.pairing_figures(*year, unit="华池县供电公司")
    assert (other.households, other.aid_amount, other.job_info) == (1, Decimal("300.00"), 4)
    everyone = pairing.pairing_figures(*year)
    assert (everyone.households, everyone.aid_amount) == (3, Decimal("2300.00"))
    assert pairing.cadre_units() == ["华池县总工会", "华池县供电公司"]


def test_the_household_help_record_shows_trainings_placement_loan_and_pairing(office: Path) -> None:
    household = filed(8)
    other = filed(9)
    head = head_of(household)
    member = relief.household_help(household)  # nothing yet
    assert (member.trainings, member.placements, member.loans, member.pairings) == ((), (), (), ())
    sid = new_session()
    training.add_trainee(sid, TraineeForm(Recipient(person_id=head), "下岗职工", certificate_no="DH-01"))
    training.add_trainee(sid, TraineeForm(Recipient(person_id=head_of(other)), "农民工"))
    employment.record_placement(PlacementForm(Recipient(person_id=head), "下岗职工", "华池县恒通物流公司",
                                              D(2025, 6, 20), "仓管员", "培训推荐"))
    loans.record_loan(LoanForm(Recipient(person_id=head), Decimal("50000"), "华池县农村信用社", D(2025, 6, 25), 24,
                               Decimal("1500")))
    pid = pair(household)
    pairing.record_aid(pid, AidForm(D(2025, 1, 20), "资金", Decimal("600")))
    pairing.record_aid(pid, AidForm(D(2025, 3, 1), "致富信息", count=4, description="招聘信息"))
    history = relief.household_help(household)
    assert [(t.session, t.group, t.completed, t.certificate_no) for t in history.trainings] == [
        ("2025年第一期电焊技能培训班", "下岗职工", True, "DH-01")]
    assert [(p.employer, p.job, p.how_found) for p in history.placements] == [
        ("华池县恒通物流公司", "仓管员", "培训推荐")]
    assert [(ln.amount, ln.bank, ln.subsidy) for ln in history.loans] == [
        (Decimal("50000.00"), "华池县农村信用社", Decimal("1500.00"))]
    assert len(history.pairings) == 1
    paired = history.pairings[0]
    assert (paired.cadre_name, paired.amount) == ("张建国", Decimal("600.00"))
    assert [(a.kind, a.count) for a in paired.aid] == [("资金", 1), ("致富信息", 4)]
    assert (history.count, history.amount) == (0, Decimal("0.00"))    # reliefs only
    assert relief.household_help(other).placements == () and len(relief.household_help(other).trainings) == 1
