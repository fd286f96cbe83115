"""Evaluate a module type's formulas at given parameter values.

The single place that builds the names a formula sees: the module's constants,
its parameter values (defaults where a value is missing), option values that
name catalog items as :class:`ItemValue` (so ``material.thickness`` works), and
for inserts the host's size and opening (``opening_width`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.formulas import ItemValue
from app.domain.catalog.model import ModuleType

Value = float | str
Vec3 = tuple[float, float, float]
Opening = tuple[float, float, float, float, float, float]  # x, y, z, width, height, depth


@dataclass(frozen=True)
class HostGeometry:
    """What a host offers to the module placed in or on it, in the host's coordinates."""

    width: float
    height: float
    depth: float
    opening: Opening | None

    def names(self) -> dict[str, float]:
        names = {"host_width": self.width, "host_height": self.height, "host_depth": self.depth}
        ox, oy, oz, ow, oh, od = self.opening or (0.0, 0.0, 0.0, self.width, self.height, self.depth)
        names.update(opening_x=ox, opening_y=oy, opening_z=oz,
                     opening_width=ow, opening_height=oh, opening_depth=od)
        return names


def resolve_params(mtype: ModuleType, values: Mapping[str, Value],
                   host: HostGeometry | None = None) -> dict[str, Value]:
    """Every parameter's value: the given one, the host's for bound ones, else the default."""
    host_names = host.names() if host else {}
    resolved: dict[str, Value] = {}
    for name, param in mtype.params.items():
        if param.from_host is not None and param.from_host in host_names:
            resolved[name] = host_names[param.from_host]
        elif name in values:
            resolved[name] = values[name]
        elif param.default is not None:
            resolved[name] = param.default
        else:  # bound to a host but placed without one: the smallest allowed value
            resolved[name] = param.min if param.min is not None else 0.0
    return resolved


def module_env(catalog: Catalog, mtype: ModuleType, params: Mapping[str, Value],
               host: HostGeometry | None = None) -> dict[str, object]:
    """The names a formula of ``mtype`` may use, at these (resolved) parameter values."""
    env: dict[str, object] = dict(mtype.constants)
    for name, value in params.items():
        param = mtype.params.get(name)
        kind = catalog.item_kind(param) if param is not None else None
        if kind is not None and isinstance(value, str):
            env[name] = ItemValue(value, catalog.item_fields(kind, value))
        else:
            env[name] = value
    if host is not None:
        env.update(host.names())
    return env


def module_size(mtype: ModuleType, env: Mapping[str, object]) -> Vec3:
    return (mtype.size.x.number(env), mtype.size.y.number(env), mtype.size.z.number(env))


def module_opening(mtype: ModuleType, env: Mapping[str, object]) -> Opening | None:
    o = mtype.opening
    if o is None:
        return None
    return (o.x.number(env), o.y.number(env), o.z.number(env),
            o.width.number(env), o.height.number(env), o.depth.number(env))
