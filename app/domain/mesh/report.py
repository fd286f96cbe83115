"""The check report of one mesh file: is it fit for the showroom, and what publishing fixes.

Each check gives a :class:`Finding` with a level:

- ``ok``: as it should be;
- ``info``: worth knowing (an assumption, the number of pieces, texture sizes);
- ``fix``: not as Modulor keeps meshes, and publishing fixes it (units, up axis,
  origin, degenerate or duplicate triangles, inside-out pieces);
- ``warning``: the designer should look (units guessed from the size alone, a
  size no furniture has, stray fragments, missing textures);
- ``error``: unfit, publishing cannot fix it (holes, inconsistent normals, over
  the triangle budget, flat, not the catalog entry's size).

A file is *fit* without errors; *ready as it is* (``--strict``) with nothing but
ok and info.  Two answers only the designer can give hold a file back as well
(:attr:`MeshReport.verdict`): units the size leaves *ambiguous* (a furniture
size in two units) and an up axis that would *lie the module down*; ``mesh
check`` counts them as failures unless ``--units`` / ``--up`` answer them.  The
limits (triangle budget, size tolerance) come from the catalog.

:func:`check_files` reads, analyses and judges each file in the worker process, so
that every step whose time grows with the file is inside the worker's time limit;
only the report's text and verdict travel back (:class:`CheckedFile`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.clean import Choices, converted, corner
from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.inspection import Inspected, inspect_file
from app.domain.mesh.loading import MAX_MESH_BYTES
from app.domain.mesh.sandbox import READ_TIMEOUT_S, MeshWorker
from app.domain.mesh.units import UNIT_NAMES, UNITS, Guess, check_up, guess_units, guess_up, module_size_mm

Level = Literal["ok", "info", "fix", "warning", "error"]
# Textures wider than this are more than a kiosk GPU should hold for one module (4096 is the
# largest size OpenGL ES 3 / WebGL 2 guarantee); the configurator draws finishes, not textures.
MAX_TEXTURE_SIDE = 4096
# A module whose largest side is this many times smaller or larger than the catalog's typical
# module is probably read in the wrong units.
IMPLAUSIBLE_FACTOR = 20.0


@dataclass(frozen=True)
class CheckContext:
    """What a mesh is checked against: the catalog's limits and, when updating, its entry."""

    triangle_budget: int
    tolerance_mm: float
    typical_mm: float
    reference_size: tuple[float, float, float] | None = None
    module_id: str | None = None
    units: str | None = None   # the designer's choice, overriding the guess
    up: str | None = None
    max_texture_side: int = MAX_TEXTURE_SIDE
    tallest_mm: float | None = None   # the catalog's tallest assembly: a plausible size too
    turns: tuple[int, int, int] = (0, 0, 0)   # the designer's quarter turns about x, y, z

    @classmethod
    def from_catalog(cls, catalog: Catalog, module_id: str | None = None, **overrides: Any) -> CheckContext:
        limits = catalog.info.limits
        sizes = [m.reference_size for m in catalog.modules.values()]
        entry = catalog.modules.get(module_id) if module_id is not None else None
        context = cls(triangle_budget=limits.mesh_triangle_budget, tolerance_mm=limits.mesh_size_tolerance,
                      typical_mm=module_size_mm(sizes) or limits.max_assembly_height,
                      reference_size=entry.reference_size if entry else None, module_id=module_id,
                      tallest_mm=limits.max_assembly_height)
        return replace(context, **{k: v for k, v in overrides.items() if v is not None})


@dataclass(frozen=True)
class Finding:
    check: str
    level: Level
    message: str


