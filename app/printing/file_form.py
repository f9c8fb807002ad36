"""困难职工档案表: the filing form laid out like the national one, one or two pages per household."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from app.printing import values as v
from app.printing.layout import (
    BOTTOM,
    CONTENT_TOP,
    LABEL_GREY,
    LEFT,
    PAD,
    RIGHT,
    TOP,
    WIDTH,
    Align,
    Block,
    Cell,
    Part,
    Sheet,
    band_block,
    draw_pages,
    label,
    paginate,
    row_block,
    value,
)
from app.printing.source import masked_details
from app.progress import ProgressFn
from app.services.household_forms import HouseholdDetail, MemberForm
from app.validation import mask_card

TITLE = "困难职工档案表"
C = (66.0, 72.0, 48.0, 66.0, 62.0, 72.0, 50.0, WIDTH - 436.0)   # label, value … ×4
M = (78.0, 84.0, 108.0, 82.0, 80.0, WIDTH - 432.0)              # label, value … ×3
MEMBER_COLUMNS = (("姓名", 58.0), ("与职工关系", 56.0), ("身份证号", 116.0), ("健康状况", 64.0),
                  ("月收入(元)", 58.0), ("身份", 50.0), ("工作单位或就读学校", WIDTH - 402.0))
ROW = 19.0
MEMBER_ROW = 18.0
MIN_MEMBER_ROWS = 4
OPINION_HEIGHT = 96.0
OPINION_LABEL = 24.0
OPINIONS = ("基层工会意见", "审核意见")


def span(first: int, last: int, grid: Sequence[float] = C) -> float:
    return sum(grid[first:last + 1])


def basic_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f = d.form
    left = Align.LEFT
    return [
        [label("姓名", C[0]), value(f.name, C[1]), label("性别", C[2]), value(v.text(f.sex), C[3]),
         label("民族", C[4]), value(v.text(f.ethnicity), C[5]), label("出生年份", C[6]),
         value(v.birth_year(f.birth_date), C[7])],
        [label("公民身份号码", C[0]), value(f.id_number, span(1, 3)), label("政治面貌", C[4]),
         value(v.text(f.political_status), C[5]), label("婚姻状况", C[6]), value(v.text(f.marital_status), C[7])],
        [label("健康状况", C[0]), value(v.text(f.health), C[1]), label("残疾类别", C[2]),
         value(v.text(f.disability_type), C[3]), label("残疾等级", C[4]), value(v.text(f.disability_grade), C[5]),
         label("医保状况", C[6]), value(v.text(f.medical_insurance), C[7])],
        [label("户口类型", C[0]), value(v.text(f.hukou_type), C[1]), label("户口所在地", span(2, 3)),
         value(f.hukou_place, span(4, 5), left), label("手机", C[6]), value(v.text(f.phone), C[7])],
        [label("家庭住址", C[0]), value(f.address, span(1, 7), left)],
        [label("身份", C[0]), value(f.identity, C[1]), label("是否单亲", C[2]), value(v.yes_no(f.single_parent), C[3]),
         label("零就业家庭", C[4]), value(v.yes_no(f.zero_employment), C[5]), label("特困证号", C[6]),
         value(f.hardship_cert_no, C[7])],
    ]


def work_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f = d.form
    left = Align.LEFT
    return [
        [label("工作单位", C[0]), value(f.work_unit, span(1, 3), left), label("单位性质", C[4]),
         value(v.text(f.unit_nature), C[5]), label("工作状态", C[6]), value(v.text(f.work_status), C[7])],
        [label("所属工会", C[0]), value(f.union_name, span(1, 3), left), label("企业状况", C[4]),
         value(v.text(f.enterprise_status), C[5]), label("劳模类型", C[6]), value(v.text(f.model_worker_type), C[7])],
        [label("所属行业", C[0]), value(v.text(f.industry), span(1, 3), left), label("建档标准", C[4]),
         value(v.text(f.filing_level), C[5]), label("困难类别", C[6]), value(v.text(f.category), C[7])],
    ]


def income_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f, x = d.form, d.derived
    dibao = v.money(f.dibao_amount) if f.receives_dibao else "—"
    line = v.money(x.poverty_line, " 元/人/月") if x.poverty_line is not None else "未设置"
    return [
        [label("本人月平均收入", M[0]), value(v.money(f.head_monthly_income), M[1]),
         label("家庭其他非薪资年收入", M[2]), value(v.money(f.other_annual_income), M[3]),
         label("家庭年度总收入", M[4]), value(v.money(x.annual_income), M[5])],
        [label("家庭人口", M[0]), value(f"{x.household_size} 人", M[1]),
         label("家庭月人均收入", M[2]), value(v.money(x.per_capita_monthly), M[3]),
         label("家庭年刚性支出", M[4]), value(v.money(f.rigid_expenses), M[5])],
        [label("是否享受低保", M[0]), value(v.yes_no(f.receives_dibao), M[1]),
         label("低保金额(元/月)", M[2]), value(dibao, M[3]),
         label("当地低保标准", M[4]), value(line, M[5])],
    ]


def housing_and_bank_rows(d: HouseholdDetail) -> tuple[list[Cell], list[Cell]]:
    f, x = d.form, d.derived
    housing = [label("住房类型", M[0]), value(v.text(f.housing_type), M[1]), label("建筑面积", M[2]),
               value(v.area(f.housing_area), M[3]), label("人均住房面积", M[4]), value(v.area(x.area_per_capita), M[5])]
    bank = [label("开户银行", M[0]), value(f.bank_name, M[1]), label("支行", M[2]), value(f.bank_branch, M[3]),
            label("银行卡号", M[4]), value(mask_card(f.card_number), M[5])]
    return housing, bank


def cause_rows(d: HouseholdDetail) -> list[list[Cell]]:
    f, x = d.form, d.derived
    left = Align.LEFT
    reason = f.category_reason or x.suggestion_reason
    return [
        [label("主要致困原因", C[0]), value(v.text(f.main_cause), span(1, 3)), label("次要致困原因", C[4]),
         value(v.joined(f.secondary_causes), span(5, 7))],
        [label("类别说明", C[0]), value(reason, span(1, 7), left)],
        [label("附件材料", C[0]), value(v.joined(f.attachments), span(1, 7), left)],
        [label("建档人", C[0]), value(f.filed_by, C[1]), label("审核人", C[2]), value(f.reviewed_by, C[3]),
         label("录入人", C[4]), value(f.entered_by, C[5]), label("申报日期", C[6]), value(v.day(f.filed_on), C[7])],
    ]


def member_cells(member: MemberForm) -> list[Cell]:
    texts = (member.name, member.relation, v.text(member.id_number),
             v.health(member.health, member.disability_type, member.disability_grade),
             v.money(member.monthly_income, ""), v.text(member.identity), member.unit_or_school)
    return [value(t, w, who=member.name) for t, (_, w) in zip(texts, MEMBER_COLUMNS, strict=True)]


def member_blocks(sheet: Sheet, members: Sequence[MemberForm]) -> list[Block]:
    header_cells = [label(t, w) for t, w in MEMBER_COLUMNS]
    header = row_block(sheet, header_cells, 18, 9.5)
    again = band_block(sheet, "六、家庭成员情况（续）")

    def continued(y: float, part: Part) -> None:
        again.draw(y, part)
        header.draw(y - again.height, part)

    repeat = Block(again.height + header.height, continued)
    rows = [Block(MEMBER_ROW, row_block(sheet, member_cells(m), MEMBER_ROW, 9.5).draw, repeat=repeat)
            for m in members]
    blank = [Block(MEMBER_ROW, row_block(sheet, [value("", w) for _, w in MEMBER_COLUMNS], MEMBER_ROW).draw,
                   repeat=repeat)
             for _ in range(MIN_MEMBER_ROWS - len(members))]
    title = band_block(sheet, "六、家庭成员情况（不含职工本人）")
    return [title, Block(header.height, header.draw, keep_with_next=True), *rows, *blank]


def opinion_block(sheet: Sheet) -> Block:
    """基层工会意见 and 审核意见 side by side: a blank area each, 签字（盖章） and 日期 at the foot."""
    half = WIDTH / len(OPINIONS)

    def draw(y: float, part: Part) -> None:
        if part is Part.VALUES:
            return
        y -= 6
        bottom = y - OPINION_HEIGHT
        for i, title in enumerate(OPINIONS):
            x = LEFT + i * half
            sheet.box(x, y, OPINION_LABEL, OPINION_HEIGHT, fill=LABEL_GREY)
            sheet.text_box(x, y, OPINION_LABEL, OPINION_HEIGHT, "\n".join(title), 10.5)
            sheet.box(x + OPINION_LABEL, y, half - OPINION_LABEL, OPINION_HEIGHT)
            sheet.text(x + OPINION_LABEL + 3 * PAD, bottom + 30, "签字（盖章）：", 10)
            sheet.text(x + half - 3 * PAD, bottom + 10, "日期：　　　年　　月　　日", 10, align=Align.RIGHT)

    return Block(OPINION_HEIGHT + 6, draw)


def title_block(sheet: Sheet, d: HouseholdDetail) -> Block:
    f = d.form

    def draw(y: float, part: Part) -> None:
        if part is not Part.VALUES:
            sheet.title(y - 18, TITLE)
        if part is not Part.GRID:
            sheet.text(LEFT, y - 40, f"档案编号：{f.file_no}", 10)  # 建档标准 has its cell in the grid
            sheet.text(RIGHT, y - 40, f"档案状态：{d.status}（{v.day(d.status_since)}）", 10, align=Align.RIGHT)

    return Block(48, draw, keep_with_next=True)


def household_blocks(sheet: Sheet, d: HouseholdDetail) -> list[Block]:
    housing, bank = housing_and_bank_rows(d)
    return [
        title_block(sheet, d),
        band_block(sheet, "一、基本情况", gap=0),
        *(row_block(sheet, cells, ROW) for cells in basic_rows(d)),
        band_block(sheet, "二、工作情况"),
        *(row_block(sheet, cells, ROW) for cells in work_rows(d)),
        band_block(sheet, "三、家庭收入"),
        *(row_block(sheet, cells, ROW) for cells in income_rows(d)),
        band_block(sheet, "四、住房情况"),
        row_block(sheet, housing, ROW),
        band_block(sheet, "五、银行账户"),
        row_block(sheet, bank, ROW),
        *member_blocks(sheet, d.form.members),
        band_block(sheet, "七、致困原因及类别"),
        *(Block(ROW, row_block(sheet, cells, ROW).draw, keep_with_next=True) for cells in cause_rows(d)),
        opinion_block(sheet),
    ]


def render(sheet: Sheet, ids: Sequence[int], office: str, today: datetime.date, progress: ProgressFn) -> None:
    total = len(ids)
    for done, detail in enumerate(masked_details(ids)):
        progress(done, total, f"正在生成第{done + 1}户")
        sheet.subject = detail.form.name

        def frame(page: int, pages: int, part: Part, d: HouseholdDetail = detail) -> None:
            if part is not Part.VALUES:
                sheet.running_header(office)
                sheet.footer(page, pages, left=f"打印日期：{today.isoformat()}")
            if part is not Part.GRID:
                sheet.text(RIGHT, TOP - 9, f"档案编号：{d.form.file_no}", 9, align=Align.RIGHT, grey=0.25)
                sheet.text(RIGHT, BOTTOM + 2, d.form.name, 8.5, align=Align.RIGHT, grey=0.25)

        # Every household with the same number of member rows has the same grid, page for page.
        rows = max(MIN_MEMBER_ROWS, len(detail.form.members))
        draw_pages(sheet, paginate(household_blocks(sheet, detail), top=CONTENT_TOP), frame, f"FileForm{rows}")
