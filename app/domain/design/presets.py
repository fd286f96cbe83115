"""Start a design from a catalog preset, or an empty one."""

from __future__ import annotations

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design, PlacedModule


def design_from_preset(catalog: Catalog, preset_id: str) -> Design:
    """A new design holding the preset's modules (default finish where the preset names none)."""
    try:
        preset = catalog.presets[preset_id]
    except KeyError:
        raise KeyError(f"catalog '{catalog.id}' has no preset '{preset_id}'") from None
    modules = []
    for pm in preset.modules:
        mtype = catalog.module(pm.type)
        modules.append(PlacedModule(
            id=pm.id, type_id=pm.type, params=dict(pm.params), finish=pm.finish or mtype.default_finish,
            position=pm.position, rotation=pm.rotation, attach=pm.attach, to=pm.to))
    return Design(catalog.id, catalog.version, preset.name, modules)


def empty_design(catalog: Catalog, name: str = "Untitled design") -> Design:
    return Design(catalog.id, catalog.version, name)
