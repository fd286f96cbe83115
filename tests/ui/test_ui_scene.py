"""The scene adapter on an offscreen plotter: geometry, fittings, edits, and the rendered image."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from pyvista import Color

from app.domain.design.commands import AddModule, RemoveModule, UndoStack
from app.domain.design.design import PlacedModule, moved
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset

pytestmark = pytest.mark.gui

REFERENCE = Path(__file__).parent / "reference" / "bookcase_iso.png"
UPDATE_REFERENCE = os.environ.get("MODULOR_UPDATE_REFERENCE") == "1"


def bounds(actor) -> tuple[np.ndarray, np.ndarray]:
    b = np.reshape(actor.GetBounds(), (3, 2))
    return b[:, 0], b[:, 1]


def test_door_handle_sits_on_the_front_upright_away_from_the_hinges(offscreen_scene, catalog):
    offscreen_scene.show_design(catalog, design_from_preset(catalog, "sideboard"))
    body, _outline, handle = offscreen_scene.actors("c1d")
    lo, hi = bounds(handle)
    # Door c1d: origin (2, -450, 102) in the room; 596 x 19 x 716; left hinges -> handle at x 544, z 464.
    np.testing.assert_allclose(lo, [546, -504, 566], atol=1e-6)
    np.testing.assert_allclose(hi, [558, -469, 758], atol=1e-6)
    assert bounds(body)[0][1] == pytest.approx(-469)  # the handle's back is on the door's front face


def test_push_latch_draws_no_handle(offscreen_scene, catalog):
    offscreen_scene.show_design(catalog, design_from_preset(catalog, "tv_bench"))
    assert len(offscreen_scene.actors("c1d")) == 2  # body and outline only


def test_edits_touch_only_their_own_actors(offscreen_scene, catalog):
    design = design_from_preset(catalog, "sideboard")
    scene = offscreen_scene
    scene.show_design(catalog, design)
    before = {mid: scene.actors(mid) for mid in scene.module_ids}
    untouched = {mid: bounds(scene.actors(mid)[0]) for mid in ("c2", "c3", "c3d")}

    # Moving a cabinet moves what it carries (shelf, door, the top resting on it), in place.
    design.replace(moved(design.get("c1"), (0.0, -100.0, 100.0)), "moved")
    assert scene.actors("c1") == before["c1"] and scene.actors("c1d") == before["c1d"]
    assert bounds(scene.actors("t1")[0])[0][1] == pytest.approx(-570)
    assert bounds(scene.actors("c1")[0])[0][1] == pytest.approx(-550)
    assert bounds(scene.actors("c1d")[0])[0][1] == pytest.approx(-569)
    for mid, box in untouched.items():
        np.testing.assert_allclose(bounds(scene.actors(mid)[0]), box)

    design.replace(replace(design.get("c3d"), finish="anthracite"), "finish")
    assert scene.actors("c3d")[0].prop.color == Color(catalog.finishes["anthracite"].color)
    design.replace(replace(design.get("c3d"), finish="walnut"), "finish")   # a decor: its texture, on white
    assert scene.body_texture("c3d").name == "walnut.png" and scene.actors("c3d")[0].prop.color == Color("white")
    assert scene.meshes("c3d")[0].active_texture_coordinates is not None

    design.add(PlacedModule("w9", "wall_cabinet", {"width": 600}, "oak", (0, 0, 1500), attach="wall"))
    assert scene.module_ids[-1] == "w9"
    design.remove("c3d")
    assert "c3d" not in scene.module_ids
    in_renderer = list(scene.plotter.renderer.actors.values())
    assert not any(actor in in_renderer for actor in before["c3d"])
    lo, hi = scene.body_bounds()
    want = Layout(catalog, design).overall_bounds()
    np.testing.assert_allclose(lo, want[0], atol=0.5)
    np.testing.assert_allclose(hi, want[1], atol=0.5)


def test_meshes_are_read_once_per_file(offscreen_scene, catalog):
    offscreen_scene.show_design(catalog, design_from_preset(catalog, "bookcase"))
    assert len(offscreen_scene._cache) == 3  # plinth, tall cabinet, shelf: 11 modules


def render_bookcase(scene, catalog) -> np.ndarray:
    scene.show_design(catalog, design_from_preset(catalog, "bookcase"))
    scene.set_view("iso")
    return scene.plotter.screenshot(return_img=True)


def test_bookcase_render_is_not_blank_and_shows_the_oak_finish(offscreen_scene, catalog):
    image = render_bookcase(offscreen_scene, catalog).astype(int)
    assert image.shape == (300, 400, 3)
    corner = image[2, 2]                        # background (gradient top)
    centre = image[120:180, 160:240].reshape(-1, 3)
    assert np.mean(np.abs(centre - corner).sum(axis=1) > 60) > 0.9
    oak = np.array(Color(catalog.finishes["oak"].color).int_rgb)
    # Lit faces keep the finish's hue: many pixels are a scaled copy of the oak colour.
    pixels = image.reshape(-1, 3)
    scale = pixels.sum(axis=1, keepdims=True) / oak.sum()
    close = np.abs(pixels - scale * oak).max(axis=1) < 6
    assert close.mean() > 0.15


def test_bookcase_render_matches_the_reference_image(offscreen_scene, catalog):
    from PIL import Image

    image = render_bookcase(offscreen_scene, catalog)
    if UPDATE_REFERENCE or not REFERENCE.exists():
        REFERENCE.parent.mkdir(exist_ok=True)
        Image.fromarray(image).save(REFERENCE, optimize=True)
        pytest.skip(f"reference image written to {REFERENCE}; check it and run again")
    reference = np.asarray(Image.open(REFERENCE).convert("RGB")).astype(int)
    diff = np.abs(image.astype(int) - reference).max(axis=2)
    # Software GL versions differ in the last bits and along anti-aliased edges: allow a little.
    assert diff.mean() < 2.0, f"mean difference {diff.mean():.2f}"
    assert np.mean(diff > 40) < 0.01, f"{np.mean(diff > 40):.2%} of pixels differ strongly"


def renderer_props(scene) -> list:
    """Everything the renderer holds (3D actors and text), read from VTK, not from the scene's records."""
    props = scene.plotter.renderer.GetViewProps()
    props.InitTraversal()
    return [props.GetNextProp() for _ in range(props.GetNumberOfItems())]


