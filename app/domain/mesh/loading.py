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
(:mod:`app.domain.mesh.references`), and glTF files of more than :data:`MAX_NODES`
nodes; after parsing, before any copy of the triangles, scenes of more than
:data:`MAX_TRIANGLES` triangles (counting every instance); and at the end vertex
coordinates that are not finite or beyond :data:`MAX_COORDINATE`.  A glTF file may
start with a byte-order mark.  Every failure is a :class:`MeshLoadError` whose
message names the file.  Parsing itself runs in this process: to stop a parser
that hangs, call these through :mod:`app.domain.mesh.sandbox`.

:func:`measure_in_worker` does just that for ``modulor catalog check``: the file is
read by a worker process (one per process, started on first use) and only its
triangle count and box travel back (:class:`MeshMeasure`).
"""

from __future__ import annotations

import atexit
import hashlib
import io
import logging
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import trimesh

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.references import ConfinedResolver, scan_references
from app.domain.mesh.sandbox import READ_TIMEOUT_S, MeshWorker

__all__ = ["MAX_COORDINATE", "MAX_MESH_BYTES", "MAX_NODES", "MAX_TRIANGLES", "MESH_SUFFIXES", "ImportedMesh",
           "MeshLoadError", "MeshMeasure", "Texture", "load_mesh", "measure_file", "measure_in_worker",
           "measuring_worker", "read_mesh"]

MAX_MESH_BYTES = 64 * 1024 * 1024
# Far more than any mesh the kiosk can show (a module's budget is a few thousand triangles), and
# what the worker reads and analyses well within its time limit (1.2 million took 11 s to analyse).
MAX_TRIANGLES = 1_000_000
# A furniture file has tens of nodes; 200,000 nodes instancing one mesh took 75 s and 1.45 GB.
MAX_NODES = 10_000
# Largest vertex coordinate, in the file's own units: a kilometre in millimetres.
MAX_COORDINATE = 1e6
UTF8_BOM = b"\xef\xbb\xbf"
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
    # Per part, the name of its material in the file ('' without one): Blender's material names guess
    # a piece's material slot (glass, metal ...), app/domain/mesh/slots.py.
    part_materials: list[str] = field(default_factory=list)
    # Facts for the guesses: gltf extras, stl_header, trimesh_units.
    metadata: dict[str, Any] = field(default_factory=dict)
    textures: list[Texture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things left out or missing, for the report

    @property
    def triangle_count(self) -> int:
        return len(self.faces)

    def used_vertices(self) -> np.ndarray:
        """A mask of the vertices some triangle uses (linear time: np.unique took 4 s per million triangles)."""
        used = np.zeros(len(self.vertices), dtype=bool)
        used[self.faces.ravel()] = True
        return used

    def trimesh(self) -> trimesh.Trimesh:
        return trimesh.Trimesh(self.vertices, self.faces, process=False)


def _check_file(path: Path, max_bytes: int) -> int:
    if "\0" in str(path):
        raise MeshLoadError(f"{str(path).replace(chr(0), '?')}: the file name contains a NUL byte (refused)")
    try:
        if not path.is_file():
            raise MeshLoadError(f"{path}: file not found")
        size = path.stat().st_size
    except OSError as exc:  # a name too long for the file system, a loop of links
        raise MeshLoadError(f"{path}: cannot be read ({exc.strerror or exc})") from None
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
            source = _gltf_without_bom(path)
            if source is not None:  # trimesh's JSON reader refuses the mark the glTF spec tolerates
                loaded = trimesh.load(source, file_type="gltf", force="scene", process=False,
                                      resolver=ConfinedResolver(path))
            else:
                # An OBJ's objects (o) and groups (g) stay separate pieces, as glTF nodes do: trimesh
                # would otherwise merge every object of one material into one, and a cabinet's five
                # boards of one board material would become one piece (no parts could be derived).
                split: dict[str, Any] = {"split_objects": True, "split_groups": True} \
                    if path.suffix.lower() == ".obj" else {}
                loaded = trimesh.load(str(path), force="scene", process=False, resolver=ConfinedResolver(path),
                                      **split)
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


def _gltf_without_bom(path: Path) -> io.BytesIO | None:
    """A .gltf file's text without its leading byte-order mark, or None when it has none."""
    if path.suffix.lower() != ".gltf":
        return None
    with path.open("rb") as handle:
        if handle.read(len(UTF8_BOM)) != UTF8_BOM:
            return None
        return io.BytesIO(handle.read())


def _count_triangles(path: Path, scene: trimesh.Scene, max_triangles: int) -> None:
    """Refuse a scene whose instances add up to more than ``max_triangles``, before any is copied."""
    total = 0
    for node in scene.graph.nodes_geometry:
        geom = scene.geometry.get(scene.graph[node][1])
        faces = getattr(geom, "faces", None) if isinstance(geom, trimesh.Trimesh) else None
        total += len(faces) if faces is not None else 0
        if total > max_triangles:
            raise MeshLoadError(f"{path}: more than {max_triangles:,} triangles (counting every instance): far "
                                "beyond what a module may show; reduce it in the modelling program")


