"""The kiosk's few, whole edits: a customer's choice becomes one undoable command.

A customer in the showroom does not place modules; they choose a width, a
height, how many shelves, doors or drawers, a finish, a handle, the legs.  Each
choice here builds one :class:`~app.domain.design.commands.Macro` that keeps the rest
of the furniture sound:

* a unit's width re-packs its row (units stand flush, the plinth or legs under
  them and a top over them follow);
* height and depth are the row's (a sideboard's cabinets share one top), and
  shelves keep their share of the height on the 32 mm grid, drawers re-stack;
* shelves are spread evenly on the host's pin grid; drawers fill the carcass
  from the bottom with equal fronts on the catalog's front-height steps;
* a unit added beside another (one of the catalog's ``kiosk`` units) takes its
  height and depth where its type allows them, its finish and its base (on a
  base of the same kind), and what stands beyond it moves along, with the
  configurator's run behaviour (:mod:`app.domain.design.runs`: a top or base that
  spans the place grows); a removed unit closes its gap (``runs.delete``).

:class:`KioskEditor` tries a command on a copy of the design and accepts it
only when it adds no rules error, so the customer always stays inside the
solution space (the screen greys out what would not be accepted).  All sizes,
steps, gaps and limits come from the catalog.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design import runs
from app.domain.design.commands import (
    AddModule,
    Command,
    Macro,
    MoveModule,
    RemoveModule,
    SetFinish,
    SetParameter,
    fresh,
)
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout, default_position, evaluate
from app.domain.design.solution_space import numeric_limits
from app.domain.rules.engine import RulesEngine, RulesReport
from app.domain.rules.findings import Finding, FindingKey

UNIT_CATEGORIES = ("carcass", "open_shelf")
FINISH_GROUPS = {"body": ("carcass", "open_shelf", "insert"), "fronts": ("front",), "top": ("top",),
                 "base": ("base",)}
FRONT_KINDS = ("open", "door", "double_door", "drawers")
SIDES = ("left", "right")
# A kiosk comfort limit, not a workshop one: no compartment lower than a paperback standing up.
MIN_COMPARTMENT_MM = 180.0


NewParams = dict[str, dict[str, Value]]   # module id -> the parameters an edit gives it


def _float(value: Value | None) -> float:
    """A numeric parameter's value as a float (0 for one a module does not have)."""
    return float(value) if value is not None else 0.0


def _num(value: float) -> float | int:
    return round(value) if abs(value - round(value)) < 1e-6 else value


def _param(catalog: Catalog, module: PlacedModule, name: str) -> Value | None:
    mtype = catalog.module(module.type_id)
    if name not in mtype.params:
        return None
    return module.params.get(name, mtype.params[name].default)


def is_shelf(mtype: ModuleType) -> bool:
    """A loose shelf: the catalog gives it the role (the loader checks its pin grid and load class)."""
    return mtype.role == "shelf"


@dataclass(frozen=True)
class Outcome:
    """What trying an edit gave: the command when accepted, else the rules errors it would bring."""

    command: Macro | None
    errors: tuple[Finding | str, ...] = ()
    report: RulesReport | None = None   # the design's report once the command is applied (when accepted)

    @property
    def ok(self) -> bool:
        return self.command is not None


