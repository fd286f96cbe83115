"""Corner designs: every module type at the corners of its numeric parameter ranges.

A *corner* of a module type sets each of its own numeric parameters (those not
taken from a host) to its ``min`` or to its largest allowed value (the last step
at or below ``max``); a type with ``n`` such parameters has ``2 ** n`` corners,
and a type with none has one, at its defaults.  Option parameters keep their
defaults.

Each corner is placed alone in a design, the way the catalog's presets place
that type:

* the *usual host*: the host type the presets put this type on or in most often
  (ties: the first in preset order); a type the presets never host that cannot
  stand on the floor or hang on the wall goes into (or onto) the first module
  type of a category it accepts; a type the presets stand on the floor or hang on
  the wall stands alone;
* the host is placed the same way in turn (a drawer in a base cabinet on a
  plinth), with its default values, except that a host parameter of the same
  name as a numeric parameter of the module it carries takes that value, brought
  to the nearest one the host allows (a plinth under a 300 mm wide cabinet is
  300 mm wide; under a 2700 mm top the cabinet is as wide as it may be);
* every module gets its type's default finish; positions come from
  :func:`app.domain.design.placement.find_spot`, as when the configurator places it.

``corner_designs(catalog)`` yields them in catalog order; ``catalog check`` and
the price tests run every one.  Later checks of the whole solution space (options,
inserts in every host, samples inside the ranges) add to this; the corners stay.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout, default_position
from app.domain.design.placement import Spot, find_spot
from app.domain.design.solution_space import numeric_limits, snap


class CornerError(ValueError):
    """A corner that cannot be placed (no host accepts it, or no free spot in the host)."""


@dataclass(frozen=True)
class CornerDesign:
    type_id: str
    values: tuple[tuple[str, float], ...]   # the corner: (parameter, value), in the type's order
    design: Design                          # the module (id "m") and its hosts ("h1", "h2" ...)

    @property
    def label(self) -> str:
        return corner_label(self.type_id, dict(self.values))


def corner_label(type_id: str, values: Mapping[str, float]) -> str:
    """``"base_cabinet width=300 height=400 depth=350"`` (``"door (defaults)"`` without corners)."""
    if not values:
        return f"{type_id} (defaults)"
    return type_id + " " + " ".join(f"{name}={value:g}" for name, value in values.items())


def corner_parameters(mtype: ModuleType) -> list[str]:
    """The parameters whose ranges the corners span: numeric and chosen, not taken from a host."""
    return [name for name, param in mtype.params.items() if param.is_numeric and param.from_host is None]


def corners(mtype: ModuleType) -> list[dict[str, float]]:
    """Every combination of min and largest allowed value of :func:`corner_parameters`."""
    names = corner_parameters(mtype)
    ends = []
    for name in names:
        low, high, _ = numeric_limits(mtype.params[name])
        ends.append(sorted({low, high}))
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*ends)]


def usual_host(catalog: Catalog, type_id: str) -> tuple[str, str] | None:
    """(attach, host type) the presets use most for ``type_id``; ``None`` when it stands alone."""
    mtype = catalog.module(type_id)
    seen: Counter[tuple[str, str | None]] = Counter()
    for preset in catalog.presets.values():
        types = {pm.id: pm.type for pm in preset.modules}
        for pm in preset.modules:
            if pm.type == type_id:
                seen[(pm.attach, types.get(pm.to) if pm.to else None)] += 1
    if seen:
        (attach, host), _ = seen.most_common(1)[0]
        return (attach, host) if host is not None else None
    support = mtype.attach.support
    if "floor" in support or "wall" in support:
        return None
    attach = "in" if "in" in support else "on"
    for hid, htype in catalog.modules.items():
        if htype.category in mtype.attach.hosts:
            return attach, hid
    raise CornerError(f"module type '{type_id}': no module type of the categories {mtype.attach.hosts} can host it")


def _host_values(catalog: Catalog, host_type: str, carried: Mapping[str, Value]) -> dict[str, Value]:
    htype = catalog.module(host_type)
    values: dict[str, Value] = {}
    for name in corner_parameters(htype):
        value = carried.get(name)
        if isinstance(value, (int, float)):
            values[name] = snap(htype.params[name], float(value)).value
    return values


def _chain(catalog: Catalog, type_id: str, values: dict[str, Value]) -> list[tuple[str, dict[str, Value], str]]:
    """[(type, values, how it is held)] from the bottom host up to the module itself."""
    chain: list[tuple[str, dict[str, Value], str]] = []
    current, current_values = type_id, values
    while True:
        host = usual_host(catalog, current)
        chain.append((current, current_values, host[0] if host else ""))
        if host is None:
            return list(reversed(chain))
        if len(chain) > len(catalog.modules):
            raise CornerError(f"module type '{type_id}': the presets' hosts go round in a circle")
        current, current_values = host[1], _host_values(catalog, host[1], current_values)


def corner_design(catalog: Catalog, type_id: str, values: Mapping[str, Value]) -> Design:
    """One module of ``type_id`` at ``values``, on or in its usual hosts (see the module docstring)."""
    design = Design(catalog.id, catalog.version, f"corner {type_id}")
    host_id: str | None = None
    chain = _chain(catalog, type_id, dict(values))
    for depth, (tid, params, attach) in enumerate(chain):
        module_id = "m" if depth == len(chain) - 1 else f"h{depth + 1}"
        spot: Spot | None
        if attach == "on" and host_id is not None:   # stacked: on the host, where its place formulas say
            host = Layout(catalog, design).state(host_id)
            spot = Spot("on", host_id, default_position(catalog, tid, host, params))
        else:
            spot = find_spot(catalog, design, tid, host_id, params)
        if spot is None:
            where = f"in '{host_id}' ({chain[depth - 1][0]})" if host_id else "in the room"
            raise CornerError(f"module type '{type_id}' at {dict(values)}: no free spot for '{tid}' {where}")
        design.add(PlacedModule(module_id, tid, dict(params), catalog.module(tid).default_finish,
                                spot.position, 0, spot.attach, spot.to))
        host_id = module_id
    return design


def corner_designs(catalog: Catalog) -> Iterator[CornerDesign]:
    """Every module type at every corner of its numeric parameter ranges, each alone in a design."""
    for type_id, mtype in catalog.modules.items():
        for values in corners(mtype):
            yield CornerDesign(type_id, tuple(values.items()), corner_design(catalog, type_id, values))
