"""The year-end draft (工作总结素材): a year's figures in the reports' wording, nothing for empty lines."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest

from app import clock
from app.errors import KnownError
from app.services import employment, funds, legal_cases, lifecycle, loans, mutual_aid, pairing, petitions, training
from app.services import households as hs
from app.services import model_worker_care as care
from app.services import model_workers as mw
from app.services.employment import PlacementForm, ReferralForm
from app.services.funds import FundEntryForm
from app.services.legal_cases import ApplicantForm, LegalCaseForm
from app.services.loans import LoanForm
from app.services.model_worker_care import HealthCheckForm, PracticalHelpForm, VisitForm
from app.services.model_workers import StatusChange
from app.services.mutual_aid import ClaimForm, EnrolmentForm
from app.services.pairing import AidForm, PairingForm
from app.services.petitions import PetitionForm
from app.services.relief import record_relief
from app.services.relief_forms import ItemForm, Recipient, ReliefForm
from app.services.summary import Period
from app.services.summary_draft import SummaryDraft, save_draft, summary_draft
from app.services.summary_phrases import numeral, period_label, wan
from app.services.training import TraineeForm
from db.models import Person
from tests.employment_factories import new_id, new_session
from tests.factories import make_form
from tests.model_worker_factories import add as add_worker

D = datetime.date
T = datetime.datetime
YEAR = Period(D(2025, 1, 1), D(2025, 12, 31))


def filed_on(seed: int, approved: datetime.date, **overrides: object) -> int:
    """A household taken through the lifecycle to 在档, approved on the given day."""
    start = approved - datetime.timedelta(days=20)
    hid = hs.create_household(make_form(seed, filed_on=start, **overrides)).household_ids[0]
    for action, offset in ((lifecycle.A.REVIEW, 1), (lifecycle.A.SURVEY, 2), (lifecycle.A.NOTICE, 3)):
        lifecycle.apply_step(hid, lifecycle.StepRequest(action, start + datetime.timedelta(days=offset)))
    lifecycle.apply_step(hid, lifecycle.StepRequest(lifecycle.A.APPROVE, approved))
    return hid


def head(household_id: int) -> Recipient:
    from db.models import Household

    return Recipient(person_id=int(Household.get_by_id(household_id).head_id))


def child(household_id: int) -> Recipient:
    detail = hs.get_household(household_id, reveal=True)
    member = next(m for m in detail.form.members if m.relation == "子女")
    return Recipient(person_id=int(Person.get(Person.id_number == member.id_number).id))


def build_year(*, with_training: bool = True) -> None:
    """2024 and 2025 of a small county, every line of work but (optionally) training, through the services.

    2025: 5 files on record (2024: 2), 3 approved; relief 送温暖 3 × 500, 生活救助 2 × 800, 大病救助 5000,
    助学 2000 (大学), 夏送清凉 2 × (100 + 夏凉被 50); 7 contacts of which 3 法律咨询, 5 closed; wage case
    96,000 and injury case 35,000 recovered; 2 sessions (电焊, 刺绣) with 3 下岗职工 and 2 农民工; 2 placements,
    1 referral; 2 loans to women, 100,000; a pairing with 项目 1, 资金 1,000, 信息 3, 法律援助 1; 2 enrolled,
    a claim of 3,000; model workers 2 在职 + 1 退休, visits 2 × 800, a health check, a practical help.
    """
    clock.fix_today(D(2025, 12, 31))
    fund = funds.create_fund("帮扶资金").id
    funds.add_entry(FundEntryForm(fund, D(2024, 1, 5), "上级拨款", Decimal("40000"), "庆工拨〔2024〕1号"))
    funds.add_entry(FundEntryForm(fund, D(2025, 1, 5), "上级拨款", Decimal("150000"), "庆工拨〔2025〕1号"))
    funds.add_entry(FundEntryForm(fund, D(2025, 3, 5), "财政配套", Decimal("39000"), "华财〔2025〕8号"))
    old = [filed_on(n, D(2024, 5, 10), category="相对困难", main_cause="患重特大疾病") for n in (1, 2)]
    new = [filed_on(n, D(2025, 2, 10 + n)) for n in (3, 4, 5)]
    record_relief(ReliefForm(head(old[0]), "送温暖慰问", D(2024, 1, 20), Decimal("500"), fund))
    for household in (*old, new[0]):
        record_relief(ReliefForm(head(household), "送温暖慰问", D(2025, 1, 22), Decimal("500"), fund))
    for household in new[1:]:
        record_relief(ReliefForm(head(household), "生活救助", D(2025, 4, 8), Decimal("800"), fund))
    record_relief(ReliefForm(head(old[1]), "大病救助", D(2025, 5, 6), Decimal("5000"), fund, hospital="县人民医院",
                             diagnosis="尿毒症", total_cost=Decimal("30000"), insurance_paid=Decimal("20000")))
    record_relief(ReliefForm(head(new[0]), "助学救助", D(2025, 8, 28), Decimal("2000"), fund, student=child(new[0]),
                             school="兰州大学", school_level="大学", admission_year=2025))
    for n in (1, 2):
        quilt = ItemForm("夏凉被", 1, "床", Decimal("50"))
        record_relief(ReliefForm(Recipient(name=f"环卫工人{n}", id_number=new_id(400 + n)), "夏送清凉",
                                 D(2025, 7, 15), Decimal("100"), fund, items=(quilt,)))
    _reception(head(new[1]))
    if with_training:
        for name, trade, people in (("2025年第一期电焊技能培训班", "电焊", (1, 2, 3)),
                                    ("2025年刺绣技能培训班", "刺绣", (4, 5))):
            session = new_session(name, D(2025, 4, 7), trade=trade)
            for n in people:
                training.add_trainee(session, TraineeForm(Recipient(name=f"学员{n}", id_number=new_id(500 + n)),
                                                          "下岗职工" if n < 4 else "农民工"))
    for n in (1, 2):
        employment.record_placement(PlacementForm(Recipient(name=f"再就业{n}", id_number=new_id(600 + n)),
                                                  "下岗职工", "恒通物流公司", D(2025, 6, n), "仓管员", "职业介绍"))
    employment.record_referral(ReferralForm(Recipient(name="求职者", id_number=new_id(700)), "某超市", D(2025, 6, 9)))
    for n in (1, 2):
        loans.record_loan(LoanForm(Recipient(name=f"女职工{n}", id_number=new_id(800 + n, sex="女")),
                                   Decimal("50000"), "华池县农村信用社", D(2025, 3, n)))
    paired = pairing.create_pairing(PairingForm("张建国", new[2], D(2025, 3, 1), "华池县总工会"))
    for aid in (AidForm(D(2025, 3, 2), "项目", description="养殖项目"), AidForm(D(2025, 3, 3), "资金", Decimal("1000")),
                AidForm(D(2025, 4, 1), "致富信息", count=3), AidForm(D(2025, 5, 1), "法律援助")):
        pairing.record_aid(paired, aid)
    enrolled = [mutual_aid.enrol(EnrolmentForm(Recipient(name=f"参保{n}", id_number=new_id(900 + n)), 2025,
                                               "住院医疗互助保障", Decimal("30"))) for n in (1, 2)]
    mutual_aid.record_claim(enrolled[0], ClaimForm(D(2025, 9, 1), "住院", Decimal("3000")))
    _model_workers()


def _reception(petitioner: Recipient) -> None:
    contacts = (("来访", "法律咨询"), ("来电", "法律咨询"), ("来访", "法律咨询"), ("来访", "拖欠工资"),
                ("来信", "困难求助"), ("来电", "工伤"), ("来访", "政策咨询"))
    ids = [petitions.register_petition(PetitionForm(channel, T(2025, 3, 1 + n, 9), category, "反映的问题",
                                                    person=Recipient(name=f"来访人{n}")))
           for n, (channel, category) in enumerate(contacts)]
    petitions.register_petition(PetitionForm("来电", T(2024, 3, 1, 9), "法律咨询", "去年的咨询", anonymous=True))
    for pid in ids[:5]:
        petitions.close_petition(pid, "已答复", D(2025, 3, 20))
    wages = legal_cases.open_case(LegalCaseForm("华池县某建筑公司", "拖欠工资", "联合执法", D(2025, 5, 8), 12,
                                                (ApplicantForm(petitioner),), partner="县劳动监察大队"))
    legal_cases.close_case(wages, D(2025, 5, 27), "达成调解协议，一次性支付拖欠工资", Decimal("96000"))
    injury = legal_cases.open_case(LegalCaseForm("县某食品厂", "工伤赔偿", "协商调解", D(2025, 6, 3), 1,
                                                 (ApplicantForm(Recipient(name="王雪红", id_number=new_id(320))),)))
    legal_cases.close_case(injury, D(2025, 6, 30), "达成赔偿协议", Decimal("35000"))


def _model_workers() -> None:
    workers = [add_worker(n, level="市级" if n else "省部级") for n in range(3)]
    mw.record_event(workers[2], StatusChange("退休", D(2024, 8, 1), "到龄退休", "华人社〔退〕号"))
    money = funds.create_fund("劳模慰问资金").id
    funds.add_entry(FundEntryForm(money, D(2025, 1, 1), "工会经费", Decimal("5000"), "华工〔2025〕2号"))
    for worker in workers[:2]:
        care.record_visit(VisitForm(worker, D(2025, 1, 20), "重大节日", "县总工会主席", Decimal("800"), fund_id=money))
    care.record_health_check(HealthCheckForm(workers[0], 2025, "县人民医院", D(2025, 5, 10)))
    care.record_practical_help(PracticalHelpForm(workers[1], D(2025, 4, 2), "维修住房漏雨"))


def sentences(draft: SummaryDraft) -> list[str]:
    return [s for p in draft.paragraphs for s in re.split("[。；]", p.text) if s]


def test_wan_writes_amounts_the_way_the_reports_do() -> None:
    assert [wan(Decimal(v)) for v in ("670000", "189000", "60400", "8000", "350.50", "10000", "126000.00",
                                      "123456.78", "0")] == [
        "67万元", "18.9万元", "6.04万元", "8000元", "350.5元", "1万元", "12.6万元", "12.35万元", "0元"]
    assert [numeral(n) for n in (1, 9, 10, 11, 14, 20, 23)] == ["一", "九", "十", "十一", "十四", "二十", "二十三"]
    assert period_label(YEAR) == "2025年"
    assert period_label(Period(D(2025, 4, 1), D(2025, 6, 30))) == "2025年第二季度"
    assert period_label(Period(D(2025, 1, 1), D(2025, 6, 30))) == "2025年上半年"
    assert period_label(Period(D(2025, 5, 1), D(2025, 5, 31))) == "2025年5月"
    assert period_label(Period(D(2024, 7, 1), D(2025, 6, 15))) == "2024年7月1日至2025年6月15日"


def test_the_draft_carries_the_years_figures_and_the_change_from_last_year(office: Path) -> None:
    build_year()
    draft = summary_draft(YEAR)
    text = draft.plain_text()
    assert draft.title == "县总工会困难职工帮扶中心2025年工作总结素材"
    assert [p.heading.split("、")[0] for p in draft.paragraphs] == [numeral(n) for n in range(1, 15)]
    by_key = {p.key: p.text for p in draft.paragraphs}
    assert "困难职工档案" in by_key["files"] and "5户，比上年增加3户" in by_key["files"]
    assert "新认定建档3户" in by_key["files"] or "新建档3户" in by_key["files"]
    assert "接待职工来信、来电、来访7人次，比上年增加6人次，其中法律咨询3人次、拖欠工资1人次" in by_key["petitions"]
    assert "已办结5件，办结率71.4%" in by_key["petitions"]
    assert "先后协调处理拖欠工资案1起，追回拖欠工资9.6万元" in by_key["legal"]
    assert "共为职工追回（挽回）经济损失13.1万元" in by_key["legal"]
    assert "涉及职工13人" in by_key["legal"]
    assert "2期" in by_key["training"] and "有3名下岗职工和2名农民工接受了电焊及刺绣培训" in by_key["training"]
    assert "使2名下岗职工重新就业" in by_key["jobs"] or "帮助2名下岗职工实现再就业" in by_key["jobs"]
    assert "为2名困难女职工" in by_key["loans"] and "妇女创业贷款10万元" in by_key["loans"]
    assert "结对帮扶困难职工1户，帮扶项目1个，帮扶资金（物品）1000元，提供致富信息3条，提供法律援助1人次" \
        in by_key["pairing"]
    assert "共有市级以上劳模3名" in by_key["workers"] and "其中在职2名、退休1名" in by_key["workers"]
    assert "走访慰问劳模2人，发放慰问金1600元" in by_key["workers"] and "兴办实事1件（次）" in by_key["workers"]
    assert "3人次" in by_key["care"] and "1500元" in by_key["care"] and "1600元" in by_key["care"]
    assert "大病救助1人次，发放救助金5000元" in by_key["medical"]
    assert "2000元" in by_key["study"] and "1名" in by_key["study"]
    assert "2人次" in by_key["summer"] and "300元" in by_key["summer"]
    assert "共筹集帮扶资金19.4万元，比上年增加15.4万元，其中上级拨款15万元、财政配套3.9万元、工会经费5000元" \
        in by_key["funds"]
    assert re.search("帮扶救助资金（物资）1.04万元，救助困难职工7人、9人次|9人次、惠及7人", by_key["funds"])
    assert "2名职工参加职工互助保障" in by_key["mutual"] or "职工达2人" in by_key["mutual"]
    assert not re.search(r"(?<![\d.])0(人|户|名|件|期|起|元|万元|人次|条|个|笔)", text)
    assert summary_draft(YEAR) == draft  # the same records, the same words


def test_a_line_of_work_without_records_is_left_out_not_filled_with_zeros(office: Path) -> None:
    build_year(with_training=False)
    draft = summary_draft(YEAR)
    assert "training" not in {p.key for p in draft.paragraphs}
    assert not [s for s in sentences(draft) if "培训" in s]
    for sentence in sentences(draft):
        assert not re.search(r"(?<![\d.])0(人|户|名|件|期|起|元|万元|人次|条|个|笔)", sentence), sentence
    # A year with nothing at all gives a title and no paragraphs.
    empty = summary_draft(Period(D(2019, 1, 1), D(2019, 12, 31)))
    assert empty.paragraphs == () and empty.plain_text() == "县总工会困难职工帮扶中心2019年工作总结素材\n"


def test_a_zero_sub_figure_is_left_out_of_its_sentence(office: Path) -> None:
    clock.fix_today(D(2025, 12, 31))
    fund = funds.create_fund("帮扶资金").id
    funds.add_entry(FundEntryForm(fund, D(2025, 1, 5), "上级拨款", Decimal("9000"), "庆工拨〔2025〕1号"))
    petitions.register_petition(PetitionForm("来访", T(2025, 3, 1, 9), "困难求助", "求助", person=Recipient(name="甲")))
    draft = summary_draft(YEAR)
    assert [p.key for p in draft.paragraphs] == ["petitions", "funds"]
    petition = draft.paragraphs[0].text
    assert "来访1人次，其中困难求助1人次" in petition and "法律咨询" not in petition and "来信" not in petition
    assert "办结" not in petition and "比上年" not in petition  # nothing closed; no records a year earlier
    assert re.fullmatch("(今年|全年)共筹集帮扶资金9000元。(截至|到)年底各项资金结余9000元。", draft.paragraphs[1].text)
    assert draft.paragraphs[1].heading == "二、多渠道筹集和管理帮扶资金"


def test_docx_and_txt_reopen_with_the_same_text(office: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    build_year()
    draft = summary_draft(YEAR)
    save_draft(draft, tmp_path / "总结.txt")
    raw = (tmp_path / "总结.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert (tmp_path / "总结.txt").read_text(encoding="utf-8-sig") == draft.plain_text()
    save_draft(draft, tmp_path / "总结.docx")
    document = Document(str(tmp_path / "总结.docx"))
    lines = [p.text for p in document.paragraphs]
    assert lines[0] == draft.title
    assert lines[1:] == [x for p in draft.paragraphs for x in (p.heading, p.text)]
    run = document.paragraphs[2].runs[0]
    assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None
    with pytest.raises(KnownError, match=r"\.docx 或 \.txt"):
        save_draft(draft, tmp_path / "总结.pdf")


def test_leaving_out_a_paragraph_renumbers_the_rest(office: Path) -> None:
    build_year(with_training=False)
    draft = summary_draft(YEAR).without("files")
    assert draft.paragraphs[0].heading.startswith("一、") and draft.paragraphs[0].key == "care"


def test_the_text_as_edited_is_what_is_saved(office: Path, tmp_path: Path) -> None:
    build_year()
    draft = summary_draft(YEAR)
    assert draft.edited(draft.plain_text()).plain_text() == draft.plain_text()
    first = draft.paragraphs[0]
    text = draft.plain_text().replace(first.text, "我们改写了这一段。") + "\n另起一段，没有标题。\n"
    changed = draft.edited(text)
    assert changed.paragraphs[0].text == "我们改写了这一段。" and changed.paragraphs[0].title == first.title
    assert changed.paragraphs[-1].heading == "" and changed.paragraphs[-1].text == "另起一段，没有标题。"
    out = save_draft(changed, tmp_path / "edited.txt")
    assert out.read_text(encoding="utf-8-sig").replace("\r\n", "\n") == changed.plain_text()
