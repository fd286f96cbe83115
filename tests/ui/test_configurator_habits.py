"""Issue 14 item 9 through the real configurator: shortcuts from a field, the tree of placed modules,
the empty design's hint, remembered window and folder, the title after Save as, a steady toolbar.
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QToolBar

from app.domain.design.presets import design_from_preset, empty_design
from app.ui.configurator import window_settings
from app.ui.configurator.status_panel import EMPTY_HINT
from tests.ui.test_configurator import type_into_spin

pytestmark = pytest.mark.gui


def test_undo_and_redo_work_while_a_field_has_focus_and_commit_it_first(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    doc = window.document
    doc.select("c3")
    spin = window.inspector.spin_box("width")
    type_into_spin(qtbot, spin, "700")          # Enter: one step
    assert doc.design.get("c3").params["width"] == 700
    assert spin.lineEdit().hasFocus()
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    assert doc.design.get("c3").params["width"] == 600   # the window's undo, not the field's own
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert doc.design.get("c3").params["width"] == 700
    # A number typed but not entered is committed first: undo takes it back, redo brings it again.
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "800")
    assert doc.design.get("c3").params["width"] == 700
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    assert doc.design.get("c3").params["width"] == 700 and doc.undo_stack.can_redo
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert doc.design.get("c3").params["width"] == 800


def test_the_placed_modules_are_a_tree_under_each_host_with_heights(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    tree = window.placed
    assert [tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(tree.topLevelItemCount())] == ["p1"]
    plinth = tree.item_for("p1")
    assert [plinth.child(i).data(0, Qt.UserRole) for i in range(plinth.childCount())] == ["c1", "c2", "c3"]
    c1 = tree.item_for("c1")
    # c1 carries its shelf, its door and the top; c2's drawers sit under c2, bottom first.
    assert {c1.child(i).data(0, Qt.UserRole) for i in range(c1.childCount())} == {"c1s1", "c1d", "t1"}
    c2 = tree.item_for("c2")
    assert [c2.child(i).data(0, Qt.UserRole) for i in range(c2.childCount())] == ["c2d1", "c2d2", "c2d3"]
    # The shelf in c1, which stands on the 100 mm plinth: its height in c1 plus 100 mm above the floor.
    shelf_z = window.document.design.get("c1s1").position[2] + 100
    assert tree.text_of("c1s1") == f"Shelf at {shelf_z:.0f} mm  ·  Arctic white"
    assert tree.text_of("c1").startswith("Base cabinet 600 mm")
    # Moving the shelf up one 32 mm hole moves its row's figure; a click in the tree selects.
    window.document.select("c1s1")
    window.plotter.setFocus()
    qtbot.keyClick(window.plotter, Qt.Key_Up)
    qtbot.waitUntil(lambda: tree.text_of("c1s1") == f"Shelf at {shelf_z + 32:.0f} mm  ·  Arctic white")
    window.findChild(QDockWidget, "placedDock").raise_()   # its tab, behind the library's
    qtbot.waitUntil(tree.isVisible)
    rect = tree.visualItemRect(tree.item_for("c3"))
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.document.selected == "c3"
    rect = tree.visualItemRect(tree.item_for("c1"))
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, Qt.ControlModifier, rect.center())
    assert set(window.document.selection) == {"c1", "c3"}


def test_an_empty_design_says_what_to_do_instead_of_ready_to_order(qtbot, make_window, catalog):
    window = make_window(empty_design(catalog))
    qtbot.waitUntil(lambda: window.status.state_label.text() == EMPTY_HINT)
    assert "Ready" not in window.status.state_label.text()
    assert window.status.price_label.text() == "" and window.status.lead_label.text() == ""
    assert window.problems.summary.text().startswith("<b>Nothing placed yet.</b>")
    window.place_module("base_cabinet")
    qtbot.waitUntil(lambda: window.status.state_label.text() == "Ready to order")
    assert window.status.price_label.text().startswith("Price ")


def test_window_geometry_docks_and_last_folder_are_remembered(qtbot, make_window, catalog, tmp_path):
    first = make_window(design_from_preset(catalog, "sideboard"))
    first.showMaximized()
    qtbot.waitUntil(lambda: bool(first.windowState() & Qt.WindowMaximized))
    first.files.save_to(tmp_path / "kitchen.modulor.json")
    first.close()
    stored = json.loads((window_settings._store()).read_text(encoding="utf-8"))
    assert {"geometry", "state", "last_folder"} <= set(stored)
    assert window_settings.last_folder() == tmp_path
    second = make_window()
    assert second.windowState() & Qt.WindowMaximized   # maximised again
    # A damaged file is ignored: the window opens as the first time.
    window_settings._store().write_text("{not json", encoding="utf-8")
    assert window_settings.load() == {} and window_settings.last_folder().is_dir()


def test_the_title_follows_save_as_and_the_toolbar_keeps_still(qtbot, make_window, catalog, tmp_path):
    window = make_window(design_from_preset(catalog, "sideboard"))
    assert window.windowTitle().startswith("Sideboard")
    bar = window.findChild(QToolBar, "mainToolbar")
    undo_button = bar.widgetForAction(window.act_undo)
    before = undo_button.sizeHint().width()
    window.document.select("c3")
    type_into_spin(qtbot, window.inspector.spin_box("width"), "700")
    assert window.act_undo.text() == "Undo" and window.act_undo.toolTip() == "Undo change width"
    assert undo_button.sizeHint().width() == before
    assert window.files.save_as(tmp_path / "living room.modulor.json")
    assert window.document.design.name == "living room"
    assert window.windowTitle().startswith("living room —") and "*" not in window.windowTitle()


def test_the_tree_lists_the_floor_first_then_the_wall(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "bookcase"))
    wall = window.place_module("wall_cabinet")          # hangs beside the bookcase, at 1200 mm along
    window.place_module("open_shelf")                     # a floor unit further right still
    qtbot.waitUntil(lambda: window.placed.topLevelItemCount() == 3)
    tops = [window.placed.topLevelItem(i).data(0, Qt.UserRole) for i in range(3)]
    assert tops[0] == "p1" and tops[2] == wall       # floor units left to right, then the wall
    assert window.placed.text_of(wall).startswith("Wall cabinet at 1700 mm")


def test_dock_sizes_come_back(qtbot, make_window, catalog):
    first = make_window()
    inspector = first.findChild(QDockWidget, "inspectorDock")
    first.resizeDocks([inspector], [460], Qt.Horizontal)
    qtbot.waitUntil(lambda: abs(inspector.width() - 460) <= 2)
    first.close()
    second = make_window()
    again = second.findChild(QDockWidget, "inspectorDock")
    qtbot.waitUntil(lambda: abs(again.width() - 460) <= 2)
