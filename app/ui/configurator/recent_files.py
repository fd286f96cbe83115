"""The recent-files list, kept as a small JSON file in Modulor's data folder.

Not in QSettings: the kiosk wipes the data folder between customers, and tests
point MODULOR_DATA_DIR at a temporary folder instead of the user's settings.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.domain import atomic_files
from app.domain.design.recovery import data_dir

MAX_RECENT = 8


def _store() -> Path:
    return data_dir() / "recent-files.json"


def recent_files() -> list[Path]:
    """Recent design files that still exist, newest first."""
    try:
        entries = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(entries, list):
        return []
    return [Path(e) for e in entries if isinstance(e, str) and Path(e).is_file()][:MAX_RECENT]


def remember(path: Path) -> None:
    path = Path(path).resolve()
    entries = [p for p in recent_files() if p.resolve() != path]
    entries.insert(0, path)
    atomic_files.write_text(_store(), json.dumps([str(p) for p in entries[:MAX_RECENT]], indent=1))
