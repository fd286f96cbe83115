"""Every file the domain writes goes through app.domain.atomic_files: whole, durable, one permission rule.

Per kind of file (design, recovery file, each export format, published mesh and
entry, catalog schemas, kiosk settings, contact key): a replaced file keeps its
mode, a new shared one gets ``0o666 & ~umask``, a secret is 0600 whatever it
replaces; the file and then its folder are fsync'ed.  The temporary file of a
write killed with SIGKILL is removed at the next start.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from app.domain import atomic_files
from app.domain.catalog.json_schema import write_schemas
from app.domain.catalog.loader import load_catalog
from app.domain.design.files import load_design, save_design
from app.domain.design.presets import design_from_preset
from app.domain.design.recovery import (
    RecoveryWriter,
    data_dir,
    recovery_dir,
    remove_leftovers_of_killed_writes,
    thumbnail_dir,
    translations_dir,
    written_folders,
)
from app.domain.mesh.publish import plan_publish, publish
from app.domain.production.bom import build_bom
from app.domain.production.exports import FORMATS, write_export
from app.domain.showroom.contact_vault import ContactVault
from app.domain.showroom.kiosk_settings import KioskSettings, load_settings, save_settings
from tests.conftest import ROOT


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


# ------------------------------------------------------------ the kinds of file

@dataclass
class Kind:
    name: str
    write: Callable[..., list[Path]] | None   # (folder, round, catalog, sideboard) -> the files written
    secret: bool = False


@pytest.fixture(scope="module")
def sideboard(catalog):
    design = design_from_preset(catalog, "sideboard")
    return design, build_bom(catalog, design)


def _export(fmt):
    def write(folder: Path, round_: int, catalog, sideboard) -> list[Path]:
        design, bom = sideboard
        return write_export(fmt, folder / f"order.{fmt}", catalog, design, bom, None)
    return write


def _design(folder, round_, catalog, _):
    return [save_design(design_from_preset(catalog, "sideboard" if round_ == 1 else "wardrobe"),
                        folder / "mine.modulor.json")]


def _recovery(secret):
    def write(folder, round_, catalog, _):
        return [RecoveryWriter(folder, pid=4242, secret=secret).write(design_from_preset(catalog, "wardrobe"), None)]
    return write


def _schemas(folder, round_, *_):
    return write_schemas(folder)


def _settings(folder, round_, *_):
    return [save_settings(KioskSettings(idle_timeout_s=60 + round_), folder / "kiosk.toml")]


def _publish(folder, round_, *_, module_id="base_cabinet"):
    """Publish the cabinet's mesh and entry into a catalog copied to ``folder``: as an update of
    ``base_cabinet`` (both files replaced), or as a module the catalog does not have (both new)."""
    root = folder / "catalogs" / "linea"
    if not root.exists():
        shutil.copytree(ROOT / "catalogs" / "linea", root)
        shutil.copytree(ROOT / "models3d", folder / "models3d")
    catalog = load_catalog(root)
    plan = plan_publish(catalog, module_id)
    glb = (ROOT / "models3d" / "linea" / "base_cabinet.glb").read_bytes()
    entry = (ROOT / "catalogs" / "linea" / "modules" / "base_cabinet.toml").read_text(encoding="utf-8")
    entry = entry.replace('id = "base_cabinet"', f'id = "{module_id}"').replace(
        'mesh = "linea/base_cabinet.glb"', f'mesh = "{plan.mesh_rel}"') + f"# published {round_}\n"
    if module_id != "base_cabinet":
        entry = entry.replace('name = "Base cabinet"', 'name = "Copied cabinet"')
    return publish(catalog, plan, glb, entry, overwrite=True, now=datetime(2024, 1, 1, 12, 0, round_)).written


def _new_module(folder, round_):
    return _publish(folder, round_, module_id="copied_cabinet")


SHARED = [Kind("design", _design), Kind("recovery", _recovery(False)), Kind("schemas", _schemas),
          *[Kind(f"export-{fmt}", _export(fmt)) for fmt in FORMATS], Kind("published", _publish)]
SECRETS = [Kind("kiosk-settings", _settings, secret=True), Kind("kiosk-recovery", _recovery(True), secret=True)]


def _run(kind: Kind, folder: Path, round_: int, catalog, sideboard) -> list[Path]:
    written = kind.write(folder, round_, catalog, sideboard)
    assert written and all(p.is_file() for p in written)
    return written


def _no_temporary_files(folder: Path) -> None:
    left = [p for p in folder.rglob("*") if atomic_files.is_leftover(p.name)]
    assert left == []


@pytest.mark.parametrize("kind", SHARED + SECRETS, ids=lambda k: k.name)
def test_a_new_file_gets_the_umask_mode_and_a_secret_0600(kind, catalog, sideboard, tmp_path, umask):
    umask(0o027)   # an unusual umask, so the mode cannot be a constant that happens to match
    written = _new_module(tmp_path, 1) if kind.name == "published" else _run(kind, tmp_path, 1, catalog, sideboard)
    for path in written:
        assert mode_of(path) == (0o600 if kind.secret else 0o640), path
    umask(0o022)
    other = tmp_path / "second"
    other.mkdir()
    written = _new_module(other, 1) if kind.name == "published" else _run(kind, other, 1, catalog, sideboard)
    for path in written:
        assert mode_of(path) == (0o600 if kind.secret else 0o644), path
    umask(0)   # not even a umask of 0 makes a secret readable by others
    if kind.secret:
        third = tmp_path / "third"
        third.mkdir()
        assert all(mode_of(p) == 0o600 for p in _run(kind, third, 1, catalog, sideboard))
    _no_temporary_files(tmp_path)


@pytest.mark.parametrize("kind", SHARED, ids=lambda k: k.name)
def test_a_replaced_file_keeps_its_mode(kind, catalog, sideboard, tmp_path, umask):
    first = _run(kind, tmp_path, 1, catalog, sideboard)
    before = {}
    for path in first:
        os.chmod(path, 0o640)
        before[path] = (path.read_bytes(), os.stat(path).st_ino)
    second = _run(kind, tmp_path, 2, catalog, sideboard)
    assert second == first
    for path in second:
        assert mode_of(path) == 0o640, path
        assert os.stat(path).st_ino != before[path][1], f"{path} was replaced, not written in place"
    if kind.name in ("design", "published"):
        assert any(p.read_bytes() != before[p][0] for p in second)
    if kind.name == "published":   # the backup of a replaced file is a copy of it: its mode too
        backup = tmp_path / "models3d" / "linea" / "base_cabinet.glb.bak-20240101-120002"
        assert mode_of(backup) == 0o640 and backup.read_bytes() == before[first[0]][0]
    _no_temporary_files(tmp_path)


@pytest.mark.parametrize("kind", SECRETS, ids=lambda k: k.name)
def test_a_secret_is_0600_even_when_it_replaces_a_wider_file(kind, catalog, sideboard, tmp_path, umask):
    first = _run(kind, tmp_path, 1, catalog, sideboard)
    for path in first:
        os.chmod(path, 0o644)
    seen_modes = []
    real_replace = os.replace

    def replace(src, dst):   # the temporary file is already 0600 before it takes the name
        seen_modes.append(mode_of(Path(src)))
        real_replace(src, dst)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", replace)
        second = _run(kind, tmp_path, 2, catalog, sideboard)
    assert seen_modes and set(seen_modes) == {0o600}
    assert all(mode_of(p) == 0o600 for p in second)
    _no_temporary_files(tmp_path)


def test_kiosk_settings_still_read_back(tmp_path):
    path = save_settings(KioskSettings(idle_timeout_s=61).with_pin("2468"), tmp_path / "kiosk.toml")
    assert load_settings(path).idle_timeout_s == 61 and load_settings(path).check_pin("2468")


def test_the_contact_key_is_a_secret_made_once_and_never_replaced(tmp_path, umask):
    umask(0)
    key = tmp_path / "data" / "contact.key"
    vault = ContactVault(key)
    token = vault.encrypt({"name": "Greta"})
    assert mode_of(key) == 0o600 and key.read_bytes().strip()
    made = key.read_bytes()
    # Another process making a key at the same moment finds this one and uses it (exclusive write).
    with pytest.raises(FileExistsError):
        atomic_files.write_bytes(key, b"another key", secret=True, exclusive=True)
    ContactVault(key)._write_new_key()
    assert key.read_bytes() == made and mode_of(key) == 0o600
    assert ContactVault(key).decrypt(token) == {"name": "Greta"}
    _no_temporary_files(tmp_path)


@pytest.mark.parametrize("kind", [*SHARED, *SECRETS, Kind("contact-key", None, secret=True)], ids=lambda k: k.name)
def test_the_file_and_then_its_folder_are_fsynced(kind, catalog, sideboard, tmp_path, monkeypatch):
    synced: list[tuple[str, int, int]] = []   # ("dir" | "file", st_dev, st_ino)
    real_fsync = os.fsync

    def fsync(fd):
        info = os.fstat(fd)
        synced.append(("dir" if stat.S_ISDIR(info.st_mode) else "file", info.st_dev, info.st_ino))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    if kind.name == "contact-key":
        ContactVault(tmp_path / "contact.key").encrypt({"name": "x"})
        written = [tmp_path / "contact.key"]
    else:
        written = _run(kind, tmp_path, 1, catalog, sideboard)
    for path in written:
        file_id = ("file", os.stat(path).st_dev, os.stat(path).st_ino)
        folder_id = ("dir", os.stat(path.parent).st_dev, os.stat(path.parent).st_ino)
        assert file_id in synced, f"{path}: its data was not fsynced"
        assert folder_id in synced[synced.index(file_id):], f"{path}: its folder was not fsynced after it"


# ------------------------------------------------------------------ the helper

def test_the_temporary_file_is_beside_the_target_with_the_helpers_name(tmp_path):
    seen = []
    atomic_files.write_text(tmp_path / "plan.json", "{}", _before_replace=seen.append)
    (tmp,) = seen
    assert tmp.parent == tmp_path and tmp.name.startswith(".plan.json.") and tmp.name.endswith(".saving")
    assert atomic_files.is_leftover(tmp.name) and not tmp.exists()
    assert (tmp_path / "plan.json").read_text() == "{}"


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")

    def fail(_tmp):
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        atomic_files.write_text(target, "new", _before_replace=fail)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["plan.json"]


def test_remove_leftovers_takes_only_the_helpers_and_the_old_writers_temporary_files(tmp_path):
    leftovers = [".plan.modulor.json.0a1b2c3d.saving",     # this helper (and the old design saves)
                 ".order.xlsx.k2_9xqzt.part",               # the old export writer (tempfile.mkstemp)
                 ".base_cabinet.glb.a8d_3kq1.tmp",          # the old mesh publisher
                 ".door.ab12cd34.png.tmp"]                  # the old thumbnail writer
    kept = ["plan.modulor.json", "notes.tmp", ".hidden", "plan.saving", ".x.toolong123.saving",
            "recovery-12.modulor.json", ".plan.json.0a1b2c3.saving"]
    for name in leftovers + kept:
        (tmp_path / name).write_text("x")
    (tmp_path / ".folder.0a1b2c3d.saving").mkdir()          # a folder is never one of our files
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".deep.0a1b2c3d.saving").write_text("x")   # not below the folder
    removed = atomic_files.remove_leftovers(tmp_path)
    assert sorted(p.name for p in removed) == sorted(leftovers)
    assert sorted(os.listdir(tmp_path)) == sorted([*kept, ".folder.0a1b2c3d.saving", "sub"])
    assert (tmp_path / "sub" / ".deep.0a1b2c3d.saving").exists()
    assert atomic_files.remove_leftovers(tmp_path / "missing") == []


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    """Two windows: one starting (cleaning up) while the other saves must not break that save."""
    target = tmp_path / "recent-files.json"
    during = []
    atomic_files.write_text(target, "[]", _before_replace=lambda tmp: during.append(
        (tmp.exists(), atomic_files.remove_leftovers(tmp_path), tmp.exists())))
    assert during == [(True, [], True)]
    assert target.read_text() == "[]"


def test_the_folders_the_program_writes_into(tmp_path, monkeypatch):
    monkeypatch.setenv("MODULOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MODULOR_CACHE_DIR", str(tmp_path / "cache"))
    assert written_folders() == [tmp_path / "data", tmp_path / "data" / "recovery",
                                 tmp_path / "cache" / "thumbnails", tmp_path / "cache" / "i18n"]


_KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from app.domain import atomic_files
def stall(tmp):
    print(tmp, flush=True)   # the new file is written and synced, not yet in place
    time.sleep(120)
atomic_files.write_text(Path(sys.argv[1]), "new", secret=sys.argv[2] == "secret", _before_replace=stall)
"""


