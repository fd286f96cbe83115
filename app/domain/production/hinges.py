"""Door leaves, their weight, and how many hinges each needs from the catalog's hinge table.

The number of hinges on a door is not a formula of its height alone: it depends
on the leaf's weight and height (Blum: 2 hinges for 4-6 kg, 3 for 6-12 kg ...).
The catalog gives that as ``[limits.doors] hinge_table`` rows
``{max_door_weight_kg, max_door_height, hinges}``; a module's hardware line asks
for the result through the derived formula name ``hinges_per_leaf``::

    [[hardware]]
    item = "hinge_110"
    qty = "2 * hinges_per_leaf"      # a double door: two leaves

How it is derived, for a module whose hardware formulas use ``hinges_per_leaf``
(a *hinged* module):

* its leaves are its parts with role ``front``; a leaf's hinge side is the part's
  ``length`` (a door's length runs along its height);
* leaf weight = finished length x width x thickness x density of the part's
  material, plus its share of the module's handles: the mass of the hardware
  lines whose item is of kind ``handle`` divided by the number of leaves;
* a leaf's hinges = the smallest ``hinges`` of the rows whose
  ``max_door_weight_kg`` and ``max_door_height`` the leaf does not exceed; a leaf
  beyond every row gets the largest count of the table and ``within_table`` False
  (the rules engine reports such a door);
* ``hinges_per_leaf`` is the largest count over the module's leaves.

The catalog loader allows ``hinges_per_leaf`` only in ``[[hardware]]`` formulas
of modules with a front part, and not in a handle's line (its mass decides the
weight, so it cannot depend on it).  Everything here is pure: no Qt, no files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.formulas import Formula
from app.domain.catalog.model import HardwareUse, HingeRule, ModuleType
from app.domain.production.quantities import MM3_PER_M3, dec
from app.domain.production.recipe import chosen, hardware_applies, part_count, part_material, part_size

HINGES_PER_LEAF = "hinges_per_leaf"
DERIVED_NAMES = frozenset({HINGES_PER_LEAF})
LEAF_ROLE = "front"
HANDLE_KIND = "handle"


@dataclass(frozen=True)
class DoorLeaf:
    """One door leaf of a hinged module (a double door has two equal ones)."""

    part: str                 # the catalog part's name
    count: int                # leaves of this part in the module
    height: Decimal           # mm: the part's length, its hinge side
    width: Decimal            # mm
    panel_kg: Decimal         # the board alone, exact
    handle_kg: Decimal        # its share of the module's handles
    hinges: int
    within_table: bool        # False: heavier or taller than every row of the hinge table

    @property
    def weight_kg(self) -> Decimal:
        return self.panel_kg + self.handle_kg


def uses_derived(formula: Formula | None) -> bool:
    return formula is not None and bool(formula.names & DERIVED_NAMES)


def is_hinged(mtype: ModuleType) -> bool:
    """True when a hardware line of the module counts hinges from the hinge table."""
    return any(uses_derived(u.qty) or uses_derived(u.when) for u in mtype.hardware)


def hinge_count(table: Sequence[HingeRule], weight_kg: Decimal, height_mm: Decimal) -> tuple[int, bool]:
    """(hinges, within_table) for a leaf of this weight and height."""
    fitting = [row.hinges for row in table
               if weight_kg <= dec(row.max_door_weight_kg) and height_mm <= dec(row.max_door_height)]
    if fitting:
        return min(fitting), True
    return max(row.hinges for row in table), False


def is_handle_line(catalog: Catalog, mtype: ModuleType, use: HardwareUse) -> bool:
    """True when the line's item is a handle, or an option parameter that may choose one."""
    param = mtype.params.get(use.item)
    options = [str(o) for o in param.options] if param is not None and param.options else [use.item]
    return any(catalog.hardware[o].kind == HANDLE_KIND for o in options if o in catalog.hardware)


def handle_mass(catalog: Catalog, mtype: ModuleType, env: Mapping[str, object]) -> Decimal:
    """Mass of the handles the module carries at these values (kg)."""
    total = Decimal(0)
    for use in mtype.hardware:
        if not is_handle_line(catalog, mtype, use) or not hardware_applies(use, env):
            continue
        item = catalog.hardware.get(chosen(use.item, env))
        if item is not None and item.kind == HANDLE_KIND:
            total += dec(use.qty.number(env)) * dec(item.mass_kg)
    return total


def door_leaves(catalog: Catalog, mtype: ModuleType, env: Mapping[str, object]) -> tuple[DoorLeaf, ...]:
    """The leaves of a hinged module at these values (empty for any other module)."""
    if not is_hinged(mtype):
        return ()
    fronts = [(part, part_count(part, env)) for part in mtype.parts if part.role == LEAF_ROLE]
    leaf_count = sum(count for _, count in fronts)
    if not leaf_count:
        return ()
    handle_share = handle_mass(catalog, mtype, env) / leaf_count
    table = catalog.info.limits.doors.hinge_table
    leaves = []
    for part, count in fronts:
        if not count:
            continue
        length, width = part_size(part, env)
        _, material = part_material(catalog, part, env)
        panel = length * width * dec(material.thickness) * dec(material.density) / MM3_PER_M3
        hinges, within = hinge_count(table, panel + handle_share, length)
        leaves.append(DoorLeaf(part.name, count, length, width, panel, handle_share, hinges, within))
    return tuple(leaves)


def derived_names(catalog: Catalog, mtype: ModuleType, env: Mapping[str, object],
                  leaves: Sequence[DoorLeaf] | None = None) -> dict[str, float]:
    """The derived formula names of a module at these values (``hinges_per_leaf`` for hinged modules)."""
    if leaves is None:
        leaves = door_leaves(catalog, mtype, env)
    if not leaves:
        return {}
    return {HINGES_PER_LEAF: float(max(leaf.hinges for leaf in leaves))}


def allowed_in_hardware(mtype: ModuleType) -> frozenset[str]:
    """Derived names a module's ``[[hardware]]`` formulas may use (what the loader accepts)."""
    return DERIVED_NAMES if any(p.role == LEAF_ROLE for p in mtype.parts) else frozenset()