@dataclass
class MeshReport:
    inspected: Inspected
    context: CheckContext
    units: Guess
    up: Guess
    origin_fixed: bool
    size_mm: np.ndarray
    corner_mm: np.ndarray
    findings: list[Finding] = field(default_factory=list)
    lying_down: bool = False   # the up axis the format says would lay it on its back; the other was taken

    @property
    def path(self) -> Path:
        return self.inspected.mesh.path

    @property
    def choices(self) -> Choices:
        return Choices(self.units.value, self.up.value, self.origin_fixed, self.context.turns)

    @property
    def fit(self) -> bool:
        return not any(f.level == "error" for f in self.findings)

    @property
    def ready(self) -> bool:
        """Fit and nothing left to fix or look at: could go into models3d/ as it is."""
        return all(f.level in ("ok", "info") for f in self.findings)

    @property
    def ambiguous(self) -> bool:
        """The units are a guess between two furniture sizes: only the designer can say which."""
        return self.units.ambiguous

    @property
    def questions(self) -> list[str]:
        """What the designer must answer before this mesh is published (the CLI: --units, --up)."""
        asked = []
        if self.ambiguous:
            asked.append("units: " + " or ".join(UNIT_NAMES[u] for u in (self.units.value, *self.units.alternatives))
                         + "? (--units)")
        if self.lying_down:
            asked.append(f"up axis: it lies down as its format is read; {self.up.value} up stands it (--up)")
        return asked

    @property
    def verdict(self) -> str:
        """``UNFIT`` (errors, or lying down), ``ambiguous`` (units), ``ready`` or ``fit``."""
        if not self.fit or self.lying_down:
            return "UNFIT"
        if self.ambiguous:
            return "ambiguous"
        return "ready" if self.ready else "fit"

    def passes(self, strict: bool = False) -> bool:
        """What ``mesh check`` exits 0 for: fit (ready with ``strict``) and nothing left to answer."""
        return self.verdict in (("ready",) if strict else ("ready", "fit"))

    def finding(self, check: str) -> Finding | None:
        return next((f for f in self.findings if f.check == check), None)


