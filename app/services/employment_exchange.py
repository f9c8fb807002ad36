"""The 培训就业 registers to and from Excel: export, template guides and import, for exchange.py to dispatch.

A parent's workbook carries its children on a second sheet (培训班 with 培训学员, 结对帮扶 with its records,
互助保障参保 with its claims); the children's kinds have their sheet alone. Exports mask ID numbers and
phones unless asked otherwise; imports check every row of every sheet and write all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app import clock
from app.errors import FieldError, KnownError, ValidationError
from app.excel import reader, writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.registers.base import Register
from app.registers.employment import (
    LOANS,
    MUTUAL_AID,
    MUTUAL_AID_CLAIMS,
    PAIRING_AID,
    PAIRINGS,
    PLACEMENTS,
    REFERRALS,
    TRAINEES,
    TRAINING_SESSIONS,
)
from app.services import audit, backup, employment_rows, settings
from app.services.audit import AuditAction
from app.services.employment_import import Handler, ImportRun
from app.services.household_import import ImportReport
from app.services.jobs_import import LoanSheet, PlacementSheet, ReferralSheet
from app.services.mutual_aid_import import ClaimSheet, EnrolmentSheet
from app.services.pairing_import import AidSheet, PairingSheet
from app.services.training_import import SessionSheet, TraineeSheet
from db.database import database

BOOKS: dict[str, tuple[Register, ...]] = {
    "training-sessions": (TRAINING_SESSIONS, TRAINEES),
    "trainees": (TRAINEES,),
    "placements": (PLACEMENTS,),
    "referrals": (REFERRALS,),
    "loans": (LOANS,),
    "pairings": (PAIRINGS, PAIRING_AID),
    "pairing-aid": (PAIRING_AID,),
    "mutual-aid": (MUTUAL_AID, MUTUAL_AID_CLAIMS),
    "mutual-aid-claims": (MUTUAL_AID_CLAIMS,),
}
UNITS = {"training-sessions": "个", "trainees": "人", "placements": "人", "referrals": "人次", "loans": "笔",
         "pairings": "户", "pairing-aid": "条", "mutual-aid": "人", "mutual-aid-claims": "笔"}
HANDLERS: dict[str, Callable[[ImportRun], Handler]] = {
    "training-sessions": SessionSheet, "trainees": TraineeSheet, "placements": PlacementSheet,
    "referrals": ReferralSheet, "loans": LoanSheet, "pairings": PairingSheet, "pairing-aid": AidSheet,
    "mutual-aid": EnrolmentSheet, "mutual-aid-claims": ClaimSheet,
}
UPDATABLE = frozenset({"training-sessions", "trainees"})
PROGRESS_EVERY = 500
MASKED_NOTE = "（已隐去身份证号、手机号中间位）"
FULL_NOTE = "  含完整身份信息，请妥善保管，勿外传"
HEADER_NOTE = ("1. 每个工作表第3行是列名，请勿改动；从第4行起每行填写一条，空行会被跳过。"
               "列的先后可以调整，用不到的选填列可以删除。")
PERSON_NOTE = ("人员以身份证号确定：系统中已有此人的，姓名须与系统一致；没有的按本行姓名新增人员（同一身份证号在各行、"
               "各表中的姓名须相同）。身份证号、手机列已设为文本格式，从其他表格粘贴时请用“选择性粘贴—数值”，"
               "以免被 Excel 存成数字。")
CHECK_NOTE = "导入时先检查全部行：有任何错误都不会写入，并列出每处错误的工作表、行号、列名和原因。"
ONLY_ADD = "导入只新增记录，与系统中已有记录重复的行报错。"
GUIDES: dict[str, tuple[str, ...]] = {
    "training-sessions": (
        HEADER_NOTE,
        "2. “培训班”表每行一期培训班，名称不能与系统中已有的重复；技能培训须填工种。费用仅作记录，不从资金余额中支出。",
        "3. “培训学员”表每行一名学员，用“培训班名称”对应到本工作簿“培训班”表或系统中已有的培训班；"
        "同一人在同一期只能一行。"
        "有证书编号的视为已结业。",
        "4. " + PERSON_NOTE,
        "5. " + CHECK_NOTE + "选择“更新已有记录”（命令行 --update）时，系统中已有的培训班和学员按本表修改，其余新增。",
    ),
    "trainees": (
        HEADER_NOTE,
        "2. 每行一名学员；“培训班名称”须是系统中已有的培训班。同一人在同一期只能一行；有证书编号的视为已结业。",
        "3. " + PERSON_NOTE,
        "4. " + CHECK_NOTE + "选择“更新已有记录”（命令行 --update）时，已在该培训班中的学员按本表修改类别、"
        "结业、证书和备注。",
    ),
    "placements": (HEADER_NOTE, "2. 每行一人次再就业；有在办档案的记在其档案上，但导入不修改档案的致困原因。",
                   "3. " + PERSON_NOTE, "4. " + CHECK_NOTE + ONLY_ADD),
    "referrals": (HEADER_NOTE, "2. 每行一次职业介绍；结果留空为“待反馈”。", "3. " + PERSON_NOTE,
                  "4. " + CHECK_NOTE + ONLY_ADD),
    "loans": (HEADER_NOTE, "2. 每行一笔创业贷款；借款人性别按身份证号，不必填写。期限留空为12个月，"
              "还款情况留空为“还款中”。",
              "3. " + PERSON_NOTE, "4. " + CHECK_NOTE + ONLY_ADD),
    "pairings": (
        HEADER_NOTE,
        "2. “结对帮扶”表每行一个结对：结对户以职工本人的身份证号确定，须有在办的困难职工档案。",
        "3. “结对帮扶记录”表每行一次帮扶，以职工身份证号和干部姓名对应到结对（本工作簿或系统中已有的），"
        "日期须在结对期间。"
        "资金填金额，物品填折价；项目、致富信息、法律援助填数量，不填金额。",
        "4. " + CHECK_NOTE + ONLY_ADD,
    ),
    "pairing-aid": (
        HEADER_NOTE,
        "2. 每行一次帮扶，以职工身份证号和干部姓名对应到系统中已有的结对，日期须在结对期间。"
        "资金填金额，物品填折价；项目、致富信息、法律援助填数量，不填金额。",
        "3. " + CHECK_NOTE + ONLY_ADD,
    ),
    "mutual-aid": (
        HEADER_NOTE,
        "2. “互助保障参保”表每行一人一年度一个保障项目；“互助保障理赔”表每行一笔赔付，以身份证号、参保年度和保障项目"
        "对应到参保记录（本工作簿或系统中已有的）。",
        "3. " + PERSON_NOTE, "4. " + CHECK_NOTE + ONLY_ADD,
    ),
    "mutual-aid-claims": (
        HEADER_NOTE,
        "2. 每行一笔赔付，以身份证号、参保年度和保障项目对应到系统中已有的参保记录。",
        "3. " + CHECK_NOTE + ONLY_ADD,
    ),
}


@dataclass(frozen=True)
class JobsImportReport(ImportReport):
    """What an import of a 培训就业 workbook did, sheet by sheet."""

    detail: str = ""

    def describe(self) -> str:
        return f"导入完成：{self.detail}"


def _save(book: object, temp: Path, out: Path) -> None:
    try:
        book.save(temp)  # type: ignore[attr-defined]
    except OSError as exc:
        raise explain_os_error(out, exc) from exc


def export_register(kind: str, out: Path, *, masked: bool = True, ids: Sequence[int] | None = None,
                    progress: ProgressFn = no_progress) -> int:
    """Write a kind's workbook (the caller checked the permission); returns the rows of its first sheet, audited."""
    registers = BOOKS[kind]
    with database.atomic():   # one consistent snapshot of every sheet
        office, today = settings.office_name(), clock.today().isoformat()
        sheets = list(employment_rows.book_rows(kind, ids))
        total = sum(len(rows) for rows in sheets)
        done = 0
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            for register, rows in zip(registers, sheets, strict=True):
                personal = any(f.mask is not None for f in register.fields)
                note = (MASKED_NOTE if masked else FULL_NOTE) if personal else ""
                sheet = writer.RegisterSheet(book, register, writer.Heading(
                    f"{office}{register.title}", f"导出日期：{today}  共 {len(rows)} {UNITS[register.kind]}{note}"),
                    masked=masked)
                for values in rows:
                    sheet.append(values)
                    done += 1
                    if done % PROGRESS_EVERY == 0:
                        progress(done, total, f"正在导出{register.sheet}")
                sheet.close()
            progress(total, total, "正在保存")
            _save(book, temp, out)
    counts = {r.title: len(rows) for r, rows in zip(registers, sheets, strict=True)}
    audit.record(AuditAction.EXPORT, target_kind=kind, target_label=registers[0].title,
                 details={**counts, "文件": Path(out).name, "身份信息": "隐去中间位" if masked else "含完整身份信息"})
    return len(sheets[0])


