"""Which units and which up axis a mesh file was made in, with the reason for each guess.

Modulor works in millimetres with Z up (docs/coordinates-and-meshes.md).  Files
come in metres, millimetres or inches, Y up or Z up, and often do not say.  The
guesses, strongest evidence first:

units
  1. the file says so: glTF scene/asset/mesh extras ``"units"``, trimesh's units
     of a format that records them, a file name such as ``counter.unitsmm.STL``
     or ``door_mm.obj``, an STL header that names a unit;
  2. it measures what the catalog entry being updated says (its reference size);
  3. the format's rule: glTF positions are metres (glTF 2.0 specification);
  4. its size: of millimetres, centimetres, metres and inches, the unit that makes
     it closest to this catalog's module sizes; when another unit also gives a size
     furniture has (within :data:`PLAUSIBLE_FACTOR` of the catalog's modules), the
     guess is *ambiguous* and the designer must say (``--units``; the window asks).
up axis
  1. glTF extras ``"up"``;  2. the format's convention: glTF is Y up by its
  specification, OBJ is written Y up by Blender, Maya and 3ds Max, STL and PLY are
  written Z up by CAD programs and Blender;  then, checked against the mesh
  (:func:`check_up`): the catalog entry's reference size, when updating, and the
  proportions furniture has (its depth is not its largest side): a mesh that the
  convention lays on its back is read the other way up, with a *lying down*
  warning the designer must answer (``--up``).

Each guess says where it came from so the designer knows what to confirm.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# Millimetres per unit.
UNITS: dict[str, float] = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4, "ft": 304.8}
UNIT_NAMES = {"mm": "millimetres", "cm": "centimetres", "m": "metres", "in": "inches", "ft": "feet"}
# A guess from the size alone picks among the units furniture files really come in.
SIZE_GUESS_UNITS = ("mm", "cm", "m", "in")
# A unit is plausible when it makes the largest side no more than this many times smaller or larger
# than the catalog's typical module (Linea: about 230 to 2100 mm; a catalog's tallest assembly counts
# as plausible too).  Two plausible units make the guess ambiguous: 60 units is a 600 mm cabinet in
# centimetres and a 1524 mm one in inches, and only the designer knows which.
PLAUSIBLE_FACTOR = 3.0
# A standing module's depth is not its largest side by more than this: a cabinet read the wrong way
# up lies on its back (its height becomes its depth).
LYING_DEPTH_RATIO = 1.2
# Spellings, lower case, of each unit that are safe to read anywhere in a file name.
_LONG_NAMES = {
    "mm": ("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
    "cm": ("cm", "centimeter", "centimeters", "centimetre", "centimetres"),
    "m": ("meter", "meters", "metre", "metres"),
    "in": ("inch", "inches"),
    "ft": ("feet", "foot"),
}
# Short names ("m", "in", "ft") only count right after "unit(s)": "built-in" is not inches.
_SHORT_NAMES = {"m": "m", "in": "in", "ft": "ft", "inch": "in"}
# A reference size "matches" a unit when every dimension is within this ratio of it.
REFERENCE_MATCH_RATIO = 1.02
# Rotation taking a Y-up file to Z up: +90 degrees about X, (x, y, z) -> (x, -z, y).
# glTF's front (+Z, towards the viewer) becomes Modulor's front (-Y), its up (+Y) becomes +Z.
Y_UP_TO_Z_UP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, -1.0], [0.0, 1.0, 0.0]])
UP_CONVENTIONS = {
    "glb": ("Y", "glTF files are Y up by the glTF specification"),
    "gltf": ("Y", "glTF files are Y up by the glTF specification"),
    "obj": ("Y", "OBJ has no up axis; Blender, Maya and 3ds Max write OBJ files Y up"),
    "stl": ("Z", "STL has no up axis; CAD programs and Blender write STL files Z up"),
    "ply": ("Z", "PLY has no up axis; CAD programs and Blender write PLY files Z up"),
}


@dataclass(frozen=True)
class Guess:
    """A value ("mm", "Y" ...), where it came from and why, in words for the designer."""

    value: str
    source: str   # "file", "catalog", "format", "size", "proportions", "designer"
    reason: str
    # Other values as plausible as ``value`` (units: a size furniture has in each): the designer must say.
    alternatives: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return bool(self.alternatives)

    @property
    def certain(self) -> bool:
        """True when the file (or the designer) said so; otherwise the designer should confirm it."""
        return self.source in ("file", "designer")


def unit_code(text: str) -> str | None:
    """"mm", "m", "in", "cm" or "ft" for a unit name ("millimeters", "Inches", "mm" ...), else None."""
    word = str(text).strip().lower().rstrip(".")
    for code, names in _LONG_NAMES.items():
        if word in names:
            return code
    if word in _SHORT_NAMES:
        return _SHORT_NAMES[word]
    try:  # trimesh knows more spellings ("millimeter", "1.0 * inches" ...)
        from trimesh.units import unit_conversion

        factor = unit_conversion(word, "millimeters")
    except Exception:
        return None
    for code, mm in UNITS.items():
        if math.isclose(factor, mm, rel_tol=1e-9):
            return code
    return None


def unit_in_text(text: str) -> tuple[str, str] | None:
    """(unit, the words that say it) from a file name or header, e.g. 'counter.unitsmm.STL' -> ('mm', 'unitsmm')."""
    lowered = text.lower()
    for match in re.finditer(r"units?[\s_\-.=:]*([a-z]+)", lowered):
        word = match.group(1)
        code = _SHORT_NAMES.get(word) or next((c for c, names in _LONG_NAMES.items() if word in names), None)
        if code:
            return code, match.group(0)
    for word in re.split(r"[^a-z]+", lowered):
        for code, names in _LONG_NAMES.items():
            if word in names:
                return code, word
    return None


def _fmt(values: Sequence[float] | np.ndarray) -> str:
    return " x ".join(f"{v:.6g}" for v in values)


def _declared_units(metadata: Mapping[str, Any], fmt: str) -> Guess | None:
    for key, where in (("gltf_scene_extras", "the scene extras"), ("gltf_asset_extras", "the asset extras")):
        extras = metadata.get(key) or {}
        if "units" in extras:
            code = unit_code(extras["units"])
            if code:
                return Guess(code, "file", f"{where} say \"units\": \"{extras['units']}\"")
    mesh_units = metadata.get("gltf_mesh_units") or []
    codes = {code for code in map(unit_code, mesh_units) if code is not None}
    if len(codes) == 1:
        code = codes.pop()
        return Guess(code, "file", f"the mesh extras say \"units\": \"{mesh_units[0]}\"")
    if metadata.get("trimesh_units"):
        code = unit_code(metadata["trimesh_units"])
        if code:
            return Guess(code, "file", f"the {fmt.upper()} file records its units as '{metadata['trimesh_units']}'")
    found = unit_in_text(metadata.get("file_name", ""))
    if found:
        return Guess(found[0], "file", f"the file name says \"{found[1]}\"")
    header = metadata.get("stl_header")
    if header:
        found = unit_in_text(header)
        if found:
            return Guess(found[0], "file", f"the STL header says \"{found[1]}\"")
    return None


def _matches_reference(extents: np.ndarray, reference: Sequence[float]) -> str | None:
    """The unit in which the sorted extents match the sorted reference size, or None."""
    ref = np.sort(np.asarray(reference, dtype=float))
    ext = np.sort(np.asarray(extents, dtype=float))
    if np.any(ext <= 0) or np.any(ref <= 0):
        return None
    for code, mm in UNITS.items():
        ratio = ext * mm / ref
        if np.all(ratio <= REFERENCE_MATCH_RATIO) and np.all(ratio >= 1 / REFERENCE_MATCH_RATIO):
            return code
    return None


def plausible_range(typical_mm: float, tallest_mm: float | None = None) -> tuple[float, float]:
    """The largest side (mm) a module of this catalog plausibly has: a size furniture has."""
    high = typical_mm * PLAUSIBLE_FACTOR
    return typical_mm / PLAUSIBLE_FACTOR, max(high, tallest_mm or 0.0)


def guess_units(metadata: Mapping[str, Any], fmt: str, extents: Sequence[float], typical_mm: float,
                reference_size: Sequence[float] | None = None, tallest_mm: float | None = None) -> Guess:
    """The units of a file whose bounding box measures ``extents`` (in its own units)."""
    declared = _declared_units(metadata, fmt)
    if declared is not None:
        return declared
    sizes = np.asarray(extents, dtype=float)
    if reference_size is not None:
        code = _matches_reference(sizes, reference_size)
        if code:
            return Guess(code, "catalog", f"in {UNIT_NAMES[code]} it measures the catalog entry's reference "
                                          f"size, {_fmt(reference_size)} mm")
    if fmt in ("glb", "gltf"):
        return Guess("m", "format", "the file does not say; glTF positions are metres by the glTF specification")
    largest = float(sizes.max()) if sizes.size else 0.0
    if largest <= 0:
        return Guess("mm", "size", "the file does not say and the mesh has no size to judge by")
    # The unit that brings the largest dimension closest (on a log scale) to this catalog's modules.
    scored = sorted(SIZE_GUESS_UNITS, key=lambda c: abs(math.log10(largest * UNITS[c] / typical_mm)))
    best = scored[0]
    low, high = plausible_range(typical_mm, tallest_mm)
    plausible = [c for c in scored if low <= largest * UNITS[c] <= high]
    others = ", ".join(f"{largest * UNITS[c]:.4g} mm in {UNIT_NAMES[c]}" for c in scored[1:])
    if best in plausible and len(plausible) > 1:
        said = " or ".join(f"{largest * UNITS[c]:.4g} mm in {UNIT_NAMES[c]}" for c in plausible)
        return Guess(best, "size", f"the file does not say, and its largest side, {largest:.4g} units, is a "
                                   f"furniture size in more than one unit: {said}",
                     alternatives=tuple(plausible[1:]))
    return Guess(best, "size", f"the file does not say; its largest side, {largest:.4g} units, is "
                               f"{largest * UNITS[best]:.4g} mm in {UNIT_NAMES[best]} ({others}); "
                               f"the catalog's modules measure about {typical_mm:.0f} mm")


def guess_up(metadata: Mapping[str, Any], fmt: str) -> Guess:
    for key, where in (("gltf_scene_extras", "the scene extras"), ("gltf_asset_extras", "the asset extras")):
        extras = metadata.get(key) or {}
        axis = str(extras.get("up", "")).strip().upper().lstrip("+").replace("_UP", "").replace("-UP", "")
        if axis in ("Y", "Z"):
            return Guess(axis, "file", f"{where} say \"up\": \"{extras['up']}\"")
    axis, reason = UP_CONVENTIONS.get(fmt, ("Z", "the format has no up axis; Modulor's is Z"))
    return Guess(axis, "format", reason)


def size_with_up(extents: Sequence[float], up: str) -> np.ndarray:
    """Width, depth and height of a box measuring ``extents`` in the file's axes, read with ``up``."""
    x, y, z = (float(v) for v in extents)
    return np.array([x, z, y]) if up == "Y" else np.array([x, y, z])


