"""Load mesh files safely into one triangle mesh (trimesh, no display needed).

Used by the catalog check, the 3D view's mesh cache and thumbnails.  Files over a
size limit are refused before parsing, and every failure becomes a
:class:`MeshLoadError` with a message that names the file.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import trimesh

MAX_MESH_BYTES = 64 * 1024 * 1024


class MeshLoadError(ValueError):
    """The file cannot be used as a mesh; the message says why."""


def load_mesh(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> trimesh.Trimesh:
    """Load ``path`` (GLB/glTF, OBJ, STL, PLY) as one triangle mesh in the file's own coordinates."""
    path = Path(path)
    if not path.is_file():
        raise MeshLoadError(f"{path}: file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise MeshLoadError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    if size == 0:
        raise MeshLoadError(f"{path}: the file is empty")
    try:
        loaded = trimesh.load(str(path), force="scene", process=False)
    except Exception as exc:  # trimesh raises many types for damaged files
        raise MeshLoadError(f"{path}: cannot be read as a mesh ({type(exc).__name__}: {exc})") from None
    meshes = [g for g in loaded.dump() if isinstance(g, trimesh.Trimesh)] if isinstance(loaded, trimesh.Scene) \
        else [loaded] if isinstance(loaded, trimesh.Trimesh) else []
    meshes = [m for m in meshes if len(m.faces)]
    if not meshes:
        raise MeshLoadError(f"{path}: the file holds no triangles")
    mesh = trimesh.util.concatenate(meshes) if len(meshes) > 1 else meshes[0]
    if not np.all(np.isfinite(mesh.vertices)):
        raise MeshLoadError(f"{path}: vertex coordinates are not all finite numbers")
    return mesh
