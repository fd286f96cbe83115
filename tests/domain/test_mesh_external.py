"""Every real-world mesh gets a correct report or a clear refusal, read through the worker process.

The facts asserted per file were checked with trimesh by hand first (sizes, triangle
counts, open edges); the units and up-axis guesses follow the rules in
app/domain/mesh/units.py.  The files of ../shared/data/external-meshes/ are used
when that folder exists; four of them are copied into tests/data/meshes/ so the
core of these tests runs anywhere.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from app.domain.mesh.errors import MeshLoadError
from app.domain.mesh.inspection import Inspected
from app.domain.mesh.report import CheckContext, build_report
from app.domain.mesh.sandbox import MeshWorker
from tests.conftest import EXTERNAL_MESHES, ROOT

BUNDLED_MESHES = ROOT / "tests" / "data" / "meshes"

# name -> expected facts.  "refused": words the refusal must contain.  Otherwise: fit, units,
# unit source, up axis, triangles (as published), size in mm (after units and up), and extra
# finding levels/words.
FACTS: dict[str, dict] = {
    "BoxTextured.glb": dict(fit=True, units="m", source="format", up="Y", triangles=12,
                            size=(1000, 1000, 1000), closed=True, textures=[(256, 256)]),
    "CesiumMilkTruck.glb": dict(fit=False, units="m", up="Y", triangles=3624, closed=False, open_edges=8,
                                textures=[(2048, 2048)], parts=5),
    "Duck.glb": dict(fit=True, units="m", up="Y", triangles=4212, size=(1654.8, 1152.5, 1540.4), closed=True,
                     textures=[(512, 512)]),
    "Mesh_PrimitiveMode_04.gltf": dict(fit=False, units="m", up="Y", triangles=2, closed=False, flat=True),
    "Mesh_PrimitiveMode_04.bin": dict(refused="not a mesh format"),
    "TestScene.gltf": dict(fit=False, units="m", up="Y", triangles=1096, closed=False, open_edges=40, parts=9),
    "TestScene.bin": dict(refused="not a mesh format"),
    "box.obj": dict(fit=True, units="m", source="size", up="Y", triangles=12, size=(2000, 2000, 2000),
                    closed=True, notes=["'box.mtl' is missing"]),
    "busted.STL": dict(fit=True, units="in", source="size", up="Z", triangles=3878, closed=True),
    "chair_model.obj": dict(fit=False, units="m", source="size", up="Y", triangles=6374, closed=False,
                            duplicates=6382, inconsistent=True, over_budget=True),
    "counter.unitsmm.STL": dict(fit=False, units="mm", source="file", up="Z", triangles=83750, closed=True,
                                size=(304.8, 304.4, 25.8), over_budget=True, pieces=6),
    "cube.glb": dict(fit=True, units="m", up="Y", triangles=12, size=(2000, 2000, 2000), closed=True),
    "empty.obj": dict(refused="no triangles"),
    "empty.ply": dict(refused="no triangles"),
    "empty.stl": dict(refused="no triangles"),
    "empty_nodes.glb": dict(refused="no triangles"),
    "featuretype.STL": dict(fit=True, units="in", source="size", up="Z", triangles=3476,
                            size=(127, 63.5, 34.9), closed=True),
    "jacked.obj": dict(fit=True, units="m", source="size", up="Y", triangles=12, closed=True,
                       notes=["'nonexistent.mtl' is missing"]),
    "mode5.gltf": dict(fit=True, units="m", up="Y", triangles=2786, closed=True, parts=412, implausible=True),
    "nancolor.obj": dict(fit=True, units="m", source="size", up="Y", triangles=12, closed=True),
    "negative_indices.obj": dict(fit=True, units="m", source="size", up="Y", triangles=12, closed=True,
                                 size=(2000, 2000, 2000)),
    "nested.glb": dict(fit=True, units="m", up="Y", triangles=36, closed=True, pieces=3),
    # Y up (glTF's rule) would lay the building on its side: read Z up, with a "lying down" warning.
    "no_indices_3storybuilding.glb": dict(fit=False, units="m", up="Z", lying=True, triangles=64, closed=False,
                                          open_edges=12, duplicates=8, implausible=True),
    "notenoughindices.obj": dict(fit=False, units="mm", source="size", up="Y", triangles=1, closed=False,
                                 flat=True),
    "points_ascii.ply": dict(refused="point cloud of 5 points"),
    "soup.stl": dict(fit=False, units="m", source="size", up="Z", triangles=100, closed=False, open_edges=300,
                     pieces=100),
    # 63.17 units: 632 mm in centimetres or 1605 mm in inches, both furniture sizes: ambiguous.
    "teapot.stl": dict(fit=False, units="cm", source="size", ambiguous=("in",), up="Z", triangles=894,
                       closed=False, open_edges=64, size=(631.7, 393.1, 294.8)),
    "README.md": dict(refused="not a mesh format"),
    "TRIMESH-LICENSE.md": dict(refused="not a mesh format"),
}


@pytest.fixture(scope="module")
def worker():
    with MeshWorker() as running:
        yield running


def _external(name: str) -> Path:
    path = EXTERNAL_MESHES / name
    if not EXTERNAL_MESHES.is_dir():
        pytest.skip(f"{EXTERNAL_MESHES} is not here (a clone outside the workspace): "
                    "tests/data/meshes covers the core")
    if not path.exists():
        pytest.skip(f"{path} is not in this copy of the external meshes")
    return path


def check_facts(worker: MeshWorker, path: Path, catalog) -> None:
    facts = FACTS[path.name]
    if "refused" in facts:
        with pytest.raises(MeshLoadError) as refusal:
            worker.call(path, timeout=60)
        message = str(refusal.value)
        assert str(path) in message and facts["refused"] in message
        return
    inspected = worker.call(path, timeout=60)
    assert isinstance(inspected, Inspected)
    report = build_report(inspected, CheckContext.from_catalog(catalog))
    levels = {f.check: f.level for f in report.findings}
    assert report.fit is facts["fit"], [str(f) for f in report.findings]
    assert report.units.value == facts["units"]
    if "source" in facts:
        assert report.units.source == facts["source"]
    assert report.up.value == facts["up"]
    assert report.units.alternatives == facts.get("ambiguous", ())   # every other file's size says one unit
    assert report.lying_down is facts.get("lying", False)
    published = inspected.topology.triangles - int((inspected.topology.degenerate | inspected.topology.duplicate).sum())
    assert published == facts["triangles"]
    if "size" in facts:
        assert np.allclose(report.size_mm, facts["size"], atol=0.1), report.size_mm
    assert inspected.topology.watertight is facts["closed"]
    assert levels["closed"] == ("ok" if facts["closed"] else "error")
    if "open_edges" in facts:
        assert inspected.topology.open_edges == facts["open_edges"]
    if "duplicates" in facts:
        assert int(inspected.topology.duplicate.sum()) == facts["duplicates"]
        assert levels["duplicates"] == "fix"
    if facts.get("inconsistent"):
        assert levels["normals"] == "error"
    assert (levels["budget"] == "error") is facts.get("over_budget", False)
    if "textures" in facts:
        assert [(t.width, t.height) for t in inspected.mesh.textures] == facts["textures"]
    if "parts" in facts:
        assert len(inspected.mesh.part_names) == facts["parts"]
    if "pieces" in facts:
        assert inspected.topology.pieces == facts["pieces"]
    assert ("flat" in levels) is facts.get("flat", False)
    assert ("plausible" in levels) is facts.get("implausible", False)
    for words in facts.get("notes", []):
        assert any(f.check == "file" and words in f.message for f in report.findings)
    # Publishing always moves the origin; units and up are fixed unless already right.
    assert levels["units"] == ("warning" if report.units.source == "size"
                               else "ok" if report.units.value == "mm" else "fix")


@pytest.mark.parametrize("name", sorted(FACTS))
def test_external_mesh_gets_a_correct_report_or_a_clear_refusal(worker, catalog, name):
    check_facts(worker, _external(name), catalog)


def test_every_external_file_has_expected_facts():
    if not EXTERNAL_MESHES.is_dir():
        pytest.skip(f"{EXTERNAL_MESHES} is not here")
    assert sorted(p.name for p in EXTERNAL_MESHES.iterdir()) == sorted(FACTS)


@pytest.mark.parametrize("name", ["teapot.stl", "BoxTextured.glb", "soup.stl", "points_ascii.ply"])
def test_bundled_copies_get_the_same_report(worker, catalog, name):
    check_facts(worker, BUNDLED_MESHES / name, catalog)


def test_the_teapot_is_ambiguous_between_centimetres_and_inches_and_says_why(worker, catalog):
    report = build_report(worker.call(BUNDLED_MESHES / "teapot.stl"), CheckContext.from_catalog(catalog))
    assert report.units.value == "cm" and report.units.alternatives == ("in",) and not report.units.certain
    assert "63.17 units" in report.units.reason and "1605 mm in inches" in report.units.reason
    assert "631.7 mm in centimetres" in report.units.reason and report.verdict == "UNFIT"   # open edges first
    forced = build_report(worker.call(BUNDLED_MESHES / "teapot.stl"),
                          CheckContext.from_catalog(catalog, units="mm"))
    assert forced.units.source == "designer" and np.allclose(forced.size_mm, (63.2, 39.3, 29.5), atol=0.05)
