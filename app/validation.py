"""Checks and parsing of single values: ID numbers, phones, cards, money, dates.

Each parser returns the clean value or raises ValueError with a Chinese message that
says what is wrong; the caller adds the field label (and row) to make a FieldError.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from stdnum import luhn
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

from app import clock

ID_NUMBER_RE = re.compile(r"\d{17}[\dX]")
PLAIN_ID_RE = re.compile(r"[0-9]{17}[0-9X]")  # already clean: check_id_numbers reads it without cleaning
SEX_OF_DIGIT = dict.fromkeys("13579", "男") | dict.fromkeys("02468", "女")
ID_CHECK_DIGITS = "1X864209753"  # by int(first 17, 13) % 11: (1 - 2·k) % 11, 10 as X (ric.calc_check_digit)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
PLAIN_MOBILE_RE = re.compile(r"1[3-9][0-9]{9}")  # already clean: its own number
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
DATE_RES = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
MAX_MONEY = Decimal("100000000")  # 1亿元: anything larger is a typing slip
SPACE_RUNS = re.compile(r"\s+")
SPACES_AND_DASHES = re.compile(r"[\s-]")


def clean_text(value: object) -> str:
    """NFKC (full-width digits and letters to half-width), trimmed, inner runs of space kept single."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    if text.isprintable() and "  " not in text:  # no whitespace but single ASCII spaces: nothing to squeeze
        return text.strip()
    return SPACE_RUNS.sub(" ", text).strip()


class IdInfo(NamedTuple):
    """What a valid resident ID number says about its holder."""

    number: str
    birth_date: datetime.date
    sex: str


_ID_MEMO: dict[tuple[str, datetime.date], IdInfo | str] = {}
ID_MEMO_SIZE = 250_000


# 623***********001X: a register exported with the identity hidden, brought back as it is
HIDDEN_DIGITS = "中间几位已隐去（导出的登记簿隐去了身份信息，不能原样导回），请填写完整号码"


def check_id_number(raw: object) -> IdInfo:
    """Validate a 18-character 公民身份号码 (GB 11643 check digit) and read birth date and sex.

    Remembered per text and day (an import checks each number when cleaning and again with its file).
    """
    if type(raw) is not str:
        return _check_id_number(raw)
    key = (raw, clock.today())
    known = _ID_MEMO.get(key)
    if known is None:
        try:
            known = _check_id_number(raw)
        except ValueError as exc:
            known = str(exc)
        if len(_ID_MEMO) >= ID_MEMO_SIZE:
            _ID_MEMO.clear()
        _ID_MEMO[key] = known
    if isinstance(known, str):
        raise ValueError(known)
    return known


def _check_id_number(raw: object) -> IdInfo:
    number = clean_text(raw).replace(" ", "").upper()
    if not number:
        raise ValueError("不能为空")
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise ValueError("身份证号被存成了数字，可能已被 Excel 截断，请将该列设为文本后重新录入")
    if len(number) == 15 and number.isdigit():
        raise ValueError("这是15位号码（或被 Excel 截断为15位），请填写18位公民身份号码")
    if "*" in number:
        raise ValueError(HIDDEN_DIGITS)
    if len(number) != 18:
        raise ValueError(f"应为18位，现在是{len(number)}位")
    if not ID_NUMBER_RE.fullmatch(number):
        raise ValueError("前17位应为数字，最后一位为数字或X")
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValueError(f"号码中的出生日期“{number[6:14]}”无效") from None
    if ric.calc_check_digit(number) != number[-1]:
        raise ValueError("校验位不正确（最后一位与前17位不符），请核对号码")
    if not _region_in_use(number[:6], birth.year):
        raise ValueError(f"号码中的地区代码“{number[:6]}”无效")
    if birth > clock.today():
        raise ValueError("号码中的出生日期晚于今天")
    sex = "男" if int(number[16]) % 2 == 1 else "女"
    return IdInfo(number=number, birth_date=birth, sex=sex)


