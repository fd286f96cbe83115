"""Holes that cannot be drilled as they are: the drilling check's facts, without words for customers.

* ``pin_under_plate``: a placed shelf's pin goes where a hinge plate sits on the side;
* ``pin_not_drilled``: a placed shelf's pin has no hole (off the 32 mm grid, too near
  the opening's ends, or where a runner's screw or a joint's hole is);
* ``handle_over_joint``: a handle screw through a front meets a box panel standing
  edge-on behind it (a drawer-box joint), or comes closer to it than the clearance;
* ``overlap``: two holes on one face (or two borings into one edge) closer than
  ``min_hole_gap`` rim to rim, or blind holes from both faces at one place leaving
  less than ``min_remaining`` of board between them;
* ``edge_distance``: a hole's rim closer than ``min_edge_distance`` to the part's edge;
* ``depth``: a blind hole that leaves less than ``min_remaining`` of board under it.

The clearances are the catalog's (``machining.toml [clearances]``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.domain.catalog.machining_model import Clearances
from app.domain.production.machining.holes import DesignMachining, Hole, PieceKey, PieceMachining

EPSILON = 1e-6


@dataclass(frozen=True)
class Clash:
    code: str
    modules: tuple[str, ...]
    piece: PieceKey
    part: str              # the part's name
    message: str           # what and where, in the part's drawing frame (mm)
    value: float           # the measured figure (mm) ...
    limit: float           # ... against the least allowed


def clashes(machining: DesignMachining, clearances: Clearances) -> list[Clash]:
    found: list[Clash] = []
    found += _shelf_pins(machining)
    found += _handles_over_joints(machining, clearances)
    for piece in machining.pieces:
        found += _piece_clashes(piece, clearances)
    return found


def _at(x: float, y: float) -> str:
    return f"({x:g}, {y:g})"


def _shelf_pins(machining: DesignMachining) -> list[Clash]:
    """Each placed shelf's pins must go into drilled pin holes: not under a plate, not where other holes are."""
    found = []
    for support in machining.supports:
        side = machining.piece(support.piece)
        drilled = {(h.x, h.y) for h in side.holes if h.rule == "shelf_pins" and h.face == support.face}
        missing = [(x, y) for x, y in support.points if (x, y) not in drilled]
        if not missing:
            continue
        plate = next((pl for pl in machining.plates if pl.piece == support.piece and pl.face == support.face
                      and any(_in(x, y, support.radius, pl.rect) for x, y in missing)), None)
        if plate is not None:
            low, high = plate.span
            found.append(Clash("pin_under_plate", (support.shelf, plate.door), support.piece, side.name,
                               f"the shelf {support.height:g} mm up stands where a door's hinge plate sits "
                               f"({low:g} to {high:g} mm up the {side.name.lower()}), so its pins cannot go in",
                               0.0, 0.0))
        else:
            found.append(Clash("pin_not_drilled", (support.shelf,), support.piece, side.name,
                               f"the shelf {support.height:g} mm up has no pin holes in the {side.name.lower()} "
                               f"there: the pin rows keep to the 32 mm grid, inside the opening and clear of the "
                               f"runners' and joints' holes", 0.0, 0.0))
    return found


