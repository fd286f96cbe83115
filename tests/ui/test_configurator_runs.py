"""Issue 14 items 1-4 through the real configurator: runs, wall-unit heights, hinge sides, multi-select.

Each test drives the widgets (inspector fields, swatches, clicks and keys in the 3D view) and asserts
on the design and on the scene as drawn (actor bounds).  Figures by hand from the presets: the
sideboard is three 600 mm cabinets c1, c2, c3 on a 1800 mm plinth p1 (100 mm high) under a top t1;
the bookcase two 600 mm tall cabinets (2000 mm) on a 100 mm plinth.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from app.domain.design.presets import design_from_preset
from tests.ui.conftest import body_bounds, module_on_screen
from tests.ui.test_configurator import double_click_library, type_into_spin

pytestmark = pytest.mark.gui


def click_module(qtbot, window, module_id, modifier=Qt.NoModifier) -> None:
    x, y = module_on_screen(window, module_id)
    qtbot.mouseClick(window.plotter, Qt.LeftButton, modifier, QPoint(round(x), round(y)))


def test_widening_a_cabinet_inside_the_run_pushes_its_neighbour(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    doc = window.document
    doc.select("c2")
    type_into_spin(qtbot, window.inspector.spin_box("width"), "700")
    # c2 700 wide from 600: c3 now 1300-1900, top and plinth 1900; no error at all.
    assert np.allclose(body_bounds(window, "c2")[1][0], 1300, atol=0.5)
    lo, hi = body_bounds(window, "c3")
    assert np.allclose([lo[0], hi[0]], [1300, 1900], atol=0.5)
    assert np.allclose(body_bounds(window, "c3d")[0][0], 1302, atol=0.5)   # its door went with it
    assert np.allclose(body_bounds(window, "t1")[1][0], 1900, atol=0.5)
    assert doc.design.get("p1").params["width"] == 1900
    assert window.feedback.report.ready_to_order
    # One undo step puts all of it back.
    window.act_undo.trigger()
    assert np.allclose(body_bounds(window, "c3")[0][0], 1200, atol=0.5)
    assert doc.design.get("t1").params["width"] == 1800 and doc.design.get("p1").params["width"] == 1800


def test_deleting_the_middle_cabinet_closes_the_gap_under_the_top(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.scene.set_view("front")
    QApplication.processEvents()
    click_module(qtbot, window, "c2d2")
    assert window.document.selected == "c2d2"
    window.document.select("c2")
    window.plotter.setFocus()
    qtbot.keyClick(window.plotter, Qt.Key_Delete)
    assert "c2" not in window.document.design and "c2" not in window.scene.module_ids
    assert np.allclose(body_bounds(window, "c3")[0][0], 600, atol=0.5)
    assert np.allclose(body_bounds(window, "t1")[1][0], 1200, atol=0.5)
    assert window.document.design.get("p1").params["width"] == 1200
    assert window.feedback.report.ready_to_order


def test_a_wall_cabinet_next_to_tall_units_lines_up_and_arrows_move_it_down(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "bookcase"))
    doc = window.document
    doc.select(None)
    double_click_library(qtbot, window, "wall_cabinet")
    cabinet = doc.selected
    lo, hi = body_bounds(window, cabinet)
    # Beside the tall units (tops at 100 + 2000 = 2100): 1200-1800 along the wall, top at 2100.
    assert np.allclose([lo[0], hi[0], hi[2]], [1200, 1800, 2100], atol=0.5)
    assert window.feedback.report.ready_to_order
    window.plotter.setFocus()
    qtbot.keyClick(window.plotter, Qt.Key_Down)
    qtbot.keyClick(window.plotter, Qt.Key_Down)
    # Two 50 mm steps down (placement.wall_units.height_step): underside 1600, top 2000.
    assert doc.design.get(cabinet).position[2] == 1600
    assert np.allclose(body_bounds(window, cabinet)[1][2], 2000, atol=0.5)
    qtbot.keyClick(window.plotter, Qt.Key_Up)
    assert np.allclose(body_bounds(window, cabinet)[1][2], 2050, atol=0.5)


def test_paired_doors_hinge_away_from_each_other(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "bookcase"))
    doc = window.document
    doc.select("c1")
    double_click_library(qtbot, window, "door")
    first = doc.selected
    doc.select("c2")
    double_click_library(qtbot, window, "door")
    second = doc.selected
    assert doc.design.get(first).params["hinge_side"] == "left"
    assert doc.design.get(second).params["hinge_side"] == "right"
    # The inspector shows the side it chose.
    doc.select(second)
    combo = window.inspector.combos["hinge_side"]
    assert combo.currentData() == "right"
    # Opened in the view, each door swings about its outer edge: the left one stays over c1's left
    # half (0-600), the right one over c2's right half (600-1200): they open from the middle.
    window.scene.set_fronts_mode("open")
    first_lo, first_hi = body_bounds(window, first)
    second_lo, second_hi = body_bounds(window, second)
    assert (first_lo[0] + first_hi[0]) / 2 < 300 and (second_lo[0] + second_hi[0]) / 2 > 900


def test_ctrl_click_selects_two_and_a_finish_goes_to_both_as_one_step(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    doc = window.document
    window.scene.set_view("front")
    QApplication.processEvents()
    doc.select("c1")
    click_module(qtbot, window, "p1", Qt.ControlModifier)   # the plinth: visible below the doors
    assert set(doc.selection) == {"c1", "p1"} and doc.selected == "p1"
    doc.select_many(["c1d", "c3d"])   # both doors, as Ctrl-clicks in the list would
    qtbot.mouseClick(window.inspector.swatch("oak"), Qt.LeftButton)
    assert doc.design.get("c1d").finish == "oak" and doc.design.get("c3d").finish == "oak"
    window.act_undo.trigger()   # one step for both
    assert doc.design.get("c1d").finish == "sage" and doc.design.get("c3d").finish == "sage"
    # Two cabinets 700 wide at once: one step; the run makes room for both.
    doc.select_many(["c1", "c3"])
    type_into_spin(qtbot, window.inspector.spin_box("width"), "700")
    xs = [(round(body_bounds(window, c)[0][0]), round(body_bounds(window, c)[1][0])) for c in ("c1", "c2", "c3")]
    assert xs == [(0, 700), (700, 1300), (1300, 2000)]
    assert doc.design.get("t1").params["width"] == 2000
    window.act_undo.trigger()
    assert [doc.design.get(c).params["width"] for c in ("c1", "c2", "c3")] == [600, 600, 600]


def test_select_run_selects_the_units_side_by_side(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select("c2d1")
    window.act_select_run.trigger()
    assert window.document.selection == ("c1", "c3", "c2")   # the run, the unit of the drawer last
    assert "2 more selected" in window.inspector.subtitle.text()


def test_every_selected_module_is_outlined(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select_many(["c1", "c3"])
    # The primary (c3) has the scene's outline; c1 (with its door, 19 mm proud) gets one of its own.
    assert len(window.selection_outlines.boxes) == 1
    lo, hi = window.selection_outlines.boxes[0]
    assert np.allclose([lo[0], hi[0]], [-6, 606], atol=0.5)   # 6 mm off the cabinet's sides
    window.document.select("c2")
    assert window.selection_outlines.boxes == []


def test_shift_dragging_a_box_selects_the_cabinets_inside_it(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.scene.set_view("front")
    QApplication.processEvents()
    x1, x2 = module_on_screen(window, "c1")[0], module_on_screen(window, "c2")[0]
    # From empty space above-left of c1 to below the middle of c2: c1 and c2 (and the plinth, whose
    # middle is under c2's), not c3; their drawers and doors are inserts and stay out.
    start = QPoint(round(x1) - 150, 5)
    end = QPoint(round(x2) + 20, window.plotter.height() - 5)
    qtbot.mousePress(window.plotter, Qt.LeftButton, Qt.ShiftModifier, start)
    qtbot.mouseMove(window.plotter, end)
    qtbot.mouseRelease(window.plotter, Qt.LeftButton, Qt.ShiftModifier, end)
    assert {"c1", "c2"} <= set(window.document.selection) and "c3" not in window.document.selection
    assert not {"c1d", "c2d1"} & set(window.document.selection)


def test_dragging_a_wall_cabinet_up_raises_it_to_a_snap_height(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "bookcase"))
    doc = window.document
    window.place_module("wall_cabinet")
    cabinet = doc.selected
    assert doc.design.get(cabinet).position[2] == 1700
    window.scene.set_view("front")
    QApplication.processEvents()
    x, y = module_on_screen(window, cabinet)
    start = QPoint(round(x), round(y))
    qtbot.mousePress(window.plotter, Qt.LeftButton, Qt.NoModifier, start)
    qtbot.mouseMove(window.plotter, start + QPoint(0, 30))    # 30 px down: about 60 mm at 2 mm a pixel
    qtbot.mouseRelease(window.plotter, Qt.LeftButton, Qt.NoModifier, start + QPoint(0, 30))
    assert doc.design.get(cabinet).position[2] in (1650.0, 1600.0)   # the snap heights nearest 1640
    assert np.allclose(body_bounds(window, cabinet)[0][2], doc.design.get(cabinet).position[2], atol=0.5)
    window.act_undo.trigger()   # the whole drag is one step
    assert doc.design.get(cabinet).position[2] == 1700


def test_a_wall_cabinets_height_is_typed_in_the_inspector_and_snaps(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    doc = window.document
    window.place_module("wall_cabinet")
    cabinet = doc.selected
    spin = window.inspector.hang_spin
    assert spin is not None and spin.value() == 1345   # the worktop at 845 mm + the usual 500 mm
    type_into_spin(qtbot, spin, "1420")
    # 1420 is no snap height: 1400 (every 50 mm, 20 mm off) is nearer than 1445 (845 + 600, 25 mm off).
    assert doc.design.get(cabinet).position[2] == 1400
    assert "1400" in window.inspector.info.text()
    assert np.allclose(body_bounds(window, cabinet)[0][2], 1400, atol=0.5)
    type_into_spin(qtbot, spin, "1000")   # below the 450 mm clearance over the worktop: 1300 is the lowest
    assert doc.design.get(cabinet).position[2] == 1300
