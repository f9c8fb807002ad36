"""Cleaning the values of a hand-made sheet, field by field, each rule's change recorded for the window to show."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app import validation as v
from app.progress import ProgressFn, no_progress
from app.registers.base import MULTI_SEPARATORS, Field, Kind, ValueLists
from app.wizard.headers import HeaderLayout
from app.wizard.mapping import ColumnMapping
from app.wizard.sources import Grid
from app.wizard.synonyms import FALSE_WORDS, TRUE_WORDS, VALUE_ALIASES, value_key

R_SPACES = "去除多余空格"
R_WIDTH = "全角转半角"
R_DATE = "日期格式统一"
R_SERIAL = "Excel日期序号转日期"
R_MONEY = "金额单位换算"
R_ALIAS = "可选值别名"
R_LENIENT = "可选值近似匹配"
R_BOOL = "是否值统一"
R_NUMBER_TEXT = "数字转文本"
R_UNIT = "去除单位"
TRUNCATED = "Excel 已截断为15位，请将该列设为文本后重新导出"
EXCEL_EPOCH = datetime.date(1899, 12, 30)
SAFE_DIGITS = 1e15
FULL_WIDTH = {**{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c - 0xFEE0).isalnum()}, 0x3000: 0x20}
SPACES = re.compile(r"\s+")
CJK_SPACED = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003ffff·\s]+$")
DATE_FORMS = (
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")
MONEY_MARKS = re.compile(r"[,，万元¥￥\s]")
NUMBER_UNITS = re.compile(r"(人|口|年|岁|个|平方米|平米|㎡|m²|m2)$")
NAME_KEYS = frozenset({"name", "student_name", "head_name"})


@dataclass(frozen=True)
class Change:
    """One rule applied to one cell: what the window lists under 清洗记录."""

    row: int        # 1-based sheet row
    field: str
    label: str
    before: str
    after: str
    rule: str


@dataclass(frozen=True)
class CleanRow:
    """One data row: its sheet row, the values as the register takes them, and the cells that failed (key → reason)."""

    number: int
    values: dict[str, object]
    errors: dict[str, str]
    source: tuple[object, ...]   # the row as read, for the rejected-rows workbook


@dataclass(frozen=True)
class CleanTable:
    """The cleaned rows, every change made, and how often each rule applied."""

    rows: tuple[CleanRow, ...]
    changes: tuple[Change, ...]
    rule_counts: dict[str, int]
    fields: tuple[Field, ...]
    skipped_rows: tuple[int, ...]   # blank rows and footer lines (合计, 制表人 …) left out

    @property
    def error_count(self) -> int:
        return sum(len(r.errors) for r in self.rows)


Cleaned = tuple[object, str | None]  # (value, rule applied or None)


def shown(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.isoformat(sep=" ") if raw.time() != datetime.time() else raw.date().isoformat()
    return str(raw)


def _squeeze(text: str, rule: str | None = None) -> tuple[str, str | None]:
    """Full-width letters and digits folded, spaces trimmed and single."""
    folded = text.translate(FULL_WIDTH)
    if folded != text:
        rule = R_WIDTH
    # Whitespace only as single ASCII spaces (printable, no two in a row): nothing to squeeze.
    plain = folded.isprintable() and "  " not in folded
    squeezed = (folded if plain else SPACES.sub(" ", folded)).strip()
    if squeezed != folded and rule is None:
        rule = R_SPACES
    return squeezed, rule


def clean_text(field: Field, raw: object) -> Cleaned:
    if not isinstance(raw, str):
        return raw, None
    text, rule = _squeeze(raw)
    if field.key in NAME_KEYS and " " in text and CJK_SPACED.match(text):
        text, rule = text.replace(" ", ""), rule or R_SPACES  # 张  三: spaces typed to line names up
    return text, rule


def clean_date(raw: object) -> Cleaned:
    if isinstance(raw, datetime.datetime):
        return raw.date(), None
    if isinstance(raw, datetime.date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 19000101 <= raw <= 21001231 and float(raw).is_integer():
            return clean_date(str(int(raw)))[0], R_DATE
        if 1 <= raw < 80000:
            return EXCEL_EPOCH + datetime.timedelta(days=int(raw)), R_SERIAL
        raise ValueError(f"“{shown(raw)}”不是日期")
    text, rule = _squeeze(str(raw))
    if ISO_DATE.match(text):
        return v.parse_date(text), rule
    for pattern in DATE_FORMS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return datetime.date(year, month, day), R_DATE
            except ValueError:
                raise ValueError(f"“{text}”不是有效日期") from None
    if text.isdigit() and len(text) == 5:
        return EXCEL_EPOCH + datetime.timedelta(days=int(text)), R_SERIAL
    raise ValueError(f"“{text}”不是日期，可写成 2024-05-06、2024.5.6 或 2024年5月6日")


def clean_money(raw: object) -> Cleaned:
    if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
        return raw, None
    text, rule = _squeeze(str(raw))
    if MONEY_MARKS.search(text):
        return v.parse_money(text), R_MONEY
    return text, rule


def clean_number(raw: object) -> Cleaned:
    if not isinstance(raw, str):
        return raw, None
    text, rule = _squeeze(raw)
    stripped = NUMBER_UNITS.sub("", text).strip()
    return (stripped, R_UNIT) if stripped != text else (text, rule)


def clean_id_number(raw: object) -> Cleaned:
    """Never guessed: a number, or fewer than 18 characters, is Excel's truncation."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise ValueError(f"身份证号存成了数字（{shown(raw)}），{TRUNCATED}")
    text, rule = _squeeze(str(raw))
    compact = text.replace(" ", "").upper()
    if compact != text and rule is None:
        rule = R_SPACES
    if SCIENTIFIC.match(compact):
        raise ValueError(f"身份证号存成了数字（{compact}），{TRUNCATED}")
    if len(compact) < 18:
        if len(compact) == 15 and compact.isdigit():
            raise ValueError(f"只有15位，{TRUNCATED}")
        raise ValueError(f"只有{len(compact)}位，应为18位；若原表中是数字，{TRUNCATED}")
    return compact, rule


