"""Design files: round trips, migration, refusal of bad files, atomic saves."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from app.domain.design.files import (
    FORMAT_VERSION,
    DesignFileError,
    design_to_dict,
    load_design,
    save_design,
)
from app.domain.design.presets import design_from_preset
from tests.conftest import ROOT

PRESETS = ["bookcase", "sideboard", "wardrobe", "tv_bench"]


@pytest.mark.parametrize("preset_id", PRESETS)
def test_every_preset_saves_and_loads_back_equal(catalog, tmp_path, preset_id):
    design = design_from_preset(catalog, preset_id)
    path = save_design(design, tmp_path / f"{preset_id}.modulor.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "modulor-design" and data["format_version"] == FORMAT_VERSION
    assert data["catalog"] == {"id": "linea", "version": catalog.version}
    result = load_design(path, catalog)
    assert result.problems == [] and result.migrated_from is None
    assert result.design == design
    assert result.design.ids() == design.ids()


def test_draft_format_1_is_migrated(catalog, tmp_path):
    old = {"format": "modulor-design", "version": 1, "catalog_id": "linea", "catalog_version": catalog.version,
           "name": "Old hall unit", "modules": [
               {"id": "a", "type": "base_cabinet", "params": {"width": 800}, "finish": "oak",
                "x": 0, "y": 0, "z": 0, "rotation_deg": 90, "mount": "floor"},
               {"id": "b", "type": "shelf", "finish": "oak", "x": 19, "y": -3, "z": 338,
                "rotation_deg": 0, "mount": "inserted", "parent": "a"}]}
    path = tmp_path / "old.modulor.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    result = load_design(path, catalog)
    assert result.migrated_from == 1
    a, b = result.design.get("a"), result.design.get("b")
    assert (a.rotation, a.params, a.attach) == (1, {"width": 800}, "floor")
    assert (b.attach, b.to, b.position) == ("in", "a", (19.0, -3.0, 338.0))
    # Saving writes the current format.
    save_design(result.design, path)
    assert json.loads(path.read_text())["format_version"] == FORMAT_VERSION


def _valid_text(catalog) -> str:
    return json.dumps(design_to_dict(design_from_preset(catalog, "sideboard")), indent=2)


@pytest.mark.parametrize("content, message", [
    (lambda text: text[: len(text) // 2], "damaged or truncated (JSON error at line"),
    (lambda text: "", "the file is empty"),
    (lambda text: b"\x89PNG\r\n\x1a\n\x00\x00garbage", "not UTF-8 text"),
    (lambda text: '{"type": "FeatureCollection", "features": []}', "not a Modulor design file"),
    (lambda text: "[1, 2, 3]", "not a Modulor design file"),
    (lambda text: text.replace('"format_version": 2', '"format_version": 7'), "written by a newer Modulor (format 7)"),
    (lambda text: text.replace('"format_version": 2', '"format_version": "two"'), "field 'format_version'"),
    (lambda text: text.replace('"id": "linea"', '"id": "other_system"'), "made for catalog 'other_system'"),
    (lambda text: text.replace('"position": [', '"position": ["left", ', 1),
     "field 'position': expected [x, y, z] in mm"),
    (lambda text: text.replace('"id": "c2"', '"id": "c1"'), "appear more than once"),
    (lambda text: text.replace('"rotation": 0', '"rotation": 5', 1), "field 'rotation': expected 0, 1, 2 or 3"),
])
def test_bad_files_are_refused_and_change_nothing(catalog, tmp_path, content, message):
    path = tmp_path / "bad.modulor.json"
    produced = content(_valid_text(catalog))
    if isinstance(produced, bytes):
        path.write_bytes(produced)
    else:
        path.write_text(produced, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(DesignFileError, match=re.escape(message)) as info:
        load_design(path, catalog)
    assert "bad.modulor.json" in str(info.value)  # names the file
    assert path.read_bytes() == before


def test_missing_module_type_loads_the_rest_and_reports(catalog, tmp_path):
    data = design_to_dict(design_from_preset(catalog, "sideboard"))
    for module in data["modules"]:
        if module["id"] == "c2":
            module["type"] = "corner_cabinet"  # retired from the catalog
    path = tmp_path / "retired.modulor.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load_design(path, catalog)
    left_out = {"c2", "c2d1", "c2d2", "c2d3"}
    assert set(result.design.ids()) == {m["id"] for m in data["modules"]} - left_out
    messages = [str(p) for p in result.problems]
    assert any("module 'c2', field 'type': module type 'corner_cabinet' no longer exists" in m for m in messages)
    assert sum("which was left out" in m for m in messages) == 3


def test_unknown_finish_and_parameter_are_fixed_with_warnings(catalog, tmp_path):
    data = design_to_dict(design_from_preset(catalog, "sideboard"))
    data["modules"][1]["finish"] = "zebra"
    data["modules"][1]["params"]["colour"] = "red"
    path = tmp_path / "odd.modulor.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = load_design(path, catalog)
    assert result.design.get("c1").finish == "white" and "colour" not in result.design.get("c1").params
    assert {p.severity for p in result.problems} == {"warning"}


_SLOW_SAVER = """
import sys, time
from pathlib import Path
from app.domain.catalog.loader import load_catalog
from app.domain.design.files import save_design
from app.domain.design.presets import design_from_preset
catalog = load_catalog(Path("catalogs/linea"))
design = design_from_preset(catalog, "wardrobe")
def stall(tmp):
    Path(sys.argv[2]).write_text(str(tmp))   # tell the test the new file is written but not yet in place
    time.sleep(60)
save_design(design, Path(sys.argv[1]), _before_replace=stall)
"""


def test_kill_during_save_leaves_the_previous_file_intact(catalog, tmp_path):
    target = tmp_path / "mine.modulor.json"
    save_design(design_from_preset(catalog, "sideboard"), target)
    previous = target.read_bytes()
    marker = tmp_path / "marker"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", _SLOW_SAVER, str(target), str(marker)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert child.poll() is None, "the saving process ended early"
            assert time.monotonic() < deadline, "the saving process never reached the replace step"
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert target.read_bytes() == previous
    assert load_design(target, catalog).design == design_from_preset(catalog, "sideboard")
    # The half-done temporary file is beside it, never in its place; the next save still works.
    save_design(design_from_preset(catalog, "wardrobe"), target)
    assert load_design(target, catalog).design.name == "Wardrobe"
