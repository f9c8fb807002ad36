"""Which visit round (走访批次) to print the 慰问签领表 of: each with its dates, visits and money."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from app.money import yuan
from app.services.model_worker_overview import RoundSummary
from ui.dialogs.step_form import StepForm


def describe(summary: RoundSummary) -> str:
    days = summary.start.isoformat() if summary.start == summary.end else \
        f"{summary.start.isoformat()} 至 {summary.end.isoformat()}"
    return f"{summary.name}（{days}，{summary.visits} 人次，{yuan(summary.amount)}）"


class VisitRoundDialog(StepForm):
    """The latest round first; 打印 (Enter) writes the sheet in the background."""

    def __init__(self, rounds: Sequence[RoundSummary], parent: QWidget | None = None, *, chosen: str = "") -> None:
        super().__init__("打印慰问签领表", parent, ok="打印…",
                         heading="按走访批次打印：每人一行，金额同时写大写，供领取人签字。")
        self.round = QComboBox(self)
        for summary in rounds:
            self.round.addItem(describe(summary), summary.name)
        if chosen:
            self.round.setCurrentIndex(max(self.round.findData(chosen), 0))
        self.form.addRow("走访批次 *", self.round)
        self.finish_layout()
        self.resize(560, 0)
        self.round.setFocus()

    @property
    def round_name(self) -> str:
        return str(self.round.currentData() or "")

    def save(self) -> None:
        if not self.round_name:
            self.refuse("还没有走访批次：登记走访慰问时填写“走访批次”。", prefix="")
            return
        self.accept()
