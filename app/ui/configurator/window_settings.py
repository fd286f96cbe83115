"""What the configurator remembers between sessions: window geometry, dock sizes, the last folder.

Kept as a small JSON file in Modulor's data folder, written through
:mod:`app.domain.atomic_files` like every file the program writes (one write and
permission rule; QSettings would write its own file its own way), and found
through ``MODULOR_DATA_DIR`` so tests and the kiosk never touch the user's own.
The geometry and dock layout are Qt's own ``saveGeometry``/``saveState`` bytes
(a maximised window comes back maximised, each dock at its size), base64-coded.
Anything unreadable in the file is ignored: the window then opens as it would
the first time.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from app.domain import atomic_files
from app.domain.design.recovery import data_dir

MAX_BYTES = 64 * 1024   # a settings file is a few hundred bytes; anything bigger is not ours
STATE_VERSION = 1       # saveState's version: docks added or renamed bump it, old layouts are then ignored


def _store() -> Path:
    return data_dir() / "configurator-window.json"


def load() -> dict[str, str]:
    """The remembered values (text only); empty when there are none or the file is damaged."""
    try:
        path = _store()
        if path.stat().st_size > MAX_BYTES:
            return {}
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


def _save(values: dict[str, str]) -> None:
    with contextlib.suppress(OSError):   # a read-only data folder must not stop the window from closing
        atomic_files.write_text(_store(), json.dumps(values, indent=1))


def remember(**values: str) -> None:
    _save({**load(), **values})


def _bytes(text: str | None) -> QByteArray | None:
    if not text:
        return None
    try:
        return QByteArray(base64.b64decode(text.encode("ascii"), validate=True))
    except (ValueError, binascii.Error):
        return None


def restore_window(window: QMainWindow) -> bool:
    """Put the window back as it was closed; False when nothing (usable) was remembered."""
    values = load()
    geometry, state = _bytes(values.get("geometry")), _bytes(values.get("state"))
    restored = geometry is not None and window.restoreGeometry(geometry)
    if state is not None:
        window.restoreState(state, STATE_VERSION)
    return bool(restored)


def save_window(window: QMainWindow) -> None:
    remember(geometry=base64.b64encode(bytes(window.saveGeometry().data())).decode("ascii"),
             state=base64.b64encode(bytes(window.saveState(STATE_VERSION).data())).decode("ascii"))


def last_folder() -> Path:
    """The folder of the last file opened, saved or exported (the home folder the first time)."""
    folder = load().get("last_folder")
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


def remember_folder(path: Path) -> None:
    folder = path if path.is_dir() else path.parent
    remember(last_folder=str(folder))
