"""Writing a confirmed preview (automatic backup, then one transaction) and saving the rows that were not imported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from app import session
from app.errors import KnownError
from app.excel import writer
from app.files import atomic_output, explain_os_error
from app.progress import ProgressFn, no_progress
from app.services import backup
from app.session import Permission
from app.wizard.headers import HeaderLayout
from app.wizard.importers import RegisterImporter, RowStatus, Written
from app.wizard.preview import Counts, Preview

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="FCE4D6", end_color="FCE4D6")


@dataclass(frozen=True)
class ImportOutcome:
    """What the import did, the backup made just before it, and the preview's counts it carried out."""

    written: Written
    backup: Path | None
    counts: Counts

    def describe(self) -> str:
        left_out = self.counts.skipped + self.counts.rejected
        if not left_out:
            return self.written.summary
        counts = self.counts
        return f"{self.written.summary}；未导入 {left_out} 行（跳过 {counts.skipped}，有错误 {counts.rejected}）"


def apply_preview(preview: Preview, importer: RegisterImporter, progress: ProgressFn = no_progress, *,
                  leave_out_rejected: bool = False) -> ImportOutcome:
    """Write what the preview showed: a verified backup first, then every row in one transaction.

    Rows with problems stop the import unless the user chose to leave them out (they can be saved
    with write_rejected, corrected and imported again). A cancel (progress raising Cancelled) or any
    error rolls the whole write back; the database is then as it was.
    """
    session.require(Permission.IMPORT)
    counts = preview.counts
    if counts.rejected and not leave_out_rejected:
        raise KnownError(f"有 {counts.rejected} 行有错误，未导入任何数据。请改正后重新导入，"
                         "或选择“跳过有错误的行”（可先保存未导入的行）。")
    made: list[Path] = []

    def before_write(stage: ProgressFn) -> None:
        made.append(backup.backup_now(backup.BEFORE_IMPORT, progress=stage).path)

    if counts.new + counts.updated == 0:
        return ImportOutcome(Written(0, 0, counts.unchanged, "没有需要导入的行"), None, counts)
    written = importer.write(preview.checked, progress, before_write)
    return ImportOutcome(written, made[0] if made else None, counts)


def _header(sheet: Any, texts: Sequence[str]) -> list[Any]:
    cells = []
    for text in texts:
        cell = writer.text_cell(sheet, text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cells.append(cell)
    return cells


def _cell(sheet: Any, value: object) -> object:
    if isinstance(value, str):
        return writer.text_cell(sheet, value)
    if value is None:
        return None
    return WriteOnlyCell(sheet, value)


def write_rejected(preview: Preview, layout: HeaderLayout, out: Path, *, include_skipped: bool = False) -> Path:
    """The rows not imported: 问题清单 (row, column, reason) and 未导入的行 (each row as it was, with its reasons),
    so that the second sheet can be corrected and imported again."""
    wanted = {RowStatus.REJECTED, *((RowStatus.SKIPPED,) if include_skipped else ())}
    rows = preview.rows.where([at for at, status in enumerate(preview.statuses) if status in wanted])
    width = max((c.index for c in layout.columns), default=-1) + 1
    headers = [""] * width
    for c in layout.columns:
        headers[c.index] = c.header
    with atomic_output(out) as temp, writer.streaming_workbook() as book:
        problems = book.create_sheet("问题清单")
        problems.column_dimensions["A"].width, problems.column_dimensions["B"].width = 10, 16
        problems.column_dimensions["C"].width = 60
        problems.append(_header(problems, ["原行号", "列", "原因"]))
        for row in rows:
            for p in row.problems:
                problems.append([row.number, writer.text_cell(problems, p.label),
                                 writer.text_cell(problems, p.message)])
            if not row.problems:
                reason = "与其他行或系统中的记录重复，已跳过" if row.status is RowStatus.SKIPPED else "未通过检查"
                problems.append([row.number, None, writer.text_cell(problems, reason)])
        original = book.create_sheet("未导入的行")
        original.append(_header(original, [*headers, "原行号", "未导入原因"]))
        for row in rows:
            cells = list(preview.clean.source_of(row.number))[:width]
            cells += [None] * (width - len(cells))
            reason = "；".join(f"{p.label}：{p.message}" for p in row.problems) or "重复，已跳过"
            original.append([_cell(original, v) for v in cells] + [row.number, writer.text_cell(original, reason)])
        try:
            book.save(temp)
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    return out
