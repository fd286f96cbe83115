"""Rule 6: the assembly stands: nothing overlaps, everything is held, and it fits the room.

* Overlap: module boxes may touch, not intersect (an insert and its own host, or
  a module and what it stands on, are not an overlap).  Sort-and-sweep over the
  boxes in numpy: a few milliseconds for a thousand modules.
* Support: a floor module stands on the floor; a wall module hangs on hanging
  hardware (a hardware line of kind ``hanging_bracket`` or ``hanging_rail``);
  a module placed on others rests with its middle over something below it.
* Height: every unit within ``max_assembly_height`` and, when the design has a
  room height, under the ceiling (a warning when it is too tall to be stood up
  under that ceiling: its diagonal).
* Runs (:mod:`app.domain.design.runs`): a plinth or legs as long as the units on
  them (shorter is an error: a unit's end stands on nothing; longer a warning), a
  top ending at the end of a unit it lies on (a warning), each with the fix that
  resizes it to the run where its limits allow.  Units that overlap side by side
  (one made wider without its run) are offered "make room": the ones to the
  right move along and what spans the join grows.
"""

from __future__ import annotations

import math

import numpy as np

from app.domain.catalog.module_eval import Vec3
from app.domain.design import runs
from app.domain.design.commands import Command, MoveModule, RemoveModule, SetParameter
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.design.placement import TOUCH, snap_steps
from app.domain.rules.context import CheckContext
from app.domain.rules.findings import Finding, Fix, Measure
from app.domain.rules.fixes import first_accepted, search_fixes
from app.domain.rules.search import searchable

CODE_OVERLAP = "assembly.overlap"
CODE_FLOATING = "assembly.floating"
CODE_HANGING = "assembly.no_hanging_hardware"
CODE_UNSUPPORTED = "assembly.unsupported"
CODE_HEIGHT = "assembly.height"
CODE_ROOM = "assembly.room_height"
CODE_TILT = "assembly.tilt_up"
CODE_SPAN = "assembly.run_span"
HANGING_KINDS = ("hanging_bracket", "hanging_rail")

Boxes = tuple[list[str], np.ndarray, np.ndarray]   # module ids, their world boxes' low and high corners


def _boxes(ctx: CheckContext) -> Boxes:
    ids: list[str] = []
    lows: list[np.ndarray] = []
    highs: list[np.ndarray] = []
    for module_id in ctx.design.ids():
        state = ctx.state(module_id)
        if state is None:
            continue
        lo, hi = state.world_bounds
        ids.append(module_id)
        lows.append(lo)
        highs.append(hi)
    if not ids:
        return [], np.zeros((0, 3)), np.zeros((0, 3))
    return ids, np.array(lows), np.array(highs)


def overlapping_pairs(ctx: CheckContext, boxes: Boxes | None = None) -> list[tuple[str, str]]:
    """Pairs (earlier, later in design order) of modules whose boxes intersect.

    Sort and sweep along x in numpy: only boxes whose x ranges meet are compared,
    so a thousand modules take a few milliseconds.
    """
    ids, lo, hi = boxes if boxes is not None else _boxes(ctx)
    n = len(ids)
    if n < 2:
        return []
    order = np.argsort(lo[:, 0], kind="stable")
    slo, shi = lo[order], hi[order]
    # Box i (in x order) can only meet the boxes after it that start before it ends.
    ends = np.searchsorted(slo[:, 0], shi[:, 0] - TOUCH, side="left")
    counts = np.maximum(ends - np.arange(n) - 1, 0)
    first = np.repeat(np.arange(n), counts)
    second = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + first + 1
    hit = np.all(slo[first] < shi[second] - TOUCH, axis=1) & np.all(slo[second] < shi[first] - TOUCH, axis=1)
    if not hit.any():
        return []
    position = {mid: i for i, mid in enumerate(ctx.design.ids())}
    pairs = set()
    for i, j in zip(order[first[hit]].tolist(), order[second[hit]].tolist()):
        a, b = ids[i], ids[j]
        if a in ctx.ancestors(b) or b in ctx.ancestors(a):   # an insert in its own host, a top on its carcass
            continue
        pairs.add(tuple(sorted((a, b), key=position.__getitem__)))
    return sorted(pairs, key=lambda p: (position[p[0]], position[p[1]]))


def _root(ctx: CheckContext, module_id: str) -> str:
    ancestors = ctx.ancestors(module_id)
    return ancestors[-1] if ancestors else module_id