def assert_forgotten(scene, module_id) -> None:
    assert module_id not in scene.module_ids and module_id not in scene._records
    assert scene.actors(module_id) == [] and scene.meshes(module_id) == []
    assert module_id not in scene.tinted and module_id not in scene.label_texts
    assert scene.body_texture(module_id) is None


@pytest.mark.parametrize("how", ["remove", "undo"])
def test_a_removed_module_leaves_no_actor_tint_note_or_texture(offscreen_scene, catalog, how):
    scene = offscreen_scene
    design = design_from_preset(catalog, "sideboard")
    scene.show_design(catalog, design)
    scene.set_marks(set(), {"c1": "note on c1", "c2": "note on c2"})   # two note actors, kept for reuse
    before = renderer_props(scene)
    stack = UndoStack(design)
    stack.push(AddModule(PlacedModule("w9", "wall_cabinet", {"width": 600}, "walnut", (0, 0, 1500), attach="wall")))
    stack.push(AddModule(PlacedModule("w9d", "door", {"hinge_side": "left"}, "white", attach="in", to="w9")))
    scene.set_marks({"w9", "w9d"}, {"c1": "note on c1", "w9d": "note on w9d"})
    added = scene.actors("w9") + scene.actors("w9d")
    assert not scene.failed and scene.tinted == {"w9", "w9d"} and scene.label_texts["w9d"] == "note on w9d"
    assert scene.body_texture("w9").name == "walnut.png"
    assert len(renderer_props(scene)) == len(before) + len(added)

    if how == "remove":
        stack.push(RemoveModule("w9"))   # the cabinet and its door
    else:
        stack.undo()
        stack.undo()

    for module_id in ("w9", "w9d"):
        assert_forgotten(scene, module_id)
    after = renderer_props(scene)
    assert len(after) == len(before) and all(any(p is q for q in before) for p in after)
    assert not any(actor is prop for actor in added for prop in after)
    assert scene.label_texts == {"c1": "note on c1"} and scene.module_ids == design.ids()


def test_removing_every_module_leaves_only_the_hidden_room_shadow_and_overlays(offscreen_scene, catalog):
    scene = offscreen_scene
    empty = len(renderer_props(scene))
    design = design_from_preset(catalog, "sideboard")
    scene.show_design(catalog, design)
    scene.set_marks({"c3d"}, {"c1s1": "sags"})
    scene.set_selected("c3")
    drawn = [actor for mid in scene.module_ids for actor in scene.actors(mid)]

    UndoStack(design).push(RemoveModule("p1"))   # the plinth carries everything

    assert len(design) == 0 and scene.module_ids == [] and scene._records == {}
    assert scene.tinted == set() and scene.label_texts == {} and scene.body_bounds() is None
    after = renderer_props(scene)
    assert not any(actor is prop for actor in drawn for prop in after)
    # The shadow's two quads and the overlays, all hidden (the room's surfaces are there from the start).
    assert len(after) == empty + len(scene.shadow.actors()) + len(scene.overlay_actors())
    assert not any(prop.GetVisibility() for prop in after)


def test_a_module_added_again_under_its_old_id_is_drawn_afresh(offscreen_scene, catalog):
    scene = offscreen_scene
    design = design_from_preset(catalog, "sideboard")
    scene.show_design(catalog, design)
    scene.set_marks(set(), {"c1": "note on c1"})
    count = len(renderer_props(scene))
    image = scene.plotter.screenshot(return_img=True).astype(int)
    door_box = bounds(scene.actors("c3d")[0])
    stack = UndoStack(design)
    scene.set_marks({"c3", "c3d"}, {"c3d": "note on c3d"})

    stack.push(RemoveModule("c3"))
    stack.undo()   # c3 and its door come back under the same ids

    assert sorted(scene.module_ids) == sorted(design.ids())
    assert scene.tinted == set() and scene.label_texts == {}   # the old marks went with the old modules
    np.testing.assert_allclose(bounds(scene.actors("c3d")[0]), door_box)
    assert scene.actors("c3d")[0].prop.color == Color(catalog.finishes["sage"].color)
    scene.set_marks(set(), {"c1": "note on c1"})
    assert len(renderer_props(scene)) == count
    diff = np.abs(scene.plotter.screenshot(return_img=True).astype(int) - image).max(axis=2)
    assert diff.mean() < 1.0 and np.mean(diff > 40) < 0.005   # the same picture as before the removal

    # The same id for another kind of front, in a decor: its own actors, texture and colour.
    design.remove("c3d")
    design.add(PlacedModule("c3d", "drawer", {"front_height": 716, "runner": "runner_400"}, "walnut",
                            (2, -50, 2), attach="in", to="c3"))
    assert not scene.failed and scene.body_texture("c3d").name == "walnut.png"
    assert scene.actors("c3d")[0].prop.color == Color("white")
    assert all(any(actor is prop for prop in renderer_props(scene)) for actor in scene.actors("c3d"))
