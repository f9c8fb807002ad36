"""Search-as-you-type: names, pinyin, initials, surnames with special readings, numbers."""

from __future__ import annotations

from pathlib import Path

from app.services import household_search as q
from app.services import households as hs
from tests.factories import make_form


def _ids(text: str, **filters: object) -> list[int]:
    return q.search_ids(q.HouseholdQuery(text=text, **filters))  # type: ignore[arg-type]


def test_name_pinyin_initials_number_phone_and_unit(office: Path) -> None:
    zhang = hs.create_household(make_form(1, name="张三", phone="13812345678")).household_ids[0]
    shan = hs.create_household(make_form(2, name="单雄信", work_unit="县运输公司")).household_ids[0]
    zeng = hs.create_household(make_form(3, name="曾国藩")).household_ids[0]
    xie = hs.create_household(make_form(4, name="解缙")).household_ids[0]
    assert _ids("张三") == [zhang]
    assert _ids("zs") == [zhang]
    assert _ids("zhangs") == [zhang]
    assert _ids("shan") == [shan]        # surname reading of 单
    assert _ids("dxx") == [shan]         # everyday reading still works
    assert _ids("zgf") == [zeng]
    assert _ids("xiej") == [xie]
    assert _ids("5678") == [zhang]       # last digits of the phone
    assert _ids("运输") == [shan]
    detail = hs.get_household(zeng, reveal=True)
    assert _ids(detail.form.id_number[-6:]) == [zeng]
    assert _ids(detail.form.id_number) == [zeng]
    assert _ids("zhang 5678") == [zhang]  # words combine
    assert _ids("zhang 9999") == []


def test_rare_characters_and_characters_outside_the_bmp(office: Path) -> None:
    a = hs.create_household(make_form(5, name="王䶮")).household_ids[0]
    b = hs.create_household(make_form(6, name="李𠈌")).household_ids[0]
    assert _ids("䶮") == [a]
    assert _ids("𠈌") == [b]
    assert _ids("wy") == [a]


def test_filters_and_sorting(office: Path) -> None:
    a = hs.create_household(make_form(7, name="阿大", identity="农民工", union_name="甲工会")).household_ids[0]
    b = hs.create_household(make_form(8, name="包二", identity="职工", union_name="乙工会")).household_ids[0]
    c = hs.create_household(make_form(9, name="陈三", identity="农民工", union_name="乙工会")).household_ids[0]
    assert _ids("", identity="农民工") == [a, c]
    assert _ids("", union_name="乙工会") == [b, c]
    assert _ids("", sort="name", descending=True) == [c, b, a]
    assert _ids("", status=q.OPEN) == [a, b, c]
    rows = q.fetch_rows([c, a])
    assert [r.name for r in rows] == ["陈三", "阿大"]
    assert "*" in rows[0].id_number and "*" in rows[0].phone
