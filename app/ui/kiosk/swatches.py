"""Swatches for the kiosk's choice buttons: a piece of the real decor, a picture of the real handle.

A decor swatch is cut from the decor's own texture (the image the 3D view
lays on the boards) at its real scale: :data:`SWATCH_MM` of board, so oak
shows its grain as it will look on a door, not a whole plank squeezed into a
chip.  A decor without a texture is its colour.  Handles and other visible
hardware are rendered from their meshes (:mod:`app.ui.view.item_pictures`).
Swatches are made once per catalog and size and kept in memory.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPainterPath, QPen, QPixmap

from app.domain.catalog.catalog import Catalog
from app.ui.view.item_pictures import hardware_pictures

SWATCH_MM = 150.0   # how much board a swatch shows

log = logging.getLogger("modulor.kiosk")


class Swatches:
    """Icons of one catalog's decors and hardware, by id."""

    def __init__(self, catalog: Catalog, size: int):
        self.catalog = catalog
        self.size = size
        self._decors: dict[str, QIcon] = {}
        self._items: dict[str, QIcon | None] = {}

    def decor(self, finish_id: str) -> QIcon:
        icon = self._decors.get(finish_id)
        if icon is None:
            icon = self._decors[finish_id] = QIcon(self._decor_pixmap(finish_id))
        return icon

    def items(self, item_ids: list[str]) -> dict[str, QIcon]:
        """Icons of the items that have a mesh (rendered on the first call for them)."""
        missing = [i for i in item_ids if i not in self._items]
        if missing:
            try:
                pictures = hardware_pictures(self.catalog, missing, self.size * 2)
            except Exception as exc:   # a machine that cannot render shows the names alone
                log.error("handle pictures not rendered: %s", exc)
                pictures = {}
            for item_id in missing:
                png = pictures.get(item_id)
                pixmap = QPixmap()
                self._items[item_id] = QIcon(_rounded(pixmap, self.size)) \
                    if png is not None and pixmap.loadFromData(png, "PNG") else None
        return {i: icon for i in item_ids if (icon := self._items.get(i)) is not None}

    def _decor_pixmap(self, finish_id: str) -> QPixmap:
        finish = self.catalog.finishes[finish_id]
        image = QImage()
        if finish.texture:
            path = self.catalog.mesh_path(finish.texture)
            if not image.load(str(path)):
                log.error("decor '%s': texture %s cannot be read; its colour is shown", finish_id, path)
        if image.isNull():
            plain = QPixmap(self.size, self.size)
            plain.fill(QColor(finish.color))
            return _rounded(plain, self.size)
        # The texture covers texture_size mm: a square of SWATCH_MM from its middle is real scale.
        side = min(image.width(), image.height(), round(image.height() * SWATCH_MM / finish.texture_size))
        side = max(side, 1)
        piece = image.copy((image.width() - side) // 2, (image.height() - side) // 2, side, side)
        return _rounded(QPixmap.fromImage(piece), self.size)


def _rounded(source: QPixmap, size: int) -> QPixmap:
    """``source`` scaled to a ``size`` square with rounded corners and a thin grey rim."""
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    rect = QRectF(1, 1, size - 2, size - 2)
    path = QPainterPath()
    path.addRoundedRect(rect, size / 6, size / 6)
    painter.setClipPath(path)
    if not source.isNull():
        painter.drawPixmap(rect.toRect(), source.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                                        Qt.TransformationMode.SmoothTransformation))
    else:
        painter.fillRect(rect, QColor("white"))
    painter.setClipping(False)
    painter.setPen(QPen(QColor("#C9CDD3"), 1.5))
    painter.drawPath(path)
    painter.end()
    return out
