"""The import wizard's window: six pages over one app.wizard.steps.ImportWizard, every long step in the background."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard, QWizardPage

from app.errors import KnownError
from app.progress import ProgressFn
from app.wizard.apply import ImportOutcome
from app.wizard.preview import Preview
from app.wizard.steps import ImportWizard
from ui import messages
from ui.events import AppEvents
from ui.tasks import Task, TaskRunner

FILE, HEADER, MAPPING, CLEANING, PREVIEW, RESULT = range(6)


class StepPage(QWizardPage):
    """A page whose 下一步 may first run a step in the background: the page moves on when it is done."""

    def __init__(self, dialog: ImportWizardDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self._leave_ok = False

    def leave_with(self, title: str, work: Callable[[ProgressFn], Any], on_done: Callable[[Any], None]) -> bool:
        """validatePage's answer: False now, and 下一步 again once `work` has finished."""
        if self._leave_ok:
            self._leave_ok = False
            return True

        def done(result: Any) -> None:
            on_done(result)
            self._leave_ok = True
            try:
                self.dialog.next()
            finally:
                self._leave_ok = False

        self.dialog.run_step(title, work, done)
        return False

    def isComplete(self) -> bool:
        return not self.dialog.busy


class ImportWizardDialog(QWizard):
    """选择文件 → 列名行 → 列对应 → 清洗 → 预览与重复 → 结果. Nothing is written before 导入 on the preview page."""

    imported = Signal(object)  # ImportOutcome

    def __init__(self, runner: TaskRunner, events: AppEvents | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.dialogs.import_wizard.file_pages import FilePage, HeaderPage
        from ui.dialogs.import_wizard.mapping_page import MappingPage
        from ui.dialogs.import_wizard.preview_pages import CleaningPage, PreviewPage, ResultPage

        self.runner, self.events = runner, events
        self.engine: ImportWizard | None = None
        self.outcome: ImportOutcome | None = None
        self.preview: Preview | None = None
        self.clean_errors = 0  # cells that did not parse, counted with the check
        self.task: Task | None = None
        self.setWindowTitle("导入向导")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.BackButton, "上一步"), (QWizard.WizardButton.NextButton, "下一步"),
                             (QWizard.WizardButton.CommitButton, "导入"), (QWizard.WizardButton.FinishButton, "完成"),
                             (QWizard.WizardButton.CancelButton, "取消")):
            self.setButtonText(button, text)
        self.file_page = FilePage(self)
        self.header_page = HeaderPage(self)
        self.mapping_page = MappingPage(self)
        self.cleaning_page = CleaningPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate((self.file_page, self.header_page, self.mapping_page, self.cleaning_page,
                                        self.preview_page, self.result_page)):
            self.setPage(page_id, page)
        self.setStartId(FILE)
        self.resize(1080, 720)

    @property
    def wizard(self) -> ImportWizard:
        if self.engine is None:
            raise KnownError("请先选择要导入的文件。")
        return self.engine

    @property
    def busy(self) -> bool:
        return self.task is not None

    def run_step(self, title: str, work: Callable[[ProgressFn], Any], on_done: Callable[[Any], None], *,
                 cancellable: bool = True) -> Task | None:
        """Run one step on the worker thread; the buttons wait, the window stays responsive, 取消 stops it."""
        if self.task is not None:
            return None
        page = self.currentPage()
        note = getattr(page, "show_busy", None)
        if callable(note):
            note(f"{title}…")

        def finished() -> None:
            self.task = None
            self._update_buttons()
            if callable(note):
                note("")
            if task.outcome == "cancelled":
                messages.inform(self, title, "已取消，未做任何修改。")

        def started(progress: ProgressFn) -> Any:
            progress(0, 0, "")  # a 取消 pressed while the step waited for the worker stops it here
            return work(progress)

        task = self.runner.run(title, started, self, on_done=on_done,
                               on_error=lambda error: messages.warn(self, title, str(error)), cancellable=cancellable)
        task.finished.connect(finished)
        self.task = task
        self._update_buttons()
        return task

    def _update_buttons(self) -> None:
        """下一步 waits while a step runs (the pages' isComplete); so does 上一步."""
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()
        self.button(QWizard.WizardButton.BackButton).setEnabled(
            self.task is None and self.currentId() in (HEADER, MAPPING, CLEANING, PREVIEW))

    def reject(self) -> None:
        """取消 (or Esc) while a step runs cancels the step first; the window closes once it has stopped."""
        if self.task is not None:
            task = self.task
            task.cancel()
            task.finished.connect(self.reject)
            return
        super().reject()

    def open_file(self, path: Path, kind: str, encoding: str | None, on_done: Callable[[ImportWizard], None]) -> None:
        """Open the file and read its first visible sheet in the background (a big workbook takes seconds)."""
        def work(progress: ProgressFn) -> ImportWizard:
            progress(0, 1, f"正在打开 {path.name}")
            engine = ImportWizard(path, kind, encoding=encoding)
            engine.choose_sheet(progress=progress)
            engine.suggest_mapping()
            return engine

        def done(engine: ImportWizard) -> None:
            self.engine = engine
            on_done(engine)

        self.run_step("读取文件", work, done)

    def imported_now(self, outcome: ImportOutcome) -> None:
        """The import is written: every page showing what it touched refreshes itself."""
        self.outcome = outcome
        if self.events is not None:
            kind = self.wizard.register.kind
            self.events.announce_persons(())
            if kind in ("households", "family-members"):
                self.events.announce_households(())
            else:
                self.events.announce_relief(())
                self.events.announce_campaigns(())
                self.events.announce_funds(())
        self.imported.emit(outcome)
