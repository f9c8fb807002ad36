"""Single-value checks: ID numbers, phones, bank cards, money, dates and masking."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app import validation as v


def test_valid_id_number_gives_birth_date_and_sex() -> None:
    info = v.check_id_number(" 11010519491231002x ")
    assert info.number == "11010519491231002X"
    assert info.birth_date == datetime.date(1949, 12, 31)
    assert info.sex == "女"


@pytest.mark.parametrize(("number", "message"), [
    ("110105194912310021", "校验位"),
    ("11010519491231002", "应为18位"),
    ("110105194912310", "15位"),
    ("11010519491331002X", "出生日期"),
    ("1101051949123100AX", "前17位应为数字"),
    ("", "不能为空"),
])
def test_bad_id_numbers_are_explained(number: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        v.check_id_number(number)


def test_id_number_that_excel_turned_into_a_float_is_refused() -> None:
    with pytest.raises(ValueError, match="Excel"):
        v.check_id_number(1.1010519491231002e17)


def test_full_width_digits_are_accepted() -> None:
    assert v.check_id_number("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


def test_mobile_and_landline() -> None:
    assert v.check_mobile("138 1234 5678") == "13812345678"
    assert v.check_phone("0934-5123456") == "0934-5123456"
    with pytest.raises(ValueError):
        v.check_mobile("12812345678")


def test_bank_card_luhn() -> None:
    assert v.check_card("6222 0202 0011 2233 446") == "6222020200112233446"
    with pytest.raises(ValueError, match="Luhn"):
        v.check_card("6222020200112233445")


@pytest.mark.parametrize(("raw", "expected"), [
    ("1,200", "1200.00"), ("1200元", "1200.00"), ("1.2万", "12000.00"), ("¥35.5", "35.50"),
    (Decimal("3.10"), "3.10"), (18, "18.00"),
])
def test_money_is_parsed_exactly(raw: object, expected: str) -> None:
    assert v.parse_money(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", ["1.234", "-5", "abc", "1e12"])
def test_bad_money_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        v.parse_money(raw)


@pytest.mark.parametrize("raw", ["2023-05-06", "2023/5/6", "2023.5.6", "2023年5月6日", "20230506"])
def test_dates_in_common_chinese_forms(raw: str) -> None:
    assert v.parse_date(raw) == datetime.date(2023, 5, 6)


def test_masks() -> None:
    assert v.mask_id_number("110105194912311234") == "110***********1234"
    assert v.mask_phone("13812345678") == "138****5678"
    assert v.mask_card("6222020200112233446") == "****3446"


def test_numbers_with_hidden_digits_say_the_register_was_exported_with_them_hidden() -> None:
    for check, masked in ((v.check_id_number, "623***********001X"), (v.check_phone, "139****5678"),
                          (v.check_mobile, "139****5678")):
        with pytest.raises(ValueError, match="已隐去"):
            check(masked)