class KioskEditor:
    """Builds and checks the kiosk's edits for one catalog (keep one per kiosk: it caches rules)."""

    def __init__(self, catalog: Catalog, engine: RulesEngine | None = None):
        self.catalog = catalog
        self.engine = engine or RulesEngine(catalog)

    def role_type(self, role: str, host_id: str | None = None, design: Design | None = None) -> ModuleType | None:
        """The module type that plays ``role`` (and fits the host's category, when given)."""
        category = self.catalog.module(design.get(host_id).type_id).category if host_id and design else None
        return next((m for m in self.catalog.modules.values()
                     if m.role == role and (category is None or category in m.attach.hosts)), None)

    # ------------------------------------------------------------------ reading
    def units(self, design: Design) -> list[str]:
        """The carcasses and open units a customer changes, in design order."""
        return [m.id for m in design if self.catalog.module(m.type_id).category in UNIT_CATEGORIES]

    def unit_of(self, design: Design, module_id: str) -> str | None:
        """The unit a tapped module belongs to: itself, the unit it is in or on, or a base's first unit."""
        units = self.units(design)
        module = design.get(module_id)
        while module.id not in units and module.to is not None:
            module = design.get(module.to)
        if module.id in units:
            return module.id
        return next((u for u in units if design.get(u).to == module_id), None)

    def level(self, design: Design, module_id: str) -> str:
        """'floor' or 'wall': what the module's whole stack stands on or hangs from."""
        module = design.get(module_id)
        while module.to is not None:
            module = design.get(module.to)
        return "wall" if module.attach == "wall" else "floor"

    def row(self, design: Design, unit_id: str, name: str = "depth") -> list[str]:
        """Units on the same level as ``unit_id``: they share the depth; the height only those as tall
        as it (the tall units beside a low TV bench change height together, the bench keeps its own)."""
        level = self.level(design, unit_id)
        row = [u for u in self.units(design) if self.level(design, u) == level]
        if name != "height":
            return row
        height = _param(self.catalog, design.get(unit_id), "height")
        return [u for u in row if _param(self.catalog, design.get(u), "height") == height]

    def inserts(self, design: Design, unit_id: str, kind: str) -> list[PlacedModule]:
        """The unit's 'shelves', 'fronts' or 'other' inserts (a rail), lowest first."""
        found = []
        for child in design.children(unit_id):
            mtype = self.catalog.module(child.type_id)
            if child.attach != "in":
                continue
            is_kind = {"shelves": is_shelf(mtype), "fronts": mtype.category == "front"}.get(
                kind, mtype.category != "front" and not is_shelf(mtype))
            if is_kind:
                found.append(child)
        return sorted(found, key=lambda m: m.position[2])

    def front_kind(self, design: Design, unit_id: str) -> tuple[str, int]:
        fronts = self.inserts(design, unit_id, "fronts")
        if not fronts:
            return "open", 0
        role = self.catalog.module(fronts[0].type_id).role
        if role == "drawer":
            return "drawers", len(fronts)
        return role or "door", len(fronts)

    def check(self, design: Design) -> RulesReport:
        return self.engine.check(design)

    # ------------------------------------------------------------------ trying
    def attempt(self, design: Design, command: Macro | None, engine: RulesEngine | None = None,
                errors_before: set[FindingKey] | None = None) -> Outcome:
        """``command`` when, applied to a copy of ``design``, it adds no rules error.

        ``engine`` may be a scratch engine (the choices greyed out before a tap try many commands
        that must not fill the real engine's caches); ``errors_before`` the design's error keys.
        """
        if command is None or not command.commands:
            return Outcome(None)
        trial = (engine or self.engine).try_command(design, command, errors_before)
        if trial.failure:
            return Outcome(None, (trial.failure,))
        if not trial.ok:
            return Outcome(None, trial.new_errors)
        return Outcome(command, (), trial.report)

    # ------------------------------------------------------------------ sizes
    def size_choice(self, design: Design, unit_id: str, name: str) -> tuple[float, float, float, float] | None:
        """(current, min, max, step) of a unit's width, height or depth; None when it has none."""
        module = design.get(unit_id)
        param = self.catalog.module(module.type_id).params.get(name)
        if param is None or not param.is_numeric or param.from_host:
            return None
        lo, hi, step = numeric_limits(param)
        return _float(_param(self.catalog, module, name)), lo, hi, step or 1.0

    def resize(self, design: Design, unit_id: str, name: str, value: float) -> Macro | None:
        """Set a unit's width (itself) or height/depth (its whole row); the rest follows."""
        targets = [unit_id] if name == "width" else [
            u for u in self.row(design, unit_id, name) if name in self.catalog.module(design.get(u).type_id).params]
        value = _num(value)
        commands: list[Command] = []
        new_params: NewParams = {}
        for uid in targets:
            module = design.get(uid)
            if _param(self.catalog, module, name) != value:
                commands.append(SetParameter(uid, name=name, value=value, label="resize"))
                new_params.setdefault(uid, {})[name] = value
        if not commands:
            return None
        if name == "height":
            for uid in targets:
                commands += self._follow_height(design, uid, float(value))
        commands += self._repack(design, new_params, name, value)
        return Macro(commands, label=f"kiosk:{name}")

    def _width_after(self, design: Design, module_id: str, new_params: NewParams) -> float:
        module = design.get(module_id)
        value = new_params.get(module_id, {}).get("width", _param(self.catalog, module, "width"))
        return float(value) if value is not None else 0.0

    def _repack(self, design: Design, new_params: NewParams, name: str, value: Value) -> list[Command]:
        """Units flush side by side on each base, bases flush along the wall, tops over their row."""
        commands: list[Command] = []
        widths: dict[str, float] = {}
        for host_id in {h for u in self.units(design) if (h := design.get(u).to) is not None}:
            host = design.get(host_id)
            if self.catalog.module(host.type_id).category != "base":
                continue
            on = sorted((m for m in design.children(host_id) if m.attach == "on"), key=lambda m: m.position[0])
            x = 0.0
            for unit in on:
                if abs(unit.position[0] - x) > 1e-6:
                    commands.append(MoveModule(unit.id, position=(x, *unit.position[1:]), label="move"))
                x += self._width_after(design, unit.id, new_params)
            widths[host_id] = x
            if _param(self.catalog, host, "width") is not None and _param(self.catalog, host, "width") != _num(x):
                commands.append(SetParameter(host_id, name="width", value=_num(x), label="base"))
            if name == "depth" and any(u.id in new_params for u in on) and \
                    _param(self.catalog, host, "depth") is not None and _param(self.catalog, host, "depth") != value:
                commands.append(SetParameter(host_id, name="depth", value=value, label="base"))
        for level in ("floor", "wall"):
            roots = sorted((m for m in design if m.to is None and self.level(design, m.id) == level),
                           key=lambda m: m.position[0])
            if not roots:
                continue
            x = roots[0].position[0]
            for root in roots:
                if abs(root.position[0] - x) > 1e-6:
                    commands.append(MoveModule(root.id, position=(x, *root.position[1:]), label="move"))
                x += widths.get(root.id, self._width_after(design, root.id, new_params))
        commands += self._tops(design, new_params, widths, name, value)
        return commands

    def _tops(self, design: Design, new_params: NewParams, widths: dict[str, float], name: str,
              value: Value) -> list[Command]:
        """A top that spanned its base's row keeps spanning it; its overhang in depth stays."""
        commands: list[Command] = []
        for top in design:
            if self.catalog.module(top.type_id).category != "top" or top.to is None:
                continue
            host = design.get(top.to)
            base_id = host.to
            old_row = sum(self._width_after(design, m.id, {}) for m in design.children(base_id)) if base_id else 0.0
            old_width = _float(_param(self.catalog, top, "width"))
            if base_id in widths and abs(old_width - old_row) < 1.0:
                new_width = widths[base_id]
            else:
                new_width = self._width_after(design, host.id, new_params)
            if old_width != new_width:
                commands.append(SetParameter(top.id, name="width", value=_num(new_width), label="top"))
            if name == "depth" and host.id in new_params:
                overhang = _float(_param(self.catalog, top, "depth")) - _float(_param(self.catalog, host, "depth"))
                commands.append(SetParameter(top.id, name="depth", value=_num(float(value) + overhang), label="top"))
        return commands

    def _opening(self, design: Design, unit_id: str,
                 params: dict[str, Value] | None = None) -> tuple[float, ...] | None:
        """The unit's opening (x, y, z, width, height, depth), with ``params`` changed if given."""
        trial = design.copy()
        if params:
            unit = trial.get(unit_id)
            trial.replace(PlacedModule(unit.id, unit.type_id, {**unit.params, **params}, unit.finish, unit.position,
                                       unit.rotation, unit.attach, unit.to), "params")
        return Layout(self.catalog, trial).state(unit_id).opening

    def _follow_height(self, design: Design, unit_id: str, height: float) -> list[Command]:
        """Shelves and a rail keep their share of the opening on its grid; drawers re-stack."""
        old = self._opening(design, unit_id)
        new = self._opening(design, unit_id, {"height": height})
        if old is None or new is None:
            return []
        commands: list[Command] = []
        kind, count = self.front_kind(design, unit_id)
        if kind == "drawers":
            commands += self._drawers(design, unit_id, count, height, remove=True)
        for insert in self.inserts(design, unit_id, "shelves") + self.inserts(design, unit_id, "other"):
            step = self.catalog.module(insert.type_id).attach.z_step
            if not step:
                continue
            share = (insert.position[2] - old[2]) / old[4] if old[4] else 0.5
            z = self._on_grid(new, step, new[2] + share * new[4])
            if abs(z - insert.position[2]) > 1e-6:
                commands.append(MoveModule(insert.id, position=(insert.position[0], insert.position[1], z)))
        return commands

    @staticmethod
    def _on_grid(opening: tuple[float, ...], step: float, z: float) -> float:
        """The nearest height of the opening's pin grid (the grid the catalog's shelf ``place`` uses)."""
        oz, oh = opening[2], opening[4]
        base = oz + step * round(oh / (2 * step))
        return float(min(max(base + step * round((z - base) / step), oz), oz + oh))

    # ------------------------------------------------------------------ shelves
    def shelf_type(self, design: Design, unit_id: str) -> str | None:
        present = self.inserts(design, unit_id, "shelves")
        if present:
            return present[0].type_id
        category = self.catalog.module(design.get(unit_id).type_id).category
        return next((t for t, m in self.catalog.modules.items() if is_shelf(m) and category in m.attach.hosts), None)

    def max_shelves(self, design: Design, unit_id: str) -> int:
        opening = self._opening(design, unit_id)
        if opening is None or self.shelf_type(design, unit_id) is None:
            return 0
        return max(0, int(opening[4] // MIN_COMPARTMENT_MM) - 1)

    def set_shelves(self, design: Design, unit_id: str, count: int) -> Macro | None:
        """``count`` shelves spread evenly over the unit's opening (kept board, load and finish)."""
        present = self.inserts(design, unit_id, "shelves")
        type_id = self.shelf_type(design, unit_id)
        if type_id is None or count == len(present) or count < 0:
            return None
        opening = self._opening(design, unit_id)
        if opening is None:
            return None
        mtype = self.catalog.module(type_id)
        like = present[0] if present else None
        unit = design.get(unit_id)
        finish = like.finish if like else (unit.finish if unit.finish in mtype.finishes else mtype.default_finish)
        params: dict[str, Value] = dict(like.params) if like else {}
        commands: list[Command] = [RemoveModule(m.id, label="shelf") for m in present]
        host_state = Layout(self.catalog, design).state(unit_id)
        x, y, _ = default_position(self.catalog, type_id, host_state, params)
        heights = sorted({self._on_grid(opening, mtype.attach.z_step, opening[2] + opening[4] * k / (count + 1))
                          for k in range(1, count + 1)})
        if len(heights) != count:
            return None
        ids = _IdMaker(design, [m.id for m in present])
        for z in heights:
            commands.append(AddModule(PlacedModule(ids.next(f"{unit_id}s"), type_id, params, finish, (x, y, z),
                                                   0, "in", unit_id), label="shelf"))
        return Macro(commands, label="kiosk:shelves")

    # ------------------------------------------------------------------ fronts
    def set_fronts(self, design: Design, unit_id: str, kind: str, count: int = 1) -> Macro | None:
        """Replace the unit's fronts: open, a door, a double door, or ``count`` drawers."""
        wanted = (kind, count if kind == "drawers" else 0 if kind == "open" else 1)
        if kind not in FRONT_KINDS or self.front_kind(design, unit_id) == wanted:
            return None
        old = self.inserts(design, unit_id, "fronts")
        commands: list[Command] = [RemoveModule(m.id, label="front") for m in old]
        if kind == "drawers":
            height = _float(_param(self.catalog, design.get(unit_id), "height"))
            drawers = self._drawers(design, unit_id, count, height, remove=False)
            if not drawers:
                return None
            # Drawers fill the carcass: its shelves and rail make way.
            commands += [RemoveModule(m.id) for m in self.inserts(design, unit_id, "shelves")
                         + self.inserts(design, unit_id, "other")]
            commands += drawers
        elif kind in ("door", "double_door"):
            mtype = self.role_type(kind, unit_id, design)
            if mtype is None:
                return None
            type_id = mtype.id
            params: dict[str, Value] = {}
            handle = self.handle(design) or mtype.params["handle"].default if "handle" in mtype.params else None
            if handle is not None:
                params["handle"] = handle
            host_state = Layout(self.catalog, design).state(unit_id)
            position = default_position(self.catalog, type_id, host_state, params)
            ids = _IdMaker(design, [m.id for m in old])
            commands.append(AddModule(PlacedModule(ids.next(f"{unit_id}d"), type_id, params,
                                                   self._front_finish(design, mtype), position, 0, "in", unit_id)))
        return Macro(commands, label="kiosk:fronts")

    def _front_finish(self, design: Design, mtype: ModuleType) -> str:
        for module in design:
            if self.catalog.module(module.type_id).category == "front" and module.finish in mtype.finishes:
                return module.finish
        return mtype.default_finish

    def _drawers(self, design: Design, unit_id: str, count: int, height: float, remove: bool) -> list[Command]:
        """Commands for ``count`` equal drawers stacked from the bottom of a unit ``height`` tall."""
        mtype = self.role_type("drawer", unit_id, design)
        if mtype is None or count < 1:
            return []
        param = mtype.params["front_height"]
        lo, hi, step = numeric_limits(param)
        gap = float(mtype.constants.get("gap", 0))
        wanted = (height - 2 * gap * count) / count
        if wanted < lo:
            return []
        front = min(hi, lo + math.floor((wanted - lo) / (step or 1)) * (step or 1))
        old = [m for m in self.inserts(design, unit_id, "fronts") if m.type_id == mtype.id]
        params: dict[str, Value] = dict(old[0].params) if old else {}
        if "handle" in mtype.params and "handle" not in params:
            handle = self.handle(design) or mtype.params["handle"].default
            if handle is not None:
                params["handle"] = handle
        params["front_height"] = _num(front)
        runner = self._runner(design, unit_id, mtype, params.get("runner"))
        if runner is not None:
            params["runner"] = runner
        finish = old[0].finish if old else self._front_finish(design, mtype)
        commands: list[Command] = [RemoveModule(m.id) for m in old] if remove else []
        ids = _IdMaker(design, [m.id for m in old] + [m.id for m in self.inserts(design, unit_id, "fronts")])
        host_state = Layout(self.catalog, design).state(unit_id)
        x, y, _ = default_position(self.catalog, mtype.id, host_state, params)
        for i in range(count):
            z = gap + i * (front + 2 * gap)
            commands.append(AddModule(PlacedModule(ids.next(f"{unit_id}d"), mtype.id, params, finish,
                                                   (x, y, z), 0, "in", unit_id)))
        return commands

    def _runner(self, design: Design, unit_id: str, mtype: ModuleType, current: Value | None) -> Value | None:
        """The drawer's runner: the current one if it fits the carcass's inner depth, else the longest that does."""
        param = mtype.params.get("runner")
        opening = self._opening(design, unit_id)
        if param is None or param.options is None or opening is None:
            return current
        lengths: dict[Value, float] = {}
        for option in param.options:
            item = self.catalog.hardware.get(str(option))
            if item is not None and item.length:
                lengths[option] = item.length
        fitting = [o for o, length in lengths.items() if length <= opening[5]]
        if current in fitting:
            return current
        return max(fitting, key=lambda o: lengths[o]) if fitting else current

    # ------------------------------------------------------------------ adding and removing units
    def addable(self, design: Design, unit_id: str) -> list[str]:
        """The catalog's kiosk units (``kiosk = true``) that can stand where ``unit_id`` stands, in
        catalog order: on the floor or a base beside a floor unit, on the wall beside a wall unit."""
        level = self.level(design, unit_id)
        found = []
        for type_id, mtype in self.catalog.modules.items():
            support = set(mtype.attach.support)
            fits = "wall" in support if level == "wall" else \
                "floor" in support or ("on" in support and "base" in mtype.attach.hosts)
            if mtype.kiosk and mtype.category in UNIT_CATEGORIES and fits:
                found.append(type_id)
        return found

    def add_unit(self, design: Design, unit_id: str, type_id: str, side: str) -> Macro | None:
        """A new ``type_id`` beside ``unit_id`` (``side`` 'left' or 'right'), as one step.

        It takes the unit's height and depth where its type allows them (else its own default),
        its finish where offered, and its base: on the same base when the base reaches on under
        the new place, else on a new base of the same kind and settings; standing alone, it stands
        (or hangs) as the unit does.  What stands from the new place on moves along by the new
        unit's width: the run's units and bases with the configurator's run behaviour (spanning
        tops and bases grow), and whatever else stands there at a height the new unit takes up
        (wall cabinets beside a new tall unit).  None when it cannot go there; the rules judge
        the rest (an overlap, a top left short).
        """
        if side not in SIDES or type_id not in self.addable(design, unit_id):
            return None
        catalog = self.catalog
        mtype = catalog.module(type_id)
        layout = Layout(catalog, design)
        unit = design.get(unit_id)
        run = runs.run_of(catalog, layout, unit_id)
        if run is None:
            return None
        tol = runs.tolerance(catalog)
        lo, hi = layout.state(unit_id).world_bounds
        edge = float(hi[0]) if side == "right" else float(lo[0])
        params: dict[str, Value] = {}
        for name in runs.SHARED_PARAMS:
            value = _param(catalog, unit, name)
            taken = runs.allowed(mtype, name, value) if value is not None else None
            if taken is not None:
                params[name] = taken
        finish = unit.finish if unit.finish in mtype.finishes else mtype.default_finish
        ids = _IdMaker(design)
        new_id = ids.next(type_id.split("_")[0][:3])
        carrier = design.get(unit.to) if unit.to is not None else None
        if carrier is not None and catalog.module(carrier.type_id).category != "base":
            return None   # stacked on another unit: nothing stands beside it
        adds: list[Command] = []
        skip: set[str] = set()
        if carrier is not None and "on" in mtype.attach.support and "base" in mtype.attach.hosts:
            c_lo, c_hi = (float(v[0]) for v in layout.state(carrier.id).world_bounds)
            if c_lo < edge - tol and c_hi > edge + tol:   # the base reaches on under the new place
                module = PlacedModule(new_id, type_id, params, finish, (edge - c_lo, *unit.position[1:]), 0,
                                      "on", carrier.id)
            else:   # its own base, of the unit's kind and settings, as wide as the new unit
                width = self._world_width(PlacedModule(new_id, type_id, params, finish, (0.0, 0.0, 0.0), 0,
                                                       "floor", None))
                base_params = dict(carrier.params)
                base_width = runs.allowed(catalog.module(carrier.type_id), "width", _num(width))
                if base_width is None:
                    return None
                base_params["width"] = base_width
                base = PlacedModule(ids.next(carrier.type_id.split("_")[0][:3]), carrier.type_id, base_params,
                                    carrier.finish, (edge, *carrier.position[1:]), 0, carrier.attach, None)
                adds.append(AddModule(base, label="kiosk:add"))
                module = PlacedModule(new_id, type_id, params, finish, (0.0, *unit.position[1:]), 0, "on", base.id)
                # The bases that end at the new place stay as they are (the new unit has its own).
                skip |= {sid for sid in runs.spanning(catalog, layout, run)
                         if catalog.module(design.get(sid).type_id).category == "base"
                         and abs(float(layout.state(sid).world_bounds[1][0]) - edge) <= tol}
        elif carrier is None and unit.attach in mtype.attach.support:
            module = PlacedModule(new_id, type_id, params, finish, (edge, *unit.position[1:]), 0, unit.attach, None)
        else:
            return None
        host = layout.state(carrier.id) if carrier is not None and module.to == carrier.id else None
        state = evaluate(catalog, module, host)
        if abs(float(state.world_bounds[1][2]) - float(hi[2])) > tol:
            # Not as tall as the part (a tall unit beside a sideboard): the top ending here stays short.
            skip |= {sid for sid in runs.spanning(catalog, layout, run)
                     if catalog.module(design.get(sid).type_id).category == "top"
                     and abs(float(layout.state(sid).world_bounds[1][0]) - edge) <= tol}
        width = float(state.world_bounds[1][0] - state.world_bounds[0][0])
        commands = runs.shift_right_of(catalog, layout, run, edge, width, skip=skip)
        # What is in the way: at the height of the new unit or of the run's units that move along.
        boxes = [state.world_bounds] + [b for u in run.units
                                        if float((b := layout.state(u).world_bounds)[0][0]) >= edge - tol]
        z_lo, z_hi = min(float(b[0][2]) for b in boxes), max(float(b[1][2]) for b in boxes)
        commands += self._make_way(design, layout, commands, edge, width, z_lo, z_hi, run)
        return Macro([*commands, *adds, AddModule(module, label="kiosk:add")], label="kiosk:add")

    def _world_width(self, module: PlacedModule) -> float:
        lo, hi = evaluate(self.catalog, module, None).world_bounds
        return float(hi[0] - lo[0])

    def _make_way(self, design: Design, layout: Layout, commands: list[Command], edge: float, width: float,
                  z_lo: float, z_hi: float, run: runs.Run) -> list[Command]:
        """Moves for what stands from ``edge`` on, outside the run, at a height between ``z_lo`` and
        ``z_hi`` (free-standing roots, with all they carry), that the run's own moves left behind."""
        tol = runs.tolerance(self.catalog)
        moved = {runs.root_of(design, c.module_id).id for c in commands if isinstance(c, MoveModule)}
        moved |= {runs.root_of(design, u).id for u in run.units}
        extra: list[Command] = []
        for root in design:
            if root.to is not None or root.id in moved:
                continue
            family = [root.id, *(m.id for m in design.descendants(root.id))]
            boxes = [layout.state(m).world_bounds for m in family]
            if float(min(b[0][0] for b in boxes)) < edge - tol:
                continue
            if min(float(b[0][2]) for b in boxes) >= z_hi - tol or max(float(b[1][2]) for b in boxes) <= z_lo + tol:
                continue   # above or below the new unit: not in its way
            x, y, z = root.position
            extra.append(MoveModule(root.id, position=(x + width, y, z), label="kiosk:add"))
        return extra

    def can_remove(self, design: Design, unit_id: str) -> bool:
        """A design keeps at least one unit."""
        return unit_id in self.units(design) and len(self.units(design)) > 1

    def remove_unit(self, design: Design, unit_id: str) -> Macro | None:
        """Take the unit out with everything in and on it; its run closes the gap (the configurator's
        delete), and a base left carrying nothing goes too."""
        if not self.can_remove(design, unit_id):
            return None
        command = runs.delete(self.catalog, design, [unit_id], label="kiosk:remove")
        if command is None:
            return None
        commands = list(command.commands)
        base = design.get(unit_id).to
        if base is not None and self.catalog.module(design.get(base).type_id).category == "base":
            scratch = design.copy()
            for step in commands:
                fresh(step).apply(scratch)
            if base in scratch and not scratch.children(base):   # a unit alone on its base takes it along
                commands.append(RemoveModule(base, label="kiosk:remove"))
        return Macro(commands, label="kiosk:remove")

    # ------------------------------------------------------------------ finishes and options
    def finish_groups(self, design: Design) -> dict[str, tuple[list[str], str]]:
        """group -> (finishes every module of the group offers, the current one), for groups with a choice."""
        groups = {}
        for group, categories in FINISH_GROUPS.items():
            members = [m for m in design if self.catalog.module(m.type_id).category in categories
                       and len(self.catalog.module(m.type_id).finishes) > 1]
            if not members:
                continue
            offered = [f for f in self.catalog.module(members[0].type_id).finishes
                       if all(f in self.catalog.module(m.type_id).finishes for m in members)]
            if len(offered) > 1:
                groups[group] = (offered, members[0].finish)
        return groups

    def set_finish(self, design: Design, group: str, finish: str) -> Macro | None:
        categories = FINISH_GROUPS[group]
        commands: list[Command] = [SetFinish(m.id, finish=finish) for m in design
                    if self.catalog.module(m.type_id).category in categories
                    and finish in self.catalog.module(m.type_id).finishes and m.finish != finish
                    and len(self.catalog.module(m.type_id).finishes) > 1]
        return Macro(commands, label=f"kiosk:finish:{group}") if commands else None

    def option_modules(self, design: Design, name: str) -> list[PlacedModule]:
        return [m for m in design if name in self.catalog.module(m.type_id).params
                and self.catalog.module(m.type_id).params[name].options is not None]

    def option_choice(self, design: Design, name: str) -> tuple[list[Value], Value | None] | None:
        """(options, current) of an option every module with it shares (handle, leg, plinth height)."""
        modules = self.option_modules(design, name)
        if not modules:
            return None
        params = [self.catalog.module(m.type_id).params[name] for m in modules]
        options = [o for o in params[0].options or () if all(o in (p.options or ()) for p in params)]
        return options, _param(self.catalog, modules[0], name)

    def handle(self, design: Design) -> Value | None:
        choice = self.option_choice(design, "handle")
        return choice[1] if choice else None

    def set_option(self, design: Design, name: str, value: Value) -> Macro | None:
        commands: list[Command] = [SetParameter(m.id, name=name, value=value, label=name)
                                   for m in self.option_modules(design, name) if _param(self.catalog, m, name) != value]
        return Macro(commands, label=f"kiosk:{name}") if commands else None


class _IdMaker:
    """New module ids that clash neither with the design nor with each other."""

    def __init__(self, design: Design, freed: Iterable[str] = ()):
        self.taken = set(design.ids()) - set(freed)

    def next(self, prefix: str) -> str:
        n = 1
        while f"{prefix}{n}" in self.taken:
            n += 1
        self.taken.add(f"{prefix}{n}")
        return f"{prefix}{n}"
