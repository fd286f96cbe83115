"""Publish a checked mesh into a catalog: the GLB in models3d/, the entry in modules/.

Nothing reaches the catalog unless the result passes the catalog check:

1. both files are written into a *staging copy* of the catalog (its TOML files,
   and its models folder as hard links, so the copy is cheap);
2. :func:`~app.domain.catalog.check.check_catalog` runs on the copy; any error
   about this module, or any error the real catalog did not already have, stops
   the publish and nothing is written;
3. only then is each file moved into place, an existing one first copied to
   ``<name>.bak-YYYYmmdd-HHMMSS`` beside it; existing files are only replaced
   when the caller says the designer confirmed it (:class:`PublishConflict`
   otherwise).  If a move fails, what was already replaced is put back.

Every file in the catalog is written by :mod:`app.domain.atomic_files` (whole or
not at all; a replaced file keeps its mode, a backup has its original's);
temporary files a killed publish left in the two folders go at the next publish.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.catalog.check import check_catalog
from app.domain.catalog.model import ModuleType
from app.domain.catalog.module_eval import module_env, module_size, resolve_params
from app.domain.mesh.loading import load_mesh
from app.domain.mesh.stretch import StretchError, stretch_vertices
from app.domain.problems import Problem, display_path


class PublishError(Exception):
    """The published result would not pass the catalog check; ``problems`` says why.  Nothing was written."""

    def __init__(self, problems: Sequence[Problem | str]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in problems))


class PublishConflict(Exception):
    """Files already exist and the designer has not confirmed replacing them."""

    def __init__(self, existing: list[Path]):
        self.existing = existing
        super().__init__("already exist: " + ", ".join(str(p) for p in existing))


@dataclass(frozen=True)
class PublishPlan:
    """Where publishing module ``module_id`` writes, and which of those files exist already."""

    module_id: str
    mesh_rel: str             # the entry's ``mesh`` (relative to models3d/)
    mesh_path: Path
    entry_path: Path
    updating: bool            # the catalog has this module already

    @property
    def existing(self) -> list[Path]:
        return [p for p in (self.mesh_path, self.entry_path) if p.exists()]


@dataclass
class PublishResult:
    written: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def plan_publish(catalog: Catalog, module_id: str) -> PublishPlan:
    """The mesh goes to ``models3d/<catalog folder>/<id>.glb`` (an existing entry keeps its GLB path)."""
    existing = catalog.modules.get(module_id)
    if existing is not None and existing.mesh.lower().endswith(".glb"):
        mesh_rel = existing.mesh
    else:
        mesh_rel = f"{catalog.root.name}/{module_id}.glb"
    return PublishPlan(module_id, mesh_rel, catalog.models_dir / mesh_rel,
                       catalog.root / "modules" / f"{module_id}.toml", existing is not None)


def stretch_problems(mtype: ModuleType, catalog: Catalog, vertices: np.ndarray) -> list[str]:
    """Sizes within the parameters' ranges that the stretch zones cannot reach (fixed parts too long)."""
    problems = []
    for name, param in mtype.params.items():
        if param.min is None or param.max is None:  # an option parameter (a numeric one has both)
            continue
        for value in (param.min, param.max):
            try:
                env = module_env(catalog, mtype, resolve_params(mtype, {name: value}))
                size = module_size(mtype, env)
                stretch_vertices(vertices, mtype.reference_size, size, mtype.stretch.model_dump())
            except StretchError as exc:
                problems.append(f"{name} = {value:g}: {exc}")
            except (ValueError, KeyError) as exc:
                problems.append(f"{name} = {value:g}: cannot be evaluated ({exc})")
    return problems


def completeness_problems(mtype: ModuleType, catalog: Catalog) -> list[tuple[str, str]]:
    """(field, message) for what a module needs before it can be sold: parts or hardware, and labour above 0
    at its defaults (a module whose sizes come from a host, without defaults, is judged by the catalog check)."""
    problems = []
    if not mtype.parts and not mtype.hardware:
        problems.append(("parts", "has no parts and no hardware: it cannot be built, priced or sold"))
    try:
        labour = mtype.labour_minutes.number(module_env(catalog, mtype, resolve_params(mtype, {})))
    except (ValueError, KeyError, TypeError, ZeroDivisionError):
        return problems
    if not labour > 0:
        problems.append(("labour_minutes", f"is {labour:g} minutes at the defaults: the workshop's time to make "
                                           "one must be above 0"))
    return problems


def _link_or_copy(source: str, target: str) -> str:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _problem_key(problem: Problem, roots: Sequence[Path]) -> tuple[str, str, str, str]:
    message = problem.message
    for root in roots:
        message = message.replace(str(root), "")
    return Path(problem.file).name, problem.entry, problem.field, message


