"""The room's fields in the window: ceiling height, the door opening, walls and side walls.

The heights and the door are the design's (saved with it, checked by the rules:
the height and tilt-up rules read the ceiling, the door-opening rule the door); a
change is one undoable :class:`~app.domain.design.room.SetRoom` pushed to the
document.  Walls and side walls are only how the view draws the room.  0 in a
field means "not given".
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from app.domain.design.room import DOOR_HEIGHT_RANGE, DOOR_WIDTH_RANGE, ROOM_HEIGHT_RANGE, SetRoom
from app.ui.document import DesignDocument
from app.ui.view.scene import SceneView

NOT_GIVEN = "not given"


def _field(low: float, high: float, tip: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, int(high))    # 0: not given (shown as such); below ``low`` is refused on commit
    box.setSingleStep(10)
    box.setSuffix(" mm")
    box.setSpecialValueText(NOT_GIVEN)
    box.setToolTip(f"{tip}: {low:.0f} to {high:.0f} mm, or 0 for not given")
    box.setKeyboardTracking(False)   # one edit when the customer is done typing, not one per key
    box.setProperty("low", low)
    return box


class RoomPanel(QWidget):
    """Room height, door width x height, walls and side walls, in one row for the view's toolbar."""

    def __init__(self, document: DesignDocument, scene: SceneView, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("roomPanel")
        self.document, self.scene = document, scene
        self.height_box = _field(*ROOM_HEIGHT_RANGE, "Ceiling height of the room")
        self.door_width = _field(*DOOR_WIDTH_RANGE, "Clear width of the door the furniture comes through")
        self.door_height = _field(*DOOR_HEIGHT_RANGE, "Clear height of that door")
        self.walls = QCheckBox("Walls")
        self.walls.setChecked(scene.room.walls_visible)
        self.walls.setToolTip("Draw the back wall (the floor is always drawn)")
        self.side_walls = QCheckBox("Side walls")
        self.side_walls.setChecked(scene.room.side_walls)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        for widget in (QLabel("Room height"), self.height_box, QLabel("Door"), self.door_width, QLabel("x"),
                       self.door_height, self.walls, self.side_walls):
            layout.addWidget(widget)
        self.refresh()
        for box in (self.height_box, self.door_width, self.door_height):
            box.valueChanged.connect(self._commit)
        self.walls.toggled.connect(scene.set_room_visible)
        self.side_walls.toggled.connect(scene.set_side_walls)
        document.design_changed.connect(lambda _change: self.refresh())

    def refresh(self) -> None:
        """Show the design's room (after an undo, another design opened)."""
        design = self.document.design
        door = design.door_opening or (0, 0)
        for box, value in ((self.height_box, design.room_height or 0), (self.door_width, door[0]),
                           (self.door_height, door[1])):
            box.blockSignals(True)
            box.setValue(round(value))
            box.blockSignals(False)

    def _commit(self, _value: int = 0) -> None:
        height = self._value(self.height_box)
        width, door_height = self._value(self.door_width), self._value(self.door_height)
        door = (width, door_height) if width and door_height else None
        design = self.document.design
        if (height, door) != (design.room_height, design.door_opening):
            self.document.push(SetRoom(height, door))

    @staticmethod
    def _value(box: QSpinBox) -> float | None:
        value = box.value()
        if value == 0:
            return None
        low = float(box.property("low"))
        if value < low:   # a half-typed figure: take the smallest allowed, say so in the field
            box.blockSignals(True)
            box.setValue(int(low))
            box.blockSignals(False)
            return low
        return float(value)

