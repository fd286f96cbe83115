"""Start the desktop app: one QApplication, one catalog, the configurator window
(or the catalog browser with ``browse=True``).

A catalog that cannot be used at all is reported in a message box listing its
problems (file, entry, field) instead of a traceback on a terminal the user may
not see (``app.ui.startup``, shared with the designer and the kiosk).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # before anything imports pyvistaqt / qtpy

from app.domain.design.recovery import remove_leftovers_of_killed_writes
from app.ui.startup import open_design, start

WINDOW_SIZE = (1280, 800)


def run_app(catalog_dir: Path, argv: list[str] | None = None, design: Path | None = None,
            browse: bool = False) -> int:
    """Show the configurator (or the catalog browser) for ``catalog_dir``; returns the exit code."""
    remove_leftovers_of_killed_writes()   # temporary files of saves a killed session never finished
    app, catalog = start(catalog_dir, argv, "Modulor")
    if catalog is None:
        return 1
    opened = open_design(Path(design), catalog) if design is not None else None
    if browse:
        # Imports VTK: only once there is something to show.
        from app.ui.configurator.catalog_window import CatalogWindow

        window = CatalogWindow(catalog, design=opened)
        window.resize(*WINDOW_SIZE)
    else:
        from PySide6.QtCore import QTimer

        from app.ui.configurator.window import ConfiguratorWindow

        window = ConfiguratorWindow(catalog, design=opened, path=Path(design) if opened is not None else None)
        window.show_catalog_problems()
        # After the window is up: a design left by a crashed session is offered back.
        QTimer.singleShot(0, window.files.offer_recovery)
    window.show()
    return app.exec()
