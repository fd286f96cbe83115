"""Read one line of a module's recipe at given formula names.

A module type's ``[[parts]]`` and ``[[hardware]]`` lines name their material or
item directly (``"mfc18"``) or through an option parameter (``material``,
``handle``), and give sizes and quantities as formulas.  These helpers turn one
line into plain values, in the single way :mod:`app.domain.production.parts` (the parts
expansion) and :mod:`app.domain.production.hinges` (door leaves) both need.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import MAX_QUANTITY, HardwareItem, HardwareUse, Material, Part
from app.domain.production.quantities import size_mm


class RecipeError(ValueError):
    """A recipe line that cannot be read at these values; the message says which and why."""


def chosen(name: str, env: Mapping[str, object]) -> str:
    """The catalog id a recipe line names: itself, or the value of the parameter of that name."""
    value = env.get(name)
    return str(value) if isinstance(value, str) else name


def part_material(catalog: Catalog, part: Part, env: Mapping[str, object]) -> tuple[str, Material]:
    material_id = chosen(part.material, env)
    material = catalog.materials.get(material_id)
    if material is None:
        raise RecipeError(f"part '{part.name}': unknown material '{material_id}'")
    return material_id, material


def part_size(part: Part, env: Mapping[str, object]) -> tuple[Decimal, Decimal]:
    """Finished length (along the grain) and width of one piece, to 0.1 mm."""
    length, width = size_mm(part.length.number(env)), size_mm(part.width.number(env))
    if length <= 0 or width <= 0:
        raise RecipeError(f"part '{part.name}' would be {length} x {width} mm; a size must be positive")
    return length, width


def part_count(part: Part, env: Mapping[str, object]) -> int:
    return whole_pieces(part.qty.number(env), f"part '{part.name}'")


def hardware_item(catalog: Catalog, use: HardwareUse, env: Mapping[str, object]) -> tuple[str, HardwareItem]:
    item_id = chosen(use.item, env)
    item = catalog.hardware.get(item_id)
    if item is None:
        raise RecipeError(f"hardware '{use.item}': unknown item '{item_id}'")
    return item_id, item


def hardware_applies(use: HardwareUse, env: Mapping[str, object]) -> bool:
    return use.when is None or bool(use.when.evaluate(env))


def whole_pieces(value: float, what: str) -> int:
    """A count of pieces: a fraction is rounded up (half a hinge is a hinge); a negative, or more
    than :data:`~app.domain.catalog.model.MAX_QUANTITY` (a slip that would hang the cut list), refused."""
    if value < -1e-9:
        raise RecipeError(f"{what}: quantity {value:g} is negative")
    if value > MAX_QUANTITY:
        raise RecipeError(f"{what}: quantity {value:g} is more than the {MAX_QUANTITY} pieces one line may give")
    count = int(value)
    return count + 1 if value - count > 1e-9 else count
