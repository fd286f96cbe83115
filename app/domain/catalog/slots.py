"""Material slots: which finish each piece of a module mesh is drawn in (issue 19, materials per piece).

A module mesh keeps its pieces apart (glTF nodes, OBJ objects and groups).  The
catalog's ``[slots.<id>]`` (materials.toml) are the kinds of piece a module has,
carcass, front, back, glass, metal ..., each with a finish: ``"module"`` (what
the customer chose for the module) or a fixed finish id (a white back, clear
glass, brushed steel).  A module entry's ``slots`` table puts each of its pieces
into a slot; a piece it does not list is drawn in the module's finish, as every
piece was before slots.

:func:`piece_looks` is what the 3D view asks, one :class:`PieceLook` per mesh
piece: the finish and how it looks (opacity, highlight, reflection).  Qt-free
and VTK-free, so the view, thumbnails and exports resolve a piece alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Finish, MaterialSlot, ModuleType

MODULE_FINISH = "module"


@dataclass(frozen=True)
class PieceLook:
    """How one mesh piece is drawn: its finish, and whether that is the slot's own (not the customer's)."""

    finish: str                     # a finish id (unknown ids are the caller's fallback colour)
    fixed: bool                     # the slot's own finish: a change of the module's finish leaves it
    opacity: float = 1.0
    specular: float | None = None   # None: the view's usual board look
    reflection: float = 0.0         # for the high-quality path: the strength of a mirrored window's sheen

    @property
    def see_through(self) -> bool:
        return self.opacity < 1.0


def slot_of(catalog: Catalog, mtype: ModuleType, piece: str) -> MaterialSlot | None:
    """The slot a piece of ``mtype``'s mesh is in, or None (the module's finish)."""
    slot_id = mtype.slots.get(piece)
    return catalog.slots.get(slot_id) if slot_id is not None else None


def look_of(finish_id: str, finish: Finish | None, fixed: bool) -> PieceLook:
    if finish is None:
        return PieceLook(finish_id, fixed)
    return PieceLook(finish_id, fixed, finish.opacity, finish.specular, finish.reflection)


def piece_looks(catalog: Catalog, mtype: ModuleType, module_finish: str, pieces: Sequence[str]) -> list[PieceLook]:
    """Per mesh piece (in the order of ``pieces``, the mesh's part names), its finish and look."""
    looks = []
    for piece in pieces:
        slot = slot_of(catalog, mtype, piece)
        if slot is None or slot.finish == MODULE_FINISH:
            looks.append(look_of(module_finish, catalog.finishes.get(module_finish), False))
        else:
            looks.append(look_of(slot.finish, catalog.finishes.get(slot.finish), True))
    return looks


def has_fixed_slots(catalog: Catalog, mtype: ModuleType) -> bool:
    """Whether some piece of ``mtype`` is drawn in a finish of its own (the view then splits the body)."""
    return any((slot := catalog.slots.get(s)) is not None and slot.finish != MODULE_FINISH
               for s in mtype.slots.values())
