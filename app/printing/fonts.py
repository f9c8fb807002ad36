"""Fonts for printed forms: the bundled Noto Sans CJK SC, per-character fallback and coverage checks.

reportlab draws nothing for a character its font lacks, so every string is split into runs by
the font that covers each character: the bundled font first, then system TrueType fonts
(SimSun-ExtB and friends on Windows, anything with glyf outlines on Linux), loaded lazily, once.
Characters no font covers are drawn with the bundled font (a box) and reported to the user.
"""

from __future__ import annotations

import logging
import os
import struct
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.errors import KnownError
from app.paths import resource

log = logging.getLogger(__name__)

PRIMARY = "NotoSansSC"
PRIMARY_FILE = ("fonts", "NotoSansCJKsc-Regular.ttf")

# Windows fonts that cover rare characters (CJK extensions B and later), best first.
WINDOWS_FONTS = ("simsunb.ttf", "SimsunExtG.ttf", "simsun.ttc", "msyh.ttc", "mingliub.ttc", "msjh.ttc")
# File names that suggest CJK coverage are tried first on Linux.
CJK_HINTS = ("hana", "sun", "song", "ming", "kai", "hei", "cjk", "wqy", "droid", "unifont", "babelstone", "ukai",
             "uming", "fallback")
# Plain upright faces are preferred to these styles when both have a character.
STYLE_HINTS = ("bold", "italic", "oblique", "light", "thin", "black", "condensed", "mono", "math")


class Face(Protocol):
    """A font that can be drawn with: its reportlab name and which characters it has."""

    @property
    def name(self) -> str: ...

    def covers(self, code: int) -> bool: ...


class TrueTypeFace:
    """A TrueType font (or one face of a collection), registered with reportlab under `name`."""

    def __init__(self, name: str, path: Path, subfont_index: int = 0) -> None:
        self._name = name
        self.path = path
        self.subfont_index = subfont_index
        self.font = TTFont(name, str(path), subfontIndex=subfont_index)
        self._codes: dict[int, int] = self.font.face.charToGlyph
        pdfmetrics.registerFont(self.font)

    @property
    def name(self) -> str:
        return self._name

    def covers(self, code: int) -> bool:
        return code in self._codes

    def __repr__(self) -> str:
        return f"TrueTypeFace({self._name!r}, {str(self.path)!r}, {self.subfont_index})"


@dataclass(frozen=True)
class Run:
    """A piece of text drawn with one font; covered is False when no font has these characters."""

    font: str
    text: str
    covered: bool = True


class FontSet:
    """The primary face plus fallbacks, which are pulled from `fallbacks` only when needed."""

    def __init__(self, primary: Face, fallbacks: Iterable[Face]) -> None:
        self.primary = primary
        self._pending: Iterator[Face] = iter(fallbacks)
        self.loaded: list[Face] = []
        self._choice: dict[int, Face | None] = {}
        self._runs: dict[str, list[Run]] = {}

    def face_for(self, code: int) -> Face | None:
        """The first face that has this character, or None if none has it."""
        if self.primary.covers(code):
            return self.primary
        if code in self._choice:
            return self._choice[code]
        found = next((f for f in self.loaded if f.covers(code)), None)
        if found is None:
            for face in self._pending:
                self.loaded.append(face)
                if face.covers(code):
                    found = face
                    break
        self._choice[code] = found
        return found

    def runs(self, text: str) -> list[Run]:
        """Split text into runs of one font each (whitespace stays with the run it is in)."""
        cached = self._runs.get(text)
        if cached is None:
            if len(self._runs) > 50_000:
                self._runs.clear()
            cached = self._runs[text] = self._split(text)
        return cached

    def _split(self, text: str) -> list[Run]:
        primary = self.primary
        if all(primary.covers(ord(c)) for c in text):
            return [Run(primary.name, text)] if text else []
        runs: list[Run] = []
        font, covered, start = "", True, 0
        for i, char in enumerate(text):
            face = self.face_for(ord(char))
            this_font, this_covered = (face.name, True) if face is not None else (primary.name, False)
            if i and (this_font, this_covered) != (font, covered):
                runs.append(Run(font, text[start:i], covered))
                start = i
            font, covered = this_font, this_covered
        runs.append(Run(font, text[start:], covered))
        return runs

    def missing(self, text: str) -> str:
        """The characters of text that no font can print, each once, in order."""
        return "".join(dict.fromkeys("".join(r.text for r in self.runs(text) if not r.covered)))

    def width(self, text: str, size: float) -> float:
        """Width in points, measuring each run with its own font."""
        return float(sum(pdfmetrics.stringWidth(r.text, r.font, size) for r in self.runs(text)))

    def markup(self, text: str) -> str:
        """Paragraph markup (platypus) with each run wrapped in <font name=...>."""
        return "".join(f'<font name="{r.font}">{escape(r.text)}</font>' for r in self.runs(text))


