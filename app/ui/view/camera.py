"""Camera presets, tight fits of a box into a view, and the turntable camera of the live views.

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


def fit_parallel(lo: np.ndarray, hi: np.ndarray, direction, up, aspect: float = 4 / 3,
                 margin: float = 1.12) -> tuple[CameraPose, float]:
    """An orthographic camera looking along ``-direction`` that shows the box ``lo..hi`` whole.

    Returns the pose and VTK's parallel scale (half the view's height in mm).  The camera
    stands well outside the box, so nothing is clipped whatever the box's depth.
    """
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    back = _unit(np.asarray(direction, dtype=float))
    right = _unit(np.cross(-back, np.asarray(up, dtype=float)))
    true_up = np.cross(right, -back)
    corners = np.array([[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])])
    centre = (lo + hi) / 2
    rel = corners - centre
    half_w, half_h = np.abs(rel @ right).max(), np.abs(rel @ true_up).max()
    scale = max(half_h, half_w / max(aspect, 1e-3), 1.0) * margin
    distance = 2.0 * float(np.linalg.norm(hi - lo)) + 1000.0
    return CameraPose(tuple(centre + back * distance), tuple(centre), tuple(true_up)), float(scale)


class TurntableCamera:
    """A product viewer's camera: turntable orbit about the vertical, zoom to the cursor, pan, reset.

    Drives a VTK camera (``renderer.GetActiveCamera()``) and never lets it roll or sink:
    the view-up is always the room's Z (the camera's right vector stays horizontal), the
    elevation stays between :attr:`min_elevation` and :attr:`max_elevation`, and the camera
    stays at least :attr:`min_height` above :attr:`floor_z`.  Angles are degrees, distances mm,
    cursor points VTK display pixels (from the bottom left).

    Touch-friendly entry points (the kiosk's gestures call them the same way the mouse
    style does): :meth:`rotate`, :meth:`tilt`, :meth:`zoom`, :meth:`pan`, :meth:`reset`.
    ``on_change`` is called after every move (the scene asks for one repaint there);
    ``on_reset`` frames the default view; ``on_leave_elevation`` is called when an orbit
    starts from an orthographic elevation (it turns perspective first).
    """

    min_elevation = 2.0      # a little above the horizon: the floor is always seen from above
    max_elevation = 89.0     # never straight down: the turntable's axis stays on screen
    min_height = 80.0        # mm the camera stays above the floor
    min_distance = 250.0     # mm: zooming in stops this close to what is under the cursor
    max_distance = 40_000.0

    def __init__(self, renderer, on_change=None, on_reset=None, on_leave_elevation=None):
        self.renderer = renderer
        self.floor_z = 0.0
        self.on_change = on_change
        self.on_reset = on_reset
        self.on_leave_elevation = on_leave_elevation

    @property
    def camera(self):
        return self.renderer.GetActiveCamera()

    # ----------------------------------------------------------------- reading
    def _vectors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        camera = self.camera
        return np.array(camera.GetPosition()), np.array(camera.GetFocalPoint()), np.array(camera.GetViewUp())

    def elevation(self) -> float:
        """Degrees the camera looks down at its focal point (0: level, 90: from straight above)."""
        position, focal, _ = self._vectors()
        offset = position - focal
        return math.degrees(math.asin(max(-1.0, min(1.0, offset[2] / max(np.linalg.norm(offset), 1e-9)))))

    def azimuth(self) -> float:
        """Degrees of the camera's horizontal direction from the focal point, counter-clockwise from +X."""
        position, focal, up = self._vectors()
        offset = position - focal
        if math.hypot(offset[0], offset[1]) < 1e-6 * max(np.linalg.norm(offset), 1.0):
            offset = -up     # looking straight down: the screen's up points away from the camera
        return math.degrees(math.atan2(offset[1], offset[0]))

    # ------------------------------------------------------------------ moving
    def rotate(self, degrees: float) -> None:
        """Turn the view about the vertical through the focal point (positive: the furniture turns right)."""
        self._orbit(self.azimuth() - degrees, self.elevation())

    def tilt(self, degrees: float) -> None:
        """Look more from above (positive) or more from the side, within the turntable's limits."""
        self._orbit(self.azimuth(), self.elevation() + degrees)

    def orbit(self, rotate_degrees: float, tilt_degrees: float) -> None:
        """Both at once (one mouse move)."""
        self._orbit(self.azimuth() - rotate_degrees, self.elevation() + tilt_degrees)

    def _orbit(self, azimuth: float, elevation: float) -> None:
        camera = self.camera
        if camera.GetParallelProjection() and self.on_leave_elevation is not None:
            self.on_leave_elevation()   # an elevation is a drawing: turning it makes it a view again
        position, focal, _ = self._vectors()
        distance = float(np.linalg.norm(position - focal))
        elevation = self._clamped_elevation(elevation, focal, distance)
        a, e = math.radians(azimuth), math.radians(elevation)
        offset = distance * np.array([math.cos(e) * math.cos(a), math.cos(e) * math.sin(a), math.sin(e)])
        self._set(focal + offset, focal)

    def _clamped_elevation(self, elevation: float, focal: np.ndarray, distance: float) -> float:
        lowest = self.min_elevation
        if distance > 0:   # high enough that the camera itself stays above the floor
            need = (self.floor_z + self.min_height - focal[2]) / distance
            if need > -1:
                lowest = max(lowest, math.degrees(math.asin(min(1.0, need))))
        return max(lowest, min(self.max_elevation, elevation))

    def zoom(self, factor: float, at: tuple[float, float] | None = None) -> None:
        """Magnify by ``factor`` (> 1 closer), keeping the point under display pixel ``at`` where it is."""
        if factor <= 0:
            return
        camera = self.camera
        position, focal, up = self._vectors()
        anchor = self._focal_plane_point(at) if at is not None else focal
        if camera.GetParallelProjection():
            camera.SetParallelScale(camera.GetParallelScale() / factor)
            shift = (anchor - focal) * (1 - 1 / factor)
            shift -= np.dot(shift, _unit(focal - position)) * _unit(focal - position)   # in the view plane
            self._set(position + shift, focal + shift, up)
            return
        distance = float(np.linalg.norm(position - focal))
        wanted = min(self.max_distance, max(self.min_distance, distance / factor))
        factor = distance / wanted
        # A homothety about the anchor: the ray through the cursor maps onto itself.
        self._set(anchor + (position - anchor) / factor, anchor + (focal - anchor) / factor)

    def pan(self, dx: float, dy: float) -> None:
        """Slide the view by display pixels (the furniture follows the cursor)."""
        camera = self.camera
        position, focal, up = self._vectors()
        height = max(self.renderer.GetSize()[1], 1)
        if camera.GetParallelProjection():
            per_pixel = 2 * camera.GetParallelScale() / height
        else:
            half_angle = math.radians(camera.GetViewAngle()) / 2
            per_pixel = 2 * np.linalg.norm(position - focal) * math.tan(half_angle) / height
        forward = _unit(focal - position)
        right = _unit(np.cross(forward, up))
        screen_up = np.cross(right, forward)
        shift = -(right * dx + screen_up * dy) * per_pixel
        self._set(position + shift, focal + shift, up)

    def reset(self) -> None:
        """Back to the default view of everything (the reset button)."""
        if self.on_reset is not None:
            self.on_reset()

    def _focal_plane_point(self, display: tuple[float, float]) -> np.ndarray:
        """Where the ray through a display pixel meets the plane through the focal point, facing the camera."""
        position, focal, _ = self._vectors()
        renderer = self.renderer
        ends = []
        for depth in (0.0, 1.0):
            renderer.SetDisplayPoint(float(display[0]), float(display[1]), depth)
            renderer.DisplayToWorld()
            x, y, z, w = renderer.GetWorldPoint()
            if w == 0:
                return focal
            ends.append(np.array([x, y, z]) / w)
        origin, ray = ends[0], ends[1] - ends[0]
        normal = _unit(focal - position)
        denominator = float(np.dot(ray, normal))
        if abs(denominator) < 1e-12:
            return focal
        return origin + ray * float(np.dot(focal - origin, normal)) / denominator

    def _set(self, position: np.ndarray, focal: np.ndarray, up=None) -> None:
        camera = self.camera
        lift = self.floor_z + self.min_height - position[2]
        if lift > 0 and not camera.GetParallelProjection():   # never below the floor, whatever the move
            raise_by = np.array([0.0, 0.0, lift])
            position, focal = position + raise_by, focal + raise_by
        camera.SetFocalPoint(*focal)
        camera.SetPosition(*position)
        if up is None or not camera.GetParallelProjection():
            up = (0.0, 0.0, 1.0)   # the turntable's axis: the view never rolls
        camera.SetViewUp(*up)
        self.renderer.ResetCameraClippingRange()
        if self.on_change is not None:
            self.on_change()


