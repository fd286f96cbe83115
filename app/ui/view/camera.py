"""Camera presets and a tight fit of a box into a perspective view (pure numpy).

VTK's ResetCamera fits the bounding *sphere*, which leaves a tall bookcase or a
long sideboard small in the middle of the view.  :func:`fit_camera` instead
projects the eight box corners onto the view plane and backs the camera off just
far enough for all of them to fit the window's width and height.

Room axes: X right along the wall, Y into the wall, Z up; furniture faces -Y.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

# Direction from the target to the camera, and the camera's up vector.
VIEWS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    "front": ((0.0, -1.0, 0.0), (0.0, 0.0, 1.0)),
    "side": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),      # from the right-hand end
    "top": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),       # wall at the top of the screen
    "iso": ((-0.5, -1.0, 0.45), (0.0, 0.0, 1.0)),    # three-quarter view from the front left, a little above
}


class CameraPose(NamedTuple):
    position: tuple[float, float, float]
    focal_point: tuple[float, float, float]
    up: tuple[float, float, float]


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def fit_camera(lo: np.ndarray, hi: np.ndarray, direction, up, view_angle: float = 30.0,
               aspect: float = 4 / 3, margin: float = 1.15) -> CameraPose:
    """A camera looking along ``-direction`` that shows the box ``lo..hi`` whole.

    ``view_angle`` is VTK's vertical view angle in degrees, ``aspect`` the
    viewport's width / height, ``margin`` > 1 leaves some air around the box.
    """
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    back = _unit(np.asarray(direction, dtype=float))          # target -> camera
    right = _unit(np.cross(-back, np.asarray(up, dtype=float)))
    true_up = np.cross(right, -back)
    corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
    rel = corners - (lo + hi) / 2
    xs, ys, zs = rel @ right, rel @ true_up, rel @ back
    # Centre the projected box, not the 3D centre: they differ a little in perspective.
    centre = (lo + hi) / 2 + right * (xs.max() + xs.min()) / 2 + true_up * (ys.max() + ys.min()) / 2
    xs -= (xs.max() + xs.min()) / 2
    ys -= (ys.max() + ys.min()) / 2
    tan_half = math.tan(math.radians(view_angle) / 2)
    # A corner at depth z (towards the camera) fits when |y| <= (d - z) tan and |x| <= (d - z) tan aspect.
    needed = max(np.max(np.abs(ys) * margin / tan_half + zs),
                 np.max(np.abs(xs) * margin / (tan_half * max(aspect, 1e-3)) + zs))
    distance = max(float(needed), 1.0)
    position = centre + back * distance
    return CameraPose(tuple(position), tuple(centre), tuple(true_up))
