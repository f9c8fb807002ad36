"""发放花名册 and 救助审批表: what a user checks on paper and in the workbook — amounts, totals, masking, rights."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pypdf
import pytest

from app import printing, session
from app.cli import main
from app.demo.county import make_demo
from app.errors import KnownError, PermissionDenied
from app.money import capitals, figures
from app.progress import Cancelled
from app.services import campaigns, roster_export
from app.services.campaign_batch import record_batch
from app.services.campaigns import BatchLine, CampaignForm, RecipientRule
from app.services.relief import record_relief
from app.services.relief_forms import Recipient, ReliefForm
from app.services.roster_data import page_slices, read_roster
from app.session import Role, SignedIn
from db.models import AuditRecord, Person, Relief
from tests.relief_factories import D, fund_with

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MONEY = r"([\d,]+\.\d\d)"
SUBTOTAL = re.compile(rf"本页小计（(\d+)人）\s*(?:\S+×\S+\s+)?{MONEY}\s+(?:大写：)?(\S+)")
TOTAL = re.compile(rf"合计 (\d+) 人\s*(?:\S+×\S+\s+)?{MONEY}\s+(?:大写：)?(\S+)")
HEADER = "序号 姓名 身份证号 工作单位/住址 困难类别 金额(元) 金额大写 领取人签字 日期"
ROWS = 40
AMOUNTS = (Decimal("1200.00"), Decimal("1234.56"), Decimal("650.50"))


@dataclass(frozen=True)
class County:
    fund: int
    campaign: int       # 送温暖: cash, three different amounts
    summer: int         # 夏送清凉: goods only, to people with no file


def _text(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _numbers(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@pytest.fixture
def county(office: Path) -> County:
    make_demo(households=70, seed=5)
    fund = fund_with("900000")
    campaign = campaigns.create_campaign(CampaignForm("2025年元旦春节送温暖", "送温暖慰问", D(2025, 1, 1),
                                                      D(2025, 2, 28), Decimal("1200"), fund_id=fund)).id
    chosen = campaigns.candidates(RecipientRule(), "送温暖慰问", 2025)[:ROWS]
    assert len(chosen) == ROWS
    lines = [dataclasses.replace(campaigns.line_from(c), amount=AMOUNTS[i % 3]) for i, c in enumerate(chosen)]
    record_batch(campaign, lines, D(2025, 1, 20))
    summer = campaigns.create_campaign(CampaignForm("2025年夏送清凉", "夏送清凉", D(2025, 6, 1), D(2025, 6, 30),
                                                    standard_items="夏凉被×1条@96.75", fund_id=fund)).id
    record_batch(summer, [BatchLine(Recipient(name=f"环卫工人{n}", work_unit="县环境卫生管理所")) for n in range(20)],
                 D(2025, 6, 25))
    return County(fund, campaign, summer)


def test_roster_shows_each_amount_in_figures_and_capitals_and_page_totals_add_up(county: County,
                                                                                 tmp_path: Path) -> None:
    out = tmp_path / "花名册.pdf"
    result = printing.print_roster(out, campaign_id=county.campaign)
    texts = _text(out)
    assert result.pages == len(texts) >= 3 and result.warnings == ()
    roster = read_roster(campaign_id=county.campaign)
    rows = "\n".join(texts)
    for number, line in enumerate(roster.lines, start=1):
        assert f"{number} {line.name} {line.id_number} " in rows
        assert f" {figures(line.amount)} {capitals(line.amount)}" in rows
    assert {"壹仟贰佰元整", "壹仟贰佰叁拾肆元伍角陆分", "陆佰伍拾元伍角"} <= set(rows.split())
    subtotals = []
    for page, text in enumerate(texts, start=1):
        assert "2025年元旦春节送温暖发放花名册（签领表）" in text and "活动时间：2025-01-01 至 2025-02-28" in text
        assert HEADER in text
        assert f"第 {page} 页 共 {len(texts)} 页" in text
        assert all(f"{who}：" in text for who in ("经办人", "审核人", "负责人", "日期"))
        found = SUBTOTAL.findall(text)
        assert len(found) == 1, text
        count, amount, spelled = found[0]
        page_amounts = [_numbers(a) for a in re.findall(rf"\*{{11}}\S+ .*? {MONEY} ", text)]
        assert len(page_amounts) == int(count) and sum(page_amounts) == _numbers(amount)
        assert spelled == capitals(_numbers(amount))
        subtotals.append((int(count), _numbers(amount)))
    total = TOTAL.findall(texts[-1])
    assert len(total) == 1 and not any(TOTAL.search(text) for text in texts[:-1])
    count, amount, spelled = total[0]
    assert int(count) == sum(c for c, _ in subtotals) == ROWS
    assert _numbers(amount) == sum(a for _, a in subtotals) == roster.total == sum(
        (AMOUNTS[i % 3] for i in range(ROWS)), Decimal(0))
    assert spelled == capitals(roster.total)
    assert not FULL_ID.search(rows)
    for page in pypdf.PdfReader(out).pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)   # A4 landscape
        assert round(float(page.mediabox.width)) == 842


def test_an_in_kind_roster_shows_the_goods_and_their_value(county: County, tmp_path: Path) -> None:
    out = tmp_path / "夏送清凉.pdf"
    printing.print_roster(out, campaign_id=county.summer)
    text = "\n".join(_text(out))
    assert "物资 折价(元) 领取人签字" in text and "金额大写" not in text
    assert text.count("夏凉被×1条 96.75") == 20
    assert "合计 20 人 夏凉被×20条 1,935.00 大写：壹仟玖佰叁拾伍元整" in text
    assert "环卫工人19 — 县环境卫生管理所" in text   # no ID number on record: a dash


def test_a_selection_prints_in_the_order_given_titled_by_its_campaign(county: County, tmp_path: Path) -> None:
    chosen = [r.id for r in Relief.select(Relief.id).where(Relief.campaign == county.campaign).order_by(Relief.id)]
    picked = list(reversed(chosen[:5]))
    out = tmp_path / "selection.pdf"
    printing.print_roster(out, relief_ids=picked)
    text = _text(out)[0]
    names = [Relief.get_by_id(i).person.name for i in picked]
    positions = [text.index(f"{n} {name} ") for n, name in enumerate(names, start=1)]
    assert positions == sorted(positions)
    assert "2025年元旦春节送温暖发放花名册（签领表）" in text and "合计 5 人" in text
    with pytest.raises(KnownError, match="不存在"):
        printing.print_roster(out, relief_ids=[999_999])


def test_full_id_numbers_need_the_right_and_are_recorded(county: County, tmp_path: Path) -> None:
    out = tmp_path / "full.pdf"
    printing.print_roster(out, campaign_id=county.campaign, full_ids=True)
    text = "\n".join(_text(out))
    first = read_roster(campaign_id=county.campaign, full_ids=True).lines[0]
    assert FULL_ID.search(text) and first.id_number in text and "含完整身份证号" in text
    printed = AuditRecord.select().where(AuditRecord.action == "打印").order_by(AuditRecord.id.desc()).first()
    assert printed.target_label == "2025年元旦春节送温暖发放花名册（签领表）"
    assert "含完整身份证号" in printed.details and first.id_number not in printed.details
    session.set_current(SignedIn(0, "jingban", "经办", Role.CLERK))
    with pytest.raises(PermissionDenied):
        printing.print_roster(out, campaign_id=county.campaign, full_ids=True)
    with pytest.raises(PermissionDenied):
        roster_export.export_roster(tmp_path / "full.xlsx", campaign_id=county.campaign, full_ids=True)
    assert printing.print_roster(tmp_path / "masked.pdf", campaign_id=county.campaign).pages >= 3


def test_a_role_without_print_is_refused(county: County, tmp_path: Path) -> None:
    relief = Relief.select().first().id
    session.set_current(SignedIn(0, "chakan", "查看", Role.VIEWER))
    with pytest.raises(PermissionDenied):
        printing.print_roster(tmp_path / "r.pdf", campaign_id=county.campaign)
    with pytest.raises(PermissionDenied):
        printing.print_approval(relief, tmp_path / "a.pdf")
    with pytest.raises(PermissionDenied):
        roster_export.export_roster(tmp_path / "r.xlsx", campaign_id=county.campaign)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


def test_printing_is_audited_and_a_cancel_writes_nothing(county: County, tmp_path: Path) -> None:
    before = AuditRecord.select().where(AuditRecord.action == "打印").count()
    out = tmp_path / "r.pdf"

    def cancel(done: int, total: int, message: str = "") -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        printing.print_roster(out, campaign_id=county.campaign, progress=cancel)
    assert not out.exists()
    printing.print_roster(out, campaign_id=county.summer)
    printing.print_approval(Relief.select().first().id, tmp_path / "a.pdf")
    records = list(AuditRecord.select().where(AuditRecord.action == "打印").order_by(AuditRecord.id))[before:]
    assert records[0].target_label == "2025年夏送清凉发放花名册（签领表）"
    assert '"人数": 20' in records[0].details and "隐去中间位" in records[0].details
    assert records[1].target_kind == "relief" and records[1].target_label.startswith("救助审批表")


def test_a_full_last_page_gives_a_row_to_a_page_for_the_grand_total() -> None:
    assert page_slices(32, 16) == [range(0, 16), range(16, 31), range(31, 32)]
    assert page_slices(20, 16) == [range(0, 16), range(16, 20)]
    assert page_slices(0, 16) == []


def _medical(county: County) -> int:
    head = Relief.select().where(Relief.campaign == county.campaign).first()
    return record_relief(ReliefForm(
        Recipient(person_id=head.person_id), "大病救助", D(2025, 5, 3), Decimal("3500"), county.fund,
        hospital="甘肃省人民医院", diagnosis="急性白血病", total_cost=Decimal("86500.40"),
        insurance_paid=Decimal("52300.00"), note="2025年3月确诊，住院化疗三个疗程，申请大病救助。")).relief_ids[0]


def test_the_approval_form_shows_the_money_in_capitals_and_the_medical_details(county: County,
                                                                               tmp_path: Path) -> None:
    relief = _medical(county)
    out = tmp_path / "审批表.pdf"
    result = printing.print_approval(relief, out)
    text = "\n".join(_text(out))
    assert result.pages == 1
    person = Relief.get_by_id(relief).person
    for words in ("救助审批表", "大病救助", "¥3,500.00", "叁仟伍佰元整", "甘肃省人民医院", "急性白血病",
                  "86,500.40 元", "52,300.00 元", "34,200.40 元", "住院化疗三个疗程",
                  "2025年内另有 1 次，共 1,", "经办人意见", "帮扶中心\n审核意见", "领导审批意见", "签字：", person.name,
                  f"{person.birth_date.year}年"):
        assert words in text, words
    assert not FULL_ID.search(text) and person.birth_date.isoformat() not in text
    assert page_size(out) == (595, 842)


def page_size(path: Path) -> tuple[int, int]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_the_approval_form_of_student_aid_names_the_student_and_school(county: County, tmp_path: Path) -> None:
    parent = Relief.select().where(Relief.campaign == county.campaign).first().person_id
    student = Person.select().where(Person.id != parent).first()
    relief = record_relief(ReliefForm(Recipient(person_id=parent), "助学救助", D(2025, 6, 1), Decimal("2000"),
                                      county.fund, student=Recipient(person_id=student.id), school="兰州大学",
                                      school_level="大学", admission_year=2024)).relief_ids[0]
    out = tmp_path / "助学.pdf"
    printing.print_approval([relief], out)
    text = "\n".join(_text(out))
    for words in ("就学情况", student.name, "兰州大学", "大学", "2024年", "贰仟元整"):
        assert words in text, words
    assert "患病就医情况" not in text


def test_the_excel_roster_reopens_with_rows_totals_and_masked_ids(county: County, tmp_path: Path) -> None:
    out = tmp_path / "花名册.xlsx"
    result = roster_export.export_roster(out, campaign_id=county.campaign)
    assert result.count == ROWS
    roster = read_roster(campaign_id=county.campaign)
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "2025年元旦春节送温暖发放花名册（签领表）"
    assert [c.value for c in ws[3]] == HEADER.split(" ")
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    data = [row for row in values if isinstance(row[0], int)]
    assert [row[1] for row in data] == [line.name for line in roster.lines]
    assert [row[2] for row in data] == [line.id_number for line in roster.lines]
    assert all(Decimal(str(row[5])) == line.amount and row[6] == capitals(line.amount)
               for row, line in zip(data, roster.lines, strict=True))
    subtotals = [row for row in values if str(row[0]).startswith("本页小计")]
    assert sum(Decimal(str(row[5])) for row in subtotals) == roster.total
    assert values[-1][0] == f"合计 {ROWS} 人" and Decimal(str(values[-1][5])) == roster.total
    assert values[-1][6] == capitals(roster.total)
    cells = [str(v) for row in values for v in row if v is not None]
    assert not any(FULL_ID.search(v) for v in cells) and not any(v.startswith("=") for v in cells)
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$1:$3" and len(ws.row_breaks.brk) == len(subtotals) - 1
    assert "经办人" in ws.oddFooter.left.text


def test_the_excel_approval_form(county: County, tmp_path: Path) -> None:
    out = tmp_path / "审批表.xlsx"
    roster_export.export_approval(_medical(county), out)
    ws = openpyxl.load_workbook(out).active
    cells = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
    assert {"救助审批表", "叁仟伍佰元整", "甘肃省人民医院", "急性白血病", "86,500.40 元", "帮扶中心审核意见"} <= cells
    assert not any(FULL_ID.search(c) for c in cells)
    assert ws.page_setup.orientation == "portrait"


def test_print_roster_command(county: County, office: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    relief = _medical(county)
    out = tmp_path / "cli.pdf"
    assert main(["print", "roster", "--db", str(office), "--campaign", str(county.campaign), "--out", str(out)]) == 0
    assert "已生成" in capsys.readouterr().out and not FULL_ID.search("\n".join(_text(out)))
    assert main(["print", "roster", "--db", str(office), "--campaign", "2025年夏送清凉", "--out",
                 str(tmp_path / "cli.xlsx")]) == 0
    assert "20 人" in capsys.readouterr().out
    assert main(["print", "approval", "--db", str(office), "--ids", str(relief), "--out",
                 str(tmp_path / "a.pdf")]) == 0
    assert main(["print", "roster", "--db", str(office), "--out", str(out)]) == 1
    assert "二选一" in capsys.readouterr().err
    assert main(["print", "roster", "--db", str(office), "--campaign", "没有这个活动", "--out", str(out)]) == 1
    assert main(["print", "notice", "--db", str(office), "--full-ids", "--out", str(out)]) == 1


def test_the_totals_count_people_and_say_so_when_someone_has_two_lines() -> None:
    from app.services.roster_data import RosterLine, head_count

    def line(name: str, number: str) -> RosterLine:
        return RosterLine(1, name, number, "华池县水泥厂", "深度困难", Decimal("500"), (), Decimal(0))

    three = [line("王建国", "6228**********1798"), line("李秀英", "6228**********0706"),
             line("王建国", "6228**********1798")]  # cash and goods recorded apart
    assert head_count(three) == "2 人 3 笔" and head_count(three, spaced=False) == "2人3笔"
    assert head_count(three[:2]) == "2 人" and head_count(three[:2], spaced=False) == "2人"