# Mouse: left drag orbits, right drag or shift + left drag pans, middle drag zooms, the wheel zooms to the cursor.
DEGREES_PER_PIXEL = 0.35
WHEEL_STEP = 1.18
DRAG_ZOOM_PER_PIXEL = 1.006


def install_turntable(interactor, control: TurntableCamera, widget=None):
    """Put the turntable on a VTK interactor (``plotter.iren.interactor``) as its interactor style.

    A plain ``vtkInteractorStyleUser`` that only forwards to ``control``: VTK's trackball
    would roll the camera and take it under the floor.  With ``widget`` (the Qt view), the
    wheel is taken from Qt: VTK's Qt bridge does not pass the wheel's position on, and the
    zoom must go to the cursor.  Returns what must be kept alive (the style, the filter).
    """
    from vtkmodules.vtkInteractionStyle import vtkInteractorStyleUser

    style = vtkInteractorStyleUser()
    state = {"mode": None}

    def press(mode):
        def handler(_obj, _event):
            shift = interactor.GetShiftKey()
            state["mode"] = "pan" if (mode == "orbit" and shift) else mode
        return handler

    def release(_obj, _event):
        state["mode"] = None

    def move(_obj, _event):
        mode = state["mode"]
        if mode is None:
            return
        x, y = interactor.GetEventPosition()
        px, py = interactor.GetLastEventPosition()
        dx, dy = x - px, y - py
        if mode == "orbit":
            control.orbit(dx * DEGREES_PER_PIXEL, -dy * DEGREES_PER_PIXEL)
        elif mode == "pan":
            control.pan(dx, dy)
        elif mode == "zoom":
            control.zoom(DRAG_ZOOM_PER_PIXEL ** dy)

    def wheel(step):
        def handler(_obj, _event):
            control.zoom(step, at=interactor.GetEventPosition())
        return handler

    for event, handler in (("LeftButtonPressEvent", press("orbit")), ("RightButtonPressEvent", press("pan")),
                           ("MiddleButtonPressEvent", press("zoom")), ("LeftButtonReleaseEvent", release),
                           ("RightButtonReleaseEvent", release), ("MiddleButtonReleaseEvent", release),
                           ("MouseMoveEvent", move), ("MouseWheelForwardEvent", wheel(WHEEL_STEP)),
                           ("MouseWheelBackwardEvent", wheel(1 / WHEEL_STEP))):
        style.AddObserver(event, handler)
    interactor.SetInteractorStyle(style)
    if widget is None:
        return style
    return style, _wheel_to_cursor(widget, control)


def _wheel_to_cursor(widget, control: TurntableCamera):
    """A Qt event filter on ``widget``: each wheel step zooms towards the point under the cursor."""
    from PySide6.QtCore import QEvent, QObject

    class WheelToCursor(QObject):
        def eventFilter(self, obj, event) -> bool:
            if event.type() != QEvent.Wheel:
                return False
            steps = event.angleDelta().y() / 120.0
            if steps:
                dpr = widget.devicePixelRatioF()
                point = event.position()
                at = (point.x() * dpr, (widget.height() - point.y()) * dpr)   # VTK counts from the bottom
                control.zoom(WHEEL_STEP ** steps, at=at)
            return True

    found = WheelToCursor(widget)
    widget.installEventFilter(found)
    return found
