"""Model workers: the archive, honours, photo, and the status ledger that is never overwritten."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from app import session
from app.errors import KnownError, PermissionDenied, ValidationError
from app.services import accounts
from app.services import model_workers as mw
from app.services.model_workers import HonourForm, StatusChange
from app.services.relief_forms import Recipient
from app.session import Role
from db.models import AuditRecord, ModelWorkerEvent, Person
from tests.model_worker_factories import ADDED_ON, D, add, form, id_number, photo

EVENT_COLUMNS = ("id", "model_worker", "on_date", "event", "status_after", "reason", "document_no", "by_name",
                 "created_at")


def ledger_rows() -> list[tuple[object, ...]]:
    return list(ModelWorkerEvent.select(*(getattr(ModelWorkerEvent, c) for c in EVENT_COLUMNS))
                .order_by(ModelWorkerEvent.id).tuples())


def by_status(day: datetime.date) -> tuple[int, int, int, int, int]:
    counts = mw.counts_on(day)
    return counts["在职"], counts["退休"], counts["调出"], counts["去世"], counts["撤销称号"]


def test_ten_workers_three_retire_one_dies_counts_on_every_date_and_nothing_overwritten(office: Path) -> None:
    workers = [add(n) for n in range(10)]
    before = ledger_rows()
    assert len(before) == 10 and {row[3] for row in before} == {"新增"}
    changes = [(workers[0], "退休", D(2023, 3, 1)), (workers[1], "退休", D(2024, 6, 30)),
               (workers[2], "退休", D(2025, 1, 15)), (workers[0], "去世", D(2025, 5, 10))]
    for worker, event, day in changes:
        mw.record_event(worker, StatusChange(event, day, f"{event}（测试）", f"华工字〔{day.year}〕{day.month}号"))
    assert by_status(D(2020, 2, 29)) == (0, 0, 0, 0, 0)        # before anyone was in the archive
    assert by_status(ADDED_ON) == (10, 0, 0, 0, 0)
    assert by_status(D(2023, 2, 28)) == (10, 0, 0, 0, 0)
    assert by_status(D(2023, 3, 1)) == (9, 1, 0, 0, 0)          # a change counts from its own day
    assert by_status(D(2024, 6, 29)) == (9, 1, 0, 0, 0)
    assert by_status(D(2024, 6, 30)) == (8, 2, 0, 0, 0)
    assert by_status(D(2025, 1, 14)) == (8, 2, 0, 0, 0)
    assert by_status(D(2025, 1, 15)) == (7, 3, 0, 0, 0)
    assert by_status(D(2025, 5, 9)) == (7, 3, 0, 0, 0)
    assert by_status(D(2025, 5, 10)) == (7, 2, 0, 1, 0)
    assert by_status(D(2025, 6, 30)) == (7, 2, 0, 1, 0)
    after = ledger_rows()
    assert after[:10] == before                                  # the earlier rows are exactly as they were
    assert [(r[3], r[4]) for r in after[10:]] == [("退休", "退休")] * 3 + [("去世", "去世")]
    view = mw.get_model_worker(workers[0])
    assert [e.event for e in view.events] == ["新增", "退休", "去世"]
    assert (view.line.status, view.line.status_since) == ("去世", D(2025, 5, 10))
    past = {line.worker_id: line.status for line in mw.archive_on(D(2024, 1, 1))}
    assert past[workers[0]] == "退休" and past[workers[1]] == "在职" and len(past) == 10
    assert len(mw.archive_on(D(2025, 6, 30), on_roll_only=True)) == 9
    assert [line.worker_id for line in mw.list_model_workers(status="去世")] == [workers[0]]


def test_impossible_sequences_are_refused(office: Path) -> None:
    worker = add(1)

    def refused(change: StatusChange, message: str) -> None:
        with pytest.raises(ValidationError, match=message):
            mw.record_event(worker, change)

    refused(StatusChange("新增", D(2021, 1, 1), "again"), "只能登记调出、退休、去世、撤销称号")
    refused(StatusChange("退休", D(2019, 12, 31), "退休"), "不能早于上一次变动（2020-03-01 新增）")
    refused(StatusChange("退休", D(2025, 7, 1), "退休"), "不能晚于今天")
    refused(StatusChange("退休", D(2024, 1, 1), " "), "请写明原因")
    refused(StatusChange("升职", D(2024, 1, 1), "x"), "应为新增、调出、退休、去世、撤销称号之一")
    mw.record_event(worker, StatusChange("退休", D(2024, 1, 1), "到龄退休"))
    mw.record_event(worker, StatusChange("调出", D(2024, 2, 1), "随子女迁居兰州"))
    mw.record_event(worker, StatusChange("新增", D(2024, 5, 1), "迁回本县"))
    refused(StatusChange("退休", D(2024, 6, 1), "退休"), "已登记过退休，不能再次退休")
    mw.record_event(worker, StatusChange("去世", D(2025, 3, 1), "病故"))
    for event in ("退休", "调出", "新增", "撤销称号", "去世"):
        refused(StatusChange(event, D(2025, 4, 1), "x"), "该劳模已去世，不能再登记变动")
    assert len(mw.get_model_worker(worker).events) == 5


def test_adding_finds_or_adds_the_person_and_checks_every_field(office: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        twice = (HonourForm("劳动模范", "乡级", 2030), HonourForm("劳动模范", "乡级", 2030))
        mw.add_model_worker(mw.ModelWorkerForm(Recipient(name="", id_number="123"), twice, phone="12345"),
                            D(2026, 1, 1))
    assert {(e.field, e.label) for e in caught.value.errors} >= {
        ("name", "姓名"), ("id_number", "身份证号"), ("honours", "荣誉称号第1项"), ("honours", "荣誉称号第2项"),
        ("phone", "联系电话"), ("on_date", "变动日期")}
    assert "与前面的称号重复" in str(caught.value)
    with pytest.raises(ValidationError, match="至少填写一项"):
        mw.add_model_worker(dataclasses.replace(form(1), honours=()), D(2024, 1, 1))
    existing = Person.create(name="杨正功", id_number=id_number(12))
    worker = mw.add_model_worker(form(12, more=(HonourForm("五一劳动奖章", "省部级", 2019),)), D(2024, 1, 1))
    view = mw.get_model_worker(worker)
    assert view.person_id == existing.id and Person.select().count() == 1
    assert view.line.highest_level == "省部级" and view.line.top_honour == "省部级五一劳动奖章"
    assert [h.text for h in view.line.honours] == ["2015年市级劳动模范", "2019年省部级五一劳动奖章"]
    assert view.id_number.startswith("620") and "*" in view.id_number and "*" in view.phone
    assert mw.get_model_worker(worker, reveal=True).id_number == id_number(12)
    with pytest.raises(ValidationError, match="此人已在劳模档案中"):
        mw.add_model_worker(form(12), D(2024, 1, 1))
    with pytest.raises(ValidationError, match="登记的姓名为“杨正功”"):
        mw.add_model_worker(dataclasses.replace(form(13), person=Recipient(name="别人", id_number=id_number(12))),
                            D(2024, 1, 1))
    assert [line.worker_id for line in mw.archive_on(D(2023, 12, 31))] == []
    assert mw.archive_on(D(2024, 1, 1))[0].honours[-1].year == 2019
    assert [h.year for h in mw.archive_on(D(2018, 6, 1))] == []


def test_the_archive_on_a_past_day_shows_only_the_honours_awarded_by_then(office: Path) -> None:
    worker = add(3, level="县级", year=2012, more=(HonourForm("劳动模范", "市级", 2021),), on=D(2013, 5, 1))
    then = mw.archive_on(D(2018, 12, 31))[0]
    now = mw.archive_on(D(2025, 6, 30))[0]
    assert then.worker_id == worker and then.highest_level == "县级" and len(then.honours) == 1
    assert now.highest_level == "市级" and now.top_honour == "市级劳动模范"


def test_update_photo_and_the_audit_trail(office: Path) -> None:
    worker = add(4)
    mw.update_model_worker(worker, form(4, job="车间主任", studio="杨正功劳模创新工作室",
                                        more=(HonourForm("五一劳动奖章", "全国", 2022),)))
    view = mw.get_model_worker(worker)
    assert view.line.job == "车间主任" and view.line.studio == "杨正功劳模创新工作室"
    assert view.line.highest_level == "全国" and not view.has_photo
    mw.set_photo(worker, photo("JPEG"))
    assert mw.get_model_worker(worker).has_photo and mw.get_photo(worker) is not None
    mw.set_photo(worker, None)
    assert mw.get_photo(worker) is None
    for data, message in ((b"GIF89a....", "PNG 或 JPEG"), (photo("PNG")[:60], "已损坏"),
                          (b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024), "不能超过2 MB"), (b"", "空的")):
        with pytest.raises(ValidationError, match=message):
            mw.set_photo(worker, data)
    with pytest.raises(KnownError, match="不能改为另一个人"):
        mw.update_model_worker(worker, dataclasses.replace(form(4), person=Recipient(person_id=999)))
    labels = [(r.action, r.target_label) for r in AuditRecord.select().where(AuditRecord.target_kind == "model_worker")]
    assert ("新建", f"劳模 {view.line.name}") in labels and ("修改", f"劳模 {view.line.name}") in labels
    assert all(id_number(4) not in r.details for r in AuditRecord.select())


def test_a_viewer_reads_but_cannot_write(office: Path) -> None:
    worker = add(5)
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    accounts.sign_in("chakan", "viewer-pass-1")
    assert session.current() is not None and len(mw.list_model_workers()) == 1
    with pytest.raises(PermissionDenied):
        mw.record_event(worker, StatusChange("退休", D(2024, 1, 1), "退休"))
    with pytest.raises(PermissionDenied):
        add(6)
    with pytest.raises(PermissionDenied):
        mw.get_model_worker(worker, reveal=True)


def test_find_worker_by_id_or_number(office: Path) -> None:
    worker = add(7)
    assert mw.find_worker(str(worker)) == worker == mw.find_worker(id_number(7))
    with pytest.raises(KnownError, match="没有此身份证号的劳模档案"):
        mw.find_worker(id_number(8))
    with pytest.raises(KnownError, match="劳模档案已不存在"):
        mw.find_worker("999")
