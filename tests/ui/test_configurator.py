"""The configurator driven as a customer would: real widgets, real catalog, real meshes.

The main flow is the issue's own: start from a preset, add a cabinet, put two
shelves and a door in it, widen it, change its finish, undo three times, redo,
save, close, reopen.  Each step is asserted on the design and on the 3D scene
(which actors exist, their bounds and colours).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.design.files import load_design, save_design
from app.domain.design.presets import design_from_preset
from tests.ui.conftest import body_bounds, module_on_screen

pytestmark = pytest.mark.gui


def answer_next_box(button) -> None:
    """Press ``button`` in the next modal message box, as the user would."""
    def press():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(50, press)
    QTimer.singleShot(50, press)


def double_click_library(qtbot, window, type_id: str) -> None:
    tree = window.library.findChild(type(window.library.item_for(type_id).treeWidget()))
    item = window.library.item_for(type_id)
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    # A real double-click is press, release, then the double-click event on the same item.
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.LeftButton, pos=rect.center())


def body_color(window, module_id) -> str:
    r, g, b = window.scene.actors(module_id)[0].prop.color.float_rgb
    return "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in (r, g, b)))


def type_into_spin(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Return)


def test_customer_flow_preset_add_edit_undo_save_reopen(qtbot, make_window, catalog, tmp_path):
    window = make_window()
    doc = window.document
    # 1. Start from a preset, through the File > New from preset menu.
    sideboard = next(a for a in window.preset_menu.actions() if a.text().startswith("Sideboard"))
    sideboard.trigger()
    assert doc.design.name == "Sideboard" and len(doc.design) == 12
    assert set(window.scene.module_ids) == set(doc.design.ids())

    # 2. Add a cabinet by double-clicking it in the library: it joins the sideboard's run, flush right
    #    on the plinth (100 mm), 720 high and 450 deep like its neighbours, in their white, under the top.
    doc.select(None)
    double_click_library(qtbot, window, "base_cabinet")
    cabinet = doc.selected
    assert doc.design.get(cabinet).type_id == "base_cabinet" and doc.design.get(cabinet).to == "p1"
    lo, hi = body_bounds(window, cabinet)
    assert np.allclose(lo, [1800, -450, 100], atol=0.5) and np.allclose(hi, [2400, 0, 820], atol=0.5)
    assert doc.design.get("p1").params["width"] == 2400 and doc.design.get("t1").params["width"] == 2400
    assert np.allclose(body_bounds(window, "t1")[1][0], 2400, atol=0.5)   # the top drawn over it too

    # 3. Two shelves and a door go into the selected cabinet.
    double_click_library(qtbot, window, "shelf")
    double_click_library(qtbot, window, "shelf")
    double_click_library(qtbot, window, "door")
    children = doc.design.children(cabinet)
    assert sorted(c.type_id for c in children) == ["door", "shelf", "shelf"]
    shelf_z = sorted(c.position[2] for c in children if c.type_id == "shelf")
    assert shelf_z[0] != shelf_z[1]
    door = next(c.id for c in children if c.type_id == "door")
    assert np.allclose(body_bounds(window, door)[0], [1802, -469, 102], atol=0.5)   # 19 mm door on 450 deep
    # Its neighbour c3's door and the new one pair up: hinged away from each other.
    assert doc.design.get("c3d").params["hinge_side"] == "left"
    assert doc.design.get(door).params["hinge_side"] == "right"

    # 4. Widen it in the inspector: type 800 into the width box.
    doc.select(cabinet)
    type_into_spin(qtbot, window.inspector.spin_box("width"), "800")
    assert doc.design.get(cabinet).params["width"] == 800
    assert np.allclose(body_bounds(window, cabinet)[1][0], 2600, atol=0.5)
    assert np.allclose(body_bounds(window, door)[1][0], 2598, atol=0.5)  # the door followed
    assert doc.design.get("t1").params["width"] == 2600                 # the top follows the run
    # 100 + 720 + 25 mm top; the top is 470 deep (450 + its 20 mm overhang).
    qtbot.waitUntil(lambda: window.size_label.text() == "W 2600 × H 845 × D 470 mm")   # a turn after the frame

    # 5. Change its finish with a swatch.
    qtbot.mouseClick(window.inspector.swatch("oak"), Qt.LeftButton)
    assert doc.design.get(cabinet).finish == "oak"
    assert window.scene.body_texture(cabinet).name == "oak.png"          # the oak decor, in full colour
    assert body_color(window, cabinet) == "#FFFFFF"

    # 6. Undo three times: finish, width, door.
    for _ in range(3):
        window.act_undo.trigger()
    assert doc.design.get(cabinet).finish == "white" and doc.design.get(cabinet).params.get("width", 600) == 600
    assert door not in doc.design and door not in window.scene.module_ids
    assert doc.design.get("c3d").params["hinge_side"] == "right"   # the pairing is undone with the door
    assert body_color(window, cabinet) == catalog.finishes["white"].color.upper()
    assert window.scene.body_texture(cabinet) is None
    # 7. Redo once: the door is back, in the view too.
    window.act_redo.trigger()
    assert door in doc.design and door in window.scene.module_ids

    # 8. Save, close, reopen: identical.
    path = tmp_path / "my sideboard.modulor.json"
    assert window.files.save_to(path)
    assert not doc.dirty and "my sideboard" in window.windowTitle()
    saved = doc.design.copy()
    window.close()
    assert not window.isVisible()
    reopened = make_window()
    assert reopened.files.open_path(path)
    assert reopened.document.design == saved
    assert set(reopened.scene.module_ids) == set(saved.ids())


def test_clicking_in_the_view_selects_and_arrows_move(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.scene.set_view("front")
    QApplication.processEvents()
    x, y = module_on_screen(window, "c3d")
    qtbot.mouseClick(window.plotter, Qt.LeftButton, pos=QPoint(round(x), round(y)))
    assert window.document.selected == "c3d"
    # Empty space clears the selection.
    qtbot.mouseClick(window.plotter, Qt.LeftButton, pos=QPoint(5, 5))
    assert window.document.selected is None
    # Arrow keys step a shelf along its pin grid.
    window.document.select("c1s1")
    z = window.document.design.get("c1s1").position[2]
    window.plotter.setFocus()
    qtbot.keyClick(window.plotter, Qt.Key_Up)
    assert window.document.design.get("c1s1").position[2] == z + 32
    window.act_undo.trigger()
    assert window.document.design.get("c1s1").position[2] == z


def test_dropping_a_shelf_on_a_cabinet_puts_it_inside(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.scene.set_view("front")
    QApplication.processEvents()
    # On the door of the left cabinet: the shelf goes into the cabinet behind it.
    x, y = module_on_screen(window, "c1d")
    new_id = window.interaction.drop_module("shelf", x, y)
    module = window.document.design.get(new_id)
    assert module.to == "c1" and module.attach == "in"
    # The middle cabinet is full of drawers: no shelf fits, the design stays as it was.
    x, y = module_on_screen(window, "c2")
    before = window.document.design.snapshot()
    assert window.interaction.drop_module("shelf", x, y) is None
    assert window.document.design.snapshot() == before
    assert "No free place" in window.statusBar().currentMessage()


def test_typed_value_between_steps_snaps_and_says_so(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select("c1")
    type_into_spin(qtbot, window.inspector.spin_box("width"), "637")
    assert window.document.design.get("c1").params["width"] == 650
    assert "650" in window.statusBar().currentMessage()


def test_unsaved_changes_are_asked_about(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.delete_selected()  # nothing selected: no edit
    assert not window.document.dirty
    window.document.select("c1d")
    window.delete_selected()
    assert window.document.dirty and window.windowTitle().startswith("Sideboard *")
    answer_next_box(QMessageBox.Cancel)
    assert not window.files.new_empty()
    assert "c1" in window.document.design  # kept
    answer_next_box(QMessageBox.Discard)
    assert window.files.new_empty()
    assert len(window.document.design) == 0


def test_autosave_writes_a_recovery_file_that_is_offered_after_a_crash(qtbot, make_window, catalog, tmp_path):
    from app.domain.design.recovery import find_recoveries, recovery_dir

    window = make_window(design_from_preset(catalog, "wardrobe"))
    window.document.select("w1d")
    window.delete_selected()
    window.files.autosave()  # the timer would do this within seconds
    recovery = window.files.recovery.path
    assert recovery.exists()
    assert "w1d" not in load_design(recovery, catalog).design
    # Simulate the crash: the file stays, its process is gone (a pid that does not run).
    crashed = recovery_dir() / "recovery-999999999.modulor.json"
    data = json.loads(recovery.read_text())
    data["recovery"]["pid"] = 999_999_999
    crashed.write_text(json.dumps(data))
    window.files.shutdown()  # the live session's own file goes with a normal close
    assert not recovery.exists() and [r.path for r in find_recoveries()] == [crashed]

    restored = make_window()
    answer_next_box(QMessageBox.Yes)
    assert restored.files.offer_recovery()
    assert restored.document.design.name == "Wardrobe" and "w1d" not in restored.document.design
    assert restored.document.dirty  # restored work is not saved yet
    assert not crashed.exists()


def test_saving_clears_the_recovery_file_and_remembers_the_file(qtbot, make_window, catalog, tmp_path):
    window = make_window(design_from_preset(catalog, "tv_bench"))
    window.document.select("wc1s1")
    window.delete_selected()
    window.files.autosave()
    assert window.files.recovery.path.exists()
    path = tmp_path / "bench.modulor.json"
    window.files.save_to(path)
    assert not window.files.recovery.path.exists()
    assert [a.text() for a in window.recent_menu.actions()] == ["bench.modulor.json"]


def test_a_damaged_file_is_refused_and_the_design_stays(qtbot, make_window, catalog, tmp_path):
    window = make_window(design_from_preset(catalog, "bookcase"))
    bad = tmp_path / "bad.modulor.json"
    save_design(design_from_preset(catalog, "wardrobe"), bad)
    bad.write_text(bad.read_text()[:200])
    answer_next_box(QMessageBox.Ok)
    assert not window.files.open_path(bad)
    assert window.document.design.name == "Bookcase"


def test_duplicate_and_delete_with_inserts(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select("c3")
    window.act_duplicate.trigger()
    copy = window.document.selected
    assert copy != "c3" and window.document.design.get(copy).type_id == "base_cabinet"
    assert len(window.document.design.children(copy)) == 2  # its shelf and door came along
    window.act_delete.trigger()
    assert copy not in window.document.design and not any(copy in m for m in window.scene.module_ids)
    window.act_undo.trigger()
    assert len(window.document.design.children(copy)) == 2


def test_export_picture_at_a_chosen_resolution(qtbot, make_window, catalog, tmp_path):
    from PySide6.QtGui import QImage

    window = make_window(design_from_preset(catalog, "bookcase"))
    path = tmp_path / "bookcase.png"
    window.scene.save_image(path, 1600, 1000)
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1600, 1000)
