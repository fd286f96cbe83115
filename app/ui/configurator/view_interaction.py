"""Mouse, keyboard and drops in the 3D view, turned into selections and edits.

* A click (press and release without moving) selects the module under the
  cursor, or clears the selection on empty space; with Ctrl or Shift held it
  adds the module to the selection or takes it out.  Anything else orbits, pans
  and zooms as usual.
* Pressing on the selected module and dragging moves it: free-standing modules
  slide along the wall, inserts up and down their pin grid, wall units along
  the wall and up and down their snap heights, always to the nearest flush,
  non-overlapping position.  The whole drag is one undo step.
* Shift-dragging from empty space draws a box: the units and everything else
  whose middle is inside it are selected (inserts only when nothing else is).
* Arrow keys step the selected module to the next snap position (up and down:
  inserts on their grid, wall units between their snap heights).
* A module dragged from the library and dropped on a carcass goes into it (if
  it can), otherwise to the next free spot.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QRubberBand

from app.domain.design.commands import MoveModule
from app.domain.design.placement import snap_steps
from app.editing import placing
from app.ui.document import DesignDocument
from app.ui.view.scene import SceneView

MODULE_MIME = "application/x-modulor-module"
CLICK_SLOP = 5  # px: a press and release closer than this is a click, not an orbit


class ViewInteraction(QObject):
    def __init__(self, document: DesignDocument, scene: SceneView, view, window):
        super().__init__(view)
        self.document, self.scene, self.view, self.window = document, scene, view, window
        self._press = None
        self._dragging = False
        self._band: QRubberBand | None = None   # a Shift-drag box being drawn
        self._steps: list = []
        view.setAcceptDrops(True)
        view.installEventFilter(self)
        for key, axis, direction in ((Qt.Key_Left, 0, -1), (Qt.Key_Right, 0, +1),
                                     (Qt.Key_Up, 2, +1), (Qt.Key_Down, 2, -1)):
            shortcut = QShortcut(QKeySequence(key), view)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda a=axis, d=direction: self.step_selected(a, d))

    # --------------------------------------------------------------- keyboard
    def step_selected(self, axis: int, direction: int) -> bool:
        """Move the selected module to its next snap position along ``axis``; False when none."""
        mid = self.document.selected
        if mid is None:
            return False
        return self.window.push(placing.step(self.document.catalog, self.document.design, mid, axis,
                                             direction)) is not None

    # ------------------------------------------------------------------ mouse
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self.view.setFocus(Qt.MouseFocusReason)   # arrow keys now go to the view
            self._press = event.position()
            picked = self.scene.pick(self._press.x(), self._press.y())
            adding = event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)
            if picked is not None and picked == self.document.selected and not adding:
                self._start_drag(picked)
                return True  # the view must not orbit while a module is dragged
            if picked is None and event.modifiers() & Qt.ShiftModifier:
                self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.view)
                self._band.setGeometry(QRect(self._press.toPoint(), QSize()))
                self._band.show()
                return True   # a box, not a pan
            return False
        if kind == QEvent.MouseMove and self._dragging:
            self._drag_to(event.position())
            return True
        if kind == QEvent.MouseMove and self._band is not None and self._press is not None:
            self._band.setGeometry(QRect(self._press.toPoint(), event.position().toPoint()).normalized())
            return True
        if kind == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton and self._press is not None:
            press, self._press = self._press, None
            if self._band is not None:
                band, self._band = self._band, None
                band.hide()
                band.deleteLater()
                self.select_in_box(press.toPoint(), event.position().toPoint())
                return True
            if self._dragging:
                self._dragging = False
                self.document.end_merge()
                return True
            moved = (event.position() - press).manhattanLength()
            if moved <= CLICK_SLOP:
                picked = self.scene.pick(event.position().x(), event.position().y())
                adding = event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier)
                if adding and picked is not None:
                    self.document.toggle(picked)
                elif not adding:
                    self.document.select(picked)
            return False
        if kind in (QEvent.DragEnter, QEvent.DragMove) and event.mimeData().hasFormat(MODULE_MIME):
            event.acceptProposedAction()
            return True
        if kind == QEvent.Drop and event.mimeData().hasFormat(MODULE_MIME):
            type_id = bytes(event.mimeData().data(MODULE_MIME)).decode("utf-8")
            self.drop_module(type_id, event.position().x(), event.position().y())
            event.acceptProposedAction()
            return True
        return False

    def select_in_box(self, corner: QPoint, other: QPoint) -> list[str]:
        """Select what has its middle inside the view rectangle between two corners (widget pixels)."""
        rect = QRect(corner, other).normalized()
        inside = [m.id for m in self.document.design
                  if (p := self._on_screen(m.id)) is not None and rect.contains(round(p[0]), round(p[1]))]
        outer = [m for m in inside if self.document.design.get(m).attach != "in"]
        chosen = outer or inside
        self.document.select_many(chosen)
        return chosen

    def _on_screen(self, module_id: str) -> tuple[float, float] | None:
        """Where the middle of a module's box appears in the view, in widget pixels."""
        try:
            lo, hi = self.document.layout.state(module_id).world_bounds
        except (ValueError, KeyError):
            return None
        renderer = self.view.renderer
        renderer.SetWorldPoint(*((lo + hi) / 2), 1.0)
        renderer.WorldToDisplay()
        x, y, _ = renderer.GetDisplayPoint()
        ratio = self.view.devicePixelRatioF()
        return x / ratio, self.view.height() - y / ratio

    def drop_module(self, type_id: str, x: float, y: float) -> str | None:
        """Place ``type_id`` where it was dropped: into the module under the cursor when it can go there."""
        return self.window.push(placing.drop(self.document.catalog, self.document.design, type_id,
                                             self.scene.pick(x, y)))

    def _start_drag(self, module_id: str) -> None:
        self._dragging = True
        self._steps = snap_steps(self.document.catalog, self.document.design, module_id)
        self._drag_module = module_id
        self._grab = self.scene.floor_point(self._press.x(), self._press.y())
        self._origin = self.document.design.get(module_id).position

    def _drag_to(self, pos) -> None:
        module = self.document.design.get(self._drag_module)
        if not self._steps:
            return
        if module.attach == "wall":
            # Wall units: along the wall with the floor point, up and down with the vertical travel.
            point = self.scene.floor_point(pos.x(), pos.y())
            wanted_x = self._origin[0] + (point[0] - self._grab[0]) if point is not None and self._grab is not None \
                else module.position[0]
            wanted_z = self._origin[2] + (self._press.y() - pos.y()) * 2.0
            best = min(self._steps, key=lambda s: abs(s[0] - wanted_x) + abs(s[2] - wanted_z))
            if tuple(best) != tuple(module.position):
                self.document.push(MoveModule(self._drag_module, position=best, label="Move"), merge=True)
                self._steps = snap_steps(self.document.catalog, self.document.design, self._drag_module)
            return
        if module.attach == "in":
            # Inserts: map the vertical mouse travel to height (about 2 mm a pixel at a typical zoom).
            wanted = self._origin[2] + (self._press.y() - pos.y()) * 2.0
            axis = 2
        else:
            point = self.scene.floor_point(pos.x(), pos.y())
            if point is None or self._grab is None:
                return
            wanted = self._origin[0] + (point[0] - self._grab[0])
            axis = 0
        if not self._steps:
            return
        best = min(self._steps, key=lambda s: abs(s[axis] - wanted))
        if tuple(best) != tuple(module.position):
            self.document.push(MoveModule(self._drag_module, position=best, label="Move"), merge=True)
