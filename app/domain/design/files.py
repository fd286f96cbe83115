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

Nothing in a file is trusted (issue 17): its size, its nesting depth, the number
of modules and every field's type and meaning are checked, each number finite
and within the bounds below, in time linear in the file; a wrong one is a
:class:`DesignFileError` naming the file, the module and the field, never
another exception.  Parameter values are then held against the catalog's
solution space: one outside it is an error problem (``design check`` and
``bom`` stop on it; the window opens the design and its rules offer the nearest
allowed value).

Format history:
  1  draft format of the first prototype designs: flat x/y/z, rotation in degrees,
     'parent' plus 'mount' (floor | wall | stacked | inserted).
  2  current: position [x, y, z], rotation in quarter turns, attach + to.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from app.domain import atomic_files
from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Parameter, on_step
from app.domain.design.design import AttachKind, Design, PlacedModule, Value
from app.domain.design.solution_space import numeric_limits, snap
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
        # Only when given: files without a door read exactly as before.
        **({"door_opening": list(design.door_opening)} if design.door_opening is not None else {}),
        "modules": [m.to_dict() for m in design],
    }


def save_design(design: Design, path: Path | str, *, _before_replace: Callable[[Path], None] | None = None) -> Path:
    """Write ``design`` to ``path`` atomically.  ``_before_replace`` is a test hook."""
    path = Path(path)
    text = json.dumps(design_to_dict(design), indent=2, ensure_ascii=False) + "\n"
    return atomic_files.write_text(path, text, _before_replace=_before_replace)


# Kept for callers of the old name; every file goes through app.domain.atomic_files.
write_text_atomic = atomic_files.write_text


# ---------------------------------------------------------------------- limits
# What a design file may hold (docs/design-files.md, "Limits"), checked when it is read, so a design
# that loads holds only values the layout, the rules and the bill of materials can work with.
MAX_MODULES = 10_000             # a real design has tens to hundreds; why 10,000: docs/design-files.md
MAX_NESTING_DEPTH = 20           # brackets inside brackets; a design file needs 4
MAX_TEXT_CHARS = 200             # a name, an id, a type, a finish, a parameter's name or text value
MAX_PARAMS = 100                 # parameters of one module
POSITION_LIMIT_MM = 100_000.0    # every coordinate within +-100 m
PARAM_LIMIT = 1_000_000.0        # any parameter value, before the catalog's own range is applied
ROOM_HEIGHT_MM = (1_000.0, 10_000.0)
DOOR_OPENING_MM = (300.0, 10_000.0)   # a door's clear width or height
MODULE_FIELDS = frozenset({"id", "type", "params", "finish", "position", "rotation", "attach", "to"})


def _shown(value: object, limit: int = 60) -> str:
    """``repr(value)`` cut to a readable length (a 10 MB value makes no error line of 10 MB)."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _safe(text: str) -> str:
    """File-supplied text (an id, a name) for a message: controls escaped as repr does, cut to 60 characters,
    so a message stays one line whatever the file holds."""
    shown = repr(text)[1:-1]
    return shown if len(shown) <= 60 else f"{shown[:60]}..."


def _found(value: object) -> str:
    """What a file holds where something else was expected, as JSON calls it: ``true``, ``text 'wide'``."""
    if value is None or isinstance(value, bool):
        return "null" if value is None else str(value).lower()
    kind = "text " if isinstance(value, str) else "a list " if isinstance(value, list) else \
        "an object " if isinstance(value, dict) else ""
    return kind + _shown(value)


def _at(where: str, field_name: str) -> str:
    """``file: field 'name'`` for the design's own fields (``where`` is ``file:``), ``file: modules[3] ('c1'),
    field 'to'`` for a module's."""
    return f"{where} field '{field_name}'" if where.endswith(":") else f"{where}, field '{field_name}'"


def _text(value: object, where: str, field_name: str) -> str:
    """``value`` as text of 1..MAX_TEXT_CHARS characters."""
    if not isinstance(value, str) or not value:
        raise DesignFileError(f"{_at(where, field_name)}: expected text, found {_found(value)}")
    _bounded(value, where, field_name)
    return value


