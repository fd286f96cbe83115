"""The live view's settled frame: FXAA while something changes, one supersampled frame at rest.

Sub-pixel seams (a carcass edge showing 2 mm beside a door, two edge lines a millimetre apart)
come out dotted under FXAA; the supersampled frame draws them solid (looked at in screenshots, see
docs/rendering.md).  These tests prove the switching: which pass draws which frame.
"""

from __future__ import annotations

import pytest

from app.domain.design.presets import design_from_preset
from app.editing.placing import refinish
from app.ui.view.settled_frame import SETTLE_MS

pytestmark = pytest.mark.gui


def passes(renderer) -> tuple[bool, bool]:
    """(supersampling pass on, FXAA on)."""
    return renderer._render_passes._ssaa_pass is not None, bool(renderer.GetUseFXAA())


def test_the_view_comes_to_rest_supersampled_and_moves_with_fxaa(make_window, catalog, qtbot):
    window = make_window(design_from_preset(catalog, "sideboard"))
    settled, renderer = window.scene.settled, window.plotter.renderer
    qtbot.waitUntil(lambda: settled.settled_frames >= 1, timeout=10_000)
    assert settled.sharp and passes(renderer) == (True, False)
    before = settled.settled_frames

    # An edit: its frame is drawn with FXAA (the change shows at FXAA's speed) ...
    design = window.document.design
    cabinet = next(m.id for m in design if m.to is None and "width" in m.params)
    window.document.push(refinish(catalog, design, [cabinet], "oak").command)
    qtbot.waitUntil(lambda: not settled.sharp, timeout=5_000)
    assert passes(renderer) == (False, True)
    # ... and the view settles again once, supersampled, when nothing more happens.
    qtbot.waitUntil(lambda: settled.settled_frames == before + 1, timeout=10_000)
    assert settled.sharp and passes(renderer) == (True, False)
    qtbot.wait(SETTLE_MS * 2)
    assert settled.settled_frames == before + 1   # at rest: no frame drawn again and again

    # A frame VTK draws itself (as its interactor does while the mouse orbits) goes back to FXAA too.
    window.plotter.camera.azimuth = 10.0
    window.plotter.ren_win.Render()
    assert not settled.sharp and passes(renderer) == (False, True)


def test_a_view_that_never_rests_is_never_switched(qtbot, catalog, tmp_path):
    """The kiosk's attract mode turns without anti-aliasing: no settled frame puts SSAA on it."""
    from tests.ui.kiosk_helpers import open_kiosk

    window = open_kiosk(qtbot, catalog, tmp_path)
    window.show_page(window.attract)
    page = window.attract
    qtbot.waitUntil(lambda: page.frames > 2, timeout=10_000)   # it turns
    page.stop()
    assert not page.scene.settled.enabled and not page.scene.settled.pending   # nothing waits to sharpen it
    qtbot.wait(SETTLE_MS * 2)
    assert page.scene.settled.settled_frames == 0
    assert passes(page.plotter.renderer) == (False, False)


def test_the_kiosk_waits_for_a_real_pause(qtbot, catalog, tmp_path):
    """Under the finger the next tap comes within a second or so: the kiosk's editor settles later."""
    from app.ui.kiosk.editor_page import KIOSK_SETTLE_MS
    from tests.ui.kiosk_helpers import open_kiosk

    window = open_kiosk(qtbot, catalog, tmp_path)
    settled = window.editor.scene.settled
    assert settled.delay_ms == KIOSK_SETTLE_MS > SETTLE_MS
