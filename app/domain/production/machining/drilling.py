"""Evaluate the catalog's machining rules over a design's located parts.

Each rule of ``machining.toml`` places its holes relative to a reference the
located parts give (how, rule by rule, is in docs/catalog-format.md,
"machining.toml"):

* ``hinge_cups``: each hinged front leaf (its ``hinge`` side, its hinge count),
  on its inner face, along its hinge edge;
* ``hinge_plates``: the carcass side nearest each leaf's hinge edge, at every
  cup's height, on the side's inner face, across from its front edge;
* ``shelf_pins``: both sides beside every insert carrying a ``shelf_pin``, at
  every level of the insert's pin grid (``attach.z_step`` over the host's
  opening, as the editors place shelves) at least ``margin`` inside the opening;
  a pin hole under a hinge plate is left out;
* ``joints``: every pair of the module's panels (of the rule's roles) where one
  panel's edge butts against the other's face, along the line they share;
* ``runner_screws``: both sides beside a drawer's box, from the side's front
  edge, relative to the box's underside;
* ``handle_holes``: each fitting whose item is a handle, through the front it
  sits on, along the handle through its centre.

Only the shape of the data is known here: roles, kinds and axes.  Every number
and every position is a formula of the catalog.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.formulas import Formula, FormulaError, ItemValue
from app.domain.catalog.machining_check import item_fields
from app.domain.catalog.machining_model import COUNT, INDEX, JointHole, Joints, MachiningFile, Row
from app.domain.catalog.machining_model import Hole as HoleRule
from app.domain.catalog.model import MAX_QUANTITY, HardwareItem
from app.domain.design.design import Design
from app.domain.design.layout import Layout, LayoutError, ModuleState
from app.domain.production.machining.frames import PieceFrame, Point, relative, transform_point
from app.domain.production.machining.holes import (
    DesignMachining,
    Face,
    HandleScrew,
    Hole,
    PieceKey,
    PieceMachining,
    Plate,
    ShelfSupport,
)
from app.domain.production.parts import ModuleParts, PartsCache, PartsError, design_parts

TOUCH = 0.05          # mm: boxes this close touch (formulas give exact sums; floats differ by noise)
FRONT_ROLE = "front"
SIDE_ROLE = "carcass"
X, Y, Z = 0, 1, 2


PATTERN_LIMIT = 10_000
# Evaluated joint patterns: (id of the rule, length, thicknesses) -> (the rule, its holes); the rule is kept
# so its id cannot be reused by another while the entry lives.
Figures = tuple[float, float, float, float]    # diameter, depth, along, across
JointPattern = list[tuple[float, JointHole, Figures]]
_JOINT_PATTERNS: dict[tuple[int, float, float, float, float, int], tuple[Joints, JointPattern]] = {}


class MachiningError(ValueError):
    """A rule that cannot be evaluated for a module; the message names the module and the rule's field."""


@dataclass
class _Piece:
    key: PieceKey
    name: str
    role: str
    frame: PieceFrame
    thickness: float
    holes: list[Hole] = field(default_factory=list)


@dataclass
class _ShelfHost:
    """The shelves of one host and what their pin rows need."""

    item: HardwareItem
    item_id: str
    step: float
    shelves: list[tuple[str, float, float, float]] = field(default_factory=list)   # id, x0, x1, bottom z


@dataclass(frozen=True)
class _Joint:
    """Where one panel's edge butts against another's face: the line they share, from ``lo`` to ``hi``."""

    edge: _Piece
    face: _Piece
    face_axis: int          # the face panel's thickness axis: the edge panel's end lies on its face
    edge_axis: int          # the edge panel's thickness axis
    line: int               # the axis the joint runs along
    plane: float            # the face's coordinate on face_axis
    into_edge: float        # +1 or -1: from the plane into the edge panel along face_axis
    lo: float
    hi: float