def _check_gltf_size(path: Path, gltf: dict[str, Any] | None) -> None:
    nodes = gltf.get("nodes") if gltf is not None else None
    if isinstance(nodes, list) and len(nodes) > MAX_NODES:
        raise MeshLoadError(f"{path}: {len(nodes):,} nodes; a furniture mesh has far fewer (at most "
                            f"{MAX_NODES:,} are read)")


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


def _material_name(mesh: trimesh.Trimesh) -> str:
    material = getattr(mesh.visual, "material", None)
    name = getattr(material, "name", None) if material is not None else None
    return str(name)[:200] if name else ""


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


def read_mesh(path: Path | str, max_bytes: int = MAX_MESH_BYTES, max_triangles: int = MAX_TRIANGLES) -> ImportedMesh:
    """Read ``path`` (GLB/glTF, OBJ with its materials, STL, PLY) for the designer's import."""
    path = Path(path)
    size = _check_file(path, max_bytes)
    refs = scan_references(path, max_bytes)  # refuses references outside the folder, before parsing
    total = size + sum(f.stat().st_size for f in set(refs.files))
    if total > max_bytes:  # a small .gltf may name a huge .bin: the limit is for everything read
        raise MeshLoadError(f"{path}: with the files it refers to, {total / 1e6:.1f} MB is over the "
                            f"{max_bytes / 1e6:.0f} MB limit")
    _check_gltf_size(path, refs.gltf)
    scene = _parse(path)
    _count_triangles(path, scene, max_triangles)
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
    largest = float(np.abs(all_vertices).max())
    if largest > MAX_COORDINATE:
        raise MeshLoadError(f"{path}: a vertex lies {largest:.3g} units from the origin; no furniture mesh "
                            f"reaches beyond {MAX_COORDINATE:.0e} (damaged or hostile file?)")
    for missing in refs.missing:
        notes.append(f"referenced file '{missing}' is missing: left out")
    return ImportedMesh(path=path, format=path.suffix.lower().lstrip("."), vertices=all_vertices,
                        faces=np.concatenate(faces), face_part=np.concatenate(face_part),
                        part_names=[name for name, _ in parts], file_bytes=size,
                        part_materials=[_material_name(mesh) for _, mesh in parts],
                        metadata=_metadata(path, scene, refs.gltf), textures=_textures(parts), notes=notes)


def load_mesh(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> trimesh.Trimesh:
    """Load ``path`` (GLB/glTF, OBJ, STL, PLY) as one triangle mesh in the file's own coordinates."""
    return read_mesh(path, max_bytes).trimesh()


# ------------------------------------------------------------------ measuring in the worker
MEASURE_TARGET = "app.domain.mesh.loading:measure_file"
_measurer: MeshWorker | None = None
_measurer_lock = threading.Lock()


@dataclass(frozen=True)
class MeshMeasure:
    """What the catalog check compares with a catalog entry: the triangles and the box around them."""

    triangles: int
    lower: tuple[float, float, float]
    upper: tuple[float, float, float]
    # Each named piece (glTF node, OBJ object) and its box (x0, y0, z0, x1, y1, z1): what the check
    # that the mesh draws the cut list needs, without sending every vertex back from the worker.
    pieces: tuple[tuple[str, tuple[float, float, float, float, float, float]], ...] = ()


def measure_file(path: Path | str, max_bytes: int = MAX_MESH_BYTES) -> MeshMeasure:
    """Read and measure ``path`` in this process (the worker's job for :func:`measure_in_worker`)."""
    mesh = read_mesh(path, max_bytes)
    used = mesh.vertices[mesh.used_vertices()]
    lo, hi = used.min(axis=0), used.max(axis=0)
    pieces = []
    for index, name in enumerate(mesh.part_names):
        corners = mesh.vertices[np.unique(mesh.faces[mesh.face_part == index])]
        if len(corners):
            a, b = corners.min(axis=0), corners.max(axis=0)
            pieces.append((name, (float(a[0]), float(a[1]), float(a[2]), float(b[0]), float(b[1]), float(b[2]))))
    return MeshMeasure(mesh.triangle_count, (float(lo[0]), float(lo[1]), float(lo[2])),
                       (float(hi[0]), float(hi[1]), float(hi[2])), tuple(pieces))


def measuring_worker() -> MeshWorker:
    """The process's worker for :func:`measure_in_worker`: started on first use (it takes a second or two
    to import its reader; ``.start()`` it early to overlap that), closed when the process ends."""
    global _measurer
    with _measurer_lock:
        if _measurer is None:
            _measurer = MeshWorker(MEASURE_TARGET)
            atexit.register(_measurer.close)
        return _measurer


def measure_in_worker(path: Path | str, max_bytes: int = MAX_MESH_BYTES,
                      timeout: float = READ_TIMEOUT_S) -> MeshMeasure:
    """``path``'s triangles and box, read in the worker process with the size, node, triangle, coordinate
    and time limits; :class:`MeshLoadError` naming the file when it is refused, too slow or crashes the reader."""
    measure: MeshMeasure = measuring_worker().call(path, max_bytes, timeout=timeout)
    return measure
