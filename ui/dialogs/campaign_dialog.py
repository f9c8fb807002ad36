"""新建帮扶活动: name, type, dates, the standard per person (cash and/or goods) and the fund it draws on."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import clock, vocab
from app.errors import KnownError, ValidationError
from app.money import yuan
from app.services import campaigns, funds
from app.services.campaigns import CampaignForm, CampaignView
from ui.events import AppEvents
from ui.widgets.money_edit import DayEdit, MoneyEdit


class CampaignDialog(QDialog):
    """Enter saves, Esc cancels; what is wrong is listed above the form."""

    def __init__(self, events: AppEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建帮扶活动")
        self._events = events
        self.created: CampaignView | None = None
        today = clock.today()
        self.summary = QLabel(self)
        self.summary.setObjectName("errorSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(f"如 {today.year}年元旦春节送温暖")
        self.relief_type = QComboBox(self)
        self.relief_type.addItems(list(vocab.RELIEF_TYPES))
        self.relief_type.setCurrentText("送温暖慰问")
        self.start = DayEdit(today, self)
        self.end = DayEdit(today + datetime.timedelta(days=30), self)
        self.amount = MoneyEdit(self)
        self.items = QLineEdit(self)
        self.items.setPlaceholderText("如 夏凉被×1条@85、大米×2袋@60（可留空）")
        self.fund = QComboBox(self)
        self.fund.addItem("（暂不指定）", None)
        for fund in funds.list_funds():
            self.fund.addItem(f"{fund.name}（余额 {yuan(fund.balance)}）", fund.id)
        self.note = QLineEdit(self)
        form = QFormLayout()
        form.addRow("活动名称 *", self.name)
        form.addRow("救助类型 *", self.relief_type)
        form.addRow("开始日期 *", self.start)
        form.addRow("结束日期 *", self.end)
        form.addRow("每人标准金额（元）", self.amount)
        form.addRow("每人标准物资", self.items)
        form.addRow("资金", self.fund)
        form.addRow("备注", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存")
        self.save_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 0)
        self.name.setFocus()

    def save(self) -> None:
        try:
            amount = self.amount.amount()
        except ValueError as exc:
            self._refuse(f"标准金额：{exc}")
            return
        form = CampaignForm(self.name.text().strip(), self.relief_type.currentText(), self.start.day(),
                            self.end.day(), amount, self.items.text().strip(), self.fund.currentData(),
                            self.note.text().strip())
        try:
            self.created = campaigns.create_campaign(form)
        except ValidationError as exc:
            self._refuse("未保存：\n" + "\n".join(f"· {e.label}：{e.message}" for e in exc.errors))
            return
        except KnownError as exc:
            self._refuse(f"未保存：{exc}")
            return
        self._events.announce_campaigns((self.created.id,))
        self.accept()

    def _refuse(self, text: str) -> None:
        self.summary.setText(text)
        self.summary.show()
