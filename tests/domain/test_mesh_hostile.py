"""Hostile and broken files: references outside the folder, oversize files, parsers that hang or crash."""

from __future__ import annotations

import base64
import json
import os
import struct
from pathlib import Path

import pytest
import trimesh

from app.domain.mesh import loading as mesh_io
from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.loading import read_mesh
from app.domain.mesh.references import ConfinedResolver, scan_references
from app.domain.mesh.sandbox import MeshWorker

TRIANGLE = struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0)


def gltf(tmp_path: Path, buffer_uri: str, image_uri: str | None = None, name: str = "model.gltf") -> Path:
    """A one-triangle glTF whose buffer (and optionally an image) is referenced by ``uri``."""
    tree = {
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": [0]}], "scene": 0,
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "min": [0, 0, 0], "max": [1, 1, 0]}],
        "bufferViews": [{"buffer": 0, "byteLength": len(TRIANGLE)}],
        "buffers": [{"uri": buffer_uri, "byteLength": len(TRIANGLE)}],
    }
    if image_uri is not None:
        tree["images"] = [{"uri": image_uri}]
    path = tmp_path / name
    path.write_text(json.dumps(tree))
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A secret file beside the mesh folder, which nothing may read."""
    secret = tmp_path / "secret.bin"
    secret.write_bytes(TRIANGLE)
    (tmp_path / "designs").mkdir()
    return tmp_path / "designs"


def test_a_gltf_reading_its_buffer_beside_it_loads(outside):
    (outside / "data.bin").write_bytes(TRIANGLE)
    mesh = read_mesh(gltf(outside, "data.bin"))
    assert mesh.triangle_count == 1


@pytest.mark.parametrize("uri, words", [
    ("../secret.bin", "points outside the mesh's folder"),
    ("..%2Fsecret.bin", "points outside the mesh's folder"),
    ("sub/../../secret.bin", "points outside the mesh's folder"),
    ("/etc/passwd", "is an absolute path"),
    ("C:\\Windows\\win.ini", "is an absolute path"),
    ("file:///etc/passwd", "is a URL"),
    ("https://example.com/model.bin", "is a URL"),
])
def test_gltf_buffers_outside_the_folder_are_refused_before_parsing(outside, monkeypatch, uri, words):
    monkeypatch.setattr(trimesh, "load", lambda *a, **k: pytest.fail("trimesh must not be called"))
    path = gltf(outside, uri)
    with pytest.raises(MeshLoadError) as refusal:
        read_mesh(path)
    assert str(path) in str(refusal.value) and words in str(refusal.value) and "refused" in str(refusal.value)


def test_gltf_images_outside_the_folder_are_refused(outside):
    (outside / "data.bin").write_bytes(TRIANGLE)
    with pytest.raises(MeshLoadError, match=r"image file '\.\./secret\.bin' points outside"):
        read_mesh(gltf(outside, "data.bin", image_uri="../secret.bin"))


def test_embedded_data_uris_are_fine(outside):
    uri = "data:application/octet-stream;base64," + base64.b64encode(TRIANGLE).decode()
    assert read_mesh(gltf(outside, uri)).triangle_count == 1


def test_a_symbolic_link_leading_outside_is_refused(outside):
    os.symlink(outside.parent / "secret.bin", outside / "data.bin")
    with pytest.raises(MeshLoadError, match="points outside"):
        read_mesh(gltf(outside, "data.bin"))


def test_a_missing_buffer_is_named(outside):
    with pytest.raises(MeshLoadError, match=r"missing\.bin"):
        read_mesh(gltf(outside, "missing.bin"))


def test_obj_material_library_outside_the_folder_is_refused(outside, monkeypatch):
    (outside.parent / "evil.mtl").write_text("newmtl m\nKd 1 0 0\n")
    obj = outside / "cab.obj"
    obj.write_text("mtllib ../evil.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n")
    monkeypatch.setattr(trimesh, "load", lambda *a, **k: pytest.fail("trimesh must not be called"))
    with pytest.raises(MeshLoadError, match=r"material library \(mtllib\) '../evil.mtl' points outside"):
        read_mesh(obj)


def test_obj_texture_outside_the_folder_is_refused(outside):
    (outside / "cab.mtl").write_text("newmtl m\nmap_Kd -s 1 1 1 ../../etc/texture.png\n")
    obj = outside / "cab.obj"
    obj.write_text("mtllib cab.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl m\nf 1 2 3\n")
    with pytest.raises(MeshLoadError, match=r"texture 'map_kd' in cab\.mtl"):
        read_mesh(obj)


def test_obj_with_its_materials_beside_it_loads_and_lists_them(outside):
    (outside / "cab.mtl").write_text("newmtl m\nKd 1 0 0\n")
    obj = outside / "cab.obj"
    obj.write_text("mtllib cab.mtl\nv 0 0 0\nv 1 0 0\nv 0 1 0\nusemtl m\nf 1 2 3\n")
    assert scan_references(obj, 10_000).files == [(outside / "cab.mtl").resolve()]
    assert read_mesh(obj).triangle_count == 1


def test_the_resolver_handed_to_trimesh_never_leaves_the_folder(outside):
    resolver = ConfinedResolver(outside / "model.gltf")
    (outside / "inside.bin").write_bytes(b"ok")
    assert resolver.get("inside.bin") == b"ok"
    for name in ("../secret.bin", "/etc/passwd", str(outside.parent / "secret.bin")):
        with pytest.raises(FileNotFoundError):
            resolver.get(name)


def test_files_over_the_size_limit_are_refused_before_parsing(tmp_path, monkeypatch):
    big = tmp_path / "big.stl"
    big.write_bytes(b"\0" * 2000)
    monkeypatch.setattr(trimesh, "load", lambda *a, **k: pytest.fail("trimesh must not be called"))
    with pytest.raises(MeshLoadError, match=r"big.stl: 0.0 MB is over the 0 MB limit"):
        read_mesh(big, max_bytes=1000)
    assert mesh_io.MAX_MESH_BYTES == 64 * 1024 * 1024


def test_the_size_limit_counts_the_files_a_gltf_refers_to(outside, monkeypatch):
    (outside / "data.bin").write_bytes(TRIANGLE + b"\0" * 5000)
    path = gltf(outside, "data.bin")
    monkeypatch.setattr(trimesh, "load", lambda *a, **k: pytest.fail("trimesh must not be called"))
    with pytest.raises(MeshLoadError, match="with the files it refers to"):
        read_mesh(path, max_bytes=path.stat().st_size + 1000)


@pytest.mark.parametrize("content, words", [
    (b"glTF\x02\x00\x00\x00garbage", "cannot be read as a mesh"),
    (b"solid x\nfacet normal 0 0 1\nouter loop\nvertex 0 0 nan\n", "cannot be read"),
    (b"ply\nformat binary_little_endian 1.0\nelement vertex 99999999\nproperty float x\nend_header\n",
     "cannot be read"),
])
def test_damaged_files_are_refused_with_their_name(tmp_path, content, words):
    suffix = ".glb" if content.startswith(b"glTF") else ".stl" if content.startswith(b"solid") else ".ply"
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(content)
    with pytest.raises(MeshLoadError) as refusal:
        read_mesh(path)
    assert str(path) in str(refusal.value)


def test_a_hanging_parser_is_stopped_and_the_next_file_gets_a_fresh_reader(tmp_path):
    with MeshWorker(target="tests.domain.mesh_worker_targets:hang") as worker:
        with pytest.raises(MeshLoadError, match=r"stuck.stl: reading took longer than 1 s and was stopped"):
            worker.call(tmp_path / "stuck.stl", timeout=1)
        assert worker.call(tmp_path / "next.quick", timeout=30) is None


def test_a_crashing_parser_is_a_refusal_not_a_crash(tmp_path):
    with (MeshWorker(target="tests.domain.mesh_worker_targets:crash") as worker,
          pytest.raises(MeshLoadError, match=r"boom\.obj: the mesh reader stopped while reading it \(exit code 3\)")):
        worker.call(tmp_path / "boom.obj")


def test_the_real_reader_reports_refusals_from_the_worker(tmp_path):
    empty = tmp_path / "empty.stl"
    empty.write_bytes(b"")
    with MeshWorker() as worker, pytest.raises(MeshLoadError, match=r"empty\.stl: the file is empty"):
        worker.call(empty)