def check_id_numbers(values: Sequence[object]) -> list[IdInfo | str]:
    """check_id_number for a column: each value's IdInfo, or the message of the ValueError it raises.

    Plain numbers (PLAIN_ID_RE) are read here a column at a time: check digits, birth dates (each parsed
    once) and regions (each once per birth year) with C-level maps; a number failing any check, and any
    other value, goes through check_id_number for its message.
    """
    plain = [at for at, value in enumerate(values) if type(value) is str and PLAIN_ID_RE.fullmatch(value)]
    if len(plain) == len(values):  # the usual column: every number plain
        found: list[IdInfo | str | None] = list(_plain_id_numbers(values))  # type: ignore[arg-type]
    else:
        found = [None] * len(values)
        for at, info in zip(plain, _plain_id_numbers([values[at] for at in plain]), strict=True):  # type: ignore[misc]
            found[at] = info
    if None in found:  # a value that is not plain, or fails a check: its message from check_id_number
        for at in [at for at, got in enumerate(found) if got is None]:
            try:
                found[at] = check_id_number(values[at])
            except ValueError as exc:
                found[at] = str(exc)
    return found  # type: ignore[return-value]


def _plain_id_numbers(numbers: Sequence[str]) -> list[IdInfo | None]:
    """The IdInfo of each plain number that passes every check of _check_id_number, else None."""
    today = clock.today()
    digits = list(map(operator.itemgetter(slice(6, 14)), numbers))
    births = {d: _birth_date(d) for d in set(digits)}
    birth_of = list(map(births.__getitem__, digits))
    regions = list(map(operator.itemgetter(slice(0, 6)), numbers))
    in_use = {(r, b): b is not None and _region_in_use(r, b.year) and b <= today
              for r, b in set(zip(regions, birth_of, strict=True))}
    sums = map(int, map(operator.itemgetter(slice(0, 17)), numbers), itertools.repeat(13))
    checks = map(ID_CHECK_DIGITS.__getitem__, map(operator.mod, sums, itertools.repeat(11)))
    right = list(map(operator.eq, checks, map(operator.itemgetter(17), numbers)))
    sexes = map(SEX_OF_DIGIT.__getitem__, map(operator.itemgetter(16), numbers))
    if all(right) and all(in_use.values()):  # made at C speed: IdInfo is a tuple
        return list(map(tuple.__new__, itertools.repeat(IdInfo), zip(numbers, birth_of, sexes, strict=True)))
    return [IdInfo(n, b, x) if ok and in_use[(r, b)] else None  # type: ignore[arg-type]
            for n, b, x, ok, r in zip(numbers, birth_of, sexes, right, regions, strict=True)]


def _birth_date(digits: str) -> datetime.date | None:
    """The date of eight digits YYYYMMDD, or None if there is no such day."""
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


@functools.lru_cache(maxsize=65536)
def _region_in_use(region: str, year: int) -> bool:
    """Whether python-stdnum knows the region code as in use in that birth year (ric.validate's place check).

    Cached: stdnum's table look-up takes ~40 µs, which made checking 100,000 imported rows take seconds.
    """
    body = f"{region}{year:04d}0101001"
    try:
        ric.get_birth_place(body + ric.calc_check_digit(body + "0"))
    except InvalidComponent:
        return False
    return True


_MOBILE_MEMO: dict[str, str | ValueError] = {}


def check_mobile(raw: object) -> str:
    """A mobile number; remembered per text (an import checks each number when cleaning and again with its file)."""
    if type(raw) is not str:
        return _check_mobile(raw)
    known = _MOBILE_MEMO.get(raw)
    if known is None:
        try:
            known = _check_mobile(raw)
        except ValueError as exc:
            known = exc
        if len(_MOBILE_MEMO) >= ID_MEMO_SIZE:
            _MOBILE_MEMO.clear()
        _MOBILE_MEMO[raw] = known
    if isinstance(known, ValueError):
        raise ValueError(*known.args)
    return known


def check_mobiles(values: Sequence[object]) -> tuple[list[str | None], dict[int, str]]:
    """check_mobile for a column: each value's number (None where it fails) and, by index, the failures' messages.

    A plain number (PLAIN_MOBILE_RE) is its own number; any other value goes through check_mobile.
    """
    numbers: list[str | None] = [value if type(value) is str and PLAIN_MOBILE_RE.fullmatch(value) else None
                                 for value in values]
    errors: dict[int, str] = {}
    for index in [i for i, number in enumerate(numbers) if number is None]:
        try:
            numbers[index] = check_mobile(values[index])
        except ValueError as exc:
            errors[index] = str(exc)
    return numbers, errors


