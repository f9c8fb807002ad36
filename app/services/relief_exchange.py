"""The relief registers to and from Excel: 救助记录, 帮扶活动 and 资金收入 (export, template guide, import).

exchange.py dispatches the kinds named in BOOKS here; each workbook has one sheet, driven by its
register description (app.registers.relief). Imports only add records: nothing on record is changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.excel import reader, writer
from app.excel.reader import ParsedRow, RegisterTable, parse_table
from app.files import atomic_output, explain_os_error
from app.money import figures
from app.progress import ProgressFn, no_progress
from app.registers.base import Register, ValueLists
from app.registers.relief import CAMPAIGNS, FUND_ENTRIES, RELIEF
from app.services import audit, backup, funds, relief_rows, settings
from app.services.audit import AuditAction
from app.services.campaigns import parse_items
from app.services.household_import import ImportReport
from app.services.relief_import import ReliefImport
from db.database import database, tuples
from db.models import Campaign, FundEntry

BOOKS: dict[str, tuple[Register]] = {"relief": (RELIEF,), "campaigns": (CAMPAIGNS,), "fund-entries": (FUND_ENTRIES,)}
UNITS = {"relief": "条", "campaigns": "个", "fund-entries": "笔"}
TARGET_KINDS = {"relief": "relief", "campaigns": "campaign", "fund-entries": "fund_entry"}  # as the services record
PROGRESS_EVERY = 500
INSERT_CHUNK = 50  # rows per multi-row INSERT (far below SQLite's limit on bound variables)
MASKED_NOTE = "（已隐去身份证号中间位）"
FULL_NOTE = "  含完整身份信息，请妥善保管，勿外传"
HEADER_NOTE = ("1. 每个工作表第3行是列名，请勿改动；从第4行起每行填写一条，空行会被跳过。"
               "列的先后可以调整，用不到的选填列可以删除。")
CHECK_NOTE = ("导入时先检查全部行：有任何错误都不会写入，并列出每处错误的工作表、行号、列名和原因。"
              "导入只新增，不修改系统中已有的记录。")
GUIDES: dict[str, tuple[str, ...]] = {
    "relief": (
        HEADER_NOTE,
        "2. 每行一次救助（一人一次）。受助人以身份证号（和姓名）确定：系统中已有此人的，姓名须与系统一致；没有的，"
        "送温暖慰问、夏送清凉、六一慰问等非困难救助按本行姓名新增人员。",
        "3. 生活、医疗、大病、助学、住房救助须先建档后帮扶：受助人须是在档困难职工档案的职工本人或家庭成员；"
        "确属临时救助的，“临时救助”列填“是”，否则该行报错。",
        "4. 同一户同一类型原则上一年内只能救助一次（以本单位设置为准）：与系统中已有记录或本表其他行重复的，"
        "须在“重复救助理由”列说明，否则该行报错。",
        "5. “资金”“帮扶活动”填名称，须已在系统中建立；“资金”留空则用帮扶活动的资金，金额和物资都留空则按活动的标准。"
        "资金余额不足的行报错；确需超支的，由管理员在“超支理由”列填写理由后导入。",
        "6. 物资写成 名称×数量单位@单价，多项用、分隔，如 夏凉被×1条@85、大米×2袋@60。医疗、大病救助须填总费用；"
        "助学救助须填学生姓名和就读阶段。档案编号可留空；困难类别、物资价值由系统填写，不必填。",
        "7. 身份证号列已设为文本格式。从其他表格粘贴时请用“选择性粘贴—数值”，"
        "以免被 Excel 存成数字（18位号码存成数字会丢失末几位）。",
        "8. " + CHECK_NOTE,
    ),
    "campaigns": (
        HEADER_NOTE,
        "2. 每行一个帮扶活动（如 2025年元旦春节送温暖）；活动名称不能与系统中已有的活动或本表其他行重复。",
        "3. “资金”填资金名称，须已在系统中建立，可留空。标准物资写成 名称×数量单位@单价，如 夏凉被×1条@85。",
        "4. 人次、金额由系统按登记的救助记录统计，不必填写。",
        "5. " + CHECK_NOTE,
    ),
    "fund-entries": (
        HEADER_NOTE,
        "2. 每行一笔资金收入（入账）。“资金”填资金名称，须已在系统中建立：导入不新建资金，系统中没有的资金名称报错，"
        "请先在“救助—资金”中新建该资金。",
        "3. 冲减以前的入账填负数金额，须在备注中说明原因，且冲减后该资金余额不能为负数。",
        "4. 资金余额由系统按收入和救助支出计算，见资金台账，不在本表中。",
        "5. " + CHECK_NOTE,
    ),
}


@dataclass(frozen=True)
class RegisterImportReport(ImportReport):
    """What an import of reliefs, campaigns or fund entries did: records added (none is ever updated)."""

    what: str = "记录"
    unit: str = "条"
    detail: str = ""

    def describe(self) -> str:
        return f"导入完成：新增{self.what} {self.created} {self.unit}{self.detail}"


def _text(values: dict[str, object], key: str) -> str:
    value = values.get(key)
    return value if isinstance(value, str) else ""


def _rows_of(kind: str, ids: Sequence[int] | None) -> tuple[int, str, Iterator[dict[str, object]]]:
    """The number of rows, the heading's count and the rows of one kind."""
    if kind == "relief":
        count, cash, goods = relief_rows.relief_totals(ids)
        counted = f"共 {count} 人次，现金 {figures(cash)} 元，物资 {figures(goods)} 元"
        return count, counted, relief_rows.relief_rows(ids)
    rows = relief_rows.campaign_rows(ids) if kind == "campaigns" else relief_rows.fund_entry_rows(ids)
    if kind == "campaigns":
        return len(rows), f"共 {len(rows)} 个活动", iter(rows)
    total = sum((r["amount"] for r in rows if isinstance(r["amount"], Decimal)), Decimal("0.00"))
    return len(rows), f"共 {len(rows)} 笔，合计 {figures(total)} 元", iter(rows)