def clean_code(field: Field, raw: object) -> Cleaned:
    """Phones and cards: a number Excel kept whole becomes text again; a card past 15 digits cannot be trusted."""
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        if float(raw).is_integer() and raw < SAFE_DIGITS:
            return str(int(raw)), R_NUMBER_TEXT
        if field.kind is Kind.CARD:
            raise ValueError("卡号存成了数字，超过15位的部分已被 Excel 截断，请将该列设为文本后重新导出")
        return raw, None
    return _squeeze(str(raw))


def clean_bool(raw: object) -> Cleaned:
    if isinstance(raw, bool):
        return raw, None
    text = _squeeze(shown(raw))[0].lower()
    if text in TRUE_WORDS:
        return True, None if text == "是" else R_BOOL
    if text in FALSE_WORDS:
        return False, None if text == "否" else R_BOOL
    raise ValueError(f"应填“是”或“否”，不是“{shown(raw)}”")


def choice_cleaner(field: Field, lists: ValueLists) -> Callable[[object], Cleaned]:
    """A value of the field's list, found leniently: exact, by alias (女性 → 女), or ignoring spaces and brackets."""
    name = field.choices or field.key
    allowed = tuple(lists.get(name, ()))
    exact = set(allowed)
    aliases = {a: t for a, t in VALUE_ALIASES.get(name, {}).items() if t in exact}
    lenient = {value_key(a): t for a, t in aliases.items()} | {value_key(x): x for x in allowed}

    def one(text: str) -> tuple[str, str | None]:
        if text in exact:
            return text, None
        if text in aliases:
            return aliases[text], R_ALIAS
        found = lenient.get(value_key(text))
        if found is not None:
            return found, R_LENIENT
        return text, None

    def clean(raw: object) -> Cleaned:
        text, rule = _squeeze(shown(raw))
        if field.kind is Kind.MULTI:
            items = [one(p) for p in MULTI_SEPARATORS.split(text) if p]
            rules = [r for _i, r in items if r]
            return "、".join(i for i, _r in items), (rules[0] if rules else rule)
        value, matched = one(text)
        return value, matched or rule

    return clean