def lies_down(size: Sequence[float] | np.ndarray) -> bool:
    """Whether a module of this width x depth x height lies on its back: its depth is its largest side,
    clearly more than its height (a cabinet standing is taller or wider than it is deep)."""
    width, depth, height = (float(v) for v in size)
    return depth > width and depth > LYING_DEPTH_RATIO * height


def check_up(guess: Guess, extents_mm: Sequence[float], reference_size: Sequence[float] | None,
             tolerance_mm: float) -> tuple[Guess, bool]:
    """The up axis after checking ``guess`` against the mesh, and whether the guess laid it down.

    ``extents_mm``: the box in the file's axes, in mm.  A file that says its up axis (or the
    designer) is believed.  Otherwise, when updating an entry, the up axis in which the mesh measures
    the entry's reference size wins; else, when the guess lays the module on its back and the other
    axis stands it up, the other axis is taken and the second value is True: a *lying down* warning
    the designer must answer.
    """
    if guess.certain:
        return guess, False
    other = "Z" if guess.value == "Y" else "Y"
    as_guessed, turned = size_with_up(extents_mm, guess.value), size_with_up(extents_mm, other)
    if reference_size is not None:
        expected = np.asarray(reference_size, dtype=float)
        fits = bool(np.all(np.abs(as_guessed - expected) <= tolerance_mm))
        if not fits and np.all(np.abs(turned - expected) <= tolerance_mm):
            return Guess(other, "catalog", f"in {other} up it measures the catalog entry's reference "
                                           f"size, {_fmt(expected)} mm ({guess.value} up, as {guess.reason}, "
                                           f"it would measure {_fmt(np.round(as_guessed, 1))} mm)"), False
        if fits:
            return guess, False
    if lies_down(as_guessed) and not lies_down(turned):
        return Guess(other, "proportions", f"{guess.reason}, but read {guess.value} up it lies on its back "
                                           f"({_fmt(np.round(as_guessed, 1))} mm, deeper than it is wide or "
                                           f"tall); read {other} up it stands "
                                           f"({_fmt(np.round(turned, 1))} mm)"), True
    return guess, False


def to_modulor(vertices: np.ndarray, unit: str, up: str) -> np.ndarray:
    """Vertices in millimetres, Z up (a Y-up file turned +90 degrees about X)."""
    out = np.asarray(vertices, dtype=float) * UNITS[unit]
    if up == "Y":
        out = out @ Y_UP_TO_Z_UP.T
    return out


def module_size_mm(reference_sizes: Sequence[Sequence[float]]) -> float | None:
    """The typical largest side of a catalog's modules (geometric mean), or None without modules."""
    largest = [max(size) for size in reference_sizes if len(size) and max(size) > 0]
    if not largest:
        return None
    return float(math.exp(sum(math.log(v) for v in largest) / len(largest)))
