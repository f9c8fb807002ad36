"""The detail pane of a legal-aid case: the facts, its timeline (stages and the contacts it came from), applicants."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from app.services.legal_cases import LegalCaseView
from app.services.petitions import PetitionView
from ui import formatting
from ui.widgets.petition_detail import GREEN, GREY, STYLE

EMPTY = f"<p style='color:{GREY}'>在列表中选择一个案件，这里显示它的受理、调解、仲裁或诉讼、结案经过和申请人。</p>"
STAGE_COLOURS = {"受理": "#1d5fa8", "结案": GREEN}


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def timeline(case: LegalCaseView, contacts: Sequence[PetitionView]) -> list[tuple[datetime.date, str, str, str]]:
    """(date, what, note, who): the stages and the contacts, in date order (a contact before a stage that day)."""
    entries = [(p.received_at.date(), 0, f"信访{p.channel}", f"{p.name} · {p.category} · {p.status}",
                p.registered_by) for p in contacts]
    entries += [(s.on_date, 1, s.stage, s.note, s.by_name) for s in case.stages]
    entries.sort(key=lambda e: (e[0], e[1]))
    return [(day, what, note, who) for day, _order, what, note, who in entries]


def case_html(case: LegalCaseView, contacts: Sequence[PetitionView]) -> str:
    handling = case.handling + (f"（{case.partner}）" if case.partner else "")
    named = len(case.applicants)
    workers = f"{case.workers_involved} 人" + (f"（列名 {named} 人）" if named < case.workers_involved else "")
    facts = [("案由", case.cause), ("处理方式", handling), ("律师", case.lawyer or "—"), ("涉及职工", workers),
             ("请求金额", formatting.money(case.amount_claimed)), ("受理日期", formatting.day(case.accepted_on))]
    if case.closed_on is not None:
        facts += [("结案日期", formatting.day(case.closed_on)), ("追回金额", formatting.money(case.amount_recovered)),
                  ("处理结果", case.outcome)]
    if case.note:
        facts.append(("备注", case.note))
    basic = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts)
    steps = "".join(_row(escape(formatting.day(day)),
                         f"<b style='color:{STAGE_COLOURS.get(what, '#a31f1f')}'>{escape(what)}</b>",
                         escape(note), f"<span style='color:{GREY}'>{escape(who)}</span>")
                    for day, what, note, who in timeline(case, contacts))
    people = "".join(_row(escape(a.name), escape(a.id_number), formatting.money(a.amount_claimed),
                          formatting.money(a.amount_recovered)) for a in case.applicants)
    applicants = (f"<table><tr><th>姓名</th><th>身份证号</th><th>请求</th><th>追回</th></tr>{people}</table>"
                  if people else f"<p style='color:{GREY}'>（未列名申请人）</p>")
    return (f"{STYLE}<h3>{escape(case.case_no)} · {escape(case.respondent)}</h3>"
            f"<p><b>{escape(case.stage)}</b></p><table>{basic}</table>"
            f"<p class='part'>办理经过</p><table>{steps}</table>"
            f"<p class='part'>申请人</p>{applicants}")


class CaseTimeline(QTextBrowser):
    """Read-only; shows one case or a hint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setOpenLinks(False)
        self.setMinimumWidth(320)
        self.show_case(None, ())

    def show_case(self, case: LegalCaseView | None, contacts: Sequence[PetitionView]) -> None:
        self.setHtml(EMPTY if case is None else case_html(case, contacts))
