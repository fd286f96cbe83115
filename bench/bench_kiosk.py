"""CPU the kiosk uses while nobody is there: the welcome screen, the attract mode, the editor.

    .venv/bin/python bench/bench_kiosk.py            # 20 s per state
    .venv/bin/python bench/bench_kiosk.py --quick    # 5 s per state

Runs the real kiosk window at 1920 x 1080 (under xvfb-run with Mesa's software
OpenGL when there is no display, as bench_view.py does) and prints, per state,
the process CPU time over wall time (100 % = one core) and, for the attract
mode, the frames drawn per second.  The kiosk runs all day: idle should cost
next to nothing, the attract mode a few frames a second and no more.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_view import FrameClock, cpu_seconds, ensure_display  # noqa: E402


def open_kiosk(prefix: str):
    """(app, catalog, window): the real kiosk at 1920 x 1080 on a virtual screen, data in a scratch folder,
    the idle reset and the attract mode held off for the benchmark's length."""
    ensure_display()
    os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
    os.environ.setdefault("QT_API", "pyside6")
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["MODULOR_DATA_DIR"] = str(scratch / "data")
    os.environ["MODULOR_CACHE_DIR"] = str(scratch / "cache")
    from PySide6.QtWidgets import QApplication

    from app.domain.catalog.loader import load_catalog
    from app.domain.showroom.kiosk_settings import KioskSettings
    from app.ui.kiosk.app import create_kiosk

    app = QApplication(sys.argv)
    catalog = load_catalog(ROOT / "catalogs" / "linea")
    settings = KioskSettings(idle_timeout_s=3600, attract_after_s=3600).with_pin("0000")
    window = create_kiosk(catalog, settings, app)
    window.resize(1920, 1080)
    window.show()
    return app, catalog, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    app, _catalog, window = open_kiosk("kiosk-bench-")
    seconds = 5.0 if args.quick else 20.0
    attract_clock = FrameClock(window.attract.plotter.ren_win)

    def run(label: str) -> None:
        end = time.monotonic() + 1.0
        while time.monotonic() < end:   # settle: the first frames of a screen are not idle
            app.processEvents()
            time.sleep(0.01)
        frames, cpu, wall = attract_clock.frames, cpu_seconds(), time.monotonic()
        end = wall + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)   # the event loop's own waiting, roughly
        used, took = cpu_seconds() - cpu, time.monotonic() - wall
        fps = (attract_clock.frames - frames) / took
        print(f"{label:<28} CPU {100 * used / took:5.1f} %   attract frames/s {fps:4.1f}")

    run("welcome screen, idle")
    window.show_page(window.attract)
    run("attract mode (turning)")
    window.show_page(window.welcome)
    window.start("sideboard")
    run("editor, idle")
    window.leaving = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