def cleaner(field: Field, lists: ValueLists) -> Callable[[object], Cleaned]:
    kind = field.kind
    if kind in (Kind.CHOICE, Kind.MULTI):
        return choice_cleaner(field, lists)
    if kind is Kind.DATE:
        return clean_date
    if kind is Kind.MONEY:
        return clean_money
    if kind in (Kind.INT, Kind.DECIMAL):
        return clean_number
    if kind is Kind.BOOL:
        return clean_bool
    if kind is Kind.ID_NUMBER:
        return clean_id_number
    if kind in (Kind.MOBILE, Kind.PHONE, Kind.CARD):
        return lambda raw: clean_code(field, raw)
    return lambda raw: clean_text(field, raw)


Outcome = tuple[object, str | None, str | None]  # (value, rule, error)


class ColumnCleaner:
    """Clean then parse one column's cells; each distinct cell is worked out once (lists repeat a lot)."""

    def __init__(self, field: Field, lists: ValueLists) -> None:
        self.field, self.lists = field, lists
        self._clean = cleaner(field, lists)
        self.memo: dict[object, Outcome] = {}
        self._shown: dict[tuple[type, object], tuple[str, str]] = {}

    def __call__(self, raw: object) -> Outcome:
        try:
            return self.memo[raw]
        except KeyError:
            pass
        except TypeError:
            return self._work(raw)
        outcome = self.memo[raw] = self._work(raw)
        return outcome

    def change(self, number: int, raw: object, value: object, rule: str) -> Change:
        """The Change a rule made to a cell: the texts before and after worked out once per distinct cell."""
        key = (type(raw), raw)
        try:
            before, after = self._shown[key]
        except KeyError:
            before, after = self._shown[key] = (shown(raw), self.field.display(value))
        except TypeError:
            before, after = shown(raw), self.field.display(value)
        return Change(number, self.field.key, self.field.label, before, after, rule)

    def _work(self, raw: object) -> Outcome:
        try:
            if raw is None:
                return self.field.parse(None, self.lists), None, None
            value, rule = self._clean(raw)
            return self.field.parse(value, self.lists), rule, None
        except ValueError as exc:
            return None, None, str(exc)


FOOTER = re.compile(r"^(合\s*计|总\s*计|小\s*计|制表|填表|审核|负责人|单位负责人|备注[:：]|说明[:：]|注[:：])")


def _footer(cells: Sequence[object]) -> bool:
    first = next((c for c in cells if c is not None), None)
    return isinstance(first, str) and bool(FOOTER.match(first.strip()))


def clean_rows(grid: Grid, layout: HeaderLayout, mapping: ColumnMapping, fields: Sequence[Field], lists: ValueLists,
               progress: ProgressFn = no_progress) -> CleanTable:
    """Every data row under the header cleaned and parsed by the register's own fields; blank rows and
    footer lines (合计, 制表人 …) are left out and listed."""
    by_key = {f.key: f for f in fields}
    columns = [(index, by_key[key], ColumnCleaner(by_key[key], lists)) for key, index in mapping.columns().items()
               if key in by_key]
    rows: list[CleanRow] = []
    changes: list[Change] = []
    skipped: list[int] = []
    data = grid[layout.data_start - 1:]
    total = len(data)
    for offset, cells in enumerate(data):
        number = layout.data_start + offset
        if offset % 2000 == 0:
            progress(offset, total, "正在清洗数据")
        width = len(cells)
        if all(index >= width or cells[index] is None for index, _f, _c in columns) or _footer(cells):
            skipped.append(number)
            continue
        values: dict[str, object] = {}
        errors: dict[str, str] = {}
        for index, field, clean in columns:
            raw = cells[index] if index < width else None
            try:
                value, rule, error = clean.memo[raw]  # most cells: a value seen before in the column
            except (KeyError, TypeError):
                value, rule, error = clean(raw)
            if rule is not None and raw is not None:
                changes.append(clean.change(number, raw, value, rule))
            if error is not None:
                errors[field.key] = error
            values[field.key] = value
        rows.append(CleanRow(number, values, errors, tuple(cells)))
    progress(total, total, "正在清洗数据")
    counts = Counter(c.rule for c in changes)
    return CleanTable(tuple(rows), tuple(changes), dict(counts), tuple(f for _i, f, _c in columns), tuple(skipped))
