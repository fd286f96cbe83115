"""Parts expansion: what each placed module is made of, from its catalog recipe.

Public API (no Qt, no files; everything from the catalog at the module's values):

``module_parts(catalog, state) -> ModuleParts``
    One resolved module (a :class:`~app.domain.design.layout.ModuleState` from
    ``Layout(catalog, design).state(id)``): its panels, hardware lines, labour
    minutes, door leaves and masses.
``design_parts(catalog, design, layout=None, cache=None) -> list[ModuleParts]``
    Every module of a design, in design order.  Raises :class:`PartsError`
    naming the module when one cannot be expanded.
``PartsCache``
    Remembers expansions by content (type, finish, every formula value), so a
    design re-expanded after an edit only evaluates the modules that changed.

:class:`Panel`: ``count`` identical pieces of one ``[[parts]]`` line:
``length`` (along the grain) x ``width`` finished, ``cut_length`` x ``cut_width``
(finished minus the banding on the opposite edges where the catalog part says
``finished_size = true``: W1/W2 banding shortens the length, L1/L2 the width),
``thickness``, ``material``, ``finish`` (a finish id or ``"none"``), ``grain``
(the part's grain direction where its material or its finish has a grain, else
``"none"``: see :func:`grain_bound`), ``edges`` (edge -> banding id), ``mass_kg``
per piece (finished size x thickness x density).  Sizes are
:class:`~decimal.Decimal` millimetres to 0.1 mm.

:class:`HardwareLine`: ``item`` (hardware id), ``qty`` (whole pieces, or metres
to the millimetre for items sold by the metre), ``unit``, ``finish`` (the finish
id it is ordered in: the module's for a ``[[hardware]]`` line with ``finish =
"module"``, else the line's or the item's own; ``""`` for none).

:class:`ModuleParts`: ``panels``, ``hardware``, ``labour_minutes``, ``leaves``
(:class:`~app.domain.production.hinges.DoorLeaf` with weight and hinge count, for doors),
``panel_kg``, ``hardware_kg`` and ``mass_kg``.  Masses are exact decimals in kg;
labour minutes are rounded to 0.01 min.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.formulas import FormulaError
from app.domain.catalog.model import PIECE_INDEX, EdgeName, ModuleType, Part
from app.domain.design.design import Design
from app.domain.design.layout import ContentKey, Layout, LayoutError, ModuleState
from app.domain.production.hinges import DoorLeaf, derived_names, door_leaves
from app.domain.production.quantities import CENT, MILLIMETRE, MM2_PER_M2, MM3_PER_M3, dec, round_to
from app.domain.production.recipe import (
    RecipeError,
    hardware_applies,
    hardware_item,
    part_count,
    part_material,
    part_size,
    whole_pieces,
)

NO_FINISH = "none"
EDGE_ORDER = ("L1", "L2", "W1", "W2")


class PartsError(ValueError):
    """A module whose parts cannot be worked out; the message names it and says why."""


class BoardPiece:
    """What a board piece knows from its sizes (shared by a module's panels and the merged part rows)."""

    length: Decimal
    width: Decimal
    thickness: Decimal
    cut_length: Decimal
    cut_width: Decimal
    density: Decimal
    edges: tuple[tuple[str, str], ...]

    @property
    def edge_map(self) -> dict[str, str]:
        return dict(self.edges)

    @property
    def mass_kg(self) -> Decimal:
        """One piece: finished length x width x thickness x density (banding not counted)."""
        return self.length * self.width * self.thickness * self.density / MM3_PER_M3

    @property
    def cut_area_m2(self) -> Decimal:
        """One piece's share of the board: cut length x cut width."""
        return self.cut_length * self.cut_width / MM2_PER_M2


Box = tuple[float, float, float, float, float, float]   # x0, y0, z0, x1, y1, z1 in mm, module frame


@dataclass(frozen=True)
class Panel(BoardPiece):
    """``count`` identical pieces of one ``[[parts]]`` line of a module."""

    name: str
    role: str
    count: int
    length: Decimal            # finished, along the grain, mm
    width: Decimal             # finished, mm
    thickness: Decimal         # mm
    material: str
    finish: str                # finish id, or "none"
    grain: str                 # "length", "width" or "none": the part's, where material or finish has grain
    edges: tuple[tuple[str, str], ...]   # (edge, banding id) in L1 L2 W1 W2 order
    finished_size: bool
    cut_length: Decimal
    cut_width: Decimal
    density: Decimal           # kg/m3
    # Where each piece is: its box in the module's frame, and the axes its length and width run along
    # (empty for a part the catalog does not locate).  Not part of what makes two panels the same.
    boxes: tuple[Box, ...] = field(default=(), compare=False)
    axes: tuple[str, str, str] = field(default=("", "", ""), compare=False)   # length, width, thickness
    hinges: tuple[str, ...] = ()   # per piece: 'left' or 'right' for a hinged front, else empty


@dataclass(frozen=True)
class HardwareLine:
    item: str
    qty: Decimal               # pieces, or metres for unit "m"
    unit: str
    finish: str = ""           # the finish id it is ordered in, "" for none


@dataclass(frozen=True)
class ModuleParts:
    module_id: str
    type_id: str
    finish: str
    panels: tuple[Panel, ...]
    hardware: tuple[HardwareLine, ...]
    labour_minutes: Decimal
    leaves: tuple[DoorLeaf, ...]
    panel_kg: Decimal
    hardware_kg: Decimal

    @property
    def mass_kg(self) -> Decimal:
        return self.panel_kg + self.hardware_kg


def banding_thickness(catalog: Catalog, edges: Mapping[EdgeName, str], *names: EdgeName) -> Decimal:
    return sum((dec(catalog.edgebands[edges[n]].thickness) for n in names if n in edges), Decimal(0))


def grain_bound(catalog: Catalog, material_id: str, finish: str) -> bool:
    """Whether parts of this board in this finish must keep their grain along the sheet: the material
    has a grain (birch plywood), or the finish does (an oak decor on chipboard)."""
    material = catalog.materials.get(material_id)
    decor = catalog.finishes.get(finish)
    return bool((material is not None and material.grain) or (decor is not None and decor.grain))


def _panel(catalog: Catalog, part: Part, env: Mapping[str, object], module_finish: str) -> Panel:
    length, width = part_size(part, env)
    material_id, material = part_material(catalog, part, env)
    finish = module_finish if part.finish == "module" else part.finish
    grain = part.grain if grain_bound(catalog, material_id, finish) else "none"
    edges = {e: part.edges[e] for e in EDGE_ORDER if e in part.edges}
    for band in edges.values():
        if band not in catalog.edgebands:
            raise RecipeError(f"part '{part.name}': unknown edge banding '{band}'")
    cut_length, cut_width = length, width
    if part.finished_size:
        # W1/W2 sit on the ends of the length, L1/L2 along it (on the width's ends).
        cut_length = length - banding_thickness(catalog, edges, "W1", "W2")
        cut_width = width - banding_thickness(catalog, edges, "L1", "L2")
    if cut_length <= 0 or cut_width <= 0:
        raise RecipeError(f"part '{part.name}': cut size {cut_length} x {cut_width} mm is not positive")
    count = part_count(part, env)
    thickness = dec(material.thickness)
    boxes, axes = _located(part, env, count, (length, width, thickness))
    return Panel(part.name, part.role, count, length, width, thickness,
                 material_id, finish, grain, tuple(edges.items()), part.finished_size,
                 cut_length, cut_width, dec(material.density), boxes, axes, _hinges(part, env, count))


def _located(part: Part, env: Mapping[str, object], count: int,
             sizes: tuple[Decimal, Decimal, Decimal]) -> tuple[tuple[Box, ...], tuple[str, str, str]]:
    """Each piece's box in the module frame, from the part's placement (none when it has none)."""
    at = part.at
    if at is None:
        return (), ("", "", "")
    axes = (at.length, at.width, at.thickness)
    extent = {axis: float(size) for axis, size in zip(axes, sizes)}
    boxes = []
    for index in range(count):
        names = {**env, PIECE_INDEX: index}
        corner = (at.x.number(names), at.y.number(names), at.z.number(names))
        boxes.append((*corner, corner[0] + extent["x"], corner[1] + extent["y"], corner[2] + extent["z"]))
    return tuple(boxes), axes


def _hinges(part: Part, env: Mapping[str, object], count: int) -> tuple[str, ...]:
    """'left' or 'right' per piece of a hinged front."""
    if part.hinge is None:
        return ()
    sides = []
    for index in range(count):
        side = part.hinge.evaluate({**env, PIECE_INDEX: index})
        if side not in ("left", "right"):
            raise RecipeError(f"part '{part.name}': hinge '{part.hinge.source}' gives {side!r}, "
                              f"expected 'left' or 'right'")
        sides.append(str(side))
    return tuple(sides)


def _hardware(catalog: Catalog, mtype: ModuleType, env: Mapping[str, object],
              module_finish: str) -> list[HardwareLine]:
    lines = []
    for use in mtype.hardware:
        if not hardware_applies(use, env):
            continue
        item_id, item = hardware_item(catalog, use, env)
        finish = module_finish if use.finish == "module" else (use.finish or item.finish or "")
        value = use.qty.number(env)
        if item.unit == "m":
            if value < 0:
                raise RecipeError(f"hardware '{item_id}': quantity {value:g} m is negative")
            qty = round_to(dec(value), MILLIMETRE)
        else:
            qty = Decimal(whole_pieces(value, f"hardware '{item_id}'"))
        if qty:
            lines.append(HardwareLine(item_id, qty, item.unit, finish))
    return lines


def expand(catalog: Catalog, mtype: ModuleType, env: Mapping[str, object], module_id: str,
           finish: str) -> ModuleParts:
    """Expand one module type at these formula values (``env`` as in :func:`module_env`)."""
    module_finish = finish or mtype.default_finish
    if module_finish not in catalog.finishes:
        raise PartsError(f"module '{module_id}' ({mtype.id}): unknown finish '{module_finish}'")
    try:
        leaves = door_leaves(catalog, mtype, env)
        names = dict(env)
        names.update(derived_names(catalog, mtype, env, leaves))
        panels = tuple(p for p in (_panel(catalog, part, names, module_finish) for part in mtype.parts) if p.count)
        hardware = tuple(_hardware(catalog, mtype, names, module_finish))
        # A hundredth of a minute: "8 + width / 300" must not print 15 digits on the workshop's papers.
        labour = round_to(dec(mtype.labour_minutes.number(names)), CENT)
    except (RecipeError, FormulaError) as exc:
        raise PartsError(f"module '{module_id}' ({mtype.id}): {exc}") from None
    for panel in panels:
        if panel.finish != NO_FINISH and panel.finish not in catalog.finishes:
            raise PartsError(f"module '{module_id}' ({mtype.id}): part '{panel.name}' has unknown finish "
                             f"'{panel.finish}'")
    panel_kg = sum((p.mass_kg * p.count for p in panels), Decimal(0))
    hardware_kg = sum((line.qty * dec(catalog.hardware[line.item].mass_kg) for line in hardware), Decimal(0))
    return ModuleParts(module_id, mtype.id, module_finish, panels, hardware, labour, leaves, panel_kg, hardware_kg)


def module_parts(catalog: Catalog, state: ModuleState) -> ModuleParts:
    """The parts of one resolved placed module."""
    module = state.module
    return expand(catalog, state.mtype, state.env, module.id, module.finish)


class PartsCache:
    """Expansions by content: equal modules (same type, finish and values) are expanded once.

    Keep one per catalog (it holds results computed from that catalog).  Entries
    are small; the cache forgets everything once it holds ``limit`` of them.
    """

    def __init__(self, catalog: Catalog, limit: int = 20_000):
        self.catalog = catalog
        self.limit = limit
        self._entries: MutableMapping[ContentKey, ModuleParts] = {}
        # (module id, content) -> the expansion under that id
        self._named: MutableMapping[tuple[str, ContentKey], ModuleParts] = {}

    def parts(self, state: ModuleState) -> ModuleParts:
        module = state.module
        key = state.content_key
        cached = self._entries.get(key)
        if cached is None:
            if len(self._entries) >= self.limit:
                self._entries.clear()
            cached = module_parts(self.catalog, state)
            self._entries[key] = cached
        if cached.module_id == module.id:
            return cached
        # Equal modules share one expansion; each id gets its copy once (edits keep ids, so this is rare).
        named = self._named.get((module.id, key))
        if named is None:
            named = self._named[(module.id, key)] = replace(cached, module_id=module.id)
            if len(self._named) > self.limit:
                self._named.clear()
        return named

    def __len__(self) -> int:
        return len(self._entries)

    def scratch(self) -> PartsCache:
        """A cache that reads this one and keeps its own additions apart (trial designs of a search:
        thrown away with the scratch cache instead of filling this one)."""
        layer = PartsCache(self.catalog, self.limit)
        layer._entries = ChainMap({}, self._entries)
        layer._named = ChainMap({}, self._named)
        return layer


def value_problems(catalog: Catalog, design: Design) -> list[str]:
    """Parameter values the catalog cannot evaluate (an option it does not offer, text for a number).

    One message per value, naming the module and the parameter, so a hand-edited
    design file gets every mistake reported at once instead of the first failure.
    """
    found = []
    for module in design:
        mtype = catalog.modules.get(module.type_id)
        if mtype is None:
            found.append(f"module '{module.id}': catalog '{catalog.id}' has no module type '{module.type_id}'")
            continue
        for name, value in module.params.items():
            param = mtype.params.get(name)
            if param is None or param.from_host is not None:
                continue
            if param.options is not None and value not in param.options:
                found.append(f"module '{module.id}' ({mtype.id}), parameter '{name}': {value!r} is not one of "
                             f"{param.options}")
            elif param.options is None and (isinstance(value, (str, bool)) or not isinstance(value, (int, float))):
                found.append(f"module '{module.id}' ({mtype.id}), parameter '{name}': {value!r} is not a number")
    return found


def design_parts(catalog: Catalog, design: Design, layout: Layout | None = None,
                 cache: PartsCache | None = None) -> list[ModuleParts]:
    """Every module's parts, in design order."""
    layout = layout if layout is not None else Layout(catalog, design)
    found = []
    for module_id in design.ids():
        try:
            state = layout.state(module_id)
        except (LayoutError, KeyError, ValueError) as exc:
            raise PartsError(str(exc)) from None
        found.append(cache.parts(state) if cache is not None else module_parts(catalog, state))
    return found

