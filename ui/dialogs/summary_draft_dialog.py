"""工作总结素材: the draft of the period in an editable text box; copy it, or save it as .docx or .txt as edited."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.progress import ProgressFn
from app.services.summary_draft import SummaryDraft, save_draft
from ui.operations.households import Written, ask_save_path
from ui.tasks import TaskRunner

HINT = "以下为根据本期记录生成的素材，可直接修改；段落之间空一行，每段第一行为标题。复制或保存的是修改后的文字。"


class SummaryDraftDialog(QDialog):
    def __init__(self, draft: SummaryDraft, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.runner = runner
        self.saved: Written | None = None
        self.setWindowTitle("工作总结素材")
        hint = QLabel(HINT if draft.paragraphs else "本期没有任何工作的记录，没有可写的素材。", self)
        hint.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(draft.plain_text())
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() + 1)
        self.text.setFont(font)
        self.copy_button = QPushButton("复制全文", self)
        self.docx_button = QPushButton("保存为 Word 文档…", self)
        self.txt_button = QPushButton("保存为文本文件…", self)
        close = QPushButton("关闭", self)
        self.saved_label = QLabel(self)   # where it was saved: the window title alone is easily missed
        self.saved_label.setObjectName("fieldOk")
        self.saved_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # a long path is cut
        self.copy_button.clicked.connect(self.copy)
        self.docx_button.clicked.connect(lambda: self.save(".docx"))
        self.txt_button.clicked.connect(lambda: self.save(".txt"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.copy_button, self.docx_button, self.txt_button):
            buttons.addWidget(button)
        buttons.addWidget(self.saved_label, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.resize(760, 620)

    def edited(self) -> SummaryDraft:
        return self.draft.edited(self.text.toPlainText())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy_button.setText("已复制")

    def save(self, suffix: str) -> None:
        description = "Word 文档" if suffix == ".docx" else "文本文件"
        out = ask_save_path(self, "draft", f"保存工作总结素材（{description}）", f"{self.draft.title}{suffix}",
                            suffix, description)
        if out is None:
            return
        draft = self.edited()

        def work(_progress: ProgressFn) -> Written:
            return Written(save_draft(draft, out), len(draft.paragraphs))

        self.runner.run("保存工作总结素材", work, self, on_done=self._saved, cancellable=False)

    def _saved(self, written: Written) -> None:
        self.saved = written
        self.setWindowTitle(f"工作总结素材 — 已保存 {written.path.name}")
        self.saved_label.setText(f"已保存到 {written.path}")
        self.saved_label.setToolTip(str(written.path))
