"""Start the designer: ``modulor designer [FILE] [--module ID]``, or from the configurator's menu.

:func:`open_designer` is the one call another window makes to open the designer
on its catalog (a separate top-level window that closes itself cleanly);
:func:`run_designer` is the command line's: it makes the QApplication, loads the
catalog (reporting an unusable one in a message box) and runs the event loop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")  # before anything imports pyvistaqt / qtpy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.domain.catalog.catalog import Catalog
from app.domain.design.recovery import remove_leftovers_of_killed_writes
from app.ui.startup import start

WINDOW_SIZE = (1500, 900)
_OPEN: set = set()   # designer windows opened from another window, kept alive until they close


def open_designer(catalog: Catalog, parent: QWidget | None = None, file: Path | str | None = None,
                  module: str | None = None):
    """Open the designer window on ``catalog`` (optionally a file, for module ``module``) and return it.

    The window is a top-level window, not a Qt child of ``parent``: a child is deleted with its
    parent without a close event, and the designer must close its 3D views itself (pyvistaqt #846)
    and ask about unpublished work.  ``parent`` only places it.  Its ``published(module_id)``
    signal tells when the catalog on disk has changed.
    """
    window = _show(catalog, file, module, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _OPEN.add(window)
    window.destroyed.connect(lambda *_: _OPEN.discard(window))
    return window


def _show(catalog: Catalog, file: Path | str | None, module: str | None, near: QWidget | None = None):
    from app.ui.designer.window import DesignerWindow  # imports VTK: only when the window is wanted

    window = DesignerWindow(catalog, module=module)
    place_on_screen(window, near)
    window.show()
    if file is not None:
        window.open_file(Path(file))
    return window


def place_on_screen(window: QWidget, near: QWidget | None = None) -> None:
    """The window's size (WINDOW_SIZE, smaller on a smaller screen), centred on ``near`` and kept
    wholly on its screen: opened from a 1280-pixel configurator on a 1366 x 768 screen, 1500 x 900
    centred on it put the right panel (Stretch and publish, Publish) off the screen (issue 19)."""
    screen = (near.screen() if near is not None else window.screen()).availableGeometry()
    width, height = min(WINDOW_SIZE[0], screen.width()), min(WINDOW_SIZE[1], screen.height())
    window.resize(width, height)
    frame = window.frameGeometry()
    extra_w, extra_h = max(frame.width() - width, 0), max(frame.height() - height, 0)   # the title bar
    if extra_h:
        window.resize(width, max(height - extra_h, 1))
    centre = near.frameGeometry().center() if near is not None else screen.center()
    x = min(max(centre.x() - width // 2, screen.left()), screen.right() + 1 - width - extra_w)
    y = min(max(centre.y() - height // 2, screen.top()), screen.bottom() + 1 - height)
    window.move(max(x, screen.left()), max(y, screen.top()))


def run_designer(catalog_dir: Path, file: Path | None = None, module: str | None = None,
                 argv: list[str] | None = None) -> int:
    remove_leftovers_of_killed_writes()   # temporary files of writes a killed session never finished
    app, catalog = start(catalog_dir, argv, "Modulor designer")
    if catalog is None:
        return 1
    if module is not None and module not in catalog.modules:
        print(f"modulor designer: catalog '{catalog.id}' has no module '{module}'", file=sys.stderr)
        return 2
    window = _show(catalog, file, module)  # noqa: F841 - kept alive for the event loop
    return app.exec()
