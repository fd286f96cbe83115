"""Start the desktop app: one QApplication, one catalog, the configurator window
(or the catalog browser with ``browse=True``).

A catalog that cannot be used at all is reported in a message box listing its
problems (file, entry, field) instead of a traceback on a terminal the user may
not see.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # before anything imports pyvistaqt / qtpy

from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import CatalogError, find_catalogs, load_catalog
from app.domain.design.design import Design
from app.domain.design.files import DesignFileError, load_design
from app.domain.design.recovery import remove_leftovers_of_killed_writes
from app.domain.problems import format_problems

WINDOW_SIZE = (1280, 800)
MAX_LISTED_PROBLEMS = 30  # a message box taller than the screen helps nobody; the rest go to stderr


def open_catalog(catalog_dir: Path) -> Catalog:
    """Load ``catalog_dir``: a catalog folder, or a folder of catalogs (the first one is taken)."""
    found = find_catalogs(catalog_dir)
    return load_catalog(found[0] if found else catalog_dir)


def _problem_box(title: str, hint: str, problems: list) -> None:
    text = format_problems(problems[:MAX_LISTED_PROBLEMS])
    if len(problems) > MAX_LISTED_PROBLEMS:
        text += f"\n... and {len(problems) - MAX_LISTED_PROBLEMS} more (see the terminal)"
    print(format_problems(problems), file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "Modulor", title)
    box.setInformativeText(hint)
    box.setDetailedText(text)
    box.exec()


def report_unusable(error: CatalogError, catalog_dir: Path) -> None:
    _problem_box(f"The catalog in {catalog_dir} cannot be used.",
                 "Fix these problems in the catalog files and start again:", list(error.problems))


def open_design(path: Path, catalog: Catalog) -> Design | None:
    """The design in ``path``, or None after telling the user why it cannot be opened."""
    try:
        result = load_design(path, catalog)
    except DesignFileError as exc:
        QMessageBox.critical(None, "Modulor", f"The design {path} cannot be opened:\n{exc}")
        return None
    if result.problems:  # parts left out or migrated: open what is usable, but say so
        _problem_box(f"The design {path} was opened with changes.", "Details:", result.problems)
    return result.design


def start(catalog_dir: Path, argv: list[str] | None, name: str) -> tuple[QApplication, Catalog | None]:
    """The application object and the catalog, or None after the user was told why it cannot be used."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(name)
    try:
        return app, open_catalog(Path(catalog_dir))
    except CatalogError as error:
        report_unusable(error, Path(catalog_dir))
        return app, None


def run_app(catalog_dir: Path, argv: list[str] | None = None, design: Path | None = None,
            browse: bool = False) -> int:
    """Show the configurator (or the catalog browser) for ``catalog_dir``; returns the exit code."""
    remove_leftovers_of_killed_writes()   # temporary files of saves a killed session never finished
    app, catalog = start(catalog_dir, argv, "Modulor")
    if catalog is None:
        return 1
    opened = open_design(Path(design), catalog) if design is not None else None
    if browse:
        from app.ui.configurator.catalog_window import CatalogWindow  # imports VTK: only once there is something to show

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
