"""Turn an inspected mesh into the one Modulor keeps: millimetres, Z up, origin at the
back-left-bottom corner, without degenerate or duplicate triangles, every closed
piece facing out; write it as a GLB like the catalog's own meshes; suggest
stretch zones.

Pure numpy and trimesh.  The designer's choices (units, up axis, whether the
origin is fixed yet) come in as a :class:`Choices`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import trimesh

from app.domain.mesh.inspection import Inspected
from app.domain.mesh.units import to_modulor

# The scene extras every module mesh carries (docs/coordinates-and-meshes.md).
ASSET_EXTRAS = {"units": "mm", "up": "Z", "origin": "back-left-bottom", "front": "-Y"}
NEUTRAL_GREY = [200, 200, 200, 255]   # as the catalog's meshes: colours come from the catalog's finishes
# Converted coordinates are rounded to a micrometre: a board modelled 0.018 m thick in a float32
# file comes out 18.000004 mm, and stretch zones and checks want the 18 the designer meant.
SNAP_DECIMALS = 3


@dataclass(frozen=True)
class Choices:
    """How to read the file: its units, its up axis, whether to move the origin to the corner, and the
    quarter turns (about x, then y, then z, after the up axis) the designer gave it (issue 19: a mesh
    whose front faces the wrong way is turned here, not in the 3D tool)."""

    units: str
    up: str
    fix_origin: bool = False
    turns: tuple[int, int, int] = (0, 0, 0)


def quarter_turns(turns: tuple[int, int, int]) -> np.ndarray:
    """The rotation of ``turns`` quarter turns about x, then y, then z (right-handed, +90 degrees each)."""
    x = np.array([[1, 0, 0], [0, 0, -1], [0, 1, 0]], dtype=float)
    y = np.array([[0, 0, 1], [0, 1, 0], [-1, 0, 0]], dtype=float)
    z = np.array([[0, -1, 0], [1, 0, 0], [0, 0, 1]], dtype=float)
    matrix = np.eye(3)
    for axis, count in zip((x, y, z), turns):
        matrix = np.linalg.matrix_power(axis, int(count) % 4) @ matrix
    return matrix


@dataclass
class CleanMesh:
    """Triangles in Modulor's frame, with the part each triangle belongs to."""

    vertices: np.ndarray      # (N, 3) mm
    faces: np.ndarray         # (M, 3)
    face_part: np.ndarray     # (M,)
    part_names: list[str]
    removed_degenerate: int
    removed_duplicate: int
    flipped_faces: int

    @property
    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        return self.vertices.min(axis=0), self.vertices.max(axis=0)

    @property
    def size(self) -> np.ndarray:
        lo, hi = self.bounds
        size: np.ndarray = hi - lo
        return size


def corner(vertices: np.ndarray) -> np.ndarray:
    """The back-left-bottom corner of the bounding box: min x, max y (the back), min z."""
    lo, hi = vertices.min(axis=0), vertices.max(axis=0)
    return np.array([lo[0], hi[1], lo[2]])


def converted(inspected: Inspected, choices: Choices) -> np.ndarray:
    """All vertices in mm, Z up, and at the corner when the origin is fixed."""
    vertices = to_modulor(inspected.mesh.vertices, choices.units, choices.up)
    if any(choices.turns):
        vertices = vertices @ quarter_turns(choices.turns).T
    if choices.fix_origin:
        vertices = vertices - corner(vertices[inspected.mesh.used_vertices()])
    return vertices


def clean(inspected: Inspected, choices: Choices) -> CleanMesh:
    """The mesh as it would be published (the origin moved only if ``choices`` says so)."""
    mesh, topo = inspected.mesh, inspected.topology
    keep = topo.kept
    faces = mesh.faces[keep].copy()
    # Inside-out closed pieces are turned the right way round (their winding reversed).
    inverted = np.isin(topo.face_piece[keep], topo.inverted_pieces)
    faces[inverted] = faces[inverted][:, ::-1]
    used, new_faces = np.unique(faces, return_inverse=True)
    vertices = np.round(converted(inspected, Choices(choices.units, choices.up, False, choices.turns))[used],
                        SNAP_DECIMALS)
    if choices.fix_origin:
        vertices = vertices - corner(vertices)
    return CleanMesh(vertices=vertices, faces=new_faces.reshape(-1, 3), face_part=mesh.face_part[keep],
                     part_names=list(mesh.part_names), removed_degenerate=int(topo.degenerate.sum()),
                     removed_duplicate=int((topo.duplicate & ~topo.degenerate).sum()),
                     flipped_faces=int(inverted.sum()))


def to_glb(mesh: CleanMesh, reference_size: Sequence[float],
           zones: Mapping[str, Sequence[Sequence[float]]] | None = None) -> bytes:
    """The GLB bytes: one node per part, millimetres, Z up, the catalog's scene extras."""
    material = trimesh.visual.material.PBRMaterial(name="neutral", baseColorFactor=NEUTRAL_GREY,
                                                   metallicFactor=0.0, roughnessFactor=0.8)
    scene = trimesh.Scene()
    for index, name in enumerate(mesh.part_names):
        faces = mesh.faces[mesh.face_part == index]
        if not len(faces):
            continue
        used, local = np.unique(faces, return_inverse=True)
        part = trimesh.Trimesh(mesh.vertices[used], local.reshape(-1, 3), process=False)
        part.units = "mm"  # written as mesh extras; without it trimesh reads the file back as metres
        part.visual = trimesh.visual.TextureVisuals(material=material)
        scene.add_geometry(part, node_name=name, geom_name=name)
    scene.metadata.update(ASSET_EXTRAS)  # -> the scene's extras, read back by trimesh and by us
    scene.metadata["reference_size"] = [float(v) for v in reference_size]
    if zones is not None:
        scene.metadata["stretch_zones"] = {axis: [list(map(float, z)) for z in zones.get(axis, [])] for axis in "xyz"}

    def asset_extras(tree: dict[str, Any]) -> None:
        tree["asset"]["extras"] = dict(ASSET_EXTRAS)

    glb: bytes = trimesh.exchange.gltf.export_glb(scene, include_normals=False, tree_postprocessor=asset_extras)
    return glb


def suggest_zone(vertices: np.ndarray, axis: int, minimum_share: float = 0.0) -> tuple[float, float] | None:
    """The widest interval along ``axis`` with no vertex inside: stretching there bends nothing.

    Between a cabinet's two side panels no corner lies, so the gap between their
    inner faces is the zone that keeps both panels at their thickness.  None when
    the mesh has no gap wider than ``minimum_share`` of its extent.
    """
    coords = np.unique(np.round(np.asarray(vertices, dtype=float)[:, axis], 6))
    if len(coords) < 2:
        return None
    gaps = np.diff(coords)
    best = int(np.argmax(gaps))
    if gaps[best] <= minimum_share * (coords[-1] - coords[0]):
        return None
    return float(coords[best]), float(coords[best + 1])
