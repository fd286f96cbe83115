"""Fuzzing mesh reading (issue 17): generated and mutated mesh files are read or refused, never a crash.

Binary and text STL, OBJ, PLY, glTF (its JSON mutated) and GLB files (the
bundled meshes with bytes flipped, cut short or a header field changed) go
through the worker process the way ``mesh check`` and ``catalog check`` read
them (:class:`~app.domain.mesh.sandbox.MeshWorker`, with its size limit and time
limit).  The worker's target (tests/domain/mesh_worker_targets.py:strict_check)
reads, analyses, reports and measures each file, and sends back any exception
other than :class:`MeshLoadError` as a bug, which fails the test; what is
judged fit has finite coordinates within the limit.

The issue's examples are seeded with ``@example``.  ``HYPOTHESIS_PROFILE=fuzz``
(tests/conftest.py) runs thousands of examples.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.sandbox import MeshWorker
from tests.conftest import MODELS

# The quick run's examples take seconds; the guard only stops a hang.  A long run gets an hour a test.
LONG_RUN = settings.default.max_examples > 100
pytestmark = pytest.mark.timeout(3600 if LONG_RUN else 180)

STRICT = "tests.domain.mesh_worker_targets:strict_check"
# A file under the size limit reads in well under a second; a stuck reader is stopped after this.
TIMEOUT_S = 15.0
HOSTILE_FLOATS = [0.0, -0.0, 1.0, 600.0, -600.0, 1e6, 1e7, 1e308, -1e308, float("inf"), float("-inf"),
                  float("nan"), 5e-324, 3.4e38]
HOSTILE_JSON = [None, True, -1, 0, 1, 3, 2**31, 2**64, 1e308, -1e308, 0.5, "x", "", "data:,", "../x.bin", [],
                {}, [0], {"uri": "x.bin"}, "\u0000", "%FF.bin"]
GLB = sorted(MODELS.glob("linea/*.glb"))


def examples(quick: int) -> int:
    """``quick`` examples in the default run; the profile's count in a long one (HYPOTHESIS_PROFILE=fuzz)."""
    return settings.default.max_examples if LONG_RUN else quick


def one_triangle_gltf(nodes: int = 1, scale: float = 1.0) -> dict:
    """A glTF with its buffer embedded: one triangle drawn by ``nodes`` nodes (all instancing mesh 0)."""
    import base64

    data = struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0)
    return {
        "asset": {"version": "2.0"},
        "scenes": [{"nodes": list(range(nodes))}], "scene": 0,
        "nodes": [{"mesh": 0, "translation": [i * 2.0, 0, 0], "scale": [scale, scale, scale]} for i in range(nodes)],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
                       "min": [0, 0, 0], "max": [1, 1, 0]}],
        "bufferViews": [{"buffer": 0, "byteLength": len(data)}],
        "buffers": [{"uri": "data:application/octet-stream;base64," + base64.b64encode(data).decode(),
                     "byteLength": len(data)}],
    }


def _leaves(tree, path=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(tree, list):
        for i, value in enumerate(tree):
            yield from _leaves(value, (*path, i))
    yield path


def _replaced(tree, path, value):
    if not path:
        return value
    tree = json.loads(json.dumps(tree))
    target = tree
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return tree


@st.composite
def gltf_files(draw) -> tuple[str, bytes]:
    tree = one_triangle_gltf()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_leaves(tree))))
        tree = _replaced(tree, path, draw(st.sampled_from(HOSTILE_JSON) | st.floats() | st.integers()))
    text = json.dumps(tree).encode()
    if draw(st.booleans()):
        text = b"\xef\xbb\xbf" + text  # a byte-order mark
    return "model.gltf", text


@st.composite
def binary_stls(draw) -> tuple[str, bytes]:
    count = draw(st.integers(0, 40))
    stated = draw(st.sampled_from([count, count, 0, count + 1, 2**32 - 1]))
    single = [f if abs(f) < 3.4e38 or f != f else 3.4e38 * (1 if f > 0 else -1) for f in HOSTILE_FLOATS]
    floats = draw(st.lists(st.sampled_from(single) | st.floats(width=32), min_size=count * 12,
                           max_size=count * 12))
    body = b"".join(struct.pack("<12fH", *floats[i * 12:(i + 1) * 12], 0) for i in range(count))
    header = draw(st.sampled_from([b"solid x", b"", b"COLOR=", b"\x00" * 80])).ljust(80, b" ")[:80]
    return "model.stl", header + struct.pack("<I", stated) + body + draw(st.binary(max_size=20))


def _number() -> st.SearchStrategy[str]:
    return (st.sampled_from(["0", "1", "-1", "600", "1e308", "1e400", "nan", "inf", "-inf", "x", ""])
            | st.floats().map(repr) | st.integers(-10, 10**12).map(str))


