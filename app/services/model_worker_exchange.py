"""The model-worker registers to and from Excel: export (masked by default), template guide, all-or-nothing import.

exchange.py dispatches the kinds named in BOOKS here; each workbook has one sheet driven by its
register description (app.registers.model_workers). Imports only add records; a row already on
record exactly as written is skipped, so an exported register can be imported again.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.excel import reader, writer
from app.excel.reader import parse_table
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.registers.base import Register
from app.registers.model_workers import (
    HEALTH_CHECKS,
    MODEL_WORKER_EVENTS,
    MODEL_WORKER_VISITS,
    MODEL_WORKERS,
    SUBSIDY_ENTRIES,
)
from app.services import audit, backup, settings
from app.services.audit import AuditAction
from app.services.household_import import ImportReport
from app.services.model_worker_forms import highest_level
from app.services.model_worker_import import PLANNERS, Planned
from app.services.model_workers import honours_of, status_on
from app.session import Permission
from db.database import database, tuples
from db.models import Fund, HealthCheck, ModelWorker, ModelWorkerEvent, ModelWorkerVisit, Person, SubsidyEntry

BOOKS: dict[str, tuple[Register]] = {r.kind: (r,) for r in (MODEL_WORKERS, MODEL_WORKER_EVENTS, MODEL_WORKER_VISITS,
                                                           HEALTH_CHECKS, SUBSIDY_ENTRIES)}
UNITS = {"model-workers": "人", "model-worker-events": "条", "model-worker-visits": "人次", "health-checks": "人次",
         "subsidy-entries": "笔"}
MASKED_NOTE = "（已隐去身份证号、电话中间位，出生日期只显示年份）"
FULL_NOTE = "  含完整身份信息，请妥善保管，勿外传"
ZERO = Decimal("0.00")
HEADER_NOTE = ("1. 第3行是列名，请勿改动；从第4行起每行填写一条，空行会被跳过。列的先后可以调整，"
               "用不到的选填列可以删除。身份证号列已设为文本格式，从其他表格粘贴时请用“选择性粘贴—数值”。")
CHECK_NOTE = ("导入时先检查全部行：有任何错误都不会写入，并列出每处错误的行号、列名和原因。导入只新增记录；"
              "与系统中已有记录完全相同的行会跳过（本系统导出的登记簿可再次导入）。")
WORKER_NOTE = "2. 每行一条，用“身份证号”对应劳模档案（须已建档）；“姓名”可留空，填写时须与档案一致。"
GUIDES: dict[str, tuple[str, ...]] = {
    "model-workers": (
        HEADER_NOTE,
        "2. 每行一位劳模（市级以上劳模及县级劳模均可），身份证号已在劳模档案中的报错；系统中已有此人（如困难职工）的，"
        "姓名须一致。",
        "3. 荣誉称号可填多项，每项写成 年份+级别+称号，如 2015年市级劳动模范、2019年省部级五一劳动奖章；"
        "文号可写在括号中。级别为全国、省部级、市级、县级。",
        "4. 建档日期即动态管理中“新增”的日期；以后的调出、退休、去世、撤销称号请在劳模动态登记簿中登记。"
        "性别、出生日期、最高级别、当前状态由系统填写。",
        "5. " + CHECK_NOTE,
    ),
    "model-worker-events": (
        HEADER_NOTE, WORKER_NOTE,
        "3. 同一劳模的变动按日期先后检查：不能早于上一次变动，去世或撤销称号后不能再变动，退休只能一次；"
        "“新增”只用于调出后重新调入。变动后状态由系统按变动类型填写。",
        "4. " + CHECK_NOTE,
    ),
    "model-worker-visits": (
        HEADER_NOTE, WORKER_NOTE,
        "3. 慰问金和慰问品至少填一项。“资金”填资金名称（须已建立），慰问金从该资金支出，余额不足的行报错。",
        "4. 同一次集中走访请填同一“走访批次”，以便打印慰问签领表。只能登记在职或退休劳模的走访。",
        "5. " + CHECK_NOTE,
    ),
    "health-checks": (
        HEADER_NOTE, WORKER_NOTE,
        "3. 每人每年一次体检；体检日期应在体检年度内（或次年年初）。",
        "4. " + CHECK_NOTE,
    ),
    "subsidy-entries": (
        HEADER_NOTE,
        "2. 资金入账：身份证号留空，填资金来源和金额。发放补助金：填劳模的身份证号、补助期间和金额，"
        "同一人同一期间只能发放一次。",
        "3. 按日期先后计算专户余额，任何一笔发放使余额小于零的行报错（列出当时的余额）。收支、余额由系统填写。",
        "4. " + CHECK_NOTE,
    ),
}


@dataclass(frozen=True)
class ModelWorkerImportReport(ImportReport):
    """What an import of a model-worker register did: rows added, rows already on record skipped."""

    what: str = "记录"
    unit: str = "条"

    def describe(self) -> str:
        skipped = f"，与已有记录相同而跳过 {self.unchanged} {self.unit}" if self.unchanged else ""
        return f"导入完成：新增{self.what} {self.created} {self.unit}{skipped}"


def _archive_rows(ids: Sequence[int] | None) -> Iterator[dict[str, object]]:
    statuses = status_on(datetime.date.max)
    wanted = [w for w in statuses if ids is None or w in set(ids)]
    honours = honours_of(wanted)
    added = {}
    for wid, day, reason, document in tuples(
            ModelWorkerEvent.select(ModelWorkerEvent.model_worker, ModelWorkerEvent.on_date, ModelWorkerEvent.reason,
                                    ModelWorkerEvent.document_no)
            .where(ModelWorkerEvent.event == "新增").order_by(ModelWorkerEvent.on_date.desc())):
        added[wid] = (day, reason, document)     # the first 新增 is kept
    for w in (ModelWorker.select(ModelWorker, Person).join(Person).where(ModelWorker.id.in_(wanted))
              .order_by(Person.name_pinyin, ModelWorker.id)):
        mine = honours.get(w.id, ())
        day, reason, document = added.get(w.id, (None, "", ""))
        yield {"name": w.person.name, "id_number": w.person.id_number, "sex": w.person.sex,
               "birth_date": w.person.birth_date,
               "honours": tuple((h.title, h.level, h.year, h.document_no) for h in mine),
               "highest_level": highest_level(h.level for h in mine), "work_unit": w.work_unit, "job": w.job,
               "phone": w.phone, "address": w.address, "studio": w.studio, "added_on": day, "added_reason": reason,
               "added_document": document, "status": statuses[w.id][0], "status_since": statuses[w.id][1],
               "note": w.note}


def _people() -> dict[int | None, tuple[str, str | None]]:
    return {wid: (name, number) for wid, name, number in tuples(
        ModelWorker.select(ModelWorker.id, Person.name, Person.id_number).join(Person))}


def _rows(kind: str, ids: Sequence[int] | None) -> Iterator[dict[str, object]]:
    """The rows of one register; ids (model workers) limits them to those workers."""
    if kind == "model-workers":
        yield from _archive_rows(ids)
        return
    people = _people()
    model: Any = {"model-worker-events": ModelWorkerEvent, "model-worker-visits": ModelWorkerVisit,
             "health-checks": HealthCheck, "subsidy-entries": SubsidyEntry}[kind]
    query = model.select().order_by(model.on_date, model.id)
    if ids is not None:
        query = query.where(model.model_worker.in_(list(ids)))
    fund_names: dict[int | None, str] = dict(tuples(Fund.select(Fund.id, Fund.name)))
    balance = ZERO
    for row in query:
        name, number = people.get(row.model_worker_id, ("", None))
        values = {**row.__data__, "name": name, "id_number": number}
        if kind == "model-worker-visits":
            values["fund"] = fund_names.get(row.fund_id, "")
        if kind == "subsidy-entries":
            paid = row.model_worker_id is not None
            balance += -row.amount if paid else row.amount
            values.update(kind="发放" if paid else "收入", balance=balance if ids is None else None)
        yield values


def export_register(kind: str, out: Path, *, masked: bool = True, ids: Sequence[int] | None = None,
                    progress: ProgressFn = no_progress) -> int:
    """Write one model-worker register (the caller checked the permission); returns the number of rows, audited."""
    register = BOOKS[kind][0]
    masking = MASKED_NOTE if masked else FULL_NOTE
    with database.atomic():  # one consistent snapshot
        office = settings.office_name()
        rows = list(_rows(kind, ids))
        heading = writer.Heading(f"{office}{register.title}",
                                 f"导出日期：{clock.today().isoformat()}  共 {len(rows)} {UNITS[kind]}{masking}")
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            sheet = writer.RegisterSheet(book, register, heading, masked=masked)
            for values in rows:
                born = values.get("birth_date")
                if masked and isinstance(born, datetime.date):
                    values["birth_date"] = f"{born.year}年"
                sheet.append(values)
            sheet.close()
            progress(len(rows), len(rows), "正在保存")
            try:
                book.save(temp)
            except OSError as exc:
                raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.EXPORT, target_kind="model_worker", target_label=register.title,
                 details={"登记簿": register.title, "条数": len(rows), "文件": Path(out).name,
                          "身份信息": "隐去中间位" if masked else "含完整身份信息"})
    return len(rows)


def _plan(kind: str, table: reader.RegisterTable) -> Planned:
    errors: list[FieldError] = []
    rows = parse_table(table, table.register.key_field, settings.value_lists(), errors)
    planned = PLANNERS[kind](table, rows, errors)
    if errors:
        order = {f.key: n for n, f in enumerate(table.register.fields)}
        raise ValidationError(sorted(errors, key=lambda e: (e.row or 0, order.get(e.field, 99))))
    return planned


def import_register(kind: str, path: Path, *, progress: ProgressFn = no_progress) -> ImportReport:
    """Check every row, back up the database, then add the records in one transaction (or nothing at all)."""
    session.require(Permission.IMPORT)
    register = BOOKS[kind][0]
    book = reader.SourceBook(Path(path))
    sheet = reader.assign_sheets(book, [register]).get(register.kind)
    if sheet is None:
        raise KnownError(f"{path} 中找不到“{register.sheet}”工作表（或其中没有可识别的列名行）。请使用导入模板。")
    table = reader.read_register(book, register, sheet)
    count = len(table.rows)
    progress(0, 2 * count, f"正在检查{register.sheet}")
    planned = _plan(kind, table)
    if planned.writes:
        backup.backup_now(backup.BEFORE_IMPORT, progress=lambda _d, _t, message: progress(count, 2 * count, message))
        with database.atomic("IMMEDIATE"):
            planned = _plan(kind, table)  # anything recorded while the backup ran counts too
            for done, write in enumerate(planned.writes, 1):
                write()
                if done % 100 == 0:
                    progress(count + done, 2 * count, f"正在写入{register.sheet}")
            audit.record(AuditAction.IMPORT, target_kind="model_worker", target_label=Path(path).name[:100],
                         details={"文件": Path(path).name, "登记簿": register.title, "条数": len(planned.writes),
                                  "跳过": planned.unchanged})
    return ModelWorkerImportReport(len(planned.writes), 0, planned.unchanged, (), register.sheet, UNITS[kind])
