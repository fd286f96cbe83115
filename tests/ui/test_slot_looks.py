"""Materials per piece in the configurator (issue 19 item 4): the wine rack, published through the
designer's session into a copy of the catalog, is drawn with its glass door see-through in clear glass
and its back white, whatever finish the customer picks for the rack; its oak decor stays on the carcass."""

from __future__ import annotations

import numpy as np
import pytest

from app.domain.catalog.loader import load_catalog
from app.domain.catalog.slots import piece_looks
from app.domain.design.presets import empty_design
from app.domain.mesh.designer_session import DesignerSession
from app.domain.mesh.entry_toml import AxisParam
from app.domain.mesh.inspection import inspect_file
from app.editing.placing import place, refinish, resize
from tests.designer_meshes import RACK_ZONES_X, wine_rack

pytestmark = pytest.mark.gui


@pytest.fixture
def rack_catalog(tmp_path, catalog_copy):
    session = DesignerSession(load_catalog(catalog_copy), inspect_file(wine_rack(tmp_path)))
    session.fix_origin()
    session.set_zones("x", RACK_ZONES_X)
    session.params = {"x": AxisParam(400, 1200, 10, 600)}
    session.hardware, session.labour_minutes = [("connector", "12")], "40 + width / 50"
    session.publish()
    return load_catalog(catalog_copy)


def hex_of(actor) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in actor.prop.color.float_rgb)


def test_each_piece_resolves_to_its_slots_finish(rack_catalog):
    rack = rack_catalog.module("wine_rack")
    names = ["door_glass", "back", "side_left", "handle"]
    looks = {n: (look.finish, look.fixed, look.opacity) for n, look in
             zip(names, piece_looks(rack_catalog, rack, "oak", names))}
    assert looks == {"door_glass": ("clear_glass", True, 0.28), "back": ("white", True, 1.0),
                     "side_left": ("oak", False, 1.0), "handle": ("steel", True, 1.0)}


def test_the_configurator_draws_glass_see_through_and_the_back_white(qtbot, rack_catalog):
    from app.ui.configurator.window import ConfiguratorWindow

    window = ConfiguratorWindow(rack_catalog, design=empty_design(rack_catalog))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.set_clean())
    window.show()
    qtbot.waitExposed(window)
    document = window.document
    proposal = place(rack_catalog, document.design, "wine_rack")
    document.push(proposal.command)
    rack = proposal.select
    qtbot.wait(50)
    finishes = rack_catalog.finishes
    glass_color, white = finishes["clear_glass"].color.upper(), finishes["white"].color.upper()

    def by_colour():
        return {hex_of(a): a for a in window.scene.actors(rack)}

    actors = by_colour()
    assert glass_color in actors and actors[glass_color].prop.opacity == pytest.approx(0.28)
    assert actors[glass_color].prop.specular == pytest.approx(0.9)
    assert white in actors       # the back (and the rack's default white body)
    document.push(resize(rack_catalog, document.design, [rack], "width", 1000, "Width").command)
    document.push(refinish(rack_catalog, document.design, [rack], "oak").command)
    qtbot.wait(50)
    actors = by_colour()
    assert actors[glass_color].prop.opacity == pytest.approx(0.28)     # a finish change leaves the glass
    assert white in actors and actors[white].texture is None            # and the back white
    body = window.scene.actors(rack)[0]
    assert window.scene.body_texture(rack) is not None and body.texture is not None   # the carcass in oak
    lo, hi = np.reshape(body.GetBounds(), (3, 2)).T
    assert hi[0] - lo[0] == pytest.approx(1000, abs=0.5)
    window.document.undo_stack.set_clean()
    window.close()


def _rack_design(rack_catalog):
    design = empty_design(rack_catalog)
    proposal = place(rack_catalog, design, "wine_rack")
    proposal.command.apply(design)
    return design, proposal.select


