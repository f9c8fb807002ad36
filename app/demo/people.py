"""Believable people for demo data and tests: valid resident ID numbers, phones, births, bank cards."""

from __future__ import annotations

import datetime
import random

from stdnum import luhn
from stdnum.cn import ric

# County-level region codes (GB/T 2260) that python-stdnum knows; a Gansu county and its
# neighbours; codes valid for every birth year in python-stdnum's table.
REGION_CODES = ("620121", "620122", "620123", "622921", "622922", "622923", "110105")

# 华池县 and its neighbours in 庆阳: the code before and after 庆阳地区 became 庆阳市 in 2002.
# An ID number keeps the code in force when it was first issued, so people born up to 2002
# carry the old 6228xx code and younger ones the new 6210xx code.
HOME_COUNTY = ("622823", "621023")           # 华池县
NEIGHBOUR_COUNTIES = (
    ("622821", "621021"),                    # 庆阳县 / 庆城县
    ("622822", "621022"),                    # 环县
    ("622824", "621024"),                    # 合水县
    ("622827", "621027"),                    # 镇原县
)
CODE_CHANGE_YEAR = 2002

MOBILE_PREFIXES = (
    "139", "138", "137", "136", "135", "150", "151", "152", "157", "158", "159", "182", "183",
    "187", "188", "198", "130", "131", "132", "155", "156", "185", "186", "176", "133", "153",
    "180", "181", "189", "177", "173", "199",
)


def make_id_number(rng: random.Random, birth: datetime.date, sex: str,
                   region: str | None = None) -> str:
    """A valid 18-character ID number for this birth date and sex."""
    region = region or rng.choice(REGION_CODES)
    sequence = rng.randrange(0, 99)
    sex_digit = rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8))
    body = f"{region}{birth:%Y%m%d}{sequence:02d}{sex_digit}"
    return body + ric.calc_check_digit(body + "0")


def county_region(rng: random.Random, birth: datetime.date, home_share: float = 0.88) -> str:
    """The region code on the ID of someone born on `birth` in 华池县 (or, sometimes, next door)."""
    pair = HOME_COUNTY if rng.random() < home_share else rng.choice(NEIGHBOUR_COUNTIES)
    return pair[0] if birth.year <= CODE_CHANGE_YEAR else pair[1]


def make_unique_id_number(rng: random.Random, birth: datetime.date, sex: str, region: str,
                          used: set[int]) -> str:
    """An ID number not yet in `used` (the first 17 digits as an int); records the new one."""
    while True:
        number = make_id_number(rng, birth, sex, region)
        key = int(number[:17])
        if key not in used:
            used.add(key)
            return number


def make_mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"


def make_unique_mobile(rng: random.Random, used: set[int]) -> str:
    """A mobile number not yet in `used`; records the new one."""
    while True:
        number = make_mobile(rng)
        if int(number) not in used:
            used.add(int(number))
            return number


def make_birth(rng: random.Random, age_from: int, age_to: int, today: datetime.date) -> datetime.date:
    start = datetime.date(today.year - age_to, 1, 1)
    span = (datetime.date(today.year - age_from, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(span))


def birth_for_age(rng: random.Random, age: int, on: datetime.date) -> datetime.date:
    """A birth date that makes someone exactly `age` years old on `on`."""
    latest = _years_before(on, age)
    earliest = _years_before(on, age + 1) + datetime.timedelta(days=1)
    return earliest + datetime.timedelta(days=rng.randrange((latest - earliest).days + 1))


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def make_card_number(rng: random.Random, bin_prefix: str, length: int = 19) -> str:
    """A bank card number with the bank's prefix and a valid Luhn check digit."""
    digits = length - len(bin_prefix) - 1
    body = f"{bin_prefix}{rng.randrange(10**digits):0{digits}d}"
    return body + luhn.calc_check_digit(body)
