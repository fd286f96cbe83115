"""Files a mesh file refers to (glTF buffers and images, OBJ material libraries and
texture maps), checked *before* any parser opens them.

A designer's mesh may come from anywhere.  Whatever it names must lie in the
mesh file's own folder (or below it): an absolute path, a ``../`` that climbs out,
a symbolic link leading outside, a URL or a ``file:`` URI is refused with a
message that names the file and the reference.  :class:`ConfinedResolver` is the
same rule handed to trimesh, so a reference the scan missed cannot be followed
either.

Pure Python (json, struct); no Qt, no VTK.
"""

from __future__ import annotations

import json
import os
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import unquote

from trimesh.resolvers import FilePathResolver

from app.domain.mesh.errors import MeshLoadError

GLB_MAGIC = b"glTF"
GLB_JSON_CHUNK = 0x4E4F534A  # "JSON"
# OBJ/MTL statements whose argument is a file (the Wavefront MTL spec's texture maps).
MTL_FILE_KEYS = ("bump", "disp", "decal", "refl", "norm")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")  # http:, file:, data: ... (a drive "C:" too)


@dataclass
class References:
    """What a mesh file refers to: the files found, the ones missing, and (glTF) its JSON header."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    missing_buffers: list[str] = field(default_factory=list)
    gltf: dict[str, Any] | None = None   # the parsed glTF JSON (for its extras: units, up)


def confined_path(folder: Path, reference: str, owner: Path, what: str) -> Path:
    """The file ``reference`` names, inside ``folder``; :class:`MeshLoadError` when it leaves it."""
    text = reference.strip()
    if not text:
        raise MeshLoadError(f"{owner}: an empty {what} path")
    if "\0" in text:
        raise MeshLoadError(f"{owner}: {what} '{text.replace(chr(0), '?')}' contains a NUL byte (refused)")
    if _SCHEME.match(text) and not re.match(r"^[A-Za-z]:[\\/]", text):
        raise MeshLoadError(f"{owner}: {what} '{reference}' is a URL; only files beside the mesh are read (refused)")
    if (text.startswith(("/", "\\")) or PureWindowsPath(text).is_absolute() or re.match(r"^[A-Za-z]:", text)
            or PurePosixPath(text).is_absolute()):
        raise MeshLoadError(f"{owner}: {what} '{reference}' is an absolute path; "
                            "only files in the mesh's own folder are read (refused)")
    root = folder.resolve()
    path = (root / text.replace("\\", "/")).resolve()
    if not path.is_relative_to(root):
        raise MeshLoadError(f"{owner}: {what} '{reference}' points outside the mesh's folder {folder} (refused)")
    return path


def scan_references(path: Path, max_bytes: int) -> References:
    """Every external file ``path`` refers to, checked; raises :class:`MeshLoadError` on a refusal."""
    suffix = path.suffix.lower()
    if suffix == ".gltf":
        return _scan_gltf(path, _read_json(path), embedded_buffer=False)
    if suffix == ".glb":
        return _scan_gltf(path, _glb_json(path), embedded_buffer=True)
    if suffix == ".obj":
        return _scan_obj(path, max_bytes)
    return References()


# ---------------------------------------------------------------------- glTF
def _json_object(raw: bytes, encoding: str, path: Path, what: str, part: str) -> dict[str, Any]:
    """``raw`` decoded as the JSON object a glTF holds; a :class:`MeshLoadError` saying ``what`` is wrong."""
    try:
        data = json.loads(raw.decode(encoding))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MeshLoadError(f"{path}: cannot be read as a mesh ({what}: {part} cannot be read: {exc})") from None
    if not isinstance(data, dict):
        raise MeshLoadError(f"{path}: cannot be read as a mesh ({what}: expected a JSON object)")
    return data


def _read_json(path: Path) -> dict[str, Any]:
    return _json_object(path.read_bytes(), "utf-8-sig", path, "not a valid glTF file", "its JSON")


def _glb_json(path: Path) -> dict[str, Any]:
    """The JSON chunk of a binary glTF, read from its header (glTF 2.0 spec, 'GLB file format')."""
    with path.open("rb") as handle:
        header = handle.read(20)
        if len(header) < 20 or header[:4] != GLB_MAGIC:
            raise MeshLoadError(f"{path}: cannot be read as a mesh (not a binary glTF file: expected the "
                                "'glTF' header)")
        _version, total, chunk_length, chunk_type = struct.unpack("<IIII", header[4:20])
        size = path.stat().st_size
        if chunk_type != GLB_JSON_CHUNK or chunk_length > size - 20 or total > size:
            raise MeshLoadError(f"{path}: cannot be read as a mesh (damaged binary glTF: the header says {total} "
                                f"bytes, JSON chunk {chunk_length} bytes; the file has {size} bytes)")
        raw = handle.read(chunk_length)
    return _json_object(raw, "utf-8", path, "damaged binary glTF", "its JSON chunk")


def _scan_gltf(path: Path, tree: dict[str, Any], embedded_buffer: bool) -> References:
    refs = References(gltf=tree)
    folder = path.parent
    for kind, key in (("buffer", "buffers"), ("image", "images")):
        entries = tree.get(key) or []
        if not isinstance(entries, list):
            raise MeshLoadError(f"{path}: cannot be read as a mesh (damaged glTF: '{key}' is not a list)")
        for index, entry in enumerate(entries):
            uri = entry.get("uri") if isinstance(entry, dict) else None
            if uri is None:
                if kind == "buffer" and not embedded_buffer:
                    raise MeshLoadError(f"{path}: buffer {index} has no 'uri'")
                continue  # GLB's own binary chunk, or an image stored in a buffer view
            if not isinstance(uri, str):
                raise MeshLoadError(f"{path}: {kind} {index} has a 'uri' that is not text")
            if uri.startswith("data:"):
                continue  # embedded in the file itself
            # glTF URIs are percent-encoded: check what the file system would really be asked for
            # (bytes that are not UTF-8 stay the file name's own bytes, as the file system has them).
            confined_path(folder, uri, path, f"{kind} file")
            name = unquote(uri, errors="surrogateescape")
            target = confined_path(folder, name, path, f"{kind} file")
            if _is_file(target):
                refs.files.append(target)
            elif kind == "buffer":
                refs.missing_buffers.append(name)
            else:
                refs.missing.append(name)
    if refs.missing_buffers:
        raise MeshLoadError(f"{path}: the binary data file(s) {', '.join(refs.missing_buffers)} it needs are "
                            f"missing from {folder}")
    return refs


# ----------------------------------------------------------------------- OBJ
def _scan_obj(path: Path, max_bytes: int) -> References:
    refs = References()
    folder = path.parent
    text = path.read_bytes().decode("utf-8", errors="replace")
    for line in _lines_with(text, "mtllib"):
        # trimesh takes the rest of the line after the first "mtllib" as one name; the OBJ
        # spec allows several names separated by spaces: check both readings.
        rest = line[line.find("mtllib") + len("mtllib"):].strip()
        names = {rest, *rest.split()} if rest else set()
        for name in sorted(names):
            target = confined_path(folder, name, path, "material library (mtllib)")
            if _is_file(target):
                refs.files.append(target)
                _scan_mtl(target, folder, path, max_bytes, refs)
            elif name == rest or len(rest.split()) > 1:
                refs.missing.append(name)
    return refs


def _scan_mtl(mtl: Path, folder: Path, owner: Path, max_bytes: int, refs: References) -> None:
    if mtl.stat().st_size > max_bytes:
        raise MeshLoadError(f"{owner}: its material library {mtl.name} is over the {max_bytes / 1e6:.0f} MB limit")
    for line in mtl.read_bytes().decode("utf-8", errors="replace").splitlines():
        words = line.split()
        if len(words) < 2:
            continue
        key = words[0].lower()
        if not (key.startswith("map_") or key in MTL_FILE_KEYS):
            continue
        # The name is the last word after options (-s 1 1 1 ...); trimesh takes the whole rest of
        # the line.  Either may be what a reader opens, so both must stay inside the folder.
        rest = line.strip()[len(words[0]):].strip()
        for name in sorted({rest, words[-1]}):
            target = confined_path(folder, name, owner, f"texture '{key}' in {mtl.name}")
            if _is_file(target):
                refs.files.append(target)
            elif name == words[-1]:
                refs.missing.append(name)


def _lines_with(text: str, word: str) -> Iterator[str]:
    start = text.find(word)
    while start >= 0:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        yield text[line_start:line_end]
        start = text.find(word, line_end)


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the file system cannot even look up (too long, say)."""
    try:
        return path.is_file()
    except OSError:
        return False


