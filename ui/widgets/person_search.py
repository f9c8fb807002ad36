"""What the person choosers share: a search box that finds people as one types (name, pinyin, ID digits), a list
picked with ↓ and Enter, a line saying who is chosen, and a box to name someone not yet in the system."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import session
from app.services.relief_forms import Recipient
from app.services.relief_recipients import RecipientChoice, find_recipients

DEBOUNCE_MS = 150
DATA = Qt.ItemDataRole.UserRole


class PersonSearch(QWidget):
    """The search list and the new-person box; subclasses take a pick (`_pick`) and lay out what they add."""

    changed = Signal()

    def __init__(self, parent: QWidget | None, *, placeholder: str, list_height: int, new_text: str, new_tip: str,
                 nothing_hint: str, new_rows: tuple[tuple[str, str, str], ...]) -> None:
        """`new_rows`: (label, attribute, placeholder) of each line edit in the new-person box."""
        super().__init__(parent)
        self.nothing_hint = nothing_hint
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setMaximumHeight(list_height)
        self.results.hide()
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.chosen_label = QLabel(self)
        self.chosen_label.setObjectName("fieldHint")
        self.chosen_label.setWordWrap(True)
        self.new_person = QCheckBox(new_text, self)
        self.new_person.setToolTip(new_tip)
        self.new_person.toggled.connect(self._new_person_toggled)
        self.new_box = QWidget(self)
        form = QFormLayout(self.new_box)
        form.setContentsMargins(0, 0, 0, 0)
        self.new_edits: list[QLineEdit] = []
        for label, attribute, hint in new_rows:
            edit = QLineEdit(self)
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(lambda _t: self.changed.emit())
            setattr(self, attribute, edit)
            self.new_edits.append(edit)
            form.addRow(label, edit)
        self.new_box.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.top = QHBoxLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        self.top.addWidget(self.search, 1)
        self.top.addWidget(self.new_person)
        self.setFocusProxy(self.search)

    def lay_out(self, *between: QWidget) -> None:
        """The search row, the list, who is chosen, the subclass's widgets, then the new-person box."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(self.top)
        layout.addWidget(self.results)
        layout.addWidget(self.chosen_label)
        for widget in between:
            layout.addWidget(widget)
        layout.addWidget(self.new_box)

    # --- searching -------------------------------------------------------------------------
    def look_up(self) -> None:
        """Search now (the box waits for a pause in typing)."""
        self._timer.stop()
        self.results.clear()
        words = self.search.text().strip()
        found = find_recipients(words) if words and session.current() is not None else []
        for choice in found:
            item = QListWidgetItem(choice.describe(), self.results)
            item.setData(DATA, choice)
        if words and not found:
            nothing = QListWidgetItem(self.nothing_text(), self.results)
            nothing.setFlags(Qt.ItemFlag.NoItemFlags)
        self.results.setVisible(self.results.count() > 0)
        if found:
            self.results.setCurrentRow(0)

    def nothing_text(self) -> str:
        return self.nothing_hint

    def _pick(self, item: QListWidgetItem) -> None:
        choice = item.data(DATA)
        if isinstance(choice, RecipientChoice):
            self.take(choice)

    def take(self, choice: RecipientChoice) -> None:
        raise NotImplementedError  # each chooser keeps what it needs of the person picked

    def show_name(self, choice: RecipientChoice) -> None:
        """The search box shows the name picked (without searching again)."""
        self.results.hide()
        self.new_person.setChecked(False)
        self.search.blockSignals(True)
        self.search.setText(choice.name)
        self.search.blockSignals(False)

    def show_chosen(self, text: str, ok: bool) -> None:
        self.chosen_label.setText(text)
        self.chosen_label.setObjectName("fieldOk" if ok else "fieldHint")
        self.chosen_label.style().polish(self.chosen_label)

    def _new_person_toggled(self, on: bool) -> None:
        self.new_box.setVisible(on)
        self.search.setEnabled(not on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key == Qt.Key.Key_Down and self.results.isVisible():
                self.results.setFocus()
                return True
            enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and watched is self.search and self._timer.isActive():
                self.look_up()  # Enter right after typing: search first, then pick
            if enter and self.results.isVisible() and self.results.currentItem() is not None \
                    and watched in (self.search, self.results):
                self._pick(self.results.currentItem())
                return True
        return super().eventFilter(watched, event)

    # --- a new person ----------------------------------------------------------------------
    def typed_person(self, **more: str) -> Recipient | None:
        """The new person typed in the box (None without a name)."""
        name = self.new_edits[0].text().strip()
        if not name:
            return None
        return Recipient(name=name, id_number=self.new_edits[1].text().strip() or None,
                         phone=self.new_edits[2].text().strip() or None, **more)
