"""The printed summary (帮扶工作统计汇总) and the report-pdf and draft commands: the figures of the records on the page,
beside a year earlier's, the charts' titles and names in an embedded font."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app import cli
from app.money import figures
from app.pdf_text import pdf_fonts, pdf_text
from app.printing.summary_pdf import change, print_summary
from app.services import summary as summaries
from tests.app.test_summary_draft import YEAR, build_year

D = datetime.date


def test_the_pdf_carries_the_periods_figures_and_the_change(office: Path, tmp_path: Path) -> None:
    build_year()
    out = tmp_path / "summary.pdf"
    pages, warnings = print_summary(YEAR, out)
    text = pdf_text(out.read_bytes())
    now, before = summaries.summary(YEAR), summaries.summary(YEAR.year_earlier())
    assert pages >= 2 and warnings == ()
    assert "帮扶工作统计汇总" in text and "2025年" in text and "附：统计图" in text
    relief, earlier = now["relief"], before["relief"]
    assert isinstance(relief, dict) and isinstance(earlier, dict)
    amount, previous_amount = relief["amount"], earlier["amount"]
    assert isinstance(amount, Decimal) and isinstance(previous_amount, Decimal) and amount > 0
    assert figures(amount) in text and figures(previous_amount) in text
    assert change(amount, previous_amount) in text
    petitions = now["petitions"]
    assert isinstance(petitions, dict) and petitions["count"]
    assert f"信访接待人次{petitions['count']}" in text.replace("\n", "").replace(" ", "")
    for title in ("帮扶救助金额（按月）", "帮扶救助金额（按类型）", "信访接待（按类别）", "劳模（按状态，期末）"):
        assert title in text
    assert all(font.embedded for font in pdf_fonts(out.read_bytes()))


def test_report_pdf_and_draft_commands_write_their_files(office: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    build_year()
    period = ["--db", str(office), "--from", "2025-01-01", "--to", "2025-12-31"]
    pdf, docx, txt = tmp_path / "汇总.pdf", tmp_path / "素材.docx", tmp_path / "素材.txt"
    assert cli.main(["report-pdf", *period, "--out", str(pdf)]) == 0
    assert cli.main(["draft", *period, "--out", str(docx)]) == 0
    assert cli.main(["draft", *period, "--out", str(txt)]) == 0
    printed = capsys.readouterr().out
    assert f"已生成 {pdf}" in printed and f"已生成 {docx}" in printed
    assert "帮扶工作统计汇总" in pdf_text(pdf.read_bytes())
    petitions = summaries.summary(YEAR)["petitions"]
    assert isinstance(petitions, dict)
    assert f"{petitions['count']}人次" in txt.read_text(encoding="utf-8-sig")
    assert docx.stat().st_size > 0


def test_an_empty_period_still_prints_with_its_charts_saying_so(office: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    print_summary(summaries.Period(D(2020, 1, 1), D(2020, 3, 31)), out)
    text = pdf_text(out.read_bytes())
    assert "本期无记录" in text and "期末在档困难职工档案" in text


def test_the_commands_refuse_a_wrong_ending(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    period = ["--db", str(office), "--from", "2025-01-01", "--to", "2025-12-31"]
    assert cli.main(["report-pdf", *period, "--out", str(tmp_path / "a.xlsx")]) != 0
    assert cli.main(["draft", *period, "--out", str(tmp_path / "a.pdf")]) != 0
    assert cli.main(["report-pdf", "--db", str(office), "--from", "2025-12-31", "--to", "2025-01-01",
                     "--out", str(tmp_path / "b.pdf")]) != 0
    errors = capsys.readouterr().err
    assert ".pdf" in errors and ".docx" in errors and "结束日期" in errors
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.xlsx"))


def test_count_axes_step_by_one_two_or_five() -> None:
    from app.printing.summary_charts import nice_step

    assert [nice_step(top) for top in (0, 5, 6, 11, 140, 1033)] == [1, 1, 2, 5, 50, 500]
