"""Creating, editing and checking hardship files through the services."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import KnownError, ValidationError
from app.services import households as hs
from app.services import settings
from app.services.household_forms import MemberForm
from tests.factories import make_form, person_id


def test_create_then_read_back_the_same_form(office: Path) -> None:
    form = make_form(1)
    change = hs.create_household(form)
    detail = hs.get_household(change.household_ids[0], reveal=True)
    assert detail.status == "申报"
    assert detail.form.file_no == "2025-0001"
    assert detail.form.name == form.name
    assert detail.form.sex in ("男", "女")
    assert [m.name for m in detail.form.members] == [m.name for m in form.members]
    assert [e.action for e in detail.events] == ["申报"]
    assert detail.events[0].by_name == "测试员"
    again = dataclasses.replace(detail.form)
    hs.update_household(detail.id, again)
    assert hs.get_household(detail.id, reveal=True).form == detail.form


def test_income_figures_are_derived_never_typed(office: Path) -> None:
    form = make_form(2)  # head 600/month, spouse 300/month, other 1200/year, 3 people
    detail = hs.get_household(hs.create_household(form).household_ids[0], reveal=True)
    assert detail.derived.household_size == 3
    assert detail.derived.annual_income == Decimal("12000.00")
    assert detail.derived.per_capita_monthly == Decimal("333.33")
    assert detail.derived.area_per_capita == Decimal("12.17")


def test_category_is_suggested_from_the_poverty_line(office: Path) -> None:
    settings.set_poverty_line(datetime.date(2024, 1, 1), Decimal("680"))
    form = make_form(3, category=None)
    detail = hs.get_household(hs.create_household(form).household_ids[0], reveal=True)
    assert detail.form.category == "深度困难"
    assert "低于低保标准" in detail.derived.suggestion_reason


def test_overriding_the_suggested_category_needs_a_reason(office: Path) -> None:
    settings.set_poverty_line(datetime.date(2024, 1, 1), Decimal("680"))
    with pytest.raises(ValidationError) as caught:
        hs.create_household(make_form(4, category="相对困难"))
    assert caught.value.errors[0].field == "category_reason"
    change = hs.create_household(make_form(4, category="相对困难", category_reason="家中有重病患者，支出大"))
    assert hs.get_household(change.household_ids[0], reveal=True).form.category == "相对困难"


def test_poverty_line_in_force_on_the_filing_date_is_used(office: Path) -> None:
    settings.set_poverty_line(datetime.date(2020, 1, 1), Decimal("300"))
    settings.set_poverty_line(datetime.date(2025, 1, 1), Decimal("680"))
    assert settings.poverty_line_on(datetime.date(2024, 12, 31)) == Decimal("300.00")
    early = hs.preview(make_form(5, category=None, filed_on=datetime.date(2024, 6, 1)))
    late = hs.preview(make_form(5, category=None, filed_on=datetime.date(2025, 6, 1)))
    assert early.form.category == "相对困难"  # 333 < 2 × 300
    assert late.form.category == "深度困难"


def test_one_person_cannot_head_two_open_files(office: Path) -> None:
    form = make_form(6)
    hs.create_household(form)
    with pytest.raises(ValidationError, match="一人只能有一份在办档案"):
        hs.create_household(dataclasses.replace(form, file_no=""))


def test_member_of_another_open_file_is_a_warning_that_can_be_accepted(office: Path) -> None:
    first = make_form(7)
    hs.create_household(first)
    shared_child = first.members[0]
    second = make_form(8, members=(dataclasses.replace(shared_child, member_id=None),))
    with pytest.raises(ValidationError, match="已是在办档案"):
        hs.create_household(second)
    change = hs.create_household(second, accept_warnings=True)
    assert change.warnings


def test_sex_and_birth_date_are_cross_checked_with_the_id_number(office: Path) -> None:
    number = person_id(9, sex="女", year=1980)
    result = hs.preview(make_form(9, id_number=number, sex="男"))
    assert any(p.field == "sex" and "号码显示为女" in p.message for p in result.errors)
    result = hs.preview(make_form(9, id_number=number, birth_date=datetime.date(1981, 1, 1)))
    assert any(p.field == "birth_date" for p in result.errors)
    result = hs.preview(make_form(9, id_number=number))
    assert result.ok and result.form.sex == "女"


def test_every_bad_field_is_reported_at_once(office: Path) -> None:
    form = make_form(10, id_number="110105194912310021", phone="123", card_number="6222020200112233445",
                     main_cause=None, members=(MemberForm(name="", relation=""),))
    result = hs.preview(form)
    fields = {p.field for p in result.errors}
    assert {"id_number", "phone", "card_number", "main_cause", "members[0].name",
            "members[0].relation"} <= fields


def test_only_a_file_still_at_application_can_be_deleted(office: Path) -> None:
    from app.services import lifecycle as lc

    hid = hs.create_household(make_form(11)).household_ids[0]
    lc.apply_step(hid, lc.StepRequest(lc.A.REVIEW, datetime.date(2025, 3, 5)))
    with pytest.raises(KnownError, match="不能删除"):
        hs.delete_household(hid)
    other = hs.create_household(make_form(12)).household_ids[0]
    hs.delete_household(other)
    with pytest.raises(KnownError):
        hs.get_household(other, reveal=True)


def test_members_are_updated_in_place_and_removed(office: Path) -> None:
    hid = hs.create_household(make_form(13)).household_ids[0]
    form = hs.get_household(hid, reveal=True).form
    child, _spouse = form.members
    edited = dataclasses.replace(form, members=(dataclasses.replace(child, unit_or_school="兰州大学",
                                                                    education="本科"),))
    hs.update_household(hid, edited)
    members = hs.get_household(hid, reveal=True).form.members
    assert len(members) == 1
    assert members[0].member_id == child.member_id
    assert members[0].unit_or_school == "兰州大学"
    assert hs.get_household(hid, reveal=True).derived.household_size == 2


def test_settings_command_sets_office_line_and_legacy_category(office: Path) -> None:
    from app import cli

    code = cli.main(["settings", "--db", str(office), "--office-name", "华池县总工会困难职工帮扶中心",
                     "--poverty-line", "2025-01-01=720", "--enable-value", "category=特困职工"])
    assert code == 0
    from app.office import open_office

    open_office(office)
    assert settings.office_name() == "华池县总工会困难职工帮扶中心"
    assert settings.poverty_line_on(datetime.date(2025, 6, 1)) == Decimal("720.00")
    assert "特困职工" in settings.value_lists()["category"]
    assert cli.main(["settings", "--db", str(office), "--enable-value", "nosuch=值"]) == 1


def test_file_numbers_keep_counting_past_9999(office: Path) -> None:
    from db.database import database

    database.execute_sql("UPDATE household SET file_no = file_no")  # no rows yet; proves the table exists
    first = hs.create_household(make_form(20)).household_ids[0]
    database.execute_sql("UPDATE household SET file_no = '2025-9999' WHERE id = ?", (first,))
    second = hs.create_household(make_form(21)).household_ids[0]
    assert hs.get_household(second, reveal=True).form.file_no == "2025-10000"
    third = hs.create_household(make_form(22)).household_ids[0]
    assert hs.get_household(third, reveal=True).form.file_no == "2025-10001"


def test_surnames_sort_by_their_surname_reading() -> None:
    from app.pinyin import sort_key

    assert sort_key("曾国藩").startswith("zeng")
    assert sort_key("单雄信").startswith("shan")
    assert sorted(["张三", "曾国藩", "阿大"], key=sort_key) == ["阿大", "曾国藩", "张三"]
