"""A combo box whose entries are ticked (several values at once); its text says what is ticked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget


class CheckCombo(QComboBox):
    """Tick any number of values; none ticked means any (`everything` is shown)."""

    changed = Signal()

    def __init__(self, everything: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everything = everything
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditable(True)
        self.lineEdit().setReadOnly(True)
        self.lineEdit().installEventFilter(self)
        self.setMinimumContentsLength(10)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.view().viewport().installEventFilter(self)
        self._model.itemChanged.connect(lambda _item: self._ticked())
        self._show_text()

    def set_values(self, values: Sequence[str], ticked: Sequence[str] = ()) -> None:
        keep = set(ticked)
        self._model.blockSignals(True)
        self._model.clear()
        for value in values:
            item = QStandardItem(value)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.CheckState.Checked if value in keep else Qt.CheckState.Unchecked,
                         Qt.ItemDataRole.CheckStateRole)
            self._model.appendRow(item)
        self._model.blockSignals(False)
        self._show_text()

    def values(self) -> tuple[str, ...]:
        return tuple(self._model.item(r).text() for r in range(self._model.rowCount()))

    def ticked(self) -> tuple[str, ...]:
        return tuple(self._model.item(r).text() for r in range(self._model.rowCount())
                     if self._model.item(r).checkState() == Qt.CheckState.Checked)

    def set_ticked(self, values: Sequence[str]) -> None:
        wanted = set(values)
        self._model.blockSignals(True)
        for row in range(self._model.rowCount()):
            item = self._model.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked)
        self._model.blockSignals(False)
        self._ticked()

    def _ticked(self) -> None:
        self._show_text()
        self.changed.emit()

    def _show_text(self) -> None:
        ticked = self.ticked()
        text = "、".join(ticked) if ticked else self.everything
        self.lineEdit().setText(text)
        self.setToolTip(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on an entry ticks it and keeps the list open; a click on the text opens the list."""
        if watched is self.lineEdit() and event.type() == QEvent.Type.MouseButtonRelease:
            self.showPopup()
            return True
        if watched is self.view().viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            index = self.view().indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            item = self._model.itemFromIndex(index)
            if item is not None:
                checked = item.checkState() == Qt.CheckState.Checked
                item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return True
        return super().eventFilter(watched, event)

    def hidePopup(self) -> None:
        super().hidePopup()
        self._show_text()
