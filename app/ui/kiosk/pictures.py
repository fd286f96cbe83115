"""Pictures the kiosk shows: presets and the finished design (offscreen renders), and the QR code.

Everything stays in memory: PNG bytes go straight into a QPixmap, so no
picture of a customer's design or their order code is ever written to disk.
Renders happen on the GUI thread (VTK's rule); a machine that cannot render
gets a plain card instead of an error.
"""

from __future__ import annotations

import io
import logging

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.ui.view.offscreen_render import RenderError, render_design_png

log = logging.getLogger("modulor.kiosk")


def design_pixmap(catalog: Catalog, design: Design, width: int, height: int) -> QPixmap:
    try:
        png = render_design_png(catalog, design, width, height)
    except RenderError as exc:
        log.error("picture of '%s' not rendered: %s", design.name, exc)
        blank = QPixmap(width, height)
        blank.fill(QColor("#E6EAEF"))
        return blank
    pixmap = QPixmap()
    pixmap.loadFromData(png, "PNG")
    return pixmap


def qr_pixmap(text: str, size: int) -> QPixmap:
    """A QR code of ``text`` about ``size`` pixels square (quiet zone included), black on white."""
    qr = segno.make(text, error="m")
    modules = qr.symbol_size(scale=1)[0]
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=max(1, size // modules), border=4)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
