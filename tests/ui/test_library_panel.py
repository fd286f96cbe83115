"""The module library on the real Linea catalog: groups, search, placing, dragging, and the pictures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.domain.catalog.loader import load_catalog
from app.ui.configurator import library_panel
from app.ui.configurator.library_panel import MODULE_MIME, LibraryPanel, matches
from app.ui.view import thumbnails as thumbnails_module
from app.ui.view.scene_geometry import finish_color
from app.ui.view.thumbnails import ThumbnailCache, default_cache_dir

pytestmark = pytest.mark.gui

GROUPS = {
    "Carcasses": {"base_cabinet", "tall_cabinet", "wall_cabinet"},
    "Open shelves": {"open_shelf"},
    "Fronts": {"door", "double_door", "drawer"},
    "Inserts": {"shelf", "ply_shelf", "hanging_rail"},
    "Bases": {"plinth", "legs"},
    "Tops": {"top_panel"},
}


@pytest.fixture
def linea(catalog):
    return catalog   # the shared sample catalog (tests/conftest.py)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("MODULOR_CACHE_DIR", str(tmp_path))
    return tmp_path / "thumbnails"


@pytest.fixture
def caches(linea, cache_dir):
    """Make ThumbnailCaches on the test's folder; every one is closed at teardown."""
    made: list[ThumbnailCache] = []

    def _make(**kwargs) -> ThumbnailCache:
        cache = ThumbnailCache(linea, **kwargs)
        made.append(cache)
        return cache

    yield _make
    for cache in made:
        cache.close()


@pytest.fixture
def panel(qtbot, linea, caches):
    panel = LibraryPanel(linea, caches())
    qtbot.addWidget(panel)
    panel.resize(320, 700)
    return panel


def png_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.png"))


def pixels(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), path
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return data.reshape(height, image.bytesPerLine())[:, :width * 3].reshape(height, width, 3).astype(int)


# ---------------------------------------------------------------------- the list
def test_every_module_type_is_listed_under_its_group(panel, linea):
    titles = [group.text(0) for group in panel.groups.values()]
    assert titles == list(GROUPS)
    for group in panel.groups.values():
        listed = {group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(group.childCount())}
        assert listed == GROUPS[group.text(0)]
    assert sorted(panel.visible_type_ids()) == sorted(linea.modules)
    assert len(panel.visible_type_ids()) == 13
    shelf = panel.item_for("shelf")
    assert shelf.text(0) == "Shelf"
    assert shelf.toolTip(0) == linea.modules["shelf"].description
    panel.show()
    assert panel.tree.visualItemRect(shelf).height() >= 48            # touch-friendly rows
    assert panel.tree.visualItemRect(panel.groups["insert"]).height() >= 48
    assert 64 <= panel.tree.iconSize().width() <= 96
    assert panel.search.placeholderText() == "Search modules"


