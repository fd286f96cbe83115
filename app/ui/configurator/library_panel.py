"""The module library: every module type of the catalog with its picture, to search and place.

A search field over a list grouped by category (Carcasses, Open shelves, Fronts,
...).  Double-clicking a module, or Enter on it, asks for it to be placed
(:attr:`LibraryPanel.place_requested`); dragging it carries its type id as
``application/x-modulor-module`` to whatever accepts the drop (the 3D view).
The panel only reads the catalog: placing is the owner's job.

Pictures come from :class:`~app.ui.view.thumbnails.ThumbnailCache`.  The list shows
at once with placeholders; the pictures are filled in after the panel is shown,
a few per event-loop turn, so the window never waits for rendering (pictures
already in the cache load in well under a millisecond each).
"""

from __future__ import annotations

import re
import time

from PySide6.QtCore import QMimeData, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDrag, QFont, QIcon, QImage, QPainter, QPainterPath, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.domain.catalog.catalog import Catalog
from app.ui.view.details import CATEGORY_LABELS
from app.ui.view.thumbnails import ThumbnailCache, ThumbnailError

MODULE_MIME = "application/x-modulor-module"
TYPE_ROLE = Qt.ItemDataRole.UserRole   # a module item's type id; None on group headings
ICON_SIZE = 72           # shown size of a picture (rendered at 128 px: sharp on 1.5x-2x screens too)
MIN_ROW_HEIGHT = 48      # touch: a finger needs about 9 mm
PLACEHOLDER_COLOR = "#EEF0F2"
LOAD_BUDGET_S = 0.015    # time per event-loop turn spent filling in pictures (at least one each turn)


def matches(query: str, name: str, description: str) -> bool:
    """True when every word of ``query`` is in the name, or is a whole word of the description.

    Names match on any part ("sh" finds "Shelf") so the list narrows while typing; the
    description only on whole words, so "door" finds the doors and not every cabinet
    "for doors and shelves", while "wardrobe" still finds the hanging rail.
    """
    name, description = name.casefold(), description.casefold()
    for word in query.casefold().split():
        if word not in name and not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", description):
            return False
    return True


