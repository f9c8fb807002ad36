"""Fonts for printing: the bundled font's coverage, per-character fallback, warnings, embedding."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfbase import pdfmetrics

from app.printing import fonts
from app.printing.fonts import PRIMARY, FontSet, Run, TrueTypeFace, glyf_faces, primary_face, system_faces
from app.printing.layout import LEFT, Sheet

RARE = "䶮堃喆珺玥赟犇淼龑𠈌"
NOT_IN_BUNDLED = "\U0002b736"   # 𫜶, CJK Extension D: checked absent from Noto Sans CJK SC 2.004
PRIVATE_USE = "\U0010fffd"      # plane 16 private use: no font anywhere


class FakeFace:
    """A face with a given set of characters, that counts how often it is asked."""

    def __init__(self, name: str, chars: str) -> None:
        self._name = name
        self.chars = set(map(ord, chars))

    @property
    def name(self) -> str:
        return self._name

    def covers(self, code: int) -> bool:
        return code in self.chars


class Pulled:
    """An iterable of faces that records how many were taken (fallbacks are loaded lazily)."""

    def __init__(self, *faces: FakeFace) -> None:
        self.faces = faces
        self.taken = 0

    def __iter__(self) -> Iterator[FakeFace]:
        for face in self.faces:
            self.taken += 1
            yield face


def embedded_font_names(path: Path) -> dict[str, bool]:
    """Every font used on every page (forms included): base name → has an embedded font file."""
    found: dict[str, bool] = {}

    def visit(resources: pypdf.generic.DictionaryObject) -> None:
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            for item in [d.get_object() for d in descendants] if descendants else [font]:
                descriptor = item.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                found[str(item.get("/BaseFont"))] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                visit(xobject["/Resources"].get_object())

    for page in pypdf.PdfReader(path).pages:
        visit(page["/Resources"].get_object())
    return found


def test_bundled_font_covers_the_rare_characters_of_names() -> None:
    face = primary_face()
    assert face.name == PRIMARY
    assert all(face.covers(ord(c)) for c in RARE + "张王李赵0123456789ABCxyz（）：、")
    assert not face.covers(ord(NOT_IN_BUNDLED))
    assert not face.covers(ord(PRIVATE_USE))


def test_runs_split_text_by_the_font_that_has_each_character() -> None:
    fonts_ = FontSet(FakeFace("P", "王李 "), [FakeFace("A", "‽"), FakeFace("B", "𪚥‽")])
    assert fonts_.runs("王‽𪚥李") == [Run("P", "王"), Run("A", "‽"), Run("B", "𪚥"), Run("P", "李")]
    assert fonts_.runs("王李 王") == [Run("P", "王李 王")]
    assert fonts_.runs("") == []
    assert fonts_.runs("王X李") == [Run("P", "王"), Run("P", "X", covered=False), Run("P", "李")]
    assert fonts_.missing("王X𪚥YX") == "XY"


def test_fallbacks_are_loaded_only_when_needed_and_only_once() -> None:
    pulled = Pulled(FakeFace("A", "‽"), FakeFace("B", "𪚥"), FakeFace("C", "☃"))
    fonts_ = FontSet(FakeFace("P", "王"), pulled)
    fonts_.runs("王王")
    assert pulled.taken == 0
    fonts_.runs("王‽")
    assert pulled.taken == 1
    fonts_.runs("𪚥")
    assert pulled.taken == 2
    assert fonts_.missing("Z") == "Z"   # no face has it: every face is tried, once
    assert pulled.taken == 3
    assert fonts_.missing("ZZ‽") == "Z"
    assert [f.name for f in fonts_.loaded] == ["A", "B", "C"]


def test_markup_wraps_each_run_in_its_font() -> None:
    fonts_ = FontSet(FakeFace("P", "王<"), [FakeFace("A", "‽")])
    assert fonts_.markup("王<‽") == '<font name="P">王&lt;</font><font name="A">‽</font>'


def test_width_measures_each_run_with_its_own_font() -> None:
    primary = primary_face()
    fonts_ = FontSet(primary, [])
    assert fonts_.width("郑𠈌 ab", 10) == pytest.approx(pdfmetrics.stringWidth("郑𠈌 ab", PRIMARY, 10))
    assert fonts_.width("郑𠈌", 10) == pytest.approx(20.0)


def test_glyf_faces_reads_the_table_directory(tmp_path: Path) -> None:
    def face(tags: list[bytes], version: bytes = b"\x00\x01\x00\x00") -> bytes:
        head = struct.pack(">4sHHHH", version, len(tags), 0, 0, 0)
        return head + b"".join(struct.pack(">4sIII", tag, 0, 0, 0) for tag in tags)

    truetype = face([b"cmap", b"glyf", b"head", b"loca"])
    postscript = face([b"CFF ", b"cmap", b"head"], b"OTTO")
    single = tmp_path / "a.ttf"
    single.write_bytes(truetype)
    cff = tmp_path / "b.ttf"
    cff.write_bytes(postscript)
    header = struct.pack(">4sHHI", b"ttcf", 1, 0, 2)
    first = len(header) + 8
    collection = tmp_path / "c.ttc"
    collection.write_bytes(header + struct.pack(">II", first, first + len(postscript)) + postscript + truetype)
    junk = tmp_path / "d.ttf"
    junk.write_bytes(b"not a font")
    assert glyf_faces(single) == [0]
    assert glyf_faces(cff) == []
    assert glyf_faces(collection) == [1]
    assert glyf_faces(junk) == []
    assert glyf_faces(tmp_path / "missing.ttf") == []
    assert list(system_faces([cff, junk, tmp_path / "missing.ttf"])) == []


def test_windows_fallbacks_are_the_known_cjk_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "Fonts"
    folder.mkdir()
    for name in ("msyh.ttc", "simsunb.ttf", "arial.ttf"):
        (folder / name).write_bytes(b"")
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "nowhere"))
    assert [p.name for p in fonts.candidate_files()] == ["simsunb.ttf", "msyh.ttc"]


def test_uncovered_character_is_drawn_as_a_box_and_reported(tmp_path: Path) -> None:
    sheet = Sheet(tmp_path / "w.pdf", title="t", office="o", fonts=FontSet(primary_face(), []))
    sheet.subject = "王" + NOT_IN_BUNDLED
    sheet.text(LEFT, 700, sheet.subject, 12)
    sheet.text(LEFT, 680, "郑" + PRIVATE_USE, 12, who="郑" + PRIVATE_USE)
    sheet.text(LEFT, 660, "正常的字", 12)
    sheet.end_page()
    sheet.save()
    assert sheet.warnings == (f"王{NOT_IN_BUNDLED}：“{NOT_IN_BUNDLED}”没有字体可以打印",
                              f"郑{PRIVATE_USE}：“{PRIVATE_USE}”没有字体可以打印")
    text = pypdf.PdfReader(tmp_path / "w.pdf").pages[0].extract_text()
    assert "正常的字" in text and "王\ufffd" in text


def test_characters_outside_the_bmp_survive_text_extraction(tmp_path: Path) -> None:
    sheet = Sheet(tmp_path / "r.pdf", title="t", office="o", fonts=FontSet(primary_face(), []))
    sheet.text(LEFT, 700, "郑𠈌 " + RARE, 12, bold=True)
    sheet.end_page()
    sheet.save()
    assert ("郑𠈌 " + RARE) in pypdf.PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert embedded_font_names(tmp_path / "r.pdf") == {"/AAAAAA+NotoSansCJKsc-Regular": True}


def test_a_system_font_fills_in_and_is_embedded(tmp_path: Path) -> None:
    """‽ is not in Noto Sans CJK but is in common system fonts (DejaVu on Linux, Segoe UI Symbol …)."""
    faces = [f for f in system_faces() if f.covers(ord("‽"))][:1]
    if not faces:
        pytest.skip("no system TrueType font with ‽ on this machine")
    face = faces[0]
    assert isinstance(face, TrueTypeFace)
    sheet = Sheet(tmp_path / "f.pdf", title="t", office="o", fonts=FontSet(primary_face(), [face]))
    sheet.text(LEFT, 700, "王‽堃", 12)
    sheet.end_page()
    sheet.save()
    assert sheet.fonts.runs("王‽堃")[1] == Run(face.name, "‽")
    assert sheet.warnings == ()
    assert "王‽堃" in pypdf.PdfReader(tmp_path / "f.pdf").pages[0].extract_text()
    embedded = embedded_font_names(tmp_path / "f.pdf")
    assert len(embedded) == 2 and all(embedded.values()), embedded