def test_the_high_quality_path_gives_the_glass_a_sheen_and_nothing_else(rack_catalog):
    """The glass door gets the sheen: its own colour and opacity where no light falls, bands of light
    (brighter and less see-through) across it; the oak carcass and the white back are left alone."""
    import pyvista as pv

    from app.ui.view.high_quality import prepare, sheen
    from app.ui.view.scene import SceneView

    glass_finish = rack_catalog.finishes["clear_glass"]
    plotter = pv.Plotter(off_screen=True, window_size=(400, 300))
    scene = SceneView(plotter)
    try:
        design, rack = _rack_design(rack_catalog)
        scene.show_design(rack_catalog, design, reset_camera=True)
        glass_color = glass_finish.color.upper()
        actors = scene.actors(rack)
        glass = [a for a in actors if hex_of(a) == glass_color]
        assert len(glass) == 1
        others = {id(a): (a.texture, a.prop.opacity, hex_of(a)) for a in actors if a is not glass[0]}
        prepare(plotter, scene.body_bounds())
        pane = glass[0]
        image = np.asarray(pane.texture.to_array())
        assert image.shape[2] == 4 and pane.prop.opacity == 1.0   # the texture's alpha is the opacity
        tcoords = np.asarray(pv.wrap(pane.GetMapper().GetInput()).active_texture_coordinates)
        assert tcoords.min() == pytest.approx(0.0) and tcoords.max() == pytest.approx(1.0)
        assert {id(a): (a.texture, a.prop.opacity, hex_of(a)) for a in actors if a is not pane} == others
    finally:
        scene.close()
        plotter.close()
    color = tuple(int(glass_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    look = sheen(color, glass_finish.opacity, glass_finish.reflection, size=64)
    alpha = look[..., 3].astype(float) / 255
    assert alpha.min() == pytest.approx(glass_finish.opacity, abs=0.01)       # clear glass between the bands
    assert alpha.max() > glass_finish.opacity + 0.3                          # the bands: light on the glass
    darkest = np.unravel_index(np.argmin(alpha), alpha.shape)
    assert tuple(look[darkest][:3]) == tuple(round(c * 255) for c in color)  # the glass's own colour there
    assert (sheen(color, 0.28, 0.0, size=64)[..., 3] == round(0.28 * 255)).all()   # no reflection: no bands


def test_the_glass_reflects_in_the_high_quality_picture_only(rack_catalog):
    """Pictures of the same oak rack with and without the glass's reflection differ in bands across the
    door and nowhere else: the sheen is what the finish's value adds, and it lies on the glass."""
    import io

    from PIL import Image

    from app.ui.view.offscreen_render import render_design_png

    design, rack = _rack_design(rack_catalog)
    refinish(rack_catalog, design, [rack], "oak").command.apply(design)

    def picture(catalog):
        png = render_design_png(catalog, design, 400, 300, "iso", quality="high")
        return np.asarray(Image.open(io.BytesIO(png))).astype(float)

    reflecting = picture(rack_catalog)
    materials = rack_catalog.root / "materials.toml"   # the same catalog with a glass that mirrors nothing
    materials.write_text(materials.read_text(encoding="utf-8").replace("reflection = 0.35", "reflection = 0.0"),
                         encoding="utf-8")
    plain_catalog = load_catalog(rack_catalog.root)
    assert plain_catalog.finishes["clear_glass"].reflection == 0.0
    plain = picture(plain_catalog)
    lighter = (reflecting - plain).mean(axis=2)
    changed = np.abs(lighter) > 12
    assert changed.mean() > 0.01                       # bands a customer sees
    assert (lighter[changed] > 0).mean() > 0.9         # light added, as a reflection does
    _rows, cols = np.nonzero(changed)
    # On the door: the rack stands in the middle of the picture (its door between about 38 % and 68 %
    # of the width); the wall and the floor are the same but for a few pixels of ambient-occlusion noise.
    assert ((cols > 0.3 * 400) & (cols < 0.75 * 400)).mean() > 0.97


def test_the_library_picture_shows_the_glass_door(rack_catalog, tmp_path):
    """The thumbnail draws the pieces in a slot's own finish too (they are not in the body): with the
    glass made a strong red, the rack's middle shows red through it; the finish's colour is in the key."""
    from PIL import Image

    from app.ui.view.thumbnails import ThumbnailCache

    with ThumbnailCache(rack_catalog, folder=tmp_path / "thumbs", size=128) as cache:
        key = cache.cache_key("wine_rack")
    materials = rack_catalog.root / "materials.toml"
    text = materials.read_text(encoding="utf-8")
    materials.write_text(text.replace('color = "#CFE0E3"', 'color = "#CF2020"'), encoding="utf-8")
    red_glass = load_catalog(rack_catalog.root)
    with ThumbnailCache(red_glass, folder=tmp_path / "thumbs", size=128) as cache:
        assert cache.cache_key("wine_rack") != key
        picture = np.asarray(Image.open(cache.icon_path("wine_rack")).convert("RGB")).astype(int)
    middle = picture[40:88, 44:84]
    reddish = (middle[..., 0] - middle[..., 1] > 40).mean()   # the door's red over the rack behind it
    assert reddish > 0.5, reddish


def test_the_glb_export_carries_the_glass_and_the_back_in_their_finishes(rack_catalog, tmp_path):
    """The workshop's GLB: the rack's carcass in the module's finish, its back and glass door as nodes of
    their own in white and in see-through clear glass (alpha = the finish's opacity)."""
    import trimesh

    from app.domain.production.exports.bom_glb import glb_bytes

    design, rack = _rack_design(rack_catalog)
    (tmp_path / "rack.glb").write_bytes(glb_bytes(rack_catalog, design))
    scene = trimesh.load(tmp_path / "rack.glb", force="scene")
    materials = {node: scene.geometry[scene.graph[node][1]].visual.material for node in scene.graph.nodes_geometry}
    glass, white = rack_catalog.finishes["clear_glass"], rack_catalog.finishes["white"]
    rgb = {name: [int(f.color[i:i + 2], 16) for i in (1, 3, 5)] for name, f in (("glass", glass), ("white", white))}
    door = materials[f"slot:{rack}:glass"]
    assert list(door.baseColorFactor[:3]) == rgb["glass"]
    assert door.baseColorFactor[3] == round(255 * glass.opacity) and door.alphaMode == "BLEND"
    assert list(materials[f"slot:{rack}:back"].baseColorFactor) == rgb["white"] + [255]
    assert f"module:{rack}" in materials
    sizes = {node: len(scene.geometry[scene.graph[node][1]].vertices) for node in materials}
    assert sizes[f"slot:{rack}:glass"] < sizes[f"module:{rack}"] / 4   # a node carries its own vertices only
    # Its handle is a piece of its mesh in the metal slot (not a fitting): in that slot's finish.
    metal = rack_catalog.finishes[rack_catalog.slots["metal"].finish]
    assert list(materials[f"slot:{rack}:metal"].baseColorFactor[:3]) == [int(metal.color[i:i + 2], 16)
                                                                         for i in (1, 3, 5)]
    assert not [n for n in materials if n.startswith("fitting:")]
