"""导入向导: the office's own spreadsheets into any register, step by step (the window over app.wizard.steps)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.session import Permission
from ui.events import AppEvents
from ui.operations.households import refused
from ui.tasks import TaskRunner


def open_import_wizard(parent: QWidget | None, runner: TaskRunner, events: AppEvents | None) -> QWidget | None:
    """The wizard, non-modal (the window stays usable); refused in plain words without the right to import."""
    from ui.dialogs.import_wizard.wizard_dialog import ImportWizardDialog

    if refused(parent, "导入向导", Permission.IMPORT):
        return None
    dialog = ImportWizardDialog(runner, events, parent)
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    return dialog