def _num(value: float) -> str:
    """One decimal, no trailing zeros, never "-0"."""
    text = f"{value + 0.0:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _mm(values: Iterable[float]) -> str:
    return " x ".join(_num(v) for v in values) + " mm"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def build_report(inspected: Inspected, context: CheckContext, origin_fixed: bool = False) -> MeshReport:
    """Every check of the mesh as read with the context's (or the guessed) units and up axis."""
    mesh, topo = inspected.mesh, inspected.topology
    used = mesh.used_vertices()
    raw_extent = np.ptp(mesh.vertices[used], axis=0)
    units = (Guess(context.units, "designer", "chosen by the designer") if context.units
             else guess_units(mesh.metadata, mesh.format, raw_extent, context.typical_mm, context.reference_size,
                              context.tallest_mm))
    up = (Guess(context.up, "designer", "chosen by the designer") if context.up
          else guess_up(mesh.metadata, mesh.format))
    up, lying_down = check_up(up, raw_extent * UNITS[units.value], context.reference_size, context.tolerance_mm)
    vertices = converted(inspected, Choices(units.value, up.value, origin_fixed, context.turns))
    facing = front_finding(mesh, vertices)
    vertices = vertices[used]
    size = vertices.max(axis=0) - vertices.min(axis=0)
    report = MeshReport(inspected, context, units, up, origin_fixed, size, corner(vertices), lying_down=lying_down)
    add = report.findings.append

    # Units and orientation.
    name = UNIT_NAMES[units.value]
    # A guess from the size alone must be confirmed; anything else is known, and fixed if not mm.
    level: Level = "warning" if units.source == "size" else "ok" if units.value == "mm" else "fix"
    tail = "" if units.value == "mm" else "; converted to millimetres on publish"
    guessed = (" or " + " or ".join(UNIT_NAMES[u] for u in units.alternatives) + "? (ambiguous: say which)"
               if units.ambiguous else " (a guess: confirm it)" if units.source == "size" else "")
    add(Finding("units", level, f"{name}{guessed}: {units.reason}{tail}"))
    if lying_down:
        add(Finding("up", "warning", f"lying down? {up.value} up (a guess: confirm it): {up.reason}"
                                     + ("; turned to Z up on publish" if up.value == "Y" else "")))
    elif up.value == "Y":
        add(Finding("up", "fix", f"Y up: {up.reason}; turned to Z up on publish (Modulor is Z up)"))
    else:
        add(Finding("up", "ok" if up.source in ("file", "designer") else "info",
                    f"Z up: {up.reason}" + ("" if up.source in ("file", "designer") else
                                            " (check the 3D view: the module should stand upright)")))

    # Size.
    add(Finding("size", "info", f"{_mm(size)} (width x depth x height)"))
    flat = [axis for axis, v in zip("xyz", size) if v <= context.tolerance_mm]
    if flat:
        add(Finding("flat", "error", f"flat: {' and '.join(flat)} measure{'s' if len(flat) == 1 else ''} "
                                     f"{context.tolerance_mm:g} mm or less; a module needs a size on every axis"))
    largest = float(size.max())
    if largest > 0 and not (context.typical_mm / IMPLAUSIBLE_FACTOR <= largest
                            <= context.typical_mm * IMPLAUSIBLE_FACTOR):
        add(Finding("plausible", "warning", f"{largest / 1000:.4g} m is an unlikely size for furniture "
                                            f"(this catalog's modules measure about {context.typical_mm:.0f} mm): "
                                            "check the units"))
    if context.reference_size is not None:
        expected = np.array(context.reference_size, dtype=float)
        if np.all(np.abs(size - expected) <= context.tolerance_mm):
            add(Finding("reference", "ok", f"matches the catalog entry's reference size {_mm(expected)}"))
        else:
            add(Finding("reference", "error", f"measures {_mm(size)}; the catalog entry "
                                              f"'{context.module_id}' says {_mm(expected)} "
                                              f"(tolerance {context.tolerance_mm:g} mm)"))

    if any(context.turns):
        turned = ", ".join(f"{90 * n}° about {axis}" for axis, n in zip("xyz", context.turns) if n)
        add(Finding("turned", "fix", f"turned {turned} by the designer; published so"))
    if facing is not None:
        add(facing)

    # Origin.
    off = report.corner_mm
    if np.all(np.abs(off) <= context.tolerance_mm):
        add(Finding("origin", "ok", "the back-left-bottom corner is at the origin"))
    else:
        add(Finding("origin", "fix", f"the back-left-bottom corner is at ({', '.join(_num(v) for v in off)}) mm, "
                                     "not at the origin; moved there on publish ('Fix origin')"))

    # Topology.
    if topo.watertight:
        add(Finding("closed", "ok", "closed: every edge joins two triangles"))
    else:
        add(Finding("closed", "error", f"not closed: {_plural(topo.open_edges, 'open edge')} (holes); "
                                       "modules must be closed solids"))
    if topo.inconsistent_edges:
        add(Finding("normals", "error", f"inconsistent normals: {_plural(topo.inconsistent_edges, 'edge')} "
                                        "between triangles that face opposite ways"))
    elif len(topo.inverted_pieces):
        add(Finding("normals", "fix", f"inverted normals: {len(topo.inverted_pieces)} of "
                                      f"{_plural(topo.pieces, 'piece')} inside out; turned outward on publish"))
    else:
        add(Finding("normals", "ok", "normals consistent" + (", facing out" if topo.closed_pieces else "")))
    degenerate = int(topo.degenerate.sum())
    duplicate = int((topo.duplicate & ~topo.degenerate).sum())
    add(Finding("degenerate", "fix" if degenerate else "ok",
                f"{_plural(degenerate, 'degenerate triangle')} (no area)" + ("; removed on publish" if degenerate
                                                                           else "")))
    add(Finding("duplicates", "fix" if duplicate else "ok",
                f"{_plural(duplicate, 'duplicate triangle')}" + ("; removed on publish" if duplicate else "")))
    pieces = f"{_plural(topo.pieces, 'separate piece')} in {_plural(len(mesh.part_names), 'part')}"
    if topo.stray_pieces:
        add(Finding("pieces", "warning", f"{pieces}; {_plural(topo.stray_pieces, 'tiny piece')} (under 1 % "
                                         "of the module's size): stray fragments?"))
    else:
        add(Finding("pieces", "info", pieces))
    published = topo.triangles - degenerate - duplicate
    if published > context.triangle_budget:
        add(Finding("budget", "error", f"{published} triangles; the catalog's budget is "
                                       f"{context.triangle_budget} per module (keeps the kiosk fast)"))
    else:
        add(Finding("budget", "ok", f"{published} triangles (budget {context.triangle_budget})"))

    # Textures and anything the reader left out.
    if mesh.textures:
        listed = ", ".join(f"{t.width} x {t.height}" for t in mesh.textures)
        big = [t for t in mesh.textures if max(t.width, t.height) > context.max_texture_side]
        level = "warning" if big else "info"
        add(Finding("textures", level, f"{_plural(len(mesh.textures), 'texture')} ({listed} px)"
                    + (f"; over {context.max_texture_side} px is too large for the kiosk" if big else "")
                    + "; not published: the catalog's finishes colour the module"))
    for note in mesh.notes:
        add(Finding("file", "warning", note))
    return report


