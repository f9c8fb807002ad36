"""The detail pane of a model worker: photo, details, honours, and the whole timeline year by year."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from app.services.model_worker_forms import ON_ROLL, ModelWorkerView
from app.services.model_worker_overview import TimelineItem
from ui import formatting
from ui.widgets.petition_detail import GREEN, GREY, RED, STYLE

EMPTY = (f"<p style='color:{GREY}'>在列表中选择一位劳模，这里显示他的基本情况、荣誉称号，"
         "以及动态、走访慰问、体检、补助金、补充保险和办实事的全部经过。</p>")
PHOTO_URL = QUrl("photo:current")
REVEAL_LINK = "reveal"
KIND_COLOURS = {"动态": "#a31f1f", "走访": "#1d5fa8", "体检": GREEN, "补助金": "#8a5a00", "补充保险": "#6a3d9a",
                "办实事": "#00796b"}
STATUS_COLOURS = {"在职": GREEN, "退休": "#1d5fa8"}


def _facts(view: ModelWorkerView) -> list[tuple[str, str]]:
    line = view.line
    born = f"{line.birth_year}年生" if line.birth_year else ""
    person = "，".join(t for t in (line.sex, born, view.ethnicity, view.political_status) if t)
    facts = [("身份证号", view.id_number), ("个人情况", person), ("工作单位", line.work_unit), ("职务", line.job),
             ("联系电话", view.phone), ("家庭住址", view.address), ("创新工作室", line.studio), ("备注", view.note)]
    return [(label, value) for label, value in facts if value]


def _timeline_rows(items: Sequence[TimelineItem]) -> str:
    rows, year = [], None
    for item in items:
        if item.year != year:
            year = item.year
            rows.append(f"<tr><td colspan='4' style='color:{GREY}; padding-top:6px'><b>{year}年</b></td></tr>")
        when = formatting.day(item.on_date) if item.on_date else f"{item.year}年度"
        text = item.text if item.on_date else item.text.removeprefix(f"{when} ")
        colour = KIND_COLOURS.get(item.kind, "#2e3440")
        amount = formatting.money(item.amount) if item.amount else ""
        rows.append(f"<tr><td style='white-space:nowrap'>{escape(when)}</td>"
                    f"<td style='white-space:nowrap'><b style='color:{colour}'>{escape(item.kind)}</b></td>"
                    f"<td>{escape(text)}</td><td align='right' style='white-space:nowrap'>{amount}</td></tr>")
    return "".join(rows)


def worker_html(view: ModelWorkerView, items: Sequence[TimelineItem], *, photo: bool = False, can_reveal: bool = False,
                revealed: bool = False) -> str:
    line = view.line
    colour = STATUS_COLOURS.get(line.status, RED if line.status == "撤销称号" else GREY)
    status = f"<b style='color:{colour}'>{escape(line.status)}</b>（自 {formatting.day(line.status_since)}）"
    picture = f"<img src='{PHOTO_URL.toString()}' width='84' align='right'>" if photo else ""
    reveal = (f" · <a href='{REVEAL_LINK}'>显示完整身份证号和电话</a>"
              if can_reveal and not revealed and view.id_number else "")
    facts = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in _facts(view))
    honours = "".join(f"<tr><td>{h.year}年</td><td>{escape(h.level)}</td><td>{escape(h.title)}</td>"
                      f"<td style='color:{GREY}'>{escape(h.document_no)}</td></tr>" for h in line.honours)
    timeline = _timeline_rows(items) or f"<tr><td style='color:{GREY}'>（无）</td></tr>"
    hint = ("" if line.status in ON_ROLL
            else f"<p style='color:{GREY}'>已不在册：不能再登记走访、体检、办实事和补助金。</p>")
    return (f"{STYLE}{picture}<h3>{escape(line.name)}</h3><p>{status}{reveal}</p>{hint}"
            f"<table>{facts}</table>"
            f"<p class='part'>荣誉称号</p><table>{honours}</table>"
            f"<p class='part'>经过（动态、走访、体检、补助金、保险、实事）</p><table width='100%'>{timeline}</table>")


class ModelWorkerDetail(QTextBrowser):
    """Read-only; shows one model worker or a hint. `reveal_requested` when the reveal link is clicked."""

    reveal_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.setMinimumWidth(360)
        self.anchorClicked.connect(self._clicked)
        self.worker_id: int | None = None
        self.show_worker(None, ())

    def show_worker(self, view: ModelWorkerView | None, items: Sequence[TimelineItem], *, photo: bytes | None = None,
                    can_reveal: bool = False, revealed: bool = False) -> None:
        self.worker_id = view.line.worker_id if view is not None else None
        if view is None:
            self.setHtml(EMPTY)
            return
        image = QImage.fromData(photo) if photo else QImage()
        if not image.isNull():
            self.document().addResource(QTextDocument.ResourceType.ImageResource, PHOTO_URL, image)
        self.setHtml(worker_html(view, items, photo=not image.isNull(), can_reveal=can_reveal, revealed=revealed))

    def _clicked(self, url: QUrl) -> None:
        if url.toString() == REVEAL_LINK:
            self.reveal_requested.emit()
