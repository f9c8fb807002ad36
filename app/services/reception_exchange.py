"""The reception and legal-aid registers to and from Excel: 信访接待, 法律援助案件 with 申请人 (export, guide, import).

exchange.py dispatches the kinds named in BOOKS here. The petitions workbook has one sheet; the
legal-cases workbook two, the cases and their named applicants, linked by 案件编号. Exports are
masked unless asked otherwise; imports check every row of every sheet and then write all of it in
one transaction, or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from app import clock, session
from app.errors import FieldError, KnownError, ValidationError
from app.excel import reader, writer
from app.excel.reader import ParsedRow, RegisterTable, parse_table
from app.files import atomic_output, explain_os_error
from app.money import figures
from app.progress import ProgressFn, no_progress
from app.registers.base import Register
from app.registers.reception import LEGAL_APPLICANTS, LEGAL_CASES, PETITIONS
from app.services import audit, backup, reception_rows, settings
from app.services.audit import AuditAction
from app.services.household_import import ImportReport
from app.services.legal_case_import import CasesPlanned, plan_cases, write_cases
from app.services.petition_import import PetitionsPlanned, plan_petitions, raise_any, write_petitions
from app.services.relief_exchange import RegisterImportReport
from app.session import Permission
from db.database import database

BOOKS: dict[str, tuple[Register, ...]] = {"petitions": (PETITIONS,), "legal-cases": (LEGAL_CASES, LEGAL_APPLICANTS)}
UNITS = {"petitions": "件", "legal-cases": "件"}
TARGET_KINDS = {"petitions": "petition", "legal-cases": "legal_case"}   # as the services record them
MASKED_NOTE = "（已隐去身份证号、电话中间位）"
FULL_NOTE = "  含完整身份信息，请妥善保管，勿外传"
HEADER_NOTE = ("1. 第3行是列名，请勿改动；从第4行起每行填写一条，空行会被跳过。列的先后可以调整，"
               "用不到的选填列可以删除。身份证号、电话列已设为文本格式，从其他表格粘贴时请用“选择性粘贴—数值”。")
CHECK_NOTE = ("导入时先检查全部工作表的全部行：有任何错误都不会写入，并列出每处错误的工作表、行号、列名和原因。"
              "隐去了中间位的身份证号不能导入，请用含完整身份信息的导出或原始资料。")
GUIDES: dict[str, tuple[str, ...]] = {
    "petitions": (
        HEADER_NOTE,
        "2. 每行一次来信、来电或来访。知道身份证号的请填写：系统中已有此人的，姓名须一致；没有的按本行姓名新增人员。"
        "只填姓名的只记在本条信访上；只有来电可以不填姓名（匿名）。",
        "3. 四个环节按实际情况填写：送达办理（送达部门或人、送达日期）；办结（办结日期和办理结果，答复情况选填）；"
        "帮扶档案（关联档案填档案编号或该户职工本人的身份证号，关联案件填已在系统中的案件编号）。日期不能早于接待日期、"
        "不能晚于今天。办理时限按本单位设置的办理天数由系统计算，办理状态由系统填写。",
        "4. 接待时间、方式、姓名和反映问题都与系统中已有记录相同的行视为已导入，会跳过"
        "（本系统导出的登记簿可再次导入）。",
        "5. " + CHECK_NOTE,
    ),
    "legal-cases": (
        HEADER_NOTE,
        "2. “法律援助案件”表每行一个案件；“申请人”表每行一名列名的职工，用“案件编号”对应到案件。"
        "有申请人的案件须填写案件编号（如 法援2025-001）；不列申请人的案件可留空，由系统按受理年份编号。"
        "系统中已有的案件编号报错（导入只新增案件）。",
        "3. 涉及职工人数含未列名的职工（如12名农民工中列名8人，填12），不能少于本案列名的申请人数。",
        "4. 只导入当前阶段（调解、仲裁、诉讼可填开始的阶段日期）；已结案的填结案日期、处理结果和追回金额，"
        "当前阶段留空或填结案。各申请人的追回金额知道时填写，其合计不能超过案件的追回金额。",
        "5. 申请人知道身份证号的请填写：系统中已有此人的，姓名须一致；没有的按本行姓名新增人员。",
        "6. " + CHECK_NOTE,
    ),
}


def _rows(kind: str, ids: Sequence[int] | None) -> list[tuple[Register, list[dict[str, object]], str]]:
    """Each sheet of the kind with its rows and the count its heading gives."""
    if kind == "petitions":
        rows = reception_rows.petition_rows(ids)
        closed = sum(1 for r in rows if r["closed_on"] is not None)
        return [(PETITIONS, rows, f"共 {len(rows)} 件，已办结 {closed} 件")]
    cases = reception_rows.case_rows(ids)
    recovered = sum((r["amount_recovered"] for r in cases if isinstance(r["amount_recovered"], Decimal)),
                    Decimal("0.00"))
    workers = sum(int(str(r["workers_involved"])) for r in cases)
    applicants = reception_rows.applicant_rows([int(str(r["_id"])) for r in cases] if ids is not None else None)
    return [(LEGAL_CASES, cases, f"共 {len(cases)} 件，涉及职工 {workers} 人，追回金额 {figures(recovered)} 元"),
            (LEGAL_APPLICANTS, applicants, f"共 {len(cases)} 件，列名申请人 {len(applicants)} 人")]


def export_register(kind: str, out: Path, *, masked: bool = True, ids: Sequence[int] | None = None,
                    progress: ProgressFn = no_progress) -> int:
    """Write one register workbook (the caller checked the permission); returns the number of rows, audited.

    ids are petition ids for petitions and case ids for legal-cases (their applicants come with them).
    """
    masking = MASKED_NOTE if masked else FULL_NOTE
    with database.atomic():  # one consistent snapshot of every sheet
        office = settings.office_name()
        sheets = _rows(kind, ids)
        today = clock.today().isoformat()
        with atomic_output(out) as temp, writer.streaming_workbook() as book:
            for register, rows, counted in sheets:
                heading = writer.Heading(f"{office}{register.title}", f"导出日期：{today}  {counted}{masking}")
                sheet = writer.RegisterSheet(book, register, heading, masked=masked)
                for values in rows:
                    sheet.append(values)
                sheet.close()
            count = len(sheets[0][1])
            progress(count, count, "正在保存")
            try:
                book.save(temp)
            except OSError as exc:
                raise explain_os_error(out, exc) from exc
    title = BOOKS[kind][0].title
    audit.record(AuditAction.EXPORT, target_kind=TARGET_KINDS[kind], target_label=title,
                 details={"登记簿": title, "条数": count, "文件": Path(out).name,
                          "身份信息": "隐去中间位" if masked else "含完整身份信息"})
    return count


def _read(kind: str, path: Path) -> list[RegisterTable | None]:
    """The register of each sheet of the workbook (None for an optional sheet that is not there)."""
    registers = BOOKS[kind]
    book = reader.SourceBook(Path(path))
    found = reader.assign_sheets(book, registers)
    if registers[0].kind not in found:
        raise KnownError(f"{path} 中找不到“{registers[0].sheet}”工作表（或其中没有可识别的列名行）。请使用导入模板。")
    tables: list[RegisterTable | None] = []
    errors: list[FieldError] = []
    for register in registers:
        sheet = found.get(register.kind)
        try:
            tables.append(reader.read_register(book, register, sheet) if sheet is not None else None)
        except ValidationError as exc:
            errors.extend(exc.errors)
            tables.append(None)
    raise_any(errors, [t for t in tables if t is not None])
    return tables


Planned = PetitionsPlanned | CasesPlanned


def _plan(kind: str, tables: list[RegisterTable | None]) -> Planned:
    """Parse and check every row of every sheet; ValidationError with all the problems, or what to write."""
    errors: list[FieldError] = []
    lists = settings.value_lists()
    present = [t for t in tables if t is not None]
    parsed: list[list[ParsedRow]] = [parse_table(t, t.register.key_field, lists, errors) if t is not None else []
                                     for t in tables]
    planned: Planned
    if kind == "petitions":
        assert tables[0] is not None
        planned = plan_petitions(tables[0], parsed[0], errors)
    else:
        assert tables[0] is not None
        planned = plan_cases(tables[0], parsed[0], tables[1], parsed[1], errors)
    raise_any(errors, present)
    return planned


def import_register(kind: str, path: Path, *, progress: ProgressFn = no_progress) -> ImportReport:
    """Check every row, back up the database, then add everything in one transaction (or nothing at all)."""
    session.require(Permission.IMPORT)
    tables = _read(kind, path)
    count = sum(len(t.rows) for t in tables if t is not None)
    progress(0, 2 * count, f"正在检查{BOOKS[kind][0].sheet}")
    planned = _plan(kind, tables)
    if not planned.plans:
        return _report(kind, planned, 0)
    backup.backup_now(backup.BEFORE_IMPORT, progress=lambda _d, _t, message: progress(count, 2 * count, message))
    source = Path(path).name

    def step(done: int) -> None:
        progress(count + done, 2 * count, f"正在写入{BOOKS[kind][0].sheet}")

    with database.atomic("IMMEDIATE"):
        planned = _plan(kind, tables)  # anything recorded while the backup ran counts too
        written = write_petitions(planned, step) if isinstance(planned, PetitionsPlanned) else \
            write_cases(planned, step)
        details: dict[str, object] = {"文件": source, "登记簿": BOOKS[kind][0].title, "条数": written,
                                      "新增人员": planned.people.created}
        if isinstance(planned, CasesPlanned):
            details["申请人"] = planned.applicants
        audit.record(AuditAction.IMPORT, target_kind=TARGET_KINDS[kind], target_label=source[:100], details=details)
    return _report(kind, planned, written)


def _report(kind: str, planned: Planned, written: int) -> ImportReport:
    people = planned.people.created
    if isinstance(planned, PetitionsPlanned):
        skipped = f"，与已有记录相同而跳过 {planned.unchanged} 件" if planned.unchanged else ""
        return RegisterImportReport(written, 0, planned.unchanged, (), "信访记录", UNITS[kind],
                                    f"（新增人员 {people} 人{skipped}）")
    return RegisterImportReport(written, 0, 0, (), "法律援助案件", UNITS[kind],
                                f"（列名申请人 {planned.applicants} 人，新增人员 {people} 人）")
