"""A full ID number appears in no masked export, print, list, audit record or log file."""

from __future__ import annotations

import datetime
import html
import logging
import re
import zipfile
from pathlib import Path

from pypdf import PdfReader

from app import printing
from app.redaction import RedactingFormatter, redact
from app.services import exchange, lifecycle
from app.services import household_search as search
from app.services import households as hs
from db.models import AuditRecord
from tests.factories import make_form

FULL_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
D = datetime.date


def _county() -> tuple[list[int], list[str]]:
    ids, numbers = [], []
    for seed in range(1, 7):
        form = make_form(seed, filed_on=D(2025, 5, 1))
        hid = hs.create_household(form).household_ids[0]
        ids.append(hid)
        numbers += [form.id_number, *(m.id_number for m in form.members if m.id_number)]
        steps = [(lifecycle.A.REVIEW, D(2025, 5, 2)), (lifecycle.A.SURVEY, D(2025, 5, 3)),
                 (lifecycle.A.NOTICE, D(2025, 6, 1))][: seed % 4]
        for action, day in steps:
            lifecycle.apply_step(hid, lifecycle.StepRequest(action, day))
    return ids, numbers


def _xlsx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return html.unescape(" ".join(book.read(name).decode("utf-8", "replace") for name in book.namelist()))


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


def _assert_clean(where: str, text: str, numbers: list[str]) -> None:
    assert not FULL_ID.search(text), f"{where}: {FULL_ID.search(text)}"
    for number in numbers:
        assert number not in text, f"{where} holds {number}"


def test_masked_outputs_hold_no_full_id_number(office: Path, tmp_path: Path) -> None:
    ids, numbers = _county()
    exchange.export_register("households", tmp_path / "register.xlsx")
    _assert_clean("masked export", _xlsx_text(tmp_path / "register.xlsx"), numbers)
    births = [f"{n[6:10]}-{n[10:12]}-{n[12:14]}" for n in numbers]  # the hidden middle of each number
    for form in ("home-visit", "file-form", "notice"):
        out = tmp_path / f"{form}.pdf"
        printing.print_forms(form, out, ids=ids)
        text = _pdf_text(out)
        _assert_clean(form, text, numbers)
        assert not [b for b in births if b in text], f"{form} prints a birth date next to a masked number"
    _assert_clean("list", repr(search.fetch_rows(search.search_ids(search.HouseholdQuery()))), numbers)
    _assert_clean("masked read", repr(hs.get_households(ids)), numbers)
    hs.get_household(ids[0], reveal=True)  # a reveal is recorded, without the number
    trail = " ".join(f"{r.target_label} {r.details}" for r in AuditRecord.select())
    _assert_clean("audit trail", trail, numbers)
    full = tmp_path / "full.xlsx"
    exchange.export_register("households", full, masked=False)
    assert all(number in _xlsx_text(full) for number in numbers)  # the scan would catch them


def test_log_lines_and_tracebacks_are_redacted(tmp_path: Path) -> None:
    number, card, phone = "11010519491231002X", "6222020200112233446", "13812345678"
    log = logging.getLogger("bangfu-test-redaction")
    handler = logging.FileHandler(tmp_path / "bangfu.log", encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(levelname)s %(message)s"))
    log.addHandler(handler)
    try:
        try:
            raise ValueError(f"bad row: {number} card {card} phone {phone}")
        except ValueError:
            log.exception("导入时出错 %s", number)
    finally:
        log.removeHandler(handler)
        handler.close()
    text = (tmp_path / "bangfu.log").read_text(encoding="utf-8")
    assert "110***********002X" in text and "138****5678" in text
    _assert_clean("log", text, [number, card, phone])
    assert redact(f"{number}x") == "110***********002Xx"
