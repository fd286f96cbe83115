"""A folder of meshes at once (issue 19 item 8): each file's report, and publishing the fit ones.

:func:`check_folder` reads and judges every mesh file of a folder in the worker
process (its limits and time limit, one file after another), each against the
catalog entry it updates when the file is named after one (``door.glb`` updates
module ``door``), else as a new module.  :func:`publish_entry` publishes one
file that is fit and updates an entry: the entry keeps its parameters, parts,
hardware and labour, and only its mesh, reference size and zones change, so
nothing is left for the designer to fill in.  A new module needs its zones,
sizes, hardware and labour from the designer: the window opens it instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.catalog.catalog import Catalog
from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.inspection import Inspected
from app.domain.mesh.loading import MAX_MESH_BYTES, MESH_SUFFIXES
from app.domain.mesh.publish import PublishError, PublishResult, StagedCheck
from app.domain.mesh.report import CHECK_TARGET, CheckContext, CheckedFile
from app.domain.mesh.sandbox import READ_TIMEOUT_S, MeshWorker


@dataclass(frozen=True)
class BatchEntry:
    """One file of the folder: its verdict, its report as text, and the module it would update."""

    path: Path
    verdict: str            # ready, fit, ambiguous, UNFIT, REFUSED
    report: str
    target: str | None      # the catalog module the file is named after, or None (a new module)

    @property
    def fit(self) -> bool:
        return self.verdict in ("ready", "fit")

    @property
    def publishable(self) -> bool:
        """Fit, with nothing left to answer, and updating an entry (which has everything else)."""
        return self.fit and self.target is not None


def mesh_files(folder: Path | str) -> list[Path]:
    """The mesh files directly in ``folder``, by name."""
    return sorted((p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in MESH_SUFFIXES),
                  key=lambda p: p.name.lower())


def check_folder(catalog: Catalog, folder: Path | str, timeout: float = READ_TIMEOUT_S,
                 max_bytes: int = MAX_MESH_BYTES) -> Iterator[BatchEntry]:
    """Each mesh file of ``folder`` checked in the worker (never raises for a file: a refusal is a verdict)."""
    with MeshWorker(CHECK_TARGET) as worker:
        for path in mesh_files(folder):
            target = path.stem if path.stem in catalog.modules else None
            context = CheckContext.from_catalog(catalog, target)
            try:
                checked: CheckedFile = worker.call(path, context, max_bytes, path.name, timeout=timeout)
            except MeshLoadError as exc:
                yield BatchEntry(path, "REFUSED", f"{path.name}: REFUSED\n  {exc}", target)
                continue
            yield BatchEntry(path, checked.verdict, checked.text, target)


def publish_entry(catalog: Catalog, entry: BatchEntry, inspected: Inspected,
                  staged_check: StagedCheck | None = None) -> PublishResult:
    """Publish ``entry`` (read as ``inspected``) over the module it updates, backups kept; PublishError
    when it is not publishable or the staged catalog check refuses it."""
    if not entry.publishable or entry.target is None:
        raise PublishError([f"{entry.path.name}: {entry.verdict}, "
                            + ("a new module: open it to set its zones, sizes, hardware and labour"
                               if entry.fit else "not fit")])
    session = DesignerSession(catalog, inspected, target=entry.target)
    problems = session.zone_problems() + session.report.questions
    if problems:
        raise PublishError([f"{entry.path.name}: {p}" for p in problems])
    return session.publish(overwrite=True, staged_check=staged_check)
