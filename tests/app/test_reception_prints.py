"""信访接待登记表, 办结报告 and 法律援助统计: what a reader finds in the PDFs, and that the figures add up."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from app import cli, printing
from app.errors import KnownError
from app.money import capitals, figures
from app.printing.legal_stats import month_range, period_text
from app.services import legal_cases, petitions
from app.services.petitions import PetitionForm
from app.services.relief_forms import Recipient
from app.validation import mask_id_number
from db.models import AuditRecord, Person
from tests.reception_factories import INJURY, PHONE, SHARE, WAGES, D, Reception, file_no, reception_county
from tests.relief_factories import head_of

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MAY = (D(2025, 5, 1), D(2025, 5, 31))


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def nothing_private(texts: list[str]) -> None:
    text = "\n".join(texts)
    assert not FULL_ID.search(text) and PHONE not in text


@pytest.fixture
def county(office: Path) -> Reception:
    return reception_county()


def test_the_registration_form_of_a_visit_shows_its_four_records(county: Reception, tmp_path: Path) -> None:
    out = tmp_path / "visit.pdf"
    result = printing.print_petition(county.visit, out)
    texts = page_texts(out)
    assert result.pages == len(texts) == 1 and not result.warnings
    head = Person.get_by_id(head_of(county.household))
    text = texts[0]
    for expected in ("信访接待登记表", "信访2025-", "2025-05-06 09:30", "来访人", head.name,
                     mask_id_number(head.id_number), "138****5678", "华池县某建筑公司", "拖欠工资", "12 人",
                     "县城东区安置房项目拖欠12名农民工", "县劳动监察大队", "2025-05-07", "请会同核查用工和工资发放",
                     "经联合执法，用人单位已支付拖欠工资", "已电话告知，本人满意", "2025-05-28", "否（超期）",
                     file_no(county.household), "法援2025-001", "接待人（签字）", "负责人（签字）"):
        assert expected in text, expected
    nothing_private(texts)
    record = AuditRecord.select().where(AuditRecord.action == "打印").order_by(AuditRecord.id.desc()).get()
    assert (record.target_kind, record.target_id) == ("petition", county.visit)


def test_an_open_anonymous_call_leaves_its_records_blank_and_a_long_letter_flows_on(county: Reception,
                                                                                    tmp_path: Path) -> None:
    out = tmp_path / "call.pdf"
    printing.print_petition([county.call, county.letter], out)
    texts = page_texts(out)
    assert len(texts) == 2
    assert "来电人 匿名" in texts[0] and "已登记（已超期）" in texts[0] and "咨询工伤认定的程序" in texts[0]
    assert "来信人 李秀英" in texts[1] and "帮扶中心档案组" in texts[1]
    long = petitions.register_petition(PetitionForm("来访", datetime.datetime(2025, 6, 3, 8, 0), "劳动争议",
                                                    "用人单位未依法缴纳社会保险，" * 160,
                                                    person=Recipient(name="周某")))
    printing.print_petition(long, out)
    texts = page_texts(out)
    assert len(texts) == 2 and "二、反映问题（续）" in texts[1] and "负责人（签字）" in texts[1]
    assert "".join(texts).count("险") == 160


def test_the_closing_report_of_a_wage_case_gives_every_worker_and_the_money_in_capitals(county: Reception,
                                                                                     tmp_path: Path) -> None:
    out = tmp_path / "wages.pdf"
    printing.print_closing_report(out, case_id=county.wages)
    texts = page_texts(out)
    text = "\n".join(texts)
    case = legal_cases.get_case(county.wages)
    for expected in ("法律援助案件办结报告", case.case_no, "华池县某建筑公司", "联合执法", "县劳动监察大队", "张律师",
                     "涉及职工 12 人，列名申请人 8 人，另有 4 人未列名", "2025-05-15 调解 约谈项目负责人",
                     "达成调解协议，一次性支付拖欠工资", f"{figures(WAGES)} 元", f"人民币{capitals(WAGES)}",
                     "人民币玖万陆仟元整", figures(SHARE), "承办人（签字）", "（盖章）"):
        assert expected in text, expected
    for applicant in case.applicants:
        assert applicant.name in text and (applicant.id_number or applicant.name) in text
    assert text.count(figures(SHARE)) == 7 and "赵某" in text
    nothing_private(texts)


def test_the_closing_report_of_a_contact_includes_the_case_it_led_to(county: Reception, tmp_path: Path) -> None:
    out = tmp_path / "visit-closed.pdf"
    printing.print_closing_report(out, petition_id=county.visit)
    text = "\n".join(page_texts(out))
    for expected in ("信访事项办结报告", "经联合执法，用人单位已支付拖欠工资", "已电话告知，本人满意",
                     "2025-05-07 送达办理", "法援2025-001：达成调解协议", f"人民币{capitals(WAGES)}",
                     file_no(county.household)):
        assert expected in text, expected
    nothing_private([text])
    with pytest.raises(KnownError, match="尚未办结"):
        printing.print_closing_report(out, petition_id=county.letter)
    with pytest.raises(KnownError, match="尚未结案"):
        printing.print_closing_report(out, case_id=county.contract)
    with pytest.raises(KnownError, match="二选一"):
        printing.print_closing_report(out, petition_id=county.visit, case_id=county.wages)
    assert "visit-closed.pdf" in {p.name for p in tmp_path.iterdir()}


def _row(text: str, first: str) -> list[str]:
    """The figures of the table row that starts with `first`."""
    line = next(line for line in text.splitlines() if line.startswith(first + " "))
    return line.split()[1:]


def test_the_monthly_statistics_equal_legal_figures(county: Reception, tmp_path: Path) -> None:
    out = tmp_path / "may.pdf"
    printing.print_legal_stats(*MAY, out)
    texts = page_texts(out)
    text = texts[0]
    f = legal_cases.legal_figures(*MAY)
    assert (f.count, f.workers, f.closed, f.recovered) == (2, 13, 2, WAGES + INJURY)
    assert f"受理案件 {f.count} 件 涉及职工 {f.workers} 人 本期结案 {f.closed} 件" in text
    assert f"{figures(f.recovered)} 元" in text and "¥" not in text and f"人民币{capitals(f.recovered)}" in text
    causes, handlings = list(f.by_cause.items()), list(f.by_handling.items())
    for index, (handling, (count, workers, money)) in enumerate(handlings):
        expected = [str(count), str(workers), figures(money)]
        if index < len(causes):
            cause, (c_count, c_workers, c_money) = causes[index]
            assert _row(text, cause) == [str(c_count), str(c_workers), figures(c_money), handling, *expected]
        else:
            assert _row(text, handling) == expected
    assert _row(text, "合计") == [str(f.count), str(f.workers), figures(f.recovered), "合计", str(f.count),
                                  str(f.workers), figures(f.recovered)]
    assert _row(text, "来访") == ["1", "12", "1", "100.0%"] and _row(text, "来电") == ["1", "1", "0", "0.0%"]
    assert _row(text, "困难求助") == ["1", "0", "0", "1", "0"]
    assert "信访接待 3 件 其中已办结 1 件" in text and "制表人（签字）" in text
    listing = texts[1]
    assert "附表：本期案件明细（2025年5月）" in listing and "法援2025-001" in listing and "法援2025-002" in listing
    assert "某物业公司" not in listing  # accepted in June


def test_a_period_counts_money_when_the_case_closed(county: Reception, tmp_path: Path) -> None:
    june = printing.print_legal_stats(*month_range("2025-06"), tmp_path / "june.pdf")
    text = "\n".join(page_texts(june.path))
    f = legal_cases.legal_figures(*month_range("2025-06"))
    assert (f.count, f.recovered) == (1, Decimal("0.00"))
    assert "受理案件 1 件 涉及职工 2 人 本期结案 0 件" in text and "（仲裁）" in text
    spring = printing.print_legal_stats(D(2025, 4, 1), D(2025, 6, 30), tmp_path / "q2.pdf")
    assert "统计期间：2025-04-01至2025-06-30" in "\n".join(page_texts(spring.path))
    assert period_text(D(2025, 1, 1), D(2025, 12, 31)) == "2025年"
    with pytest.raises(KnownError, match="不能早于"):
        printing.print_legal_stats(D(2025, 6, 1), D(2025, 5, 1), tmp_path / "x.pdf")


def test_the_print_commands(county: Reception, office: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    def run(form: str, out: str, *options: str) -> int:
        return cli.main(["print", form, "--db", str(office), "--out", str(tmp_path / out), *options])

    assert run("petition", "a.pdf", "--id", str(county.visit)) == 0
    assert run("closing-report", "b.pdf", "--case", "法援2025-001") == 0
    assert run("closing-report", "c.pdf", "--petition", str(county.visit)) == 0
    assert run("legal-stats", "d.pdf", "--month", "2025-05") == 0
    assert run("legal-stats", "e.pdf", "--from", "2025-05-01", "--to", "2025-06-30") == 0
    assert capsys.readouterr().out.count("已生成") == 5
    assert "人民币玖万陆仟元整" in "\n".join(page_texts(tmp_path / "b.pdf"))
    assert "统计期间：2025年5月" in page_texts(tmp_path / "d.pdf")[0]
    assert run("legal-stats", "f.pdf", "--month", "2025-13") == 1
    assert "不是月份" in capsys.readouterr().err
    assert run("closing-report", "g.pdf", "--case", "法援2099-001") == 1
    assert "没有案件编号" in capsys.readouterr().err
    assert run("notice", "h.pdf", "--month", "2025-05") == 1
    assert "只用于 petition" in capsys.readouterr().err
    assert run("petition", "i.pdf", "--id", str(county.visit), "--month", "2025-05") == 1
    assert "--month 不用于 petition" in capsys.readouterr().err
    assert not any((tmp_path / name).exists() for name in ("f.pdf", "g.pdf", "h.pdf", "i.pdf"))


def test_a_long_result_runs_on_in_the_report_and_is_flagged_on_the_form(county: Reception, tmp_path: Path) -> None:
    result = "经核实，该职工家庭因病致困属实，已按程序建档并给予临时救助。" * 40
    petitions.close_petition(county.letter, result, D(2025, 6, 1), "已书面答复。")
    form = printing.print_petition(county.letter, tmp_path / "form.pdf")
    assert form.warnings == ("“办理结果”文字过长，办结一栏只印出能容纳的部分",)
    report = printing.print_closing_report(tmp_path / "report.pdf", petition_id=county.letter)
    text = "".join(page_texts(report.path))
    assert report.pages == 2 and not report.warnings and "（续）" in text
    assert text.count("临") == 41 and "（全文见办理结果）" in text   # 40 in the result, 1 begun on the timeline
