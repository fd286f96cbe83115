"""The catalog window on the real Linea catalog: tree, 3D view, details, toolbar, closing."""

from __future__ import annotations

import numpy as np
import pytest
from pyvista import Color

from app.domain.catalog.loader import load_catalog
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.ui.configurator.catalog_window import KEY_ROLE

pytestmark = pytest.mark.gui

PRESETS = ["bookcase", "sideboard", "wardrobe", "tv_bench"]


def entries(window, group: str) -> list[str]:
    item = window.groups[group]
    return [item.child(i).data(0, KEY_ROLE) for i in range(item.childCount())]


def test_tree_lists_every_module_type_and_preset(window, catalog):
    module_keys = [k for g in window.groups if g not in ("presets",) for k in entries(window, g)]
    assert sorted(module_keys) == sorted(f"module:{m}" for m in catalog.modules)
    assert len(module_keys) == 13
    assert entries(window, "presets") == [f"preset:{p}" for p in PRESETS]
    names = {window.groups["carcass"].child(i).text(0) for i in range(window.groups["carcass"].childCount())}
    assert {"Base cabinet", "Tall cabinet", "Wall cabinet"} <= names
    assert "left_out" not in window.groups
    assert window.windowTitle() == "Modulor — Linea modular storage"
    assert window.status_label.text() == "Linea modular storage 1.0.0  ·  13 module types, 4 presets"


def test_first_preset_is_shown_at_start(window, catalog):
    assert window.tree.currentItem().data(0, KEY_ROLE) == "preset:bookcase"
    assert window.scene.module_ids == design_from_preset(catalog, "bookcase").ids()
    assert "1200 x 2100 x 350 mm" in window.details.toPlainText()


@pytest.mark.parametrize("preset_id", PRESETS)
def test_preset_has_one_actor_group_per_module_matching_the_layout(window, catalog, preset_id):
    window.select(f"preset:{preset_id}")
    design = design_from_preset(catalog, preset_id)
    assert window.scene.module_ids == design.ids()
    assert all(window.scene.actors(mid) for mid in design.ids())
    lo, hi = window.scene.body_bounds()
    want_lo, want_hi = Layout(catalog, design).overall_bounds()
    np.testing.assert_allclose(lo, want_lo, atol=0.5)
    np.testing.assert_allclose(hi, want_hi, atol=0.5)
    assert f"Modules: {len(design)}" in window.details.toPlainText()


def test_door_body_has_its_finish_colour_and_a_steel_handle(window, catalog):
    window.select("preset:sideboard")
    body, _outline, handle = window.scene.actors("c1d")
    assert body.prop.color == Color(catalog.finishes["sage"].color)
    assert handle.prop.color != body.prop.color
    # The oak top shows the oak decor: a white body (VTK multiplies the texture by it) with the image on.
    top = window.scene.actors("t1")[0]
    assert top.prop.color == Color("white") and window.scene.body_texture("t1").name == "oak.png"


def test_module_type_alone_at_default_size(window):
    window.select("module:base_cabinet")
    assert window.scene.module_ids == ["base_cabinet"]
    lo, hi = window.scene.body_bounds()
    np.testing.assert_allclose(lo, [0, -560, 0], atol=0.5)
    np.testing.assert_allclose(hi, [600, 0, 720], atol=0.5)
    text = window.details.toPlainText()
    assert "600 x 720 x 560 mm" in text
    assert "Width: 300 – 1200 mm, step 50 · default 600" in text
    assert "Arctic white (default)" in text


def test_switching_entries_reconciles_the_actors(window, catalog):
    window.select("preset:bookcase")
    plinth = window.scene.actors("p1")[0]
    gone = window.scene.actors("c2s4")

    window.select("preset:sideboard")
    assert window.scene.module_ids == design_from_preset(catalog, "sideboard").ids()
    # The plinth exists in both presets: same actor, points moved in place (1200 -> 1800 wide).
    assert window.scene.actors("p1")[0] is plinth
    assert plinth.GetBounds()[1] == pytest.approx(1800)
    # Modules that left the design left the renderer too.
    assert "c2s4" not in window.scene.module_ids
    in_renderer = list(window.plotter.renderer.actors.values())
    assert gone and not any(actor in in_renderer for actor in gone)

    window.select("module:door")
    assert window.scene.module_ids == ["door"]
    count = sum(len(window.scene.actors(m)) for m in window.scene.module_ids)
    # + the room (floor, walls, ceiling line) and the overlays (dimension lines and labels, selection
    # outline), nothing left over
    room = window.scene.room.actors()
    assert len(room) >= 4
    assert len(window.plotter.renderer.actors) == count + len(room) + len(window.scene.overlay_actors())


def test_camera_actions_move_the_camera(window):
    camera = window.plotter.camera
    window.view_actions["front"].trigger()
    assert camera.position[1] < camera.focal_point[1]          # in front, looking at +Y
    assert camera.up == pytest.approx((0, 0, 1), abs=1e-6)
    window.view_actions["top"].trigger()
    assert camera.position[2] > camera.focal_point[2] + 1000
    window.view_actions["side"].trigger()
    assert camera.position[0] > camera.focal_point[0]
    window.view_actions["iso"].trigger()
    far = camera.position
    camera.position = tuple(np.add(far, np.subtract(far, camera.focal_point)))  # the user zooms out
    window.view_actions["fit"].trigger()
    assert camera.position == pytest.approx(far, abs=1e-3)


def test_quit_closes_the_window_and_its_plotter(window):
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()
    assert window.plotter._closed


def test_broken_module_is_listed_as_left_out_with_its_problem(open_window, catalog_copy):
    door = catalog_copy / "modules" / "door.toml"
    door.write_text(door.read_text().replace('default_finish = "white"', 'default_finish = "purple"'))
    broken = load_catalog(catalog_copy)
    window = open_window(broken)

    left_out = window.groups["left_out"]
    assert left_out.foreground(0).color().name() == "#b00020"
    keys = entries(window, "left_out")
    assert "skipped:module 'door'" in keys
    assert "skipped:preset 'sideboard'" in keys  # it uses the door
    item = window.item_for("skipped:module 'door'")
    assert "default_finish 'purple' is not in finishes" in item.toolTip(0)
    assert "module:door" not in entries(window, "front")
    assert window.status_label.text().endswith(f"{len(broken.problems)} problems")

    window.tree.setCurrentItem(item)
    assert "default_finish 'purple' is not in finishes" in window.details.toPlainText()
