"""Cleaning the values of a hand-made sheet, field by field, each rule's change recorded for the window to show."""

from __future__ import annotations

import bisect
import datetime
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal

from app import validation as v
from app.progress import ProgressFn, no_progress
from app.registers.base import MULTI_SEPARATORS, Field, Kind, ValueLists
from app.wizard.headers import HeaderLayout
from app.wizard.lazy import SLICE, LazyItems, distinct_in_order, tally
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
FULL_WIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in FULL_WIDTH) + "]")
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
PLAIN_ID = re.compile(r"[0-9]{17}[0-9X]")
PLAIN_MOBILE = re.compile(r"1[3-9][0-9]{9}")


class ColumnCleaner:
    """Clean then parse one column's cells; each distinct cell is worked out once (lists repeat a lot)."""

    def __init__(self, field: Field, lists: ValueLists) -> None:
        self.field, self.lists = field, lists
        self._clean = cleaner(field, lists)
        self.values: dict[object, object] = {}    # each distinct cell worked out: its value,
        self.rules: dict[object, str] = {}        # the rule that changed it (if one did),
        self.errors: dict[object, str] = {}       # why it cannot be used (if so)
        self.id_infos: dict[str, v.IdInfo] = {}   # an ID number column: what each valid number says
        self._shown: dict[tuple[type, object], tuple[str, str]] = {}

    def __call__(self, raw: object) -> Outcome:
        try:
            if raw not in self.values:
                self._prepare([raw])
        except TypeError:  # unhashable
            return self._work(raw)
        return self.values[raw], self.rules.get(raw), self.errors.get(raw)

    def column(self, raws: Sequence[object]) -> tuple[list[object], dict[object, str], dict[object, str]]:
        """A whole column: its values, and the rule and the error of each distinct cell that has one.

        Each distinct cell is worked out once, the usual forms of unique columns (ID numbers, mobiles,
        names and other plain text) many at a time: a column of 100,000 cells takes milliseconds.
        """
        try:
            distinct = distinct_in_order(raws)  # a unique column is then read in the order it sits in memory
        except TypeError:  # an unhashable cell: one by one
            return [self(r)[0] for r in raws], {}, {}
        known = self.values
        self._prepare([r for r in distinct if r not in known])
        ruled = {r: rule for r, rule in self.rules.items() if r in distinct and r is not None}
        failed = {r: error for r, error in self.errors.items() if r in distinct}
        return list(map(known.__getitem__, raws)), ruled, failed

    def _prepare(self, raws: list[object]) -> None:
        """Work out new distinct cells: the plain forms of a few kinds in bulk, every other cell on its own."""
        kind, values = self.field.kind, self.values
        rest = raws
        if kind is Kind.ID_NUMBER:
            plain = _plain(raws, PLAIN_ID)
            if plain:
                infos = v.check_id_numbers(plain)  # a plain number is its own clean form
                failed = {n: i for n, i in zip(plain, infos, strict=True) if type(i) is str}
                values.update(zip(plain, plain, strict=True))
                self.id_infos.update(zip(plain, infos, strict=True))  # type: ignore[arg-type]
                if failed:
                    values.update(dict.fromkeys(failed))
                    self.errors.update(failed)
                    for number in failed:
                        del self.id_infos[number]
                rest = [r for r in raws if r not in values]
        elif kind is Kind.MOBILE:  # already the number check_mobile gives
            plain = _plain(raws, PLAIN_MOBILE)
            values.update(zip(plain, plain, strict=True))
            rest = [r for r in raws if r not in values] if plain else raws
        elif kind is Kind.TEXT:  # printable, no space to squeeze, no full-width letter: kept as it is
            plain = _plain_text(raws)
            longest = self.field.max_length
            if longest is not None and plain and max(map(len, plain)) > longest:
                too_long = [r for r in plain if len(r) > longest]
                values.update(dict.fromkeys(too_long))
                self.errors.update(dict.fromkeys(too_long, f"不能超过{longest}个字"))
                plain = [r for r in plain if r not in values]
            values.update(zip(plain, plain, strict=True))
            rest = [r for r in raws if r not in values] if plain else raws
        for raw in rest:
            value, rule, error = self._work(raw)
            values[raw] = value
            if rule is not None:
                self.rules[raw] = rule
            if error is not None:
                self.errors[raw] = error
            if kind is Kind.ID_NUMBER and isinstance(value, str):
                self.id_infos[value] = v.check_id_number(value)

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


