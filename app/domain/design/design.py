"""A design: the modules a customer has placed, and the only ways to change them.

A :class:`PlacedModule` is an instance of a catalog module type with its own
parameter values, finish, position and quarter-turn rotation, and what it is
attached to: the floor, the wall, on top of another module (``on``), or inserted
into a host (``in``).  Positions of ``on``/``in`` modules are relative to their
host, so inserts and stacked modules follow their host when it moves.

Every change goes through a handful of :class:`Design` methods that announce it
to listeners with a typed :class:`DesignEvent` (what changed, for which module),
so views update only what an edit touched.  Edits the user makes are
:mod:`app.domain.design.commands` objects built on these methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

AttachKind = Literal["floor", "wall", "on", "in"]
Value = float | str
Vec3 = tuple[float, float, float]

ChangeKind = Literal["added", "removed", "moved", "params", "finish", "reset", "room"]
DoorOpening = tuple[float, float]   # the room's door the furniture is carried through: width, height in mm


@dataclass(frozen=True)
class PlacedModule:
    """One module in a design.  Immutable: a change replaces the record."""

    id: str
    type_id: str
    params: dict[str, Value] = field(default_factory=dict)
    finish: str = ""
    position: Vec3 = (0.0, 0.0, 0.0)
    rotation: int = 0  # quarter turns about Z, counter-clockwise seen from above
    attach: AttachKind = "floor"
    to: str | None = None  # host id for 'on' and 'in'

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", dict(self.params))
        object.__setattr__(self, "position", tuple(float(v) for v in self.position))
        if self.rotation not in (0, 1, 2, 3):
            raise ValueError(f"module '{self.id}': rotation must be 0-3 quarter turns, got {self.rotation}")
        if (self.attach in ("on", "in")) != (self.to is not None):
            raise ValueError(f"module '{self.id}': attach '{self.attach}' and to={self.to!r} do not agree")

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id, "type": self.type_id, "params": dict(self.params), "finish": self.finish,
            "position": list(self.position), "rotation": self.rotation, "attach": self.attach}
        if self.to is not None:
            data["to"] = self.to
        return data


@dataclass(frozen=True)
class DesignEvent:
    kind: ChangeKind
    module_id: str | None = None
    detail: str | None = None  # e.g. the parameter name for 'params'


Listener = Callable[[DesignEvent], None]


class DesignError(ValueError):
    """An edit that would break the design's structure (unknown id, host missing...)."""


