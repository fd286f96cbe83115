"""Start the kiosk: one QApplication, fonts, the error log, the kiosk window full screen.

Any exception that reaches the event loop is written to ``kiosk.log`` in the
data folder and the kiosk returns to a clean welcome screen; the customer never
sees a traceback.  A crash of the process itself (a segfault in the GL driver)
is the service manager's to restart (docs/kiosk.md), and the kiosk then starts
on the welcome screen.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.domain.catalog.loader import CatalogError
from app.domain.catalog.texts import missing_keys
from app.domain.design.recovery import data_dir
from app.domain.showroom.kiosk_settings import KioskSettings, settings_path
from app.ui.startup import open_catalog

log = logging.getLogger("modulor.kiosk")
# Sans fonts with CJK glyphs, in order of preference (Debian: fonts-wqy-microhei or fonts-noto-cjk).
CJK_FAMILIES = ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Droid Sans Fallback")


def setup_logging() -> Path:
    path = data_dir() / "kiosk.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    for handler in [h for h in log.handlers if isinstance(h, RotatingFileHandler)]:
        if Path(handler.baseFilename) != path.resolve():   # another data folder (a test, a changed setting)
            log.removeHandler(handler)
            handler.close()
    if not any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


def setup_fonts(app: QApplication) -> None:
    """A UI font with Chinese glyphs behind the Latin one, so 简体中文 never shows as boxes."""
    families = set(QFontDatabase.families())
    cjk = [f for f in CJK_FAMILIES if f in families]
    if not cjk:
        log.error("no CJK font found (%s): Chinese text will show as boxes; install fonts-wqy-microhei",
                  ", ".join(CJK_FAMILIES))
    font = QFont(app.font())
    font.setFamilies(["DejaVu Sans", *cjk])
    app.setFont(font)


def install_error_handler(window) -> None:
    def handle(kind, value, tb) -> None:
        log.error("unexpected error, back to the welcome screen:\n%s",
                  "".join(traceback.format_exception(kind, value, tb)))
        QTimer.singleShot(0, window.reset)

    previous = sys.excepthook
    sys.excepthook = handle
    window.closed.connect(lambda: setattr(sys, "excepthook", previous))


def create_kiosk(catalog, settings: KioskSettings, app: QApplication, settings_file: Path | None = None):
    """The kiosk window, set up as ``modulor kiosk`` runs it (tests use this too)."""
    from app.ui.kiosk.window import KioskWindow

    setup_logging()
    setup_fonts(app)
    for language in settings.languages:
        for line in missing_keys(catalog, language):
            log.warning(line)
    window = KioskWindow(catalog, settings, app, settings_file or settings_path())
    install_error_handler(window)
    return window


def run_kiosk(catalog_dir: Path, settings: KioskSettings, windowed: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Modulor kiosk")
    setup_logging()
    try:
        catalog = open_catalog(Path(catalog_dir))
    except CatalogError as error:
        log.error("the catalog in %s cannot be used:\n%s", catalog_dir, error)
        print(f"error: the catalog in {catalog_dir} cannot be used:\n{error}", file=sys.stderr)
        return 1
    window = create_kiosk(catalog, settings, app)
    if windowed:
        window.resize(1920, 1080)
        window.show()
    else:
        window.showFullScreen()
    log.info("kiosk started")
    return app.exec()
