"""The detail pane of a contact (信访): who and what, the four records (四有) with dates and people, the events."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app import clock
from app.services.petitions import PetitionView
from ui import formatting

GREY = "#8a94a3"
RED = "#c62828"
GREEN = "#2e7d32"
STYLE = ("<style>td { padding: 3px 6px; vertical-align: top; } th { text-align: left; padding: 3px 6px; "
         "color: #5f6b7a; font-weight: normal; white-space: nowrap; } h3 { margin: 0 0 4px 0; } "
         "p { margin: 4px 0; } .part { color: #a31f1f; font-weight: bold; margin-top: 10px; }</style>")
EMPTY = f"<p style='color:{GREY}'>在列表中选择一条信访记录，这里显示它的登记、送达、办结和关联档案。</p>"


def _muted(text: str) -> str:
    return f"<span style='color:{GREY}'>{escape(text)}</span>"


def _row(label: str, *cells: str) -> str:
    return f"<tr><th>{escape(label)}</th>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _handed_by(view: PetitionView) -> str:
    steps = [e for e in view.events if e.action == "送达办理"]
    return steps[-1].by_name if steps else ""


def _due(view: PetitionView) -> str:
    if view.closed_on is not None:
        late = (view.closed_on - view.due_on).days
        return escape(f"时限 {formatting.day(view.due_on)}") + (f"，<span style='color:{RED}'>超期 {late} 天办结</span>"
                                                                 if late > 0 else "，按期办结")
    late = (clock.today() - view.due_on).days
    if view.overdue:
        return f"<span style='color:{RED}'>时限 {formatting.day(view.due_on)}，已超期 {late} 天</span>"
    return escape(f"时限 {formatting.day(view.due_on)}（还有 {-late} 天）")


def four_records(view: PetitionView) -> str:
    """接待登记, 送达办理, 办结报告, 帮扶档案: each with its date and person, or what is still missing."""
    registered = _row("接待登记", escape(f"{view.received_at:%Y-%m-%d %H:%M} · 登记人 {view.registered_by}"))
    if view.handed_on is not None:
        by = _handed_by(view)
        handed = _row("送达办理", escape(f"{formatting.day(view.handed_on)} · 送 {view.handed_to}")
                      + (escape(f"（经办 {by}）") if by else ""))
    else:
        handed = _row("送达办理", _muted("尚未送达") + "<br>" + _due(view))
    if view.closed_on is not None:
        lines = [escape(f"{formatting.day(view.closed_on)} · 办结人 {view.closed_by}"), escape(f"结果：{view.result}")]
        if view.reply:
            lines.append(escape(f"答复：{view.reply}"))
        closed = _row("办结报告", "<br>".join([*lines, _due(view)]))
    else:
        closed = _row("办结报告", _muted("尚未办结") + ("<br>" + _due(view) if view.handed_on is not None else ""))
    links = []
    if view.file_no:
        links.append(escape(f"档案 {view.file_no}"))
    if view.case_no:
        links.append(escape(f"法律援助 {view.case_no}"))
    filed = _row("帮扶档案", "；".join(links) if links else _muted("尚未关联"))
    return f"<table>{registered}{handed}{closed}{filed}</table>"


def petition_html(view: PetitionView) -> str:
    colour = {"已办结": GREEN}.get(str(view.status), RED if view.overdue else "#1d5fa8")
    status = str(view.status) + ("（超期）" if view.overdue else "")
    who = [view.name or "（未留姓名）"]
    if view.id_number:
        who.append(view.id_number)
    facts = " · ".join(escape(v) for v in (view.category, f"涉及 {view.workers} 人", view.work_unit, view.contact) if v)
    events = "".join(_row(formatting.day(e.on_date), escape(" · ".join(p for p in (e.action, e.by_name, e.note) if p)))
                     for e in view.events)
    content = escape(view.content).replace("\n", "<br>")
    return (f"{STYLE}<h3>{escape(view.channel)} · {escape(' '.join(who))}</h3>"
            f"<p><span style='color:{colour}; font-weight:bold'>{escape(status)}</span> · "
            f"{escape(f'{view.received_at:%Y-%m-%d %H:%M}')}</p><p>{facts}</p>"
            f"<p class='part'>反映内容</p><p>{content}</p>"
            f"<p class='part'>四有记录</p>{four_records(view)}"
            f"<p class='part'>办理经过</p><table>{events or _row('', _muted('（无）'))}</table>")


class PetitionDetail(QTextBrowser):
    """Read-only; shows one contact or a hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.setMinimumWidth(320)
        self.show_petition(None)

    def show_petition(self, view: PetitionView | None) -> None:
        self.setHtml(EMPTY if view is None else petition_html(view))