def _check_mobile(raw: object) -> str:
    number = SPACES_AND_DASHES.sub("", clean_text(raw))
    if number.startswith("+86"):
        number = number[3:]
    if not MOBILE_RE.match(number):
        raise ValueError(HIDDEN_DIGITS if "*" in number else "应为11位手机号码（以1开头）")
    return number


def check_phone(raw: object) -> str:
    """A mobile number or a landline such as 0934-1234567."""
    text = clean_text(raw).replace(" ", "")
    try:
        return check_mobile(text)
    except ValueError:
        pass
    if LANDLINE_RE.match(text):
        return text
    if "*" in text:
        raise ValueError(HIDDEN_DIGITS)
    raise ValueError("应为11位手机号码或带区号的固定电话（如 0934-1234567）")


def check_card(raw: object) -> str:
    """A bank card number: 12–19 digits passing the Luhn check."""
    number = SPACES_AND_DASHES.sub("", clean_text(raw))
    if not number.isdigit():
        raise ValueError("只能包含数字")
    if not 12 <= len(number) <= 19:
        raise ValueError(f"应为12至19位数字，现在是{len(number)}位")
    if not luhn.is_valid(number):
        raise ValueError("校验不通过（Luhn），请核对卡号")
    return number


def parse_money(raw: object, *, allow_negative: bool = False) -> Decimal:
    """元 with at most two decimals: '1,200', '1200元', '1.2万', Decimal or int."""
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        value = Decimal(raw)
    else:
        text = clean_text(raw).replace(",", "").replace("，", "").replace(" ", "")
        text = text.removeprefix("¥").removeprefix("￥").removesuffix("元")
        factor = Decimal(1)
        if text.endswith("万"):
            text, factor = text[:-1], Decimal(10000)
        if not text:
            raise ValueError("不能为空")
        try:
            value = Decimal(text) * factor
        except InvalidOperation:
            raise ValueError(f"“{clean_text(raw)}”不是金额") from None
    if not value.is_finite():
        raise ValueError("不是金额")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError("金额最多两位小数（到分）")
    if value < 0 and not allow_negative:
        raise ValueError("金额不能为负数")
    if abs(value) >= MAX_MONEY:
        raise ValueError("金额过大，请核对")
    return value.quantize(Decimal("0.01"))


def parse_decimal(raw: object, *, places: int = 2) -> Decimal:
    """A non-negative number with at most `places` decimals (areas in m²)."""
    if isinstance(raw, float):
        raw = repr(raw)
    text = clean_text(raw).replace(",", "")
    for unit in ("平方米", "㎡", "m²", "m2"):
        text = text.removesuffix(unit)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{clean_text(raw)}”不是数字") from None
    quantum = Decimal(1).scaleb(-places)
    if not value.is_finite() or value < 0:
        raise ValueError("应为非负数")
    if value != value.quantize(quantum):
        raise ValueError(f"最多{places}位小数")
    return value.quantize(quantum)


def parse_int(raw: object, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(raw, bool):
        raise ValueError("应为整数")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = clean_text(raw)
    if not re.fullmatch(r"-?\d+", text):
        raise ValueError(f"“{text}”不是整数")
    value = int(text)
    if minimum is not None and value < minimum:
        raise ValueError(f"不能小于{minimum}")
    if maximum is not None and value > maximum:
        raise ValueError(f"不能大于{maximum}")
    return value


def parse_date(raw: object) -> datetime.date:
    """2024-05-06, 2024/5/6, 2024.5.6, 2024年5月6日, 20240506, or a date/datetime."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = clean_text(raw).replace(" ", "")
    for pattern in DATE_RES:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError:
                raise ValueError(f"“{text}”不是有效日期") from None
    raise ValueError(f"“{text}”不是日期，请写成 2024-05-06")


def parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = clean_text(raw)
    if text in {"是", "有", "Y", "y", "1", "√", "true", "True"}:
        return True
    if text in {"否", "无", "N", "n", "0", "", "×", "false", "False"}:
        return False
    raise ValueError(f"应填“是”或“否”，不是“{text}”")


def mask_id_number(number: str | None) -> str:
    """110***********1234: first three and last four."""
    if not number:
        return ""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(number: str | None) -> str:
    """138****5678."""
    if not number:
        return ""
    if len(number) < 8:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_card(number: str | None) -> str:
    """****1234."""
    if not number:
        return ""
    return "****" + number[-4:]
