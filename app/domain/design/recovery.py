"""Crash recovery: a running session autosaves its design to a recovery file.

The window writes the recovery file every few seconds while there are unsaved
changes (atomically, like a normal save) and deletes it when the design is
saved or the window closes normally.  A recovery file still on disk at the next
start therefore belongs to a session that crashed or was killed, unless the
process that wrote it is still running (two windows open at once).

The folders the program writes into by itself (data, recovery, caches) are
named here too, and :func:`remove_leftovers_of_killed_writes` clears them of the
temporary files a killed write leaves (:mod:`app.domain.atomic_files`); the
app, the designer and the kiosk call it as they start, the kiosk on every reset.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

from app.domain import atomic_files
from app.domain.design.design import Design
from app.domain.design.files import design_to_dict

RECOVERY_GLOB = "recovery-*.modulor.json"


def data_dir() -> Path:
    """Modulor's per-user data folder (MODULOR_DATA_DIR overrides it, e.g. for tests or a kiosk)."""
    override = os.environ.get("MODULOR_DATA_DIR")
    return Path(override) if override else Path(user_data_dir("Modulor", appauthor=False))


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def cache_dir() -> Path:
    """Modulor's per-user cache folder (MODULOR_CACHE_DIR overrides it)."""
    override = os.environ.get("MODULOR_CACHE_DIR")
    return Path(override) if override else Path(user_cache_dir("Modulor", appauthor=False))


def thumbnail_dir() -> Path:
    """The library's pictures of module types."""
    return cache_dir() / "thumbnails"


def translations_dir() -> Path:
    """The kiosk's compiled translations (``.qm``)."""
    return cache_dir() / "i18n"


def written_folders() -> list[Path]:
    """Every folder the program writes into without being asked where (designs and exports go where
    the user says): the data folder (settings, contact key, recent files), recovery files, caches."""
    return [data_dir(), recovery_dir(), thumbnail_dir(), translations_dir()]


def remove_leftovers_of_killed_writes(extra: Iterable[Path] = ()) -> list[Path]:
    """Delete the temporary files of killed writes in :func:`written_folders` and ``extra``; returns them."""
    removed = []
    for folder in dict.fromkeys([*written_folders(), *map(Path, extra)]):
        removed += atomic_files.remove_leftovers(folder)
    return removed


@dataclass(frozen=True)
class Recovery:
    path: Path
    design_name: str
    source: Path | None
    saved_at: datetime
    pid: int


class RecoveryWriter:
    """The recovery file of this running session; ``secret``: mode 0600 (a kiosk's, a customer's design)."""

    def __init__(self, folder: Path | None = None, pid: int | None = None, secret: bool = False):
        self.folder = folder or recovery_dir()
        self.pid = pid or os.getpid()
        self.secret = secret
        self.path = self.folder / f"recovery-{self.pid}.modulor.json"

    def write(self, design: Design, source: Path | None) -> Path:
        data = design_to_dict(design)
        data["recovery"] = {"source": str(source) if source else None, "pid": self.pid,
                            "saved_at": datetime.now(UTC).isoformat(timespec="seconds")}
        atomic_files.write_text(self.path, json.dumps(data, indent=1, ensure_ascii=False), secret=self.secret)
        return self.path

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_recoveries(folder: Path | None = None) -> list[Recovery]:
    """Recovery files left by sessions that are no longer running, newest first."""
    folder = folder or recovery_dir()
    found = []
    for path in folder.glob(RECOVERY_GLOB) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            meta = data["recovery"]
            pid, saved_at, source = meta["pid"], datetime.fromisoformat(meta["saved_at"]), meta.get("source")
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            continue  # a damaged recovery file is not worth offering; leave it for inspection
        if not (isinstance(pid, int) and 0 < pid < 2**31) or not isinstance(source, (str, type(None))):
            continue  # the same: no process can have written that
        if _alive(pid):
            continue
        name = data.get("name")
        found.append(Recovery(path, name if isinstance(name, str) and name else "Untitled design",
                              Path(source) if source else None, saved_at, pid))
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