def _joint(edge: _Piece, face: _Piece) -> _Joint | None:
    """The joint where ``edge``'s edge meets ``face``'s face, if it does."""
    tf, te = face.frame.thickness_axis, edge.frame.thickness_axis
    if tf == te:
        return None
    if abs(edge.frame.high(tf) - face.frame.low(tf)) < TOUCH:
        plane, into_edge = face.frame.low(tf), -1.0
    elif abs(edge.frame.low(tf) - face.frame.high(tf)) < TOUCH:
        plane, into_edge = face.frame.high(tf), 1.0
    else:
        return None
    line = 3 - tf - te
    lo, hi = max(edge.frame.low(line), face.frame.low(line)), min(edge.frame.high(line), face.frame.high(line))
    if hi - lo <= TOUCH:
        return None
    if edge.frame.low(te) < face.frame.low(te) - TOUCH or edge.frame.high(te) > face.frame.high(te) + TOUCH:
        return None   # the edge panel must lie on the face, not overhang it
    return _Joint(edge, face, tf, te, line, plane, into_edge, lo, hi)


def design_machining(catalog: Catalog, design: Design, layout: Layout | None = None,
                     cache: PartsCache | None = None, only: Sequence[str] | None = None) -> DesignMachining:
    """Every located piece of ``design`` with its holes (none at all when the catalog has no machining.toml).

    ``only``: drill just these modules (a host and its inserts: the rules engine checks one such
    family at a time); the layout still places them in the whole design.
    """
    layout = layout if layout is not None else Layout(catalog, design)
    if only is None:
        modules = {m.module_id: m for m in design_parts(catalog, design, layout, cache)}
        order: Sequence[str] = design.ids()
    else:
        cache = cache if cache is not None else PartsCache(catalog)
        modules = {}
        for module_id in only:
            try:
                modules[module_id] = cache.parts(layout.state(module_id))
            except (LayoutError, KeyError, ValueError) as exc:
                raise PartsError(str(exc)) from None
        order = only
    builder = _Builder(catalog, layout, modules)
    if catalog.machining is not None:
        builder.drill(catalog.machining, order)
    return builder.result()


