"""粘贴名单: trainees from a pasted list ("张三 622823… 下岗职工" a line); every bad line shown with its number,
nothing added until all pass."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import vocab
from app.errors import KnownError, ValidationError
from app.services import training_paste
from app.services.training import SessionView
from app.services.training_paste import PastedResult
from ui.events import AppEvents

EXAMPLE = ("每行一人：姓名 身份证号 类别（类别可省略，用下面的默认类别），可从 Excel 或 Word 直接复制粘贴，例如：\n"
           "1. 张三 622823198001011234 下岗职工\n"
           "2、李四，622823198502021236，农民工")


class TraineePasteDialog(QDialog):
    """检查 shows what adding would do; 添加 writes every line or none (the problems stay listed)."""

    def __init__(self, events: AppEvents, session: SessionView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"粘贴学员名单 — {session.name}")
        self._events = events
        self._session = session
        self.result: PastedResult | None = None
        intro = QLabel(EXAMPLE, self)
        intro.setObjectName("fieldHint")
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText("在此粘贴名单")
        self.text.setTabChangesFocus(True)
        self.group = QComboBox(self)
        self.group.addItem("（每行须注明类别）", None)
        for group in vocab.TRAINEE_GROUPS:
            self.group.addItem(group, group)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.problems = QListWidget(self)
        self.problems.setObjectName("pasteProblems")
        self.problems.hide()
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # with the style sheet the size hint leaves out the arrow, and cut off "（每行须注明类别）" before its "）"
        self.group.setMinimumWidth(self.group.sizeHint().width() + 20)
        self.check_button = QPushButton("检查", self)
        self.check_button.setToolTip("逐行检查名单，列出每行的问题；不添加")
        self.check_button.clicked.connect(self.check)
        self.add_button = QPushButton("全部添加", self)
        self.add_button.setObjectName("primaryButton")
        self.add_button.setToolTip("全部无误才添加；有任何问题时一人也不添加，并列出问题所在的行")
        self.add_button.clicked.connect(self.add)
        cancel = QPushButton("取消", self)
        cancel.clicked.connect(self.reject)
        for button in (self.check_button, self.add_button, cancel):
            button.setAutoDefault(False)
        defaults = QHBoxLayout()
        defaults.addWidget(QLabel("默认类别", self))
        defaults.addWidget(self.group)
        defaults.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 2)
        layout.addLayout(defaults)
        layout.addWidget(self.status)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        self.text.textChanged.connect(self._edited)
        self.resize(680, 520)
        self.text.setFocus()

    def _edited(self) -> None:
        self.status.setText("")
        self.status.setObjectName("")

    def _show(self, text: str, problems: list[str], ok: bool) -> None:
        self.status.setText(text)
        self.status.setObjectName("fieldOk" if ok else "fieldError")
        self.status.style().polish(self.status)
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.setVisible(bool(problems))

    def check(self) -> bool:
        """Check every line against the session; True if all of them can be added."""
        try:
            checked = training_paste.check_pasted(self._session.id, self.text.toPlainText(),
                                                  self.group.currentData())
        except KnownError as exc:
            self._show(f"无法检查：{exc}", [], False)
            return False
        if checked.errors:
            rows = sorted({e.row for e in checked.errors if e.row is not None})
            self._show(f"有 {len(rows)} 行需要改正（共 {len(checked.errors)} 处问题），改正前不会添加任何学员：",
                       [e.describe() for e in checked.errors], False)
            return False
        if not checked.lines:
            self._show("没有可添加的学员（每行：姓名 身份证号 类别）。", [], False)
            return False
        new = f"，其中 {checked.new_people} 人系统中没有，将新增人员" if checked.new_people else ""
        self._show(f"全部无误：可添加 {len(checked.lines)} 名学员{new}。", [], True)
        return True

    def add(self) -> None:
        try:
            result = training_paste.add_pasted(self._session.id, self.text.toPlainText(), self.group.currentData())
        except ValidationError as exc:
            rows = sorted({e.row for e in exc.errors if e.row is not None})
            what = f"有 {len(rows)} 行需要改正" if rows else "名单有问题"
            self._show(f"未添加任何学员：{what}（共 {len(exc.errors)} 处问题）：", [e.describe() for e in exc.errors],
                       False)
            return
        except KnownError as exc:
            self._show(f"未添加：{exc}", [], False)
            return
        self.result = result
        self._events.announce_training((self._session.id,))
        if result.new_people:
            self._events.announce_persons(())
        self.accept()
