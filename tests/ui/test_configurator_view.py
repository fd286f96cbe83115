"""The configurator's 3D view as the customer meets it: framing, drops, frames per edit, a real crash.

Real window, real catalog and meshes, under Xvfb with software OpenGL.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.domain.design.commands import SetFinish
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import find_recoveries
from tests.ui.conftest import display_position, module_on_screen

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def corners_on_screen(window, module_id) -> bool:
    """True when all eight corners of the module's box project inside the 3D view."""
    lo, hi = window.scene.layout.state(module_id).world_bounds
    for x in (lo[0], hi[0]):
        for y in (lo[1], hi[1]):
            for z in (lo[2], hi[2]):
                px, py = display_position(window, (x, y, z))
                if not (0 <= px <= window.plotter.width() and 0 <= py <= window.plotter.height()):
                    return False
    return True


def test_the_view_keeps_a_growing_design_in_sight_until_the_customer_moves_the_camera(qtbot, make_window,
                                                                                      catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.document.select(None)
    first = window.place_module("base_cabinet")
    second = window.place_module("tall_cabinet")
    QApplication.processEvents()
    assert corners_on_screen(window, first) and corners_on_screen(window, second)

    # Once the customer has turned the camera, edits leave it where they put it.
    window.plotter.camera.azimuth = 25
    pose = np.array(window.plotter.camera.position)
    window.document.select(None)
    window.place_module("base_cabinet")
    QApplication.processEvents()
    np.testing.assert_allclose(window.plotter.camera.position, pose)


def test_the_first_module_of_an_empty_design_is_framed(qtbot, make_window, catalog):
    from app.domain.design.presets import empty_design

    window = make_window(empty_design(catalog))
    tall = window.place_module("tall_cabinet")
    QApplication.processEvents()
    assert corners_on_screen(window, tall)


def test_a_module_dropped_on_the_view_goes_into_the_carcass_under_the_pointer(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "sideboard"))
    window.scene.set_view("front")
    QApplication.processEvents()
    x, y = module_on_screen(window, "c3d")
    data = QMimeData()
    data.setData("application/x-modulor-module", b"shelf")
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    # As a real drag does: enter (the view must accept it, or Qt sends the drop nowhere), then drop.
    enter = QDragEnterEvent(QPoint(round(x), round(y)), *args)
    QApplication.sendEvent(window.plotter, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(x, y), *args)
    before = set(window.document.design.ids())
    QApplication.sendEvent(window.plotter, drop)
    (added,) = set(window.document.design.ids()) - before
    module = window.document.design.get(added)
    assert (module.type_id, module.attach, module.to) == ("shelf", "in", "c3")
    assert added in window.scene.module_ids and window.document.selected == added
    assert drop.isAccepted()


def test_an_edit_draws_exactly_one_frame(qtbot, make_window, catalog):
    window = make_window(design_from_preset(catalog, "wardrobe"))
    QApplication.processEvents()
    qtbot.wait(200)
    frames = []
    window.plotter.ren_win.AddObserver("EndEvent", lambda *_: frames.append(1))
    window.document.push(SetFinish("w1d", finish="anthracite"))
    window.document.select("w1")
    qtbot.waitUntil(lambda: len(frames) >= 1)
    qtbot.wait(200)   # a second render of the same edit would land here
    assert len(frames) == 1
    assert window.scene.actors("w1d")[0].prop.color.hex_rgb.upper() == catalog.finishes["anthracite"].color.upper()


CRASHING_SESSION = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {root!r})
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from app.domain.catalog.loader import load_catalog
    from app.domain.design.presets import design_from_preset
    from app.ui.configurator.window import ConfiguratorWindow
    catalog = load_catalog({catalog!r})
    window = ConfiguratorWindow(catalog, design=design_from_preset(catalog, "wardrobe"))
    window.show()
    window.document.select("w1d")
    window.delete_selected()
    def crash_once_autosaved():
        if window.files.recovery.path.exists():
            print("autosaved", flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
    timer = QTimer()
    timer.timeout.connect(crash_once_autosaved)
    timer.start(100)
    app.exec()
""")


def test_a_session_killed_with_sigkill_is_offered_back_at_the_next_start(qtbot, make_window, catalog):
    script = CRASHING_SESSION.format(root=str(ROOT), catalog=str(ROOT / "catalogs" / "linea"))
    crashed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                             env=dict(os.environ))
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    assert "autosaved" in crashed.stdout   # it was killed by the autosave timer's own writing, no earlier
    (left,) = find_recoveries()
    assert json.loads(left.path.read_text())["name"] == "Wardrobe"

    window = make_window()

    def restore():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.Yes).click()
        else:
            QTimer.singleShot(50, restore)

    QTimer.singleShot(50, restore)
    assert window.files.offer_recovery()
    design = window.document.design
    assert design.name == "Wardrobe" and "w1d" not in design and "w2d" in design
    assert window.document.dirty and set(window.scene.module_ids) == set(design.ids())


def test_a_module_published_by_the_designer_appears_in_the_library(qtbot, make_window, catalog_copy):
    """Reloading the catalog (what publishing triggers) brings the new module type into the library."""
    from app.domain.catalog.loader import load_catalog
    from app.ui.configurator.window import ConfiguratorWindow

    catalog = load_catalog(catalog_copy)
    window = ConfiguratorWindow(catalog, design=design_from_preset(catalog, "sideboard"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document.undo_stack.set_clean())
    window.show()
    qtbot.waitExposed(window)
    assert window.library.item_for("narrow_cabinet") is None
    text = (catalog_copy / "modules" / "base_cabinet.toml").read_text()
    (catalog_copy / "modules" / "narrow_cabinet.toml").write_text(
        text.replace('id = "base_cabinet"', 'id = "narrow_cabinet"').replace('name = "Base cabinet"',
                                                                          'name = "Narrow cabinet"'))
    camera = window.plotter.camera.position
    window._on_published("narrow_cabinet")
    assert window.library.item_for("narrow_cabinet") is not None
    assert "Narrow cabinet" in window.statusBar().currentMessage()
    assert window.plotter.camera.position == camera            # the same design, the same view
    assert set(window.scene.module_ids) == set(window.document.design.ids())
    new = window.place_module("narrow_cabinet")
    assert window.document.design.get(new).type_id == "narrow_cabinet" and new in window.scene.module_ids
    window.document.undo_stack.set_clean()
    window.close()