def export_register(kind: str, out: Path, *, masked: bool = True, ids: Sequence[int] | None = None,
                    progress: ProgressFn = no_progress) -> int:
    """Write one relief register (the caller checked the permission); returns the number of rows, audited."""
    register = BOOKS[kind][0]
    personal = any(f.mask is not None for f in register.fields)
    masking = (MASKED_NOTE if masked else FULL_NOTE) if personal else ""
    with database.atomic():  # one consistent snapshot
        office = settings.office_name()
        count, counted, rows = _rows_of(kind, ids)
        today = clock.today().isoformat()
        heading = writer.Heading(f"{office}{register.title}", f"导出日期：{today}  {counted}{masking}")
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            sheet = writer.RegisterSheet(book, register, heading, masked=masked)
            for done, values in enumerate(rows, 1):
                sheet.append(values)
                if done % PROGRESS_EVERY == 0:
                    progress(done, count, f"正在导出{register.sheet}")
            sheet.close()
            progress(count, count, "正在保存")
            try:
                book.save(temp)
            except OSError as exc:
                raise explain_os_error(out, exc) from exc
    details: dict[str, object] = {"登记簿": register.title, "条数": count, "文件": Path(out).name}
    if personal:
        details["身份信息"] = "隐去中间位" if masked else "含完整身份信息"
    audit.record(AuditAction.EXPORT, target_kind=TARGET_KINDS[kind], target_label=register.title, details=details)
    return count


def import_register(kind: str, path: Path, *, progress: ProgressFn = no_progress) -> ImportReport:
    """Check every row of the register's sheet, back up the database, then add the records in one transaction."""
    register = BOOKS[kind][0]
    book = reader.SourceBook(Path(path))
    sheet = reader.assign_sheets(book, [register]).get(register.kind)
    if sheet is None:
        raise KnownError(f"{path} 中找不到“{register.sheet}”工作表（或其中没有可识别的列名行）。请使用导入模板。")
    table = reader.read_register(book, register, sheet)
    lists, source = settings.value_lists(), Path(path).name

    def before_write(stage: ProgressFn) -> None:
        backup.backup_now(backup.BEFORE_IMPORT, progress=stage)

    if kind == "relief":
        run = ReliefImport(table, lists, source)
        done = run.run(progress, before_write)
        detail = f"（现金 {figures(done.cash)} 元，物资 {figures(done.goods)} 元，新增人员 {done.people} 人）"
        return RegisterImportReport(done.reliefs, 0, 0, tuple(run.warnings), "救助记录", "条", detail)
    if kind == "campaigns":
        added = _import_simple(table, lists, source, _campaign_plans, Campaign, progress, before_write)
        return RegisterImportReport(added, 0, 0, (), "帮扶活动", "个")
    added = _import_simple(table, lists, source, _entry_plans, FundEntry, progress, before_write)
    return RegisterImportReport(added, 0, 0, (), "资金收入", "笔")


Plans = Callable[[RegisterTable, Sequence[ParsedRow], list[FieldError]], list[dict[str, Any]]]