# Words in a piece's name (or its material's) that say it is on the front: fronts, doors, handles, glazing.
FRONT_WORDS = ("door", "front", "handle", "knob", "pull", "drawer", "glass", "flap")
# Sides of the box by where a piece's centre lies furthest out, in Modulor's frame (front is -Y).
SIDES = {(1, -1): "the front (-Y)", (1, 1): "the back (+Y)", (0, -1): "the left (-X)", (0, 1): "the right (+X)"}


def front_finding(mesh: Any, vertices: np.ndarray) -> Finding | None:
    """Where the mesh's fronts and handles are: a warning when they are not at the front (-Y).

    Evidence are the pieces named (or with a material named) like a front, door, handle or glass,
    and small pieces standing out of the box's side (handles, knobs): each counts for the side of
    the box its centre is nearest to, along x or y.  None without evidence.
    """
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    centre, half = (lo + hi) / 2, np.maximum((hi - lo) / 2, 1e-9)
    materials = list(getattr(mesh, "part_materials", []) or [])
    votes: dict[tuple[int, int], list[str]] = {}
    for index, name in enumerate(mesh.part_names):
        corners = vertices[np.unique(mesh.faces[mesh.face_part == index])] if len(mesh.faces) else vertices[:0]
        if not len(corners):
            continue
        text = f"{name} {materials[index] if index < len(materials) else ''}".lower()
        p_lo, p_hi = corners.min(axis=0), corners.max(axis=0)
        small = bool(np.all((p_hi - p_lo) < 0.3 * (hi - lo))) and p_lo[2] > lo[2] + 1e-6
        offset = ((p_lo + p_hi) / 2 - centre) / half
        axis = 0 if abs(offset[0]) > abs(offset[1]) else 1
        at_side = abs(offset[axis]) > 0.8
        named = any(word in text for word in FRONT_WORDS)
        if named or (small and at_side):
            # A piece named so says more than a small piece at a side (a hinge is at a side too).
            votes.setdefault((axis, 1 if offset[axis] > 0 else -1), []).extend([name] * (3 if named else 1))
    if not votes:
        return None
    side, names = max(votes.items(), key=lambda kv: len(kv[1]))
    names = list(dict.fromkeys(names))
    shown = ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")
    if side == (1, -1):
        return Finding("front", "ok", f"faces the room: the fronts and handles ({shown}) are at the front (-Y)")
    turn = {(1, 1): "180° about Z", (0, -1): "90° about Z", (0, 1): "270° about Z (90° the other way)"}[side]
    faces = "the wall" if side == (1, 1) else "sideways"
    return Finding("front", "warning", f"the fronts and handles ({shown}) are at {SIDES[side]}, not the front "
                                       f"(-Y): it would face {faces}; turn it {turn} (Rotate)")


def format_report(report: MeshReport, name: str | None = None) -> str:
    """The report as text for a terminal: a verdict line, then one line per check."""
    lines = [f"{name or report.path}: {report.verdict}"]
    for finding in report.findings:
        lines.append(f"  {finding.level:<8} {finding.check:<11} {finding.message}")
    return "\n".join(lines)


# ------------------------------------------------------------------ the whole check in the worker
CHECK_TARGET = "app.domain.mesh.report:check_file"


@dataclass(frozen=True)
class CheckedFile:
    """A ``mesh check`` report as text, and its verdict."""

    text: str
    fit: bool
    ready: bool
    verdict: str = ""

    def passes(self, strict: bool = False) -> bool:
        """Fit (ready with ``strict``), with the units and up axis beyond doubt."""
        return self.verdict in (("ready",) if strict else ("ready", "fit"))


def check_file(path: Path | str, context: CheckContext, max_bytes: int = MAX_MESH_BYTES,
               name: str | None = None) -> CheckedFile:
    """Read, analyse and judge ``path`` in this process (the worker's job for :func:`check_files`)."""
    report = build_report(inspect_file(path, max_bytes), context)
    return CheckedFile(format_report(report, name), report.fit, report.ready, report.verdict)


def check_files(paths: Iterable[Path | str], context: CheckContext, max_bytes: int = MAX_MESH_BYTES,
                timeout: float = READ_TIMEOUT_S) -> Iterator[tuple[Path, CheckedFile | MeshLoadError]]:
    """Each path with its report or its refusal (never raises), each built in the worker within ``timeout``."""
    with MeshWorker(CHECK_TARGET) as worker:
        for path in paths:
            path = Path(path)
            try:
                yield path, worker.call(path, context, max_bytes, str(path), timeout=timeout)
            except MeshLoadError as exc:
                yield path, exc