class _Builder:
    def __init__(self, catalog: Catalog, layout: Layout, modules: Mapping[str, ModuleParts]):
        self.catalog = catalog
        self.layout = layout
        self.modules = modules
        self.pieces: dict[PieceKey, _Piece] = {}
        self.by_module: dict[str, list[_Piece]] = {}
        for module_id, parts in modules.items():
            found = self.by_module[module_id] = []
            for p, panel in enumerate(parts.panels):
                for b in range(len(panel.boxes)):
                    piece = _Piece((module_id, p, b), panel.name, panel.role, PieceFrame.of(panel, b),
                                   float(panel.thickness))
                    self.pieces[piece.key] = piece
                    found.append(piece)
        self.plates: list[Plate] = []
        self.supports: list[ShelfSupport] = []
        self.screws: list[HandleScrew] = []
        self.box_panels: dict[str, tuple[tuple[PieceKey, tuple[float, ...], int], ...]] = {}
        self.shelf_hosts: dict[str, _ShelfHost] = {}

    # ------------------------------------------------------------------ driving
    def drill(self, rules: MachiningFile, order: Iterable[str]) -> None:
        for module_id in order:
            if module_id not in self.modules:
                continue
            if rules.joints is not None:
                self.joints(rules, module_id)
            if rules.hinge_cups is not None:
                self.hinges(rules, module_id)
            if rules.handle_holes is not None:
                self.handles(rules, module_id)
            if rules.runner_screws is not None:
                self.runners(rules, module_id)
            if rules.shelf_pins is not None:
                self.note_shelf(module_id)
            self.own_holes(module_id)
        if rules.shelf_pins is not None:
            for host_id, shelves in self.shelf_hosts.items():
                self.shelf_rows(rules, host_id, shelves)

    def result(self) -> DesignMachining:
        pieces = tuple(PieceMachining(p.key, p.name, p.role, p.frame.extent(p.frame.length_axis),
                                      p.frame.extent(p.frame.width_axis), p.thickness, tuple(sorted(p.holes)))
                       for p in self.pieces.values())
        return DesignMachining(pieces, tuple(self.plates), tuple(self.supports), tuple(self.screws),
                               dict(self.box_panels))

    # ------------------------------------------------------------------ helpers
    def state(self, module_id: str) -> ModuleState:
        return self.layout.state(module_id)

    def item(self, module_id: str, kind: str) -> tuple[str, HardwareItem] | None:
        """The module's first hardware item of this kind."""
        for line in self.modules[module_id].hardware:
            item = self.catalog.hardware[line.item]
            if item.kind == kind:
                return line.item, item
        return None

    def number(self, module_id: str, where: str, formula: Formula, env: Mapping[str, object]) -> float:
        try:
            return formula.number(env)
        except FormulaError as exc:
            raise MachiningError(f"module '{module_id}': machining.toml {where}: {exc}") from None

    def count(self, module_id: str, where: str, formula: Formula, env: Mapping[str, object]) -> int:
        value = self.number(module_id, f"{where}.count", formula, env)
        if value < 0 or value > MAX_QUANTITY:
            raise MachiningError(f"module '{module_id}': machining.toml {where}.count gives {value:g} "
                                 f"(0 .. {MAX_QUANTITY})")
        return math.ceil(value - 1e-9)

    def positions(self, module_id: str, where: str, row: Row, env: dict[str, object]) -> list[tuple[float, int]]:
        """The row's reference points along its line, with their index."""
        count = self.count(module_id, where, row.count, env)
        env[COUNT] = float(count)
        found = []
        for k in range(count):
            env[INDEX] = float(k)
            found.append((self.number(module_id, f"{where}.at", row.at, env), k))
        return found

    def hole_figures(self, module_id: str, where: str, rule: HoleRule,
                     env: Mapping[str, object]) -> tuple[float, float, float, float] | None:
        """(diameter, depth, along, across) of one hole of a pattern, or None where its ``when`` fails."""
        if rule.when is not None:
            try:
                if not rule.when.evaluate(env):
                    return None
            except FormulaError as exc:
                raise MachiningError(f"module '{module_id}': machining.toml {where}.when: {exc}") from None
        return (self.number(module_id, f"{where}.diameter", rule.diameter, env),
                self.number(module_id, f"{where}.depth", rule.depth, env),
                self.number(module_id, f"{where}.along", rule.along, env),
                self.number(module_id, f"{where}.across", rule.across, env))

    def add(self, piece: _Piece, rule: str, point: Point, face: Face, diameter: float, depth: float,
            through: bool = False, direction: Sequence[float] = (0.0, 0.0, 0.0)) -> Hole:
        x, y = piece.frame.drawing(point)
        drawn = piece.frame.direction(direction) if face == "edge" else (0.0, 0.0)
        hole = Hole(face, x, y, round(diameter, 3), round(piece.thickness if through else depth, 3), through,
                    rule, drawn)
        piece.holes.append(hole)
        return hole

    def sides(self, host_id: str) -> list[_Piece]:
        """The host's carcass panels standing across x (its sides, and dividers)."""
        return [p for p in self.by_module.get(host_id, []) if p.role == SIDE_ROLE and p.frame.thickness_axis == X]

    def side_beside(self, host_id: str, x: float, left: bool) -> _Piece | None:
        """The side nearest to the left (right) of ``x`` in the host's frame."""
        sides = self.sides(host_id)
        if left:
            found = [p for p in sides if p.frame.high(X) <= x + TOUCH]
            return max(found, key=lambda p: p.frame.high(X), default=None)
        found = [p for p in sides if p.frame.low(X) >= x - TOUCH]
        return min(found, key=lambda p: p.frame.low(X), default=None)

    def host_matrix(self, module_id: str) -> tuple[str, np.ndarray] | None:
        host_id = self.state(module_id).module.to
        if host_id is None or host_id not in self.modules:
            return None
        return host_id, relative(self.state(host_id).transform, self.state(module_id).transform)

    # ------------------------------------------------------------------- joints
    def joints(self, rules: MachiningFile, module_id: str) -> None:
        rule = rules.joints
        assert rule is not None
        pieces = [p for p in self.by_module[module_id]
                  if p.role in rule.roles and p.thickness >= rule.min_thickness - 1e-9]
        if not pieces:
            return
        self.box_panels[module_id] = tuple((p.key, p.frame.box, p.frame.thickness_axis) for p in pieces)
        centre = [(min(p.frame.low(a) for p in pieces) + max(p.frame.high(a) for p in pieces)) / 2 for a in (X, Y, Z)]
        found = [j for edge in pieces for face in pieces if edge is not face
                 for j in [_joint(edge, face)] if j is not None]
        # The connectors the module orders, for the rule to spread over its joints (what the BOM counts
        # is what gets drilled).
        connectors = sum(float(line.qty) for line in self.modules[module_id].hardware
                         if self.catalog.hardware[line.item].kind == "connector")
        for joint in found:
            self.drill_joint(rule, module_id, joint, centre, connectors, len(found))

    def drill_joint(self, rule: Joints, module_id: str, joint: _Joint, centre: list[float], connectors: float,
                    joints: int) -> None:
        edge, face = joint.edge, joint.face
        tf, te, line, plane, into_edge = joint.face_axis, joint.edge_axis, joint.line, joint.plane, joint.into_edge
        pattern = self.joint_pattern(module_id, rule, joint.hi - joint.lo, edge.thickness, face.thickness,
                                     connectors, joints)
        for at, hole, figures in pattern:
            diameter, depth, along, across = figures
            point = [0.0, 0.0, 0.0]
            point[line] = joint.lo + at + along
            if hole.panel == "face":
                point[te] = edge.frame.mid(te) + across
                point[tf] = plane
                self.add(face, "joints", _p(point), face.frame.face_at(plane), diameter, depth,
                         hole.through)
            elif hole.bore == "edge":
                point[te] = edge.frame.mid(te) + across
                point[tf] = plane
                direction = [0.0, 0.0, 0.0]
                direction[tf] = into_edge
                self.add(edge, "joints", _p(point), "edge", diameter, depth, False, direction)
            else:
                point[tf] = plane + into_edge * across
                point[te] = edge.frame.inner(centre)
                self.add(edge, "joints", _p(point), edge.frame.face_at(point[te]), diameter, depth,
                         hole.through)

    def joint_pattern(self, module_id: str, rule: Joints, length: float, thickness: float,
                      face_thickness: float, connectors: float, joints: int) -> JointPattern:
        """(reference point, hole, figures) of a joint of this length between boards this thick.

        A design has few kinds of joint (a carcass's four are two pairs alike), and the catalog check
        drills hundreds of designs, so the evaluated pattern is remembered per rule and figures."""
        key = (id(rule), round(length, 6), thickness, face_thickness, connectors, joints)
        known = _JOINT_PATTERNS.get(key)
        if known is not None and known[0] is rule:
            return known[1]
        env: dict[str, object] = {"length": length, "thickness": thickness, "face_thickness": face_thickness,
                                  "connectors": connectors, "joints": float(joints)}
        found: JointPattern = []
        for at, k in self.positions(module_id, "joints", rule, env):
            env[INDEX] = float(k)
            for i, hole in enumerate(rule.holes):
                figures = self.hole_figures(module_id, f"joints.holes[{i}]", hole, env)
                if figures is not None:
                    found.append((at, hole, figures))
        if len(_JOINT_PATTERNS) >= PATTERN_LIMIT:
            _JOINT_PATTERNS.clear()
        _JOINT_PATTERNS[key] = (rule, found)
        return found

    # ------------------------------------------------------------ hinges, plates
    def hinges(self, rules: MachiningFile, module_id: str) -> None:
        rule = rules.hinge_cups
        assert rule is not None
        parts = self.modules[module_id]
        found = self.item(module_id, "hinge")
        if found is None or not parts.leaves:
            return
        item_id, item = found
        leaf_hinges = {leaf.part: leaf.hinges for leaf in parts.leaves}
        host = self.host_matrix(module_id)
        for p, panel in enumerate(parts.panels):
            if panel.role != FRONT_ROLE or not panel.hinges or panel.name not in leaf_hinges:
                continue
            for b, side in enumerate(panel.hinges):
                piece = self.pieces[(module_id, p, b)]
                frame = piece.frame
                if frame.width_axis != X or frame.thickness_axis != Y:
                    continue   # only fronts hinged on an upright edge (doors) are drilled here
                env: dict[str, object] = {
                    "length": frame.extent(frame.length_axis), "width": frame.extent(X), "thickness": piece.thickness,
                    "hinges": float(leaf_hinges[panel.name]), "hinge": ItemValue(item_id, item_fields(item))}
                edge_x = frame.low(X) if side == "left" else frame.high(X)
                inward = 1.0 if side == "left" else -1.0
                for at, k in self.positions(module_id, "hinge_cups", rule, env):
                    env[INDEX] = float(k)
                    reference = [0.0, 0.0, 0.0]
                    reference[frame.length_axis] = frame.low(frame.length_axis) + at
                    reference[X] = edge_x
                    for i, hole in enumerate(rule.holes):
                        figures = self.hole_figures(module_id, f"hinge_cups.holes[{i}]", hole, env)
                        if figures is None:
                            continue
                        diameter, depth, along, across = figures
                        point = list(reference)
                        point[frame.length_axis] += along
                        point[X] = edge_x + inward * across
                        point[Y] = frame.high(Y)   # the inner face: towards the carcass behind
                        self.add(piece, "hinge_cups", (point[0], point[1], point[2]), "front", diameter, depth,
                                 hole.through)
                    if host is not None and rules.hinge_plates is not None:
                        host_id, matrix = host
                        self.plate(rules, module_id, host_id, transform_point(matrix, reference),
                                   transform_point(matrix, (frame.mid(X), 0.0, 0.0))[0], item_id, item)

    def plate(self, rules: MachiningFile, door_id: str, host_id: str, hinge: Point, door_centre_x: float,
              item_id: str, item: HardwareItem) -> None:
        rule = rules.hinge_plates
        assert rule is not None
        sides = self.sides(host_id)
        if not sides:
            return
        side = min(sides, key=lambda p: abs(p.frame.mid(X) - hinge[X]))
        frame = side.frame
        face_x = frame.high(X) if frame.mid(X) < door_centre_x else frame.low(X)
        face = frame.face_at(face_x)
        front_y = frame.low(Y)
        env: dict[str, object] = {"width": frame.extent(frame.width_axis), "thickness": side.thickness,
                                  "hinge": ItemValue(item_id, item_fields(item))}
        for i, hole in enumerate(rule.holes):
            figures = self.hole_figures(door_id, f"hinge_plates.holes[{i}]", hole, env)
            if figures is None:
                continue
            diameter, depth, along, across = figures
            self.add(side, "hinge_plates", (face_x, front_y + across, hinge[Z] + along), face, diameter, depth,
                     hole.through)
        length = self.number(door_id, "hinge_plates.plate_length", rule.plate_length, env)
        width = self.number(door_id, "hinge_plates.plate_width", rule.plate_width, env)
        start = self.number(door_id, "hinge_plates.plate_setback", rule.plate_setback, env)
        a = frame.drawing((face_x, front_y + start, hinge[Z] - length / 2))
        b = frame.drawing((face_x, front_y + start + width, hinge[Z] + length / 2))
        self.plates.append(Plate(door_id, side.key, face, (min(a[0], b[0]), min(a[1], b[1]),
                                                           max(a[0], b[0]), max(a[1], b[1])),
                                 (hinge[Z] - length / 2, hinge[Z] + length / 2)))

    # ------------------------------------------------------------------ handles
    def handles(self, rules: MachiningFile, module_id: str) -> None:
        rule = rules.handle_holes
        assert rule is not None
        state = self.state(module_id)
        fronts = [p for p in self.by_module[module_id] if p.role == FRONT_ROLE and p.frame.thickness_axis == Y]
        for n, fitting in enumerate(state.mtype.fittings):
            where = f"handle_holes (fittings[{n}])"
            try:
                if fitting.when is not None and not fitting.when.evaluate(state.env):
                    continue
                item_id = str(state.params.get(fitting.item, fitting.item))
                item = self.catalog.hardware.get(item_id)
                if item is None or item.kind != "handle" or item.reference_size is None:
                    continue
                anchor = (fitting.x.number(state.env), fitting.y.number(state.env), fitting.z.number(state.env))
            except FormulaError as exc:
                raise MachiningError(f"module '{module_id}': {where}: {exc}") from None
            ex, _, ez = item.reference_size
            if fitting.vertical:
                ex, ez = ez, ex
            centre = (anchor[X] + ex / 2, anchor[Z] + ez / 2)
            line, across_axis = (Z, X) if fitting.vertical else (X, Z)
            piece = next((p for p in fronts if p.frame.low(X) - TOUCH <= centre[0] <= p.frame.high(X) + TOUCH
                          and p.frame.low(Z) - TOUCH <= centre[1] <= p.frame.high(Z) + TOUCH), None)
            if piece is None:
                continue
            env: dict[str, object] = {"width": piece.frame.extent(piece.frame.width_axis),
                                      "thickness": piece.thickness, "handle": ItemValue(item_id, item_fields(item))}
            for at, k in self.positions(module_id, "handle_holes", rule, env):
                env[INDEX] = float(k)
                for i, hole in enumerate(rule.holes):
                    figures = self.hole_figures(module_id, f"handle_holes.holes[{i}]", hole, env)
                    if figures is None:
                        continue
                    diameter, depth, along, across = figures
                    point = [0.0, piece.frame.high(Y), 0.0]
                    point[X], point[Z] = centre
                    point[line] += at + along
                    point[across_axis] += across
                    p3 = (point[0], point[1], point[2])
                    self.add(piece, "handle_holes", p3, "front", diameter, depth, hole.through)
                    self.screws.append(HandleScrew(module_id, piece.key, p3, diameter / 2, Y))

    # ------------------------------------------------------------------ runners
    def runners(self, rules: MachiningFile, module_id: str) -> None:
        rule = rules.runner_screws
        assert rule is not None
        found = self.item(module_id, "runner")
        host = self.host_matrix(module_id)
        boxes = [p for p in self.by_module[module_id] if p.role == "drawer_box"]
        if found is None or host is None or not boxes:
            return
        item_id, item = found
        host_id, matrix = host
        low = transform_point(matrix, (min(p.frame.low(X) for p in boxes), 0.0, min(p.frame.low(Z) for p in boxes)))
        high = transform_point(matrix, (max(p.frame.high(X) for p in boxes), 0.0, 0.0))
        for left in (True, False):
            side = self.side_beside(host_id, low[X] if left else high[X], left)
            if side is None:
                continue
            frame = side.frame
            face_x = frame.high(X) if left else frame.low(X)
            env: dict[str, object] = {"width": frame.extent(frame.width_axis), "thickness": side.thickness,
                                      "runner": ItemValue(item_id, item_fields(item))}
            for at, k in self.positions(module_id, "runner_screws", rule, env):
                env[INDEX] = float(k)
                for i, hole in enumerate(rule.holes):
                    figures = self.hole_figures(module_id, f"runner_screws.holes[{i}]", hole, env)
                    if figures is None:
                        continue
                    diameter, depth, along, across = figures
                    self.add(side, "runner_screws", (face_x, frame.low(Y) + at + along, low[Z] + across),
                             frame.face_at(face_x), diameter, depth, hole.through)

    # ----------------------------------------------------------- a module's own
    def own_holes(self, module_id: str) -> None:
        """The module type's own ``[[drilling]]``: holes entering a part of it, or of its host, at points of
        its frame; the part's piece nearest the point, on its face nearest the point."""
        state = self.state(module_id)
        for n, drill in enumerate(state.mtype.drilling):
            where = f"modules/{state.mtype.id}.toml drilling[{n}]"
            target, matrix = module_id, None
            if drill.host:
                host = self.host_matrix(module_id)
                if host is None:
                    continue
                target, matrix = host
            pieces = [p for p in self.by_module.get(target, []) if p.name == drill.part]
            if not pieces:
                continue
            env: dict[str, object] = dict(state.env)
            count = self.count(module_id, where, drill.count, env)
            for k in range(count):
                env[INDEX] = float(k)
                try:
                    point = (drill.x.number(env), drill.y.number(env), drill.z.number(env))
                    diameter, depth = drill.diameter.number(env), drill.depth.number(env)
                except FormulaError as exc:
                    raise MachiningError(f"module '{module_id}': {where}: {exc}") from None
                if matrix is not None:
                    point = transform_point(matrix, point)
                piece = min(pieces, key=lambda p: _distance(p.frame, point))
                axis = piece.frame.thickness_axis
                entry = list(point)
                entry[axis] = piece.frame.inner(point)   # the face nearest the point
                self.add(piece, "drilling", _p(entry), piece.frame.face_at(entry[axis]), diameter, depth,
                         drill.through)

    # ------------------------------------------------------------------ shelves
    def note_shelf(self, module_id: str) -> None:
        """Remember an insert on shelf pins; its host's rows are drilled once every plate is known."""
        found = self.item(module_id, "shelf_pin")
        host = self.host_matrix(module_id)
        state = self.state(module_id)
        if found is None or host is None or not state.mtype.attach.z_step:
            return
        host_id, matrix = host
        x0, _, z0 = transform_point(matrix, (0.0, 0.0, 0.0))
        x1 = transform_point(matrix, (state.size[0], 0.0, 0.0))[0]
        shelf_host = self.shelf_hosts.setdefault(host_id, _ShelfHost(found[1], found[0], state.mtype.attach.z_step))
        shelf_host.shelves.append((module_id, min(x0, x1), max(x0, x1), z0))

    def shelf_rows(self, rules: MachiningFile, host_id: str, shelves: _ShelfHost) -> None:
        rule = rules.shelf_pins
        assert rule is not None
        opening = self.state(host_id).opening
        if opening is None:
            return
        oz, oh = opening[2], opening[4]
        step = shelves.step
        base = oz + step * round(oh / (2 * step))
        drilled: set[PieceKey] = set()
        for shelf_id, x0, x1, bottom in shelves.shelves:
            for left in (True, False):
                side = self.side_beside(host_id, x0 if left else x1, left)
                if side is None:
                    continue
                frame = side.frame
                face_x = frame.high(X) if left else frame.low(X)
                face = frame.face_at(face_x)
                env: dict[str, object] = {"width": frame.extent(frame.width_axis), "thickness": side.thickness,
                                          "step": step, "shelf_pin": ItemValue(shelves.item_id,
                                                                               item_fields(shelves.item))}
                pattern = [f for i, h in enumerate(rule.holes)
                           if (f := self.hole_figures(shelf_id, f"shelf_pins.holes[{i}]", h, env)) is not None]
                points = tuple(frame.drawing((face_x, frame.low(Y) + across, bottom + along))
                               for _, _, along, across in pattern)
                radius = max((d for d, _, _, _ in pattern), default=0.0) / 2
                self.supports.append(ShelfSupport(shelf_id, side.key, face, points, radius, bottom))
                if side.key in drilled:
                    continue
                drilled.add(side.key)
                margin = self.number(shelf_id, "shelf_pins.margin", rule.margin, env)
                plates = [pl.rect for pl in self.plates if pl.piece == side.key and pl.face == face]
                n_low = math.floor((oz + margin - base) / step) - 1
                n_high = math.ceil((oz + oh - margin - base) / step) + 1
                # Holes already on this face (plate and runner screws, joints): a pin hole keeps clear of them.
                others = [h for h in side.holes if h.face == face or h.through]
                gap = rules.clearances.min_hole_gap
                for n in range(n_low, n_high + 1):
                    level = base + n * step
                    if level < oz + margin - 1e-6 or level > oz + oh - margin + 1e-6:
                        continue
                    for diameter, depth, along, across in pattern:
                        point = (face_x, frame.low(Y) + across, level + along)
                        x, y = frame.drawing(point)
                        if any(_in_rect(x, y, diameter / 2, rect) for rect in plates):
                            continue   # no pin hole under a hinge plate
                        if any(math.hypot(h.x - x, h.y - y) < h.radius + diameter / 2 + gap for h in others):
                            continue   # nor where a runner's screw or a joint's hole is
                        self.add(side, "shelf_pins", point, face, diameter, depth)


def _distance(frame: PieceFrame, point: Sequence[float]) -> float:
    """How far a point is from a piece's box (0 inside it)."""
    return math.hypot(*(max(frame.low(a) - point[a], point[a] - frame.high(a), 0.0) for a in (X, Y, Z)))


def _p(point: Sequence[float]) -> Point:
    return float(point[0]), float(point[1]), float(point[2])


def _in_rect(x: float, y: float, radius: float, rect: tuple[float, float, float, float]) -> bool:
    """True when a hole of this radius at (x, y) reaches into the rectangle."""
    x0, y0, x1, y1 = rect
    return x0 - radius < x < x1 + radius and y0 - radius < y < y1 + radius
