"""Every message box the program shows, in one place (Chinese buttons; tests patch these)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A problem the user can act on (a KnownError): what is wrong and what to do."""
    QMessageBox.warning(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str, *, yes: str, no: str = "取消",
            danger: bool = False) -> bool:
    """Ask before doing something; the safe answer is the default button."""
    box = QMessageBox(QMessageBox.Icon.Warning if danger else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button if danger else yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def crash(parent: QWidget | None, log_path: str) -> None:
    """A bug: a short apology and where the details were written."""
    QMessageBox.critical(
        parent, "程序出错",
        "程序遇到了一个意外错误，刚才的操作可能没有完成；已保存的数据不受影响。\n\n"
        f"详细信息已记录在日志文件：\n{log_path}\n\n请把这个文件发给维护人员。")


def about(parent: QWidget | None, title: str, html: str) -> None:
    QMessageBox.about(parent, title, html)