class Design:
    """An ordered collection of placed modules with change notification."""

    def __init__(self, catalog_id: str, catalog_version: str, name: str = "Untitled design",
                 modules: list[PlacedModule] | None = None, room_height: float | None = None,
                 door_opening: DoorOpening | None = None):
        self.catalog_id = catalog_id
        self.catalog_version = catalog_version
        self.name = name
        self.room_height = room_height
        self.door_opening = door_opening
        self._modules: dict[str, PlacedModule] = {}
        self._children: dict[str, list[str]] | None = None   # host id -> attached ids, rebuilt lazily
        self._listeners: list[Listener] = []
        for module in modules or []:
            self._insert(module)

    # ------------------------------------------------------------------ reading
    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[PlacedModule]:
        return iter(list(self._modules.values()))

    def __contains__(self, module_id: object) -> bool:
        return module_id in self._modules

    def get(self, module_id: str) -> PlacedModule:
        try:
            return self._modules[module_id]
        except KeyError:
            raise DesignError(f"no module '{module_id}' in the design") from None

    def ids(self) -> list[str]:
        return list(self._modules)

    def children(self, module_id: str) -> list[PlacedModule]:
        """What is attached directly to the module, in design order."""
        if self._children is None:   # one pass over the design serves every lookup until the next change
            self._children = {}
            for module in self._modules.values():
                if module.to is not None:
                    self._children.setdefault(module.to, []).append(module.id)
        return [self._modules[c] for c in self._children.get(module_id, ())]

    def descendants(self, module_id: str) -> list[PlacedModule]:
        """Everything attached to the module, directly or through others, hosts first."""
        found: list[PlacedModule] = []
        queue = [module_id]
        while queue:
            current = queue.pop(0)
            for child in self.children(current):
                found.append(child)
                queue.append(child.id)
        return found

    def new_id(self, prefix: str = "m") -> str:
        n = len(self._modules) + 1
        while f"{prefix}{n}" in self._modules:
            n += 1
        return f"{prefix}{n}"

    def snapshot(self) -> list[PlacedModule]:
        return list(self._modules.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Design):
            return NotImplemented
        return (self.catalog_id, self.catalog_version, self.name, self.room_height, self.door_opening,
                self.snapshot()) == \
               (other.catalog_id, other.catalog_version, other.name, other.room_height, other.door_opening,
                other.snapshot())

    def copy(self, modules: list[PlacedModule] | None = None) -> Design:
        """A scratch copy for trial edits: same catalog, name and room, no listeners.

        The module records are shared, not copied: they are immutable, and an edit
        on the copy replaces records instead of changing them.  ``modules`` gives
        the copy another set of records (a small design around one module).
        """
        return Design(self.catalog_id, self.catalog_version, self.name,
                      self.snapshot() if modules is None else modules, self.room_height, self.door_opening)

    # ---------------------------------------------------------------- listening
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: DesignEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # ----------------------------------------------------------------- changing
    def _insert(self, module: PlacedModule, index: int | None = None) -> None:
        if module.id in self._modules:
            raise DesignError(f"a module with id '{module.id}' is already in the design")
        if module.to is not None and module.to not in self._modules:
            raise DesignError(f"module '{module.id}' is attached to '{module.to}', which is not in the design")
        self._children = None
        if index is None or index >= len(self._modules):
            self._modules[module.id] = module
        else:
            items = list(self._modules.items())
            items.insert(index, (module.id, module))
            self._modules = dict(items)

    def add(self, module: PlacedModule, index: int | None = None) -> None:
        self._insert(module, index)
        self._emit(DesignEvent("added", module.id))

    def remove(self, module_id: str) -> tuple[PlacedModule, int]:
        """Remove one module (its dependants must be removed first); returns it and its index."""
        module = self.get(module_id)
        if self.children(module_id):
            raise DesignError(f"module '{module_id}' still carries {[c.id for c in self.children(module_id)]}")
        index = list(self._modules).index(module_id)
        del self._modules[module_id]
        self._children = None
        self._emit(DesignEvent("removed", module_id))
        return module, index

    def replace(self, module: PlacedModule, kind: ChangeKind, detail: str | None = None) -> PlacedModule:
        """Swap in a changed record of the same module; returns the previous one."""
        old = self.get(module.id)
        if module.to is not None and module.to not in self._modules:
            raise DesignError(f"module '{module.id}' would be attached to missing '{module.to}'")
        if module.to != old.to:
            self._children = None
        self._modules[module.id] = module
        self._emit(DesignEvent(kind, module.id, detail))
        return old

    def set_room(self, room_height: float | None, door_opening: DoorOpening | None) -> None:
        """Change the room the design stands in (its ceiling height, the door it comes through)."""
        self.room_height = room_height
        self.door_opening = door_opening
        self._emit(DesignEvent("room"))

    def reset(self, modules: list[PlacedModule], name: str | None = None) -> None:
        """Replace everything at once (open a file, start from a preset)."""
        self._modules = {}
        self._children = None
        for module in modules:
            self._insert(module)
        if name is not None:
            self.name = name
        self._emit(DesignEvent("reset"))


def moved(module: PlacedModule, position: Vec3) -> PlacedModule:
    return replace(module, position=(float(position[0]), float(position[1]), float(position[2])))


def with_param(module: PlacedModule, name: str, value: Value) -> PlacedModule:
    params = dict(module.params)
    params[name] = value
    return replace(module, params=params)