def _bounded(value: str, where: str, field_name: str) -> None:
    """Text of at most MAX_TEXT_CHARS characters that can be saved again (no lone surrogate from a
    ``\\ud800`` escape: it could be read but never written)."""
    if len(value) > MAX_TEXT_CHARS:
        raise DesignFileError(f"{_at(where, field_name)}: {len(value):,} characters; at most "
                              f"{MAX_TEXT_CHARS} are allowed")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise DesignFileError(f"{_at(where, field_name)}: {_shown(value)} is not valid Unicode text "
                              "(a lone surrogate)") from None


def _number(value: object, where: str, field_name: str, lo: float, hi: float, what: str = "a number",
            unit: str = "") -> float:
    """``value`` as a finite float within ``lo``..``hi``; wrong types and absurd sizes are named, never raised."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DesignFileError(f"{_at(where, field_name)}: expected {what}, found {_found(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise DesignFileError(f"{_at(where, field_name)}: {value} is not a finite number")
    if not lo <= value <= hi:   # compares Python ints of any size exactly, without float()
        raise DesignFileError(f"{_at(where, field_name)}: {_shown(value, 30)} is outside "
                              f"{lo:g} .. {hi:g}{unit}")
    return float(value)


# ---------------------------------------------------------------------- loading

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_INNERMOST = re.compile(r"\[\]|\{\}")


def _deeper_than(text: str, limit: int) -> bool:
    """True when the (valid) JSON ``text`` nests brackets more than ``limit`` deep.

    Linear and at C speed: strings are cut out, only brackets kept, and the
    innermost pairs removed once per level, at most ``limit`` times.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    for _ in range(limit):
        if not brackets:
            return False
        brackets = _INNERMOST.sub("", brackets)
    return bool(brackets)


def _too_deep(name: str) -> DesignFileError:
    return DesignFileError(f"{name}: brackets nested more than {MAX_NESTING_DEPTH} levels deep; not a design "
                           "(refused)")