def _plain(raws: Sequence[object], pattern: re.Pattern[str]) -> list[str]:
    """The cells that are text matching the pattern whole (one match each: a single match over the whole
    column joined would hold the interpreter, and the window, for tens of milliseconds)."""
    return [r for r in raws if type(r) is str and pattern.fullmatch(r)]


def _plain_text(raws: Sequence[object]) -> list[str]:
    """Text needing no cleaning: printable, without spaces or full-width letters and digits (checked on a slice
    of cells joined, then cell by cell only in a slice where some cell needs it)."""
    texts = [r for r in raws if type(r) is str and r]
    plain: list[str] = []
    for start in range(0, len(texts), SLICE):
        part = texts[start:start + SLICE]
        joined = "".join(part)
        if joined.isprintable() and " " not in joined and not FULL_WIDTH_CHARS.search(joined):
            plain += part
        else:
            plain += [r for r in part if " " not in r and r.isprintable() and r.translate(FULL_WIDTH) == r]
    return plain


@dataclass(frozen=True)
class ColumnChanges:
    """The cells of one column a cleaning rule changed: each distinct cell with its rule."""

    cleaner: ColumnCleaner
    raws: Sequence[object]
    values: Sequence[object]
    rule_of: dict[object, str]

    def positions(self, rule: str | None = None) -> list[int]:
        """The data positions (in sheet order) of the cells changed, or of those one rule changed."""
        rule_of = self.rule_of if rule is None else {r: x for r, x in self.rule_of.items() if x == rule}
        return [at for at, raw in enumerate(self.raws) if raw in rule_of] if rule_of else []


