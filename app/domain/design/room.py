"""The room a design stands in: its ceiling height and the door the furniture comes through.

Both live on the :class:`~app.domain.design.design.Design` (``room_height``,
``door_opening``) and are saved with it; :class:`SetRoom` is the one undoable
edit that changes them (the window's room fields push it), announced as a
``room`` event so the views redraw the walls and the rules check again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.design.design import Design, DoorOpening

ROOM_HEIGHT_RANGE = (1800.0, 5000.0)    # mm the window offers for a room height (files allow more)
DOOR_WIDTH_RANGE = (400.0, 3000.0)      # mm a door opening's clear width may be
DOOR_HEIGHT_RANGE = (1500.0, 3000.0)    # mm a door opening's clear height may be


@dataclass
class SetRoom:
    """Set the room's height and door opening (None: not given)."""

    room_height: float | None
    door_opening: DoorOpening | None
    label: str = "Change the room"
    _before: tuple[float | None, DoorOpening | None] | None = field(default=None, repr=False)

    def apply(self, design: Design) -> None:
        if self._before is None:
            self._before = (design.room_height, design.door_opening)
        design.set_room(self.room_height, self.door_opening)

    def revert(self, design: Design) -> None:
        if self._before is not None:
            design.set_room(*self._before)
