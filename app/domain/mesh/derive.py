"""Derive a module's parts (its cut list) from the pieces of its cleaned mesh.

Each piece of the mesh (a glTF node, an OBJ object or group) is measured at the
reference size.  A piece is a *panel* when its smallest extent is the thickness
of one of the catalog's materials (within ``limits.mesh_parts_tolerance``) and
its middle extent is at least ``limits.min_part_width``; every panel becomes a
part, and other pieces (legs, handles, rails) none.  A part's

- length runs along the piece's longest extent, its width along the middle one,
  the material's thickness along the smallest;
- ``at`` corner and its length and width are formulas of the module's size
  parameters that follow the stretch zones: stretching maps each coordinate
  ``c`` of an axis linearly in the axis' size ``T`` (:mod:`app.domain.mesh.stretch`),
  ``c' = c + b * (T - R)`` with ``R`` the reference size and ``b`` the share of
  the axis' zones below ``c`` (minus 1 on the y axis, anchored at the back,
  y = 0).  So a piece's start and end are ``a + b * (T - R)`` and its extent
  the difference; ``T`` is the axis' size formula (``width``);
- role comes from where it is: vertical panels across x (sides, dividers) and
  horizontal ones at the very bottom or top are ``carcass``, a panel across y
  at the front is ``front`` (a door module's leaf is its whole depth), one at
  the back ``back``, a horizontal one inside ``shelf``;
- material is the catalog's first material of that thickness, preferring the
  kinds the role is usually made of (HDF for backs, MDF for fronts, melamine
  chipboard for the carcass).

The designer confirms or edits name, role and material (:class:`DerivedPart` is
plain data); what cannot be derived (hardware, labour) the designer fills in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.stretch import axis_knots

AXES = "xyz"
# Kinds of board each role is usually made of, best first (any other kind of the right thickness follows).
ROLE_KINDS: dict[str, tuple[str, ...]] = {
    "carcass": ("mfc", "chipboard", "plywood", "mdf"),
    "shelf": ("mfc", "chipboard", "plywood", "mdf"),
    "top": ("mfc", "solid_wood", "plywood", "chipboard"),
    "base": ("mfc", "chipboard", "mdf"),
    "back": ("hdf", "mdf"),
    "front": ("mdf", "mfc", "plywood"),
    "drawer_box": ("mfc", "plywood"),
}
PART_ROLES = tuple(ROLE_KINDS)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")

Box = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class DerivedPart:
    """A part derived from one mesh piece, as it will be written into ``[[parts]]``."""

    piece: str                                  # the mesh piece it comes from
    name: str
    role: str
    material: str
    thickness: float                            # mm, the piece's smallest extent
    length: str                                 # formula
    width: str                                  # formula
    at: dict[str, str]                          # x, y, z formulas; length, width axes
    reference: tuple[float, float, float]       # length, width, thickness at the reference size
    notes: tuple[str, ...] = ()
    # Per axis, its start and end as (constant, coefficient) of the axis' size: start = c + b * T.
    span: dict[str, tuple[tuple[float, float], tuple[float, float]]] = field(default_factory=dict, compare=False)
    thin: str = ""                              # the axis of its thickness
    finish: str = "module"                      # a material slot's own finish (a white back), else the module's

    def edited(self, name: str | None = None, role: str | None = None, material: str | None = None) -> DerivedPart:
        return replace(self, name=self.name if name is None else name, role=self.role if role is None else role,
                       material=self.material if material is None else material)


@dataclass(frozen=True)
class Derivation:
    parts: list[DerivedPart] = field(default_factory=list)
    others: list[str] = field(default_factory=list)   # pieces that are no panel, with why


def piece_boxes(vertices: np.ndarray, faces: np.ndarray, face_part: np.ndarray,
                part_names: Sequence[str]) -> list[tuple[str, Box]]:
    """Each named piece with its box (x0, y0, z0, x1, y1, z1); linear in the triangles (a file may
    have thousands of nodes: a pass per piece over every triangle would take minutes)."""
    count = len(part_names)
    lo = np.full((count, 3), np.inf)
    hi = np.full((count, 3), -np.inf)
    if len(faces):
        corners = np.asarray(vertices, dtype=float)[np.asarray(faces)]      # (M, 3 corners, 3 axes)
        np.minimum.at(lo, np.asarray(face_part), corners.min(axis=1))
        np.maximum.at(hi, np.asarray(face_part), corners.max(axis=1))
    out = []
    for index, name in enumerate(part_names):
        if np.isfinite(lo[index]).all():
            a, b = lo[index], hi[index]
            out.append((name, (float(a[0]), float(a[1]), float(a[2]), float(b[0]), float(b[1]), float(b[2]))))
    return out


def tidy(value: float) -> float | int:
    value = round(float(value), 3)
    return int(value) if value == int(value) else value


def _coefficient(coord: float, axis: str, reference: Sequence[float],
                 zones: Mapping[str, Sequence[Sequence[float]]]) -> float:
    """``b`` in ``c' = c + b * (T - R)``: how the coordinate moves per mm the axis' size grows."""
    i = AXES.index(axis)
    size = float(reference[i])
    lo, hi = (-size, 0.0) if axis == "y" else (0.0, size)
    step = max(size, 1.0)
    axis_zones = [(float(a), float(b)) for a, b in zones.get(axis, [])]
    old, new = axis_knots(lo, hi, axis_zones, size + step, anchor_high=(axis == "y"))
    moved = float(np.interp(coord, old, new))
    return round((moved - coord) / step, 6)


def linear_formula(constant: float, coefficient: float, size: str | None) -> str:
    """``constant + coefficient * size`` as a person writes it: "width - 18", "-depth", "0.5 * width"."""
    if size is None or abs(coefficient) < 1e-9:
        return str(tidy(constant))
    term = size if _NAME.match(size) else f"({size})"
    if abs(coefficient - 1) < 1e-9:
        text = term
    elif abs(coefficient + 1) < 1e-9:
        text = f"-{term}"
    else:
        text = f"{round(coefficient, 6):g} * {term}"   # 6 places: off by under a micrometre per metre
    c = tidy(constant)
    if c == 0:
        return text
    return f"{text} + {c}" if c > 0 else f"{text} - {tidy(-c)}"


def _guess_role(box: Box, thin: str, reference: Sequence[float], thickness: float, tolerance: float) -> str:
    _w, d, h = (float(v) for v in reference)
    if thin == "y":
        if box[1] <= -d + tolerance:       # its face is the module's front (a door module is all front)
            return "front"
        if box[4] >= -thickness - tolerance:
            return "back"
        return "carcass"
    if thin == "z" and tolerance < box[2] and box[5] < h - tolerance:
        return "shelf"
    return "carcass"


def _guess_name(role: str, box: Box, thin: str, reference: Sequence[float], tolerance: float) -> str:
    w, _d, _h = (float(v) for v in reference)
    if role == "carcass" and thin == "x":
        if box[0] <= tolerance:
            return "Side left"
        if box[3] >= w - tolerance:
            return "Side right"
        return "Divider"
    if role == "carcass" and thin == "z":
        return "Bottom" if box[2] <= tolerance else "Top"
    return role.capitalize()


def guess_material(catalog: Catalog, thickness: float, role: str, tolerance: float) -> str | None:
    """The catalog's first material ``thickness`` thick, of a kind the role is usually made of if any."""
    fitting = [mid for mid, m in catalog.materials.items() if abs(float(m.thickness) - thickness) <= tolerance]
    kinds = ROLE_KINDS.get(role, ())
    ranked = sorted(fitting, key=lambda mid: kinds.index(catalog.materials[mid].kind)
                    if catalog.materials[mid].kind in kinds else len(kinds))
    return ranked[0] if ranked else None


