"""工作提醒: the work queues with their counts; choosing one narrows the list to it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.services.household_search import Queue

ALL_FILES = "全部档案"
TIPS = {
    Queue.RECHECK_DUE: "在档满一年（自认定或上次复核起）需要年度复核的档案",
    Queue.SURVEY_DUE: "已基层审核待入户调查的档案，以及年度复核需要再次入户的档案",
    Queue.NOTICE_ENDED: "公示期已满、可以认定的档案",
    Queue.STALE: "在办档案中一年以上没有任何更新的",
    Queue.PAST_RETENTION: "退档、脱困或不予认定已满10年的档案：核对后可由管理员清理（删除）",
}


class WorkQueues(QWidget):
    """A side list: 全部档案, then each queue with its count."""

    chosen = Signal(object)  # Queue | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("工作提醒", self)
        title.setObjectName("sideTitle")
        self.list = QListWidget(self)
        self.list.setObjectName("workQueues")
        self.list.addItem(self._item(ALL_FILES, None))
        for queue in Queue:
            self.list.addItem(self._item(str(queue), queue))
        self.list.setCurrentRow(0)
        self.list.currentItemChanged.connect(self._on_current)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list)
        self.setFixedWidth(172)
        self.counts: dict[Queue, int] = {}

    @staticmethod
    def _item(text: str, queue: Queue | None) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, str(queue) if queue else "")
        item.setToolTip(TIPS.get(queue, "不按工作提醒筛选") if queue else "不按工作提醒筛选")
        return item

    @staticmethod
    def _queue_of(item: QListWidgetItem | None) -> Queue | None:
        value = item.data(Qt.ItemDataRole.UserRole) if item else ""
        return Queue(value) if value else None

    def _on_current(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self.chosen.emit(self._queue_of(item))

    @property
    def queue(self) -> Queue | None:
        return self._queue_of(self.list.currentItem())

    def choose(self, queue: Queue | None) -> None:
        for row in range(self.list.count()):
            if self._queue_of(self.list.item(row)) == queue:
                self.list.setCurrentRow(row)
                return

    def show_counts(self, counts: Mapping[Queue, int], total: int) -> None:
        self.counts = dict(counts)
        for row in range(self.list.count()):
            item = self.list.item(row)
            queue = self._queue_of(item)
            if queue is None:
                item.setText(f"{ALL_FILES}　{total}")
            else:
                item.setText(f"{queue}　{counts.get(queue, 0)}")
