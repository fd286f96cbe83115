"""``modulor catalog check``: load catalogs and check every mesh they reference.

Beyond what loading checks (fields, references, formulas, mesh paths), this
opens each mesh and compares it with its catalog entry: it loads, it has
triangles, it is within the triangle budget, its size matches the declared
reference size, and its origin is the back-left-bottom corner.  Every preset is
laid out to catch formulas that fail on real combinations.

Meshes are read the way ``modulor mesh check`` reads them: in the worker process
(:class:`~app.domain.mesh.sandbox.MeshWorker`), with its size limit, triangle cap
and time limit, so a hostile mesh named in a catalog costs at most that time and
never this process's memory.  One worker serves every check of a process (it takes
a second or two to start) and ends with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.loader import CatalogError, find_catalogs, load_catalog
from app.domain.design.layout import Layout, LayoutError
from app.domain.design.presets import design_from_preset
from app.domain.mesh.loading import MeshLoadError, measure_in_worker, measuring_worker
from app.domain.problems import Problem, display_path


@dataclass
class CatalogReport:
    path: Path
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)
    meshes_checked: int = 0
    designs_proved: int = 0     # presets and corner designs priced at cost or above (the command's price proof)
    proof_seconds: float = 0.0
    space: str = ""             # what the proof of the whole solution space covered, in words

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        name = display_path(self.path)
        if self.catalog is None:
            return f"{name}: unusable ({len(self.problems)} problem(s))"
        c = self.catalog
        counts = (f"{len(c.modules)} module types, {len(c.presets)} presets, {len(c.materials)} materials, "
                  f"{len(c.finishes)} finishes, {len(c.edgebands)} edge bandings, {len(c.hardware)} hardware items, "
                  f"{self.meshes_checked} meshes checked")
        state = "OK" if self.ok else f"{sum(p.severity == 'error' for p in self.problems)} problem(s)"
        proof = (f"; {self.designs_proved} designs (presets and corner designs) priced against the whole sheets "
                 f"they buy and their hardware in {self.proof_seconds:.1f} s") if self.designs_proved else ""
        space = f"; {self.space}" if self.space else ""
        return f"{name}: {c.info.name} {c.version}: {counts}: {state}{proof}{space}"


def check_mesh(catalog: Catalog, file: str, entry: str, mesh_rel: str,
               reference_size: tuple[float, float, float]) -> list[Problem]:
    """Compare one mesh file with its catalog entry (read in the worker process, with its limits)."""
    problems: list[Problem] = []
    limits = catalog.info.limits
    path = catalog.mesh_path(mesh_rel)
    try:
        measure = measure_in_worker(path)
    except MeshLoadError as exc:
        return [Problem(file, entry, "mesh", str(exc).replace(str(path), mesh_rel))]
    triangles = measure.triangles
    if triangles > limits.mesh_triangle_budget:
        problems.append(Problem(file, entry, "mesh", f"'{mesh_rel}' has {triangles} triangles; the budget is "
                                                     f"{limits.mesh_triangle_budget}"))
    lo, hi = np.array(measure.lower), np.array(measure.upper)
    extents = hi - lo
    tol = limits.mesh_size_tolerance
    expected = np.array(reference_size, dtype=float)
    if np.any(np.abs(extents - expected) > tol):
        found = " x ".join(f"{v:g}" for v in np.round(extents, 2))
        wanted = " x ".join(f"{v:g}" for v in expected)
        problems.append(Problem(file, entry, "reference_size", f"mesh '{mesh_rel}' measures {found} mm, "
                                f"declared {wanted} mm (tolerance {tol:g} mm)"))
    corner = np.array([lo[0], hi[1], lo[2]])  # back-left-bottom: min x, max y (the back), min z
    if np.any(np.abs(corner) > tol):
        found = ", ".join(f"{v:g}" for v in np.round(corner, 2))
        problems.append(Problem(file, entry, "mesh", f"'{mesh_rel}': the back-left-bottom corner is at ({found}); "
                                                     "expected the origin (0, 0, 0)"))
    return problems


def check_catalog(path: Path, models_dir: Path | None = None,
                  progress: Callable[[str], None] | None = None) -> CatalogReport:
    measuring_worker().start()  # imports its reader while the catalog loads
    try:
        catalog = load_catalog(path, models_dir)
    except CatalogError as exc:
        return CatalogReport(path, None, list(exc.problems))
    report = CatalogReport(path, catalog, list(catalog.problems))
    modules_dir = path / "modules"
    for mid, mtype in catalog.modules.items():
        if progress:
            progress(f"mesh {mtype.mesh}")
        file = display_path(modules_dir / f"{mid}.toml")
        report.problems += check_mesh(catalog, file, f"module '{mid}'", mtype.mesh, mtype.reference_size)
        report.meshes_checked += 1
    for hid, item in catalog.hardware.items():
        if item.mesh and item.reference_size:
            file = display_path(path / "hardware.toml")
            report.problems += check_mesh(catalog, file, f"hardware item '{hid}'", item.mesh, item.reference_size)
            report.meshes_checked += 1
    presets_file = display_path(path / "presets.toml")
    for pid in catalog.presets:
        try:
            Layout(catalog, design_from_preset(catalog, pid)).states()
        except (LayoutError, KeyError) as exc:
            report.problems.append(Problem(presets_file, f"preset '{pid}'", "modules", str(exc)))
    return report


def check_path(path: Path | str, models_dir: Path | None = None,
               progress: Callable[[str], None] | None = None) -> list[CatalogReport]:
    """Check the catalog at ``path`` or every catalog below it."""
    path = Path(path)
    folders = find_catalogs(path)
    if not folders:
        problem = Problem(display_path(path), "", "", "no catalog here (a catalog folder holds catalog.toml)")
        return [CatalogReport(path, None, [problem])]
    return [check_catalog(folder, models_dir, progress) for folder in folders]