def derive_parts(catalog: Catalog, pieces: Sequence[tuple[str, Box]], reference: Sequence[float],
                 zones: Mapping[str, Sequence[Sequence[float]]],
                 size_formulas: Mapping[str, str | None]) -> Derivation:
    """The parts the panels among ``pieces`` (boxes at ``reference`` size, origin at the back-left-bottom
    corner) make, with formulas in ``size_formulas`` (axis -> the formula of the module's size along it, or
    None where the size is fixed)."""
    limits = catalog.info.limits
    tolerance, min_width = float(limits.mesh_parts_tolerance), float(limits.min_part_width)
    thicknesses = sorted({float(m.thickness) for m in catalog.materials.values()})
    derivation = Derivation()
    names: dict[str, int] = {}
    for piece, box in pieces:
        extents = [box[3 + i] - box[i] for i in range(3)]
        order = sorted(range(3), key=lambda i: (extents[i], i))
        thin, middle, long = (AXES[i] for i in order)
        thinnest, width_mm, length_mm = (extents[i] for i in order)
        board = next((t for t in thicknesses if abs(thinnest - t) <= tolerance), None)
        if board is None:
            derivation.others.append(f"'{piece}' ({_mm(extents)} mm): its smallest extent {thinnest:g} mm is "
                                     "no board thickness of the catalog")
            continue
        if width_mm < min_width:
            derivation.others.append(f"'{piece}' ({_mm(extents)} mm): narrower than the {min_width:g} mm the saw "
                                     "cuts")
            continue
        role = _guess_role(box, thin, reference, thinnest, tolerance)
        material = guess_material(catalog, thinnest, role, tolerance)
        assert material is not None  # a board of this thickness exists
        starts: dict[str, tuple[float, float]] = {}
        ends: dict[str, tuple[float, float]] = {}
        for i, axis in enumerate(AXES):
            for coord, store in ((box[i], starts), (box[3 + i], ends)):
                b = _coefficient(coord, axis, reference, zones) if size_formulas.get(axis) else 0.0
                store[axis] = (coord - b * float(reference[i]), b)   # constant + b * T
        formulas = {}
        for axis in AXES:
            formulas[axis] = linear_formula(*starts[axis], size_formulas.get(axis))
        extent = {axis: (ends[axis][0] - starts[axis][0], ends[axis][1] - starts[axis][1]) for axis in AXES}
        notes = []
        if abs(extent[thin][1]) > 1e-9:
            notes.append(f"its thickness ({thin}) lies in a stretch zone: the mesh's board would stretch")
        base = _guess_name(role, box, thin, reference, tolerance)
        names[base] = names.get(base, 0) + 1
        name = base if names[base] == 1 else f"{base} {names[base]}"
        derivation.parts.append(DerivedPart(
            piece=piece, name=name, role=role, material=material, thickness=float(tidy(board)),
            length=linear_formula(*extent[long], size_formulas.get(long)),
            width=linear_formula(*extent[middle], size_formulas.get(middle)),
            at={**formulas, "length": long, "width": middle},
            reference=(float(tidy(length_mm)), float(tidy(width_mm)), float(tidy(thinnest))), notes=tuple(notes),
            span={axis: (starts[axis], ends[axis]) for axis in AXES}, thin=thin))
    _number_first(derivation.parts)
    return derivation


