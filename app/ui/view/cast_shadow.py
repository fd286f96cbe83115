"""The key light's cast shadow for the high-quality path, painted on the floor and the back wall.

VTK's shadow-map pass does not work here (under llvmpipe every lit face showed shadow
acne, and its shaders fail for line actors, see docs/rendering.md), so the high-quality
picture draws the shadow the way planar shadows are drawn: each module's box is
projected along the key light's direction onto the floor and onto the wall, the
projections are filled as polygons and blurred into a soft-edged shadow.  A ray from a
box's corner reaches the floor first where its floor point lies in front of the wall,
and the wall first otherwise, so the floor image (which ends at the wall) and the wall
image (which starts at the floor) together show the shadow once.  Boxes shadow the room,
not each other (the ambient occlusion darkens where units meet).

Plain numpy and PIL; room axes as everywhere (X along the wall, Y into it, Z up; mm).
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

BLUR_MM = 30.0        # the penumbra of a key light the size of a window
STRENGTH = 0.4        # how much of the floor's light the shadow takes: about the key light's share of it


def _corners(box: np.ndarray) -> np.ndarray:
    x0, y0, z0, x1, y1, z1 = box
    return np.array([(x, y, z) for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)], dtype=float)


def _hull(points: np.ndarray) -> np.ndarray:
    """The convex hull of 2D ``points``, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(map(tuple, np.round(points, 6))))
    if len(pts) <= 2:
        return np.array(pts)

    def half(seq):
        out: list[tuple[float, float]] = []
        for p in seq:
            while len(out) >= 2 and ((out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                                     - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(reversed(pts))
    return np.array(lower[:-1] + upper[:-1])


def _projected(boxes: np.ndarray, direction, axis: int, plane: float) -> list[np.ndarray]:
    """Per box, its shadow on the plane where coordinate ``axis`` is ``plane``: a polygon of the
    other two coordinates (in axis order), mm."""
    d = np.asarray(direction, dtype=float)
    others = [a for a in range(3) if a != axis]
    polygons = []
    for box in np.asarray(boxes, dtype=float).reshape(-1, 6):
        c = _corners(box)
        t = (plane - c[:, axis]) / d[axis]   # how far each corner's ray runs to the plane
        polygons.append(_hull((c + t[:, None] * d)[:, others]))
    return polygons


def floor_polygons(boxes: np.ndarray, direction, floor_z: float) -> list[np.ndarray]:
    """Per box, its shadow on the floor plane z = ``floor_z`` as a polygon of (x, y), mm.

    ``direction``: the way the light travels (its z negative: from above).
    """
    return _projected(boxes, direction, 2, floor_z)


def wall_polygons(boxes: np.ndarray, direction, wall_y: float) -> list[np.ndarray]:
    """Per box, its shadow on the wall plane y = ``wall_y`` as a polygon of (x, z), mm (the light's y > 0)."""
    return _projected(boxes, direction, 1, wall_y)


def texel_grid(extent: tuple[float, float, float, float], texels: int) -> tuple[float, int, int]:
    """(texels per mm, width, height) of a shadow image over ``extent`` with ``texels`` along its longer side.

    The contact shadow and the cast shadow use the same grid, so their images combine texel by texel.
    """
    u0, v0, u1, v1 = (float(v) for v in extent)
    size_u, size_v = max(u1 - u0, 1.0), max(v1 - v0, 1.0)
    per_mm = texels / max(size_u, size_v)
    return per_mm, max(2, round(size_u * per_mm)), max(2, round(size_v * per_mm))


def shadow_alpha(polygons: list[np.ndarray], extent: tuple[float, float, float, float], texels: int,
                 blur_mm: float = BLUR_MM, strength: float = STRENGTH) -> np.ndarray:
    """Alpha (h, w) in 0..1 of the filled, blurred ``polygons`` over ``extent`` (u0, v0, u1, v1), row 0 at v1.

    Rows run from the highest v down, as :func:`app.ui.view.contact_shadow.shadow_image`'s do.
    """
    u0, _v0, _u1, v1 = (float(v) for v in extent)
    per_mm, width, height = texel_grid(extent, texels)
    picture = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(picture)
    for polygon in polygons:
        if len(polygon) < 3:
            continue
        pixels = [((u - u0) * per_mm, (v1 - v) * per_mm) for u, v in polygon]
        draw.polygon(pixels, fill=255)
    blurred = picture.filter(ImageFilter.GaussianBlur(radius=float(max(blur_mm * per_mm, 0.5))))
    return np.asarray(blurred, dtype=float) / 255.0 * strength


def reach(polygons: list[np.ndarray]) -> np.ndarray:
    """(u0, v0, u1, v1): how far ``polygons`` reach, mm (for the image's extent)."""
    points = np.concatenate([p for p in polygons if len(p)] or [np.zeros((1, 2))])
    return np.concatenate([points.min(axis=0), points.max(axis=0)])