def draw_string(canvas: Canvas, fonts: FontSet, x: float, y: float, text: str, size: float,
                *, mode: int | None = None, char_space: float = 0.0) -> float:
    """Draw text at (x, y) on a reportlab canvas, switching fonts per run; returns the width drawn.

    All runs go into one text object, so readers extract them as one word (王‽堃, not 王 ‽ 堃).
    """
    runs = fonts.runs(text)
    text_object = canvas.beginText(x, y)
    if mode is not None:
        text_object.setTextRenderMode(mode)
    if char_space:
        text_object.setCharSpace(char_space)
    width = char_space * max(0, len(text) - 1)
    for run in runs:
        text_object.setFont(run.font, size)
        text_object.textOut(run.text)
        width += pdfmetrics.stringWidth(run.text, run.font, size)
    if mode is not None:
        text_object.setTextRenderMode(0)
    if char_space:
        text_object.setCharSpace(0)
    canvas.drawText(text_object)
    return width


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap, but with characters outside the BMP as UTF-16 surrogate pairs.

    reportlab 4/5 writes <2020C> for 𠈌, which readers reject, so text extraction and copy-paste
    lose the character; PDF requires UTF-16BE (<D840DE0C>). Also keeps each bfchar block at 100
    entries, as the CMap specification asks, and maps .notdef (code 0) to U+FFFD.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
    ]
    pairs = [f"<{i:02X}> <{chr(code or 0xFFFD).encode('utf-16-be').hex().upper()}>" for i, code in enumerate(subset)]
    for first in range(0, len(pairs), 100):
        block = pairs[first:first + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def glyf_faces(path: Path) -> list[int]:
    """Indexes of the faces in a .ttf/.ttc that have TrueType (glyf) outlines; [] for CFF or junk."""
    try:
        with path.open("rb") as file:
            head = file.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = struct.unpack(f">{count}I", file.read(4 * count))
            else:
                offsets = (0,)
            found = []
            for index, offset in enumerate(offsets):
                file.seek(offset)
                version, tables = struct.unpack(">4sH", file.read(6))
                if version not in (b"\x00\x01\x00\x00", b"true"):
                    continue
                file.seek(offset + 12)
                directory = file.read(16 * tables)
                tags = {directory[i:i + 4] for i in range(0, len(directory), 16)}
                if b"glyf" in tags and b"loca" in tags:
                    found.append(index)
            return found
    except (OSError, struct.error):
        return []


def candidate_files() -> list[Path]:
    """System font files worth trying as fallbacks, most promising first."""
    if sys.platform == "win32":
        system = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        user = Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft" / "Windows" / "Fonts"
        known = [system / name for name in WINDOWS_FONTS]
        extra = sorted(p for p in user.glob("*") if p.suffix.lower() in (".ttf", ".ttc")) if user.is_dir() else []
        return [p for p in (*known, *extra) if p.is_file()]
    home = Path.home()
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts",
               home / ".local" / "share" / "fonts"]
    files = {p for folder in folders if folder.is_dir() for p in folder.rglob("*")
             if p.suffix.lower() in (".ttf", ".ttc") and p.is_file()}

    def rank(path: Path) -> tuple[bool, bool, str]:
        name = path.name.lower()
        return (not any(hint in name for hint in CJK_HINTS), any(hint in name for hint in STYLE_HINTS), str(path))

    return sorted(files, key=rank)


def system_faces(files: Iterable[Path] | None = None) -> Iterator[Face]:
    """Load fallback faces one at a time; fonts reportlab cannot use are skipped quietly."""
    primary = resource(*PRIMARY_FILE).resolve()
    for path in candidate_files() if files is None else files:
        if path.resolve() == primary:
            continue
        for index in glyf_faces(path):
            name = f"Fallback-{path.stem}-{index}"
            try:
                yield TrueTypeFace(name, path, index)
            except Exception as exc:  # a broken or restricted system font must never stop printing
                log.debug("skipping font %s#%d: %s", path, index, exc)


_primary: TrueTypeFace | None = None
_active: FontSet | None = None


def primary_face() -> TrueTypeFace:
    """The bundled font, registered with reportlab as PRIMARY (loaded once, about 0.1 s)."""
    global _primary
    if _primary is None:
        path = resource(*PRIMARY_FILE)
        if not path.is_file():
            raise KnownError(f"缺少打印字体文件 {path}，请重新安装程序。")
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        _primary = TrueTypeFace(PRIMARY, path)
    return _primary


def font_set() -> FontSet:
    """The fonts every form draws with: the bundled one, then system fallbacks as needed."""
    global _active
    if _active is None:
        _active = FontSet(primary_face(), system_faces())
    return _active


def use_fonts(fonts: FontSet | None) -> None:
    """Replace the font set (tests), or with None go back to bundled font + system fallbacks."""
    global _active
    _active = fonts
