"""Proof that a catalog can make everything it lets a customer choose: part of ``modulor catalog check``.

Loading a catalog evaluates formulas at the defaults only; a range that reaches
a shelf of -7 mm or a top longer than the sheet would pass and the customer
would meet the failure.  This proof builds the *configurations* that span the
solution space and checks each:

* every module type at every corner of its own numeric ranges (min and the
  largest allowed value of each), combined with every value of each option that
  changes geometry or parts (an option named in a size, opening, placement or
  part formula: a shelf's board, a drawer's runner, a leg's length; finishes and
  handles change neither and are factored out), and one sample inside the ranges
  (each parameter at the allowed value nearest its middle), placed alone on its
  usual host as :mod:`app.domain.design.corner_designs` places it;
* every insert or stacked module at its defaults in each host type that accepts
  it, the host at each corner of its ranges;
* every preset.

In each configuration every module's parts must expand (sizes positive), fit the
sheet and the machines (the sheet rule), no two located panels of a module may
overlap, the mesh must draw the cut list (:mod:`app.domain.production.mesh_agreement`,
from the mesh's pieces the mesh worker measured), a configuration the other rules
accept must drill cleanly (the drilling rule: no hole off the board, overlapping
another or too deep), and each module type must have parts and labour.  Prices against cost are proven by
:mod:`app.domain.production.price_proof`.  Problems name the module file, the
entry and the parameter ends that reach the failure; the same failure at many
configurations is one line with a count.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design.corner_designs import CornerError, corner_design, corner_parameters, corners
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout, LayoutError
from app.domain.design.placement import find_spot
from app.domain.design.presets import design_from_preset
from app.domain.design.solution_space import numeric_limits, snap
from app.domain.mesh.stretch import StretchError
from app.domain.problems import Problem, display_path
from app.domain.production.mesh_agreement import MeshPiece, module_disagreements
from app.domain.production.parts import ModuleParts, Panel, PartsCache, PartsError
from app.domain.rules.engine import RulesEngine

SHEET_CODES = ("part.",)     # the sheet rule: too long for the sheet, too small for the machines
DRILLING_CODES = ("drilling.",)   # the drilling rule's errors: holes the catalog's machining cannot drill
OVERLAP_MM = 0.5             # panels touching face to face share a plane; more than this is a clash

PiecesFor = Callable[[ModuleType], Sequence[MeshPiece] | None]


@dataclass(frozen=True)
class Configuration:
    label: str               # "shelf width=300 depth=350 material=mfc25", "preset 'sideboard'"
    type_id: str | None      # the module type it was built for (None for a preset)
    fields: str              # the parameter ends it stands at: "params.width.min, params.depth.max"
    design: Design


@dataclass
class SpaceProof:
    problems: list[Problem] = field(default_factory=list)
    configurations: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return f"{self.configurations} configurations of the solution space proven in {self.seconds:.1f} s"


# ------------------------------------------------------------------- building the configurations

def geometry_options(mtype: ModuleType) -> list[str]:
    """Option parameters that change the module's geometry or parts (named in those formulas)."""
    formulas = [mtype.size.x, mtype.size.y, mtype.size.z]
    if mtype.opening is not None:
        formulas += [getattr(mtype.opening, k) for k in ("x", "y", "z", "width", "height", "depth")]
    if mtype.attach.place is not None:
        formulas += [mtype.attach.place.x, mtype.attach.place.y, mtype.attach.place.z]
    for part in mtype.parts:
        formulas += [part.qty, part.length, part.width]
        if part.at is not None:
            formulas += [part.at.x, part.at.y, part.at.z]
    names = set().union(*(f.names for f in formulas))
    materials = {part.material for part in mtype.parts}
    return [name for name, param in mtype.params.items()
            if param.options is not None and param.from_host is None and (name in names or name in materials)]


def _ends(mtype: ModuleType, values: Mapping[str, Value]) -> str:
    ends = []
    for name, value in values.items():
        param = mtype.params[name]
        if param.options is not None:
            ends.append(f"params.{name}")
            continue
        low, high, _ = numeric_limits(param)
        ends.append(f"params.{name}.{'min' if value == low else 'max' if value == high else 'inside'}")
    return ", ".join(ends) or "params"


def _label(type_id: str, values: Mapping[str, Value]) -> str:
    shown = " ".join(f"{k}={v:g}" if isinstance(v, float | int) else f"{k}={v}" for k, v in values.items())
    return f"{type_id} {shown}".strip() if shown else f"{type_id} (defaults)"


def inside(mtype: ModuleType) -> dict[str, Value]:
    """Each numeric parameter at the allowed value nearest the middle of its range."""
    values: dict[str, Value] = {}
    for name in corner_parameters(mtype):
        low, high, _ = numeric_limits(mtype.params[name])
        values[name] = snap(mtype.params[name], (low + high) / 2).value
    return values


