"""Rules and price in the window: the problems list, its fix buttons, tints and notes in the 3D view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain.design.commands import SetParameter
from app.domain.design.design import Design, PlacedModule
from app.domain.design.presets import design_from_preset
from app.ui.view.scene import ERROR_TINT, ERROR_TINT_SHARE
from app.ui.view.scene_geometry import blend

pytestmark = pytest.mark.gui


def bookcase_with_a_thin_shelf(catalog) -> Design:
    design = design_from_preset(catalog, "bookcase")
    SetParameter("c1s2", name="material", value="mfc18").apply(design)
    return design


def body_hex(window, module_id) -> str:
    return window.scene.actors(module_id)[0].prop.color.hex_rgb.upper()


def rows_by_code(window) -> dict:
    return {row.finding.code: row for row in window.problems.rows}


def test_a_shelf_that_sags_shows_its_sag_and_its_fix_resolves_it_in_one_undoable_step(qtbot, make_window,
                                                                                      catalog):
    # 18 mm chipboard under books over 562 mm: 5.1 mm in the long run, more than twice the 2.3 mm allowed.
    window = make_window(bookcase_with_a_thin_shelf(catalog))
    row = rows_by_code(window)["shelf.sag"]
    assert row.finding.severity == "error"
    assert "Cannot be made" in row.message.text()
    assert "sag 5.1 mm" in row.message.text() and "we allow 2.3 mm" in row.message.text()
    assert window.scene.label_texts == {"c1s2": "sags 5.1 mm, we allow 2.3 mm"}
    assert window.status.state_label.text() == "1 problem to solve"   # it cannot be ordered so
    assert "c1s2" in window.scene.tinted
    qtbot.waitUntil(lambda: row.fixes_known)
    (thicker,) = [b for b in row.fix_buttons if "25 mm" in b.text()]
    qtbot.mouseClick(thicker, Qt.LeftButton)
    assert window.document.design.get("c1s2").params["material"] == "mfc25"
    assert window.scene.label_texts == {}                                    # in the same frame
    qtbot.waitUntil(lambda: "shelf.sag" not in rows_by_code(window))         # the list follows a turn later
    assert window.status.state_label.text() == "Ready to order"
    window.act_undo.trigger()   # the fix was one edit
    assert window.document.design.get("c1s2").params["material"] == "mfc18"
    assert window.scene.label_texts == {"c1s2": "sags 5.1 mm, we allow 2.3 mm"}
    qtbot.waitUntil(lambda: "shelf.sag" in rows_by_code(window))


def test_a_shelf_that_sags_a_little_is_a_note_and_the_design_stays_orderable(qtbot, make_window, catalog):
    # A 700 mm tall cabinet: its 25 mm shelf of books (662 mm) sags 3.7 mm against 2.8 mm allowed, a warning.
    window = make_window(Design(catalog.id, catalog.version, "Wide", [
        PlacedModule("t", "tall_cabinet", {"width": 700, "height": 2000, "depth": 350}, "white"),
        PlacedModule("s", "shelf", {"material": "mfc25", "load": "books"}, "white", (19, -3, 786),
                     attach="in", to="t")]))
    qtbot.waitUntil(lambda: "shelf.sag" in rows_by_code(window))
    row = rows_by_code(window)["shelf.sag"]
    assert row.finding.severity == "warning" and "Good to know" in row.message.text()
    assert "sag 3.7 mm" in row.message.text() and "we allow 2.8 mm" in row.message.text()
    assert window.scene.label_texts == {"s": "sags 3.7 mm, we allow 2.8 mm"}
    assert window.status.state_label.text() == "Ready to order"   # a warning does not stop an order


def test_an_error_tints_the_module_and_blocks_the_order_until_fixed(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    white = catalog.finishes["white"].color.upper()
    assert body_hex(window, "c3") == white and window.status.state_label.text() == "Ready to order"
    price_before = window.feedback.quote.price_gross
    # Widen the right-hand cabinet in the inspector: its single door is now wider than a leaf may be.
    # (650, not wider: past 780 mm its 18 mm shelf would sag more than twice the limit, a second error.)
    window.document.select("c3")
    window.inspector.spin_box("width").setValue(650)
    qtbot.waitUntil(lambda: window.status.state_label.text() == "1 problem to solve")
    sage = catalog.finishes["sage"].color.upper()
    assert body_hex(window, "c3d") == blend(sage, ERROR_TINT, ERROR_TINT_SHARE)
    assert window.scene.tinted >= {"c3d"}
    assert window.feedback.quote.price_gross > price_before
    assert window.status.change_label.text().startswith("+ ")
    qtbot.waitUntil(lambda: "door.leaf_width" in rows_by_code(window))
    row = rows_by_code(window)["door.leaf_width"]
    qtbot.waitUntil(lambda: row.fixes_known)
    assert [b.text() for b in row.fix_buttons] == ["Use a double door (two leaves)",
                                                   "Set the base cabinet's width to 600 mm"]
    qtbot.mouseClick(row.fix_buttons[0], Qt.LeftButton)
    (front,) = [m for m in window.document.design.children("c3") if m.type_id == "double_door"]
    assert front.finish == "sage"
    qtbot.waitUntil(lambda: window.status.state_label.text() == "Ready to order")
    assert window.scene.tinted == set() and body_hex(window, front.id) == sage


def test_clicking_a_problem_selects_and_frames_its_module(qtbot, make_window, catalog):
    window = make_window(bookcase_with_a_thin_shelf(catalog))
    before = window.plotter.camera.position
    row = rows_by_code(window)["shelf.sag"]
    qtbot.mouseClick(row, Qt.LeftButton)
    assert window.document.selected == "c1s2"
    assert window.plotter.camera.position != before
    assert window.inspector.title.text() == "Shelf"


def test_a_tall_narrow_unit_says_it_needs_a_wall_anchor_and_the_price_includes_it(qtbot, make_window, catalog):
    tall = Design(catalog.id, catalog.version, "Tall", [
        PlacedModule("t", "tall_cabinet", {"width": 500, "height": 2300, "depth": 350}, "white")])
    window = make_window(tall)
    row = rows_by_code(window)["stability.anchor"]
    assert "needs a wall anchor" in row.message.text() and "included in your order" in row.message.text()
    hardware = {line.key for line in window.feedback.quote.costs.hardware}
    assert "wall_anchor" in hardware


def test_an_edit_that_changes_the_tints_still_draws_one_frame(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    QApplication.processEvents()
    qtbot.wait(200)
    frames = []
    window.plotter.ren_win.AddObserver("EndEvent", lambda *_: frames.append(1))
    window.document.push(SetParameter("c3", name="width", value=900))
    qtbot.waitUntil(lambda: len(frames) >= 1)
    qtbot.wait(200)
    assert len(frames) == 1 and "c3d" in window.scene.tinted


def test_fixes_are_worked_out_for_the_problems_in_sight(qtbot, make_window, catalog):
    # Fourteen cabinets too wide for their single doors: fourteen errors, a list longer than its dock.
    modules = []
    for i in range(14):
        modules += [PlacedModule(f"c{i}", "base_cabinet", {"width": 900}, "white", (i * 900.0, 0, 0)),
                    PlacedModule(f"d{i}", "door", {}, "white", attach="in", to=f"c{i}")]
    window = make_window(Design(catalog.id, catalog.version, "Wide doors", modules))
    panel = window.problems
    errors = [row for row in panel.rows if row.finding.code == "door.leaf_width"]
    assert len(errors) == 14
    qtbot.waitUntil(lambda: errors[0].fixes_known, timeout=10_000)
    qtbot.wait(500)
    assert not errors[-1].fixes_known   # out of sight: nothing worked out for it yet
    panel.scroll.ensureWidgetVisible(errors[-1])   # the customer scrolls down to it
    qtbot.waitUntil(lambda: errors[-1].fixes_known, timeout=10_000)
    assert not any(row.fixes_known for row in errors[3:9])   # the rows scrolled past were never in sight
    assert next(b.text() for b in errors[-1].fix_buttons) == "Use a double door (two leaves)"
