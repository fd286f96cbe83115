"""The windows' own files (thumbnails, recent files) follow app.domain.atomic_files' rule, and the
app and the designer remove the temporary files of killed writes when they start."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.domain import atomic_files
from app.domain.design.recovery import data_dir, recovery_dir, thumbnail_dir, translations_dir
from app.ui.configurator import recent_files
from app.ui.view.thumbnails import ThumbnailCache

pytestmark = pytest.mark.gui


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def thumbnails(catalog):
    cache = ThumbnailCache(catalog)
    yield cache
    cache.close()


def test_a_new_thumbnail_gets_the_umask_mode_and_a_replaced_one_keeps_its_mode(thumbnails, umask, monkeypatch):
    synced_folders = []
    real_fsync = os.fsync

    def fsync(fd):
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            synced_folders.append((info.st_dev, info.st_ino))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    umask(0o027)
    path = thumbnails.icon_path("door")
    assert path.parent == thumbnail_dir() and path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert mode_of(path) == 0o640
    folder = os.stat(thumbnail_dir())
    assert (folder.st_dev, folder.st_ino) in synced_folders
    umask(0o022)
    os.chmod(path, 0o604)
    inode = os.stat(path).st_ino
    thumbnails._render_to("door", path)   # rendered again over the old picture
    assert mode_of(path) == 0o604 and os.stat(path).st_ino != inode
    assert thumbnails.icon_path("drawer").stat().st_mode & 0o777 == 0o644
    assert not [p for p in thumbnail_dir().iterdir() if atomic_files.is_leftover(p.name)]


def test_the_recent_files_list_gets_the_umask_mode_and_keeps_a_changed_one(tmp_path, umask):
    design = tmp_path / "a.modulor.json"
    design.write_text("{}")
    recent_files.remember(design)
    store = data_dir() / "recent-files.json"
    assert mode_of(store) == 0o644
    os.chmod(store, 0o600)
    recent_files.remember(design)
    assert mode_of(store) == 0o600 and recent_files.recent_files() == [design.resolve()]


def _leave_leftovers() -> tuple[list[Path], list[Path]]:
    """Temporary files of killed writes (this helper's names and the older writers') and files to keep."""
    leftovers, kept = [], []
    for folder in (data_dir(), recovery_dir(), thumbnail_dir(), translations_dir()):
        folder.mkdir(parents=True, exist_ok=True)
        for name in (atomic_files.temp_path_for(folder / "recent-files.json").name, ".door.k2_9xqzt.png.tmp"):
            (folder / name).write_bytes(b"half a file")
            leftovers.append(folder / name)
        (folder / "keep.json").write_text("{}")
        kept.append(folder / "keep.json")
    return leftovers, kept


def _run_app(folder: Path) -> int:
    from app.ui.app_main import run_app
    return run_app(folder, [])


def _run_designer(folder: Path) -> int:
    from app.ui.designer.main import run_designer
    return run_designer(folder, argv=[])


@pytest.mark.parametrize("run", [_run_app, _run_designer], ids=["app", "designer"])
def test_leftovers_of_killed_writes_are_removed_when_the_program_starts(run, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    leftovers, kept = _leave_leftovers()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    (tmp_path / "catalog.toml").write_text("id = 'Bad Id'\n")   # it ends at once, after starting up
    assert run(tmp_path) == 1
    assert not any(p.exists() for p in leftovers) and all(p.exists() for p in kept)