def test_search_filters_by_name_and_description(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.keyClicks(panel.search, "door")
    assert panel.visible_type_ids() == ["door", "double_door"]
    assert [g.text(0) for g in panel.groups.values() if not g.isHidden()] == ["Fronts"]

    panel.search.setText("zzz")
    assert panel.visible_type_ids() == []
    assert all(group.isHidden() for group in panel.groups.values())

    panel.search.clear()
    assert len(panel.visible_type_ids()) == 13
    assert not any(group.isHidden() for group in panel.groups.values())

    panel.set_filter("WARDROBE")  # case-insensitive, and found in descriptions
    assert set(panel.visible_type_ids()) == {"hanging_rail"}
    panel.set_filter("birch shelf")  # every word must match
    assert set(panel.visible_type_ids()) == {"ply_shelf", "open_shelf"}


def test_matching_rules():
    assert matches("sh", "Shelf", "")                          # names match while typing
    assert matches("", "Shelf", "")
    assert not matches("door", "Base cabinet", "Carcass for doors and shelves.")
    assert matches("doors", "Base cabinet", "Carcass for doors and shelves.")
    assert matches("soft-close", "Drawer", "Full-extension soft-close drawer")


def test_double_click_asks_to_place_the_module(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    item = panel.item_for("shelf")
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    requested: list[str] = []
    panel.place_requested.connect(requested.append)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click starts so
    assert requested == [] and panel.tree.currentItem() is item  # one click only selects
    with qtbot.waitSignal(panel.place_requested, timeout=2000) as blocker:
        qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["shelf"]


def test_enter_on_a_module_asks_to_place_it_and_headings_do_nothing(panel, qtbot):
    panel.show()
    qtbot.waitExposed(panel)
    requested: list[str] = []
    panel.place_requested.connect(requested.append)
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.item_for("door"))
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    panel.tree.setCurrentItem(panel.groups["front"])
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert requested == ["door"]

    # Enter in the search field goes to the first match; Enter again places it.
    qtbot.keyClicks(panel.search, "hanging")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.tree.currentItem() is panel.item_for("hanging_rail")
    qtbot.keyClick(panel.tree, Qt.Key.Key_Return)
    assert requested == ["door", "hanging_rail"]


def test_drag_data_carries_the_module_type_id(panel):
    assert panel.tree.mimeTypes() == [MODULE_MIME]
    data = panel.tree.mimeData([panel.item_for("shelf")])
    assert data.hasFormat(MODULE_MIME)
    assert bytes(data.data(MODULE_MIME)) == b"shelf"
    assert panel.tree.mimeData([panel.groups["insert"]]) is None  # a heading carries nothing
    assert panel.item_for("shelf").flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert not panel.groups["insert"].flags() & Qt.ItemFlag.ItemIsDragEnabled


def test_dragging_a_module_starts_a_copy_drag_with_its_picture(panel, qtbot, monkeypatch):
    started = []

    def fake_exec(drag, *actions):
        started.append((bytes(drag.mimeData().data(MODULE_MIME)), actions, drag.pixmap().isNull()))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(library_panel.QDrag, "exec", fake_exec)
    panel.tree.setCurrentItem(panel.item_for("door"))
    panel.tree.startDrag(Qt.DropAction.CopyAction | Qt.DropAction.MoveAction)
    assert started == [(b"door", (Qt.DropAction.CopyAction,), False)]


def test_pictures_are_filled_in_after_the_panel_shows(qtbot, linea, caches, cache_dir):
    cache = caches()
    panel = LibraryPanel(linea, cache)
    qtbot.addWidget(panel)
    assert panel.icons_pending == 13 and cache.rendered_count == 0  # nothing rendered before showing
    with qtbot.waitSignal(panel.thumbnails_loaded, timeout=30000):
        panel.show()
    assert panel.icons_pending == 0 and not panel.failed
    assert cache.rendered_count == 13
    assert len(png_files(cache_dir)) == 13
    icon = panel.item_for("door").icon(0)
    assert not icon.isNull() and not icon.pixmap(72).isNull()


# ------------------------------------------------------------------- thumbnails
def test_cache_folder_follows_the_environment(cache_dir, linea):
    assert default_cache_dir() == cache_dir
    assert ThumbnailCache(linea).folder == cache_dir


def test_thumbnails_are_rendered_once_and_show_the_module(linea, caches, cache_dir):
    cache = caches()
    progress: list[tuple[int, int, str]] = []
    paths = cache.render_all(lambda *args: progress.append(args))
    assert progress[-1][:2] == (13, 13)
    assert sorted(paths) == sorted(linea.modules)
    files = png_files(cache_dir)
    assert len(files) == 13 and set(files) == set(paths.values())
    assert cache.rendered_count == 13

    for type_id, path in paths.items():
        image = QImage(str(path))
        assert (image.width(), image.height()) == (128, 128), type_id
        rgb = pixels(path)
        assert len(np.unique(rgb.reshape(-1, 3), axis=0)) > 20, f"{type_id}: blank picture"
        # The module's finish colour is in the picture (lit faces are a little lighter or darker).
        colour = finish_color(linea, linea.modules[type_id].default_finish)
        want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
        near = np.abs(rgb - want).max(axis=2) <= 24
        assert near.sum() >= 12, f"{type_id}: finish {colour} not found ({near.sum()} pixels)"
        # The module fills the frame: it differs from the background across most of the width or height.
        background = rgb[0, 0]
        drawn = np.abs(rgb - background).max(axis=2) > 30
        cols, rows = np.flatnonzero(drawn.any(axis=0)), np.flatnonzero(drawn.any(axis=1))
        extent = max(cols[-1] - cols[0], rows[-1] - rows[0]) + 1
        assert extent >= 100, f"{type_id}: only {extent} px of 128"
        assert abs((cols[0] + cols[-1]) / 2 - 63.5) < 12 and abs((rows[0] + rows[-1]) / 2 - 63.5) < 12, type_id

    again = caches()
    assert again.render_all() == paths
    assert again.rendered_count == 0
    assert again.icon_path("door") == paths["door"]
    assert again.rendered_count == 0


def test_a_new_render_version_makes_new_pictures(linea, caches, cache_dir, monkeypatch):
    cache = caches()
    old = cache.icon_path("door")
    monkeypatch.setattr(thumbnails_module, "RENDER_VERSION", thumbnails_module.RENDER_VERSION + 1)
    newer = caches()
    assert newer.cache_key("door") != cache.cache_key("door")
    new = newer.icon_path("door")
    assert new != old and new.is_file() and newer.rendered_count == 1
    assert not old.exists()  # the outdated picture is cleared away
    assert png_files(cache_dir) == [new]


def test_the_key_follows_mesh_bytes_and_finish(linea, caches, catalog_copy):
    key = caches().cache_key("door")
    assert caches().cache_key("door") == key                        # stable
    assert caches(size=96).cache_key("door") != key                 # another picture size
    # A copy of the catalog with the door mesh re-saved differently (same shape, other bytes).
    mesh = catalog_copy.parent.parent / "models3d" / "linea" / "door.glb"
    mesh.write_bytes(mesh.read_bytes() + b"    ")                    # GLB allows trailing padding
    copy = load_catalog(catalog_copy)
    assert ThumbnailCache(copy).cache_key("door") != key
    assert ThumbnailCache(copy).cache_key("shelf") == caches().cache_key("shelf")


def test_close_releases_the_plotter_and_a_later_render_reopens_it(linea, caches):
    cache = caches()
    cache.icon_path("shelf")
    assert cache._plotter is not None
    cache.close()
    cache.close()
    assert cache._plotter is None
    for path in cache.folder.glob("*.png"):
        path.unlink()
    cache._keys.clear()
    assert cache.icon_path("legs").is_file()
    assert cache.rendered_count == 2


def test_rendering_pictures_leaves_the_live_3d_view_alone(open_window, linea, caches, qtbot):
    window = open_window(linea)

    def live_image() -> np.ndarray:
        window.select("module:door")
        window.select("preset:bookcase")  # the live view draws again, framed as at the start
        qtbot.wait(50)
        window.plotter.render()
        return np.asarray(window.plotter.screenshot(return_img=True)).astype(int)

    before = live_image()
    caches().render_all()
    after = live_image()
    assert before.shape == after.shape
    assert len(np.unique(after.reshape(-1, 3), axis=0)) > 50  # the bookcase, not a blank view
    assert np.abs(before - after).max(axis=2).mean() < 1.0
