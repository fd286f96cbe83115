"""Design files: JSON with a format version and the catalog's id and version.

Saving is atomic (:mod:`app.domain.atomic_files`): the JSON goes to a temporary
file in the same folder, is flushed to disk, then replaces the target in one
rename, so a crash or power cut during a save leaves either the old file or the
new one, never half of one.  A replaced file keeps its mode; a new one gets the
umask's.

Loading refuses damaged, truncated, foreign or too-new files with a message that
names the file and changes nothing.  Files of an older format version are
migrated step by step.  Modules whose type the catalog no longer has are left
out (with whatever was attached to them) and reported; the rest loads.

Format history:
  1  draft format of the first prototype designs: flat x/y/z, rotation in degrees,
     'parent' plus 'mount' (floor | wall | stacked | inserted).
  2  current: position [x, y, z], rotation in quarter turns, attach + to.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design, PlacedModule
from app.domain.problems import Problem, display_path

FORMAT_NAME = "modulor-design"
FORMAT_VERSION = 2
MAX_DESIGN_BYTES = 20 * 1024 * 1024
FILE_SUFFIX = ".modulor.json"


class DesignFileError(ValueError):
    """The file cannot be loaded; nothing was changed."""


@dataclass
class LoadResult:
    design: Design
    problems: list[Problem] = field(default_factory=list)
    migrated_from: int | None = None


# ----------------------------------------------------------------------- saving

def design_to_dict(design: Design) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "catalog": {"id": design.catalog_id, "version": design.catalog_version},
        "name": design.name,
        "room_height": design.room_height,
        "modules": [m.to_dict() for m in design],
    }


def save_design(design: Design, path: Path | str, *, _before_replace: Callable[[Path], None] | None = None) -> Path:
    """Write ``design`` to ``path`` atomically.  ``_before_replace`` is a test hook."""
    path = Path(path)
    text = json.dumps(design_to_dict(design), indent=2, ensure_ascii=False) + "\n"
    return atomic_files.write_text(path, text, _before_replace=_before_replace)


# Kept for callers of the old name; every file goes through app.domain.atomic_files.
write_text_atomic = atomic_files.write_text


# ---------------------------------------------------------------------- loading

def read_design_file(path: Path | str) -> dict[str, Any]:
    """Read and migrate a design file to the current format's dict, or refuse it."""
    path = Path(path)
    name = display_path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DesignFileError(f"{name}: cannot be opened ({exc.strerror})") from None
    if size > MAX_DESIGN_BYTES:
        raise DesignFileError(f"{name}: {size / 1e6:.1f} MB is far larger than any design; refused")
    raw = path.read_bytes()
    if not raw.strip():
        raise DesignFileError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DesignFileError(f"{name}: not a Modulor design (not UTF-8 text)") from None
    try:
        data: object = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DesignFileError(f"{name}: damaged or truncated (JSON error at line {exc.lineno}, "
                              f"column {exc.colno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DesignFileError(f"{name}: not a Modulor design file (expected \"format\": \"{FORMAT_NAME}\")")
    version = data.get("format_version", data.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DesignFileError(f"{name}: field 'format_version': expected a whole number, found {version!r}")
    if version > FORMAT_VERSION:
        raise DesignFileError(f"{name}: written by a newer Modulor (format {version}); "
                              f"this version reads formats up to {FORMAT_VERSION}")
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data, name)
        version += 1
    data["_migrated_from"] = data.get("_migrated_from")
    return data


def _migrate_1_to_2(data: dict[str, Any], name: str) -> dict[str, Any]:
    mount_to_attach = {"floor": "floor", "wall": "wall", "stacked": "on", "inserted": "in"}
    modules = []
    for i, old in enumerate(_list(data.get("modules"), name, "modules")):
        if not isinstance(old, dict):
            raise DesignFileError(f"{name}: modules[{i}]: expected an object")
        try:
            rotation_deg = float(old.get("rotation_deg", 0))
            position = [float(old.get(k, 0)) for k in ("x", "y", "z")]
        except (TypeError, ValueError):
            raise DesignFileError(f"{name}: modules[{i}]: position or rotation is not a number") from None
        if rotation_deg % 90:
            raise DesignFileError(f"{name}: modules[{i}], field 'rotation_deg': {rotation_deg:g} is not a "
                                  "multiple of 90")
        mount = old.get("mount", "floor")
        if mount not in mount_to_attach:
            raise DesignFileError(f"{name}: modules[{i}], field 'mount': unknown value {mount!r}")
        module = {"id": old.get("id"), "type": old.get("type"), "params": old.get("params", {}),
                  "finish": old.get("finish", ""), "position": position,
                  "rotation": int(rotation_deg // 90) % 4, "attach": mount_to_attach[mount]}
        if old.get("parent") is not None:
            module["to"] = old["parent"]
        modules.append(module)
    return {"format": FORMAT_NAME, "format_version": 2,
            "catalog": {"id": data.get("catalog_id"), "version": data.get("catalog_version")},
            "name": data.get("name", "Untitled design"), "room_height": data.get("room_height"),
            "modules": modules, "_migrated_from": 1}


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _migrate_1_to_2}


def _list(value: Any, name: str, field_name: str) -> list[Any]:
    if not isinstance(value, list):
        raise DesignFileError(f"{name}: field '{field_name}': expected a list, found {type(value).__name__}")
    return value


def load_design(path: Path | str, catalog: Catalog) -> LoadResult:
    """Load a design for ``catalog``.  Raises :class:`DesignFileError` and changes nothing on refusal."""
    path = Path(path)
    name = display_path(path)
    data = read_design_file(path)
    migrated_from = data.pop("_migrated_from", None)
    cat = data.get("catalog")
    if not isinstance(cat, dict) or not isinstance(cat.get("id"), str):
        raise DesignFileError(f"{name}: field 'catalog': expected {{\"id\": ..., \"version\": ...}}")
    if cat["id"] != catalog.id:
        raise DesignFileError(f"{name}: made for catalog '{cat['id']}', but the loaded catalog is '{catalog.id}'")
    problems: list[Problem] = []
    if cat.get("version") != catalog.version:
        problems.append(Problem(name, "", "catalog.version", f"made with catalog version {cat.get('version')}, "
                                f"now {catalog.version}: check sizes and prices", "warning"))
    room_height = data.get("room_height")
    if room_height is not None and (not isinstance(room_height, (int, float)) or room_height <= 0):
        raise DesignFileError(f"{name}: field 'room_height': expected a positive number, found {room_height!r}")
    modules = [_parse_module(raw, i, name) for i, raw in enumerate(_list(data.get("modules"), name, "modules"))]
    ids = [m.id for m in modules]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DesignFileError(f"{name}: module id(s) {duplicates} appear more than once")
    kept = _keep_loadable(modules, catalog, name, problems)
    design = Design(catalog.id, catalog.version, str(data.get("name") or "Untitled design"), kept,
                    float(room_height) if room_height is not None else None)
    return LoadResult(design, problems, migrated_from)


def _parse_module(raw: Any, index: int, name: str) -> PlacedModule:
    where = f"{name}: modules[{index}]"
    if not isinstance(raw, dict):
        raise DesignFileError(f"{where}: expected an object")
    unknown = set(raw) - {"id", "type", "params", "finish", "position", "rotation", "attach", "to"}
    if unknown:
        raise DesignFileError(f"{where}: unknown field(s) {sorted(unknown)}")
    for key in ("id", "type"):
        if not isinstance(raw.get(key), str) or not raw.get(key):
            raise DesignFileError(f"{where}, field '{key}': expected text, found {raw.get(key)!r}")
    params = raw.get("params", {})
    if not isinstance(params, dict) or not all(
            isinstance(v, (int, float, str)) and not isinstance(v, bool) for v in params.values()):
        raise DesignFileError(f"{where} ('{raw['id']}'), field 'params': expected names with numbers or text")
    position = raw.get("position", [0, 0, 0])
    if not (isinstance(position, list) and len(position) == 3 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)):
        raise DesignFileError(f"{where} ('{raw['id']}'), field 'position': expected [x, y, z] in mm")
    try:
        return PlacedModule(id=raw["id"], type_id=raw["type"], params=params, finish=str(raw.get("finish", "")),
                            position=tuple(position), rotation=raw.get("rotation", 0),
                            attach=raw.get("attach", "floor"), to=raw.get("to"))
    except (ValueError, TypeError) as exc:
        raise DesignFileError(f"{where}: {exc}") from None


def _keep_loadable(modules: list[PlacedModule], catalog: Catalog, name: str,
                   problems: list[Problem]) -> list[PlacedModule]:
    """Leave out modules of unknown types (and what hangs on them); fix unknown finishes."""
    kept: list[PlacedModule] = []
    kept_ids: set[str] = set()
    for module in modules:
        entry = f"module '{module.id}'"
        if module.attach not in ("floor", "wall", "on", "in"):
            problems.append(Problem(name, entry, "attach", f"unknown attachment {module.attach!r}; left out"))
            continue
        mtype = catalog.modules.get(module.type_id)
        if mtype is None:
            problems.append(Problem(name, entry, "type", f"module type '{module.type_id}' no longer exists in "
                                    f"catalog '{catalog.id}'; left out"))
            continue
        if module.to is not None and module.to not in kept_ids:
            problems.append(Problem(name, entry, "to", f"it is attached to '{module.to}', which was left out "
                                    "or does not exist; left out"))
            continue
        params = {}
        for key, value in module.params.items():
            if key in mtype.params:
                params[key] = value
            else:
                problems.append(Problem(name, entry, f"params.{key}", f"'{module.type_id}' has no parameter "
                                        f"'{key}'; ignored", "warning"))
        finish = module.finish
        if finish not in mtype.finishes:
            problems.append(Problem(name, entry, "finish", f"finish {finish!r} is not offered for "
                                    f"'{module.type_id}'; using '{mtype.default_finish}'", "warning"))
            finish = mtype.default_finish
        kept.append(PlacedModule(module.id, module.type_id, params, finish, module.position, module.rotation,
                                 module.attach, module.to))
        kept_ids.add(module.id)
    return kept
