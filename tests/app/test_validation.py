"""Single-value checks: ID numbers, phones, bank cards, money, dates and masking."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

import pytest
from stdnum.cn import ric

from app import clock
from app import validation as v
from app.demo import people
from tests.conftest import TODAY


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


FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _with_check_digit(body: str) -> str:
    return body[:17] + ric.calc_check_digit(body[:17] + "0")


def _scalar_id(value: object) -> v.IdInfo | str:
    try:
        return v.check_id_number(value)
    except ValueError as exc:
        return str(exc)


def _id_column(rng: random.Random) -> list[object]:
    """Valid numbers (born 1900 to a week after today, every region code and its old/new form) and mutations."""
    regions = [*people.REGION_CODES, *people.HOME_COUNTY, *(c for pair in people.NEIGHBOUR_COUNTIES for c in pair)]
    values: list[object] = []
    for _ in range(3000):
        birth = datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randrange(46000))
        number = people.make_id_number(rng, min(birth, TODAY + datetime.timedelta(days=7)), rng.choice("男女"),
                                       rng.choice(regions))
        wrong = rng.choice([c for c in "0123456789X" if c != number[17]])
        values += [number, number, number[:17] + wrong, _with_check_digit(number[:10] + "13" + number[12:]),
                   number[:10] + "0230" + number[14:], _with_check_digit(number[:10] + "0230" + number[14:]),
                   _with_check_digit("000000" + number[6:]), _with_check_digit(number[:6] + "0000" + number[10:]),
                   number.replace("X", "x"), f"{number[:6]} {number[6:14]} {number[14:]}", f" {number} ",
                   number.translate(FULL_WIDTH), number.translate(ARABIC_INDIC), number[:6] + number[8:17],
                   number[:17], number[:16], number + "1", number[:6] + "A" + number[7:]]
        if number[17] != "X":
            values += [int(number), float(number)]
    return [*values, None, "", "  ", "623***********001X", 0, True, 1.5, b"110105194912310021"]


def test_check_id_numbers_equals_check_id_number_value_by_value() -> None:
    clock.fix_today(TODAY)
    try:
        values = _id_column(random.Random(7))
        expected = [_scalar_id(value) for value in values]
        v._ID_MEMO.clear()
        found = v.check_id_numbers(values)
    finally:
        clock.fix_today(None)
    assert len(found) == len(expected)
    for value, got, want in zip(values, found, expected, strict=True):
        assert (type(got), got) == (type(want), want), value
    messages = {want for want in expected if isinstance(want, str)}
    assert {"号码中的出生日期晚于今天", "号码中的地区代码“000000”无效", v.HIDDEN_DIGITS} <= messages
    assert sum(isinstance(want, v.IdInfo) for want in expected) > 3000


def test_plain_valid_id_numbers_do_not_go_through_the_scalar_check(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    numbers = [people.make_id_number(rng, datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20000)),
                                     "女") for _ in range(200)]
    expected = [v.check_id_number(n) for n in numbers]

    def refuse(raw: object) -> v.IdInfo:
        raise AssertionError(raw)

    monkeypatch.setattr(v, "check_id_number", refuse)
    assert v.check_id_numbers(numbers) == expected


def test_id_check_digits_follow_stdnum() -> None:
    rng = random.Random(5)
    bodies = [f"{rng.randrange(10**17):017d}" for _ in range(5000)]
    for body in bodies:
        assert v.ID_CHECK_DIGITS[int(body, 13) % 11] == ric.calc_check_digit(body + "0")
    assert {int(body, 13) % 11 for body in bodies} == set(range(11))


def test_id_info_is_a_named_tuple() -> None:
    info = v.check_id_number("11010519491231002X")
    assert info == v.IdInfo("11010519491231002X", datetime.date(1949, 12, 31), "女")
    assert (info.number, info.birth_date, info.sex) == tuple(info)


def _scalar_mobile(value: object) -> tuple[str | None, str | None]:
    try:
        return v.check_mobile(value), None
    except ValueError as exc:
        return None, str(exc)


def test_check_mobiles_equals_check_mobile_value_by_value() -> None:
    rng = random.Random(11)
    values: list[object] = []
    for _ in range(2000):
        number = rng.choice(people.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        values += [number, number, f"+86 {number[:3]} {number[3:7]} {number[7:]}",
                   f"{number[:3]}-{number[3:7]}-{number[7:]}", number + "0", number[:10], number[:7] + "****",
                   int(number), number.translate(FULL_WIDTH), f" {number} ", "12" + number[2:], "+86" + number]
    values += ["+86 138 0013 8000", "138-0013-8000", "138001380001", "1381234****", 13800138000, None, "", 1.5]
    expected = [_scalar_mobile(value) for value in values]
    numbers, errors = v.check_mobiles(values)
    assert numbers == [number for number, _message in expected]
    assert errors == {i: message for i, (_number, message) in enumerate(expected) if message is not None}
    assert v.HIDDEN_DIGITS in errors.values() and len(errors) > 2000
