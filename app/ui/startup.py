"""What every window's start-up shares: the QApplication, the catalog, and telling the user why
a catalog or a design cannot be used (a message box listing the problems by file, entry and
field, instead of a traceback on a terminal the user may not see).

Used by ``app.ui.app_main`` (the configurator), ``app.ui.designer.main`` and ``app.ui.kiosk.app``;
it imports no window, so the window packages can share it without importing each other.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # before anything imports pyvistaqt / qtpy

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import CatalogError, find_catalogs, load_catalog
from app.domain.design.design import Design
from app.domain.design.files import DesignFileError, load_design
from app.domain.problems import Problem, format_problems

MAX_LISTED_PROBLEMS = 30  # a message box taller than the screen helps nobody; the rest go to stderr


def open_catalog(catalog_dir: Path) -> Catalog:
    """Load ``catalog_dir``: a catalog folder, or a folder of catalogs (the first one is taken)."""
    found = find_catalogs(catalog_dir)
    return load_catalog(found[0] if found else catalog_dir)


def _problem_box(title: str, hint: str, problems: Sequence[Problem]) -> None:
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


def start(catalog_dir: Path, argv: list[str] | None, name: str) -> tuple[QCoreApplication, Catalog | None]:
    """The application object and the catalog, or None after the user was told why it cannot be used."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(name)
    try:
        return app, open_catalog(Path(catalog_dir))
    except CatalogError as error:
        report_unusable(error, Path(catalog_dir))
        return app, None
