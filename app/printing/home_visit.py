"""困难职工家庭入户调查表: one pre-filled page per household for the visitors to take along."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from app.printing import values as v
from app.printing.layout import (
    CONTENT_TOP,
    LEFT,
    PAD,
    RIGHT,
    TOP,
    WIDTH,
    Align,
    Cell,
    Part,
    Sheet,
    label,
    value,
)
from app.printing.source import masked_details
from app.progress import ProgressFn
from app.services.household_forms import HouseholdDetail, MemberForm
from app.validation import mask_id_number, mask_phone

TITLE = "困难职工家庭入户调查表"
# The 8-column grid of the head's rows (label, value, label, value …), in points.
C = (66.0, 88.0, 46.0, 66.0, 66.0, 84.0, 46.0, WIDTH - 462.0)
# The 6-column grid of the income and housing rows.
M = (80.0, 90.0, 80.0, 90.0, 80.0, WIDTH - 420.0)
MEMBER_COLUMNS = (("姓名", 62.0), ("与职工关系", 58.0), ("出生年份（年龄）", 104.0), ("健康状况", 68.0),
                  ("月收入(元)", 62.0), ("身份", 54.0), ("单位或学校", WIDTH - 408.0))
ROW = 20.0
BAND = 16.0
GAP = 5.0
MEMBER_AREA = 8 * 17.0      # always room for eight members: blank rows are for the visitors
MEMBER_MIN_ROW = 11.5
NOTE_LINES = 9
NOTE_SPACING = 19.0
SIGNATURES = ("申请人签字", "调查人1签字", "调查人2签字")
NOTE_HINT = "（如实记录家庭居住、收入、就业、患病就医、子女上学等情况及致困原因核实结果）"


def span(first: int, last: int, grid: Sequence[float] = C) -> float:
    return sum(grid[first:last + 1])


def head_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f = d.form
    left = Align.LEFT
    return [
        [label("姓名", C[0]), value(f.name, C[1]), label("性别", C[2]), value(v.text(f.sex), C[3]),
         label("出生年份", C[4]), value(v.birth_year(f.birth_date), C[5]), label("身份", C[6]),
         value(f.identity, C[7])],
        [label("身份证号", C[0]), value(mask_id_number(f.id_number), span(1, 3)), label("手机", C[4]),
         value(mask_phone(f.phone), C[5]), label("困难类别", C[6]), value(v.text(f.category), C[7])],
        [label("家庭住址", C[0]), value(f.address, span(1, 7), left)],
        [label("工作单位", C[0]), value(f.work_unit, span(1, 3), left), label("所属工会", C[4]),
         value(f.union_name, span(5, 7), left)],
        [label("工作状态", C[0]), value(v.text(f.work_status), C[1]), label("健康状况", C[2]),
         value(v.health(f.health, f.disability_type, f.disability_grade), C[3]), label("婚姻状况", C[4]),
         value(v.text(f.marital_status), C[5]), label("户口", C[6]), value(v.text(f.hukou_type), C[7])],
        [label("主要致困原因", C[0]), value(v.text(f.main_cause), span(1, 3)), label("次要致困原因", C[4]),
         value(v.joined(f.secondary_causes), span(5, 7))],
    ]


def income_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f, x = d.form, d.derived
    dibao = v.money(f.dibao_amount, " 元/月") if f.receives_dibao else "—"
    return [
        [label("本人月平均收入", M[0]), value(v.money(f.head_monthly_income), M[1]),
         label("家庭年度总收入", M[2]), value(v.money(x.annual_income), M[3]),
         label("家庭人口", M[4]), value(f"{x.household_size} 人", M[5])],
        [label("家庭月人均收入", M[0]), value(v.money(x.per_capita_monthly), M[1]),
         label("是否享受低保", M[2]), value(v.yes_no(f.receives_dibao), M[3]),
         label("低保金额", M[4]), value(dibao, M[5])],
        [label("住房类型", M[0]), value(v.text(f.housing_type), M[1]),
         label("建筑面积", M[2]), value(v.area(f.housing_area), M[3]),
         label("人均住房面积", M[4]), value(v.area(x.area_per_capita), M[5])],
    ]


def member_cells(member: MemberForm | None, today: datetime.date) -> list[Cell]:
    if member is None:
        return [value("", w) for _, w in MEMBER_COLUMNS]
    texts = (member.name, member.relation, v.birth_and_age(member.birth_date, today),
             v.health(member.health, member.disability_type, member.disability_grade),
             v.money(member.monthly_income, ""), v.text(member.identity), member.unit_or_school)
    return [value(t, w, who=member.name) for t, (_, w) in zip(texts, MEMBER_COLUMNS, strict=True)]


def member_rows(count: int) -> tuple[int, int]:
    """(members shown, rows drawn): eight rows at least, blank ones for the visitors to add to."""
    capacity = int(MEMBER_AREA // MEMBER_MIN_ROW)
    shown = count if count <= capacity else capacity - 1
    return shown, max(8, shown + (count > shown))


def draw_members(sheet: Sheet, y: float, members: Sequence[MemberForm], today: datetime.date,
                 part: Part) -> float:
    """The member table in a fixed area: rows shrink for big families, the rest is summarised."""
    y = sheet.row(y, 18, [label(t, w) for t, w in MEMBER_COLUMNS], size=9.5, part=part)
    shown, rows = member_rows(len(members))
    height = MEMBER_AREA / rows
    size = min(9.5, height * 0.62)
    for i in range(rows):
        if i < shown:
            cells = member_cells(members[i], today)
        elif i == shown and len(members) > shown:
            more = f"另有 {len(members) - shown} 名家庭成员，详见困难职工档案表"
            cells = [value(more, WIDTH, Align.LEFT)]
        else:
            cells = member_cells(None, today)
        y = sheet.row(y, height, cells, size=size, part=part)
    return y


def draw_notes(sheet: Sheet, y: float) -> float:
    """Ruled lines for the visitors' notes inside a frame, with the conclusion tick boxes."""
    y = sheet.band(y, "四、入户调查情况")
    height = NOTE_LINES * NOTE_SPACING + 24
    sheet.box(LEFT, y, WIDTH, height)
    sheet.text(LEFT + 2 * PAD, y - 12, NOTE_HINT, 8.5, grey=0.35)
    sheet.ruled_lines(y - 4, NOTE_LINES, NOTE_SPACING, LEFT + 2 * PAD, RIGHT - 2 * PAD)
    sheet.text(LEFT + 2 * PAD, y - height + 8, "调查结论：□ 情况属实　　□ 基本属实　　□ 与申报情况不符", 10)
    return y - height


