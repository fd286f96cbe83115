"""Screenshots of every kiosk screen at 1920x1080 in every language, to look at.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/kiosk_screenshots.py OUT_DIR

Writes OUT_DIR/<screen>_<language>.png (QWidget.grab of the real kiosk window,
3D views included).  Uses a throwaway data folder: no order or setting of a
real kiosk is touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_API", "pyside6")


def main(out: Path) -> int:
    scratch = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    os.environ["MODULOR_DATA_DIR"] = str(scratch / "data")
    os.environ.setdefault("MODULOR_CACHE_DIR", str(scratch / "cache"))
    from PySide6.QtWidgets import QApplication

    from app.domain.catalog.loader import load_catalog
    from app.domain.showroom.kiosk_settings import KioskSettings
    from app.ui.kiosk.app import create_kiosk
    from app.ui.kiosk.tour import SCREENS, show

    app = QApplication(sys.argv)
    window = create_kiosk(load_catalog(ROOT / "catalogs" / "linea"), KioskSettings().with_pin("0000"), app)
    window.resize(1920, 1080)
    window.show()
    out.mkdir(parents=True, exist_ok=True)

    def settle(seconds: float = 0.4) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    settle()
    for language in window.settings.languages:
        for screen in SCREENS:
            show(window, screen, language)
            settle(1.0 if screen == "attract" else 0.4)
            path = out / f"{screen}_{language}.png"
            window.grab().save(str(path))
            print(path)
    window.leaving = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "kiosk-screenshots")))
