"""Load mesh files safely (trimesh, no display needed).

Two entry points:

- :func:`load_mesh` gives one triangle mesh in the file's own coordinates; used by
  the catalog check, the 3D view's mesh cache and thumbnails.
- :func:`read_mesh` gives an :class:`ImportedMesh` for the designer's import: the
  triangles with the part each belongs to, and the facts the file states about
  itself (glTF extras, STL header, trimesh's units, texture sizes) that the
  units and orientation guesses (:mod:`app.domain.mesh.units`) read.

Both refuse, before parsing, files over a size limit and files whose buffers,
material libraries or textures lie outside the file's own folder
(:mod:`app.domain.mesh.references`).  Every failure is a :class:`MeshLoadError` whose
message names the file.  Parsing itself runs in this process: to stop a parser
that hangs, call these through :mod:`app.domain.mesh.sandbox`.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import trimesh

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.references import ConfinedResolver, scan_references

__all__ = ["MAX_MESH_BYTES", "MESH_SUFFIXES", "ImportedMesh", "MeshLoadError", "Texture", "load_mesh", "read_mesh"]

MAX_MESH_BYTES = 64 * 1024 * 1024
MESH_SUFFIXES = (".glb", ".gltf", ".obj", ".stl", ".ply")
# glTF material slots that hold an image (glTF 2.0 spec, "materials").
TEXTURE_SLOTS = ("baseColorTexture", "normalTexture", "emissiveTexture", "metallicRoughnessTexture",
                 "occlusionTexture", "image")


@dataclass(frozen=True)
class Texture:
    """One image a material uses: where, and its size in pixels."""

    part: str
    slot: str
    width: int
    height: int


@dataclass
class ImportedMesh:
    """A mesh file's triangles and what the file says about itself, before any interpretation."""

    path: Path
    format: str                       # "glb", "gltf", "obj", "stl", "ply"
    vertices: np.ndarray              # (N, 3) float64, the file's units and axes
    faces: np.ndarray                 # (M, 3) int64
    face_part: np.ndarray             # (M,) index into part_names
    part_names: list[str]
    file_bytes: int
    # Facts for the guesses: gltf extras, stl_header, trimesh_units.
    metadata: dict[str, Any] = field(default_factory=dict)
    textures: list[Texture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things left out or missing, for the report

    @property
    def triangle_count(self) -> int:
        return len(self.faces)

    def trimesh(self) -> trimesh.Trimesh:
        return trimesh.Trimesh(self.vertices, self.faces, process=False)


def _check_file(path: Path, max_bytes: int) -> int:
    if not path.is_file():
        raise MeshLoadError(f"{path}: file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise MeshLoadError(f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    if size == 0:
        raise MeshLoadError(f"{path}: the file is empty")
    if path.suffix.lower() not in MESH_SUFFIXES:
        raise MeshLoadError(f"{path}: '{path.suffix}' is not a mesh format Modulor reads "
                            f"({', '.join(MESH_SUFFIXES)})")
    return size


def _parse(path: Path) -> trimesh.Scene:
    """trimesh's parse of ``path`` as a scene, quietly: its warnings become our messages."""
    quiet = logging.getLogger("trimesh")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            loaded = trimesh.load(str(path), force="scene", process=False, resolver=ConfinedResolver(path))
    except MeshLoadError:
        raise
    except MemoryError:
        raise MeshLoadError(f"{path}: needs more memory than a mesh may take (damaged or hostile file?)") from None
    except Exception as exc:  # trimesh raises many types for damaged files
        raise MeshLoadError(f"{path}: cannot be read as a mesh ({type(exc).__name__}: {exc})") from None
    finally:
        quiet.setLevel(level)
    if not isinstance(loaded, trimesh.Scene):
        raise MeshLoadError(f"{path}: cannot be read as a mesh (got {type(loaded).__name__})")
    return loaded


def _parts(path: Path, scene: trimesh.Scene) -> tuple[list[tuple[str, trimesh.Trimesh]], list[str]]:
    """Each triangle mesh of the scene moved by its node's transform, named; and what was left out."""
    parts: list[tuple[str, trimesh.Trimesh]] = []
    skipped: dict[str, int] = {}
    used: dict[str, int] = {}
    for node in scene.graph.nodes_geometry:
        transform, geom_key = scene.graph[node]
        geom = scene.geometry[geom_key]
        geom_name = str(geom_key)
        if not isinstance(geom, trimesh.Trimesh):
            kind = type(geom).__name__
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        if geom.faces is None or not len(geom.faces):
            continue
        mesh = geom.copy()
        mesh.apply_transform(transform)
        used[geom_name] = used.get(geom_name, 0) + 1
        name = geom_name if used[geom_name] == 1 else f"{geom_name}_{used[geom_name]}"
        parts.append((name, mesh))
    notes = []
    for kind, count in skipped.items():
        what = {"PointCloud": "point cloud", "Path3D": "line drawing", "Path2D": "2D drawing"}.get(kind, kind)
        notes.append(f"{count} {what}{'s' if count > 1 else ''} left out (only triangles are used)")
    return parts, notes


def _textures(parts: list[tuple[str, trimesh.Trimesh]]) -> list[Texture]:
    """The distinct images the parts' materials use (one image shared by several parts counts once)."""
    seen: set[str] = set()
    found: list[Texture] = []
    for name, mesh in parts:
        material = getattr(mesh.visual, "material", None)
        for slot in TEXTURE_SLOTS:
            image = getattr(material, slot, None) if material is not None else None
            size = getattr(image, "size", None)
            if image is None or size is None:
                continue
            # trimesh gives an OBJ with texture coordinates but no material a stand-in image; only
            # images read from a file (map_Kd records its path) are the designer's textures.
            if slot == "image" and not getattr(image, "info", {}).get("file_path"):
                continue
            try:
                key = hashlib.sha1(image.tobytes()).hexdigest()
            except Exception:  # an image Pillow cannot decode: still worth listing once
                key = f"{slot}:{id(image)}"
            if key in seen:
                continue
            seen.add(key)
            found.append(Texture(name, slot, int(size[0]), int(size[1])))
    return found


def _metadata(path: Path, scene: trimesh.Scene, gltf: dict[str, Any] | None) -> dict[str, Any]:
    facts: dict[str, Any] = {"file_name": path.name}
    if gltf is not None:
        scenes = gltf.get("scenes") or []
        index = gltf.get("scene", 0) if isinstance(gltf.get("scene", 0), int) else 0
        scene_extras = scenes[index].get("extras") if 0 <= index < len(scenes) and isinstance(scenes[index], dict) \
            else None
        asset_value = gltf.get("asset")
        asset = asset_value if isinstance(asset_value, dict) else {}
        facts["gltf_scene_extras"] = scene_extras if isinstance(scene_extras, dict) else {}
        facts["gltf_asset_extras"] = asset.get("extras") if isinstance(asset.get("extras"), dict) else {}
        mesh_units = {str(m["extras"]["units"]) for m in gltf.get("meshes") or []
                      if isinstance(m, dict) and isinstance(m.get("extras"), dict) and "units" in m["extras"]}
        facts["gltf_mesh_units"] = sorted(mesh_units)
        facts["gltf_generator"] = str(asset.get("generator", ""))
    elif scene.units:
        facts["trimesh_units"] = str(scene.units)
    header = scene.metadata.get("header") if isinstance(scene.metadata, dict) else None
    if header is None:
        for geom in scene.geometry.values():
            header = geom.metadata.get("header") if isinstance(geom.metadata, dict) else None
            if header:
                break
    if isinstance(header, str) and header.strip("\x00 ").strip():
        facts["stl_header"] = header.strip("\x00 ").strip()
    return facts


def read_mesh(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> ImportedMesh:
    """Read ``path`` (GLB/glTF, OBJ with its materials, STL, PLY) for the designer's import."""
    path = Path(path)
    size = _check_file(path, max_bytes)
    refs = scan_references(path, max_bytes)  # refuses references outside the folder, before parsing
    total = size + sum(f.stat().st_size for f in set(refs.files))
    if total > max_bytes:  # a small .gltf may name a huge .bin: the limit is for everything read
        raise MeshLoadError(f"{path}: with the files it refers to, {total / 1e6:.1f} MB is over the "
                            f"{max_bytes / 1e6:.0f} MB limit")
    scene = _parse(path)
    parts, notes = _parts(path, scene)
    if not parts:
        points = sum(len(g.vertices) for g in scene.geometry.values() if isinstance(g, trimesh.PointCloud))
        what = f"a point cloud of {points} points, " if points else ""
        raise MeshLoadError(f"{path}: the file holds no triangles ({what}nothing to show as a surface)")
    vertices, faces, face_part = [], [], []
    offset = 0
    for index, (_name, mesh) in enumerate(parts):
        v = np.asarray(mesh.vertices, dtype=np.float64)
        f = np.asarray(mesh.faces, dtype=np.int64)
        if f.ndim != 2 or f.shape[1] != 3 or f.min() < 0 or f.max() >= len(v):
            raise MeshLoadError(f"{path}: damaged: part '{_name}' has triangle corners that point to no vertex")
        vertices.append(v)
        faces.append(f + offset)
        face_part.append(np.full(len(f), index, dtype=np.int32))
        offset += len(v)
    all_vertices = np.concatenate(vertices)
    if not np.all(np.isfinite(all_vertices)):
        raise MeshLoadError(f"{path}: vertex coordinates are not all finite numbers")
    for missing in refs.missing:
        notes.append(f"referenced file '{missing}' is missing: left out")
    return ImportedMesh(path=path, format=path.suffix.lower().lstrip("."), vertices=all_vertices,
                        faces=np.concatenate(faces), face_part=np.concatenate(face_part),
                        part_names=[name for name, _ in parts], file_bytes=size,
                        metadata=_metadata(path, scene, refs.gltf), textures=_textures(parts), notes=notes)


def load_mesh(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> trimesh.Trimesh:
    """Load ``path`` (GLB/glTF, OBJ, STL, PLY) as one triangle mesh in the file's own coordinates."""
    return read_mesh(path, max_bytes).trimesh()