def derive_opening(parts: Sequence[DerivedPart], reference: Sequence[float],
                   size_formulas: Mapping[str, str | None]) -> dict[str, str] | None:
    """A carcass's ``[opening]`` (the inner box offered to inserts) from its derived panels: between the
    outermost panels across x (the sides) and across z (bottom and top), from the front (y = -depth) to
    the front face of the back panel (or y = 0 without one).  None without two sides, a bottom and a top."""
    size = {axis: float(reference[i]) for i, axis in enumerate(AXES)}

    def value(form: tuple[float, float], axis: str) -> float:
        return form[0] + form[1] * size[axis]

    sides = [p for p in parts if p.thin == "x" and p.role == "carcass" and p.span]
    flats = [p for p in parts if p.thin == "z" and p.role in ("carcass", "base", "top") and p.span]
    backs = [p for p in parts if p.thin == "y" and p.role == "back" and p.span]
    if len(sides) < 2 or len(flats) < 2:
        return None
    left = min(sides, key=lambda p: value(p.span["x"][0], "x")).span["x"][1]
    right = max(sides, key=lambda p: value(p.span["x"][1], "x")).span["x"][0]
    bottom = min(flats, key=lambda p: value(p.span["z"][0], "z")).span["z"][1]
    top = max(flats, key=lambda p: value(p.span["z"][1], "z")).span["z"][0]
    back = min((p.span["y"][0] for p in backs), key=lambda form: value(form, "y"), default=(0.0, 0.0))
    front = (0.0, -1.0) if size_formulas.get("y") else (-size["y"], 0.0)   # y = -depth
    if value(right, "x") <= value(left, "x") or value(top, "z") <= value(bottom, "z"):
        return None

    def minus(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
        return a[0] - b[0], a[1] - b[1]

    return {"x": linear_formula(*left, size_formulas.get("x")), "y": linear_formula(*back, size_formulas.get("y")),
            "z": linear_formula(*bottom, size_formulas.get("z")),
            "width": linear_formula(*minus(right, left), size_formulas.get("x")),
            "height": linear_formula(*minus(top, bottom), size_formulas.get("z")),
            "depth": linear_formula(*minus(back, front), size_formulas.get("y"))}


def _number_first(parts: list[DerivedPart]) -> None:
    """'Shelf' and 'Shelf 2' become 'Shelf 1' and 'Shelf 2'."""
    bases = {p.name.rsplit(" ", 1)[0] for p in parts if p.name.rsplit(" ", 1)[-1].isdigit()}
    for index, part in enumerate(parts):
        if part.name in bases:
            parts[index] = replace(part, name=f"{part.name} 1")


def _mm(values: Sequence[float]) -> str:
    return " x ".join(str(tidy(v)) for v in values)


def parts_toml(parts: Sequence[DerivedPart]) -> list[str]:
    """The ``[[parts]]`` tables of ``parts``, as TOML lines."""
    lines: list[str] = []
    for part in parts:
        at = ", ".join(f"{key} = {_quote(part.at[key])}" for key in ("x", "y", "z", "length", "width"))
        lines += ["", f"[[parts]]       # mesh piece '{_comment(part.piece)}', "
                      f"{_mm(part.reference)} mm at the reference size",
                  f"name = {_quote(part.name)}", f"role = {_quote(part.role)}",
                  f"length = {_quote(part.length)}", f"width = {_quote(part.width)}",
                  f"material = {_quote(part.material)}", 'grain = "length"', f"at = {{ {at} }}"]
        if part.finish != "module":   # its material slot's own finish (issue 19)
            lines.insert(len(lines) - 2, f"finish = {_quote(part.finish)}")
    return lines


def _comment(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)[:60]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


__all__ = ["PART_ROLES", "Derivation", "DerivedPart", "derive_opening", "derive_parts", "guess_material",
           "linear_formula", "parts_toml", "piece_boxes"]
