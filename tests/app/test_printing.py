"""Printed forms: what a user checks on paper — pages, names, masking, fonts, nothing private in public."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from app import printing
from app.cli import main
from app.errors import KnownError
from app.printing import fonts, home_visit
from app.printing.fonts import FontSet, primary_face
from app.printing.layout import CONTENT_BOTTOM, Part, Sheet
from app.progress import Cancelled
from app.services.household_forms import HouseholdForm, MemberForm
from app.services.households import create_household, get_household
from app.services.lifecycle import StepRequest, apply_step
from app.validation import mask_card, mask_id_number, mask_phone
from app.vocab import FileAction
from tests.app.test_fonts import NOT_IN_BUNDLED, embedded_font_names
from tests.factories import make_form, person_id

HEADS = ("李䶮", "王堃", "张喆", "陈珺", "刘玥", "赵赟", "孙犇", "周淼", "吴龑", "郑𠈌")
CARD = "6222020200112233446"


@dataclass(frozen=True)
class County:
    forms: dict[int, HouseholdForm]   # household id → the form it was filed with
    due: list[int]                    # 基层审核: due a home visit
    on_notice: list[int]              # 公示


def step(household_id: int, action: FileAction, day: int) -> None:
    apply_step(household_id, StepRequest(action, datetime.date(2025, 6, day)))


def file_household(seed: int, name: str, **overrides: object) -> tuple[int, HouseholdForm]:
    form = make_form(seed, name=name, id_number=person_id(seed), **overrides)
    change = create_household(form, accept_warnings=True)
    return change.household_ids[0], form


@pytest.fixture
def county(office: Path) -> County:
    """Ten households headed by people with rare characters in their names, at three stages."""
    forms: dict[int, HouseholdForm] = {}
    due: list[int] = []
    on_notice: list[int] = []
    for i, name in enumerate(HEADS):
        extra: dict[str, object] = {}
        if name == "郑𠈌":
            extra = {"members": (MemberForm(name="郑珺𠈌", relation="子女", identity="学生", health="慢性病",
                                            unit_or_school="华池县第一中学"),
                                 MemberForm(name="王喆", relation="配偶", monthly_income=Decimal("1234.50"),
                                            disability_type="肢体残疾", disability_grade="二级")),
                     "card_number": CARD, "bank_name": "中国工商银行", "receives_dibao": True,
                     "dibao_amount": Decimal("350.00")}
        household_id, form = file_household(i + 1, name, **extra)
        forms[household_id] = form
        if i % 3 == 0:
            step(household_id, FileAction.REVIEW, 1)
            due.append(household_id)
        elif i % 3 == 1:
            step(household_id, FileAction.REVIEW, 1)
            step(household_id, FileAction.SURVEY, 5)
            step(household_id, FileAction.NOTICE, 25)
            on_notice.append(household_id)
    return County(forms, due, on_notice)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def assert_all_fonts_embedded(path: Path) -> None:
    embedded = embedded_font_names(path)
    assert embedded and all(embedded.values()), embedded


def test_home_visit_batch_is_every_household_due_one_page_each(county: County, tmp_path: Path) -> None:
    out = tmp_path / "入户调查表.pdf"
    result = printing.print_forms("home-visit", out)
    assert result.path == out and result.warnings == ()
    texts = page_texts(out)
    assert result.pages == len(texts) == len(county.due) == 4
    for household_id, text in zip(county.due, texts, strict=True):   # in file-number order
        form = county.forms[household_id]
        assert "困难职工家庭入户调查表" in text and form.name in text
        assert mask_id_number(form.id_number) in text and form.id_number not in text
        assert mask_phone(form.phone) in text and str(form.phone) not in text
        assert "县总工会困难职工帮扶中心" in text and "打印日期：2025-06-30" in text
        for words in ("入户调查情况", "申请人签字", "调查人1签字", "调查人2签字", "600.00 元"):
            assert words in text
    assert "郑珺𠈌" in texts[-1]
    assert "慢性病" in texts[-1] and "肢体残疾二级" in texts[-1]
    assert "第 4 页 共 4 页" in texts[-1]
    assert_all_fonts_embedded(out)


def test_every_name_prints_with_every_character(county: County, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    ids = list(county.forms)
    result = printing.print_forms("home-visit", out, ids=ids)
    text = "".join(page_texts(out))
    assert result.pages == len(ids)
    for name in (*HEADS, "郑珺𠈌", "王喆"):
        assert name in text
    assert "𠈌" in text and "\ufffd" not in text


def test_a_big_family_still_fits_on_one_page(office: Path, tmp_path: Path) -> None:
    members = tuple(MemberForm(name=f"赵{'一二三四五六七八九十甲乙丙丁'[k]}", relation="子女", identity="学生",
                               unit_or_school="华池县柔远镇中心小学附属幼儿园大班（寄宿生）" * 2) for k in range(14))
    household_id, _form = file_household(41, "钱淼", members=members)
    out = tmp_path / "big.pdf"
    result = printing.print_forms("home-visit", out, ids=[household_id])
    text = page_texts(out)[0]
    assert result.pages == 1
    assert "赵一" in text and "另有 4 名家庭成员" in text and "…" in text
    detail = get_household(household_id, reveal=True)
    sheet = Sheet(tmp_path / "grid.pdf", title="t", office="o")
    for count in (0, 8, 9, 14):
        sized = dataclasses.replace(detail, form=dataclasses.replace(detail.form, members=members[:count]))
        assert home_visit.draw_form(sheet, sized, "o", datetime.date(2025, 6, 30), Part.GRID) >= CONTENT_BOTTOM


def test_file_form_prints_masked_id_numbers_and_card(county: County, tmp_path: Path) -> None:
    out = tmp_path / "档案表.pdf"
    result = printing.print_forms("file-form", out)
    texts = page_texts(out)
    text = "".join(texts)
    assert result.pages == len(texts) >= len(county.forms)   # every open file, one or two pages each
    for form in county.forms.values():
        assert form.name in text and mask_id_number(form.id_number) in text and form.id_number not in text
    assert mask_card(CARD) in text and CARD not in text
    for words in ("困难职工档案表", "一、基本情况", "二、工作情况", "三、家庭收入", "四、住房情况", "五、银行账户",
                  "六、家庭成员情况", "七、致困原因及类别", "签字（盖章）", "1,234.50", "350.00 元"):
        assert words in text
    assert text.count("签字（盖章）") == 2 * len(county.forms)
    assert all(page.count("建档标准") <= 1 for page in texts)  # its cell in the grid, not again in the heading
    assert "第 1 页 共 1 页" in texts[0]
    assert_all_fonts_embedded(out)


def test_notice_list_shows_no_id_phone_income_or_health(county: County, tmp_path: Path) -> None:
    out = tmp_path / "公示名单.pdf"
    result = printing.print_forms("notice", out)
    text = "".join(page_texts(out))
    assert result.pages == 1
    assert "困难职工建档公示名单" in text and "公示期内" in text and "县总工会困难职工帮扶中心反映" in text
    assert "2025-06-25 至 2025-07-01" in text and "2025-06-30" in text
    for household_id, form in county.forms.items():
        assert (form.name in text) == (household_id in county.on_notice)
    for household_id in county.forms:
        detail = get_household(household_id, reveal=True)
        form = detail.form
        for secret in (form.id_number, mask_id_number(form.id_number), form.id_number[-6:], str(form.phone),
                       mask_phone(form.phone), f"{form.head_monthly_income:.2f}",
                       f"{detail.derived.annual_income:,.2f}", f"{detail.derived.annual_income:.2f}",
                       f"{detail.derived.per_capita_monthly:.2f}"):
            assert secret not in text
    for word in ("身份证", "手机", "收入", "健康", "残疾", "疾病", "低保", "元"):
        assert word not in text
    assert_all_fonts_embedded(out)


def test_notice_list_pages_repeat_the_header_row(office: Path, tmp_path: Path) -> None:
    names = []
    for i in range(40):
        cause = "患重特大疾病" if i == 0 else "下岗失业"
        household_id, form = file_household(100 + i, f"孙{'犇淼喆珺玥'[i % 5]}{i}", main_cause=cause)
        step(household_id, FileAction.REVIEW, 1)
        step(household_id, FileAction.SURVEY, 5)
        step(household_id, FileAction.NOTICE, 25)
        names.append(form.name)
    out = tmp_path / "n.pdf"
    result = printing.print_forms("notice", out)
    texts = page_texts(out)
    assert result.pages == len(texts) == 2
    assert all("序号" in t and "主要致困原因" in t for t in texts)
    assert "拟将以下40户" in texts[0] and "公示期内" in texts[1]
    assert all(name in "".join(texts) for name in names) and names[-1] in texts[1]
    assert "疾病" not in "".join(texts) and "不公开" in texts[0]   # an illness is private even as a cause


def test_a_selection_is_printed_in_the_given_order(county: County, tmp_path: Path) -> None:
    out = tmp_path / "sel.pdf"
    chosen = [county.on_notice[1], county.due[0]]
    result = printing.print_forms("home-visit", out, ids=chosen)
    texts = page_texts(out)
    assert result.pages == 2
    assert county.forms[chosen[0]].name in texts[0] and county.forms[chosen[1]].name in texts[1]
    notice_out = tmp_path / "n.pdf"
    result = printing.print_forms("notice", notice_out, ids=[county.due[0]])
    name = county.forms[county.due[0]].name
    assert result.warnings == (f"{name}：档案尚未开始公示（当前为“基层审核”），公示期一栏空白",)


def test_nothing_to_print_is_explained(office: Path, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="没有待入户调查的档案"):
        printing.print_forms("home-visit", tmp_path / "a.pdf")
    with pytest.raises(KnownError, match="没有正在公示的档案"):
        printing.print_forms("notice", tmp_path / "b.pdf")
    with pytest.raises(KnownError, match="没有在办的档案"):
        printing.print_forms("file-form", tmp_path / "c.pdf")
    with pytest.raises(KnownError, match="没有选择任何档案"):
        printing.print_forms("file-form", tmp_path / "d.pdf", ids=[])
    with pytest.raises(KnownError, match="没有“letter”这种表格"):
        printing.print_forms("letter", tmp_path / "e.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


def test_progress_is_reported_per_household_and_cancel_writes_nothing(county: County, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    out = folder / "v.pdf"
    seen: list[tuple[int, int, str]] = []
    printing.print_forms("home-visit", out, progress=lambda done, total, message: seen.append((done, total, message)))
    assert seen[:2] == [(0, 4, "正在生成第1户"), (1, 4, "正在生成第2户")] and seen[-1][:2] == (4, 4)

    before = out.read_bytes()

    def cancel_at_third(done: int, total: int, message: str) -> None:
        if done == 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        printing.print_forms("file-form", out, progress=cancel_at_third)
    assert out.read_bytes() == before
    with pytest.raises(Cancelled):
        printing.print_forms("notice", folder / "new.pdf", progress=cancel_at_third)
    assert sorted(p.name for p in folder.iterdir()) == ["v.pdf"]


def test_a_name_no_font_can_print_is_reported(office: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "_active", FontSet(primary_face(), []))   # no system fallbacks
    name = "王" + NOT_IN_BUNDLED
    household_id, _form = file_household(51, name)
    result = printing.print_forms("file-form", tmp_path / "w.pdf", ids=[household_id])
    assert result.warnings == (f"{name}：“{NOT_IN_BUNDLED}”没有字体可以打印",)


def test_print_command_writes_the_pdf(county: County, office: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.pdf"
    assert main(["print", "home-visit", "--db", str(office), "--out", str(out)]) == 0
    assert f"已生成 {out}：4 页" in capsys.readouterr().out
    assert len(page_texts(out)) == 4
    ids = ",".join(str(i) for i in reversed(county.on_notice))
    assert main(["print", "notice", "--db", str(office), "--out", str(out), "--ids", ids]) == 0
    assert main(["print", "notice", "--db", str(office), "--out", str(out), "--ids", "1,x"]) == 1
    assert "没有这些档案编号：x" in capsys.readouterr().err
