"""The room the furniture stands in: floor, back wall, side walls on request, the ceiling line.

The design says how high the room is (``Design.room_height``, the figure the height
and tilt-up rules read); without it the wall is drawn a little taller than the
furniture and no ceiling is marked.  The back wall is the plane y = 0 the furniture
stands against (wall units hang on it); side walls stand :data:`SIDE_GAP` beyond the
furniture's ends.  The walls cull their back faces: when the camera swings round
behind a wall, the wall disappears instead of hiding the furniture.

Each surface is one unit square scaled and moved by its actor, so an edit never builds
a mesh here.  :func:`room_boxes` is the plain geometry, for tests and pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvista as pv

FLOOR_COLOR = "#E3DED6"      # warm light floor
WALL_COLOR = "#F1EEE9"       # off-white wall, a shade lighter than the floor
SIDE_WALL_COLOR = "#ECE8E2"
CEILING_LINE_COLOR = "#9A968F"
DEFAULT_HEIGHT = 2500.0      # mm a wall is drawn when the design names no room height
FLOOR_MARGIN = 3000.0        # mm of floor and wall beyond the furniture: the view never sees their end
SIDE_GAP = 300.0             # mm between the furniture's ends and a side wall
WALL_LOOK = dict(ambient=0.55, diffuse=0.5, specular=0.0)


@dataclass(frozen=True)
class RoomGeometry:
    """The room's surfaces as boxes (x0, y0, z0, x1, y1, z1); a wall is flat along y or x."""

    floor: tuple[float, ...]
    back_wall: tuple[float, ...]
    side_walls: tuple[tuple[float, ...], ...]
    height: float                 # the walls' height, mm
    ceiling: bool                 # whether that height is the room's (a ceiling line is drawn)


def room_boxes(lo, hi, room_height: float | None, side_walls: bool, wall_y: float = 0.0) -> RoomGeometry:
    """The room around furniture bounds ``lo``..``hi`` (room mm)."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    height = float(room_height) if room_height else max(DEFAULT_HEIGHT, float(hi[2]) + 300.0)
    floor_z = min(0.0, float(lo[2]))
    x0 = float(lo[0]) - (SIDE_GAP if side_walls else FLOOR_MARGIN)
    x1 = float(hi[0]) + (SIDE_GAP if side_walls else FLOOR_MARGIN)
    front = float(lo[1]) - FLOOR_MARGIN - 0.6 * max(float(hi[0] - lo[0]), 1000.0)
    floor = (x0, front, floor_z, x1, wall_y, floor_z)
    back = (x0, wall_y, floor_z, x1, wall_y, floor_z + height)
    sides = ((x0, front, floor_z, x0, wall_y, floor_z + height),
             (x1, front, floor_z, x1, wall_y, floor_z + height)) if side_walls else ()
    return RoomGeometry(floor, back, sides, height, room_height is not None)


def _square(normal) -> pv.PolyData:
    """A unit square facing ``normal`` (its front face is the one a viewer in the room sees)."""
    return pv.Plane(center=(0, 0, 0), direction=normal, i_size=1, j_size=1, i_resolution=1, j_resolution=1)


class RoomView:
    """The room's actors in one view, moved to follow the furniture and the design's room height."""

    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self.side_walls = False
        self.walls_visible = True
        self.geometry: RoomGeometry | None = None
        add = dict(reset_camera=False, render=False, pickable=False)
        self.floor = plotter.add_mesh(_square((0, 0, 1)), color=FLOOR_COLOR, name="room-floor",
                                      ambient=0.45, diffuse=0.6, specular=0.0, **add)
        self.back = plotter.add_mesh(_square((0, -1, 0)), color=WALL_COLOR, name="room-back-wall",
                                     culling="back", **WALL_LOOK, **add)
        self.left = plotter.add_mesh(_square((1, 0, 0)), color=SIDE_WALL_COLOR, name="room-left-wall",
                                     culling="back", **WALL_LOOK, **add)
        self.right = plotter.add_mesh(_square((-1, 0, 0)), color=SIDE_WALL_COLOR, name="room-right-wall",
                                      culling="back", **WALL_LOOK, **add)
        self.ceiling = plotter.add_mesh(pv.Line((0, 0, 0), (1, 0, 0)), color=CEILING_LINE_COLOR, line_width=2,
                                        lighting=False, name="room-ceiling-line", **add)
        for actor in self.actors():
            actor.SetVisibility(False)

    def actors(self) -> list[pv.Actor]:
        return [self.floor, self.back, self.left, self.right, self.ceiling]

    def update(self, bounds, room_height: float | None) -> None:
        """Fit the room to the furniture bounds ``(lo, hi)`` (None: nothing placed, no room)."""
        if bounds is None:
            self.geometry = None
            for actor in self.actors():
                actor.SetVisibility(False)
            return
        geometry = self.geometry = room_boxes(bounds[0], bounds[1], room_height, self.side_walls)
        self._place(self.floor, geometry.floor, (0, 1), 2, -0.5)   # just below: never fights module bottoms
        self._place(self.back, geometry.back_wall, (0, 2), 1, 1.0)  # just behind the backs standing at y = 0
        for actor, box, shift in zip((self.left, self.right), geometry.side_walls or ((), ()), (-1.0, 1.0)):
            if box:
                self._place(actor, box, (1, 2), 0, shift)
            actor.SetVisibility(bool(box) and self.walls_visible)
        x0, _, _, x1, y, z = geometry.back_wall
        self.ceiling.scale = (x1 - x0, 1.0, 1.0)
        self.ceiling.position = (x0, y - 2.0, z - 2.0)
        self.floor.SetVisibility(True)
        self.back.SetVisibility(self.walls_visible)
        self.ceiling.SetVisibility(geometry.ceiling and self.walls_visible)

    @staticmethod
    def _place(actor: pv.Actor, box, axes: tuple[int, int], flat: int, shift: float) -> None:
        lo, hi = np.array(box[:3]), np.array(box[3:])
        scale = [1.0, 1.0, 1.0]
        for axis in axes:
            scale[axis] = float(hi[axis] - lo[axis])
        # The unit square lies in the plane its normal leaves; scale only along the plane's two axes.
        square_axes = [a for a in range(3) if a != flat]
        actor.scale = tuple(scale[a] if a in square_axes else 1.0 for a in range(3))
        centre = (lo + hi) / 2
        centre[flat] = lo[flat] + shift
        actor.position = tuple(centre)
