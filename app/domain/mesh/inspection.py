"""Read a mesh file and analyse its triangles: the work done in the reader process.

:func:`inspect_file` is what :class:`~app.domain.mesh.sandbox.MeshWorker` runs for
each file: read it (:func:`~app.domain.mesh.loading.read_mesh`, with its size limit
and reference checks) and analyse its topology (:mod:`app.domain.mesh.topology`),
the two steps whose time grows with the file.  Its result, plain numpy arrays
and dataclasses, travels back to the app; everything after it (units, orientation,
origin, the report) is cheap and runs where it is needed.

:func:`inspect_files` reads a batch through one worker, for the command line
(:func:`~app.domain.mesh.report.check_files` builds the whole report there too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.loading import MAX_MESH_BYTES, ImportedMesh, read_mesh
from app.domain.mesh.sandbox import READ_TIMEOUT_S, MeshWorker
from app.domain.mesh.topology import Topology, analyse


@dataclass
class Inspected:
    """A mesh file as read, and the facts about its triangles."""

    mesh: ImportedMesh
    topology: Topology


def inspect_file(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> Inspected:
    """Read and analyse ``path`` in this process (no time limit: see :func:`inspect_files`)."""
    mesh = read_mesh(path, max_bytes)
    return Inspected(mesh, analyse(mesh.vertices, mesh.faces))


def inspect_files(paths: Iterable[Path | str], max_bytes: int = MAX_MESH_BYTES, timeout: float = READ_TIMEOUT_S,
                  worker: MeshWorker | None = None) -> Iterator[tuple[Path, Inspected | MeshLoadError]]:
    """Each path with what reading it gave: an :class:`Inspected`, or the refusal (never raises).

    Files are read one after another in a worker process; one that takes longer than
    ``timeout`` seconds is stopped and refused, and the next starts a fresh worker.
    """
    own = worker is None
    worker = worker or MeshWorker()
    try:
        for path in paths:
            path = Path(path)
            try:
                yield path, worker.call(path, max_bytes, timeout=timeout)
            except MeshLoadError as exc:
                yield path, exc
    finally:
        if own:
            worker.close()
