"""Load a catalog folder into a :class:`Catalog`, collecting every problem.

A catalog folder (one furniture system) holds::

    catalog.toml      identity, money, workshop, limits   (required)
    materials.toml    materials, finishes, edge bandings  (required)
    hardware.toml     hardware items                      (required)
    modules/*.toml    one module type per file
    presets.toml      complete starting designs

Meshes live in ``models3d/`` beside ``catalogs/`` (``<catalog>/../../models3d``)
unless a models folder is passed.  A mesh path that leaves that folder is refused:
the program never reads files outside it on a catalog's behalf.

Every entry (a material, a module, a preset ...) is validated on its own; an entry
with an error is left out and reported, and the rest of the catalog stays usable.
Only a broken ``catalog.toml`` (or a missing required file) makes the whole
catalog unusable: :class:`CatalogError` then carries the problems.  A broken
compatibility rule in it is left out on its own.

Hostile or absurd files are problems too, never a traceback: a file over
:data:`MAX_FILE_BYTES` or nested deeper than :data:`MAX_NESTING` (checked before
the TOML parser, which would recurse once per level) is refused by name; every
formula is evaluated at the module's defaults on its budget
(:mod:`app.domain.catalog.formulas`), and counts are held to the model's bounds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from app.domain.catalog.catalog import ITEM_FIELDS, Catalog, ItemKind, option_item_kind
from app.domain.catalog.formulas import Formula, FormulaError, shorten
from app.domain.catalog.machining_check import MACHINING_FILE, load_machining
from app.domain.catalog.machining_model import MachiningFile
from app.domain.catalog.model import (
    MAX_MM,
    MAX_QUANTITY,
    PIECE_INDEX,
    CatalogFile,
    CompatibilityRule,
    EdgeBanding,
    Finish,
    HardwareItem,
    HardwareUse,
    HostName,
    Material,
    MaterialSlot,
    ModuleType,
    Parameter,
    Part,
    Preset,
    Strict,
)
from app.domain.catalog.module_eval import HostGeometry, module_env, resolve_params
from app.domain.catalog.reference_check import check_head_references
from app.domain.problems import Problem, display_path, problems_from_validation
from app.domain.production.hinges import DERIVED_NAMES, allowed_in_hardware, derived_names, is_handle_line, uses_derived

CATALOG_FILE = "catalog.toml"
# The units a parameter may show: the catalog measures in mm ('cm' would show 600 as '600 cm'); counts,
# shares and angles; '' for choices.
PARAMETER_UNITS = ("mm", "", "pcs", "%", "°", "kg")
HOST_NAMES: frozenset[str] = frozenset(get_args(HostName))
MESH_SUFFIXES = (".glb", ".gltf", ".obj", ".stl", ".ply")
# A catalog file is a few kilobytes; anything near this is not one.
MAX_FILE_BYTES = 4 * 1024 * 1024
# Arrays and inline tables nest two or three levels in a real catalog; tomllib recurses per level.
MAX_NESTING = 32
# Where formulas of an insert are tried at the defaults: a typical carcass and its opening.
DEFAULT_HOST = HostGeometry(600, 720, 560, (18, -3, 18, 564, 684, 557))
_Record = TypeVar("_Record", bound=Strict)
# TOML strings and comments (whose brackets do not nest) and the brackets that do.
_TOML_TOKENS = re.compile(r""""{3}(?:\\.|[^\\])*?"{3}|'{3}.*?'{3}|"(?:\\.|[^"\\\n])*"|'[^'\n]*'|#[^\n]*|[\[\]{}]""",
                          re.DOTALL)


def _absent(noun: str, ids: list[str], written: object, hint: str = "") -> str:
    """Why ids are missing: unknown, or written in the file but left out for a problem of their own.

    The second must not read "unknown": the entry is there, and its own problem is the one to fix.
    """
    shown = str(ids) if noun.endswith("(s)") else f"'{ids[0]}'"
    if isinstance(written, dict) and all(i in written for i in ids):
        return f"{noun} {shown} left out for a problem of its own (see that line)"
    return f"unknown {noun} {shown}{hint}"


def nesting_depth(text: str) -> int:
    """How deep arrays and inline tables nest in TOML ``text`` (brackets in strings and comments aside)."""
    depth = deepest = 0
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth = max(depth - 1, 0)
    return deepest


