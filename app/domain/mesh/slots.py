"""The material slot of each piece of an imported mesh: guessed, then confirmed by the designer.

A piece is put in the catalog's slot (``[slots.<id>]`` in materials.toml) whose
``words`` appear in its name or its material's name (``door_glass``, a Blender
material "Glass.001"), slots that are no board (glass, metal) first; failing
that, in the slot whose ``role`` is the role its position gives the derived part
(a 3 mm panel at the back is a back); else in the first slot drawn in the
module's finish without a role (the carcass).  No catalog id is named here:
the words, roles and finishes are the catalog's.

The slot then drives the part derived from the piece (:func:`apply_slot`): its
role, the kinds of board preferred for its material, its finish, and for a slot
that is no board, no part at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import MaterialSlot
from app.domain.catalog.slots import MODULE_FINISH
from app.domain.mesh.derive import DerivedPart, guess_material


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z]+", text.lower()) if w]


def _named(slot: MaterialSlot, names: Sequence[str]) -> bool:
    """Whether one of the slot's words is a word of (or starts a word of) one of ``names``."""
    found = [w for name in names for w in _words(name)]
    return any(word == w or (len(word) >= 4 and w.startswith(word)) for word in slot.words for w in found)


def default_slot(catalog: Catalog) -> str | None:
    """The slot of a piece nothing else places: the first drawn in the module's finish without a role."""
    return next((sid for sid, s in catalog.slots.items() if s.finish == MODULE_FINISH and s.role is None),
                next(iter(catalog.slots), None))


def guess_slot(catalog: Catalog, piece: str, material: str = "", role: str | None = None) -> str | None:
    """The slot for mesh piece ``piece`` (its material's name, the role of the part derived from it)."""
    if not catalog.slots:
        return None
    named = [sid for sid, slot in catalog.slots.items() if _named(slot, [piece, material])]
    if named:   # glass and metal before boards: "door_glass" is glass, not a door
        return sorted(named, key=lambda sid: (catalog.slots[sid].board, catalog.slots[sid].role is None))[0]
    if role is not None:
        by_role = next((sid for sid, slot in catalog.slots.items() if slot.role == role), None)
        if by_role is not None:
            return by_role
    return default_slot(catalog)


def guess_slots(catalog: Catalog, pieces: Sequence[str], materials: Sequence[str],
                roles: Mapping[str, str]) -> dict[str, str]:
    """Every piece's slot (pieces in the mesh's order; ``roles``: derived part roles by piece)."""
    found = {}
    for index, piece in enumerate(pieces):
        slot = guess_slot(catalog, piece, materials[index] if index < len(materials) else "", roles.get(piece))
        if slot is not None:
            found[piece] = slot
    return found


def apply_slot(catalog: Catalog, part: DerivedPart, slot_id: str | None) -> DerivedPart | None:
    """``part`` as its piece's slot makes it (role, material kind, finish); None when the slot is no board."""
    slot = catalog.slots.get(slot_id) if slot_id is not None else None
    if slot is None:
        return part
    if not slot.board:
        return None
    role = slot.role or part.role
    material = part.material
    if slot.kinds and catalog.materials[material].kind not in slot.kinds:
        tolerance = float(catalog.info.limits.mesh_parts_tolerance)
        for kind in slot.kinds:
            better = next((mid for mid, m in catalog.materials.items()
                           if m.kind == kind and abs(float(m.thickness) - part.thickness) <= tolerance), None)
            if better is not None:
                material = better
                break
    elif role != part.role:
        material = guess_material(catalog, part.thickness, role, float(catalog.info.limits.mesh_parts_tolerance)) \
            or material
    finish = part.finish if slot.finish == MODULE_FINISH else slot.finish
    return replace(part, role=role, material=material, finish=finish)
