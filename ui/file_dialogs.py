"""File choosers that never open a file to find out its type (on Linux that would drop the database's locks).

Qt's own file dialog shows each file's icon and type by reading the first bytes of files whose name
does not settle it (`bangfu.sqlite-wal`, `-shm`, the database itself). On Linux and other POSIX
systems, closing *any* descriptor of a file releases every lock the process holds on that file: a
chooser showing the database's folder silently dropped SQLite's locks, and the next program that
opened and closed the database (a `python -m app export` run beside the window) then deleted the
write-ahead log the window was still writing to. These choosers name files by their suffix only.

`install()` puts them in place of QFileDialog's static functions for the whole program (tests
replace those functions with their own answers as before).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

FileMode = QFileDialog.FileMode
AcceptMode = QFileDialog.AcceptMode


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name alone: a folder, a drive or a file; never the file's bytes."""

    def icon(self, what: Any) -> Any:  # Qt overloads icon(IconType) and icon(QFileInfo)
        if isinstance(what, QFileInfo):
            if what.isRoot():
                return super().icon(QFileIconProvider.IconType.Drive)
            kind = QFileIconProvider.IconType.Folder if what.isDir() else QFileIconProvider.IconType.File
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return "磁盘"
        if info.isDir():
            return "文件夹"
        suffix = info.suffix()
        return f"{suffix.upper()} 文件" if suffix else "文件"


_PROVIDER: NameOnlyIconProvider | None = None


def _provider() -> NameOnlyIconProvider:
    global _PROVIDER
    if _PROVIDER is None:
        _PROVIDER = NameOnlyIconProvider()
    return _PROVIDER


def _dialog(parent: QWidget | None, caption: str, directory: str, filters: str, mode: FileMode,
            accept: AcceptMode, options: QFileDialog.Option | None) -> QFileDialog:
    dialog = QFileDialog(parent, caption, directory, filters)
    dialog.setIconProvider(_provider())
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if options is not None:
        dialog.setOptions(options)
    return dialog


def _args(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[QWidget | None, str, str, str, Any]:
    """QFileDialog's static signature: (parent, caption, dir, filter, selectedFilter, options)."""
    names = ("parent", "caption", "dir", "filter", "selectedFilter", "options")
    values = dict(zip(names, args, strict=False)) | kwargs
    return (values.get("parent"), str(values.get("caption") or ""), str(values.get("dir") or ""),
            str(values.get("filter") or ""), values.get("options"))


def get_open_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    parent, caption, directory, filters, options = _args(args, kwargs)
    dialog = _dialog(parent, caption, directory, filters, FileMode.ExistingFile, AcceptMode.AcceptOpen, options)
    if not dialog.exec():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def get_open_file_names(*args: Any, **kwargs: Any) -> tuple[list[str], str]:
    parent, caption, directory, filters, options = _args(args, kwargs)
    dialog = _dialog(parent, caption, directory, filters, FileMode.ExistingFiles, AcceptMode.AcceptOpen, options)
    if not dialog.exec():
        return [], ""
    return list(dialog.selectedFiles()), dialog.selectedNameFilter()


def get_save_file_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
    parent, caption, directory, filters, options = _args(args, kwargs)
    dialog = _dialog(parent, caption, directory, filters, FileMode.AnyFile, AcceptMode.AcceptSave, options)
    if not dialog.exec():
        return "", ""
    return dialog.selectedFiles()[0], dialog.selectedNameFilter()


def get_existing_directory(*args: Any, **kwargs: Any) -> str:
    names = ("parent", "caption", "dir", "options")
    values = dict(zip(names, args, strict=False)) | kwargs
    options = values.get("options")
    dialog = _dialog(values.get("parent"), str(values.get("caption") or ""), str(values.get("dir") or ""), "",
                     FileMode.Directory, AcceptMode.AcceptOpen, options)
    if options is None:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if not dialog.exec():
        return ""
    return dialog.selectedFiles()[0]


def install() -> None:
    """Every file chooser of the program from now on names files by their suffix only."""
    QFileDialog.getOpenFileName = staticmethod(get_open_file_name)  # type: ignore[method-assign,assignment]
    QFileDialog.getOpenFileNames = staticmethod(get_open_file_names)  # type: ignore[method-assign,assignment]
    QFileDialog.getSaveFileName = staticmethod(get_save_file_name)  # type: ignore[method-assign,assignment]
    QFileDialog.getExistingDirectory = staticmethod(get_existing_directory)  # type: ignore[method-assign,assignment]
