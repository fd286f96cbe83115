"""Make the designer tutorial's screenshots by doing what it describes, as a designer would.

Run under a display (Xvfb is fine):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python docs/images/tutorial/make_screenshots.py

It writes the wine rack of issue 19 (tests/designer_meshes.py: metres, Y up, 16 named pieces, a
glass door), opens it in the designer on a throw-away copy of the catalog, fixes the origin, sets the
two stretch zones and the width range, checks the slots and parts, adds hardware and labour,
publishes, then places the rack in the configurator of that copy, widens it to 1000 mm in oak and
saves each step as a PNG beside this file.  The bundled catalog is never touched.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.domain.catalog.loader import load_catalog  # noqa: E402
from tests.designer_meshes import RACK_ZONES_X, wine_rack  # noqa: E402


def settle(app: QApplication, rounds: int = 30) -> None:
    for _ in range(rounds):
        app.processEvents()


def shot(app: QApplication, widget, name: str) -> None:
    settle(app)
    for view in getattr(widget, "_plotters", lambda: [])():
        view.render()
    widget.grab().save(str(HERE / name))
    print("wrote", HERE / name)


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="modulor-tutorial-"))
    shutil.copytree(ROOT / "catalogs" / "linea", work / "catalogs" / "linea")
    shutil.copytree(ROOT / "models3d", work / "models3d")
    catalog_dir = work / "catalogs" / "linea"
    mesh = wine_rack(work)

    from app.ui.designer.window import DesignerWindow

    window = DesignerWindow(load_catalog(catalog_dir))
    window.confirm = lambda *_: True
    window.tell = lambda title, text, details="": print("TOLD", title, text, details)
    window.resize(1600, 1000)
    window.show()
    done = window.files_read
    window.open_file(mesh)
    while window.files_read == done:
        app.processEvents()
    window._plotters = lambda: [window.view, window.preview_view]
    shot(app, window, "01-opened.png")

    window.fix_origin()
    x_axis = window.stretch.axes["x"]
    x_axis.set_zones(RACK_ZONES_X)
    x_axis.resizable.setChecked(True)
    x_axis.minimum.setValue(400)
    x_axis.maximum.setValue(1200)
    x_axis.step.setValue(10)
    window.stretch.new_name.setText("Wine rack")
    window.stretch.identity_changed.emit()
    settle(app)
    window.controls.slider.setValue(900)
    shot(app, window, "02-zones-and-preview.png")

    window.parts.add_hardware_line("connector", "12")
    window.parts.labour.setText("40 + width / 50")
    settle(app)
    window._on_work()
    window.panels_scroll.ensureWidgetVisible(window.parts.slots, 0, 0)
    shot(app, window, "03-parts-and-slots.png")

    if not window.publish():
        print("publish refused")
        return 1
    shot(app, window, "04-published.png")
    window.dirty = False
    window.close()

    from app.editing.placing import place, refinish, resize
    from app.ui.configurator.window import ConfiguratorWindow

    catalog = load_catalog(catalog_dir)
    from app.domain.design.presets import empty_design

    config = ConfiguratorWindow(catalog, design=empty_design(catalog))
    config.resize(1600, 1000)
    config.show()
    settle(app)
    document = config.document
    proposal = place(catalog, document.session.design, "wine_rack")
    document.push(proposal.command)
    rack = proposal.select
    settle(app)
    config._plotters = lambda: [config.plotter]
    shot(app, config, "05-placed.png")
    document.push(resize(catalog, document.session.design, [rack], "width", 1000, "Width").command)
    document.push(refinish(catalog, document.session.design, [rack], "oak").command)
    settle(app)
    shot(app, config, "06-resized-in-oak.png")
    from app.ui.view.offscreen_render import render_design_png

    document.push(refinish(catalog, document.session.design, [rack], "walnut").command)
    picture = render_design_png(catalog, document.session.design, 1000, 700, quality="high")
    (HERE / "07-walnut-high-quality.png").write_bytes(picture)   # File > Export picture's path
    print("wrote", HERE / "07-walnut-high-quality.png")
    document.undo_stack.set_clean()
    config.close()
    print("catalog copy:", work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
