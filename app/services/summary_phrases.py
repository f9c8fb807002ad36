"""Figures written the way the work reports write them (67万元, 30人次, 比上年增加18户) and the wording of a period."""

from __future__ import annotations

import calendar
import datetime
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.services.summary import Period
from app.services.summary_details import DraftDetails

Figures = Mapping[str, object]
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
WAN = Decimal(10000)
NUMERALS = "一二三四五六七八九十"


def plain(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 18.90 → 18.9, 67.00 → 67."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan(amount: Decimal) -> str:
    """An amount as the reports write it: 67万元, 18.9万元, 6.04万元 from 10,000 up; 8000元, 350.5元 below."""
    if abs(amount) >= WAN:
        return f"{plain((amount / WAN).quantize(CENT, ROUND_HALF_UP))}万元"
    return f"{plain(amount.quantize(CENT, ROUND_HALF_UP))}元"


def percent(part: int, whole: int) -> str:
    """93.3%, 100%."""
    return f"{plain((Decimal(part * 100) / whole).quantize(Decimal('0.1'), ROUND_HALF_UP))}%"


def join(items: Sequence[str], last: str = "、") -> str:
    """a、b、c, or with last="和": a、b和c."""
    if len(items) < 2:
        return "".join(items)
    return "、".join(items[:-1]) + last + items[-1]


def counted(pairs: Iterable[tuple[str, int]], unit: str) -> list[str]:
    """["法律咨询11人次", "拖欠工资6人次"]: the named counts that are not zero, in the order given."""
    return [f"{name}{n}{unit}" for name, n in pairs if n]


def numeral(number: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 20 → 二十 (headings run to a few dozen at most)."""
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def get(figures: Figures, *path: str) -> object:
    value: object = figures
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def count(figures: Figures, *path: str) -> int:
    value = get(figures, *path)
    return value if isinstance(value, int) else 0


def money(figures: Figures, *path: str) -> Decimal:
    value = get(figures, *path)
    return value if isinstance(value, Decimal) else ZERO


def group(figures: Figures, *path: str) -> dict[str, object]:
    value = get(figures, *path)
    return {str(k): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def times(f: Figures, relief_type: str) -> int:
    """Reliefs (人次) of one type."""
    return count(f, "relief", "by_type", relief_type, "count")


def paid_for(f: Figures, relief_type: str) -> Decimal:
    """The amount (cash and goods) of one relief type."""
    return money(f, "relief", "by_type", relief_type, "amount")


def pairs(f: Figures, *path: str) -> list[tuple[str, int]]:
    """(name, count) of a group of counts, in its order."""
    return [(name, n) for name, n in group(f, *path).items() if isinstance(n, int)]


def people(named: list[tuple[str, int]], other: str = "其他人员") -> list[str]:
    """["400名下岗职工", "780名农民工"] (number first, as the reports write groups of people)."""
    return [f"{n}名{other if name == '其他' else name}" for name, n in named if n]


def area_of(office: str) -> str:
    """全县 for 华池县总工会…, 全区 for 铜山区总工会…, 全市 for a city's union; 全县 when the name says nothing."""
    at = office.find("总工会")
    if at > 0 and office[at - 1] in "县区市旗":
        return "全" + office[at - 1]
    return "全县"


def _month_end(day: datetime.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_label(period: Period) -> str:
    """2025年, 2025年上半年, 2025年第二季度, 2025年5月, or 2025年4月1日至2025年6月30日."""
    start, end = period.start, period.end
    if start.day == 1 and _month_end(end) and start.year == end.year:
        if (start.month, end.month) == (1, 12):
            return f"{start.year}年"
        if (start.month, end.month) == (1, 6):
            return f"{start.year}年上半年"
        if (start.month, end.month) == (7, 12):
            return f"{start.year}年下半年"
        if start.month % 3 == 1 and end.month == start.month + 2:
            return f"{start.year}年第{NUMERALS[start.month // 3]}季度"
        if start.month == end.month:
            return f"{start.year}年{start.month}月"
    return f"{_day(start, True)}至{_day(end, start.year != end.year)}"


def _day(day: datetime.date, with_year: bool) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"


@dataclass(frozen=True)
class Context:
    """What a line of work is written from: this period's figures, a year earlier's, and how to word the period."""

    period: Period
    current: Figures
    previous: Figures
    details: DraftDetails
    area: str = "全县"
    key: str = ""              # the line of work being written (varies the phrasing)
    compared: bool = False     # the line had records a year earlier, so a change is worth saying

    @property
    def full_year(self) -> bool:
        return _is_year(self.period)

    @property
    def ref(self) -> str:
        """上年, or 上年同期 for a period shorter than a calendar year."""
        return "上年" if self.full_year else "上年同期"

    @property
    def when(self) -> str:
        """今年/全年, 上半年, 本季度, 本月 or 本期."""
        label = period_label(self.period)
        if self.full_year:
            return self.pick("when", ("今年", "全年"))
        for ending, word in (("上半年", "上半年"), ("下半年", "下半年"), ("季度", "本季度"), ("月", "本月")):
            if label.endswith(ending) and "日" not in label:
                return word
        return "本期"

    @property
    def as_of(self) -> str:
        """截至年底, 截至6月底, 截至6月15日."""
        end = self.period.end
        if self.full_year:
            return self.pick("as_of", ("截至年底", "到年底"))
        if _month_end(end):
            return f"截至{end.month}月底"
        return f"截至{end.month}月{end.day}日"

    def pick(self, name: str, options: Sequence[str]) -> str:
        """One of the phrasings, the same for the same line, place and period every time."""
        seed = f"{self.key}.{name}:{self.period.start.isoformat()}:{self.period.end.isoformat()}"
        return options[zlib.crc32(seed.encode("utf-8")) % len(options)]

    def change(self, now: int, before: int, unit: str, *, what: str = "") -> str:
        """，比上年增加18户 / ，慰问人次比上年减少3人次 / ，与上年持平; nothing when the line had no records a year
        earlier (a first year of records compared with nothing says nothing true)."""
        if not self.compared:
            return ""
        if now == before:
            return f"，{what}与{self.ref}持平"
        return f"，{what}比{self.ref}{'增加' if now > before else '减少'}{abs(now - before)}{unit}"

    def money_change(self, now: Decimal, before: Decimal, *, what: str = "") -> str:
        """，比上年增加2.1万元 (the difference written like any amount)."""
        if not self.compared:
            return ""
        if now == before:
            return f"，{what}与{self.ref}持平"
        return f"，{what}比{self.ref}{'增加' if now > before else '减少'}{wan(abs(now - before))}"


def _is_year(period: Period) -> bool:
    start, end = period.start, period.end
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
