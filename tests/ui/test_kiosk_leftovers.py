"""The kiosk's disk after a killed write: leftovers go when the kiosk starts and at every reset;
its settings are a secret (0600) however they were before."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain import atomic_files
from app.domain.design.recovery import data_dir, recovery_dir
from app.domain.showroom.kiosk_settings import load_settings
from tests.ui.kiosk_helpers import PIN, open_kiosk

pytestmark = pytest.mark.gui


def _leftovers(*folders: Path) -> list[Path]:
    """What a kill in the middle of a write leaves: the helper's temporary file (a settings save,
    a contact key, a recovery file) and an older writer's, in each folder."""
    made = []
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for target in ("kiosk.toml", "contact.key", "recovery-77.modulor.json"):
            made.append(atomic_files.temp_path_for(folder / target))
        made.append(folder / ".contact.key.k2_9xqzt.tmp")
        for path in made[-4:]:
            path.write_bytes(b"half of a customer's file")
    return made


def test_leftovers_go_when_the_kiosk_starts_and_at_every_reset(qtbot, catalog, tmp_path):
    (tmp_path / "notes.txt").write_text("the shop's own file")
    at_start = _leftovers(data_dir(), recovery_dir(), tmp_path)   # tmp_path: where this kiosk's settings live
    window = open_kiosk(qtbot, catalog, tmp_path)
    assert not [p for p in at_start if p.exists()]

    window.start(next(iter(catalog.presets)))   # a customer's visit; a write is killed meanwhile
    later = _leftovers(data_dir(), recovery_dir(), tmp_path)
    assert all(p.exists() for p in later)
    window.reset()   # the idle countdown, "Start over", "Done": the session's wipe and the disk's
    assert window.session.document is None
    assert not [p for p in later if p.exists()]
    assert (tmp_path / "notes.txt").read_text() == "the shop's own file"
    assert not [p for folder in (data_dir(), recovery_dir(), tmp_path) for p in folder.iterdir()
                if atomic_files.is_leftover(p.name)]


def test_settings_saved_on_the_kiosk_are_0600_even_over_a_wider_file(qtbot, catalog, tmp_path, umask):
    window = open_kiosk(qtbot, catalog, tmp_path)
    settings_file = tmp_path / "kiosk.toml"
    settings_file.write_text("idle_timeout_s = 90\n")
    os.chmod(settings_file, 0o644)
    umask(0)
    window.save_settings(replace(window.settings, idle_timeout_s=120))
    assert stat.S_IMODE(os.stat(settings_file).st_mode) == 0o600
    saved = load_settings(settings_file)
    assert saved.idle_timeout_s == 120 and saved.check_pin(PIN)