def module_configurations(catalog: Catalog, mtype: ModuleType) -> Iterator[tuple[dict[str, Value], Design]]:
    """(values, design) of one module type over its corners x geometry options, and one sample inside."""
    options = geometry_options(mtype)
    choices: list[list[tuple[str, Value]]] = [[(name, value) for value in (mtype.params[name].options or ())]
                                              for name in options]
    samples: list[Mapping[str, Value]] = [*corners(mtype), inside(mtype)]
    for sample in samples:
        for combo in itertools.product(*choices):   # no options: one empty combination
            values: dict[str, Value] = {**sample, **dict(combo)}
            yield values, corner_design(catalog, mtype.id, values)


def insert_in_host(catalog: Catalog, insert: ModuleType, host: ModuleType,
                   host_values: Mapping[str, Value]) -> Design:
    """The host at ``host_values`` on its usual hosts, with ``insert`` at its defaults in or on it."""
    design = corner_design(catalog, host.id, host_values)
    spot = find_spot(catalog, design, insert.id, "m")
    if spot is None:
        raise CornerError(f"no free spot for '{insert.id}' in '{host.id}'")
    design.add(PlacedModule("insert", insert.id, {}, insert.default_finish, spot.position, 0, spot.attach, spot.to))
    return design


def configurations(catalog: Catalog) -> Iterator[Configuration | Problem]:
    """Every configuration the proof checks (or the problem that kept one from being built)."""
    for pid in catalog.presets:
        yield Configuration(f"preset '{pid}'", None, f"presets.{pid}", design_from_preset(catalog, pid))
    for type_id, mtype in catalog.modules.items():
        file = display_path(catalog.root / "modules" / f"{type_id}.toml")
        try:
            for values, design in module_configurations(catalog, mtype):
                yield Configuration(_label(type_id, values), type_id, _ends(mtype, values), design)
        except (CornerError, LayoutError, ValueError, KeyError) as exc:
            yield Problem(file, f"module '{type_id}'", "params", f"cannot be placed for the proof: {exc}")
            continue
        if "in" not in mtype.attach.support and "on" not in mtype.attach.support:
            continue
        for host in catalog.modules.values():
            if host.category not in mtype.attach.hosts or host.id == type_id:
                continue
            for host_values in corners(host):
                label = f"{type_id} (defaults) in {_label(host.id, host_values)}"
                try:
                    design = insert_in_host(catalog, mtype, host, host_values)
                except (CornerError, LayoutError, ValueError, KeyError):
                    continue   # a host that has no room for it at this corner offers it nothing to check
                yield Configuration(label, type_id, f"attach.hosts ({host.id}: {_ends(host, host_values)})",
                                    design)


# ------------------------------------------------------------------- checking one configuration

def overlaps(parts: ModuleParts) -> list[str]:
    """Pairs of located panel pieces of one module that occupy the same space."""
    pieces: list[tuple[str, tuple[float, ...]]] = []
    for panel in parts.panels:
        pieces += [(_piece_name(panel, i), box) for i, box in enumerate(panel.boxes)]
    found = []
    for (name_a, a), (name_b, b) in itertools.combinations(pieces, 2):
        depth = [min(a[k + 3], b[k + 3]) - max(a[k], b[k]) for k in range(3)]
        if min(depth) > OVERLAP_MM:
            found.append(f"parts {name_a} and {name_b} overlap by {' x '.join(f'{d:g}' for d in depth)} mm")
    return found


def _piece_name(panel: Panel, index: int) -> str:
    return f"'{panel.name}'" + (f" (piece {index + 1})" if panel.count > 1 else "")


