"""The 劳模档案卡 and the 慰问签领表: what a reader finds in the PDFs' text, and who may print them."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest

from app import cli, printing
from app.errors import KnownError, PermissionDenied
from app.money import capitals
from app.services import accounts
from app.services import model_worker_care as care
from app.services import model_workers as mw
from app.services.model_worker_care import HealthCheckForm, VisitForm
from app.services.model_workers import HonourForm, StatusChange
from app.session import Role
from db.models import AuditRecord
from tests.model_worker_factories import NAMES, D, add, fund, id_number, photo

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
ROUND = "2025年春节走访劳模"


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def visit_round(count: int, amount: str = "800.00") -> list[int]:
    workers = [add(n, level=("市级", "省部级", "全国")[n % 3]) for n in range(count)]
    money = fund("100000.00")
    for n, worker in enumerate(workers):
        care.record_visit(VisitForm(worker, D(2025, 1, 20 + n % 3), "重大节日", "王明、李强", Decimal(amount),
                                    "米面油一套" if n == 1 else "", money, ROUND))
    return workers


def test_the_signature_sheet_shows_every_name_and_the_amounts_in_capitals(office: Path, tmp_path: Path) -> None:
    visit_round(3, "800.00")
    done = printing.print_visit_roster(ROUND, tmp_path / "roster.pdf")
    text = page_texts(done.path)[0]
    assert done.pages == 1
    for n in range(3):
        assert NAMES[n] in text
    assert "捌佰元整" in text and "贰仟肆佰元整" in text and "2,400.00" in text
    for heading in ("序号", "姓名", "称号/级别", "工作单位", "金额(元)", "金额大写", "领取人签字", "日期", "慰问品"):
        assert heading in text
    assert "市级劳动模范" in text and "经办人" in text and "审核人" in text and "第 1 页 共 1 页" in text
    assert ROUND in text and "劳模慰问资金" in text
    record = AuditRecord.select().where(AuditRecord.action == "打印").order_by(AuditRecord.id.desc()).first()
    assert record is not None and ROUND in record.target_label


def test_a_long_round_repeats_the_header_and_numbers_its_pages(office: Path, tmp_path: Path) -> None:
    visit_round(40, "1234.56")
    done = printing.print_visit_roster(ROUND, tmp_path / "roster.pdf")
    pages = page_texts(done.path)
    assert done.pages == len(pages) >= 3
    for number, text in enumerate(pages, 1):
        assert "领取人签字" in text and "金额大写" in text and f"第 {number} 页 共 {len(pages)} 页" in text
        assert "本页小计" in text
    assert "合计 40 人" in pages[-1] and capitals(Decimal("1234.56") * 40) in pages[-1]
    assert "经办人" in pages[-1] and "经办人" not in pages[0]
    assert sum(text.count("壹仟贰佰叁拾肆元伍角陆分") for text in pages) == 40
    with pytest.raises(KnownError, match="没有名为“秋季走访”的走访批次"):
        printing.print_visit_roster("秋季走访", tmp_path / "none.pdf")
    assert not (tmp_path / "none.pdf").exists()


def test_the_archive_card_holds_the_whole_file_masked(office: Path, tmp_path: Path) -> None:
    worker = add(1, more=(HonourForm("五一劳动奖章", "省部级", 2019, "甘工发〔2019〕5号"),),
                 studio="杨正功劳模创新工作室")
    mw.record_event(worker, StatusChange("退休", D(2024, 3, 1), "到龄退休", "华人社〔2024〕8号"))
    care.record_visit(VisitForm(worker, D(2025, 1, 20), "重大节日", "王明", Decimal("800.00"), round_name=ROUND))
    care.record_health_check(HealthCheckForm(worker, 2025, "华池县人民医院", D(2025, 5, 6), "血压偏高"))
    done = printing.print_worker_card(worker, tmp_path / "card.pdf")
    text = "".join(page_texts(done.path))
    assert "劳 模 档 案 卡" in text or "劳模档案卡" in text
    for expected in (NAMES[1], "五一劳动奖章", "省部级", "2019年", "甘工发〔2019〕5号", "杨正功劳模创新工作室",
                     "到龄退休", "华人社〔2024〕8号", "累计走访慰问 1 次，慰问金合计 800.00 元", "华池县人民医院",
                     "血压偏高", "当前状态：退休（2024-03-01起）"):
        assert expected in text, expected
    assert not FULL_ID.search(text) and id_number(1)[-4:] in text and "13909340001" not in text
    assert "照片" in text                              # no photo yet: a box to paste one in
    mw.set_photo(worker, photo("PNG", (300, 400)))
    with_photo = printing.print_worker_card(worker, tmp_path / "card-photo.pdf").path
    resources = pypdf.PdfReader(with_photo).pages[0]["/Resources"]
    images = [name for name, ref in resources["/XObject"].items() if ref.get_object()["/Subtype"] == "/Image"]
    assert images and "（一寸免冠）" not in page_texts(with_photo)[0]


def test_only_those_who_may_print_do(office: Path, tmp_path: Path) -> None:
    workers = visit_round(1)
    accounts.create_account("chakan", "李查看", Role.VIEWER, "viewer-pass-1")
    accounts.sign_in("chakan", "viewer-pass-1")
    with pytest.raises(PermissionDenied):
        printing.print_worker_card(workers[0], tmp_path / "card.pdf")
    with pytest.raises(PermissionDenied):
        printing.print_visit_roster(ROUND, tmp_path / "roster.pdf")


def test_print_commands(office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workers = visit_round(2)
    db = ["--db", str(office)]
    assert cli.main(["print", "worker-card", *db, "--worker", id_number(0), "--out", str(tmp_path / "c.pdf")]) == 0
    assert cli.main(["print", "worker-card", *db, "--worker", str(workers[1]), "--out", str(tmp_path / "d.pdf")]) == 0
    assert cli.main(["print", "visit-roster", *db, "--round", ROUND, "--out", str(tmp_path / "r.pdf")]) == 0
    assert "已生成" in capsys.readouterr().out
    assert NAMES[0] in page_texts(tmp_path / "c.pdf")[0] and NAMES[1] in page_texts(tmp_path / "d.pdf")[0]
    assert "捌佰元整" in page_texts(tmp_path / "r.pdf")[0]
    assert cli.main(["print", "worker-card", *db, "--out", str(tmp_path / "e.pdf")]) == 1
    assert "--worker" in capsys.readouterr().err
