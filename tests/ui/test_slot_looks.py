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