def import_register(kind: str, path: Path, *, update: bool = False,
                    progress: ProgressFn = no_progress) -> ImportReport:
    """Check every row of the kind's sheets, back up the database, then write them all in one transaction."""
    registers = BOOKS[kind]
    if update and kind not in UPDATABLE:
        raise KnownError("“更新已有记录”只适用于培训班和培训学员；其他登记簿的导入只新增记录（不要加 --update）。")
    book = reader.SourceBook(Path(path))
    found = reader.assign_sheets(book, registers)
    if not found:
        names = "”或“".join(r.sheet for r in registers)
        raise KnownError(f"{path} 中找不到“{names}”工作表（或其中没有可识别的列名行）。请使用导入模板。")
    tables: list[reader.RegisterTable] = []
    errors: list[FieldError] = []
    for register in registers:
        if register.kind in found:
            try:
                tables.append(reader.read_register(book, register, found[register.kind]))
            except ValidationError as exc:
                errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    run = ImportRun(tables, HANDLERS, settings.value_lists(), Path(path).name, update=update)
    outcomes = run.run(progress, lambda stage: backup.backup_now(backup.BEFORE_IMPORT, progress=stage))
    parts = [f"{o.what}新增 {o.created} {o.unit}" + (f"、更新 {o.updated} {o.unit}" if o.updated else "")
             for o in outcomes]
    if run.people.added:
        parts.append(f"新增人员 {run.people.added} 人")
    return JobsImportReport(sum(o.created for o in outcomes), sum(o.updated for o in outcomes), 0, (),
                            "，".join(parts))
