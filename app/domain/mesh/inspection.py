"""Read a mesh file and analyse its triangles: the work done in the reader process.

:func:`inspect_file` is what :class:`~app.domain.mesh.sandbox.MeshWorker` runs for
each file: read it (:func:`~app.domain.mesh.loading.read_mesh`, with its size limit
and reference checks) and analyse its topology (:mod:`app.domain.mesh.topology`),
the two steps whose time grows with the file.  Its result, plain numpy arrays
and dataclasses, travels back to the app; everything after it (units, orientation,
origin, the report) is cheap and runs where it is needed.

A batch for the command line goes through :func:`~app.domain.mesh.report.check_files`,
which builds the whole report in the worker too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.domain.mesh.loading import MAX_MESH_BYTES, ImportedMesh, read_mesh
from app.domain.mesh.topology import Topology, analyse


@dataclass
class Inspected:
    """A mesh file as read, and the facts about its triangles."""

    mesh: ImportedMesh
    topology: Topology


def inspect_file(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> Inspected:
    """Read and analyse ``path`` in this process (no time limit: the worker runs it with one)."""
    mesh = read_mesh(path, max_bytes)
    return Inspected(mesh, analyse(mesh.vertices, mesh.faces))
