"""The catalog entry (``modules/<id>.toml``) the designer's publish writes.

- A new module gets a template the designer completes: identity, the mesh and
  its reference size, a parameter per axis that resizes (``width``, ``depth``,
  ``height`` with the range the designer chose), the stretch zones, how it is
  held (per category, as the catalog's own modules), the finishes of a module of
  the same category, and TODO comments for what only the workshop knows (parts,
  hardware, labour).
- An existing entry is edited in place with tomlkit, so the designer's comments
  and layout survive: only ``mesh``, ``reference_size`` and ``[stretch]`` change.

Either text is checked against the catalog model by the catalog check that
publishing runs on a staged copy (:mod:`app.domain.mesh.publish`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tomlkit

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.mesh.derive import DerivedPart, parts_toml

AXES = "xyz"
AXIS_PARAMS = {"x": ("width", "Width"), "y": ("depth", "Depth"), "z": ("height", "Height")}
# How a module of each category is held, as the catalog's own modules of that category are.
ATTACH_TEMPLATES: dict[str, dict[str, Any]] = {
    "carcass": {"support": ["floor", "on"], "hosts": ["base"], "place": {"x": "0", "y": "0", "z": "host_height"}},
    "open_shelf": {"support": ["floor", "on"], "hosts": ["base"],
                   "place": {"x": "0", "y": "0", "z": "host_height"}},
    "base": {"support": ["floor"]},
    "top": {"support": ["on"], "hosts": ["carcass", "open_shelf"],
            "place": {"x": "0", "y": "0", "z": "host_height"}},
    "front": {"support": ["in"], "hosts": ["carcass"], "place": {"x": "0", "y": "-host_depth", "z": "0"}},
    "insert": {"support": ["in"], "hosts": ["carcass", "open_shelf"],
               "place": {"x": "opening_x", "y": "opening_y", "z": "opening_z"}},
}
# Inserts and fronts take their size from the host they go into.
FROM_HOST = {"front": {"x": "host_width", "z": "host_height"},
             "insert": {"x": "opening_width", "y": "opening_depth"}}


@dataclass
class AxisParam:
    """The parameter that sets the module's size along one axis, and its solution space."""

    minimum: float
    maximum: float
    step: float | None = None
    default: float | None = None


@dataclass
class ModuleDraft:
    """What the designer decided: identity, the mesh's size, zones, and the resizable axes."""

    module_id: str
    name: str
    category: str
    reference_size: tuple[float, float, float]
    zones: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    params: dict[str, AxisParam] = field(default_factory=dict)   # axis -> parameter (new modules only)
    description: str = ""
    # The parts derived from the mesh's panels as the designer confirmed them, and what only the
    # designer knows: hardware lines (item id, qty formula) and the labour minutes (a formula).
    parts: list[DerivedPart] = field(default_factory=list)
    hardware: list[tuple[str, str]] = field(default_factory=list)
    labour_minutes: str = ""
    opening: dict[str, str] | None = None    # a host's inner box, derived from its panels
    slots: dict[str, str] = field(default_factory=dict)   # mesh piece -> material slot (issue 19)


def tidy(value: float) -> float | int:
    """A number as a person would write it: 600 rather than 600.0000001."""
    value = round(float(value), 3)
    return int(value) if value == int(value) else value


def _zones(zones: Sequence[Sequence[float]]) -> list[list[float | int]]:
    return [[tidy(a), tidy(b)] for a, b in zones]


def _toml_value(value: object) -> str:
    """``value`` as TOML on one line (a table becomes an inline table, as the catalog writes ``place``)."""
    if isinstance(value, dict):
        inline = tomlkit.inline_table()
        inline.update(value)
        return inline.as_string()
    text: str = tomlkit.item(value).as_string()
    return text


def _sibling(catalog: Catalog, category: str) -> ModuleType | None:
    return next((m for m in catalog.modules.values() if m.category == category), None)


