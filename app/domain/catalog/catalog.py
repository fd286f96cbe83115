"""The loaded catalog: one furniture system, immutable once loaded.

:class:`Catalog` gathers the validated records of all the system's files and the
problems met while loading (entries with errors are left out, the rest stays
usable).  It answers the questions the rest of the program asks: which module
types exist, which option parameters choose a catalog item, and where a mesh
file lives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from app.domain.catalog.machining_model import MachiningFile
from app.domain.catalog.model import (
    CatalogFile,
    EdgeBanding,
    Finish,
    HardwareItem,
    Material,
    MaterialSlot,
    ModuleType,
    Parameter,
    Preset,
    ShelfLoad,
)
from app.domain.problems import Problem

ItemKind = Literal["material", "hardware", "load"]

# Numeric fields a formula may read through an option parameter (material.thickness).
MATERIAL_FIELDS = ("thickness", "density", "elastic_modulus", "price_per_m2")
HARDWARE_FIELDS = ("length", "load_kg", "mass_kg", "unit_price")
LOAD_FIELDS = ("kg_per_m2",)
ITEM_FIELDS = {"material": MATERIAL_FIELDS, "hardware": HARDWARE_FIELDS, "load": LOAD_FIELDS}


def _frozen(mapping: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Catalog:
    root: Path
    models_dir: Path
    info: CatalogFile
    materials: Mapping[str, Material]
    finishes: Mapping[str, Finish]
    edgebands: Mapping[str, EdgeBanding]
    hardware: Mapping[str, HardwareItem]
    modules: Mapping[str, ModuleType]
    presets: Mapping[str, Preset]
    problems: tuple[Problem, ...] = ()
    skipped: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)
    machining: MachiningFile | None = None   # machining.toml: drilling rules and DXF layer templates
    slots: Mapping[str, MaterialSlot] = field(default_factory=dict)   # material slots (materials.toml [slots])

    def __post_init__(self) -> None:
        for name in ("materials", "finishes", "edgebands", "hardware", "modules", "presets", "skipped", "slots"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def version(self) -> str:
        return self.info.version

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def module(self, type_id: str) -> ModuleType:
        try:
            return self.modules[type_id]
        except KeyError:
            raise KeyError(f"catalog '{self.id}' has no module type '{type_id}'") from None

    @property
    def shelf_loads(self) -> Mapping[str, ShelfLoad]:
        return self.info.limits.shelf.loads

    def item_kind(self, param: Parameter) -> ItemKind | None:
        """'material', 'hardware' or 'load' (shelf load class) when every option names one, else None."""
        return option_item_kind(param, self.materials, self.hardware, self.shelf_loads)

    def item(self, kind: ItemKind, item_id: str) -> Material | HardwareItem | ShelfLoad:
        tables: dict[ItemKind, Mapping[str, Material | HardwareItem | ShelfLoad]] = {
            "material": self.materials, "hardware": self.hardware, "load": self.shelf_loads}
        return tables[kind][item_id]

    def item_fields(self, kind: ItemKind, item_id: str) -> dict[str, float]:
        """The numeric fields of an item that formulas may read."""
        item = self.item(kind, item_id)
        return {n: float(getattr(item, n)) for n in ITEM_FIELDS[kind] if getattr(item, n) is not None}

    def mesh_path(self, relative: str) -> Path:
        """The absolute path of a mesh referenced by the catalog (validated at load time)."""
        return self.models_dir / relative


def option_item_kind(param: Parameter, materials: Mapping[str, object], hardware: Mapping[str, object],
                     loads: Mapping[str, object] = MappingProxyType({})) -> ItemKind | None:
    if not param.options or not all(isinstance(o, str) for o in param.options):
        return None
    tables: tuple[tuple[ItemKind, Mapping[str, object]], ...] = (
        ("material", materials), ("hardware", hardware), ("load", loads))
    for kind, table in tables:
        if all(o in table for o in param.options):
            return kind
    return None
