"""Reading back our own PDFs without pypdf (the self-test's reader) agrees with pypdf on what is printed."""

from __future__ import annotations

from pathlib import Path

import pypdf
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app import printing
from app.demo.county import make_demo
from app.paths import resource
from app.pdf_text import pdf_fonts, pdf_text
from app.services.household_search import HouseholdQuery, fetch_rows, search_ids
from tests.app.test_fonts import embedded_font_names


def test_printed_names_are_read_back_as_pypdf_reads_them(office: Path, tmp_path: Path) -> None:
    make_demo(households=60, seed=5)  # rare characters included: some drawn with a fallback font
    ids = search_ids(HouseholdQuery(sort="file_no"))[:25]
    out = tmp_path / "forms.pdf"
    result = printing.print_forms("file-form", out, ids=ids)
    ours = pdf_text(out.read_bytes())
    theirs = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    names = [row.name for row in fetch_rows(ids)]
    assert names and all(name in ours for name in names if not any(w.startswith(name) for w in result.warnings))
    assert [name for name in names if name in ours] == [name for name in names if name in theirs]
    assert "困难职工档案表" in ours


def test_fonts_are_found_with_their_embedding(office: Path, tmp_path: Path) -> None:
    make_demo(households=12, seed=2)
    out = tmp_path / "visit.pdf"
    printing.print_forms("home-visit", out)
    fonts = pdf_fonts(out.read_bytes())
    assert {f.name: f.embedded for f in fonts} == {k.lstrip("/"): v for k, v in embedded_font_names(out).items()}
    assert fonts and all(f.embedded for f in fonts)


def test_escaped_characters_and_standard_fonts(tmp_path: Path) -> None:
    path = tmp_path / "escapes.pdf"
    pdfmetrics.registerFont(TTFont("SelfTestSC", str(resource("fonts", "NotoSansCJKsc-Regular.ttf"))))
    canvas = Canvas(str(path))
    canvas.setFont("SelfTestSC", 12)
    canvas.drawString(72, 700, r"括号(一)与反斜杠\二")
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 680, "plain")
    canvas.save()
    data = path.read_bytes()
    assert r"括号(一)与反斜杠\二" in pdf_text(data).splitlines()
    assert {(f.name.split("+")[-1], f.embedded) for f in pdf_fonts(data)} == {
        ("NotoSansCJKsc-Regular", True), ("Helvetica", False)}