def _in(x: float, y: float, radius: float, rect: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = rect
    return x0 - radius < x < x1 + radius and y0 - radius < y < y1 + radius


def _handles_over_joints(machining: DesignMachining, clearances: Clearances) -> list[Clash]:
    found = []
    for screw in machining.handle_screws:
        reach = screw.radius + clearances.handle_joint_clearance
        for key, box, thickness_axis in machining.box_panels.get(screw.module, ()):
            if thickness_axis == screw.axis:
                continue   # a panel parallel to the front takes the screw; one edge-on to it is a joint
            others = [a for a in range(3) if a != screw.axis]
            gaps = [max(box[a] - screw.point[a], screw.point[a] - box[a + 3], 0.0) for a in others]
            gap = math.hypot(*gaps) - screw.radius
            if gap < clearances.handle_joint_clearance - EPSILON:
                front = machining.piece(screw.piece)
                behind = machining.piece(key)
                found.append(Clash("handle_over_joint", (screw.module,), screw.piece, front.name,
                                   f"a handle screw through the {front.name.lower()} lands "
                                   f"{'on' if gap <= 0 else f'{gap:.1f} mm from'} the {behind.name.lower()} "
                                   f"behind it (at least {clearances.handle_joint_clearance:g} mm clear: "
                                   f"{reach:g} mm from the screw's centre)", max(gap, 0.0),
                                   clearances.handle_joint_clearance))
                break
    return found


def _faces(hole: Hole) -> tuple[str, ...]:
    return ("front", "back") if hole.through else (hole.face,)


def _piece_clashes(piece: PieceMachining, c: Clearances) -> list[Clash]:
    found = []
    module = (piece.module_id,)
    for hole in piece.holes:
        where = f"the {hole.diameter:g} mm hole at {_at(hole.x, hole.y)} mm of the {piece.name.lower()}"
        if hole.face == "edge":
            into_end = abs(hole.direction[0]) > 0.5    # a boring into an X end runs along the length
            spot, extent = (hole.y, piece.width) if into_end else (hole.x, piece.length)
            reach = piece.length if into_end else piece.width
            # centred in the board's thickness: its rim is also that close to both faces
            rim = min(spot, extent - spot, piece.thickness / 2) - hole.radius
        else:
            rim = min(hole.x, piece.length - hole.x, hole.y, piece.width - hole.y) - hole.radius
            reach = piece.thickness
        if rim < c.min_edge_distance - EPSILON:
            found.append(Clash("edge_distance", module, piece.key, piece.name,
                               f"{where} leaves {max(rim, 0):.1f} mm to the edge", rim, c.min_edge_distance))
        if not hole.through and hole.depth > reach - c.min_remaining + EPSILON:
            found.append(Clash("depth", module, piece.key, piece.name,
                               f"{where} is {hole.depth:g} mm deep in {reach:g} mm of board", hole.depth,
                               reach - c.min_remaining))
    # Holes that can meet: on one face (a through hole is on both), or borings into one edge.  Each group
    # is swept along X: only holes closer in X than two radii and the gap can overlap.
    groups: dict[object, list[Hole]] = {}
    for hole in piece.holes:
        keys = [("edge", hole.direction)] if hole.face == "edge" else list(_faces(hole))
        for key in keys:
            groups.setdefault(key, []).append(hole)
    seen: set[tuple[Hole, Hole]] = set()
    for group in groups.values():
        group.sort(key=lambda h: h.x)
        widest = max(h.radius for h in group)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if b.x - a.x >= a.radius + widest + c.min_hole_gap:
                    break
                gap = math.hypot(a.x - b.x, a.y - b.y) - a.radius - b.radius
                if gap < c.min_hole_gap - EPSILON and (a, b) not in seen:
                    seen.add((a, b))
                    found.append(Clash("overlap", module, piece.key, piece.name,
                                       f"the {a.diameter:g} mm hole at {_at(a.x, a.y)} and the {b.diameter:g} mm "
                                       f"hole at {_at(b.x, b.y)} mm of the {piece.name.lower()} leave "
                                       f"{max(gap, 0):.1f} mm between them", gap, c.min_hole_gap))
    found += _meeting_through_the_board(piece, c)
    return found


def _meeting_through_the_board(piece: PieceMachining, c: Clearances) -> list[Clash]:
    """Blind holes from the two faces at one place whose depths leave too little board between them."""
    front = sorted((h for h in piece.holes if h.face == "front" and not h.through), key=lambda h: h.x)
    back = [h for h in piece.holes if h.face == "back" and not h.through]
    found = []
    for b in back:
        for a in front:
            if abs(a.x - b.x) >= a.radius + b.radius or math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius:
                continue
            left = piece.thickness - a.depth - b.depth
            if left < c.min_remaining - EPSILON:
                found.append(Clash("overlap", (piece.module_id,), piece.key, piece.name,
                                   f"the {a.diameter:g} mm hole at {_at(a.x, a.y)} on the front and the "
                                   f"{b.diameter:g} mm hole at {_at(b.x, b.y)} on the back of the "
                                   f"{piece.name.lower()} leave {max(left, 0):.1f} mm of board between them",
                                   left, c.min_remaining))
    return found
