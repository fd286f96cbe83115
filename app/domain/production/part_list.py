"""The merged part list: identical panels counted together under a stable part number.

Two panels are *identical* when the workshop cannot tell them apart: same
material, decor, thickness, finished and cut sizes, grain and banding per edge,
and, for fronts on hinges, the side they are hinged on (the hinge cups are
drilled on that edge).
A cabinet's top and bottom are usually identical and become one line with
quantity 2, labelled "Bottom / Top".

The part number is derived from that content alone (``P-`` and the first six hex
digits of a SHA-1 of a canonical text of it), never from a position in a list:
the same panel keeps its number across runs, machines and edits elsewhere in
the design.  Should two different panels of one design ever share six digits,
both get as many more digits as it takes to tell them apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.production.parts import BoardPiece, ModuleParts, Panel
from app.domain.production.quantities import plain

NUMBER_PREFIX = "P-"
NUMBER_DIGITS = 6


@dataclass(frozen=True)
class BomPart(BoardPiece):
    number: str
    names: tuple[str, ...]          # catalog part names merged here, sorted
    roles: tuple[str, ...]
    material: str
    finish: str
    thickness: Decimal
    length: Decimal                 # finished, along the grain
    width: Decimal
    cut_length: Decimal
    cut_width: Decimal
    grain: str
    edges: tuple[tuple[str, str], ...]
    finished_size: bool
    qty: int
    modules: tuple[str, ...]        # module ids it comes from, in design order
    density: Decimal
    hinge: str = ""                 # 'left' or 'right' for a front on hinges

    @property
    def label(self) -> str:
        return " / ".join(self.names)



# What makes two panels the same part: material, finish, thickness, length, width, cut length,
# cut width, grain, edges, finished size, hinge side (see identity()).
PanelKey = tuple[str, str, Decimal, Decimal, Decimal, Decimal, Decimal, str, tuple[tuple[str, str], ...], bool, str]


def identity(panel: Panel, hinge: str = "") -> PanelKey:
    return (panel.material, panel.finish, panel.thickness, panel.length, panel.width, panel.cut_length,
            panel.cut_width, panel.grain, panel.edges, panel.finished_size, hinge)


def canonical_text(key: PanelKey) -> str:
    """The text a part number is hashed from; changing it renumbers every part, so it never changes.

    (The hinge side is appended only for hinged fronts, so every other part kept its number when
    the hinge side came in.)
    """
    material, finish, thickness, length, width, cut_length, cut_width, grain, edges, finished, hinge = key
    bands = ",".join(f"{edge}={band}" for edge, band in edges)
    text = (f"{material}|{finish}|t{plain(thickness)}|{plain(length)}x{plain(width)}"
            f"|cut {plain(cut_length)}x{plain(cut_width)}|grain {grain}|{bands}|{'finished' if finished else 'cut'}")
    return f"{text}|hinge {hinge}" if hinge else text


def _digest(key: PanelKey) -> str:
    return hashlib.sha1(canonical_text(key).encode("utf-8")).hexdigest().upper()


def part_numbers(keys: Iterable[PanelKey]) -> dict[PanelKey, str]:
    """A stable number for each distinct key, long enough to be unique among them."""
    digests = {key: _digest(key) for key in set(keys)}
    numbers: dict[PanelKey, str] = {}
    for key, digest in digests.items():
        digits = NUMBER_DIGITS
        while any(other != key and d[:digits] == digest[:digits] for other, d in digests.items()):
            digits += 2
        numbers[key] = NUMBER_PREFIX + digest[:digits]
    return numbers


@dataclass
class _Group:
    """Identical panels gathered from the modules: the first one, and what the others add."""

    panel: Panel
    qty: int = 0
    names: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    modules: list[str] = field(default_factory=list)


def merge_parts(modules: Iterable[ModuleParts]) -> tuple[BomPart, ...]:
    """Identical panels of all modules merged, sorted by stock, then largest first, then number."""
    groups: dict[PanelKey, _Group] = {}
    for module in modules:
        for panel in module.panels:
            # The pieces of one line may be hinged on different sides (a pair of doors): one row each.
            sides = Counter(panel.hinges) if panel.hinges else Counter({"": panel.count})
            for hinge, count in sides.items():
                key = identity(panel, hinge)
                group = groups.get(key)
                if group is None:
                    group = groups[key] = _Group(panel)
                group.qty += count
                group.names.add(panel.name)
                group.roles.add(panel.role)
                if module.module_id not in group.modules:
                    group.modules.append(module.module_id)
    numbers = part_numbers(groups)
    merged = []
    for key, group in groups.items():
        first = group.panel
        merged.append(BomPart(numbers[key], tuple(sorted(group.names)), tuple(sorted(group.roles)),
                              first.material, first.finish, first.thickness, first.length, first.width,
                              first.cut_length, first.cut_width, first.grain, first.edges, first.finished_size,
                              group.qty, tuple(group.modules), first.density, key[-1]))
    merged.sort(key=lambda p: (p.material, p.finish, -p.cut_length * p.cut_width, p.number))
    return tuple(merged)
