"""Registers to and from Excel: the formatted export, the import template and the import.

The households workbook has two sheets, 困难职工档案 (one row a file) and 家庭成员 (one row a
member), each driven by its register description (app.registers.households). The relief kinds
(救助记录, 帮扶活动, 资金收入: relief_exchange.BOOKS) have one sheet each and are handled there; so are the
培训就业 kinds (培训班, 培训学员, 再就业 …: employment_exchange.BOOKS) and the 劳模 kinds (劳模档案, 劳模动态,
走访慰问, 劳模体检, 补助金专户: model_worker_exchange.BOOKS). The 信访 and 法律援助 kinds (信访接待; 法律援助案件 with
its 申请人 sheet) are handled in reception_exchange.BOOKS.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import clock, session, vocab
from app.errors import FieldError, KnownError, ValidationError
from app.excel import reader, template, writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.registers.base import Register, ValueLists
from app.registers.households import FAMILY_MEMBERS, HOUSEHOLDS
from app.services import (
    audit,
    backup,
    employment_exchange,
    household_rows,
    model_worker_exchange,
    reception_exchange,
    relief_exchange,
    settings,
)
from app.services.audit import AuditAction
from app.services.household_import import HouseholdImport, ImportReport
from app.session import Permission
from db.database import database

__all__ = ["BOOKS", "ExportResult", "ImportReport", "export_register", "import_register", "write_template"]

# Each kind of workbook and the registers of its sheets, in sheet order.
BOOKS: dict[str, tuple[Register, Register]] = {"households": (HOUSEHOLDS, FAMILY_MEMBERS)}
PROGRESS_EVERY = 500
MASKED_NOTE = "（已隐去身份证号、手机号、银行卡号中间位，出生日期只显示年份）"
FULL_NOTE = "  含完整身份信息，请妥善保管，勿外传"
GUIDE_NOTES = (
    "1. 每个工作表第3行是列名，请勿改动；从第4行起每行填写一条记录，空行会被跳过。列的先后可以调整，"
    "用不到的选填列可以删除。",
    "2. “困难职工档案”表每户一行（职工本人）；“家庭成员”表每位家庭成员一行（不含职工本人），"
    "用“职工身份证号”对应到档案。",
    "3. 身份证号、手机、银行卡号列已设为文本格式。从其他表格粘贴时请用“选择性粘贴—数值”，"
    "以免被 Excel 存成数字（18位号码存成数字会丢失末几位）。",
    "4. 导入时先检查全部行：有任何错误都不会写入，并列出每处错误的工作表、行号、列名和原因。",
    "5. 身份证号已有档案的，默认报错；选择“更新已有档案”（命令行 --update）时用本表修改该档案："
    "表中有的列替换原值，没有的列保持不变；此时“家庭成员”表中该户的成员将替换原有成员。",
    "6. 家庭人口、家庭年度总收入、家庭月人均收入、人均住房面积由系统计算，不必填写。",
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    unit: str = "户"   # what a row is: 户 (households), 条 (reliefs), 个 (campaigns), 笔 (money in)


def kinds() -> list[str]:
    """Every kind of register workbook: households, the relief, the 培训就业 and the 劳模 registers."""
    return [*BOOKS, *relief_exchange.BOOKS, *employment_exchange.BOOKS, *model_worker_exchange.BOOKS,
            *reception_exchange.BOOKS]


def birth_year_only(rows: Iterable[dict[str, object]]) -> Iterator[dict[str, object]]:
    """Rows for a masked export: the birth date is the hidden middle of the ID number, so only its year."""
    for row in rows:
        born = row.get("birth_date")
        if isinstance(born, datetime.date):
            row["birth_date"] = f"{born.year}年"
        yield row


def registers_of(kind: str) -> tuple[Register, Register]:
    if kind not in BOOKS:
        raise KnownError(f"没有名为“{kind}”的登记簿（可用：{'、'.join(kinds())}）")
    return BOOKS[kind]


def _save(book: Any, temp: Path, out: Path) -> None:
    try:
        book.save(temp)
    except OSError as exc:
        raise explain_os_error(out, exc) from exc


def export_register(kind: str, out: Path, *, masked: bool = True, ids: Sequence[int] | None = None,
                    progress: ProgressFn = no_progress) -> ExportResult:
    """Write the register workbook (every file ordered by 档案编号, or the given ones in order).

    Masked unless asked otherwise; a workbook with full identity numbers (含完整身份信息, for
    reporting upward) needs the permission, and every export is written to the audit trail.
    """
    session.require(Permission.EXPORT_MASKED if masked else Permission.EXPORT_FULL)
    if kind in relief_exchange.BOOKS:
        written = relief_exchange.export_register(kind, out, masked=masked, ids=ids, progress=progress)
        return ExportResult(out, written, relief_exchange.UNITS[kind])
    if kind in employment_exchange.BOOKS:
        written = employment_exchange.export_register(kind, out, masked=masked, ids=ids, progress=progress)
        return ExportResult(out, written, employment_exchange.UNITS[kind])
    if kind in model_worker_exchange.BOOKS:
        written = model_worker_exchange.export_register(kind, out, masked=masked, ids=ids, progress=progress)
        return ExportResult(out, written, model_worker_exchange.UNITS[kind])
    if kind in reception_exchange.BOOKS:
        written = reception_exchange.export_register(kind, out, masked=masked, ids=ids, progress=progress)
        return ExportResult(out, written, reception_exchange.UNITS[kind])
    households, members = registers_of(kind)
    masking = MASKED_NOTE if masked else FULL_NOTE
    today = clock.today().isoformat()
    with database.atomic():  # one consistent snapshot of both sheets
        office = settings.office_name()
        count, member_count = household_rows.household_count(ids), household_rows.member_count(ids)
        total = count + member_count
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            sheet = writer.RegisterSheet(book, households, writer.Heading(
                f"{office}{households.title}", f"导出日期：{today}  共 {count} 户{masking}"), masked=masked)
            rows = household_rows.household_rows(ids)
            for done, values in enumerate(birth_year_only(rows) if masked else rows, 1):
                sheet.append(values)
                if done % PROGRESS_EVERY == 0:
                    progress(done, total, "正在导出档案")
            sheet.close()
            sheet = writer.RegisterSheet(book, members, writer.Heading(
                f"{office}{members.title}", f"导出日期：{today}  共 {count} 户 {member_count} 人{masking}"),
                masked=masked)
            rows = household_rows.member_rows(ids)
            for done, values in enumerate(birth_year_only(rows) if masked else rows, count + 1):
                sheet.append(values)
                if done % PROGRESS_EVERY == 0:
                    progress(done, total, "正在导出家庭成员")
            sheet.close()
            progress(total, total, "正在保存")
            _save(book, temp, out)
    audit.record(AuditAction.EXPORT, target_kind="household", target_label=households.title,
                 details={"登记簿": households.title, "户数": count, "人数": member_count, "文件": Path(out).name,
                          "身份信息": "隐去中间位" if masked else "含完整身份信息"})
    return ExportResult(out, count)


def _template_lists() -> tuple[str, ValueLists]:
    """The office name and value lists: from the database if one is open, else the defaults.

    Bound is enough: the window writes templates on a worker thread, whose connection opens on first use."""
    if database.obj is not None:
        return settings.office_name(), settings.value_lists()
    lists: dict[str, tuple[str, ...]] = dict(vocab.FIXED_LISTS)
    for name, values in vocab.CONFIGURABLE_LISTS.items():
        inactive = vocab.INACTIVE_BY_DEFAULT.get(name, frozenset())
        lists[name] = tuple(v for v in values if v not in inactive)
    return settings.DEFAULTS["office_name"], lists


def write_template(kind: str, out: Path) -> Path:
    """Write the empty import template: the sheets, the 填表说明 guide and drop-down lists."""
    registers: Sequence[Register] = (relief_exchange.BOOKS.get(kind) or employment_exchange.BOOKS.get(kind)
                                     or model_worker_exchange.BOOKS.get(kind) or reception_exchange.BOOKS.get(kind)
                                     or registers_of(kind))
    notes = (relief_exchange.GUIDES.get(kind) or employment_exchange.GUIDES.get(kind)
             or model_worker_exchange.GUIDES.get(kind) or reception_exchange.GUIDES.get(kind, GUIDE_NOTES))
    office, lists = _template_lists()
    with atomic_output(out) as temp, writer.streaming_workbook() as book:
        template.write_template(book, registers, office=office, lists=lists, notes=notes)
        _save(book, temp, out)
    return out


def import_register(kind: str, path: Path, *, update: bool = False,
                    progress: ProgressFn = no_progress) -> ImportReport:
    """Check every row of both sheets, back up the database, then create (or with update=True also
    update) the files in one transaction. Any problem raises ValidationError listing all of them;
    nothing is written. The relief kinds only add records (update is refused)."""
    session.require(Permission.IMPORT)
    if kind in relief_exchange.BOOKS:
        if update:
            raise KnownError("救助记录、帮扶活动和资金收入的导入只新增记录，不能更新已有记录（不要加 --update）。")
        return relief_exchange.import_register(kind, Path(path), progress=progress)
    if kind in employment_exchange.BOOKS:
        return employment_exchange.import_register(kind, Path(path), update=update, progress=progress)
    if kind in model_worker_exchange.BOOKS:
        if update:
            raise KnownError("劳模登记簿的导入只新增记录，不能更新已有记录（不要加 --update）；"
                             "修改请在劳模档案中办理。")
        return model_worker_exchange.import_register(kind, Path(path), progress=progress)
    if kind in reception_exchange.BOOKS:
        if update:
            raise KnownError("信访和法律援助登记簿的导入只新增记录，不能更新已有记录（不要加 --update）；"
                             "修改请在信访、法律援助中办理。")
        return reception_exchange.import_register(kind, Path(path), progress=progress)
    registers = registers_of(kind)
    book = reader.SourceBook(Path(path))
    sheets = reader.assign_sheets(book, registers)
    if not sheets:
        raise KnownError(f"{path} 中找不到“{registers[0].sheet}”或“{registers[1].sheet}”工作表"
                         "（或其中没有可识别的列名行）。请使用导入模板。")
    tables: list[reader.RegisterTable | None] = []
    errors: list[FieldError] = []
    for register in registers:
        sheet = sheets.get(register.kind)
        if sheet is None:
            tables.append(None)
            continue
        try:
            tables.append(reader.read_register(book, register, sheet))
        except ValidationError as exc:
            errors.extend(exc.errors)
            tables.append(None)
    if errors:
        raise ValidationError(errors)
    run = HouseholdImport(tables[0], tables[1], registers, update=update, lists=settings.value_lists())
    run.source = Path(path).name
    # Every row passed: back up the database just before writing (backup.BEFORE_IMPORT).
    return run.run(progress, before_write=lambda stage: backup.backup_now(backup.BEFORE_IMPORT, progress=stage))
