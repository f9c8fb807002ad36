"""The city merge (全市汇总): several counties' upward workbooks into one, with one row per county and a total,
and the people found on more than one county's registers.

Every input is read and checked before anything is written; a file that is not an upward workbook is refused by
name. People are matched by full ID number, so a county that sent masked numbers cannot be checked: the
workbook and the report say which. Nothing here needs a database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app import clock
from app.errors import KnownError
from app.files import atomic_output, explain_os_error
from app.reports.county_book import CountyBook, Figure, Value, read_county

SUMMARY, PREVIOUS, SHARED = "汇总", "上年同期", "重复人员"
TOTAL = "合计"
FIXED = ("县（区）", "统计期间", "身份证号")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class SharedPerson:
    """Someone on the registers of more than one county: the full ID number, a name, where they appear."""

    id_number: str
    name: str
    counties: tuple[tuple[str, tuple[str, ...]], ...]   # (county, its sheets) in input order


@dataclass(frozen=True)
class MergeReport:
    out: Path
    counties: tuple[str, ...]
    shared: tuple[SharedPerson, ...]
    unchecked: tuple[str, ...]      # counties whose ID numbers are masked
    warnings: tuple[str, ...] = ()

    def describe(self) -> str:
        """What was merged, in a sentence or three (shown after the merge and printed by the command)."""
        lines = [f"已合并 {len(self.counties)} 个县（区）的上报表到 {self.out.name}：{'、'.join(self.counties)}。"]
        checked = len(self.counties) - len(self.unchecked)
        if checked >= 2:
            found = f"有 {len(self.shared)} 人在两个以上县（区）的登记簿中出现，见“{SHARED}”表" if self.shared \
                else "没有发现在两个以上县（区）登记的人员"
            lines.append(f"按完整身份证号比对了 {checked} 个县（区）：{found}。")
        if self.unchecked:
            lines.append(f"{'、'.join(self.unchecked)}的上报表隐去了身份证号中间位，无法比对其人员是否在其他县（区）"
                         "重复登记；如需比对，请其用“含完整身份信息”重新导出。")
        lines.extend(self.warnings)
        return "\n".join(lines)


def _codes(counties: list[CountyBook]) -> list[Figure]:
    """Every figure any county has, in the order the first county that has it lists it."""
    seen: dict[str, Figure] = {}
    for county in counties:
        for code, figure in county.figures.items():
            seen.setdefault(code, figure)
    return list(seen.values())


def _value(county: CountyBook, figure: Figure, previous: bool) -> Value:
    found = county.figures.get(figure.code)
    zero: Value = Decimal("0.00") if figure.unit == "元" else 0
    if found is None:
        return zero
    return found.previous if previous else found.current


def _figure_sheet(book: Workbook, title: str, counties: list[CountyBook], figures: list[Figure],
                  previous: bool, today: datetime.date) -> None:
    ws = book.create_sheet(title)
    width = len(FIXED) + len(figures)
    last = get_column_letter(width)
    ws["A1"] = f"各县（区）困难职工帮扶工作统计汇总表（{'上年同期' if previous else '本期'}）"
    ws["A1"].font = Font(bold=True, size=16)
    ws.row_dimensions[1].height = 28
    periods = sorted({c.period for c in counties})
    ws["A2"] = f"统计期间：{'；'.join(periods)}    合并日期：{today.isoformat()}    金额单位：元"
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    header = [*FIXED, *(f"{f.label.strip()}（{f.unit}）" if f.unit else f.label.strip() for f in figures)]
    ws.append(header)
    ws.append(["", "", "", *(f.code for f in figures)])     # row 4, hidden: the figures' codes
    ws.row_dimensions[4].hidden = True
    for county in counties:
        ws.append([county.office, county.period, "隐去中间位" if county.masked else "完整",
                   *(_value(county, f, previous) for f in figures)])
    totals: list[Value] = []
    for f in figures:
        values = [_value(c, f, previous) for c in counties]
        totals.append(sum(values, Decimal("0.00")) if f.unit == "元" else sum(int(v) for v in values))
    ws.append([TOTAL, "", "", *totals])
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row, max_col=width):
        for cell in row:
            if cell.row == 4:
                continue
            cell.border = BOX
            if cell.row == 3:
                cell.font, cell.fill, cell.alignment = Font(bold=True), HEAD_FILL, WRAP
            elif cell.column > len(FIXED):
                cell.number_format = "#,##0.00" if isinstance(cell.value, Decimal) else "#,##0"
            if cell.row == ws.max_row:
                cell.font = Font(bold=True)
    ws.row_dimensions[3].height = 60
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 24
    ws.column_dimensions["C"].width = 11
    for index in range(len(FIXED) + 1, width + 1):
        ws.column_dimensions[get_column_letter(index)].width = 12
    ws.freeze_panes = "B5"
    # A row per county across some 140 figures: printed at 80 % over as many pages as it takes, each page with
    # the county names on the left and the figure names on top.
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.page_setup.scale = 80
    ws.print_title_cols = "A:A"
    ws.print_title_rows = "3:3"


def shared_people(counties: list[CountyBook]) -> list[SharedPerson]:
    """People (by full ID number) on the registers of two or more counties, by ID number."""
    where: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    names: dict[str, str] = {}
    for county in counties:
        for number, (name, sheets) in county.people.items():
            where.setdefault(number, []).append((county.office, tuple(sorted(sheets))))
            names[number] = names.get(number) or name
    return [SharedPerson(n, names[n], tuple(w)) for n, w in sorted(where.items()) if len(w) > 1]


def _shared_sheet(book: Workbook, shared: list[SharedPerson], unchecked: list[str]) -> None:
    ws = book.create_sheet(SHARED)
    ws["A1"] = "在两个以上县（区）登记簿中出现的人员（按完整身份证号比对）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (f"{'、'.join(unchecked)}的上报表隐去了身份证号中间位，未能比对。" if unchecked
                else "各县（区）上报表均含完整身份证号，已全部比对。") + "  本表含完整身份信息，请妥善保管，勿外传"
    ws.append(["身份证号", "姓名", "县（区）数", "登记情况"])
    for cell in ws[3]:
        cell.font, cell.fill, cell.border, cell.alignment = Font(bold=True), HEAD_FILL, BOX, WRAP
    for person in shared:
        where = "；".join(f"{county}：{'、'.join(sheets)}" for county, sheets in person.counties)
        ws.append([person.id_number, person.name, len(person.counties), where])
        ws.cell(ws.max_row, 1).number_format = "@"
    for column, width in zip("ABCD", (22, 12, 10, 80), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9
    ws.print_title_rows = "3:3"


def merge_workbooks(inputs: list[Path], out: Path) -> MergeReport:
    """Read and check every county's upward workbook, then write the city's; a KnownError names a refused file."""
    if not inputs:
        raise KnownError("请选择至少一个县（区）的上报表。")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise KnownError(f"全市汇总只能保存为 .xlsx 文件，而不是“{out.name}”。")
    if any(Path(p).resolve() == out.resolve() for p in inputs):
        raise KnownError(f"输出文件“{out.name}”不能是要合并的某个上报表。")
    counties = [read_county(Path(p)) for p in inputs]
    warnings = []
    names = [c.office for c in counties]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        warnings.append(f"注意：{'、'.join(repeated)}有不止一份上报表，合计中各算了一次，请核对是否重复选择。")
    if len({c.period for c in counties}) > 1:
        warnings.append("注意：各县（区）上报表的统计期间不一致，见“统计期间”列。")
    unchecked = [c.office for c in counties if c.masked]
    shared = shared_people([c for c in counties if not c.masked])
    figures = _codes(counties)
    today = clock.today()
    book = Workbook()
    book.remove(book.active)
    _figure_sheet(book, SUMMARY, counties, figures, False, today)
    _figure_sheet(book, PREVIOUS, counties, figures, True, today)
    _shared_sheet(book, shared, unchecked)
    with atomic_output(out) as temp:
        try:
            book.save(temp)
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    return MergeReport(out, tuple(names), tuple(shared), tuple(unchecked), tuple(warnings))
