"""Stretch a module mesh from its reference size to a placed size, by zones.

The catalog marks, per axis, the intervals of the reference mesh that may stretch;
everything outside them keeps its size.  So an 18 mm side panel stays 18 mm when
a cabinet gets wider, a chamfer stays 2 mm, legs keep their diameter.  The extra
(or missing) length is shared among an axis's zones in proportion to their
lengths, which keeps two equal door leaves equal.  The mapping is piecewise
linear, so flat faces stay flat and the mesh stays closed.

Pure numpy: used by the 3D view, thumbnails, the GLB export and the tests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

Zones = Sequence[tuple[float, float]]

AXES = "xyz"


class StretchError(ValueError):
    """The target size is smaller than the parts of the mesh that keep their size."""


def axis_knots(lo: float, hi: float, zones: Zones, target: float, anchor_high: bool) -> tuple[np.ndarray, np.ndarray]:
    """Old and new breakpoints of the piecewise-linear map along one axis.

    ``lo..hi`` is the reference extent; ``anchor_high`` keeps ``hi`` in place (the
    y axis, whose origin is the back face at y=0), otherwise ``lo`` stays.
    """
    reference = hi - lo
    zones = [(max(a, lo), min(b, hi)) for a, b in zones if b > lo and a < hi]
    stretchable = sum(b - a for a, b in zones)
    fixed = reference - stretchable
    old = [lo]
    for a, b in zones:
        old.extend([a, b])
    old.append(hi)
    old_knots = np.array(old, dtype=float)
    if not zones or stretchable <= 0:
        if abs(target - reference) < 1e-9:
            return old_knots, old_knots.copy()
        factor = target / reference  # no zones: scale uniformly
        new_knots = (old_knots - (hi if anchor_high else lo)) * factor + (hi if anchor_high else lo)
        return old_knots, new_knots
    if target < fixed - 1e-9:
        raise StretchError(f"size {target:g} mm is smaller than the {fixed:g} mm that must keep its size")
    factor = (target - fixed) / stretchable
    lengths = np.diff(old_knots)
    # Segments alternate fixed, zone, fixed, zone, ... , fixed.
    new_lengths = np.array([length * factor if i % 2 == 1 else length for i, length in enumerate(lengths)])
    start = (hi - target) if anchor_high else lo
    new_knots = start + np.concatenate([[0.0], np.cumsum(new_lengths)])
    return old_knots, new_knots


def stretch_vertices(vertices: np.ndarray, reference_size: Sequence[float], target_size: Sequence[float],
                     zones: Mapping[str, Zones]) -> np.ndarray:
    """Map ``vertices`` (N x 3) of a mesh made at ``reference_size`` to ``target_size``."""
    vertices = np.asarray(vertices, dtype=float)
    out = vertices.copy()
    w, d, h = reference_size
    extents = {"x": (0.0, w), "y": (-d, 0.0), "z": (0.0, h)}
    for i, axis in enumerate(AXES):
        lo, hi = extents[axis]
        old, new = axis_knots(lo, hi, zones.get(axis, ()), float(target_size[i]), anchor_high=(axis == "y"))
        if np.array_equal(old, new):
            continue
        coords = vertices[:, i]
        mapped = np.interp(coords, old, new)
        # Outside the reference extent (a mesh slightly off its box) move rigidly with the nearest end.
        below, above = coords < old[0], coords > old[-1]
        mapped[below] = new[0] + (coords[below] - old[0])
        mapped[above] = new[-1] + (coords[above] - old[-1])
        out[:, i] = mapped
    return out