class _Prover:
    def __init__(self, catalog: Catalog, pieces_for: PiecesFor):
        self.catalog = catalog
        self.pieces_for = pieces_for
        self.engine = RulesEngine(catalog)
        self.cache = PartsCache(catalog)
        self.failures: dict[tuple[str, str, str], _Failure] = {}   # (file, entry, message without figures)
        self._pieces: dict[str, Sequence[MeshPiece] | None] = {}

    def fail(self, config: Configuration, type_id: str | None, message: str) -> None:
        tid = type_id or config.type_id
        file = display_path(self.catalog.root / ("modules" if tid else "") / (f"{tid}.toml" if tid
                                                                                 else "presets.toml"))
        # The same failure at other sizes is the same line: figures are left out of the key.
        key = (file, f"module '{tid}'" if tid else config.label, re.sub(r"-?\d+(\.\d+)?", "#", message))
        self.failures.setdefault(key, _Failure(message, config.fields)).labels.append(config.label)

    def check(self, config: Configuration) -> None:
        design = config.design
        try:
            layout = Layout(self.catalog, design)
            states = {m.id: layout.state(m.id) for m in design}
        except (LayoutError, ValueError, KeyError) as exc:
            self.fail(config, None, f"cannot be laid out: {exc}")
            return
        for state in states.values():
            try:
                parts = self.cache.parts(state)
            except PartsError as exc:
                self.fail(config, state.mtype.id, str(exc).split(": ", 1)[-1])
                continue
            if parts.labour_minutes <= 0:
                self.fail(config, state.mtype.id, f"labour is {parts.labour_minutes} minutes: it would be made "
                                                  f"for nothing")
            for line in overlaps(parts):
                self.fail(config, state.mtype.id, line)
            pieces = self._mesh(state.mtype)
            if pieces is not None:
                try:
                    lines = module_disagreements(self.catalog, state.mtype, parts, pieces, state.size)
                except StretchError as exc:
                    lines = [f"the mesh cannot be drawn at this size: {exc}"]
                for line in lines:
                    self.fail(config, state.mtype.id, f"3D and cut list disagree: {line}")
        report = self.engine.check(design, layout)
        # A configuration the other rules accept must drill cleanly too (the catalog's machining.toml):
        # holes off the board, overlapping or too deep are the catalog's to fix, not the customer's.
        drillable = all(f.code.startswith(SHEET_CODES + DRILLING_CODES) for f in report.errors)
        for finding in report.errors:
            if finding.code.startswith(SHEET_CODES) or (drillable and finding.code.startswith(DRILLING_CODES)):
                for module_id in finding.modules:
                    self.fail(config, states[module_id].mtype.id if module_id in states else None, finding.message)

    def _mesh(self, mtype: ModuleType) -> Sequence[MeshPiece] | None:
        if mtype.id not in self._pieces:
            self._pieces[mtype.id] = self.pieces_for(mtype)
        return self._pieces[mtype.id]

    def check_types(self, proof: SpaceProof, only: str | None) -> None:
        """Every module type has parts (or hardware): what has neither cannot be built, priced or sold."""
        for type_id, mtype in self.catalog.modules.items():
            if only is not None and type_id != only:
                continue
            if not mtype.parts and not mtype.hardware:
                proof.problems.append(Problem(display_path(self.catalog.root / "modules" / f"{type_id}.toml"),
                                              f"module '{type_id}'", "parts", "has no parts and no hardware: it "
                                              "cannot be built, priced or sold"))

    def problems(self) -> list[Problem]:
        found = []
        for (file, entry, _), failure in self.failures.items():
            labels = failure.labels
            more = f" (and {len(labels) - 1} more configurations)" if len(labels) > 1 else ""
            found.append(Problem(file, entry, failure.fields, f"at {labels[0]}{more}: {failure.message}"))
        return found


@dataclass
class _Failure:
    """One kind of failure: the first one's own words and parameter ends, and every configuration it hit."""

    message: str
    fields: str
    labels: list[str] = field(default_factory=list)


def prove_solution_space(catalog: Catalog, pieces_for: PiecesFor, only: str | None = None) -> SpaceProof:
    """Build and check every configuration of ``catalog`` (see the module docstring); with ``only``, just
    those built for that module type or holding a module of it."""
    start = time.perf_counter()
    prover = _Prover(catalog, pieces_for)
    proof = SpaceProof()
    prover.check_types(proof, only)
    for item in configurations(catalog):
        if isinstance(item, Problem):
            if only is None or item.entry == f"module '{only}'":
                proof.problems.append(item)
            continue
        if only is not None and item.type_id != only and all(m.type_id != only for m in item.design):
            continue
        proof.configurations += 1
        prover.check(item)
    proof.problems += prover.problems()
    proof.seconds = time.perf_counter() - start
    return proof


def worker_pieces(catalog: Catalog) -> PiecesFor:
    """Each module type's mesh pieces as the mesh worker measures them (its size, triangle and time
    limits); None for a mesh it refuses (the catalog check reports that mesh already)."""
    from app.domain.mesh.loading import MeshLoadError, measure_in_worker

    def pieces(mtype: ModuleType) -> Sequence[MeshPiece] | None:
        try:
            measure = measure_in_worker(catalog.mesh_path(mtype.mesh))
        except MeshLoadError:
            return None
        return [MeshPiece(name, box) for name, box in measure.pieces]

    return pieces


def prove_module(catalog: Catalog, type_id: str) -> list[Problem]:
    """The proof for one module type and what it hosts (a designer's publish, on the staged catalog)."""
    return prove_solution_space(catalog, worker_pieces(catalog), only=type_id).problems
