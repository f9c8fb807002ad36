"""工作总结素材: the year-end draft in the register of the work reports, one paragraph per line of work with records,
filled with the period's figures and the change from a year earlier; saved as .docx or .txt."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app import session
from app.errors import KnownError
from app.files import atomic_output, explain_os_error
from app.services import audit, settings
from app.services.audit import AuditAction
from app.services.summary import Comparison, Period, compare
from app.services.summary_details import draft_details
from app.services.summary_lines import LINES
from app.services.summary_phrases import Context, area_of, numeral, period_label
from app.session import Permission

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.run import Run

DOCX_FONT = "Noto Sans CJK SC"   # the bundled font's family name: Word uses it where installed, else its own CJK font
TXT_NEWLINE = "\r\n"             # Notepad on older Windows shows LF-only text as one line


@dataclass(frozen=True)
class DraftParagraph:
    """One line of work: its place among the paragraphs written (1 → 一), its title and its text."""

    key: str            # files, care, medical … (see summary_lines.LINES)
    number: int
    title: str
    text: str

    @property
    def heading(self) -> str:
        return f"{numeral(self.number)}、{self.title}" if self.title else ""


@dataclass(frozen=True)
class SummaryDraft:
    """The draft for a period: a title and the paragraphs of the lines of work that have records in it."""

    title: str
    office: str
    period: Period
    paragraphs: tuple[DraftParagraph, ...]

    def plain_text(self) -> str:
        """Title, then each heading and its paragraph, a blank line between: what is copied or saved as .txt."""
        blocks = [self.title, *(f"{p.heading}\n{p.text}" if p.heading else p.text for p in self.paragraphs)]
        return "\n\n".join(blocks) + "\n"

    def edited(self, text: str) -> SummaryDraft:
        """The draft as the user changed it in the text box (the layout of plain_text): the first block is the title,
        each further block a heading line (一、…, renumbered in order) and its paragraph."""
        blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
        if not blocks:
            return dataclasses.replace(self, paragraphs=())
        paragraphs = []
        for number, block in enumerate(blocks[1:], start=1):
            heading, _, body = block.partition("\n")
            title = re.sub(r"^[一二三四五六七八九十]+、", "", heading.strip())
            if not body.strip():    # a block without a heading line: all of it is the paragraph
                title, body = "", block
            paragraphs.append(DraftParagraph(f"edited-{number}", number, title, body.strip()))
        return dataclasses.replace(self, title=blocks[0], paragraphs=tuple(paragraphs))

    def without(self, key: str) -> SummaryDraft:
        """The draft with one line of work left out and the others renumbered (the UI's 删除本段)."""
        kept = [p for p in self.paragraphs if p.key != key]
        return dataclasses.replace(self, paragraphs=tuple(dataclasses.replace(p, number=i)
                                                          for i, p in enumerate(kept, start=1)))


def write_draft(comparison: Comparison, office: str) -> SummaryDraft:
    """The draft from figures already computed (the 统计 tab has them): no database reads but the details."""
    period = comparison.period
    base = Context(period, comparison.current, comparison.previous, draft_details(period.start, period.end),
                   area_of(office))
    paragraphs: list[DraftParagraph] = []
    for line in LINES:
        if not line.present(comparison.current):
            continue
        context = dataclasses.replace(base, key=line.key, compared=line.present(comparison.previous))
        sentences = [s for s in line.write(context) if s]
        if sentences:
            paragraphs.append(DraftParagraph(line.key, len(paragraphs) + 1, line.title,
                                             "。".join(sentences) + "。"))
    return SummaryDraft(f"{office}{period_label(period)}工作总结素材", office, period, tuple(paragraphs))


def summary_draft(period: Period) -> SummaryDraft:
    """The draft for a period, read from the records (this period and the same period a year earlier)."""
    session.require(Permission.VIEW)
    return write_draft(compare(period), settings.office_name())


def save_draft(draft: SummaryDraft, out: Path) -> Path:
    """Write the draft as .docx (Word) or .txt (UTF-8 with BOM, CRLF) by the file's ending; returns the path."""
    session.require(Permission.VIEW)
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".txt"):
        raise KnownError(f"工作总结素材只能保存为 .docx 或 .txt 文件，而不是“{out.name}”。")
    with atomic_output(out) as temp:
        try:
            if suffix == ".docx":
                _write_docx(draft, temp)
            else:
                temp.write_text(draft.plain_text().replace("\n", TXT_NEWLINE), encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise explain_os_error(out, exc) from exc
    audit.record(AuditAction.EXPORT, target_kind="summary", target_label=draft.title,
                 details={"内容": "工作总结素材", "期间": draft.period.describe(), "段落": len(draft.paragraphs),
                          "文件": out.name})
    return out


def _write_docx(draft: SummaryDraft, path: Path) -> None:
    """Title, numbered headings and indented paragraphs in the bundled font, set for East Asian text too."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = draft.title
    document.core_properties.author = draft.office
    for name, size in (("Normal", 12), ("Title", 18), ("Heading 1", 14)):
        style = document.styles[name]
        style.font.size = Pt(size)
        _east_asian(style.element, DOCX_FONT)
    title = document.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title.add_run(draft.title))
    for paragraph in draft.paragraphs:
        if paragraph.heading:
            _run(document.add_paragraph(style="Heading 1").add_run(paragraph.heading))
        body = document.add_paragraph()
        body.paragraph_format.first_line_indent = Pt(24)   # two characters, as Chinese documents indent
        body.paragraph_format.line_spacing = 1.5
        _run(body.add_run(paragraph.text))
    document.save(str(path))


def _run(run: Run) -> None:
    run.font.name = DOCX_FONT
    _east_asian(run.element, DOCX_FONT)


def _east_asian(element: BaseOxmlElement, font: str) -> None:
    """Set rFonts for every script, East Asian included, and drop theme fonts (a theme font would win in Word)."""
    from docx.oxml.ns import qn

    properties = element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    fonts.set(qn("w:hint"), "eastAsia")
    language = properties.find(qn("w:lang"))
    if language is None:
        language = properties.makeelement(qn("w:lang"), {})
        properties.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")
