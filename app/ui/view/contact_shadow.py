"""A soft contact shadow under and behind the furniture: blurred textures, not shadow maps.

Software OpenGL cannot afford shadow maps on every frame, and the customer only
needs to see that the furniture stands on the floor and against the wall.  So the
footprints of the modules are painted into a small grey image, blurred twice (a
tight dark core where the boards meet the floor, a wide faint skirt), and shown as
an alpha texture on a quad just above the floor; their outlines seen from the front
do the same on a quad just in front of the back wall.  Each frame then costs two
textured quads; the images are only painted again when a footprint changes (a
finish or a note leaves them alone).  The numbers are plain numpy and PIL
(:func:`shadow_image`), the class only hands them to VTK.

Room axes: X along the wall, Y into the wall (fronts face -Y), Z up; mm.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from PIL import Image, ImageFilter

FLOOR_TEXELS = 256          # texels along the longer side of the floor shadow
WALL_TEXELS = 256
MM_MARGIN = 450.0           # the shadow's quad reaches this far beyond the footprints
CORE_BLUR_MM = 22.0         # the dark line where the furniture meets the floor
SKIRT_BLUR_MM = 110.0       # the faint skirt around it
CORE_STRENGTH = 0.7         # darkness of each, 0..1 (multiplied into the floor's colour)
SKIRT_STRENGTH = 0.45
WALL_STRENGTH = 0.22        # the wall only gets a faint skirt: light comes from the front
WALL_BLUR_MM = 90.0
LIFT = 0.6                  # mm above the floor / in front of the wall: never fights it in depth


def shadow_image(boxes: np.ndarray, extent: tuple[float, float, float, float], texels: int,
                 layers: tuple[tuple[float, float], ...]) -> np.ndarray:
    """An RGBA image (h, w, 4) of black with the blurred shadow of ``boxes`` as alpha.

    ``boxes`` (n, 4): u0, v0, u1, v1 rectangles in mm in the image's plane; ``extent``
    (u0, v0, u1, v1) what the image covers; ``layers`` (blur in mm, strength) are summed.
    Row 0 of the image is the highest v: pyvista turns an image's rows over into VTK's
    bottom-left texture origin, as it does for a picture read from a file.
    """
    u0, v0, u1, v1 = (float(v) for v in extent)
    size_u, size_v = max(u1 - u0, 1.0), max(v1 - v0, 1.0)
    per_mm = texels / max(size_u, size_v)
    width, height = max(2, round(size_u * per_mm)), max(2, round(size_v * per_mm))
    mask = np.zeros((height, width), dtype=np.uint8)
    for bu0, bv0, bu1, bv1 in np.asarray(boxes, dtype=float).reshape(-1, 4):
        c0, c1 = int(np.floor((bu0 - u0) * per_mm)), int(np.ceil((bu1 - u0) * per_mm))
        r0, r1 = int(np.floor((bv0 - v0) * per_mm)), int(np.ceil((bv1 - v0) * per_mm))
        mask[max(r0, 0):max(r1, 0), max(c0, 0):max(c1, 0)] = 255
    picture = Image.fromarray(mask, mode="L")
    alpha = np.zeros((height, width), dtype=float)
    for blur_mm, strength in layers:
        blurred = picture.filter(ImageFilter.GaussianBlur(radius=float(max(blur_mm * per_mm, 0.5))))
        alpha += np.asarray(blurred, dtype=float) / 255.0 * strength
    rgba = np.zeros((height, width, 4), dtype=np.uint8)
    rgba[..., 3] = np.clip(alpha * 255.0, 0, 255).astype(np.uint8)
    return rgba[::-1].copy()


def _quad(u0: float, v0: float, u1: float, v1: float, plane: str, at: float) -> pv.PolyData:
    """A rectangle with texture coordinates 0..1: on the floor (z = at) or the wall (y = at)."""
    if plane == "floor":
        points = [(u0, v0, at), (u1, v0, at), (u1, v1, at), (u0, v1, at)]
    else:
        points = [(u0, at, v0), (u1, at, v0), (u1, at, v1), (u0, at, v1)]
    quad = pv.PolyData(np.array(points, dtype=float), faces=[4, 0, 1, 2, 3])
    quad.active_texture_coordinates = np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=float)
    return quad


class ContactShadow:
    """The floor and wall shadow quads of one view, painted again only when a footprint changes."""

    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self.enabled = True
        self.paints = 0                      # how often the images were painted (tests, bench)
        self._key: bytes | None = None
        self._actors: dict[str, pv.Actor] = {}

    def actors(self) -> list[pv.Actor]:
        return list(self._actors.values())

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        for actor in self._actors.values():
            actor.SetVisibility(self.enabled and self._key is not None)

    def update(self, boxes: np.ndarray, floor_z: float, wall_y: float | None) -> None:
        """Shadows for the module boxes ``boxes`` (n, 6: x0 y0 z0 x1 y1 z1, room mm).

        The floor shadow is cast by what stands near the floor (within 150 mm: legs and
        plinths included), the wall shadow by everything, when there is a wall (``wall_y``).
        """
        boxes = np.asarray(boxes, dtype=float).reshape(-1, 6)
        key = np.concatenate([np.round(boxes.ravel(), 1), [floor_z, -1 if wall_y is None else wall_y]]).tobytes()
        if key == self._key:
            return
        self._key = key if len(boxes) else None
        if not len(boxes):
            self.set_enabled(self.enabled)
            return
        self.paints += 1
        standing = boxes[boxes[:, 2] <= floor_z + 150.0]
        lo, hi = boxes[:, :3].min(axis=0), boxes[:, 3:].max(axis=0)
        m = MM_MARGIN
        floor_extent = (lo[0] - m, lo[1] - m, hi[0] + m, hi[1] + m)
        self._show("floor", standing[:, [0, 1, 3, 4]], floor_extent, FLOOR_TEXELS,
                   ((CORE_BLUR_MM, CORE_STRENGTH), (SKIRT_BLUR_MM, SKIRT_STRENGTH)), floor_z + LIFT)
        if wall_y is not None:
            wall_extent = (lo[0] - m, floor_z, hi[0] + m, hi[2] + m)
            self._show("wall", boxes[:, [0, 2, 3, 5]], wall_extent, WALL_TEXELS,
                       ((WALL_BLUR_MM, WALL_STRENGTH),), wall_y - LIFT)
        elif "wall" in self._actors:
            self._actors["wall"].SetVisibility(False)

    def _show(self, name: str, rects: np.ndarray, extent, texels: int, layers, at: float) -> None:
        image = shadow_image(rects, extent, texels, layers)
        texture = pv.Texture(image)
        texture.interpolate = True
        texture.repeat = False
        quad = _quad(*extent, plane=name, at=at)
        actor = self._actors.get(name)
        if actor is None:
            actor = self._actors[name] = self.plotter.add_mesh(
                quad, texture=texture, lighting=False, pickable=False, name=f"contact-shadow-{name}",
                reset_camera=False, render=False)
            actor.prop.color = "black"
        else:
            actor.mapper.dataset.copy_from(quad)
            actor.texture = texture
        actor.SetVisibility(self.enabled)