def check_design(ctx: CheckContext) -> list[Finding]:
    found = []
    boxes = _boxes(ctx)
    for a, b in overlapping_pairs(ctx, boxes):
        other = f"another {ctx.name(a)}" if ctx.name(a) == ctx.name(b) else f"the {ctx.name(a)}"
        found.append(Finding("error", CODE_OVERLAP, (b, a),
                             f"This {ctx.name(b)} overlaps {other}: two things cannot be in one place."))
    limits = ctx.catalog.info.limits
    tops: dict[str, float] = {}
    for module_id in ctx.design.ids():
        state = ctx.state(module_id)
        if state is None:
            continue
        module = state.module
        lo, hi = state.world_bounds
        root = _root(ctx, module_id)
        tops[root] = max(tops.get(root, 0.0), float(hi[2]))
        if module.attach == "floor" and abs(module.position[2]) > TOUCH:
            found.append(Finding("error", CODE_FLOATING, (module_id,),
                                 f"The {ctx.name(module_id)} stands {module.position[2]:g} mm above the floor.",
                                 Measure(module.position[2], 0, "mm", "height above the floor")))
        if module.attach == "wall":
            parts = ctx.parts(module_id)
            kinds = {ctx.catalog.hardware[line.item].kind for line in parts.hardware} if parts else set()
            if not kinds & set(HANGING_KINDS):
                found.append(Finding("error", CODE_HANGING, (module_id,),
                                     f"The {ctx.name(module_id)} hangs on the wall but has no hanging hardware."))
        if module.attach == "on" and not _rests_on_something(boxes, module_id, lo, hi):
            found.append(Finding("error", CODE_UNSUPPORTED, (module_id,),
                                 f"The {ctx.name(module_id)} overhangs: its middle is not over anything that "
                                 f"could carry it. Put a cabinet under it or make it smaller."))
    found += _run_spans(ctx)
    for root, top in tops.items():
        if top > limits.max_assembly_height + TOUCH:
            found.append(Finding("error", CODE_HEIGHT, (root,),
                                 f"This unit is {top:g} mm tall; we build units up to "
                                 f"{limits.max_assembly_height:g} mm.",
                                 Measure(top, limits.max_assembly_height, "mm", "height")))
        room = ctx.design.room_height
        if room is None:
            continue
        if top > room + TOUCH:
            found.append(Finding("error", CODE_ROOM, (root,),
                                 f"This unit is {top:g} mm tall; the room is {room:g} mm high.",
                                 Measure(top, room, "mm", "height")))
        elif ctx.design.get(root).attach == "floor":
            lo, hi = ctx.layout.state(root).world_bounds
            diagonal = math.hypot(top, float(hi[1] - lo[1]))
            if diagonal > room + TOUCH:
                found.append(Finding("warning", CODE_TILT, (root,),
                                     f"Standing this unit up needs {diagonal:.0f} mm under the ceiling; the room "
                                     f"is {room:g} mm high. It will have to be assembled upright in place.",
                                     Measure(round(diagonal), room, "mm", "diagonal")))
    return found


