"""A name typed with completion from the people already known (name, pinyin initials, ID digits), or a new one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app import session
from app.services.relief_recipients import RecipientChoice, find_recipients

DEBOUNCE_MS = 150
CHOICE_ROLE = Qt.ItemDataRole.UserRole
LIMIT = 8
SHOWN_ROWS = 4
NEW_HINT = "新登记人员（不在系统中）"


class PersonField(QWidget):
    """Type a name: people already known are offered below (↓ or Enter picks one); anything else is a new person.

    Editing the name after a pick makes it a new person again.
    """

    picked = Signal(object)   # RecipientChoice | None
    submitted = Signal()      # Enter with nothing offered, when `enter_submits` (add the typed name as it is)

    def __init__(self, parent: QWidget | None = None, *, placeholder: str = "姓名；输入姓名、拼音首字母查找已登记人员"
                 ) -> None:
        super().__init__(parent)
        self._choice: RecipientChoice | None = None
        self.enter_submits = False
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.installEventFilter(self)
        self.results = QListWidget(self)
        self.results.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.results.hide()
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(self._pick)
        self.results.itemClicked.connect(self._pick)
        self.hint = QLabel(NEW_HINT, self)
        self.hint.setObjectName("fieldHint")
        self.hint.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.look_up)
        self.edit.textEdited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)

    @property
    def choice(self) -> RecipientChoice | None:
        """The known person picked, None for a new one."""
        return self._choice

    @property
    def name(self) -> str:
        return self.edit.text().strip()

    def _edited(self, _text: str) -> None:
        if self._choice is not None:
            self._choice = None
            self.picked.emit(None)
        self._show_hint()
        self._timer.start()

    def look_up(self) -> None:
        """Search now (the field waits for a pause in typing)."""
        self._timer.stop()
        self.results.clear()
        text = self.name
        signed_in = session.current() is not None  # the timer may fire after a sign-out or a lock
        found = find_recipients(text, LIMIT) if text and self._choice is None and signed_in else []
        for choice in found:
            item = QListWidgetItem(choice.describe(), self.results)
            item.setData(CHOICE_ROLE, choice)
        if found:
            rows = min(len(found), SHOWN_ROWS)
            self.results.setFixedHeight(self.results.sizeHintForRow(0) * rows + 2 * self.results.frameWidth() + 2)
            self.results.setCurrentRow(0)
        self.results.setVisible(bool(found))
        self._show_hint()

    def _pick(self, item: QListWidgetItem) -> None:
        choice = item.data(CHOICE_ROLE)
        if isinstance(choice, RecipientChoice):
            self.set_choice(choice)
            self.edit.setFocus()
            self.focusNextChild()

    def set_choice(self, choice: RecipientChoice | None) -> None:
        self._choice = choice
        self.results.hide()
        self.results.clear()
        if choice is not None:
            self.edit.setText(choice.name)
        self._show_hint()
        self.picked.emit(choice)

    def _show_hint(self) -> None:
        choice = self._choice
        self.hint.setText(f"已登记：{choice.describe()}" if choice else NEW_HINT)
        self.hint.setObjectName("fieldOk" if choice else "fieldHint")
        self.hint.style().polish(self.hint)
        self.hint.setVisible(bool(self.name) and not self.results.isVisible())

    def clear(self) -> None:
        self._choice = None
        self.edit.clear()
        self.results.hide()
        self.hint.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key == Qt.Key.Key_Escape and self.results.isVisible():
                self.results.hide()
                return True
            if watched is self.edit and key == Qt.Key.Key_Down and self.results.isVisible():
                self.results.setFocus()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and watched in (self.edit, self.results):
                if watched is self.edit and self._timer.isActive():
                    self.look_up()  # Enter right after typing: search first, then pick
                current = self.results.currentItem()
                if self.results.isVisible() and current is not None:
                    self._pick(current)
                    return True
                if watched is self.edit and self.enter_submits and self.name:
                    self.submitted.emit()
                    return True
        return super().eventFilter(watched, event)