def draw_signatures(sheet: Sheet, y: float) -> float:
    width = WIDTH / len(SIGNATURES)
    height = 50.0
    for i, title in enumerate(SIGNATURES):
        x = LEFT + i * width
        sheet.box(x, y, width, height)
        sheet.text(x + 2 * PAD, y - 16, f"{title}：", 10)
        sheet.text(x + width - 2 * PAD, y - height + 10, "日期：　　年　　月　　日", 10, align=Align.RIGHT)
    return y - height


def draw_form(sheet: Sheet, d: HouseholdDetail, office: str, today: datetime.date, part: Part) -> float:
    """The whole form: part=GRID is the same for every household, part=VALUES fills it in.

    Returns the lowest y drawn (the foot of the signature boxes when the grid is drawn).
    """
    f = d.form
    grid, values = part is not Part.VALUES, part is not Part.GRID
    y = CONTENT_TOP
    if grid:
        sheet.running_header(office)
        sheet.title(y - 18, TITLE)
        sheet.text(RIGHT, y - 42, "调查日期：　　　年　　月　　日", 10, align=Align.RIGHT)
    if values:
        sheet.text(RIGHT, TOP - 9, f"档案编号：{f.file_no}", 9, align=Align.RIGHT, grey=0.25)
        sheet.text(LEFT, y - 42, f"申报日期：{v.day(f.filed_on)}　　档案状态：{d.status}", 10)
    y -= 50
    if grid:
        sheet.band(y, "一、职工本人基本情况")
    y -= BAND
    for cells in head_rows(d):
        y = sheet.row(y, ROW, cells, part=part)
    if grid:
        sheet.band(y - GAP, "二、家庭成员情况（不含职工本人）")
    y = draw_members(sheet, y - GAP - BAND, f.members, today, part)
    if grid:
        sheet.band(y - GAP, "三、家庭收入与住房情况")
    y -= GAP + BAND
    for cells in income_rows(d):
        y = sheet.row(y, ROW, cells, part=part)
    if grid:
        y = draw_signatures(sheet, draw_notes(sheet, y - GAP) - GAP)
    return y


def draw_household(sheet: Sheet, d: HouseholdDetail, office: str, today: datetime.date,
                   page: int, pages: int) -> None:
    sheet.subject = d.form.name
    _shown, rows = member_rows(len(d.form.members))
    sheet.template(f"HomeVisit{rows}", lambda: draw_form(sheet, d, office, today, Part.GRID))
    draw_form(sheet, d, office, today, Part.VALUES)
    sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}")
    sheet.end_page()


def render(sheet: Sheet, ids: Sequence[int], office: str, today: datetime.date, progress: ProgressFn) -> None:
    total = len(ids)
    for done, detail in enumerate(masked_details(ids)):
        progress(done, total, f"正在生成第{done + 1}户")
        draw_household(sheet, detail, office, today, done + 1, total)