def _import_simple(table: RegisterTable, lists: ValueLists, source: str, plans_of: Plans, model: Any,
                   progress: ProgressFn, before_write: Callable[[ProgressFn], object]) -> int:
    """Parse and check every row, back up, then check again and insert in one transaction (campaigns, money in)."""
    errors: list[FieldError] = []
    rows = parse_table(table, table.register.key_field, lists, errors)
    count = len(rows)
    progress(0, 2 * count, f"正在检查{table.register.sheet}")
    plans = plans_of(table, rows, list(errors))
    if not plans:
        return 0
    before_write(lambda _done, _total, message: progress(count, 2 * count, message))
    with database.atomic("IMMEDIATE"):
        plans = plans_of(table, rows, list(errors))  # records entered while the backup ran count too
        who, now = session.current_operator(), clock.now()
        for start in range(0, len(plans), INSERT_CHUNK):
            chunk = [{**p, "created_by": who, "created_at": now} for p in plans[start:start + INSERT_CHUNK]]
            model.insert_many(chunk).execute()
            progress(count + start + len(chunk), 2 * count, f"正在写入{table.register.sheet}")
        audit.record(AuditAction.IMPORT, target_kind=TARGET_KINDS[table.register.kind], target_label=source[:100],
                     details={"文件": source, "登记簿": table.register.title, "条数": len(plans)})
    return len(plans)


class _Problems:
    """Problems found on a sheet, each with its row and column; raised together."""

    def __init__(self, table: RegisterTable, errors: list[FieldError]) -> None:
        self.table, self.errors = table, errors

    def add(self, row: int, key: str, message: str) -> None:
        label = self.table.register.field(key).label
        self.errors.append(FieldError(key, label, message, row=row, sheet=self.table.sheet))

    def raise_any(self) -> None:
        if self.errors:
            order = {f.key: n for n, f in enumerate(self.table.register.fields)}
            raise ValidationError(sorted(self.errors, key=lambda e: (e.row or 0, order.get(e.field, 99))))


def _unknown_fund(name: str) -> str:
    return f"系统中没有名为“{name}”的资金（导入不新建资金），请先新建该资金或改用已有资金的名称"


def _campaign_plans(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> list[dict[str, Any]]:
    """The campaigns to create, each checked as create_campaign checks one."""
    problems = _Problems(table, errors)
    fund_ids = {f.name: f.id for f in funds.list_funds(include_inactive=True)}
    taken = {name for (name,) in tuples(Campaign.select(Campaign.name))}
    first: dict[str, int] = {}
    plans = []
    for row in rows:
        values, at, before = row.values, row.number, len(errors)
        name = _text(values, "name")
        if name in taken:
            problems.add(at, "name", f"系统中已有名为“{name}”的活动")
        elif name in first:
            problems.add(at, "name", f"与第{first[name]}行的活动名称重复")
        first.setdefault(name, at)
        start, end = values.get("start_date"), values.get("end_date")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and end < start:
            problems.add(at, "end_date", "不能早于开始日期")
        try:
            parse_items(_text(values, "standard_items"))
        except KnownError as exc:
            problems.add(at, "standard_items", str(exc))
        fund = _text(values, "fund")
        if fund and fund not in fund_ids:
            problems.add(at, "fund", _unknown_fund(fund))
        if row.ok and len(errors) == before:
            plans.append({"name": name, "relief_type": values["relief_type"], "start_date": start, "end_date": end,
                          "standard_amount": values.get("standard_amount"),
                          "standard_items": _text(values, "standard_items"), "fund": fund_ids.get(fund),
                          "note": _text(values, "note")})
    problems.raise_any()
    return plans


def _entry_plans(table: RegisterTable, rows: Sequence[ParsedRow], errors: list[FieldError]) -> list[dict[str, Any]]:
    """The money in to record, each checked as funds.add_entry checks one; corrections in sheet order."""
    problems = _Problems(table, errors)
    views = {f.name: f for f in funds.list_funds(include_inactive=True)}
    balances = {f.id: f.balance for f in views.values()}
    plans = []
    for row in rows:
        values, at, before = row.values, row.number, len(errors)
        name, amount, day = _text(values, "fund"), values.get("amount"), values.get("on_date")
        fund = views.get(name)
        if name and fund is None:
            problems.add(at, "fund", _unknown_fund(name))
        if isinstance(day, datetime.date) and day > clock.today():
            problems.add(at, "on_date", "入账日期不能晚于今天")
        if isinstance(amount, Decimal):
            if amount == 0:
                problems.add(at, "amount", "金额不能为0")
            elif amount < 0 and not _text(values, "note"):
                problems.add(at, "note", "冲减（负数金额）须在备注中说明原因")
            if fund is not None and row.ok:
                balances[fund.id] += amount
                if amount < 0 and balances[fund.id] < 0:
                    problems.add(at, "amount", f"冲减后“{name}”余额将为 {figures(balances[fund.id])} 元（负数）")
        if row.ok and fund is not None and len(errors) == before:
            plans.append({"fund": fund.id, "on_date": day, "source": values["source"], "amount": amount,
                          "document_no": _text(values, "document_no"), "note": _text(values, "note")})
    problems.raise_any()
    return plans