def _rests_on_something(boxes: Boxes, module_id: str, lo: np.ndarray, hi: np.ndarray) -> bool:
    """Whether the middle of the module's underside is over the top of another module."""
    ids, los, his = boxes
    cx, cy = (lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2
    under = ((np.abs(his[:, 2] - lo[2]) <= TOUCH) & (los[:, 0] - TOUCH <= cx) & (cx <= his[:, 0] + TOUCH)
             & (los[:, 1] - TOUCH <= cy) & (cy <= his[:, 1] + TOUCH))
    return any(ids[i] != module_id for i in np.nonzero(under)[0])


def _move_fix(ctx: CheckContext, module_id: str) -> Fix | None:
    """Move to the nearest of its snap steps that the whole design accepts."""
    module = ctx.design.get(module_id)
    steps = sorted(snap_steps(ctx.catalog, ctx.design, module_id), key=lambda p: math.dist(p, module.position))
    label = f"Move the {ctx.name(module_id)} to the nearest free place"

    def move_to(position: Vec3) -> Fix:
        return Fix(label, lambda design: MoveModule(module_id, position=position, label=label)
                   if module_id in design else None)

    return first_accepted(ctx, (move_to(p) for p in steps if math.dist(p, module.position) > TOUCH))


def _remove_fix(ctx: CheckContext, module_id: str) -> Fix:
    label = f"Remove the {ctx.name(module_id)}"
    return Fix(label, lambda design: RemoveModule(module_id, label=label) if module_id in design else None)


def _x(ctx: CheckContext, module_id: str) -> tuple[float, float]:
    lo, hi = ctx.layout.state(module_id).world_bounds
    return float(lo[0]), float(hi[0])


def _run_spans(ctx: CheckContext) -> list[Finding]:
    """Plinths and legs as long as the units on them; tops ending where a unit ends."""
    found: list[Finding] = []
    tol = runs.tolerance(ctx.catalog) + TOUCH
    try:
        found_runs = runs.find_runs(ctx.catalog, ctx.layout)
    except (ValueError, KeyError):   # an unresolvable module is reported by its own rule
        return found
    for run in found_runs:
        edges = sorted({e for u in run.units for e in _x(ctx, u)})
        for span_id in runs.spanning(ctx.catalog, ctx.layout, run):
            category = ctx.mtype(span_id).category
            lo, hi = _x(ctx, span_id)
            if category == "base":
                carried = [u for u in run.units if ctx.design.get(u).to == span_id]
                want_lo, want_hi = min(_x(ctx, u)[0] for u in carried), max(_x(ctx, u)[1] for u in carried)
                short = max(lo - want_lo, want_hi - hi)
                if short > tol:
                    found.append(Finding("error", CODE_SPAN, (span_id,), (
                        f"The {ctx.name(span_id)} is {hi - lo:g} mm long under {want_hi - want_lo:g} mm of "
                        f"{ctx.name(carried[-1])}s: their end stands on nothing."),
                        Measure(hi - lo, want_hi - want_lo, "mm", "length")))
                elif (hi - lo) - (want_hi - want_lo) > tol:
                    found.append(Finding("warning", CODE_SPAN, (span_id,), (
                        f"The {ctx.name(span_id)} is {(hi - lo) - (want_hi - want_lo):g} mm longer than the "
                        f"{ctx.name(carried[-1])}s on it."), Measure(hi - lo, want_hi - want_lo, "mm", "length")))
            elif category == "top" and not any(abs(hi - e) <= tol for e in edges):
                nearest = min(edges, key=lambda e: abs(hi - e))
                where = "past the end of" if hi > run.hi + tol else "in the middle of"
                found.append(Finding("warning", CODE_SPAN, (span_id,), (
                    f"The {ctx.name(span_id)} ends {where} the {ctx.name(run.units[-1])}s: "
                    f"{abs(hi - nearest):g} mm from the nearest end of one."),
                    Measure(hi - lo, nearest - lo, "mm", "length")))
    return found


def _span_fix(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    """Resize the top or base to the length the run asks of it (the finding's limit), if it is made so."""
    module_id = finding.modules[0]
    measure = finding.measure
    if measure is None or "width" not in ctx.mtype(module_id).params:
        return ()
    current = ctx.design.get(module_id).params.get("width", ctx.mtype(module_id).params["width"].default)
    if not isinstance(current, (int, float)):
        return ()
    value = runs.allowed(ctx.mtype(module_id), "width", float(current) + measure.limit - measure.value)
    if value is None:
        return ()
    label = f"Make the {ctx.name(module_id)} {value:g} mm long, as the run"
    fix = Fix(label, lambda design: SetParameter(module_id, name="width", value=value, label=label)
              if module_id in design else None)
    return (fix,) if ctx.accepts(fix) else ()


def _make_room_fix(ctx: CheckContext, finding: Finding) -> Fix | None:
    if len(finding.modules) < 2:
        return None
    a, b = finding.modules[0], finding.modules[1]
    if runs.make_room(ctx.catalog, ctx.layout, a, b) is None:
        return None
    label = f"Move the {ctx.name(b)}s along to make room"

    def build(design: Design) -> Command | None:   # worked out on the design the fix is applied to
        if a not in design or b not in design:
            return None
        return runs.make_room(ctx.catalog, Layout(ctx.catalog, design), a, b)

    fix = Fix(label, build)
    return fix if ctx.accepts(fix) else None


def fixes(ctx: CheckContext, finding: Finding) -> tuple[Fix, ...]:
    module_id = finding.modules[0]
    if finding.code == CODE_SPAN:
        return _span_fix(ctx, finding)
    if finding.code == CODE_OVERLAP:
        # Units side by side first make room (the run pushes along); removing takes what the module
        # carries with it, and what rested on it may lose its support: like every fix, it is offered
        # only when the whole design accepts it.
        room = _make_room_fix(ctx, finding)
        remove = first_accepted(ctx, [_remove_fix(ctx, module_id)])
        return tuple(f for f in (room, _move_fix(ctx, module_id), remove) if f is not None)
    if finding.code == CODE_FLOATING:
        x, y, _ = ctx.design.get(module_id).position
        label = f"Put the {ctx.name(module_id)} on the floor"
        fix = Fix(label, lambda design: MoveModule(module_id, position=(x, y, 0.0), label=label)
                  if module_id in design else None)
        return (fix,) if ctx.accepts(fix) else ()
    if finding.code in (CODE_HEIGHT, CODE_ROOM, CODE_TILT):
        stack = [module_id] + [m.id for m in ctx.design.descendants(module_id)]
        targets = [(m, n) for m in stack for n in searchable(ctx, m) if "height" in n]
        return search_fixes(ctx, finding, targets)
    return ()
