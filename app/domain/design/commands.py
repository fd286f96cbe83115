"""Edit commands: every user edit as an object that can be applied and reverted.

Each command changes the design only through :class:`~app.domain.design.design.Design`'s
announcing methods, so undo and redo notify views exactly like the original
edit.  Commands hold what they need to revert (the previous record, removed
dependants and their order), so ``apply`` then ``revert`` restores the design
exactly.  :class:`UndoStack` keeps history with a clean mark (for "unsaved
changes") and merges consecutive edits that share a merge key, so a dragged
slider is one undo step.  A thin Qt wrapper can sit on top; nothing here needs Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Protocol

from app.domain.design.design import Design, PlacedModule, Value, Vec3


class Command(Protocol):
    label: str

    def apply(self, design: Design) -> None: ...
    def revert(self, design: Design) -> None: ...


@dataclass
class AddModule:
    module: PlacedModule
    index: int | None = None
    label: str = "Add module"

    def apply(self, design: Design) -> None:
        design.add(self.module, self.index)

    def revert(self, design: Design) -> None:
        design.remove(self.module.id)


@dataclass
class RemoveModule:
    """Remove a module and everything attached to it (inserts, stacked modules)."""

    module_id: str
    label: str = "Delete module"
    _removed: list[tuple[PlacedModule, int]] = field(default_factory=list, repr=False)

    def apply(self, design: Design) -> None:
        doomed = [self.module_id] + [m.id for m in design.descendants(self.module_id)]
        self._removed = [design.remove(mid) for mid in reversed(doomed)]

    def revert(self, design: Design) -> None:
        for module, index in reversed(self._removed):
            design.add(module, index)
        self._removed = []


@dataclass
class _ReplaceCommand:
    """Base for edits that swap one module record for a changed copy."""

    module_id: str
    label: str = "Edit"
    _before: PlacedModule | None = field(default=None, repr=False)
    _after: PlacedModule | None = field(default=None, repr=False)

    kind = "params"
    detail: str | None = None

    def changed(self, module: PlacedModule) -> PlacedModule:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply(self, design: Design) -> None:
        current = design.get(self.module_id)
        if self._before is None:
            self._before = current
        self._after = self.changed(current)
        design.replace(self._after, self.kind, self.detail)  # type: ignore[arg-type]

    def revert(self, design: Design) -> None:
        assert self._before is not None, "revert before apply"
        design.replace(self._before, self.kind, self.detail)  # type: ignore[arg-type]


@dataclass
class MoveModule(_ReplaceCommand):
    position: Vec3 = (0.0, 0.0, 0.0)
    label: str = "Move module"
    kind = "moved"

    def changed(self, module: PlacedModule) -> PlacedModule:
        x, y, z = self.position
        return replace(module, position=(float(x), float(y), float(z)))

    @property
    def merge_key(self) -> tuple[str, ...]:
        return ("move", self.module_id)


@dataclass
class RotateModule(_ReplaceCommand):
    rotation: int = 0
    label: str = "Rotate module"
    kind = "moved"

    def changed(self, module: PlacedModule) -> PlacedModule:
        return replace(module, rotation=self.rotation % 4)


@dataclass
class SetParameter(_ReplaceCommand):
    name: str = ""
    value: Value = 0.0
    label: str = "Change size"

    def __post_init__(self) -> None:
        self.detail = self.name

    def changed(self, module: PlacedModule) -> PlacedModule:
        params = dict(module.params)
        params[self.name] = self.value
        return replace(module, params=params)

    @property
    def merge_key(self) -> tuple[str, ...]:
        return ("param", self.module_id, self.name)


@dataclass
class SetFinish(_ReplaceCommand):
    finish: str = ""
    label: str = "Change finish"
    kind = "finish"

    def changed(self, module: PlacedModule) -> PlacedModule:
        return replace(module, finish=self.finish)


@dataclass
class Macro:
    """Several commands as one undo step (e.g. a fix that adds a support and resizes)."""

    commands: list[Command]
    label: str = "Edit"
    # Macros with the same key fold into one undo step when pushed with merge (a slider dragged over
    # a multi-selection or a unit in a run): the later macro's commands are replayed after the earlier's.
    merge_key: tuple[str, ...] | None = None

    def apply(self, design: Design) -> None:
        done = []
        try:
            for command in self.commands:
                command.apply(design)
                done.append(command)
        except Exception:
            for command in reversed(done):
                command.revert(design)
            raise

    def revert(self, design: Design) -> None:
        for command in reversed(self.commands):
            command.revert(design)


def fresh(command: Command) -> Command:
    """A copy of ``command`` that holds no state of an earlier apply (the 'before' it remembers).

    A command tried on a scratch copy of the design, then pushed onto the real one, must start
    from the real design's records.
    """
    if isinstance(command, Macro):
        return Macro([fresh(c) for c in command.commands], command.label, command.merge_key)
    if not is_dataclass(command):
        raise TypeError(f"cannot copy {type(command).__name__}")
    given = {f.name: getattr(command, f.name) for f in fields(command) if f.init and not f.name.startswith("_")}
    return type(command)(**given)


def _merge(older: object, newer: object) -> bool:
    """Fold ``newer`` into ``older`` when both edit the same thing continuously."""
    key_old = getattr(older, "merge_key", None)
    if key_old is None or key_old != getattr(newer, "merge_key", None):
        return False
    if isinstance(older, Macro) and isinstance(newer, Macro):
        older.commands.extend(newer.commands)   # revert undoes both, in reverse; redo replays both
        return True
    # Keep the older command's 'before', take the newer one's target.
    if isinstance(older, MoveModule):
        older.position = newer.position  # type: ignore[attr-defined]
    elif isinstance(older, SetParameter):
        older.value = newer.value  # type: ignore[attr-defined]
    older._after = newer._after  # type: ignore[attr-defined]
    return True


class UndoStack:
    """Linear history of applied commands with redo and a clean (saved) mark."""

    def __init__(self, design: Design, limit: int = 500):
        self.design = design
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._clean_depth: int | None = 0
        self._merge_open = False

    def push(self, command: Command, merge: bool = False) -> None:
        """Apply ``command`` and record it.  ``merge`` folds it into the previous edit of the same key."""
        command.apply(self.design)
        self._undone.clear()
        if merge and self._merge_open and self._done and _merge(self._done[-1], command):
            if self._clean_depth == len(self._done):
                self._clean_depth = None  # the merged step no longer matches the saved state
            return
        self._done.append(command)
        self._merge_open = merge
        if len(self._done) > self.limit:
            self._done.pop(0)
            if self._clean_depth is not None:
                self._clean_depth -= 1
                if self._clean_depth < 0:
                    self._clean_depth = None

    def end_merge(self) -> None:
        """Close the current merge run (a slider was released)."""
        self._merge_open = False

    def undo(self) -> bool:
        if not self._done:
            return False
        command = self._done.pop()
        command.revert(self.design)
        self._undone.append(command)
        self._merge_open = False
        return True

    def redo(self) -> bool:
        if not self._undone:
            return False
        command = self._undone.pop()
        command.apply(self.design)
        self._done.append(command)
        self._merge_open = False
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def set_clean(self) -> None:
        self._clean_depth = len(self._done)

    def mark_unclean(self) -> None:
        """No point in the history matches a saved file (a recovered design)."""
        self._clean_depth = None

    @property
    def is_clean(self) -> bool:
        return self._clean_depth == len(self._done)

    def clear(self) -> None:
        """Forget all history (a new design, or a kiosk reset)."""
        self._done.clear()
        self._undone.clear()
        self._clean_depth = 0
        self._merge_open = False
