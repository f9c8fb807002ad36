"""帮扶档案 (a tab of the file dialog): all help the household was given, totals by year, legal aid — read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.errors import KnownError
from app.money import yuan
from app.services import relief
from app.services.relief_forms import HelpHistory
from ui.events import AppEvents
from ui.tables.reliefs_model import marks
from ui.tables.table_view import list_view
from ui.tables.text_table import TextTableModel

RELIEF_HEADERS = ("日期", "救助类型", "受助人", "金额", "物资", "物资价值", "帮扶活动", "资金", "标记")
YEAR_HEADERS = ("年度", "人次", "金额")
LEGAL_HEADERS = ("案号", "案由", "被申请人", "申请人", "受理日期", "结案日期", "本人追回", "全案追回")
JOB_HEADERS = ("日期", "项目", "人员", "内容")


def _day(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


class HelpHistoryView(QWidget):
    """Read when first shown, and again whenever reliefs change while the dialog is open."""

    loaded = Signal(str)  # the tab's text: 帮扶档案（3）

    def __init__(self, events: AppEvents, household_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.household_id = household_id
        self.history: HelpHistory | None = None
        self.summary = QLabel("正在读取…", self)
        self.summary.setObjectName("sideTitle")
        self.reliefs = TextTableModel(self, headers=RELIEF_HEADERS, numeric=(3, 5))
        self.years = TextTableModel(self, headers=YEAR_HEADERS, numeric=(1, 2))
        self.legal = TextTableModel(self, headers=LEGAL_HEADERS, numeric=(6, 7))
        self.jobs = TextTableModel(self, headers=JOB_HEADERS)
        self.relief_table = list_view(self, self.reliefs, widths=(92, 84, 70, 96, 150, 84, 150, 150))
        self.year_table = list_view(self, self.years, widths=(64, 48))
        self.year_table.setMinimumWidth(230)
        self.legal_table = list_view(self, self.legal, widths=(96, 72, 110, 64, 92, 92, 90))
        self.jobs_table = list_view(self, self.jobs, widths=(92, 48, 64))
        self.legal_label = QLabel("法律援助", self)
        self.legal_label.setObjectName("sideTitle")
        self.jobs_label = QLabel("培训就业", self)
        self.jobs_label.setObjectName("sideTitle")
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.relief_table)
        top.addWidget(self.year_table)
        top.setStretchFactor(0, 1)
        top.setStretchFactor(1, 0)
        top.setSizes([800, 240])
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        for label, table in ((self.legal_label, self.legal_table), (self.jobs_label, self.jobs_table)):
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(label)
            column.addWidget(table, 1)
            bottom.addWidget(box)
        outer = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(top)
        outer.addWidget(bottom)
        outer.setSizes([380, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(outer, 1)
        events.relief_changed.connect(lambda _ids: self.load() if self.history is not None else None)

    def showEvent(self, event: QShowEvent) -> None:
        if self.history is None:
            self.load()
        super().showEvent(event)

    def load(self) -> None:
        try:
            history = relief.household_help(self.household_id)
        except KnownError as exc:
            self.summary.setText(str(exc))
            return
        self.history = history
        self.summary.setText(f"共获得救助 {history.count} 次，合计 {yuan(history.amount)}（含物资折价）；"
                             f"法律援助 {len(history.legal)} 件")
        self.reliefs.set_rows([(r.on_date.isoformat(), r.relief_type, r.name, yuan(r.amount) if r.amount else "",
                                r.goods, yuan(r.goods_value) if r.goods_value else "", r.campaign, r.fund, marks(r))
                               for r in history.rows])
        self.years.set_rows([(f"{y.year}年", str(y.count), yuan(y.amount)) for y in history.by_year])
        self.legal.set_rows([(c.case_no, c.cause, c.respondent, c.name, _day(c.accepted_on), _day(c.closed_on),
                              yuan(c.recovered) if c.recovered is not None else "", yuan(c.case_recovered))
                             for c in history.legal])
        self.jobs.set_rows(job_lines(history))
        self.loaded.emit(self.tab_text())

    def tab_text(self) -> str:
        return f"帮扶档案（{self.history.count}）" if self.history is not None else "帮扶档案"


def job_lines(history: HelpHistory) -> list[tuple[str, ...]]:
    """Trainings, placements, loans and pairings on one dated list, newest first."""
    lines: list[tuple[str, ...]] = []
    for t in history.trainings:
        done = "已结业" if t.completed else "未结业"
        lines.append((_day(t.start_date), "培训", t.name, f"{t.session}（{t.kind}·{t.trade}，{done}）"))
    for p in history.placements:
        lines.append((_day(p.on_date), "就业", p.name, f"{p.employer} {p.job}（{p.how_found}）"))
    for loan in history.loans:
        lines.append((_day(loan.on_date), "贷款", loan.name,
                      f"{loan.bank} {yuan(loan.amount)}，{loan.term_months}个月，{loan.repayment}"))
    for pairing in history.pairings:
        lines.append((_day(pairing.start_date), "结对", pairing.cadre_name,
                      f"{pairing.cadre_unit}，帮扶 {len(pairing.aid)} 次 {yuan(pairing.amount)}"))
    return sorted(lines, key=lambda line: line[0], reverse=True)
