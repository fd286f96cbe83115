"""A soft contact shadow under and behind the furniture: blurred textures, not shadow maps.

Software OpenGL cannot afford shadow maps on every frame, and the customer only
needs to see that the furniture stands on the floor and against the wall.  So the
footprints of the modules are painted into a small grey image, blurred twice (a
tight dark core where the boards meet the floor, a wide faint skirt), and shown as
a grey texture on the room's floor, mapped onto the footprints; their outlines seen
from the front do the same on the back wall.  The floor and the wall are drawn
anyway, so a frame costs no more than two textured surfaces (no translucent pass);
the images are only painted again when a footprint or the room changes (a finish
or a note leaves them alone).  The numbers are plain numpy and PIL
(:func:`shadow_image`), the class only hands them to VTK.

Room axes: X along the wall, Y into the wall (fronts face -Y), Z up; mm.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from PIL import Image, ImageFilter

from app.ui.view import cast_shadow

FLOOR_TEXELS = 256          # texels along the longer side of the floor shadow
WALL_TEXELS = 256
MM_MARGIN = 450.0           # the shadow's quad reaches this far beyond the footprints
CORE_BLUR_MM = 22.0         # the dark line where the furniture meets the floor
SKIRT_BLUR_MM = 110.0       # the faint skirt around it
CORE_STRENGTH = 0.7         # darkness of each, 0..1 (multiplied into the floor's colour)
SKIRT_STRENGTH = 0.45
WALL_STRENGTH = 0.22        # the wall only gets a faint skirt: light comes from the front
WALL_BLUR_MM = 90.0
CAST_TEXELS = 1024          # the key light's cast shadow (high-quality pictures) needs a finer image


def shadow_image(boxes: np.ndarray, extent: tuple[float, float, float, float], texels: int,
                 layers: tuple[tuple[float, float], ...]) -> np.ndarray:
    """An RGBA image (h, w, 4) of black with the blurred shadow of ``boxes`` as alpha.

    ``boxes`` (n, 4): u0, v0, u1, v1 rectangles in mm in the image's plane; ``extent``
    (u0, v0, u1, v1) what the image covers; ``layers`` (blur in mm, strength) are summed.
    Row 0 of the image is the highest v: pyvista turns an image's rows over into VTK's
    bottom-left texture origin, as it does for a picture read from a file.
    """
    u0, v0, _u1, _v1 = (float(v) for v in extent)
    per_mm, width, height = cast_shadow.texel_grid(extent, texels)
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


def shade_image(alpha: np.ndarray) -> np.ndarray:
    """The RGB texture that darkens a surface by ``alpha`` (0..255): VTK multiplies it by the surface's colour."""
    grey = 255 - alpha.astype(np.uint16)
    return np.repeat(grey[..., None], 3, axis=2).astype(np.uint8)


