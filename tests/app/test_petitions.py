"""Reception: the four records (登记, 送达办理, 办结, 帮扶档案), the time limit and the overdue queue."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import petitions
from app.services import settings as settings_service
from app.services.petitions import PetitionForm, PetitionQuery
from app.services.relief_forms import Recipient
from app.vocab import PetitionStatus
from db.models import AuditRecord, Person
from tests.relief_factories import filed

D = datetime.date


def _walk_in(day: datetime.date, name: str = "王雪红", category: str = "工伤", **kw: object) -> int:
    return petitions.register_petition(PetitionForm(
        "来访", datetime.datetime.combine(day, datetime.time(9, 30)), category, "在工地清洁时被塔吊碰伤，拒付赔偿",
        person=Recipient(name=name), contact="13812345678", work_unit="南梁路住宅楼项目部", **kw))  # type: ignore[arg-type]


def test_register_hand_on_close_and_link(office: Path) -> None:
    pid = _walk_in(D(2025, 4, 2))
    assert petitions.get_petition(pid).status is PetitionStatus.REGISTERED
    petitions.hand_on(pid, "县劳动执法大队", D(2025, 4, 3))
    assert petitions.get_petition(pid).status is PetitionStatus.HANDED_ON
    with pytest.raises(KnownError, match="须写明办理结果"):
        petitions.close_petition(pid, "  ", D(2025, 4, 20))
    petitions.close_petition(pid, "双方达成赔偿3.5万元协议", D(2025, 4, 20), reply="已电话告知本人")
    view = petitions.get_petition(pid)
    assert view.status is PetitionStatus.CLOSED and view.closed_by == "测试员" and view.closed_on == D(2025, 4, 20)
    household = filed(1)
    petitions.link(pid, household_id=household)
    view = petitions.get_petition(pid)
    assert view.file_no and [e.action for e in view.events] == ["登记", "送达办理", "办结", "关联"]
    assert Person.get(Person.name == "王雪红").phone is None  # the contact stays on the petition
    assert AuditRecord.select().where(AuditRecord.target_kind == "petition").count() == 4


def test_overdue_queue_lists_exactly_the_open_petitions_past_the_limit(office: Path) -> None:
    settings_service.put("petition_limit_days", "15")
    old_open = _walk_in(D(2025, 5, 1), "甲")            # due 05-16: overdue on 06-01
    old_closed = _walk_in(D(2025, 5, 1), "乙")
    petitions.close_petition(old_closed, "已答复", D(2025, 5, 10))
    closed_late = _walk_in(D(2025, 5, 1), "丙")
    petitions.close_petition(closed_late, "已解决", D(2025, 6, 5))  # still open on 06-01
    recent = _walk_in(D(2025, 5, 25), "丁")              # due 06-09
    on_june_1 = petitions.search_petitions(PetitionQuery(overdue_on=D(2025, 6, 1)))
    assert sorted(on_june_1) == sorted([old_open, closed_late])
    assert sorted(petitions.search_petitions(PetitionQuery(overdue_on=D(2025, 6, 20)))) == sorted([recent, old_open])
    assert petitions.overdue_count() == 2  # today (2025-06-30): 甲 and 丁


def test_anonymous_calls_and_required_fields(office: Path) -> None:
    pid = petitions.register_petition(PetitionForm("来电", datetime.datetime(2025, 6, 1, 10), "政策咨询",
                                                   "咨询困难职工认定标准", anonymous=True))
    assert petitions.get_petition(pid).name == "匿名"
    with pytest.raises(ValidationError) as caught:
        petitions.register_petition(PetitionForm("来访", datetime.datetime(2025, 6, 1, 10), "不存在", "",
                                                 anonymous=True, contact="123"))
    assert {e.field for e in caught.value.errors} == {"category", "content", "anonymous", "contact"}


def test_lists_by_status_channel_and_text(office: Path) -> None:
    a = _walk_in(D(2025, 6, 1), "张三", category="拖欠工资")
    b = petitions.register_petition(PetitionForm("来信", datetime.datetime(2025, 6, 2, 8), "法律咨询", "劳动合同问题",
                                                 person=Recipient(name="李四")))
    petitions.close_petition(b, "已书面答复", D(2025, 6, 10))
    assert petitions.search_petitions(PetitionQuery(status=PetitionStatus.CLOSED)) == [b]
    assert petitions.search_petitions(PetitionQuery(status=PetitionStatus.REGISTERED)) == [a]
    assert petitions.search_petitions(PetitionQuery(channel="来信")) == [b]
    assert petitions.search_petitions(PetitionQuery(text="塔吊")) == [a]


def _form(pid: int, **changes: object) -> PetitionForm:
    return dataclasses.replace(petitions.petition_form(pid), **changes)  # type: ignore[arg-type]


def test_a_registration_is_corrected_and_every_change_audited(office: Path) -> None:
    settings_service.put("petition_limit_days", "15")
    pid = _walk_in(D(2025, 6, 2), category="工伤")
    form = petitions.petition_form(pid)              # the phone in full, for the edit dialog; the reveal is recorded
    assert form.contact == "13812345678" and form.person is not None and form.person.person_id is not None
    reveal = AuditRecord.select().where(AuditRecord.action == "查看身份信息").get()
    assert (reveal.target_kind, reveal.target_id) == ("petition", pid) and "13812345678" not in reveal.details
    petitions.update_petition(pid, dataclasses.replace(
        form, category="拖欠工资", workers=12, contact="13987654321", work_unit="南梁路项目部",
        received_at=datetime.datetime(2025, 6, 1, 15, 0), channel="来电", content="拖欠12人三个月工资"))
    view = petitions.get_petition(pid)
    assert (view.category, view.workers, view.contact, view.work_unit, view.channel, view.content, view.name) == (
        "拖欠工资", 12, "139****4321", "南梁路项目部", "来电", "拖欠12人三个月工资", "王雪红")
    assert view.received_at == datetime.datetime(2025, 6, 1, 15, 0) and view.due_on == D(2025, 6, 16)
    [registered] = view.events
    assert (registered.action, registered.on_date, registered.note) == ("登记", D(2025, 6, 1), "来电·拖欠工资")
    record = AuditRecord.select().where(AuditRecord.action == "修改").get()
    assert (record.target_kind, record.target_id) == ("petition", pid)
    changed = {c[0]: c[1:] for c in json.loads(record.details)["修改"]}
    assert changed["类别"] == ["工伤", "拖欠工资"] and changed["涉及人数"] == ["1", "12"]
    assert changed["联系电话"] == ["138****5678", "139****4321"]          # kept to its ends
    assert changed["办理时限"] == ["2025-06-17", "2025-06-16"] and changed["方式"] == ["来访", "来电"]
    assert "13812345678" not in record.details and "13987654321" not in record.details
    assert "姓名" not in changed
    petitions.update_petition(pid, petitions.petition_form(pid))           # nothing changed: nothing recorded
    assert AuditRecord.select().where(AuditRecord.action == "修改").count() == 1


def test_the_person_follows_the_registration_rules(office: Path) -> None:
    pid = _walk_in(D(2025, 6, 2))
    call = dataclasses.replace(petitions.petition_form(pid), channel="来电")
    petitions.update_petition(pid, dataclasses.replace(call, anonymous=True, person=None))
    view = petitions.get_petition(pid)
    assert (view.name, view.person_id) == ("匿名", None)
    petitions.update_petition(pid, dataclasses.replace(call, person=Recipient(name="王雪虹")))   # a new person
    view = petitions.get_petition(pid)
    assert view.name == "王雪虹" and Person.get_by_id(view.person_id).name == "王雪虹"
    with pytest.raises(ValidationError) as caught:
        petitions.update_petition(pid, dataclasses.replace(call, channel="来访", anonymous=True, person=None))
    assert {e.field for e in caught.value.errors} == {"anonymous"}
    with pytest.raises(ValidationError) as caught:
        petitions.update_petition(pid, dataclasses.replace(call, person=Recipient(name=" ")))
    assert {e.field for e in caught.value.errors} == {"name"}
    with pytest.raises(ValidationError) as caught:
        petitions.update_petition(pid, dataclasses.replace(call, person=Recipient(name="赵六", id_number="123")))
    assert {e.field for e in caught.value.errors} == {"id_number"}
    assert petitions.get_petition(pid).name == "王雪虹"


def test_a_correction_is_checked_like_a_registration(office: Path) -> None:
    pid = _walk_in(D(2025, 6, 2))
    form = petitions.petition_form(pid)
    with pytest.raises(ValidationError) as caught:
        petitions.update_petition(pid, dataclasses.replace(form, category="不存在", content=" ", workers=0,
                                                           contact="138****5678", channel="电报"))
    assert {e.field for e in caught.value.errors} == {"category", "content", "workers", "contact", "channel"}
    with pytest.raises(ValidationError, match="接待时间"):
        petitions.update_petition(pid, dataclasses.replace(form, received_at=datetime.datetime(2025, 7, 1, 9)))
    petitions.hand_on(pid, "县劳动执法大队", D(2025, 6, 5))
    with pytest.raises(ValidationError) as caught:
        petitions.update_petition(pid, dataclasses.replace(form, received_at=datetime.datetime(2025, 6, 6, 9)))
    assert "送达办理日期 2025-06-05" in caught.value.errors[0].message
    petitions.update_petition(pid, dataclasses.replace(form, received_at=datetime.datetime(2025, 6, 5, 17)))
    assert petitions.get_petition(pid).received_at.date() == D(2025, 6, 5)
    petitions.close_petition(pid, "已答复", D(2025, 6, 10))
    with pytest.raises(KnownError, match="该信访已办结，不能再修改。"):
        petitions.update_petition(pid, dataclasses.replace(form, workers=3))
    with pytest.raises(KnownError, match="已不存在"):
        petitions.update_petition(pid + 99, form)
    assert petitions.get_petition(pid).workers == 1
    assert AuditRecord.select().where(AuditRecord.action == "修改").count() == 1