class CatalogError(Exception):
    """The catalog cannot be used at all; ``problems`` says why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _all_field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every field name in a model tree, for 'did you mean' suggestions."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        for arg in _types_in(info.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _all_field_names(arg, seen)
    return names


def _types_in(annotation: Any) -> list[Any]:
    args = list(getattr(annotation, "__args__", ()) or ())
    found = [annotation]
    for arg in args:
        found.extend(_types_in(arg))
    return found


_KNOWN_FIELDS: dict[type, set[str]] = {}


def _known(model: type[BaseModel]) -> set[str]:
    if model not in _KNOWN_FIELDS:
        _KNOWN_FIELDS[model] = _all_field_names(model)
    return _KNOWN_FIELDS[model]


class _Loader:
    def __init__(self, root: Path, models_dir: Path | None):
        self.root = root
        self.models_dir = (models_dir or root.parent.parent / "models3d").resolve()
        self.problems: list[Problem] = []
        self.skipped: dict[str, list[Problem]] = {}

    # ------------------------------------------------------------------ helpers
    def file_name(self, path: Path) -> str:
        return display_path(path)

    def read_toml(self, path: Path, required: bool) -> dict[str, Any] | None:
        name = self.file_name(path)
        if not path.is_file():
            if required:
                self.problems.append(Problem(name, "", "", "file is missing"))
            return None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problems.append(Problem(name, "", "", f"{size / 1e6:.1f} MB is far too large for a catalog file "
                                                           f"(at most {MAX_FILE_BYTES / 1e6:.0f} MB)"))
                return None
            text = path.read_bytes().decode("utf-8")
            depth = nesting_depth(text)
            if depth > MAX_NESTING:
                self.problems.append(Problem(name, "", "", f"arrays or tables nest {depth} levels deep; at most "
                                                           f"{MAX_NESTING} are allowed"))
                return None
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.problems.append(Problem(name, "", "", f"not valid TOML: {shorten(str(exc), 200)}"))
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(name, "", "", f"cannot be read: not UTF-8 text (byte {exc.start})"))
        except OSError as exc:
            self.problems.append(Problem(name, "", "", f"cannot be read: {exc.strerror or exc}"))
        except (RecursionError, MemoryError):  # the pre-scan should have caught it
            self.problems.append(Problem(name, "", "", "cannot be read: nested too deeply"))
        return None

    def validate(self, model: type[_Record], data: Any, file: str, entry: str,
                 prefix: str = "") -> tuple[_Record | None, list[Problem]]:
        try:
            return model.model_validate(data), []
        except ValidationError as exc:
            return None, problems_from_validation(exc, file, entry, _known(model), prefix)
        except (TypeError, ArithmeticError, RecursionError) as exc:  # a validator meeting a value it cannot judge
            return None, [Problem(file, entry, prefix, f"cannot be read: {shorten(str(exc), 200)}")]

    def table(self, data: dict[str, Any], key: str, model: type[Strict], file: str, noun: str,
              required: bool = True) -> dict[str, Any]:
        """Validate each entry of ``data[key]`` on its own; broken entries are reported and left out."""
        raw = data.get(key)
        if raw is None:
            if required:
                self.problems.append(Problem(file, "", key, f"the [{key}] table is missing"))
            return {}
        if not isinstance(raw, dict):
            self.problems.append(Problem(file, "", key, f"expected a table of {noun}s"))
            return {}
        good: dict[str, Any] = {}
        for entry_id, value in raw.items():
            entry = f"{noun} '{shorten(entry_id, 64)}'"
            if not _valid_id(entry_id):
                self.problems.append(Problem(file, entry, key, "ids use lower case letters, digits and _ only"))
                continue
            record, problems = self.validate(model, value, file, entry, prefix=f"{key}.{entry_id}")
            if problems:
                self.problems.extend(problems)
                self.skipped[f"{noun} '{entry_id}'"] = problems
            else:
                good[entry_id] = record
        return good

    def unknown_tables(self, data: dict[str, Any], allowed: set[str], file: str) -> None:
        import difflib
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, sorted(allowed), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problems.append(Problem(file, "", key, f"unknown table '{key}'{hint}"))

    def resolve_asset(self, relative: str) -> tuple[Path | None, str | None]:
        """The asset's path inside models3d/, or why it is refused."""
        if "\0" in relative:
            return None, f"'{shorten(relative.replace(chr(0), '?'))}' contains a NUL byte (refused)"
        shown = shorten(relative)
        pure = PurePosixPath(relative.replace("\\", "/"))
        if pure.is_absolute() or Path(relative).is_absolute() or (relative[1:3] == ":/"):
            return None, f"'{shown}' is an absolute path; give a path inside models3d/"
        try:
            path = (self.models_dir / pure).resolve()
            path.relative_to(self.models_dir)
        except ValueError:
            return None, f"'{shown}' points outside models3d/ (refused)"
        except OSError as exc:  # a name too long, a loop of links
            return None, f"'{shown}' cannot be used as a file name ({exc.strerror or exc})"
        try:
            found = path.is_file()
        except OSError as exc:
            return None, f"'{shown}' cannot be used as a file name ({exc.strerror or exc})"
        if not found:
            return None, f"'{shown}' does not exist in {display_path(self.models_dir)}/"
        return path, None

    # ------------------------------------------------------------------- loading
    def load(self) -> Catalog:
        if not self.root.is_dir():
            raise CatalogError([Problem(self.file_name(self.root), "", "", "catalog folder not found")])
        head_path = self.root / CATALOG_FILE
        head_data = self.read_toml(head_path, required=True)
        info = None
        if head_data is not None:
            head_data = self.usable_rules(head_data, self.file_name(head_path))
            info, problems = self.validate(CatalogFile, head_data, self.file_name(head_path), "")
            self.problems.extend(problems)
        mat_path = self.root / "materials.toml"
        hw_path = self.root / "hardware.toml"
        mat_data = self.read_toml(mat_path, required=True)
        hw_data = self.read_toml(hw_path, required=True)
        if info is None or mat_data is None or hw_data is None:
            raise CatalogError(self.problems)

        mat_file = self.file_name(mat_path)
        self.unknown_tables(mat_data, {"materials", "finishes", "edgebands", "slots"}, mat_file)
        materials = self.table(mat_data, "materials", Material, mat_file, "material")
        finishes = self.table(mat_data, "finishes", Finish, mat_file, "finish")
        edgebands = self.table(mat_data, "edgebands", EdgeBanding, mat_file, "edge banding", required=False)
        for fid, finish in list(finishes.items()):
            bad = [m for m in finish.materials or [] if m not in materials]
            if bad:
                self._drop(finishes, fid, Problem(mat_file, f"finish '{fid}'", f"finishes.{fid}.materials",
                                                  _absent("material(s)", bad, mat_data.get("materials"))), "finish")
            elif finish.texture:
                _, why = self.resolve_asset(finish.texture)
                if why:
                    self._drop(finishes, fid, Problem(mat_file, f"finish '{fid}'", f"finishes.{fid}.texture", why),
                               "finish")

        slots = self.table(mat_data, "slots", MaterialSlot, mat_file, "material slot", required=False)
        for sid, slot in list(slots.items()):
            if slot.finish != "module" and slot.finish not in finishes:
                self._drop(slots, sid, Problem(mat_file, f"material slot '{sid}'", f"slots.{sid}.finish",
                                               _absent("finish", [slot.finish], mat_data.get("finishes"),
                                                       " (or use 'module')")), "material slot")

        hw_file = self.file_name(hw_path)
        self.unknown_tables(hw_data, {"hardware"}, hw_file)
        hardware = self.table(hw_data, "hardware", HardwareItem, hw_file, "hardware item")
        for hid, item in list(hardware.items()):
            if item.finish is not None and item.finish not in finishes:
                self._drop(hardware, hid, Problem(hw_file, f"hardware item '{hid}'", f"hardware.{hid}.finish",
                                                  _absent("finish", [item.finish], mat_data.get("finishes"))),
                           "hardware item")
            elif item.mesh:
                _, why = self.resolve_asset(item.mesh)
                if why:
                    self._drop(hardware, hid, Problem(hw_file, f"hardware item '{hid}'", f"hardware.{hid}.mesh",
                                                      why), "hardware item")

        # A provisional catalog lets module checks evaluate formulas with real items.
        draft = Catalog(self.root, self.models_dir, info, materials, finishes, edgebands, hardware, {}, {},
                        slots=slots)
        modules = self.load_modules(draft)
        info, problems = check_head_references(info, self.file_name(head_path), hardware, modules, HOST_NAMES)
        self.problems.extend(problems)
        info = self.rules_at_defaults(draft, info, modules, self.file_name(head_path))
        draft = Catalog(self.root, self.models_dir, info, materials, finishes, edgebands, hardware, modules, {},
                        slots=slots)
        presets = self.load_presets(draft)
        machining = self.load_machining(hardware)
        return Catalog(self.root, self.models_dir, info, materials, finishes, edgebands, hardware, modules, presets,
                       tuple(self.problems), {k: tuple(v) for k, v in self.skipped.items()}, machining, slots=slots)

    def load_machining(self, hardware: dict[str, HardwareItem]) -> MachiningFile | None:
        """``machining.toml`` (optional): drilling rules and DXF layer templates, checked against the hardware."""
        path = self.root / MACHINING_FILE
        data = self.read_toml(path, required=False)
        if data is None:
            return None
        machining, problems = load_machining(data, self.file_name(path), hardware)
        self.problems.extend(problems)
        return machining

    def usable_rules(self, head: dict[str, Any], file: str) -> dict[str, Any]:
        """``catalog.toml`` without the compatibility rules that do not validate (each reported)."""
        rules = head.get("compatibility")
        if not isinstance(rules, list):
            return head  # missing, or not a list: the model says so
        good = []
        for i, rule in enumerate(rules):
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            entry = f"rule {i + 1}"
            if isinstance(rule_id, str):
                entry = f"rule '{shorten(str(rule_id), 64)}'"
            _record, problems = self.validate(CompatibilityRule, rule, file, entry, prefix=f"compatibility[{i}]")
            if problems:
                self.problems.extend(problems)
            else:
                good.append(rule)
        return {**head, "compatibility": good}

    def rules_at_defaults(self, draft: Catalog, info: CatalogFile, modules: dict[str, ModuleType],
                          file: str) -> CatalogFile:
        """``info`` without the rules that cannot be evaluated for a module they name, at its defaults."""
        good = []
        for i, rule in enumerate(info.compatibility):
            problem = None
            for type_id in rule.modules:
                mtype = modules.get(type_id)
                if mtype is None:
                    continue  # reported by the reference check
                host = DEFAULT_HOST if mtype.attach.place else None
                key = "when"
                try:
                    env = module_env(draft, mtype, resolve_params(mtype, {}, host), host)
                    env["finish"] = mtype.default_finish
                    if rule.when is None or rule.when.evaluate(env):
                        key = "require"
                        rule.require.evaluate(env)
                except (KeyError, ValueError, ArithmeticError) as exc:  # FormulaError is a ValueError
                    problem = Problem(file, f"rule '{rule.id}'", f"compatibility[{i}].{key}",
                                      f"cannot be evaluated for module '{type_id}' at its defaults: {exc}")
                    break
            if problem is None:
                good.append(rule)
            else:
                self.problems.append(problem)
        if len(good) != len(info.compatibility):
            info = info.model_copy(update={"compatibility": good})
        return info

    def _drop(self, table: dict[str, Any], key: str, problem: Problem, noun: str) -> None:
        table.pop(key, None)
        self.problems.append(problem)
        self.skipped.setdefault(f"{noun} '{key}'", []).append(problem)

    def load_modules(self, draft: Catalog) -> dict[str, ModuleType]:
        folder = self.root / "modules"
        modules: dict[str, ModuleType] = {}
        if not folder.is_dir():
            self.problems.append(Problem(self.file_name(folder), "", "", "the modules/ folder is missing"))
            return modules
        for path in sorted(folder.glob("*.toml")):
            file = self.file_name(path)
            data = self.read_toml(path, required=True)
            if data is None:
                self.skipped[f"module '{path.stem}'"] = [self.problems[-1]]
                continue
            raw_id = data.get("id") if isinstance(data.get("id"), str) else path.stem
            entry = f"module '{shorten(str(raw_id), 64)}'"
            mtype, problems = self.validate(ModuleType, data, file, entry)
            if mtype is not None:
                if mtype.id in modules:
                    problems = [Problem(file, entry, "id", f"module id '{mtype.id}' is used by another file too")]
                else:
                    problems = ModuleChecker(draft, mtype, file, entry, self.resolve_asset).check()
            if problems:
                self.problems.extend(problems)
                self.skipped[entry] = problems
            elif mtype is not None:  # always, when there are no problems
                modules[mtype.id] = mtype
            if mtype is not None and mtype.id != path.stem:
                # Publishing and the designer find a module as modules/<id>.toml: a renamed file is a trap.
                self.problems.append(Problem(file, entry, "id", f"id '{mtype.id}' differs from the file name "
                                                                f"'{path.name}' (expected '{mtype.id}.toml')",
                                             "warning"))
        return modules

    def load_presets(self, draft: Catalog) -> dict[str, Preset]:
        path = self.root / "presets.toml"
        data = self.read_toml(path, required=False)
        if data is None:
            return {}
        file = self.file_name(path)
        self.unknown_tables(data, {"presets"}, file)
        presets = self.table(data, "presets", Preset, file, "preset", required=False)
        for pid, preset in list(presets.items()):
            for problem in check_preset(draft, pid, preset, file):
                self._drop(presets, pid, problem, "preset")
        return presets