# A further check of the staged catalog for the published module (the caller's: the proof that the
# module's mesh draws its cut list at every corner lives above the mesh package).
StagedCheck = Callable[[Catalog, str], list[Problem]]


def _stage_and_check(catalog: Catalog, plan: PublishPlan, glb: bytes, entry_text: str,
                     staged_check: StagedCheck | None = None) -> list[Problem]:
    """Check the catalog as it would be after publishing, in a throw-away copy; the blocking problems."""
    staging = Path(tempfile.mkdtemp(prefix=".modulor-publish-", dir=catalog.root.parent))
    try:
        staged_root = staging / "catalogs" / catalog.root.name
        staged_models = staging / "models3d"
        shutil.copytree(catalog.root, staged_root)
        if catalog.models_dir.is_dir():
            shutil.copytree(catalog.models_dir, staged_models, copy_function=_link_or_copy)
        mesh = staged_models / plan.mesh_rel
        mesh.parent.mkdir(parents=True, exist_ok=True)
        mesh.unlink(missing_ok=True)  # a hard link: never write through it into the real file
        mesh.write_bytes(glb)         # plain writes: the staging copy is thrown away, never read again
        entry = staged_root / "modules" / plan.entry_path.name
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.unlink(missing_ok=True)
        entry.write_text(entry_text, encoding="utf-8")
        after = check_catalog(staged_root, staged_models)
        before = check_catalog(catalog.root, catalog.models_dir)
        roots = (staging, catalog.root.parent.parent, catalog.models_dir)
        known = {_problem_key(p, roots) for p in before.problems}
        mine = f"module '{plan.module_id}'"
        blocking = [p for p in after.problems if p.severity == "error"
                    and (p.entry == mine or Path(p.file).name == entry.name or _problem_key(p, roots) not in known)]
        if after.catalog is not None and plan.module_id not in after.catalog.modules and not blocking:
            blocking.append(Problem(entry.name, mine, "", "the entry was left out of the catalog"))
        blocking = [_unstaged(p, {staged_root: catalog.root, staged_models: catalog.models_dir}) for p in blocking]
        if not blocking and after.catalog is not None:
            # The catalog check lays out presets only: try this module at its parameters' limits too.
            mtype = after.catalog.modules[plan.module_id]
            vertices = load_mesh(mesh).vertices
            blocking += [Problem(entry.name, mine, "stretch", message)
                         for message in stretch_problems(mtype, after.catalog, vertices)]
            blocking += [Problem(entry.name, mine, field, message)
                         for field, message in completeness_problems(mtype, after.catalog)]
            if not blocking and staged_check is not None:
                blocking += [_unstaged(p, {staged_root: catalog.root, staged_models: catalog.models_dir})
                             for p in staged_check(after.catalog, plan.module_id) if p.severity == "error"]
        return blocking
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unstaged(problem: Problem, places: dict[Path, Path]) -> Problem:
    """``problem`` naming the real catalog's files instead of the staging copy's."""
    file, message = problem.file, problem.message
    for staged, real in places.items():
        with contextlib.suppress(ValueError):
            file = display_path(real / Path(file).resolve().relative_to(staged.resolve()))
        message = message.replace(str(staged), str(real))
    return Problem(file, problem.entry, problem.field, message, problem.severity)


def publish(catalog: Catalog, plan: PublishPlan, glb: bytes, entry_text: str, overwrite: bool = False,
            now: datetime | None = None, staged_check: StagedCheck | None = None) -> PublishResult:
    """Write the mesh and the entry into the catalog if, together, they pass the catalog check
    (and ``staged_check`` on the staged catalog, when given)."""
    problems = _stage_and_check(catalog, plan, glb, entry_text, staged_check)
    if problems:
        raise PublishError(problems)
    existing = plan.existing
    if existing and not overwrite:
        raise PublishConflict(existing)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    result = PublishResult()
    replaced: list[tuple[Path, Path]] = []
    for folder in {plan.mesh_path.parent, plan.entry_path.parent}:
        atomic_files.remove_leftovers(folder)
    try:
        for data, target in ((glb, plan.mesh_path), (entry_text.encode("utf-8"), plan.entry_path)):
            if target.exists():
                backup = target.with_name(f"{target.name}.bak-{stamp}")
                atomic_files.copy_file(target, backup)
                result.backups.append(backup)
                replaced.append((target, backup))
            atomic_files.write_bytes(target, data)
            result.written.append(target)
    except OSError:
        for target in result.written:  # put back what this publish already replaced, remove what it added
            saved = dict(replaced).get(target)
            if saved is not None:
                atomic_files.copy_file(saved, target)
            else:
                target.unlink(missing_ok=True)
        raise
    return result