def new_module_text(draft: ModuleDraft, catalog: Catalog, mesh_rel: str, source_name: str = "",
                    today: date | None = None) -> str:
    """The TOML of a new module entry, ready for the catalog check and for the designer to complete."""
    sibling = _sibling(catalog, draft.category)
    finishes = list(sibling.finishes) if sibling else list(catalog.finishes)
    default_finish = sibling.default_finish if sibling else finishes[0]
    attach = ATTACH_TEMPLATES.get(draft.category, {"support": ["floor"]})
    from_host = FROM_HOST.get(draft.category, {})
    made = f" from {source_name}" if source_name else ""
    lines = [
        "#:schema ../../schema/module.schema.json",
        f"# {draft.name}: published by `modulor designer`{made} on {(today or date.today()).isoformat()}.",
        "# To complete: description, [[parts]] (the cut list), [[hardware]], labour_minutes."
        if not draft.parts else "# Parts derived from the mesh's panels and confirmed by the designer.",
        f"id = {_toml_value(draft.module_id)}",
        f"name = {_toml_value(draft.name)}",
        f"description = {_toml_value(draft.description)}",
        f"category = {_toml_value(draft.category)}",
        f"mesh = {_toml_value(mesh_rel)}",
        f"reference_size = {_toml_value([tidy(v) for v in draft.reference_size])}",
        f"finishes = {_toml_value(finishes)}",
        f"default_finish = {_toml_value(default_finish)}",
        f"labour_minutes = {_toml_value(draft.labour_minutes)}" if draft.labour_minutes.strip() else
        "labour_minutes = 0      # TODO: the workshop's minutes to make one (may be a formula of the parameters)",
        "",
        "[size]",
    ]
    for i, axis in enumerate(AXES):
        param = draft.params.get(axis)
        lines.append(f"{axis} = {_toml_value(AXIS_PARAMS[axis][0]) if param else tidy(draft.reference_size[i])}")
    lines += ["", "[stretch]       # intervals of the mesh that stretch; everything else keeps its size"]
    for axis in AXES:
        lines.append(f"{axis} = {_toml_value(_zones(draft.zones.get(axis, [])))}")
    for i, axis in enumerate(AXES):
        param = draft.params.get(axis)
        if param is None:
            continue
        name, label = AXIS_PARAMS[axis]
        lines += ["", f"[params.{name}]", f"label = {_toml_value(label)}",
                  f"min = {tidy(param.minimum)}", f"max = {tidy(param.maximum)}"]
        if axis in from_host:
            lines.append(f"from_host = {_toml_value(from_host[axis])}")
            continue
        if param.step:
            lines.append(f"step = {tidy(param.step)}")
        default = param.default if param.default is not None else draft.reference_size[i]
        lines.append(f"default = {tidy(min(max(default, param.minimum), param.maximum))}")
    if draft.slots:
        lines += ["", "[slots]         # each mesh piece's material slot (materials.toml [slots]): its finish"]
        lines += [f"{_toml_value(piece)} = {_toml_value(slot)}" for piece, slot in draft.slots.items()]
    if draft.opening:
        lines += ["", "[opening]       # the inner box offered to inserts, derived from the panels"]
        lines += [f"{key} = {_toml_value(draft.opening[key])}" for key in ("x", "y", "z", "width", "height", "depth")]
    lines += ["", "[attach]"]
    for key, value in attach.items():
        lines.append(f"{key} = {_toml_value(value)}")
    if draft.parts:
        lines += parts_toml(draft.parts)
    else:
        lines += ["", "# [[parts]]       TODO: one entry per panel (name, role, length, width, material ...)"]
    for item, qty in draft.hardware:
        lines += ["", "[[hardware]]", f"item = {_toml_value(item)}", f"qty = {_toml_value(qty)}"]
    lines.append("")
    return "\n".join(lines)


def updated_module_text(text: str, mesh_rel: str, reference_size: Sequence[float],
                        zones: Mapping[str, Sequence[Sequence[float]]]) -> str:
    """``text`` (an existing entry) with the new mesh, reference size and zones; the rest untouched."""
    doc = tomlkit.parse(text)
    doc["mesh"] = mesh_rel
    doc["reference_size"] = [tidy(v) for v in reference_size]
    if "stretch" not in doc:
        doc["stretch"] = tomlkit.table()
    stretch = doc["stretch"]
    for axis in AXES:
        stretch[axis] = _zones(zones.get(axis, []))
    return tomlkit.dumps(doc)