# ------------------------------------------------------------------ resolver
class ConfinedResolver(FilePathResolver):
    """trimesh's file resolver, held to the mesh's own folder whatever trimesh version runs.

    Older trimesh releases followed ``../`` anywhere; every name goes through
    :func:`confined_path` first, so nothing outside the folder is ever opened.
    """

    def __init__(self, source: str | Path):
        super().__init__(str(source))
        self.root = Path(self.parent).resolve()

    def namespaced(self, namespace: str) -> ConfinedResolver:
        child = ConfinedResolver(os.path.join(self.parent, namespace) + os.sep)
        child.root = self.root  # a sub-folder resolver may still not climb above the mesh's folder
        return child

    def get(self, name: str) -> bytes:
        # glTF URIs are percent-encoded (café.bin is "caf%C3%A9.bin"); trimesh asks for them as written.
        plain = unquote(name.strip(), errors="surrogateescape")
        for candidate in (name.strip(), name.strip().lstrip("/"), os.path.basename(name.strip()), plain,
                          os.path.basename(plain)):
            if not candidate:
                continue
            try:
                path = confined_path(Path(self.parent), candidate, Path(self.file_path), "referenced file")
            except MeshLoadError:
                continue
            if path.is_relative_to(self.root) and _is_file(path):
                return path.read_bytes()
        raise FileNotFoundError(f"'{name}' is not a file inside {self.root}")