@contextlib.contextmanager
def _killed_before_the_rename(script: str, *args):
    """Run ``script`` in a child process until it has written its temporary file (it prints the
    name and waits); yield that name, then kill the child with SIGKILL."""
    child = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                             env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE, text=True)
    try:
        yield Path(child.stdout.readline().strip())
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        child.stdout.close()


@pytest.mark.parametrize("where", ["data", "recovery", "thumbnails", "i18n"])
def test_a_write_killed_with_sigkill_leaves_a_leftover_that_the_next_start_removes(where, tmp_path):
    folder = {"data": data_dir, "recovery": recovery_dir, "thumbnails": thumbnail_dir,
              "i18n": translations_dir}[where]()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "some-file.json"
    target.write_text("old")
    with _killed_before_the_rename(_KILLED_WRITER, target, "secret") as tmp:
        assert tmp.parent == folder and tmp.is_file() and mode_of(tmp) == 0o600
        assert remove_leftovers_of_killed_writes() == []   # still being written: a live writer's file stays
    assert tmp.is_file() and target.read_text() == "old"   # the kill left the old file and the leftover
    assert remove_leftovers_of_killed_writes() == [tmp]
    assert not tmp.exists() and target.read_text() == "old"
    assert sorted(os.listdir(folder)) == ["some-file.json"]


def test_a_killed_design_save_leaves_the_design_and_no_leftover_after_the_cleanup(catalog, tmp_path):
    target = tmp_path / "mine.modulor.json"
    save_design(design_from_preset(catalog, "sideboard"), target)
    script = ("import sys, time\nfrom pathlib import Path\n"
              "from app.domain.catalog.loader import load_catalog\n"
              "from app.domain.design.files import save_design\n"
              "from app.domain.design.presets import design_from_preset\n"
              "catalog = load_catalog(Path('catalogs/linea'))\n"
              "def stall(tmp):\n    print(tmp, flush=True)\n    time.sleep(120)\n"
              "save_design(design_from_preset(catalog, 'wardrobe'), Path(sys.argv[1]), _before_replace=stall)\n")
    with _killed_before_the_rename(script, target) as tmp:
        pass
    assert tmp.is_file() and load_design(target, catalog).design.name == "Sideboard"
    assert remove_leftovers_of_killed_writes([tmp_path]) == [tmp]
    assert os.listdir(tmp_path) == ["mine.modulor.json"]
