"""Camera framing and the details texts: pure functions, no display needed."""

from __future__ import annotations

import math
from html import unescape

import numpy as np
import pytest

from app.domain.problems import Problem
from app.ui.view.camera import VIEWS, fit_camera
from app.ui.view.details import module_design, module_html, preset_html, size_text, skipped_html


def project(pose, point, view_angle, aspect):
    """Normalised screen coordinates (-1..1 inside the view) of a room point."""
    position, focal, up = map(np.asarray, pose)
    forward = (focal - position) / np.linalg.norm(focal - position)
    right = np.cross(forward, up)
    rel = np.asarray(point) - position
    depth = rel @ forward
    t = math.tan(math.radians(view_angle) / 2)
    return (rel @ right) / (depth * t * aspect), (rel @ up) / (depth * t)


@pytest.mark.parametrize("view", sorted(VIEWS))
@pytest.mark.parametrize("aspect", [0.6, 1.0, 1.9])
def test_fit_camera_shows_every_corner_and_fills_the_view(view, aspect):
    lo, hi = np.array([0.0, -470.0, 0.0]), np.array([1800.0, 0.0, 845.0])
    direction, up = VIEWS[view]
    pose = fit_camera(lo, hi, direction, up, view_angle=20, aspect=aspect, margin=1.1)
    corners = [[x, y, z] for x in (lo[0], hi[0]) for y in (lo[1], hi[1]) for z in (lo[2], hi[2])]
    screen = np.array([project(pose, c, 20, aspect) for c in corners])
    assert np.abs(screen).max() <= 1.0 + 1e-9                # nothing cut off
    assert np.abs(screen).max(axis=0).max() > 0.85          # and not lost in the middle
    assert np.dot(pose.up, up) > 0                          # not upside down


def test_front_view_looks_at_the_front_with_z_up():
    pose = fit_camera([0, -500, 0], [1000, 0, 2000], *VIEWS["front"])
    assert pose.position[1] < -500 and pose.position[0] == pytest.approx(500)
    assert pose.up == pytest.approx((0, 0, 1))


def test_size_text_is_width_height_depth():
    assert size_text([0, -350, 0], [1600, 0, 2100]) == "1600 x 2100 x 350 mm"


def test_module_details_list_parameters_finishes_and_default_size(catalog):
    html = module_html(catalog, catalog.modules["drawer"])
    assert "Drawer" in html and "Full-extension soft-close drawer" in html
    assert "124 – 396 mm, step 16 · default 236" in html
    assert "from the host" in html                     # width comes from the carcass
    assert "Full-extension soft-close runner 450 mm" in html and "(default)" in html
    assert "Sage green matt lacquer" in html and "#9AA88F" in html
    assert "596 x 236 x 469 mm" in html                  # as in the first carcass it fits, not at its minimum


def test_module_design_is_one_module_at_its_defaults(catalog):
    design = module_design(catalog, "wall_cabinet")
    (placed,) = list(design)
    assert (placed.id, placed.type_id, placed.finish, placed.attach) == \
        ("wall_cabinet", "wall_cabinet", catalog.modules["wall_cabinet"].default_finish, "wall")


def test_fronts_alone_take_their_sizes_from_a_default_host(catalog):
    (door,) = list(module_design(catalog, "door"))
    assert door.params == {"width": 600.0, "height": 720.0}   # the base cabinet's defaults
    assert module_design(catalog, "base_cabinet").get("base_cabinet").params == {}


def test_preset_details_give_count_size_and_contents(catalog):
    html = preset_html(catalog, "sideboard")
    assert "Modules:</b> 12" in html
    assert "1800 x 845 x 470 mm" in html
    assert "3 ×</td><td>Drawer" in html


def test_left_out_details_show_every_problem():
    problems = [Problem("modules/door.toml", "module 'door'", "default_finish", "not <offered>")]
    html = skipped_html("module 'door'", problems)
    assert "not &lt;offered&gt;" in html  # escaped, not taken for markup
    assert "modules/door.toml: module 'door', field 'default_finish': not <offered>" in unescape(html)