def _loads(text: str, name: str) -> object:
    """``text`` as JSON, or :class:`DesignFileError` naming ``name``: damaged, nested absurdly deep (the
    parser's recursion limit, about 1,000 levels), or a number no JSON reader accepts."""
    try:
        return json.loads(text)
    except RecursionError:
        raise _too_deep(name) from None
    except json.JSONDecodeError as exc:
        raise DesignFileError(f"{name}: damaged or truncated (JSON error at line {exc.lineno}, "
                              f"column {exc.colno}: {exc.msg})") from None
    except ValueError as exc:   # e.g. an integer of more than 4,300 digits
        raise DesignFileError(f"{name}: damaged ({str(exc)[:120]})") from None


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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DesignFileError(f"{name}: cannot be read ({exc.strerror})") from None
    if not raw.strip():
        raise DesignFileError(f"{name}: the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DesignFileError(f"{name}: not a Modulor design (not UTF-8 text)") from None
    return parse_design_text(text, name)


def parse_design_text(text: str, name: str) -> dict[str, Any]:
    """A design file's text as the current format's dict (migrated), or :class:`DesignFileError` naming ``name``.

    The dict has one extra key, ``_migrated_from`` (None or the old format version).
    """
    if len(text) > MAX_DESIGN_BYTES:
        raise DesignFileError(f"{name}: {len(text) / 1e6:.1f} million characters is far larger than any design; "
                              "refused")
    data = _loads(text, name)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DesignFileError(f"{name}: not a Modulor design file (expected \"format\": \"{FORMAT_NAME}\")")
    version = data.get("format_version", data.get("version"))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DesignFileError(f"{name}: field 'format_version': expected a whole number, found {_shown(version)}")
    if version > FORMAT_VERSION:
        raise DesignFileError(f"{name}: written by a newer Modulor (format {_shown(version, 30)}); "
                              f"this version reads formats up to {FORMAT_VERSION}")
    modules = _list(data.get("modules"), name, "modules")
    if len(modules) > MAX_MODULES:
        raise DesignFileError(f"{name}: {len(modules):,} modules; a design may hold at most {MAX_MODULES:,} "
                              "(refused)")
    if _deeper_than(text, MAX_NESTING_DEPTH):   # after the cheap refusals: it reads the whole text once more
        raise _too_deep(name)
    migrated_from = version if version < FORMAT_VERSION else None
    while version < FORMAT_VERSION:
        data = MIGRATIONS[version](data, name)
        version += 1
    data["_migrated_from"] = migrated_from   # never the file's own word for it
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
        except (TypeError, ValueError, OverflowError):
            raise DesignFileError(f"{name}: modules[{i}]: position or rotation is not a number") from None
        if not math.isfinite(rotation_deg) or rotation_deg % 90:
            raise DesignFileError(f"{name}: modules[{i}], field 'rotation_deg': {rotation_deg:g} is not a "
                                  "multiple of 90")
        mount = old.get("mount", "floor")
        if not isinstance(mount, str) or mount not in mount_to_attach:
            raise DesignFileError(f"{name}: modules[{i}], field 'mount': unknown value {_shown(mount)}")
        module = {"id": old.get("id"), "type": old.get("type"), "params": old.get("params", {}),
                  "finish": old.get("finish", ""), "position": position,
                  "rotation": int(rotation_deg // 90) % 4, "attach": mount_to_attach[mount]}
        if old.get("parent") is not None:
            module["to"] = old["parent"]
        modules.append(module)
    return {"format": FORMAT_NAME, "format_version": 2,
            "catalog": {"id": data.get("catalog_id"), "version": data.get("catalog_version")},
            "name": data.get("name", "Untitled design"), "room_height": data.get("room_height"),
            "modules": modules}


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _migrate_1_to_2}


def _list(value: Any, name: str, field_name: str) -> list[Any]:
    if not isinstance(value, list):
        raise DesignFileError(f"{name}: field '{field_name}': expected a list, found {_found(value)[:60]}")
    return value


@dataclass(frozen=True)
class DesignData:
    """A design file's fields, each checked for its meaning (no catalog needed)."""

    catalog_id: str
    catalog_version: str | None
    name: str
    room_height: float | None
    modules: list[PlacedModule]
    door_opening: tuple[float, float] | None = None


def check_design_data(data: dict[str, Any], name: str) -> DesignData:
    """Every field of a (migrated) design dict checked for type and meaning; :class:`DesignFileError` names
    the first wrong one (file, module, field).  Linear in the number of modules."""
    cat = data.get("catalog")
    if not isinstance(cat, dict) or not isinstance(cat.get("id"), str) or not cat["id"]:
        raise DesignFileError(f"{name}: field 'catalog': expected {{\"id\": ..., \"version\": ...}}")
    catalog_id = _text(cat["id"], f"{name}:", "catalog.id")
    version = cat.get("version")
    design_name = data.get("name")
    if design_name is not None and design_name != "":
        _text(design_name, f"{name}:", "name")
    room_height = data.get("room_height")
    if room_height is not None:
        room_height = _number(room_height, f"{name}:", "room_height", *ROOM_HEIGHT_MM, "a height in mm", " mm")
    door = data.get("door_opening")
    if door is not None:
        if not isinstance(door, list) or len(door) != 2:
            raise DesignFileError(f"{name}: field 'door_opening': expected [width, height] in mm, "
                                  f"found {_found(door)[:60]}")
        door = tuple(_number(v, f"{name}:", f"door_opening[{i}]", *DOOR_OPENING_MM, "a size in mm", " mm")
                     for i, v in enumerate(door))
    raw_modules = _list(data.get("modules"), name, "modules")
    if len(raw_modules) > MAX_MODULES:
        raise DesignFileError(f"{name}: {len(raw_modules):,} modules; a design may hold at most "
                              f"{MAX_MODULES:,} (refused)")
    modules = [_parse_module(raw, i, name) for i, raw in enumerate(raw_modules)]
    seen: set[str] = set()
    repeated: set[str] = set()
    for module in modules:   # a set, not ids.count(): 100,000 modules are checked in milliseconds
        (repeated if module.id in seen else seen).add(module.id)
    duplicates = sorted(repeated)
    if duplicates:
        shown = ", ".join(_shown(d, 40) for d in duplicates[:5]) + (" ..." if len(duplicates) > 5 else "")
        raise DesignFileError(f"{name}: module id(s) [{shown}] appear more than once")
    return DesignData(catalog_id, version if isinstance(version, str) else None,
                      design_name or "Untitled design", room_height, modules, door)


def load_design(path: Path | str, catalog: Catalog) -> LoadResult:
    """Load a design for ``catalog``.  Raises :class:`DesignFileError` and changes nothing on refusal."""
    path = Path(path)
    name = display_path(path)
    data = read_design_file(path)
    return design_from_data(data, catalog, name)


def design_from_data(data: dict[str, Any], catalog: Catalog, name: str) -> LoadResult:
    """The design in a dict from :func:`parse_design_text`, checked against ``catalog`` (``name`` for messages)."""
    migrated_from = data.pop("_migrated_from", None)
    checked = check_design_data(data, name)
    if checked.catalog_id != catalog.id:
        raise DesignFileError(f"{name}: made for catalog {_shown(checked.catalog_id)}, but the loaded catalog is "
                              f"'{catalog.id}'")
    problems: list[Problem] = []
    version = data["catalog"].get("version")
    if version != catalog.version:
        problems.append(Problem(name, "", "catalog.version", f"made with catalog version {_shown(version, 40)}, "
                                f"now {catalog.version}: check sizes and prices", "warning"))
    kept = _keep_loadable(checked.modules, catalog, name, problems)
    design = Design(catalog.id, catalog.version, checked.name, kept, checked.room_height, checked.door_opening)
    return LoadResult(design, problems, migrated_from)


def _parse_module(raw: Any, index: int, name: str) -> PlacedModule:
    where = f"{name}: modules[{index}]"
    if not isinstance(raw, dict):
        raise DesignFileError(f"{where}: expected an object, found {_found(raw)}")
    module_id = _text(raw.get("id"), where, "id")
    where = f"{where} ('{_safe(module_id)}')"
    unknown = set(raw) - MODULE_FIELDS
    if unknown:
        raise DesignFileError(f"{where}: unknown field(s) {_shown(sorted(unknown))}")
    type_id = _text(raw.get("type"), where, "type")
    finish = raw.get("finish", "")
    if not isinstance(finish, str):
        raise DesignFileError(f"{where}, field 'finish': expected text, found {_found(finish)}")
    _bounded(finish, where, "finish")
    params = _params(raw.get("params", {}), where)
    position = raw.get("position", [0, 0, 0])
    if not (isinstance(position, list) and len(position) == 3):
        raise DesignFileError(f"{where}, field 'position': expected [x, y, z] in mm, found {_found(position)}")
    x, y, z = (_number(v, where, "position", -POSITION_LIMIT_MM, POSITION_LIMIT_MM, "[x, y, z] in mm", " mm")
               for v in position)
    rotation = raw.get("rotation", 0)
    if isinstance(rotation, float) and rotation.is_integer():
        rotation = int(rotation)
    if isinstance(rotation, bool) or not isinstance(rotation, int) or rotation not in (0, 1, 2, 3):
        raise DesignFileError(f"{where}, field 'rotation': expected 0, 1, 2 or 3 quarter turns, found "
                              f"{_found(rotation)}")
    attach = _text(raw.get("attach", "floor"), where, "attach")
    to = None if raw.get("to") is None else _text(raw["to"], where, "to")
    if (attach in ("on", "in")) != (to is not None):
        raise DesignFileError(f"{where}, field 'to': attach {_shown(attach)} needs a host in 'to' "
                              f"(and only 'on' and 'in' have one), found {_found(to)}")
    # An attachment of another name is left out with a problem by _keep_loadable.
    return PlacedModule(id=module_id, type_id=type_id, params=params, finish=finish, position=(x, y, z),
                        rotation=rotation, attach=cast(AttachKind, attach), to=to)


def _params(params: object, where: str) -> dict[str, float | str]:
    if not isinstance(params, dict):
        raise DesignFileError(f"{where}, field 'params': expected names with numbers or text, found "
                              f"{_found(params)}")
    if len(params) > MAX_PARAMS:
        raise DesignFileError(f"{where}, field 'params': {len(params):,} parameters; at most {MAX_PARAMS}")
    checked: dict[str, float | str] = {}
    for key, value in params.items():
        _text(key, where, "params")
        field_name = f"params.{_safe(key)}"
        if isinstance(value, str):
            _bounded(value, where, field_name)
            checked[key] = value
        else:
            number = _number(value, where, field_name, -PARAM_LIMIT, PARAM_LIMIT, "a number or text")
            checked[key] = value if isinstance(value, int) else number   # whole numbers stay whole
    return checked


def _param_problem(param: Parameter, value: Value) -> tuple[Value, str] | None:
    """None when ``value`` lies in the parameter's solution space, else the value to keep and what is wrong.

    A value of the right kind is kept (the rules name it and offer the nearest allowed one); text where a
    number is expected cannot be used at all and is replaced by the nearest allowed value.
    """
    if param.options is not None:
        if value in param.options:
            return None
        return value, f"{_shown(value, 40)} is not one of the options {_shown(param.options, 80)}"
    if isinstance(value, str):
        nearest = snap(param, value).value
        return nearest, f"{_shown(value, 40)} is not a number; using {_plain(nearest, param.unit)}"
    lo, hi, step = numeric_limits(param)
    unit = f" {param.unit}" if param.unit else ""
    if not lo - 1e-9 <= value <= hi + 1e-9:
        return value, f"{value:g}{unit} is outside {lo:g} .. {hi:g}{unit}"
    if step is not None and not on_step(float(value), lo, step):
        return value, f"{value:g}{unit} is not on the steps of {step:g}{unit} from {lo:g}{unit}"
    return None


def _plain(value: Value, unit: str) -> str:
    """600 mm, or 'white'."""
    return f"{value:g} {unit}".strip() if isinstance(value, (int, float)) else repr(value)


def _keep_loadable(modules: list[PlacedModule], catalog: Catalog, name: str,
                   problems: list[Problem]) -> list[PlacedModule]:
    """Leave out modules of unknown types (and what hangs on them); fix unknown finishes.

    Parameter values outside the catalog's solution space are errors: ``design check`` and ``bom``
    stop on them, the window opens the design and its rules offer the nearest allowed value.
    """
    kept: list[PlacedModule] = []
    kept_ids: set[str] = set()
    for module in modules:
        entry = f"module '{_safe(module.id)}'"
        if module.attach not in ("floor", "wall", "on", "in"):
            problems.append(Problem(name, entry, "attach", f"unknown attachment {_shown(module.attach)}; left out"))
            continue
        mtype = catalog.modules.get(module.type_id)
        if mtype is None:
            problems.append(Problem(name, entry, "type", f"module type '{_safe(module.type_id)}' no longer exists in "
                                    f"catalog '{catalog.id}'; left out"))
            continue
        if module.to is not None and module.to not in kept_ids:
            problems.append(Problem(name, entry, "to", f"it is attached to '{_safe(module.to)}', which was left out "
                                    "or does not exist; left out"))
            continue
        params: dict[str, Value] = {}
        for key, value in module.params.items():
            param = mtype.params.get(key)
            if param is None:
                problems.append(Problem(name, entry, f"params.{_safe(key)}", f"'{module.type_id}' has no "
                                        f"parameter '{_safe(key)}'; ignored", "warning"))
                continue
            wrong = None if param.from_host is not None else _param_problem(param, value)
            if wrong is not None:
                value, message = wrong
                problems.append(Problem(name, f"{entry} ({module.type_id})", f"params.{_safe(key)}", message))
            params[key] = value
        finish = module.finish
        if finish not in mtype.finishes:
            problems.append(Problem(name, entry, "finish", f"finish {_shown(finish)} is not offered for "
                                    f"'{module.type_id}'; using '{mtype.default_finish}'", "warning"))
            finish = mtype.default_finish
        kept.append(PlacedModule(module.id, module.type_id, params, finish, module.position, module.rotation,
                                 module.attach, module.to))
        kept_ids.add(module.id)
    return kept
