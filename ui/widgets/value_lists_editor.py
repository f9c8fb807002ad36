"""可选值 in the settings dialog: pick a list, tick the values offered in the file form, add a new one."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import settings, value_lists
from ui.widgets.password_fields import error_label, show_error

HINT = ("勾选的值出现在档案表的下拉列表中。取消勾选只是不再提供，已录入该值的档案不受影响。"
        "例如：为录入旧档案，可在“困难类别”中启用“特困职工”。点“保存”后生效。")


class ValueListsEditor(QWidget):
    """Changes wait in `pending` ((list, value) → in use) until save()."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending: dict[tuple[str, str], bool] = {}
        self._stored: dict[str, bool] = {}  # the shown list as stored: value → in use
        self.list_combo = QComboBox(self)
        for name, title in value_lists.configurable_lists().items():
            self.list_combo.addItem(title, name)
        self.values = QListWidget(self)
        self.values.itemChanged.connect(self._item_changed)
        self.new_edit = QLineEdit(self)
        self.new_edit.setMaxLength(32)
        self.new_edit.setPlaceholderText("新的可选值")
        self.add_button = QPushButton("添加", self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_value)
        self.new_edit.returnPressed.connect(self.add_value)
        top = QFormLayout()
        top.addRow("值列表", self.list_combo)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_edit, 1)
        add_row.addWidget(self.add_button)
        hint = QLabel(HINT, self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.error_label = error_label(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.values, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        self.list_combo.currentIndexChanged.connect(lambda _i: self.show_list())
        self.show_list()

    @property
    def list_name(self) -> str:
        return str(self.list_combo.currentData())

    def choose_list(self, list_name: str) -> None:
        self.list_combo.setCurrentIndex(self.list_combo.findData(list_name))

    def show_list(self) -> None:
        """The chosen list's values, ticked when in use, with the changes not yet saved."""
        name = self.list_name
        self.values.blockSignals(True)
        self.values.clear()
        stored = value_lists.list_values(name)
        self._stored = {v.value: v.active for v in stored}
        shown = [(v.value, self.pending.get((name, v.value), v.active)) for v in stored]
        known = {v.value for v in stored}
        shown += [(value, on) for (list_name, value), on in self.pending.items()
                  if list_name == name and value not in known]
        for value, on in shown:
            item = QListWidgetItem(value, self.values)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.values.blockSignals(False)

    def item(self, value: str) -> QListWidgetItem | None:
        found = self.values.findItems(value, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def _item_changed(self, item: QListWidgetItem) -> None:
        key = (self.list_name, item.text())
        on = item.checkState() == Qt.CheckState.Checked
        if self._stored.get(item.text()) == on:
            self.pending.pop(key, None)  # back as stored: nothing to write
        elif item.text() not in self._stored and not on:
            self.pending.pop(key, None)  # a value added here and unticked again is simply not added
            QTimer.singleShot(0, self.show_list)  # not while the list is still signalling about the item
        else:
            self.pending[key] = on

    def add_value(self) -> bool:
        value = self.new_edit.text().strip()
        if not value:
            show_error(self.error_label, "请输入要添加的值。")
            return False
        if self.item(value) is not None:
            show_error(self.error_label, f"“{value}”已在列表中，勾选即可使用。")
            return False
        show_error(self.error_label, "")
        self.pending[(self.list_name, value)] = True
        self.new_edit.clear()
        self.show_list()
        return True

    @property
    def dirty(self) -> bool:
        return bool(self.pending)

    def save(self) -> int:
        """Write each change (audited by the service); what was written is no longer pending."""
        written = 0
        for (list_name, value), active in list(self.pending.items()):
            settings.set_value_active(list_name, value, active)
            del self.pending[(list_name, value)]
            written += 1
        return written
