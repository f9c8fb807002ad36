"""帮扶活动 (part of the 救助 tab): the campaigns with their 人次 and 金额, a new one, its batch and its roster."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPushButton, QSplitter, QVBoxLayout, QWidget

from app import session
from app.errors import KnownError
from app.money import yuan
from app.services import campaigns
from app.services.campaigns import CampaignView
from app.services.relief import ReliefQuery
from app.session import Permission
from ui import messages
from ui.dialogs.campaign_batch_dialog import CampaignBatchDialog
from ui.dialogs.campaign_dialog import CampaignDialog
from ui.events import AppEvents
from ui.operations import relief as ops
from ui.operations.households import Written
from ui.permissions import guard, refusal
from ui.tables.campaigns_model import WIDTHS, CampaignsModel
from ui.tables.reliefs_model import ReliefsModel
from ui.tables.table_view import list_view
from ui.tasks import Task, TaskRunner


class CampaignsPanel(QWidget):
    """The campaigns above, the reliefs recorded under the chosen one below."""

    message = Signal(str)

    def __init__(self, events: AppEvents, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.runner = runner
        self.dialog: CampaignDialog | None = None
        self.batch_dialog: CampaignBatchDialog | None = None
        self.last_task: Task | None = None
        self.model = CampaignsModel(self)
        self.table = list_view(self, self.model, widths=WIDTHS, multi=False, stretch=0)
        self.recipients = ReliefsModel(self)
        self.recipients_table = list_view(self, self.recipients, fields=self.recipients.fields)
        self.recipients_label = QLabel("选择一个活动，查看已登记的发放对象", self)
        self.recipients_label.setObjectName("sideTitle")

        self.new_button = self._button("新建活动…", self.open_new)
        self.new_button.setObjectName("primaryButton")
        self.batch_button = self._button("选择对象并登记发放…", self.open_batch)
        self.print_button = self._button("打印发放花名册…", self.print_roster)
        self.export_button = QPushButton("导出", self)
        self.export_button.setAutoDefault(False)
        menu = QMenu(self.export_button)
        menu.addAction("导出所选活动的花名册（Excel）…", self.export_roster)
        menu.addAction("导出帮扶活动登记簿…", lambda: ops.export_register(self, self.runner, "campaigns",
                                                                      self._written))
        menu.addSeparator()
        menu.addAction("下载帮扶活动导入模板…", lambda: ops.write_template(self, self.runner, "campaigns",
                                                                       self._written))
        self.export_button.setMenu(menu)
        self.import_button = self._button("导入活动…", lambda: ops.import_register(
            self, self.runner, self.events, "campaigns", self.message.emit))
        top = QHBoxLayout()
        for button in (self.new_button, self.batch_button, self.print_button, self.export_button,
                       self.import_button):
            top.addWidget(button)
        top.addStretch(1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.recipients_label)
        lower_layout.addWidget(self.recipients_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([200, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._show_recipients())
        self.table.activated.connect(lambda _index: self.open_batch())
        events.campaigns_changed.connect(lambda _ids: self.reload())
        events.relief_changed.connect(lambda _ids: self.reload())
        events.funds_changed.connect(lambda _ids: self.reload())

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # --- what is listed --------------------------------------------------------------------
    def reload(self) -> None:
        if session.current() is None:
            return
        keep = self.current()
        self.model.set_campaigns(campaigns.list_campaigns())
        row = self.model.row_of(keep.id) if keep is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.table.selectRow(row)
        self._show_recipients()

    def current(self) -> CampaignView | None:
        index = self.table.currentIndex()
        return self.model.views[index.row()] if index.isValid() and index.row() < len(self.model.views) else None

    def _show_recipients(self) -> None:
        view = self.current()
        if view is None:
            self.recipients.clear()
            self.recipients_label.setText("选择一个活动，查看已登记的发放对象")
            return
        self.recipients.set_query(ReliefQuery(campaign_id=view.id))
        text = f"{view.name}：已登记 {view.recipients} 人次，金额 {yuan(view.total)}"
        if not view.recipients:
            text += "（点“选择对象并登记发放…”按条件选择发放对象）"
        self.recipients_label.setText(text)

    def select_campaign(self, campaign_id: int) -> None:
        row = self.model.row_of(campaign_id)
        if row is not None:
            self.table.selectRow(row)

    # --- actions ---------------------------------------------------------------------------
    def apply_account(self) -> None:
        guard(self.new_button, Permission.EDIT, "新建送温暖、金秋助学、夏送清凉等帮扶活动")
        guard(self.batch_button, Permission.EDIT, "按条件选择发放对象，预览核对后一次登记")
        guard(self.print_button, Permission.PRINT, "所选活动的发放花名册（签领表），身份证号隐去中间位")
        guard(self.export_button, Permission.EXPORT_MASKED, "花名册（Excel）、帮扶活动登记簿")
        guard(self.import_button, Permission.IMPORT, "从 Excel 导入帮扶活动")

    def open_new(self) -> CampaignDialog | None:
        if refusal(Permission.EDIT):
            messages.warn(self, "新建帮扶活动", refusal(Permission.EDIT))
            return None
        dialog = CampaignDialog(self.events, self.window())
        self.dialog = dialog

        def finished() -> None:
            if dialog.created is not None:
                self.select_campaign(dialog.created.id)
                self.message.emit(f"已新建活动：{dialog.created.name}")
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def open_batch(self) -> CampaignBatchDialog | None:
        view = self.current()
        if view is None:
            messages.inform(self, "登记发放", "请先选择一个帮扶活动（或新建一个）。")
            return None
        if refusal(Permission.EDIT):
            messages.warn(self, "登记发放", refusal(Permission.EDIT))
            return None
        try:
            dialog = CampaignBatchDialog(self.events, self.runner, view, self.window())
        except KnownError as exc:
            messages.warn(self, "登记发放", str(exc))
            return None
        self.batch_dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def print_roster(self) -> Task | None:
        view = self.current()
        if view is None:
            messages.inform(self, "打印发放花名册", "请先选择一个帮扶活动。")
            return None
        self.last_task = ops.print_roster(self, self.runner, self._written, campaign_id=view.id,
                                          name=f"{view.name}发放花名册")
        return self.last_task

    def export_roster(self) -> Task | None:
        view = self.current()
        if view is None:
            messages.inform(self, "导出花名册", "请先选择一个帮扶活动。")
            return None
        self.last_task = ops.export_roster(self, self.runner, self._written, campaign_id=view.id,
                                           name=f"{view.name}发放花名册")
        return self.last_task

    def _written(self, written: Written) -> None:
        self.message.emit(f"已保存 {written.path}")
