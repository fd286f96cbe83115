"""Checks of catalog.toml entries that name things defined in other files.

``catalog.toml`` is read first, so its references (the wall-anchor hardware item,
the module types and formula names of the compatibility rules) are checked once
materials, hardware and modules are loaded.  A bad compatibility rule is left
out with a problem naming the file, the rule and the field; a missing anchor
item is an error too (without it an unstable unit could not be made safe).
"""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.catalog.model import CatalogFile, HardwareItem, ModuleType
from app.domain.problems import Problem

RULE_NAMES = frozenset({"finish"})   # what a compatibility formula sees besides the module's own names


def check_head_references(info: CatalogFile, file: str, hardware: Mapping[str, HardwareItem],
                          modules: Mapping[str, ModuleType],
                          host_names: frozenset[str]) -> tuple[CatalogFile, list[Problem]]:
    """``info`` without the compatibility rules that cannot work, and the problems found."""
    problems: list[Problem] = []
    anchor = info.limits.stability.anchor_item
    item = hardware.get(anchor)
    if item is None:
        problems.append(Problem(file, "", "limits.stability.anchor_item", f"unknown hardware item '{anchor}'"))
    elif item.kind != "wall_anchor":
        problems.append(Problem(file, "", "limits.stability.anchor_item",
                                f"'{anchor}' is a {item.kind}, not a wall_anchor"))
    good = []
    for i, rule in enumerate(info.compatibility):
        where = f"compatibility[{i}]"
        entry = f"rule '{rule.id}'"
        found = []
        for j, type_id in enumerate(rule.modules):
            mtype = modules.get(type_id)
            if mtype is None:
                found.append(Problem(file, entry, f"{where}.modules[{j}]",
                                     f"unknown or left-out module type '{type_id}'"))
                continue
            names = set(mtype.params) | set(mtype.constants) | RULE_NAMES
            if mtype.attach.place is not None:
                names |= host_names
            for key in ("when", "require"):
                formula = getattr(rule, key)
                unknown = sorted(formula.names - names) if formula is not None else []
                if unknown:
                    found.append(Problem(file, entry, f"{where}.{key}",
                                         f"formula '{formula.source}' uses {unknown}, which module '{type_id}' "
                                         f"does not have (allowed: {', '.join(sorted(names))})"))
        problems += found
        if not found:
            good.append(rule)
    if len(good) != len(info.compatibility):
        info = info.model_copy(update={"compatibility": good})
    return info, problems
