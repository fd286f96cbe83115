"""Assembly instructions as data: the steps that build each unit, join the units, anchor and hang.

``assembly_plan(catalog, design, bom, extra_hardware=(), language="en", layout=None)
-> AssemblyPlan``

How the order is found (an ordered assembly of the located parts, after
Agrawala et al. 2003, reduced to what panel furniture with known joints needs):

1. **Each unit** (:mod:`.units`) is built in its root module's frame.  Its own
   boards come first, then what goes in it (shelves, drawers, a rail); every
   board of an insert with several boards (a drawer) is first built in the
   insert's own frame, then the insert goes in as one piece.  Among what is
   left, the next piece is the first in the order base, carcass, top, back,
   shelf, drawer box, front (horizontal boards first, then from the bottom, then
   from the left) that has a straight path into its place: it is tried along
   its role's usual direction (a back from behind, a shelf, a drawer or a front
   from the front), then along its thickness towards the middle of the
   assembly, then down from above, then every other axis, and the first
   direction in which nothing already placed blocks it (:mod:`.sweep`) is the
   one drawn.  A piece with no free path anywhere stops the plan with
   :class:`AssemblyError` naming it.
2. **Joining the units**: the built units are set in place in the room the
   same way (lowest first; down from above, a wall unit towards the wall).
3. **Wall anchor**: each kit the rules add (``extra_hardware``), with the
   rule's reason as a warning.
4. **Doors** (inserts with hinged fronts) are hung last, from the front, once
   every unit stands, and then adjusted.

Fittings: a module's connectors are shared out over the steps that join its
boards (by the number of boards each adds), or go with the step that fixes
the module when it is one board; an insert's other fittings go with the step
that puts it in, a wall unit's with hanging it, any other unit's with its last
build step.  Part numbers and labels are the BOM's (:mod:`..part_list`), so the
instructions and the workshop's labels agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.texts import CatalogTexts
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.bom import Bom
from app.domain.production.papers.sweep import AXIS, DIRECTIONS, group_clear
from app.domain.production.papers.units import Unit, module_world_box, to_frame, units, world_box
from app.domain.production.papers.words import Words
from app.domain.production.part_list import identity, part_numbers
from app.domain.production.parts import Box, HardwareLine, ModuleParts, Panel, design_parts
from app.domain.production.tally import ExtraHardware

ROLE_ORDER = ("base", "carcass", "top", "back", "shelf", "drawer_box", "front")
ROLE_DIRECTION = {"back": "-y", "shelf": "+y", "front": "+y"}
CONNECTOR = "connector"


class AssemblyError(ValueError):
    """No order of the located parts lets every part slide straight into place; names the part."""


@dataclass(frozen=True)
class PieceRef:
    number: str          # the BOM's part number
    label: str           # the BOM's label ("Bottom / Top")
    module_id: str
    box: Box             # in the step's frame


@dataclass(frozen=True)
class Move:
    pieces: tuple[PieceRef, ...]    # moving together (one board, or a built drawer)
    direction: str                  # "+y" ... (see sweep.py)
    name: str = ""                  # what moves when it is more than a board: "Drawer", "Unit 2"


@dataclass(frozen=True)
class Fitting:
    item: str
    label: str           # the BOM's hardware label in the plan's language (name, finish)
    kind: str
    qty: Decimal
    unit: str            # "pcs" or "m"


@dataclass
class Step:
    number: int
    title: str
    frame: str                       # 'unit:<id>', 'insert:<id>' or 'room': the boxes' frame
    moves: list[Move] = field(default_factory=list)
    placed: list[PieceRef] = field(default_factory=list)   # already there (grey in the picture)
    fittings: list[Fitting] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warning: str = ""
    shapes: list[Box] = field(default_factory=list)   # where a fitting with no board goes (a rail): drawn only

    @property
    def pieces(self) -> list[PieceRef]:
        return [p for move in self.moves for p in move.pieces]

    def part_counts(self) -> list[tuple[str, str, int]]:
        """(number, label, pieces) of the loose boards this step adds (a built drawer or unit moving
        as one is named by its move instead), in the order they go in."""
        counted = Counter((p.number, p.label) for move in self.moves if not move.name for p in move.pieces)
        return [(number, label, n) for (number, label), n in counted.items()]


@dataclass(frozen=True)
class Section:
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class AssemblyPlan:
    design_name: str
    design_id: str
    language: str
    sections: tuple[Section, ...]

    @property
    def steps(self) -> list[Step]:
        return [s for section in self.sections for s in section.steps]


@dataclass
class _Item:
    """Something the planner places: one board, or a built insert moving as one."""

    name: str
    pieces: tuple[PieceRef, ...]
    rank: tuple[float, ...]
    preferred: tuple[str, ...]
    module_id: str
    line: str = ""                   # the panel line it comes from (same line: same step)


class _Planner:
    def __init__(self, catalog: Catalog, design: Design, layout: Layout, bom: Bom,
                 extra: Sequence[ExtraHardware], language: str):
        self.catalog, self.design, self.layout, self.bom = catalog, design, layout, bom
        self.extra = extra
        self.words = Words(language)
        self.texts = CatalogTexts.load(catalog, language)
        self.modules = {m.module_id: m for m in design_parts(catalog, design, layout)}
        self.units = units(design)
        self.numbers = self._numbers()
        self.labels = {p.number: p.label for p in bom.parts}
        self.steps: list[Step] = []
        self.count = 0

    # ------------------------------------------------------------ parts and fittings
    def _numbers(self) -> dict[tuple[str, int, int], str]:
        """(module, panel line, piece) -> the BOM's part number (the same keys merge_parts numbers)."""
        keys = {}
        for module in self.modules.values():
            for line, panel in enumerate(module.panels):
                for piece in range(panel.count):
                    keys[(module.module_id, line, piece)] = identity(panel, panel.hinges[piece] if panel.hinges else "")
        numbers = part_numbers(keys.values())
        return {where: numbers[key] for where, key in keys.items()}

    def pieces(self, module_id: str, frame: str | None) -> list[tuple[Panel, int, PieceRef]]:
        """Every board piece of a module, its box in ``frame``'s module frame (its own when None)."""
        state = self.layout.state(module_id)
        target = self.layout.state(frame) if frame else None
        found = []
        for line, panel in enumerate(self.modules[module_id].panels):
            for piece, box in enumerate(panel.boxes):
                where = world_box(state, box)
                local = to_frame(target, where) if target is not None else box
                number = self.numbers[(module_id, line, piece)]
                found.append((panel, line, PieceRef(number, self.labels.get(number, panel.name), module_id, local)))
        return found

    def fitting(self, line: HardwareLine, qty: Decimal | None = None) -> Fitting:
        item = self.catalog.hardware[line.item]
        name = self.texts.hardware(line.item)
        label = f"{name}, {self.texts.finish(line.finish)}" if line.finish in self.catalog.finishes else name
        return Fitting(line.item, label, item.kind, line.qty if qty is None else qty, item.unit)

    def connectors(self, module_id: str) -> list[HardwareLine]:
        return [h for h in self.modules[module_id].hardware if self.catalog.hardware[h.item].kind == CONNECTOR]

    def others(self, module_id: str) -> list[HardwareLine]:
        return [h for h in self.modules[module_id].hardware if self.catalog.hardware[h.item].kind != CONNECTOR]

    def share_connectors(self, module_id: str, steps: Sequence[Step], fallback: Step) -> None:
        """The module's connectors over the steps that join its boards (all but the first), by boards added."""
        joining = [s for s in steps[1:] if any(p.module_id == module_id for p in s.pieces)]
        for line in self.connectors(module_id):
            if not joining:
                fallback.fittings.append(self.fitting(line))
                continue
            weights = [sum(1 for p in s.pieces if p.module_id == module_id) for s in joining]
            total, given, running = sum(weights), 0, 0
            for step, weight in zip(joining, weights, strict=True):
                running += weight
                upto = int(line.qty * running / total + Decimal("0.5")) if line.unit != "m" else 0
                share = upto - given
                given = upto
                if share:
                    step.fittings.append(self.fitting(line, Decimal(share)))

    # ------------------------------------------------------------------- ordering
    def new_step(self, title: str, frame: str) -> Step:
        self.count += 1
        step = Step(self.count, title, frame)
        self.steps.append(step)
        return step

    @staticmethod
    def centre(items: Iterable[_Item], placed: Iterable[PieceRef]) -> tuple[float, float, float]:
        boxes = [p.box for p in placed] + [p.box for item in items for p in item.pieces]
        if not boxes:
            return (0.0, 0.0, 0.0)
        return tuple((min(b[i] for b in boxes) + max(b[i + 3] for b in boxes)) / 2 for i in range(3))  # type: ignore[return-value]

    @staticmethod
    def candidates(item: _Item, centre: tuple[float, float, float], thickness_axis: str) -> list[str]:
        found = list(item.preferred)
        if thickness_axis == "z":
            found.append("-z")   # a horizontal board is laid in from above
        if thickness_axis:
            axis = AXIS[thickness_axis]
            box = item.pieces[0].box
            middle = (box[axis] + box[axis + 3]) / 2
            found += [("+" if middle < centre[axis] else "-") + thickness_axis]
        found += list(DIRECTIONS)
        return list(dict.fromkeys(found))

    def order(self, items: list[_Item], placed: list[PieceRef],
              thickness: dict[int, str]) -> list[tuple[_Item, str]]:
        """Greedy: the first item (by rank) with a free straight path goes in next."""
        left = sorted(items, key=lambda i: i.rank)
        centre = self.centre(left, placed)
        done: list[tuple[_Item, str]] = []
        fixed = list(placed)
        while left:
            for item in left:
                boxes = [p.box for p in item.pieces]
                free = next((d for d in self.candidates(item, centre, thickness.get(id(item), ""))
                             if group_clear(boxes, d, [p.box for p in fixed])), None)
                if free is not None:
                    done.append((item, free))
                    fixed.extend(item.pieces)
                    left.remove(item)
                    break
            else:
                names = ", ".join(f"{i.name} of module '{i.module_id}'" for i in left)
                raise AssemblyError(f"no straight path into place for {names}: something placed before "
                                    f"blocks every direction")
        return done

    def board_items(self, module_id: str, frame: str | None) -> tuple[list[_Item], dict[int, str]]:
        items, thickness = [], {}
        for panel, line, ref in self.pieces(module_id, frame):
            role = ROLE_ORDER.index(panel.role) if panel.role in ROLE_ORDER else len(ROLE_ORDER)
            box = ref.box
            flat = panel.axes[2] == "z" if panel.axes[2] else False
            item = _Item(panel.name, (ref,), (role, round(box[2]), 0 if flat else 1, line, box[0], box[1]),
                         (ROLE_DIRECTION[panel.role],) if panel.role in ROLE_DIRECTION else (), module_id,
                         f"{module_id}/{line}")
            items.append(item)
            # The thickness axis in the frame's terms: the box's thinnest side.
            sizes = [box[i + 3] - box[i] for i in range(3)]
            thickness[id(item)] = "xyz"[sizes.index(min(sizes))]
        return items, thickness

    def emit(self, ordered: list[tuple[_Item, str]], placed: list[PieceRef], frame: str,
             title: str) -> list[Step]:
        """One step per panel line placed in a row (the two sides of a carcass are one step)."""
        steps: list[Step] = []
        current = ""
        for item, direction in ordered:
            if not steps or item.line != current or not item.line:
                step = self.new_step(title.format(label=item.name), frame)
                step.placed = list(placed)
                steps.append(step)
                current = item.line
            steps[-1].moves.append(Move(item.pieces, direction))
            placed.extend(item.pieces)
        return steps

    # ---------------------------------------------------------------------- units
    def hinged(self, module_id: str) -> bool:
        return any(p.hinges for p in self.modules[module_id].panels)

    def one_board(self, unit: Unit) -> bool:
        """A unit that is a single board (a top across cabinets): it is fitted when it is set in place."""
        return not unit.inserts and sum(p.count for p in self.modules[unit.root].panels) == 1

    def build_unit(self, unit: Unit) -> tuple[Section, list[PieceRef]]:
        root = self.design.get(unit.root)
        name = self.texts.module_name(root.type_id)
        start = len(self.steps)
        frame = f"unit:{unit.root}"
        placed: list[PieceRef] = []
        items, thickness = self.board_items(unit.root, None)
        own = self.emit(self.order(items, placed, thickness), placed, frame,
                        self.words.get("fit_part", label="{label}"))
        for insert_id in sorted((m for m in unit.inserts if not self.hinged(m)),
                                key=lambda m: module_world_box(self.layout, m)[2]):
            self.put_in(unit, insert_id, placed)
        if not own and not self.steps[start:]:   # legs: fittings only
            self.new_step(self.words.get("fittings_only", name=name), frame)
        unit_steps = self.steps[start:]
        self.share_connectors(unit.root, own, unit_steps[-1] if unit_steps else self.steps[-1])
        if root.attach != "wall" and unit_steps:
            unit_steps[-1].fittings += [self.fitting(h) for h in self.others(unit.root)]
        title = self.words.get("build_unit", n=unit.number, name=name)
        return Section(title, tuple(unit_steps)), placed

    def put_in(self, unit: Unit, insert_id: str, placed: list[PieceRef]) -> None:
        module = self.design.get(insert_id)
        name = self.texts.module_name(module.type_id)
        boards = self.pieces(insert_id, None)
        built: list[Step] = []
        if len(boards) > 1:   # a drawer: build it in its own frame first
            sub: list[PieceRef] = []
            items, thickness = self.board_items(insert_id, None)
            built = self.emit(self.order(items, sub, thickness), sub, f"insert:{insert_id}",
                              self.words.get("build_insert", name=name) + ": {label}")
        in_unit = [ref for _panel, _line, ref in self.pieces(insert_id, unit.root)]
        item = _Item(name, tuple(in_unit), (0,), ("+y",), insert_id)
        moving = name if len(in_unit) > 1 else ""
        step = self.new_step(self.words.get("insert" if in_unit else "fittings_only", name=name),
                             f"unit:{unit.root}")
        step.placed = list(placed)
        if not in_unit:   # a rail: show where it goes (its module's box), it is no board to check
            step.shapes.append(to_frame(self.layout.state(unit.root), module_world_box(self.layout, insert_id)))
        if in_unit:
            direction = self.order([item], placed, {})[0][1]
            step.moves.append(Move(item.pieces, direction, moving))
            placed.extend(in_unit)
        self.share_connectors(insert_id, built, step)
        step.fittings += [self.fitting(h) for h in self.others(insert_id)]

    # ----------------------------------------------------------------------- room
    def join(self, built: dict[str, list[PieceRef]]) -> Section:
        placed: list[PieceRef] = []
        items = []
        for unit in self.units:
            refs = self.room_pieces(unit)
            box = module_world_box(self.layout, unit.root)
            preferred = ("+y",) if self.design.get(unit.root).attach == "wall" else ("-z",)
            items.append(_Item(str(unit.number), tuple(refs), (box[2], box[0]), preferred, unit.root))
        by_root = {u.root: u for u in self.units}
        steps = []
        done: list[Unit] = []
        for item, direction in self.order(items, placed, {}):
            unit = by_root[item.module_id]
            root = self.design.get(unit.root)
            step = self.new_step(self.words.get("place_unit", n=unit.number,
                                                name=self.texts.module_name(root.type_id)), "room")
            step.placed = list(placed)
            if item.pieces:
                step.moves.append(Move(item.pieces, direction, self.words.get("unit", n=unit.number)))
            placed.extend(item.pieces)
            if root.attach == "wall":
                step.notes.append(self.words.get("on_wall"))
                step.fittings += [self.fitting(h) for h in self.others(unit.root)]
            elif root.to is not None:
                host = next(u for u in self.units if root.to in u.members)
                step.notes.append(self.words.get("on_unit", n=host.number))
            else:
                step.notes.append(self.words.get("on_floor"))
            box = module_world_box(self.layout, unit.root)
            for other in done:
                if _side_by_side(box, module_world_box(self.layout, other.root)):
                    step.notes.append(self.words.get("beside", n=other.number))
            if self.one_board(unit):
                step.moves[-1:] = [Move(item.pieces, direction)]   # a loose board: listed with its number
                step.fittings += [self.fitting(h) for h in self.modules[unit.root].hardware]
            done.append(unit)
            steps.append(step)
        self.room_placed = placed
        return Section(self.words.get("joining"), tuple(steps))

    def room_pieces(self, unit: Unit) -> list[PieceRef]:
        refs = []
        for member in unit.members:
            if member != unit.root and self.hinged(member):
                continue
            state = self.layout.state(member)
            for panel, _line, ref in self.pieces(member, None):
                del panel
                refs.append(PieceRef(ref.number, ref.label, member, world_box(state, ref.box)))
        return refs

    def anchors(self) -> Section | None:
        steps = []
        for extra in self.extra:
            if extra.item not in self.catalog.hardware:
                continue
            unit = next((u for u in self.units if extra.module_id in u.members), self.units[0])
            step = self.new_step(self.words.get("anchor_step", n=unit.number), "room")
            step.placed = list(self.room_placed)
            item = self.catalog.hardware[extra.item]
            step.fittings.append(Fitting(extra.item, self.texts.hardware(extra.item), item.kind,
                                         Decimal(str(extra.qty)), item.unit))
            why = extra.note.split(": ", 1)[1] if ": " in extra.note else extra.note
            step.warning = self.words.get("anchor_warning", why=why[:1].upper() + why[1:])
            steps.append(step)
        return Section(self.words.get("anchor"), tuple(steps)) if steps else None

    def doors(self) -> Section | None:
        steps = []
        placed = list(self.room_placed)
        for unit in self.units:
            for member in unit.inserts:
                if not self.hinged(member):
                    continue
                state = self.layout.state(member)
                panels = self.modules[member].panels
                sides = sorted({side for p in panels for side in p.hinges})
                side = " / ".join(self.words.get(s) for s in sides)
                name = self.texts.module_name(self.design.get(member).type_id)
                step = self.new_step(self.words.get("hang_door", name=name, n=unit.number, side=side), "room")
                step.placed = list(placed)
                refs = tuple(PieceRef(r.number, r.label, member, world_box(state, r.box))
                             for _p, _l, r in self.pieces(member, None))
                item = _Item(name, refs, (0,), ("+y",), member)
                step.moves.append(Move(refs, self.order([item], placed, {})[0][1]))
                placed.extend(refs)
                step.fittings += [self.fitting(h) for h in self.modules[member].hardware]
                steps.append(step)
        if not steps:
            return None
        adjust = self.new_step(self.words.get("adjust"), "room")
        adjust.placed = placed
        adjust.notes.append(self.words.get("adjust_text"))
        return Section(self.words.get("doors"), (*steps, adjust))

    def plan(self) -> AssemblyPlan:
        sections = []
        built = {}
        for unit in self.units:
            if self.one_board(unit):
                continue
            section, placed = self.build_unit(unit)
            sections.append(section)
            built[unit.root] = placed
        sections.append(self.join(built))
        for extra in (self.anchors(), self.doors()):
            if extra is not None:
                sections.append(extra)
        return AssemblyPlan(self.design.name, self.bom.design_id, self.words.language, tuple(sections))


def _side_by_side(a: Box, b: Box) -> bool:
    """Two units standing next to each other: touching in x, overlapping in y and z."""
    touching = abs(a[0] - b[3]) < 1 or abs(b[0] - a[3]) < 1
    overlap = all(min(a[i + 3], b[i + 3]) - max(a[i], b[i]) > 1 for i in (1, 2))
    return touching and overlap


def assembly_plan(catalog: Catalog, design: Design, bom: Bom, extra_hardware: Sequence[ExtraHardware] = (),
                  language: str = "en", layout: Layout | None = None) -> AssemblyPlan:
    """The ordered steps (see the module docstring); :class:`AssemblyError` when no order works."""
    layout = layout if layout is not None else Layout(catalog, design)
    return _Planner(catalog, design, layout, bom, extra_hardware, language).plan()


__all__ = ["AssemblyError", "AssemblyPlan", "Fitting", "ModuleParts", "Move", "PieceRef", "Section", "Step",
           "assembly_plan"]
