"""The file lifecycle: guarded steps, dated history, and the work queues."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from app.errors import KnownError
from app.services import household_search as q
from app.services import households as hs
from app.services import lifecycle as lc
from tests.factories import make_form

D = datetime.date


def _approved(seed: int) -> int:
    hid = hs.create_household(make_form(seed, filed_on=D(2024, 3, 1))).household_ids[0]
    for action, day in ((lc.A.REVIEW, D(2024, 3, 5)), (lc.A.SURVEY, D(2024, 3, 10)),
                        (lc.A.NOTICE, D(2024, 3, 12)), (lc.A.APPROVE, D(2024, 3, 20))):
        lc.apply_step(hid, lc.StepRequest(action, day))
    return hid


def test_full_path_is_recorded_step_by_step(office: Path) -> None:
    hid = _approved(1)
    detail = hs.get_household(hid, reveal=True)
    assert detail.status == "在档"
    assert detail.approved_on == D(2024, 3, 20)
    assert detail.notice_end == D(2024, 3, 18)
    assert [e.action for e in detail.events] == ["申报", "基层审核", "入户调查", "公示", "认定"]
    assert [e.status_after for e in detail.events][-1] == "在档"
    lc.apply_step(hid, lc.StepRequest(lc.A.RECHECK, D(2025, 3, 25), note="收入未变"))
    lc.apply_step(hid, lc.StepRequest(lc.A.WITHDRAW, D(2025, 6, 1), reason="退休"))
    detail = hs.get_household(hid, reveal=True)
    assert detail.status == "退档" and detail.close_reason == "退休"
    assert detail.events[-1].note.startswith("原因：退休")


def test_no_approval_before_the_notice_period_has_passed(office: Path) -> None:
    hid = hs.create_household(make_form(2, filed_on=D(2025, 6, 1))).household_ids[0]
    lc.apply_step(hid, lc.StepRequest(lc.A.REVIEW, D(2025, 6, 2)))
    lc.apply_step(hid, lc.StepRequest(lc.A.SURVEY, D(2025, 6, 3)))
    lc.apply_step(hid, lc.StepRequest(lc.A.NOTICE, D(2025, 6, 24)))
    with pytest.raises(KnownError, match="公示期满后才能认定"):
        lc.apply_step(hid, lc.StepRequest(lc.A.APPROVE, D(2025, 6, 30)))
    assert hs.get_household(hid, reveal=True).status == "公示"


def test_steps_out_of_order_are_refused(office: Path) -> None:
    hid = hs.create_household(make_form(3)).household_ids[0]
    with pytest.raises(KnownError, match="只有"):
        lc.apply_step(hid, lc.StepRequest(lc.A.NOTICE, D(2025, 3, 5)))
    with pytest.raises(KnownError, match="不能晚于今天"):
        lc.apply_step(hid, lc.StepRequest(lc.A.REVIEW, D(2025, 7, 5)))
    with pytest.raises(KnownError, match="不能早于上一步骤"):
        lc.apply_step(hid, lc.StepRequest(lc.A.REVIEW, D(2025, 2, 1)))
    with pytest.raises(KnownError, match="理由"):
        lc.apply_step(hid, lc.StepRequest(lc.A.REJECT, D(2025, 3, 5)))
    lc.apply_step(hid, lc.StepRequest(lc.A.REJECT, D(2025, 3, 5), note="收入超过标准"))
    assert hs.get_household(hid, reveal=True).status == "不予认定"
    assert lc.available_actions("不予认定") == []


def test_queues_find_rechecks_surveys_and_ended_notices(office: Path) -> None:
    due = _approved(4)  # approved 2024-03-20, more than 12 months before 2025-06-30
    reviewed = hs.create_household(make_form(5, filed_on=D(2025, 5, 1))).household_ids[0]
    lc.apply_step(reviewed, lc.StepRequest(lc.A.REVIEW, D(2025, 5, 2)))
    noticed = hs.create_household(make_form(6, filed_on=D(2025, 5, 1))).household_ids[0]
    for action, day in ((lc.A.REVIEW, D(2025, 5, 2)), (lc.A.SURVEY, D(2025, 5, 3)),
                        (lc.A.NOTICE, D(2025, 6, 1))):
        lc.apply_step(noticed, lc.StepRequest(action, day))
    assert q.search_ids(q.HouseholdQuery(queue=q.Queue.RECHECK_DUE)) == [due]
    assert sorted(q.search_ids(q.HouseholdQuery(queue=q.Queue.SURVEY_DUE))) == sorted([due, reviewed])
    assert q.search_ids(q.HouseholdQuery(queue=q.Queue.NOTICE_ENDED)) == [noticed]
    lc.apply_step(due, lc.StepRequest(lc.A.RECHECK, D(2025, 6, 1)))
    assert q.search_ids(q.HouseholdQuery(queue=q.Queue.RECHECK_DUE)) == []
    assert q.queue_counts()[q.Queue.SURVEY_DUE] == 1


def test_batch_step_is_all_or_nothing(office: Path) -> None:
    a = hs.create_household(make_form(7)).household_ids[0]
    b = hs.create_household(make_form(8)).household_ids[0]
    lc.apply_step(b, lc.StepRequest(lc.A.REVIEW, D(2025, 3, 5)))
    with pytest.raises(KnownError):
        lc.apply_step_to_many([a, b], lc.StepRequest(lc.A.REVIEW, D(2025, 3, 6)))
    assert hs.get_household(a, reveal=True).status == "申报"
