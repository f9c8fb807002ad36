"""Relief records: who may receive which kind, the one-a-year rule, medical and school details, 帮扶档案."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import audit, funds, relief
from app.services import households as hs
from app.services import settings as settings_service
from app.services.relief import DuplicateRelief, ReliefQuery, record_relief
from app.services.relief_forms import ItemForm, Recipient, ReliefForm
from db.models import AuditRecord, Person, Relief
from tests.relief_factories import D, filed, fund_with, head_of


def _living(person_id: int, fund: int, amount: str = "500", **kw: object) -> ReliefForm:
    return ReliefForm(Recipient(person_id=person_id), "生活救助", D(2025, 3, 1), Decimal(amount), fund, **kw)  # type: ignore[arg-type]


def test_hardship_relief_goes_to_files_on_record_or_is_marked_temporary(office: Path) -> None:
    fund = fund_with("10000")
    on_record = filed(1)
    applied = hs.create_household(__import__("tests.factories", fromlist=["make_form"]).make_form(2)).household_ids[0]
    change = record_relief(_living(head_of(on_record), fund))
    stored = Relief.get_by_id(change.relief_ids[0])
    assert stored.household_id == on_record and not stored.temporary
    with pytest.raises(ValidationError, match="先建档后帮扶"):
        record_relief(_living(head_of(applied), fund))
    record_relief(_living(head_of(applied), fund, temporary=True, note="突发火灾"))
    assert Relief.select().where(Relief.temporary).count() == 1


def test_care_activities_may_go_to_anyone_new_people_are_added(office: Path) -> None:
    fund = fund_with("5000")
    form = ReliefForm(Recipient(name="李师傅", id_number="11010519491231002X", work_unit="环卫所"), "夏送清凉",
                      D(2025, 6, 20), fund_id=fund, items=(ItemForm("夏凉被", 1, "条", Decimal("85.00")),))
    record_relief(form)
    person = Person.get(Person.id_number == "11010519491231002X")
    assert person.name == "李师傅" and person.sex == "女"
    assert funds.balance(fund) == Decimal("4915.00")  # goods are paid from the fund too
    row = relief.fetch_reliefs(relief.search_reliefs(ReliefQuery()))[0]
    assert row.goods == "夏凉被×1条" and row.id_number == "110***********002X"


def test_one_relief_of_a_kind_a_year_unless_a_reason_is_given(office: Path) -> None:
    fund = fund_with("10000")
    head = head_of(filed(3))
    record_relief(_living(head, fund))
    with pytest.raises(DuplicateRelief) as caught:
        record_relief(_living(head, fund, amount="200"))
    assert "已于2025-03-01获得生活救助（500.00元）" in str(caught.value)
    change = record_relief(_living(head, fund, amount="200", duplicate_reason="家中失火，再次救助"))
    assert Relief.get_by_id(change.relief_ids[0]).duplicate_reason == "家中失火，再次救助"
    record_relief(ReliefForm(Recipient(person_id=head), "生活救助", D(2024, 12, 30), Decimal("100"), fund))
    settings_service.put("duplicate_exempt_types", "生活救助")
    record_relief(_living(head, fund, amount="50"))


def test_medical_relief_records_costs_and_cannot_exceed_the_self_paid_part(office: Path) -> None:
    fund = fund_with("10000")
    head = head_of(filed(4))
    base = ReliefForm(Recipient(person_id=head), "大病救助", D(2025, 4, 1), Decimal("5000"), fund,
                      hospital="县人民医院", diagnosis="尿毒症", total_cost=Decimal("30000"),
                      insurance_paid=Decimal("26000"))
    with pytest.raises(ValidationError, match=re.escape("不能超过自付部分 4,000.00 元")):
        record_relief(base)
    change = record_relief(ReliefForm(**{**base.__dict__, "amount": Decimal("3000")}))
    stored = Relief.get_by_id(change.relief_ids[0])
    assert stored.self_paid == Decimal("4000.00") and stored.hospital == "县人民医院"


def test_education_relief_is_recorded_on_the_parents_file_naming_the_student(office: Path) -> None:
    fund = fund_with("10000")
    household = filed(5)
    detail = hs.get_household(household, reveal=True)
    child = next(m for m in detail.form.members if m.relation == "子女")
    child_person = Person.get(Person.id_number == child.id_number).id
    with pytest.raises(ValidationError, match="受助学生"):
        record_relief(ReliefForm(Recipient(person_id=head_of(household)), "助学救助", D(2025, 6, 27),
                                 Decimal("2000"), fund))
    record_relief(ReliefForm(Recipient(person_id=head_of(household)), "助学救助", D(2025, 6, 27), Decimal("2000"),
                             fund, student=Recipient(person_id=child_person), school="兰州大学", school_level="大学",
                             admission_year=2025))
    history = relief.household_help(household)
    assert history.count == 1 and history.amount == Decimal("2000.00")
    assert Relief.get().student_id == child_person
    # 帮扶困难大学生12名、高中生5名: the list's search finds education relief by level (and school, hospital)
    assert relief.totals(ReliefQuery(relief_type="助学救助", text="大学")) == (1, Decimal("2000.00"))
    assert relief.totals(ReliefQuery(relief_type="助学救助", text="高中")) == (0, Decimal("0.00"))
    assert relief.totals(ReliefQuery(text="兰州")) == (1, Decimal("2000.00"))


def test_help_history_totals_by_year_and_undo_returns_the_money(office: Path) -> None:
    fund = fund_with("10000")
    household = filed(6)
    head = head_of(household)
    record_relief(ReliefForm(Recipient(person_id=head), "送温暖慰问", D(2024, 1, 20), Decimal("800"), fund))
    record_relief(ReliefForm(Recipient(person_id=head), "送温暖慰问", D(2025, 1, 20), Decimal("1000"), fund))
    mistake = record_relief(_living(head, fund, amount="300")).relief_ids[0]
    history = relief.household_help(household)
    assert [(y.year, y.count, y.amount) for y in history.by_year] == [
        (2025, 2, Decimal("1300.00")), (2024, 1, Decimal("800.00"))]
    with pytest.raises(KnownError, match="说明原因"):
        relief.delete_relief(mistake, "")
    relief.delete_relief(mistake, "录错了户")
    assert funds.balance(fund) == Decimal("8200.00")
    assert AuditRecord.select().where(AuditRecord.action == "删除", AuditRecord.target_kind == "relief").count() == 1
    assert audit.verify_chain() == []


def test_filters_and_totals(office: Path) -> None:
    fund = fund_with("10000")
    head = head_of(filed(7, category="深度困难"))
    record_relief(_living(head, fund, amount="500"))
    record_relief(ReliefForm(Recipient(name="外来务工"), "夏送清凉", D(2025, 6, 1), Decimal("50"), fund))
    assert relief.totals(ReliefQuery()) == (2, Decimal("550.00"))
    assert relief.totals(ReliefQuery(relief_type="生活救助")) == (1, Decimal("500.00"))
    assert relief.totals(ReliefQuery(category="深度困难")) == (1, Decimal("500.00"))
    assert relief.totals(ReliefQuery(start=D(2025, 5, 1))) == (1, Decimal("50.00"))
    assert len(relief.search_reliefs(ReliefQuery(text="外来"))) == 1


def test_the_list_is_searched_by_pinyin_as_the_file_list_is(office: Path) -> None:
    fund = fund_with("10000")
    head = head_of(filed(9, name="刘文国"))
    mine = record_relief(_living(head, fund)).relief_ids[0]
    care = ReliefForm(Recipient(name="王师傅"), "夏送清凉", D(2025, 6, 1), Decimal("50"), fund)
    other = record_relief(care).relief_ids[0]
    assert relief.search_reliefs(ReliefQuery(text="lwg")) == [mine]     # initials, through the file
    assert relief.search_reliefs(ReliefQuery(text="LiuWen")) == [mine]  # full pinyin, any case
    assert relief.search_reliefs(ReliefQuery(text="wangs")) == [other]  # someone without a file
    assert relief.search_reliefs(ReliefQuery(text="zs")) == []
