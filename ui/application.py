"""Starting the window: Qt application, bundled CJK font, Chinese Qt dialogs, style, crash hook, database."""

from __future__ import annotations

import sys

from PySide6.QtCore import QDir, QLibraryInfo, QLocale, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from app import paths
from app.office import close_office
from app.services import accounts
from ui import crash, file_dialogs, messages

FONT_FILE = ("fonts", "NotoSansCJKsc-Regular.ttf")
FONT_POINTS = 10
_translators: list[QTranslator] = []  # kept alive as long as the application


def register_font(app: QApplication) -> str | None:
    """Load the bundled Noto Sans CJK SC and make it the application font.

    A PC without Chinese fonts would otherwise show boxes; characters the font lacks
    still fall back to system fonts (fontconfig on Linux, font linking on Windows).
    """
    font_id = QFontDatabase.addApplicationFont(str(paths.resource(*FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        crash.logger.warning("无法加载内置字体 %s", paths.resource(*FONT_FILE))
        return None
    font = QFont(families[0], FONT_POINTS)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    app.setFont(font)
    return families[0]


# Qt 6.11 gave two labels of its own file chooser a shortcut letter; its Chinese still has them without one,
# so they showed in English ("Look in:", "Files of type:") beside a Chinese file list.
QT_CHINESE_GAPS = {("QFileDialog", "&Look in:"): "查找范围(&L)：",
                   ("QFileDialog", "Files of &type:"): "文件类型(&T)："}


class QtChineseGaps(QTranslator):
    """Asked only for what Qt's own Chinese lacks (installed before it, so consulted after it)."""

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        return QT_CHINESE_GAPS.get((context, source_text))  # None: Qt's "no translation" (an empty text is one)

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QApplication) -> bool:
    """Qt's own dialogs (file chooser, message boxes, calendar) in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load("qtbase_zh_CN", folder):
        return False
    gaps = QtChineseGaps(app)
    app.installTranslator(gaps)        # the last installed is asked first
    app.installTranslator(translator)
    _translators.extend((gaps, translator))
    return True


def apply_style(app: QApplication) -> None:
    QDir.addSearchPath("icons", str(paths.resource("icons")))  # url(icons:…) in the style sheet
    app.setStyle("Fusion")
    app.setStyleSheet(paths.resource("style.qss").read_text(encoding="utf-8"))
    app.setWindowIcon(QIcon(str(paths.resource("icons", "app.svg"))))


def prepare(app: QApplication) -> None:
    """Everything the window needs from the application, before any widget is made."""
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(paths.APP_TITLE)
    app.setOrganizationName(paths.APP_NAME)
    register_font(app)
    install_translations(app)
    apply_style(app)
    file_dialogs.install()  # choosers never read a file to show its type (that drops SQLite's locks on Linux)


def _qt_message(mode: object, _context: object, message: str) -> None:
    """Qt's own warnings go to the log, not to a console nobody sees."""
    crash.logger.warning("Qt: %s", message)


def run_window(db_path: str | None) -> int:
    """Open the database, ask who is working, and show the main window until it is closed; the exit code.

    A database that cannot be opened (another program has it, a network or cloud folder, too
    new) is explained and the program ends with 1; a damaged one is explained and its newest
    verified backup offered: restored by an administrator, the window opens with them signed in;
    declined, the program ends with 1 having written nothing. A new database first asks for its
    administrator; otherwise the login (退出 there ends the program with 0). Nobody reaches the
    main window without being signed in; the day's backup then runs in the background.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    crash.install()
    qInstallMessageHandler(_qt_message)
    prepare(app)
    from ui.main_window import MainWindow  # after the font and translations are in place
    from ui.opening import open_for_window
    from ui.sign_in import sign_in_interactively

    try:
        opened = open_for_window(db_path, None)
        if opened is None:
            return 1
        if opened.restored is None and not sign_in_interactively(opened.path):
            return 0
        window = MainWindow(opened.path)
        window.show()
        if opened.restored is not None:
            messages.inform(window, "已恢复备份", opened.restored.describe())
        window.start_daily_backup()
        return int(app.exec()) or window.exit_code
    finally:
        accounts.sign_out()  # recorded; nothing if nobody is signed in
        close_office()
