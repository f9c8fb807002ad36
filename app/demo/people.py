"""Believable people for demo data and tests: valid resident ID numbers and phone numbers."""

from __future__ import annotations

import datetime
import random

from stdnum.cn import ric

# County-level region codes (GB/T 2260) that python-stdnum knows; a Gansu county and its
# neighbours; codes valid for every birth year in python-stdnum's table.
REGION_CODES = ("620121", "620122", "620123", "622921", "622922", "622923", "110105")


def make_id_number(rng: random.Random, birth: datetime.date, sex: str,
                   region: str | None = None) -> str:
    """A valid 18-character ID number for this birth date and sex."""
    region = region or rng.choice(REGION_CODES)
    sequence = rng.randrange(0, 99)
    sex_digit = rng.choice((1, 3, 5, 7, 9) if sex == "男" else (0, 2, 4, 6, 8))
    body = f"{region}{birth:%Y%m%d}{sequence:02d}{sex_digit}"
    return body + ric.calc_check_digit(body + "0")


def make_mobile(rng: random.Random) -> str:
    return rng.choice(("138", "139", "151", "177", "189", "133", "158")) + f"{rng.randrange(10**8):08d}"


def make_birth(rng: random.Random, age_from: int, age_to: int, today: datetime.date) -> datetime.date:
    start = datetime.date(today.year - age_to, 1, 1)
    span = (datetime.date(today.year - age_from, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randrange(span))
