"""Placements (closing a file's unemployment cause), referrals and start-up loans, with their figures."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app import session
from app.errors import KnownError, PermissionDenied, ValidationError
from app.services import audit, employment, employment_rules, lifecycle, loans
from app.services import households as hs
from app.services.audit import AuditQuery
from app.services.employment import JobQuery, PlacementForm, ReferralForm
from app.services.loans import LoanForm, LoanQuery
from app.services.relief_forms import Recipient
from app.session import Role, SignedIn
from tests.employment_factories import new_id
from tests.relief_factories import filed, head_of

D = datetime.date


def placement(person: Recipient, *, close: bool = False, group: str = "下岗职工", day: int = 10) -> int:
    change = employment.record_placement(PlacementForm(person, group, "华池县恒通物流公司", D(2025, 5, day), "仓管员",
                                                       "职业介绍", close_cause=close))
    return change.placement_id


def test_a_placement_on_a_file_promotes_the_next_cause_through_the_file_edit(office: Path) -> None:
    household = filed(1, main_cause="下岗失业", secondary_causes=("有劳动能力而未就业", "子女上学", "患重特大疾病"))
    change = employment.record_placement(PlacementForm(Recipient(person_id=head_of(household)), "下岗职工",
                                                       "华池县恒通物流公司", D(2025, 5, 10), "仓管员", "职业介绍",
                                                       close_cause=True))
    assert change.household_id == household and change.cause is not None and change.cause.changed
    assert "主要致困原因由“下岗失业”改为“子女上学”" in change.cause.note
    assert "去掉“有劳动能力而未就业”" in change.cause.note
    form = hs.get_household(household).form
    assert (form.main_cause, form.secondary_causes) == ("子女上学", ("患重特大疾病",))
    edits = audit.list_records(AuditQuery(target_kind="household", target_id=household, action="修改"))
    assert len(edits) == 1 and "主要致困原因" in edits[0].details
    shown = employment.list_placements(JobQuery(group="下岗职工"))
    assert [(p.id, p.file_no, p.employer) for p in shown] == [(change.placement_id, form.file_no, "华池县恒通物流公司")]
    assert "*" in shown[0].id_number


def test_a_sole_unemployment_cause_is_left_and_said_so(office: Path) -> None:
    household = filed(2, main_cause="下岗失业", secondary_causes=(), zero_employment=True)
    member = employment_rules.household_choices(household)[1]      # a member, not the head
    change = employment.record_placement(PlacementForm(Recipient(person_id=member.person_id), "农民工", "某建筑公司",
                                                       D(2025, 6, 1), close_cause=True))
    assert change.household_id == household and change.cause is not None and not change.cause.changed
    assert "没有其他原因可以替代" in change.cause.note and "零就业家庭" in change.cause.note
    assert hs.get_household(household).form.main_cause == "下岗失业"


def test_closed_files_and_people_without_a_file_are_not_changed(office: Path) -> None:
    household = filed(3, secondary_causes=("下岗失业",), main_cause="子女上学")
    lifecycle.apply_step(household, lifecycle.StepRequest(lifecycle.A.LIFT, D(2025, 6, 1)))
    change = employment.record_placement(PlacementForm(Recipient(person_id=head_of(household)), "下岗职工", "某厂",
                                                       D(2025, 6, 2), close_cause=True))
    assert change.household_id is None and change.cause is not None and "没有在办的困难职工档案" in change.cause.note
    assert employment.close_unemployment_cause(household).note.endswith("已“已脱困”，致困原因未改动")
    assert hs.get_household(household).form.secondary_causes == ("下岗失业",)
    stranger = employment.record_placement(PlacementForm(Recipient(name="王堃", id_number=new_id(1)), "失业人员",
                                                         "某超市", D(2025, 6, 3)))
    assert stranger.cause is None and stranger.household_id is None


def test_placement_rules_and_corrections(office: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        employment.record_placement(PlacementForm(Recipient(name=""), "学生", "", D(2025, 7, 1), how_found="网上"))
    assert {e.field for e in caught.value.errors} == {"group", "employer", "on_date", "how_found", "recipient"}
    pid = placement(Recipient(name="王堃", id_number=new_id(1)))
    employment.update_placement(pid, PlacementForm(Recipient(person_id=0), "其他", "华池县恒通物流公司",
                                                   D(2025, 5, 12), "司机", "招聘会"))
    view = employment.list_placements()[0]
    assert (view.group, view.job, view.on_date, view.how_found) == ("其他", "司机", D(2025, 5, 12), "招聘会")
    employment.delete_placement(pid)
    assert employment.list_placements() == []
    with pytest.raises(KnownError, match="已不存在"):
        employment.delete_placement(pid)


def test_referrals_and_their_outcome_later(office: Path) -> None:
    rid = employment.record_referral(ReferralForm(Recipient(name="李䶮", id_number=new_id(2, sex="女")),
                                                  "华池县家政服务中心", D(2025, 6, 5)))
    assert employment.list_referrals(JobQuery(outcome="待反馈"))[0].id == rid
    employment.set_referral_outcome(rid, "已录用", "6月10日上岗")
    view = employment.list_referrals(JobQuery(text="家政"))[0]
    assert (view.outcome, view.note) == ("已录用", "6月10日上岗")
    with pytest.raises(ValidationError, match="结果"):
        employment.set_referral_outcome(rid, "录用")
    entries = audit.list_records(AuditQuery(target_kind="referral", target_id=rid))
    assert [e.action for e in entries] == ["修改", "新建"] and "已录用" in entries[0].details


def test_employment_figures_count_placements_by_group_and_referrals(office: Path) -> None:
    for n, group in enumerate(("下岗职工", "下岗职工", "农民工", "失业人员")):
        placement(Recipient(name=f"甲{'一二三四'[n]}", id_number=new_id(n)), group=group, day=n + 1)
    placement(Recipient(name="乙", id_number=new_id(9)), group="其他")
    employment.record_referral(ReferralForm(Recipient(name="甲一", id_number=new_id(0)), "某厂", D(2025, 4, 30)))
    employment.record_referral(ReferralForm(Recipient(name="甲二", id_number=new_id(1)), "某厂", D(2025, 5, 2)))
    figures = employment.employment_figures(D(2025, 5, 1), D(2025, 5, 31))
    assert figures.placements == 5 and figures.referrals == 1
    assert figures.placements_by_group == {"下岗职工": 2, "农民工": 1, "失业人员": 1, "其他": 1}


def test_loans_take_the_borrowers_sex_from_the_id_and_count_women(office: Path) -> None:
    household = filed(4)
    woman = loans.record_loan(LoanForm(Recipient(name="王芳", id_number=new_id(1, sex="女")), Decimal("30000"),
                                       "华池县农村信用社", D(2025, 3, 1), 24, Decimal("1200.50")))
    loans.record_loan(LoanForm(Recipient(name="李娜", id_number=new_id(2, sex="女")), Decimal("50000"), "邮储银行",
                               D(2025, 4, 1)))
    loans.record_loan(LoanForm(Recipient(person_id=head_of(household)), Decimal("20000"), "农业银行",
                               D(2025, 5, 1)))
    loans.record_loan(LoanForm(Recipient(name="赵丽", id_number=new_id(3, sex="女")), Decimal("10000"), "邮储银行",
                               D(2024, 12, 1)))
    with pytest.raises(ValidationError) as caught:
        loans.record_loan(LoanForm(Recipient(name="无证人"), Decimal("0"), "", D(2025, 7, 1), 0, repayment="拖欠"))
    assert {e.field for e in caught.value.errors} == {"amount", "bank", "on_date", "term_months", "repayment",
                                                      "id_number"}
    figures = loans.loan_figures(D(2025, 1, 1), D(2025, 12, 31))
    head_sex = hs.get_household(household).form.sex
    women = 2 + (head_sex == "女")
    assert (figures.count, figures.amount) == (3, Decimal("100000.00"))
    assert (figures.women, figures.women_amount) == (women, Decimal("80000.00") + (Decimal("20000") if women == 3
                                                                                    else 0))
    listed = loans.list_loans(LoanQuery(women_only=True, start=D(2025, 1, 1)))
    assert {v.name for v in listed} >= {"王芳", "李娜"} and all(v.sex == "女" for v in listed)
    on_file = loans.list_loans(LoanQuery(person_id=head_of(household)))[0]
    assert on_file.household_id == household and on_file.file_no
    loans.set_repayment(woman, "已结清")
    loans.update_loan(woman, LoanForm(Recipient(person_id=0), Decimal("30000"), "华池县农村信用社", D(2025, 3, 1), 36,
                                      Decimal("1200.50"), "已结清", "提前还清"))
    view = loans.list_loans(LoanQuery(repayment="已结清"))[0]
    assert (view.id, view.term_months, view.subsidy, view.note) == (woman, 36, Decimal("1200.50"), "提前还清")
    entries = audit.list_records(AuditQuery(target_kind="loan", target_id=woman))
    assert [e.action for e in entries] == ["修改", "修改", "新建"]


def test_a_viewer_may_read_jobs_but_not_record_them(office: Path) -> None:
    placement(Recipient(name="王堃", id_number=new_id(1)))
    signed_in = session.current()
    session.set_current(SignedIn(99, "chakan", "查看员", Role.VIEWER))
    try:
        assert len(employment.list_placements()) == 1 and loans.list_loans() == []
        with pytest.raises(PermissionDenied):
            placement(Recipient(name="李䶮", id_number=new_id(2)))
        with pytest.raises(PermissionDenied):
            loans.record_loan(LoanForm(Recipient(name="李䶮", id_number=new_id(2)), Decimal("1"), "银行",
                                       D(2025, 1, 1)))
    finally:
        session.set_current(signed_in)