class ContactShadow:
    """Paints the shadow into the room's floor and back wall, as their textures.

    The shadow is not a translucent quad over the floor: a translucent prop costs every frame a
    pass of its own (measured: +14-22 % a frame under llvmpipe).  Instead the floor and the wall,
    which are drawn anyway, carry a grey texture that darkens them where the shadow falls, mapped
    so that it covers the footprint; beyond its extent the texture's clamped border is white, so
    the rest of the room keeps its plain colour.
    """

    def __init__(self, room):
        self.room = room
        self.enabled = True
        self.paints = 0                      # how often the images were painted (tests, bench)
        self.extents: dict[str, tuple[float, float, float, float]] = {}   # surface -> (u0, v0, u1, v1) mm
        self._key: bytes | None = None
        self._textures: dict[str, pv.Texture] = {}
        self.cast_direction: np.ndarray | None = None   # the key light's way (high-quality path), or none
        self._last: tuple[np.ndarray, float, float | None] | None = None

    def actors(self) -> list:
        return []   # it has none of its own: see the class's docstring

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        self._apply()

    def set_cast(self, direction) -> None:
        """Add the cast shadow of a light travelling along ``direction`` (None: the contact shadow only)."""
        self.cast_direction = None if direction is None else np.asarray(direction, dtype=float)
        self._key = None
        if self._last is not None:
            self.update(*self._last)

    def update(self, boxes: np.ndarray, floor_z: float, wall_y: float | None) -> None:
        """Shadows for the module boxes ``boxes`` (n, 6: x0 y0 z0 x1 y1 z1, room mm).

        The floor shadow is cast by what stands near the floor (within 150 mm: legs and
        plinths included), the wall shadow by everything, when there is a wall (``wall_y``).
        """
        boxes = np.asarray(boxes, dtype=float).reshape(-1, 6)
        self._last = (boxes, floor_z, wall_y)
        geometry = self.room.geometry
        room_key = () if geometry is None else (geometry.floor, geometry.back_wall)
        key = np.concatenate([np.round(boxes.ravel(), 1), [floor_z, -1 if wall_y is None else wall_y],
                              np.ravel(room_key)]).tobytes()
        if key == self._key:
            return
        self._key = key
        self._textures, self.extents = {}, {}
        if len(boxes) and geometry is not None:
            self.paints += 1
            standing = boxes[boxes[:, 2] <= floor_z + 150.0]
            lo, hi = boxes[:, :3].min(axis=0), boxes[:, 3:].max(axis=0)
            m = MM_MARGIN
            floor = (lo[0] - m, lo[1] - m, hi[0] + m, hi[1] + m)
            wall = (lo[0] - m, floor_z, hi[0] + m, hi[2] + m)
            cast = self.cast_direction
            floor_cast = wall_cast = None
            if cast is not None:   # the images reach as far as the cast shadow does
                floor_cast = cast_shadow.floor_polygons(boxes, cast, floor_z)
                x0, y0, x1, _y1 = cast_shadow.reach(floor_cast)
                far = (min(floor[0], x0 - m), min(floor[1], y0 - m), max(floor[2], x1 + m), floor[3])
                floor, wall = far, (far[0], wall[1], far[2], wall[3])
                if wall_y is not None:
                    wall_cast = cast_shadow.wall_polygons(boxes, cast, wall_y)
            texels = CAST_TEXELS if cast is not None else FLOOR_TEXELS
            self._paint("floor", standing[:, [0, 1, 3, 4]], floor, texels,
                        ((CORE_BLUR_MM, CORE_STRENGTH), (SKIRT_BLUR_MM, SKIRT_STRENGTH)), floor_cast)
            if wall_y is not None:
                self._paint("wall", boxes[:, [0, 2, 3, 5]], wall, CAST_TEXELS if cast is not None else WALL_TEXELS,
                            ((WALL_BLUR_MM, WALL_STRENGTH),), wall_cast)
        self._apply()

    def _paint(self, name: str, rects: np.ndarray, extent, texels: int, layers, cast=None) -> None:
        alpha = shadow_image(rects, extent, texels, layers)[..., 3].astype(float) / 255.0
        if cast is not None:   # two shadows darken as two filters do, never past black
            alpha = 1.0 - (1.0 - alpha) * (1.0 - cast_shadow.shadow_alpha(cast, extent, texels))
        texture = pv.Texture(shade_image(np.clip(alpha * 255.0, 0, 255)))
        texture.interpolate = True
        texture.repeat = False
        texture.SetEdgeClamp(True)   # beyond the image: its white border, the surface's own colour
        self._textures[name] = texture
        self.extents[name] = tuple(float(v) for v in extent)

    def _apply(self) -> None:
        """Put the shadow textures on the floor and the wall (or take them off), mapped onto their extents."""
        for name, actor, axes in (("floor", self.room.floor, (0, 1)), ("wall", self.room.back, (0, 2))):
            texture = self._textures.get(name) if self.enabled else None
            if texture is None:
                if actor.texture is not None:
                    actor.texture = None
                continue
            u0, v0, u1, v1 = self.extents[name]
            mesh = pv.wrap(actor.mapper.GetInput())   # the unit square the actor scales and moves
            world = np.asarray(mesh.points) * np.array(actor.scale) + np.array(actor.position)
            mesh.active_texture_coordinates = np.column_stack([(world[:, axes[0]] - u0) / (u1 - u0),
                                                               (world[:, axes[1]] - v0) / (v1 - v0)])
            actor.texture = texture