def _rounded(image: QImage, size: int) -> QPixmap:
    """``image`` as a tile with rounded corners (the pictures have a light background of their own)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, size, size), size * 0.08, size * 0.08)
    painter.setClipPath(path)
    painter.drawImage(QRectF(0, 0, size, size), image)
    painter.end()
    return pixmap


def _icon(pixmap: QPixmap) -> QIcon:
    """An icon that stays true to colour when its row is selected (styles tint selected icons)."""
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


def _placeholder(size: int) -> QIcon:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor(PLACEHOLDER_COLOR))
    return _icon(_rounded(image, size))


class ModuleTree(QTreeWidget):
    """The grouped list: drags carry a module type id, Enter on a module activates it."""

    module_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(0)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.itemDoubleClicked.connect(self._on_double_clicked)

    def mimeTypes(self) -> list[str]:
        return [MODULE_MIME]

    def mimeData(self, items) -> QMimeData | None:
        type_ids = [item.data(0, TYPE_ROLE) for item in items if item.data(0, TYPE_ROLE)]
        if not type_ids:
            return None
        data = QMimeData()
        data.setData(MODULE_MIME, type_ids[0].encode("utf-8"))
        data.setText(type_ids[0])  # for targets that only take text
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction  # modules are copied out of the library, never moved

    def startDrag(self, _supported_actions: Qt.DropAction) -> None:   # always a copy (supportedDropActions)
        item = self.currentItem()
        data = self.mimeData([item]) if item is not None else None
        if data is None:
            return
        drag = QDrag(self)
        drag.setMimeData(data)
        pixmap = item.icon(0).pixmap(self.iconSize())
        if not pixmap.isNull():  # the picture follows the finger or the pointer
            drag.setPixmap(pixmap)
            drag.setHotSpot(pixmap.rect().center())
        drag.exec(Qt.DropAction.CopyAction)

    def keyPressEvent(self, event) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None and item.data(0, TYPE_ROLE):
            self.module_activated.emit(item.data(0, TYPE_ROLE))
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        type_id = item.data(0, TYPE_ROLE)
        if type_id:
            self.module_activated.emit(type_id)


class LibraryPanel(QWidget):
    """Search and pick module types of ``catalog``; pictures from ``thumbnails`` (own cache if None)."""

    place_requested = Signal(str)   # a module type id: place one of these
    thumbnails_loaded = Signal()    # every picture is in (or could not be made)

    def __init__(self, catalog: Catalog, thumbnails: ThumbnailCache | None = None, parent=None,
                 icon_size: int = ICON_SIZE):
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.catalog = catalog
        self._owns_thumbnails = thumbnails is None
        self.thumbnails = thumbnails if thumbnails is not None else ThumbnailCache(catalog)
        self.icon_size = icon_size
        self.failed: dict[str, str] = {}   # type ids without a picture: why

        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search modules")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(40)
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._focus_first_match)

        self.tree = ModuleTree()
        self.tree.setObjectName("libraryTree")
        self.tree.setIconSize(QSize(icon_size, icon_size))
        self.tree.module_activated.connect(self.place_requested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)

        self.groups: dict[str, QTreeWidgetItem] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill()

        self._pending: list[str] = list(self._items)
        self._loader = QTimer(self)
        self._loader.setSingleShot(True)
        self._loader.setInterval(0)
        self._loader.timeout.connect(self._load_some)

    # ------------------------------------------------------------------ reading
    def item_for(self, type_id: str) -> QTreeWidgetItem | None:
        return self._items.get(type_id)

    def visible_type_ids(self) -> list[str]:
        """The module types the list shows now, top to bottom."""
        shown = []
        for group in self.groups.values():
            if group.isHidden():
                continue
            shown += [group.child(i).data(0, TYPE_ROLE) for i in range(group.childCount())
                      if not group.child(i).isHidden()]
        return shown

    @property
    def icons_pending(self) -> int:
        return len(self._pending)

    # ----------------------------------------------------------------- building
    def _fill(self) -> None:
        labels = dict(CATEGORY_LABELS)
        for mtype in self.catalog.modules.values():  # a category the labels do not know still gets a group
            labels.setdefault(mtype.category, mtype.category.replace("_", " ").capitalize())
        placeholder = _placeholder(self.icon_size)
        row_height = max(MIN_ROW_HEIGHT, self.icon_size + 8)
        for category, title in labels.items():
            types = [m for m in self.catalog.modules.values() if m.category == category]
            if not types:
                continue
            group = QTreeWidgetItem(self.tree, [title])
            font = QFont(group.font(0))
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable, not draggable
            group.setSizeHint(0, QSize(0, MIN_ROW_HEIGHT))  # width 0: the column decides
            self.groups[category] = group
            for mtype in types:
                item = QTreeWidgetItem(group, [mtype.name])
                item.setData(0, TYPE_ROLE, mtype.id)
                item.setToolTip(0, mtype.description or mtype.name)
                item.setIcon(0, placeholder)
                item.setSizeHint(0, QSize(0, row_height))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self._items[mtype.id] = item
        self.tree.expandAll()

    # ------------------------------------------------------------------ search
    def set_filter(self, text: str) -> None:
        self.search.setText(text)

    def _apply_filter(self, text: str) -> None:
        for group in self.groups.values():
            any_shown = False
            for i in range(group.childCount()):
                item = group.child(i)
                mtype = self.catalog.modules[item.data(0, TYPE_ROLE)]
                shown = matches(text, mtype.name, mtype.description or "")
                item.setHidden(not shown)
                any_shown |= shown
            group.setHidden(not any_shown)
            group.setExpanded(True)
        current = self.tree.currentItem()
        if current is not None and current.isHidden():
            self.tree.setCurrentItem(None)

    def _focus_first_match(self) -> None:
        """Enter in the search field: to the first match, where Enter again places it."""
        shown = self.visible_type_ids()
        if shown:
            self.tree.setCurrentItem(self._items[shown[0]])
            self.tree.setFocus()

    # -------------------------------------------------------------- pictures
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._pending:
            self._loader.start()

    def hideEvent(self, event) -> None:
        # Hidden (or its window closed): stop rendering and give back the offscreen plotter;
        # showing the panel again carries on where it stopped.
        self._loader.stop()
        if self._owns_thumbnails:
            self.thumbnails.close()
        super().hideEvent(event)

    def _load_some(self) -> None:
        """Fill in pictures for about LOAD_BUDGET_S, then yield to the event loop."""
        start = time.perf_counter()
        while self._pending:
            type_id = self._pending.pop(0)
            try:
                image = QImage(str(self.thumbnails.icon_path(type_id)))
            except ThumbnailError as exc:
                self.failed[type_id] = str(exc)
                image = QImage()
            if not image.isNull():
                self._items[type_id].setIcon(0, _icon(_rounded(image, image.width())))
            elif type_id not in self.failed:
                self.failed[type_id] = "the picture could not be read"
            if time.perf_counter() - start > LOAD_BUDGET_S:
                break
        if self._pending:
            self._loader.start()
            return
        if self._owns_thumbnails:
            self.thumbnails.close()  # all pictures in: the offscreen plotter is no longer needed
        self.thumbnails_loaded.emit()

    def close_thumbnails(self) -> None:
        """Stop filling in pictures and release the offscreen plotter (call when the window closes)."""
        self._loader.stop()
        if self._owns_thumbnails:
            self.thumbnails.close()