def _valid_id(value: Any) -> bool:
    import re
    return isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value) is not None and len(value) <= 64


class ModuleChecker:
    """Cross-file checks of one module type: references, formula names, mesh path, zones."""

    def __init__(self, catalog: Catalog, mtype: ModuleType, file: str, entry: str,
                 resolve_asset: Callable[[str], tuple[Path | None, str | None]]):
        self.catalog, self.mtype, self.file, self.entry = catalog, mtype, file, entry
        self.resolve_asset = resolve_asset
        self.problems: list[Problem] = []
        self.item_params: dict[str, str] = {}
        self.mistyped: set[str] = set()   # item parameters with an option that is no catalog item
        for name, param in mtype.params.items():
            kind = option_item_kind(param, catalog.materials, catalog.hardware, catalog.shelf_loads)
            if kind is None and param.options:
                # One option mistyped among catalog items ("mfc99" beside "mfc18"): still a parameter
                # choosing items, so only the bad option is reported, not every formula that reads it.
                strings = [o for o in param.options if isinstance(o, str)]
                tables: tuple[tuple[ItemKind, Mapping[str, object]], ...] = (
                    ("material", catalog.materials), ("hardware", catalog.hardware), ("load", catalog.shelf_loads))
                kind = next((k for k, table in tables if strings and any(o in table for o in strings)), None)
                if kind:
                    self.mistyped.add(name)
            if kind:
                self.item_params[name] = kind

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.entry, field, message))

    def check(self) -> list[Problem]:
        m, cat = self.mtype, self.catalog
        _, why = self.resolve_asset(m.mesh)
        if why:
            self.add("mesh", why)
        elif not m.mesh.lower().endswith(MESH_SUFFIXES):
            self.add("mesh", f"'{m.mesh}' is not a mesh file ({', '.join(MESH_SUFFIXES)})")
        for i, fid in enumerate(m.finishes):
            if fid not in cat.finishes:
                self.add(f"finishes[{i}]", f"unknown finish '{fid}'")
        for piece, slot in m.slots.items():
            if slot not in cat.slots:
                known = ", ".join(sorted(cat.slots)) or "none: materials.toml has no [slots]"
                self.add(f"slots.{piece}", f"unknown material slot '{slot}' (the catalog's: {known})")
        for name, param in m.params.items():
            if param.unit not in PARAMETER_UNITS:
                allowed = ", ".join(repr(u) for u in PARAMETER_UNITS)
                self.add(f"params.{name}.unit", f"unknown unit '{shorten(param.unit, 40)}': sizes are in mm (the "
                                                 f"catalog's units); use one of {allowed}")
            if param.options and any(isinstance(o, str) for o in param.options) and (
                    name not in self.item_params or name in self.mistyped):
                strings = [o for o in param.options if isinstance(o, str)]
                unknown_items = [o for o in strings if o not in cat.materials and o not in cat.hardware
                                 and o not in cat.shelf_loads]
                if len(unknown_items) < len(strings):  # mixes items with unknown names: a typo
                    self.add(f"params.{name}.options", f"unknown item(s) {unknown_items}")
        base_names = set(m.params) | set(m.constants)
        for name in sorted(base_names & DERIVED_NAMES):
            where = "constants" if name in m.constants else f"params.{name}"
            self.add(where, f"'{name}' is a name the program derives (see docs/catalog-format.md); choose another")
        self.check_size_and_zones(base_names)
        if m.opening:
            for key in ("x", "y", "z", "width", "height", "depth"):
                self.check_formula(f"opening.{key}", getattr(m.opening, key), base_names)
        if m.attach.place:
            for key in "xyz":
                self.check_formula(f"attach.place.{key}", getattr(m.attach.place, key), base_names | HOST_NAMES)
        allowed_hosts = {"carcass", "open_shelf", "insert", "front", "base", "top"}
        for i, host in enumerate(m.attach.hosts):
            if host not in allowed_hosts:
                self.add(f"attach.hosts[{i}]", f"unknown category '{host}' (expected one of {sorted(allowed_hosts)})")
        for i, part in enumerate(m.parts):
            where = f"parts[{i}]"
            for key in ("qty", "length", "width"):
                self.check_formula(f"{where}.{key}", getattr(part, key), base_names)
            if part.at is not None:
                for key in ("x", "y", "z"):
                    self.check_formula(f"{where}.at.{key}", getattr(part.at, key), base_names | {PIECE_INDEX})
            if part.hinge is not None:
                self.check_formula(f"{where}.hinge", part.hinge, base_names | {PIECE_INDEX})
            if part.material not in cat.materials and self.item_params.get(part.material) != "material":
                self.add(f"{where}.material", f"'{part.material}' is neither a material nor a parameter choosing one")
            if part.finish not in ("module", "none") and part.finish not in cat.finishes:
                self.add(f"{where}.finish", f"unknown finish '{part.finish}' (or use 'module' / 'none')")
            elif part.grain == "none":
                self.check_grain_named(where, part)
            for edge, band in part.edges.items():
                if band not in cat.edgebands:
                    self.add(f"{where}.edges.{edge}", f"unknown edge banding '{band}'")
        hardware_names = base_names | allowed_in_hardware(m)  # + hinges_per_leaf where there is a door leaf
        for i, use in enumerate(m.hardware):
            self.check_item(f"hardware[{i}].item", use.item)
            if use.finish not in (None, "module") and use.finish not in cat.finishes:
                self.add(f"hardware[{i}].finish", f"unknown finish '{use.finish}' (or use 'module', or leave it "
                                                  f"out for the item's own finish)")
            self.check_derived(f"hardware[{i}]", use)
            self.check_formula(f"hardware[{i}].qty", use.qty, hardware_names)
            if use.when is not None:
                self.check_formula(f"hardware[{i}].when", use.when, hardware_names)
        for i, fit in enumerate(m.fittings):
            self.check_item(f"fittings[{i}].item", fit.item, needs_mesh=True)
            for key in "xyz":
                self.check_formula(f"fittings[{i}].{key}", getattr(fit, key), base_names)
            if fit.when is not None:
                self.check_formula(f"fittings[{i}].when", fit.when, base_names)
        for i, drill in enumerate(m.drilling):   # holes of its own (machining.toml has the shared rules)
            for key in ("count", "x", "y", "z", "diameter", "depth"):
                self.check_formula(f"drilling[{i}].{key}", getattr(drill, key), base_names | {"k"})
            if not drill.host and drill.part not in {p.name for p in m.parts}:
                self.add(f"drilling[{i}].part", f"'{drill.part}' is not one of this module's parts "
                                                f"({', '.join(p.name for p in m.parts) or 'none'}); host = true "
                                                f"drills its host's")
        self.check_formula("labour_minutes", m.labour_minutes, base_names)
        if not self.problems:
            self.try_defaults()
        return self.problems

    def check_grain_named(self, where: str, part: Part) -> None:
        """A part that can be made in a board or a decor with a grain must say which way its grain runs."""
        cat = self.catalog
        options = self.mtype.params[part.material].options if part.material in self.item_params else None
        materials = [str(o) for o in options or [part.material] if str(o) in cat.materials]
        finishes = self.mtype.finishes if part.finish == "module" else [part.finish]
        grained = [f"material '{m}'" for m in materials if cat.materials[m].grain]
        grained += [f"finish '{f}'" for f in finishes if f in cat.finishes and cat.finishes[f].grain]
        if grained:
            self.add(f"{where}.grain", f"part '{part.name}' can be made in {grained[0]}, which has a grain, but "
                                       f"says grain = 'none': say which of its sizes the grain runs along "
                                       f"('length' or 'width'), or the saw may turn it across the grain")

    def check_derived(self, where: str, use: HardwareUse) -> None:
        """``hinges_per_leaf`` needs a door leaf, and cannot count a handle (whose mass decides it)."""
        if not (uses_derived(use.qty) or uses_derived(use.when)):
            return
        if not allowed_in_hardware(self.mtype):
            self.add(f"{where}.qty", "'hinges_per_leaf' needs a part with role 'front' (the door leaf it "
                                     "counts hinges for)")
        elif is_handle_line(self.catalog, self.mtype, use):
            self.add(f"{where}.qty", "a handle's quantity cannot use 'hinges_per_leaf': the handle's mass is "
                                     "part of the door weight that decides it")

    def check_item(self, field: str, item: str, needs_mesh: bool = False) -> None:
        hw = self.catalog.hardware
        if item in hw:
            # A fixed item must be drawable; an item chosen by option may have no mesh
            # (a push latch has nothing visible) and is then simply not drawn.
            if needs_mesh and not hw[item].mesh:
                self.add(field, f"hardware '{item}' has no mesh to show")
        elif self.item_params.get(item) != "hardware":
            self.add(field, f"'{item}' is neither a hardware item nor a parameter choosing one")

    def check_formula(self, field: str, formula: Formula, allowed: set[str]) -> None:
        unknown = sorted(formula.names - allowed)
        if unknown:
            import difflib
            hints = []
            for name in unknown:
                close = difflib.get_close_matches(name, sorted(allowed), n=1)
                hints.append(f"'{name}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
            self.add(field, f"formula '{shorten(formula.source)}' uses unknown name {shorten(', '.join(hints), 200)}; "
                            f"allowed: {', '.join(sorted(allowed)) or 'none'}")
            return
        for name, attr in sorted(formula.attributes):
            kind = self.item_params.get(name)
            fields = ITEM_FIELDS.get(kind, ()) if kind else ()
            if not kind:
                self.add(field, f"formula '{shorten(formula.source)}': '{name}' does not choose a catalog item, "
                                f"so '{name}.{attr}' means nothing")
            elif attr not in fields:
                self.add(field, f"formula '{shorten(formula.source)}': '{attr}' is not a field of a {kind} "
                                f"(expected one of {', '.join(fields)})")

    def check_size_and_zones(self, names: set[str]) -> None:
        m = self.mtype
        w, d, h = m.reference_size
        bounds = {"x": (0.0, w), "y": (-d, 0.0), "z": (0.0, h)}
        for axis in "xyz":
            formula = getattr(m.size, axis)
            self.check_formula(f"size.{axis}", formula, names)
            zones = getattr(m.stretch, axis)
            lo, hi = bounds[axis]
            for a, b in zones:
                if a < lo - 1e-6 or b > hi + 1e-6:
                    self.add(f"stretch.{axis}", f"zone [{a:g}, {b:g}] lies outside the mesh's {axis} range "
                                                f"[{lo:g}, {hi:g}] (reference size {w:g} x {d:g} x {h:g})")
            if formula.names and not zones:
                self.add(f"stretch.{axis}", f"the size along {axis} changes with "
                                            f"{', '.join(sorted(formula.names))} but no stretch zone is given")

    def try_defaults(self) -> None:
        """Evaluate every formula at the defaults: catches division by zero, bad values and absurd counts early."""
        m = self.mtype
        host = DEFAULT_HOST if m.attach.place else None
        try:
            env = module_env(self.catalog, m, resolve_params(m, {}, host), host)
            env.update(derived_names(self.catalog, m, env))  # hinges_per_leaf from the hinge table
        except (KeyError, ValueError, ArithmeticError) as exc:  # FormulaError and RecipeError are ValueErrors
            self.add("params", f"cannot evaluate at the defaults: {exc}")
            return
        checks: list[tuple[str, Formula]] = [(f"size.{a}", getattr(m.size, a)) for a in "xyz"]
        if m.opening:
            checks += [(f"opening.{k}", getattr(m.opening, k)) for k in ("x", "y", "z", "width", "height", "depth")]
        checks += [(f"parts[{i}].{k}", getattr(p, k))
                   for i, p in enumerate(m.parts) for k in ("qty", "length", "width")]
        checks += [(f"hardware[{i}].qty", u.qty) for i, u in enumerate(m.hardware)]
        checks += [(f"fittings[{i}].{k}", getattr(f, k)) for i, f in enumerate(m.fittings) for k in "xyz"]
        checks.append(("labour_minutes", m.labour_minutes))
        for field, formula in checks:
            try:
                value = formula.number(env)
            except FormulaError as exc:
                self.add(field, f"cannot be evaluated at the default values: {exc}")
                continue
            self.check_default_value(field, formula, value, env)
        for i, drill in enumerate(m.drilling):   # a module's own holes, at its first (k = 0)
            for key in ("count", "x", "y", "z", "diameter", "depth"):
                try:
                    getattr(drill, key).number({**env, "k": 0})
                except FormulaError as exc:
                    self.add(f"drilling[{i}].{key}", f"cannot be evaluated at the default values: {exc}")
        conditions = [(f"hardware[{i}].when", u.when) for i, u in enumerate(m.hardware)]
        conditions += [(f"fittings[{i}].when", f.when) for i, f in enumerate(m.fittings)]
        for field, condition in conditions:
            try:
                if condition is not None:
                    condition.evaluate(env)
            except FormulaError as exc:
                self.add(field, f"cannot be evaluated at the default values: {exc}")

    def check_default_value(self, field: str, formula: Formula, value: float, env: dict[str, object]) -> None:
        """A size at the defaults is positive and under 100 m; a count is whole, not negative, not absurd."""
        source = shorten(formula.source)
        if field.startswith("size") or field.endswith((".length", ".width")):
            if value <= 0:
                self.add(field, f"'{source}' gives {value:g} mm at the defaults; a size must be positive")
            elif value > MAX_MM:
                self.add(field, f"'{source}' gives {value:g} mm at the defaults; no size is over {MAX_MM:g} mm")
            return
        if not field.endswith(".qty"):
            return
        unit = "pcs"
        if field.startswith("hardware"):
            named = self.mtype.hardware[int(field[9:field.index("]")])].item
            chosen = env.get(named)  # the item itself, or the option parameter of that name choosing one
            item = self.catalog.hardware.get(chosen if isinstance(chosen, str) else named)
            unit = item.unit if item is not None else "pcs"
        noun = "pieces" if unit == "pcs" else "m"
        if not formula.names and unit == "pcs" and value != int(value):
            self.add(field, f"'{source}': a count of pieces must be a whole number")
        elif value < 0:
            self.add(field, f"'{source}' gives {value:g} {noun} at the defaults; a quantity cannot be negative")
        elif value > MAX_QUANTITY:  # the production refuses it too (production/recipe.py, whole_pieces)
            self.add(field, f"'{source}': quantity {value:g} is more than the {MAX_QUANTITY} {noun} one line may "
                            "give (at the defaults)")


def check_preset(catalog: Catalog, pid: str, preset: Preset, file: str) -> list[Problem]:
    entry = f"preset '{pid}'"
    problems: list[Problem] = []
    ids = [m.id for m in preset.modules]
    missing: dict[str, list[int]] = {}   # a type left out (or unknown) is said once per preset, not per module
    for i, pm in enumerate(preset.modules):
        where = f"presets.{pid}.modules[{i}]"
        if ids.count(pm.id) > 1:
            problems.append(Problem(file, entry, f"{where}.id", f"id '{pm.id}' is used twice"))
        mtype = catalog.modules.get(pm.type)
        if mtype is None:
            missing.setdefault(pm.type, []).append(i)
            continue
        for name, value in pm.params.items():
            param = mtype.params.get(name)
            if param is None:
                problems.append(Problem(file, entry, f"{where}.params.{name}",
                                        f"module type '{pm.type}' has no parameter '{name}'"))
            elif param.options is not None and value not in param.options:
                problems.append(Problem(file, entry, f"{where}.params.{name}",
                                        f"{value!r} is not one of {param.options}"))
            elif param.options is None and (isinstance(value, str) or not _within(value, param)):
                problems.append(Problem(file, entry, f"{where}.params.{name}",
                                        f"{_show(value)} is outside {param.min:g} .. {param.max:g}"))
        if pm.finish is not None and pm.finish not in mtype.finishes:
            problems.append(Problem(file, entry, f"{where}.finish",
                                    f"finish '{pm.finish}' is not offered for '{pm.type}' ({mtype.finishes})"))
        if pm.attach not in mtype.attach.support:
            problems.append(Problem(file, entry, f"{where}.attach",
                                    f"'{pm.type}' cannot be placed '{pm.attach}' (it supports {mtype.attach.support})"))
        if pm.attach in ("on", "in") and pm.to not in ids[:i]:
            problems.append(Problem(file, entry, f"{where}.to",
                                    f"'{pm.attach}' needs 'to' naming an earlier module of the preset"))
        elif pm.attach not in ("on", "in") and pm.to is not None:
            problems.append(Problem(file, entry, f"{where}.to",
                                    f"a module placed '{pm.attach}' sits on nothing; 'to' is only for 'on' and 'in'"))
    for type_id, places in missing.items():
        also = f" (also modules {', '.join(f'[{i}]' for i in places[1:])})" if len(places) > 1 else ""
        problems.append(Problem(file, entry, f"presets.{pid}.modules[{places[0]}].type",
                                f"unknown or left-out module type '{type_id}'{also}"))
    return problems


def _within(value: float, param: Parameter) -> bool:
    """``value`` lies in a numeric parameter's min .. max (the model requires both)."""
    return param.min is not None and param.max is not None and param.min <= value <= param.max


def _show(value: Any) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else repr(value)


def load_catalog(root: Path | str, models_dir: Path | str | None = None) -> Catalog:
    """Load one catalog folder.  Raises :class:`CatalogError` only when nothing is usable."""
    return _Loader(Path(root), Path(models_dir) if models_dir else None).load()


def find_catalogs(path: Path | str) -> list[Path]:
    """Catalog folders at ``path``: itself if it holds catalog.toml, else its subfolders that do."""
    path = Path(path)
    if (path / CATALOG_FILE).is_file():
        return [path]
    if not path.is_dir():
        return []
    return sorted(p for p in path.iterdir() if (p / CATALOG_FILE).is_file())

