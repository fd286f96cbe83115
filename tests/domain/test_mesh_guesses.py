"""Units and up-axis guesses on cabinets written here with trimesh as other tools write them: the
verdict each file gets, and what the designer (or ``--units`` / ``--up``) must answer.

The cabinet is 600 x 560 x 720 mm (tests/designer_meshes.py).  Linea's modules measure about 720 mm,
so a size is plausible between about 240 and 2400 mm (the catalog's tallest assembly): 72 units is
720 mm in centimetres and 1829 mm in inches (ambiguous), 720 units only 720 mm in millimetres
(7200 mm in centimetres is no furniture), 0.72 units 720 mm in metres.
"""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.mesh.inspection import inspect_file
from app.domain.mesh.report import CheckContext, build_report
from app.domain.mesh.units import lies_down
from tests.designer_meshes import DEPTH, HEIGHT, WIDTH, cabinet_file

CASES = [
    # file name, mm per file unit, the file's up axis -> units guessed, other plausible, up, verdict
    ("cabinet.obj", 10.0, "Y", "cm", ("in",), "Y", "ambiguous"),        # the centimetre OBJ
    ("cabinet.stl", 25.4, "Z", "in", ("cm",), "Z", "ambiguous"),        # 28.35 units: 720 or 283.5 mm
    ("cabinet_plain.stl", 1.0, "Z", "mm", (), "Z", "fit"),
    ("cabinet_m.obj", 1000.0, "Y", "m", (), "Y", "fit"),
    ("cabinet_cm.obj", 10.0, "Y", "cm", (), "Y", "fit"),                # the name says it
    ("tall.ply", 1.0, "Z", "mm", (), "Z", "fit"),
]


def report_of(tmp_path, catalog, name, scale, file_up, **context):
    return build_report(inspect_file(cabinet_file(tmp_path, name, scale, file_up)),
                        CheckContext.from_catalog(catalog, **context))


@pytest.mark.parametrize(("name", "scale", "up", "units", "others", "up_guess", "verdict"), CASES)
def test_units_and_up_guesses_with_their_verdict(tmp_path, catalog, name, scale, up, units, others, up_guess,
                                                  verdict):
    report = report_of(tmp_path, catalog, name, scale, up)
    assert (report.units.value, report.units.alternatives, report.up.value) == (units, others, up_guess)
    assert report.verdict == verdict
    assert np.allclose(report.size_mm, (WIDTH, DEPTH, HEIGHT), atol=0.01)


def test_an_ambiguous_unit_names_both_sizes_and_the_designers_answer_settles_it(tmp_path, catalog):
    report = report_of(tmp_path, catalog, "cabinet.obj", 10.0, "Y")
    units = report.finding("units")
    assert units.level == "warning" and "centimetres or inches?" in units.message
    assert "720 mm in centimetres or 1829 mm in inches" in units.message
    assert report.questions == ["units: centimetres or inches? (--units)"] and not report.passes()
    told = report_of(tmp_path, catalog, "cabinet.obj", 10.0, "Y", units="in")
    assert told.verdict == "fit" and told.passes() and told.questions == []
    assert np.allclose(told.size_mm, np.array((WIDTH, DEPTH, HEIGHT)) * 2.54, atol=0.01)   # 1524 x 1422 x 1829


def test_a_z_up_gltf_lies_on_its_back_under_the_gltf_rule_and_is_read_standing_with_a_warning(tmp_path, catalog):
    # The glTF exported Z up: glTF's rule (Y up) reads it 600 x 720 x 560, deeper than tall.
    report = report_of(tmp_path, catalog, "rack.glb", 1000.0, "Z")
    assert (report.units.value, report.up.value, report.up.source) == ("m", "Z", "proportions")
    assert report.lying_down and report.fit and report.verdict == "UNFIT" and not report.passes()
    up = report.finding("up")
    assert up.level == "warning" and "lying down?" in up.message and "600 x 720 x 560 mm" in up.message
    assert np.allclose(report.size_mm, (WIDTH, DEPTH, HEIGHT), atol=0.01)
    told = report_of(tmp_path, catalog, "rack.glb", 1000.0, "Z", up="Z")
    assert told.verdict == "fit" and not told.lying_down and told.up.source == "designer"
    # The designer may also insist on Y: it is then drawn lying down, as told, and not asked again.
    insisted = report_of(tmp_path, catalog, "rack.glb", 1000.0, "Z", up="Y")
    assert not insisted.lying_down and np.allclose(insisted.size_mm, (WIDTH, HEIGHT, DEPTH), atol=0.01)


def test_a_y_up_gltf_that_stands_is_not_questioned(tmp_path, catalog):
    report = report_of(tmp_path, catalog, "upright.glb", 1000.0, "Y")
    assert (report.up.value, report.up.source, report.lying_down, report.verdict) == ("Y", "format", False, "fit")


def test_updating_an_entry_its_reference_size_decides_the_up_axis(tmp_path, catalog):
    # base_cabinet is 600 x 560 x 720: a Z-up glTF of it measures that only when read Z up.
    report = report_of(tmp_path, catalog, "base.glb", 1000.0, "Z", module_id="base_cabinet")
    assert (report.up.value, report.up.source, report.lying_down) == ("Z", "catalog", False)
    assert "reference size, 600 x 560 x 720 mm" in report.up.reason
    assert report.finding("reference").level == "ok"


@pytest.mark.parametrize(("size", "lying"), [
    ((600, 560, 720), False), ((600, 720, 560), True), ((600, 800, 400), True),   # the 600 x 800 x 400
    ((600, 580, 25), False),    # a worktop is flat, but wider than deep
    ((564, 60, 60), False), ((400, 450, 400), False), ((400, 600, 300), True),
])
def test_lying_down_is_deeper_than_wide_and_clearly_deeper_than_tall(size, lying):
    assert lies_down(size) is lying