@st.composite
def text_meshes(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["obj", "stl", "ply"]))
    n = draw(st.integers(0, 12))
    numbers = [" ".join(draw(st.lists(_number(), min_size=3, max_size=4))) for _ in range(n)]
    index = st.integers(-5, 15).map(str) | st.sampled_from(["0", "99999999999", "a", "1/1/1", "-1"])
    if kind == "obj":
        lines = [f"v {v}" for v in numbers]
        faces = draw(st.lists(st.lists(index, min_size=3, max_size=5), max_size=8))
        lines += [f"f {' '.join(face)}" for face in faces]
        lines += draw(st.lists(st.sampled_from(["vt 0 0", "vn 0 0 1", "o part", "g group", "s off",
                                                "usemtl x", "mtllib missing.mtl", "garbage", ""]), max_size=4))
        lines = draw(st.permutations(lines))
    elif kind == "stl":
        lines = ["solid x"]
        for i in range(0, n - 2, 3):
            lines += ["facet normal 0 0 1", "outer loop", *(f"vertex {v}" for v in numbers[i:i + 3]),
                      "endloop", "endfacet"]
        lines.append(draw(st.sampled_from(["endsolid x", "", "endsolid"])))
    else:
        faces = [f"3 {' '.join(draw(st.lists(index, min_size=3, max_size=3)))}" for _ in range(draw(st.integers(0, 6)))]
        stated = draw(st.sampled_from([n, n + 1, 0, 2**31]))
        lines = ["ply", "format ascii 1.0", f"element vertex {stated}", "property float x", "property float y",
                 "property float z", f"element face {len(faces)}", "property list uchar int vertex_indices",
                 "end_header", *numbers, *faces]
    return f"model.{kind}", "\n".join(lines).encode()


@st.composite
def damaged_glbs(draw) -> tuple[str, bytes]:
    data = bytearray(draw(st.sampled_from(GLB)).read_bytes())
    kind = draw(st.sampled_from(["flip", "cut", "header"]))
    event(f"glb: {kind}")
    if kind == "flip":
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    elif kind == "cut":
        data = data[:draw(st.integers(0, len(data)))]
    else:
        offset = draw(st.sampled_from([4, 8, 12, 16]))  # version, total length, JSON chunk length and type
        data[offset:offset + 4] = struct.pack("<I", draw(st.sampled_from([0, 1, 2, 2**31, 2**32 - 1])))
    return "model.glb", bytes(data)


mesh_files = gltf_files() | binary_stls() | text_meshes() | damaged_glbs()


@pytest.fixture(scope="module")
def worker():
    with MeshWorker(STRICT) as started:
        yield started


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz-meshes")


def _read(worker: MeshWorker, path: Path) -> None:
    try:
        kind, detail = worker.call(path, timeout=TIMEOUT_S)
    except MeshLoadError as exc:  # the time limit, or the worker dying: refusals too, naming the file
        assert str(path) in str(exc)
        event("stopped by the worker's limits")
        return
    assert kind != "bug", detail
    event(kind)
    if kind == "refused":
        assert path.name in detail and "\n" not in detail and len(detail) < 2000, detail[:400]


@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
@given(mesh_files)
@example(("model.gltf", json.dumps(one_triangle_gltf(nodes=20_000)).encode()))   # 200,000 instanced nodes
@example(("model.gltf", json.dumps(one_triangle_gltf(nodes=3, scale=1e308)).encode()))  # coordinates of 1e308
@example(("model.gltf", b"\xef\xbb\xbf" + json.dumps(one_triangle_gltf()).encode()))     # a byte-order mark
@example(("model.stl", b" " * 80 + struct.pack("<I", 1) + struct.pack("<12fH", 0, 0, 1, 0, 0, 0, 3e38, 0, 0,
                                                                           0, 3e38, 0, 0)))
@example(("model.obj", b"v 0 0 0\nv 1e308 0 0\nv 0 1e308 0\nf 1 2 3\n"))
@example(("model.obj", b"v 0 0 0\nv nan 0 0\nv 0 1 0\nf 1 2 3\n"))
def test_a_mesh_file_is_read_or_refused(worker, folder, mesh_file):
    name, content = mesh_file
    path = folder / name
    path.write_bytes(content)
    _read(worker, path)


@settings(max_examples=examples(10))
@given(st.binary(min_size=1, max_size=6).filter(lambda b: b"/" not in b and b"\x00" not in b and b != b"."))
@example(b"\xff\xfe")
def test_a_file_name_that_is_not_utf8_is_read_and_named_readably(worker, folder, raw):
    import os

    path = Path(os.fsdecode(bytes(folder) + b"/" + raw + b".glb"))
    path.write_bytes((MODELS / "linea/shelf.glb").read_bytes())
    kind, _detail = worker.call(path, timeout=TIMEOUT_S)
    assert kind == "fit"
    path.write_bytes(b"glTF garbage")
    kind, detail = worker.call(path, timeout=TIMEOUT_S)
    assert kind == "refused" and "not a binary glTF file" in detail
    detail.encode("utf-8")  # printable: the name's odd bytes are written as \xNN
    shown = os.fsencode(path.name).decode("utf-8", "backslashreplace")
    assert shown in detail
    path.unlink()