@dataclass(frozen=True)
class CleanTable:
    """The cleaned rows as columns, the cells that failed, every change made and how often each rule applied.

    Row-shaped views (`rows`, `changes`) make their items when asked: a window page shows a few hundred
    of a hundred thousand.
    """

    numbers: Sequence[int]                      # the sheet row of each data row
    columns: dict[str, list[object]]            # field key → the value of each data row
    cell_errors: dict[int, dict[str, str]]      # data position → field key → reason
    fields: tuple[Field, ...]
    skipped_rows: tuple[int, ...]               # blank rows and footer lines (合计, 制表人 …) left out
    rule_counts: dict[str, int]
    sources: Sequence[Sequence[object]]         # each data row as read, for the rejected-rows workbook
    column_changes: tuple[ColumnChanges, ...] = ()
    id_infos: dict[str, v.IdInfo] = dataclass_field(default_factory=dict)
    _change_parts: dict[str | None, list[tuple[ColumnChanges, list[int]]]] = dataclass_field(
        default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def error_count(self) -> int:
        return sum(len(e) for e in self.cell_errors.values())

    def values_at(self, position: int) -> dict[str, object]:
        return {key: column[position] for key, column in self.columns.items()}

    def row(self, position: int) -> CleanRow:
        return CleanRow(self.numbers[position], self.values_at(position), self.cell_errors.get(position, {}),
                        tuple(self.sources[position]))

    @property
    def rows(self) -> LazyItems[CleanRow]:
        return LazyItems(self.row, len(self.numbers))

    def position_of(self, number: int) -> int | None:
        at = bisect.bisect_left(self.numbers, number)
        return at if at < len(self.numbers) and self.numbers[at] == number else None

    def source_of(self, number: int) -> Sequence[object]:
        """The row of this sheet row number as read (empty if it is not a data row)."""
        at = self.position_of(number)
        return () if at is None else self.sources[at]

    @property
    def changes(self) -> LazyItems[Change]:
        return self.changes_for(None)

    def changes_for(self, rule: str | None) -> LazyItems[Change]:
        """Every change (column by column, in sheet order), or those of one rule; positions found once per rule."""
        parts = self._change_parts.get(rule)
        if parts is None:
            found = [(c, c.positions(rule)) for c in self.column_changes]
            parts = self._change_parts[rule] = [(c, p) for c, p in found if p]
        ends = list(itertools.accumulate(len(p) for _c, p in parts))

        def make(index: int) -> Change:
            part = bisect.bisect_right(ends, index)
            column, positions = parts[part]
            position = positions[index - (ends[part - 1] if part else 0)]
            raw = column.raws[position]
            return column.cleaner.change(self.numbers[position], raw, column.values[position], column.rule_of[raw])

        return LazyItems(make, ends[-1] if ends else 0)


TRANSPOSE_ROWS = 5000
FOOTER_STARTS = frozenset("合总小制填审负单备说注")
FOOTER = re.compile(r"^(合\s*计|总\s*计|小\s*计|制表|填表|审核|负责人|单位负责人|备注[:：]|说明[:：]|注[:：])")


def _footer(cells: Sequence[object]) -> bool:
    first = next((c for c in cells if c is not None), None)
    return isinstance(first, str) and bool(FOOTER.match(first.strip()))


def _left_out(data: Sequence[Sequence[object]], mapped: Sequence[Sequence[object]]) -> set[int]:
    """Positions of the rows blank in every mapped column, and of footer lines (合计, 制表人 …)."""
    width = len(mapped)
    blank = {at for at, cells in enumerate(zip(*mapped, strict=True)) if cells.count(None) == width}
    for at, cells in enumerate(data):
        first = cells[0] if cells else None
        if type(first) is str and first.lstrip()[:1] not in FOOTER_STARTS:
            continue
        if (first is None or type(first) is str) and at not in blank and _footer(cells):
            blank.add(at)
    return blank


def _columns(data: Sequence[Sequence[object]], indexes: Sequence[int]) -> list[Sequence[object]]:
    """The cells of these columns, a column at a time (None past the end of a short row)."""
    if not data:
        return [[] for _i in indexes]
    width = min(map(len, data))
    if width == max(map(len, data)):  # a sheet from a workbook: every row as wide: transposed in slices
        columns: list[list[object]] = [[] for _i in range(width)]  # (one zip of 100,000 rows would hold the
        for start in range(0, len(data), TRANSPOSE_ROWS):          # interpreter, and the window, for 50 ms)
            for column, part in zip(columns, zip(*data[start:start + TRANSPOSE_ROWS], strict=True), strict=True):
                column.extend(part)
        return [columns[index] if index < width else [None] * len(data) for index in indexes]
    if all(index < width for index in indexes):
        return [list(map(operator.itemgetter(index), data)) for index in indexes]
    return [[cells[index] if index < len(cells) else None for cells in data] for index in indexes]


def clean_rows(grid: Grid, layout: HeaderLayout, mapping: ColumnMapping, fields: Sequence[Field], lists: ValueLists,
               progress: ProgressFn = no_progress) -> CleanTable:
    """Every data row under the header cleaned and parsed by the register's own fields, a column at a time;
    blank rows and footer lines (合计, 制表人 …) are left out and listed."""
    by_key = {f.key: f for f in fields}
    mapped = [(index, by_key[key]) for key, index in mapping.columns().items() if key in by_key]
    data = grid[layout.data_start - 1:]
    progress(0, len(mapped) + 1, "正在清洗数据")
    raw_columns = _columns(data, [index for index, _f in mapped])
    left_out = _left_out(data, raw_columns) if mapped else set(range(len(data)))
    numbers: Sequence[int] = range(layout.data_start, layout.data_start + len(data))
    sources: Sequence[Sequence[object]] = data
    if left_out:
        kept = [at for at in range(len(data)) if at not in left_out]
        raw_columns = [[column[at] for at in kept] for column in raw_columns]
        numbers, sources = [layout.data_start + at for at in kept], [data[at] for at in kept]
    columns: dict[str, list[object]] = {}
    cell_errors: dict[int, dict[str, str]] = {}
    found_changes: list[ColumnChanges] = []
    counts: Counter[str] = Counter()
    id_infos: dict[str, v.IdInfo] = {}
    for done, ((_index, field), raws) in enumerate(zip(mapped, raw_columns, strict=True), 1):
        clean = ColumnCleaner(field, lists)
        values, rule_of, error_of = clean.column(raws)
        columns[field.key] = values
        if rule_of:
            times = tally(raws)
            for raw, rule in rule_of.items():
                counts[rule] += times[raw]
            found_changes.append(ColumnChanges(clean, raws, values, rule_of))
        if error_of:
            for at, raw in enumerate(raws):
                if raw in error_of:
                    cell_errors.setdefault(at, {})[field.key] = error_of[raw]
        if field.key == "id_number":
            id_infos = clean.id_infos
        progress(done, len(mapped) + 1, "正在清洗数据")
    return CleanTable(numbers, columns, cell_errors, tuple(f for _i, f in mapped),
                      tuple(layout.data_start + at for at in sorted(left_out)), dict(counts), sources,
                      tuple(found_changes), id_infos)
