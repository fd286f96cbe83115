"""One designer's work on one mesh: the choices made so far and everything that follows from them.

The designer window only shows a :class:`DesignerSession` and forwards edits to it,
so the whole workflow (units and up axis confirmed, origin fixed, zones and sizes
set, previews, publishing) is testable without a display:

- ``units`` / ``up``: the designer's choice, or None to keep the guess;
- ``origin_fixed``: the mesh moved to its back-left-bottom corner (stretch zones
  are measured from there, so they can only be set once it is);
- ``zones``: per axis, the intervals that stretch;
- ``target``: the catalog module being updated, or None for a new one described
  by ``new_id``, ``new_name``, ``new_category`` and ``params`` (axis -> range);
- each mesh piece's material slot (carcass, front, back, glass, metal ...: the
  catalog's), guessed from its name, its material's name and where it is
  (:mod:`app.domain.mesh.slots`), and the designer's choices (``slot_edits``);
  the slot drives the part derived from the piece (role, board, finish);
- the parts derived from the mesh's panels (:mod:`app.domain.mesh.derive`), with
  the designer's edits of their name, role and material (``part_edits``), and
  what cannot be derived: ``hardware`` lines and ``labour_minutes``, without which
  a new module is not published (:meth:`DesignerSession.publish_problems`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import ValidationError

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.formulas import Formula, FormulaError
from app.domain.catalog.model import ModuleType, Stretch
from app.domain.catalog.module_eval import module_env, module_size, resolve_params
from app.domain.catalog.slots import MODULE_FINISH, PieceLook, look_of
from app.domain.mesh.clean import Choices, CleanMesh, clean, suggest_zone, to_glb
from app.domain.mesh.derive import PART_ROLES, Derivation, DerivedPart, derive_opening, derive_parts, piece_boxes
from app.domain.mesh.entry_toml import AXIS_PARAMS, AxisParam, ModuleDraft, new_module_text, updated_module_text
from app.domain.mesh.inspection import Inspected
from app.domain.mesh.publish import PublishError, PublishPlan, PublishResult, StagedCheck, plan_publish, publish
from app.domain.mesh.report import CheckContext, MeshReport, build_report
from app.domain.mesh.slots import apply_slot, guess_slots
from app.domain.mesh.stretch import StretchError, stretch_vertices

AXES = "xyz"


@dataclass(frozen=True)
class PreviewParam:
    """A numeric parameter the preview can vary: its name, label and range."""

    name: str
    label: str
    minimum: float
    maximum: float
    unit: str = "mm"


@dataclass
class DesignerSession:
    catalog: Catalog
    inspected: Inspected
    target: str | None = None
    units: str | None = None
    up: str | None = None
    origin_fixed: bool = False
    turns: tuple[int, int, int] = (0, 0, 0)   # quarter turns about x, y, z (Rotate 90°)
    zones: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    new_id: str = ""
    new_name: str = ""
    new_category: str = "carcass"
    params: dict[str, AxisParam] = field(default_factory=dict)
    part_edits: dict[str, dict[str, str]] = field(default_factory=dict)   # mesh piece -> field -> value
    slot_edits: dict[str, str] = field(default_factory=dict)              # mesh piece -> slot id chosen
    hardware: list[tuple[str, str]] = field(default_factory=list)         # (item id, qty formula)
    labour_minutes: str = ""
    _report: MeshReport | None = field(default=None, repr=False)
    _mesh: tuple[Choices, CleanMesh] | None = field(default=None, repr=False)
    _derived: tuple[object, Derivation] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.target is not None:
            self.set_target(self.target)
        elif not self.new_id:
            stem = "".join(c if c.isalnum() else "_" for c in Path(self.inspected.mesh.path).stem.lower()).strip("_")
            self.new_id = stem if stem[:1].isalpha() else f"module_{stem}"
            self.new_name = stem.replace("_", " ").capitalize() or "New module"

    # ------------------------------------------------------------------ choices
    def set_target(self, module_id: str | None) -> None:
        """Update ``module_id`` (its zones become the starting zones), or None for a new module."""
        if module_id is not None and module_id not in self.catalog.modules:
            raise KeyError(f"catalog '{self.catalog.id}' has no module '{module_id}'")
        self.target = module_id
        if module_id is not None:
            stretch = self.catalog.modules[module_id].stretch
            self.zones = {axis: [tuple(z) for z in getattr(stretch, axis)] for axis in AXES}
        self._report = None

    def set_zones(self, axis: str, zones: Sequence[tuple[float, float]]) -> None:
        """The zones along ``axis``, each from its low to its high end and in order along the axis, however
        they were typed (right to left, or a zone's ends swapped); an empty zone (both ends equal) is dropped."""
        if axis not in AXES:
            raise KeyError(f"no axis '{axis}'")
        self.zones[axis] = sorted((min(a, b), max(a, b)) for a, b in zones if a != b)

    def set_units(self, units: str | None) -> None:
        self.units, self._report = units, None

    def set_up(self, up: str | None) -> None:
        self.up, self._report = up, None

    def fix_origin(self) -> None:
        self.origin_fixed, self._report = True, None

    def rotate(self, axis: str, quarters: int = 1) -> None:
        """Turn the mesh ``quarters`` x 90 degrees about ``axis`` (x, y or z); the origin is fixed again
        afterwards, so the turned mesh still starts at its back-left-bottom corner.  The zones (measured
        along the old axes) are dropped."""
        index = AXES.index(axis)
        turns = list(self.turns)
        turns[index] = (turns[index] + quarters) % 4
        self.turns, self._report = (turns[0], turns[1], turns[2]), None
        self.zones = {}

    @property
    def origin_at_corner(self) -> bool:
        """True once the origin is fixed, or when the file has it at the back-left-bottom corner already."""
        origin = self.report.finding("origin")
        return self.origin_fixed or (origin is not None and origin.level == "ok")

    # ------------------------------------------------------------------ results
    @property
    def context(self) -> CheckContext:
        return CheckContext.from_catalog(self.catalog, self.target, units=self.units, up=self.up,
                                         turns=self.turns if any(self.turns) else None)

    @property
    def report(self) -> MeshReport:
        if self._report is None:
            self._report = build_report(self.inspected, self.context, self.origin_fixed)
        return self._report

    @property
    def choices(self) -> Choices:
        return self.report.choices

    @property
    def mesh(self) -> CleanMesh:
        """The mesh as it would be published with the current choices (cached)."""
        choices = self.choices
        if self._mesh is None or self._mesh[0] != choices:
            self._mesh = (choices, clean(self.inspected, choices))
        return self._mesh[1]

    @property
    def reference_size(self) -> tuple[float, float, float]:
        x, y, z = (float(v) for v in self.mesh.size)
        return x, y, z

    def existing(self) -> ModuleType | None:
        return self.catalog.modules.get(self.target) if self.target else None

    def suggest(self, axis: str) -> list[tuple[float, float]]:
        """One zone between the parts nearest the ends along ``axis`` (see mesh_clean.suggest_zone)."""
        zone = suggest_zone(self.mesh.vertices, AXES.index(axis))
        return [zone] if zone else []

    def default_param(self, axis: str) -> AxisParam:
        """A first size range for an axis the designer makes resizable, to be edited: from what its
        fixed parts need (or half the reference size, if more) to twice the reference size, in 10 mm steps."""
        reference = self.reference_size[AXES.index(axis)]
        fixed = reference - sum(b - a for a, b in self.zones.get(axis, []))
        step = 10.0
        low = max(step * math.ceil((fixed + 1) / step), step * round(reference / 2 / step))
        high = max(low + step, step * round(2 * reference / step))
        return AxisParam(low, high, step, min(max(reference, low), high))

    def zone_problems(self) -> list[str]:
        """What is wrong with the zones as set (order, overlap, outside the mesh), in words."""
        problems = []
        try:
            Stretch(**{axis: self.zones.get(axis, []) for axis in AXES})
        except ValidationError as exc:
            problems += [e["msg"].removeprefix("Value error, ") for e in exc.errors(include_url=False)]
        size = self.reference_size
        bounds = {"x": (0.0, size[0]), "y": (-size[1], 0.0), "z": (0.0, size[2])}
        for axis in AXES:
            lo, hi = bounds[axis]
            for a, b in self.zones.get(axis, []):
                if a < lo - 1e-6 or b > hi + 1e-6:
                    problems.append(f"{axis}: zone [{a:g}, {b:g}] lies outside the mesh ({lo:g} to {hi:g})")
        if not self.origin_at_corner and any(self.zones.get(axis) for axis in AXES):
            problems.append("fix the origin first: zones are measured from the back-left-bottom corner")
        return problems

    # ------------------------------------------------------------------ preview
    def preview_params(self) -> list[PreviewParam]:
        existing = self.existing()
        if existing is not None:
            return [PreviewParam(name, p.label, p.min, p.max, p.unit) for name, p in existing.params.items()
                    if p.is_numeric and p.min is not None and p.max is not None and p.max > p.min]
        return [PreviewParam(AXIS_PARAMS[axis][0], AXIS_PARAMS[axis][1], p.minimum, p.maximum)
                for axis, p in self.params.items() if p.maximum > p.minimum]

    def size_at(self, name: str, value: float) -> tuple[float, float, float]:
        """The module's size with parameter ``name`` at ``value`` and the others at their defaults."""
        existing = self.existing()
        if existing is not None:
            values = {**self._reference_values(existing), name: value}
            return module_size(existing, module_env(self.catalog, existing, resolve_params(existing, values)))
        size = list(self.reference_size)
        for axis, (param_name, _label) in AXIS_PARAMS.items():
            if param_name == name:
                size[AXES.index(axis)] = float(value)
        return size[0], size[1], size[2]

    def _reference_values(self, mtype: ModuleType) -> dict[str, float]:
        """Values for parameters without a default (sizes taken from a host): those that give the
        entry's reference size, found by interpolating between the parameter's limits (size
        formulas are linear in them, e.g. ``width - 2 * gap``)."""
        values: dict[str, float] = {}
        for name, param in mtype.params.items():
            low, high = param.min, param.max  # both None for an option parameter
            if low is None or high is None or param.default is not None or high <= low:
                continue
            for i, axis in enumerate(AXES):
                if name not in getattr(mtype.size, axis).names:
                    continue
                ends = []
                for end in (low, high):
                    env = module_env(self.catalog, mtype, resolve_params(mtype, {name: end}))
                    ends.append(module_size(mtype, env)[i])
                if ends[1] != ends[0]:
                    share = (mtype.reference_size[i] - ends[0]) / (ends[1] - ends[0])
                    values[name] = min(max(low + share * (high - low), low), high)
                break
        return values

    def stretched(self, size: Sequence[float]) -> np.ndarray:
        """The published mesh's vertices stretched to ``size`` by the current zones (StretchError if too small)."""
        mesh = self.mesh
        return stretch_vertices(mesh.vertices, self.reference_size, size, self.zones)

    # ------------------------------------------------------------------ derived parts
    def size_formulas(self) -> dict[str, str | None]:
        """Per axis, the formula of the module's size along it, or None where the size is fixed."""
        existing = self.existing()
        if existing is not None:
            formulas = {axis: getattr(existing.size, axis) for axis in AXES}
            return {axis: f.source if f.names else None for axis, f in formulas.items()}
        return {axis: AXIS_PARAMS[axis][0] if axis in self.params else None for axis in AXES}

    def derivation(self) -> Derivation:
        """The parts the mesh's panels make at the reference size, as derived (before the designer's edits;
        remembered until the choices, the zones, the resizable axes or the target change)."""
        key = (self.choices, self.origin_at_corner, self.target, repr(sorted(self.zones.items())),
               tuple(sorted(self.size_formulas().items(), key=lambda item: item[0])), id(self.catalog))
        if self._derived is None or self._derived[0] != key:
            self._derived = (key, self._derive())
        return self._derived[1]

    def _derive(self) -> Derivation:
        mesh = self.mesh
        if not self.origin_at_corner:   # the formulas measure from the back-left-bottom corner
            mesh = clean(self.inspected, Choices(self.choices.units, self.choices.up, True, self.choices.turns))
        pieces = piece_boxes(mesh.vertices, mesh.faces, mesh.face_part, mesh.part_names)
        zones = {axis: list(self.zones.get(axis, [])) for axis in AXES}
        return derive_parts(self.catalog, pieces, self.reference_size, zones, self.size_formulas())

    def piece_slots(self) -> dict[str, str]:
        """Every mesh piece's material slot: the designer's choice, else the guess (name, material, role)."""
        mesh = self.inspected.mesh
        roles = {part.piece: part.role for part in self.derivation().parts}
        guessed = guess_slots(self.catalog, mesh.part_names, mesh.part_materials, roles)
        return {piece: self.slot_edits.get(piece, guessed.get(piece, "")) for piece in mesh.part_names
                if self.slot_edits.get(piece, guessed.get(piece))}

    def set_slot(self, piece: str, slot: str) -> None:
        """Put mesh piece ``piece`` in material slot ``slot`` (a slot of the catalog)."""
        if piece not in self.inspected.mesh.part_names:
            raise KeyError(f"the mesh has no piece '{piece}'")
        if slot not in self.catalog.slots:
            raise ValueError(f"the catalog has no material slot '{slot}' ({', '.join(self.catalog.slots)})")
        self.slot_edits[piece] = slot

    def slot_faces(self) -> list[tuple[PieceLook, np.ndarray]]:
        """Per fixed finish of the pieces' slots (glass, a white back), its look and the published mesh's
        triangles drawn in it (a mask); the rest is drawn in the module's finish."""
        slots, mesh = self.piece_slots(), self.mesh
        groups: dict[str, list[int]] = {}
        for index, piece in enumerate(mesh.part_names):
            slot = self.catalog.slots.get(slots.get(piece, ""))
            if slot is not None and slot.finish != MODULE_FINISH:
                groups.setdefault(slot.finish, []).append(index)
        return [(look_of(finish, self.catalog.finishes.get(finish), True), np.isin(mesh.face_part, indices))
                for finish, indices in groups.items()]

    def slot_others(self) -> list[str]:
        """Panels that make no part because their slot is no board (a glass pane of a board's thickness)."""
        slots = self.piece_slots()
        return [f"'{part.piece}': in slot '{slots[part.piece]}', which is no board" for part in self.derivation().parts
                if apply_slot(self.catalog, part, slots.get(part.piece)) is None]

    def derived_parts(self) -> list[DerivedPart]:
        """The derived parts as their slots make them (role, material, finish), with the designer's edits
        (name, role, material) applied; a piece in a slot that is no board makes none."""
        parts = []
        slots = self.piece_slots()
        for part in self.derivation().parts:
            slotted = apply_slot(self.catalog, part, slots.get(part.piece))
            if slotted is None:
                continue
            edits = self.part_edits.get(part.piece, {})
            parts.append(slotted.edited(edits.get("name"), edits.get("role"), edits.get("material")))
        return parts

    def derived_opening(self) -> dict[str, str] | None:
        """A new carcass's or open shelf's ``[opening]`` from its derived panels (None for other categories,
        or without two sides, a bottom and a top)."""
        if self.target is not None or self.new_category not in ("carcass", "open_shelf"):
            return None
        return derive_opening(self.derived_parts(), self.reference_size, self.size_formulas())

    def edit_part(self, piece: str, **changes: str) -> None:
        """Set the ``name``, ``role`` or ``material`` of the part derived from mesh piece ``piece``."""
        pieces = {p.piece: p for p in self.derivation().parts}
        if piece not in pieces:
            raise KeyError(f"no part is derived from mesh piece '{piece}'")
        for key, value in changes.items():
            if key not in ("name", "role", "material"):
                raise ValueError(f"'{key}' is derived from the mesh: only name, role and material are edited")
            if key == "name" and not value.strip():
                raise ValueError("a part needs a name")
            if key == "role" and value not in PART_ROLES:
                raise ValueError(f"role '{value}' is none of {', '.join(PART_ROLES)}")
            if key == "material":
                material = self.catalog.materials.get(value)
                if material is None:
                    raise ValueError(f"the catalog has no material '{value}'")
                tolerance = float(self.catalog.info.limits.mesh_parts_tolerance)
                if abs(float(material.thickness) - pieces[piece].thickness) > tolerance:
                    raise ValueError(f"'{value}' is {float(material.thickness):g} mm thick; the mesh's panel "
                                     f"'{piece}' is {pieces[piece].thickness:g} mm")
        self.part_edits.setdefault(piece, {}).update(changes)

    def publish_problems(self) -> list[str]:
        """What the designer must still fill in before the module can be published (none: it can)."""
        existing = self.existing()
        if existing is not None:
            if not existing.parts and not existing.hardware:
                return [f"'{existing.id}' has no parts and no hardware: it cannot be built, priced or sold"]
            return []
        problems = []
        parts = self.derived_parts()
        if not parts and not self.hardware:
            problems.append("no parts and no hardware: no piece of the mesh is a panel of the catalog's boards "
                            "and no hardware is given, so the module cannot be built, priced or sold")
        if not self.hardware:
            problems.append("hardware: give at least one line (item and quantity), e.g. the connectors "
                            "that hold the panels together")
        for item, qty in self.hardware:
            if item not in self.catalog.hardware:
                problems.append(f"hardware: the catalog has no item '{item}'")
            problems += [f"hardware '{item}': {p}" for p in self._formula_problems(qty, positive=False)]
        if not self.labour_minutes.strip():
            problems.append("labour_minutes: give the workshop's minutes to make one (above 0)")
        else:
            problems += [f"labour_minutes: {p}" for p in self._formula_problems(self.labour_minutes, positive=True)]
        return problems

    def _formula_problems(self, text: str, positive: bool) -> list[str]:
        """Why ``text`` is no formula of the module's size parameters, or not above 0 at the reference size."""
        env = {AXIS_PARAMS[axis][0]: self.reference_size[AXES.index(axis)] for axis in self.params}
        try:
            formula = Formula.parse(text)
            unknown = sorted(formula.names - set(env))
            if unknown:
                known = ", ".join(env) or "none"
                return [f"'{text}' uses {', '.join(unknown)}, not a parameter of this module ({known})"]
            value = formula.number(env)
        except (FormulaError, ValueError, TypeError, ZeroDivisionError) as exc:
            return [f"'{text}' cannot be evaluated ({exc})"]
        if positive and not value > 0:
            return [f"'{text}' is {value:g} at the reference size; it must be above 0"]
        if not positive and value < 0:
            return [f"'{text}' is {value:g} at the reference size; it cannot be negative"]
        return []

    # ------------------------------------------------------------------ publish
    @property
    def module_id(self) -> str:
        return self.target or self.new_id

    def plan(self) -> PublishPlan:
        return plan_publish(self.catalog, self.module_id)

    def entry_text(self, plan: PublishPlan) -> str:
        zones = {axis: list(self.zones.get(axis, [])) for axis in AXES}
        if plan.updating:
            return updated_module_text(plan.entry_path.read_text(encoding="utf-8"), plan.mesh_rel,
                                       self.reference_size, zones)
        draft = ModuleDraft(self.new_id, self.new_name, self.new_category, self.reference_size, zones,
                            dict(self.params), parts=self.derived_parts(), hardware=list(self.hardware),
                            labour_minutes=self.labour_minutes.strip(), opening=self.derived_opening(),
                            slots=self.piece_slots())
        return new_module_text(draft, self.catalog, plan.mesh_rel, Path(self.inspected.mesh.path).name)

    def publish(self, overwrite: bool = False, staged_check: StagedCheck | None = None) -> PublishResult:
        """Publish (see :func:`app.domain.mesh.publish.publish`); the origin is always fixed first, and the
        units and up axis published with become the session's choices (they no longer change with the guess).
        A module the designer has not completed (:meth:`publish_problems`) is refused with a :class:`PublishError`
        naming what is missing; nothing is written."""
        missing = self.publish_problems()
        if missing:
            raise PublishError(missing)
        choices = self.choices
        self.units, self.up = choices.units, choices.up
        self.fix_origin()
        plan = self.plan()
        zones = {axis: list(self.zones.get(axis, [])) for axis in AXES}
        return publish(self.catalog, plan, to_glb(self.mesh, self.reference_size, zones), self.entry_text(plan),
                       overwrite=overwrite, staged_check=staged_check)


__all__ = ["DesignerSession", "PreviewParam", "StretchError"]
