"""Small designs and catalog edits shared by the rules tests."""

from __future__ import annotations

from pathlib import Path

from app.domain.catalog.loader import load_catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.rules import RulesEngine


def design(catalog, *modules: PlacedModule, room_height: float | None = None) -> Design:
    return Design(catalog.id, catalog.version, "Test", list(modules), room_height)


def cabinet(mid: str, type_id: str = "base_cabinet", x: float = 0.0, **params) -> PlacedModule:
    return PlacedModule(mid, type_id, params, "white", (x, 0.0, 0.0))


def insert(mid: str, type_id: str, host: str, z: float = 0.0, finish: str = "white", **params) -> PlacedModule:
    return PlacedModule(mid, type_id, params, finish, (0.0, 0.0, z), attach="in", to=host)


def codes(catalog, d: Design) -> set[tuple[str, tuple[str, ...]]]:
    return {(f.code, f.modules) for f in RulesEngine(catalog).check(d).findings}


def edited(catalog_dir: Path, file: str, old: str, new: str):
    """Load a copy of the sample catalog with one text replaced in one of its files."""
    path = catalog_dir / file
    text = path.read_text()
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1))
    loaded = load_catalog(catalog_dir)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded


def apply_fix(engine: RulesEngine, d: Design, fix) -> Design:
    trial = Design(d.catalog_id, d.catalog_version, d.name, d.snapshot(), d.room_height)
    fix.build(trial).apply(trial)
    return trial
