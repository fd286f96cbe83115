"""Import a folder in the designer window (issue 19 item 8): a report for each file, the fit updates
published (backups kept), a new module opened to be completed, unfit, ambiguous and refused files left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.domain.mesh.batch import check_folder
from app.ui.designer.window import DesignerWindow
from tests.designer_meshes import cabinet_file, wine_rack

pytestmark = pytest.mark.gui

MESHES = Path(__file__).parents[1] / "data" / "meshes"


@pytest.fixture
def folder(tmp_path, catalog_copy):
    made = tmp_path / "exports"
    made.mkdir()
    shutil.copy(catalog_copy.parent.parent / "models3d" / "linea" / "door.glb", made / "door.glb")   # an update
    shutil.copy(MESHES / "teapot.stl", made / "teapot.stl")                                      # unfit
    shutil.copy(MESHES / "points_ascii.ply", made / "points_ascii.ply")                          # refused
    cabinet_file(made, "cabinet.obj", 10.0, "Y")                                                 # ambiguous
    wine_rack(made)                                                                              # a new module
    (made / "notes.txt").write_text("not a mesh")
    return made


def test_check_folder_reports_every_mesh_file_with_its_verdict(folder, catalog):
    verdicts = {e.path.name: (e.verdict, e.target, e.publishable) for e in check_folder(catalog, folder)}
    assert verdicts == {"cabinet.obj": ("ambiguous", None, False), "door.glb": ("ready", "door", True),
                        "points_ascii.ply": ("REFUSED", None, False), "teapot.stl": ("UNFIT", None, False),
                        "wine_rack.glb": ("fit", None, False)}


def test_the_window_imports_a_folder_and_publishes_the_fit_update(qtbot, folder, catalog_copy):
    from app.domain.catalog.loader import load_catalog

    window = DesignerWindow(load_catalog(catalog_copy))
    window.confirm, window.tell = (lambda *_: True), (lambda *_a, **_k: None)
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "dirty", False))
    window.show()
    dialog = window.import_folder(folder)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 0).text(): (dialog.table.item(r, 1).text(), dialog.table.item(r, 2).text())
            for r in range(dialog.table.rowCount())}
    assert rows["door.glb"] == ("ready", "Update: door") and rows["teapot.stl"][0] == "UNFIT"
    assert rows["wine_rack.glb"] == ("fit", "A new module (open it to complete)")
    assert "1 can be published now" in dialog.summary.text() and dialog.publish_button.isEnabled()
    dialog.table.selectRow(list(rows).index("teapot.stl"))
    assert "64 open edges" in dialog.report.toPlainText()          # each file's own report
    published = []
    window.published.connect(published.append)
    assert dialog.publish_fit() == ["door"] and published == ["door"]
    door_row = list(rows).index("door.glb")
    assert dialog.table.item(door_row, 3).text() == "published (backups: 2)"
    assert list((catalog_copy / "modules").glob("door.toml.bak-*"))
    assert all(dialog.table.item(r, 3).text() == "" for r in range(dialog.table.rowCount()) if r != door_row)
    done = window.files_read
    dialog.table.selectRow(list(rows).index("wine_rack.glb"))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.files_read > done, timeout=60_000)
    assert window.session.inspected.mesh.path.name == "wine_rack.glb" and window.session.target is None
    window.dirty = False
    window.close()
