"""What the rules engine reports: findings, their measured values, and fixes the program can apply.

A :class:`Finding` says what is wrong in words a customer understands, with the
measured value and the limit (and their unit), which modules it concerns, a
stable ``code`` (tests, the UI and translations key on it), and its severity:
``error`` (cannot be ordered) or ``warning`` (can be ordered, the customer
should know).  A :class:`Fix` builds the domain command that resolves it, from
the design as it is when the customer presses the button, so applying it is one
undoable edit.  Findings may also require hardware (a wall anchor), which the
bill of materials adds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from app.domain.design.commands import Command
from app.domain.design.design import Design
from app.domain.production.tally import ExtraHardware

Severity = Literal["error", "warning"]
SEVERITY_ORDER = {"error": 0, "warning": 1}
FindingKey = tuple[str, tuple[str, ...]]   # a finding's code and the modules concerned


@dataclass(frozen=True)
class Measure:
    """A measured value against its limit, e.g. sag 4.2 mm against 3.2 mm allowed."""

    value: float
    limit: float
    unit: str
    what: str = ""          # "sag", "leaf width", ...

    def text(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.what + ' ' if self.what else ''}{_num(self.value)}{unit} (limit {_num(self.limit)}{unit})"


def _num(value: float) -> str:
    return f"{value:.1f}" if abs(value - round(value)) > 0.05 else f"{round(value):d}"


@dataclass(frozen=True)
class Fix:
    """One way to resolve a finding: ``build(design)`` returns the command to push (or None if stale)."""

    label: str
    build: Callable[[Design], Command | None] = field(compare=False)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    modules: tuple[str, ...]
    message: str
    measure: Measure | None = None
    fixes: tuple[Fix, ...] = ()
    requires: tuple[ExtraHardware, ...] = ()   # hardware the BOM must add because of this finding
    values: tuple[tuple[str, float], ...] = ()  # extra figures for views, e.g. (("sag_mm", 4.2),)

    @property
    def key(self) -> FindingKey:
        """Identifies the same problem across checks (the code and the modules concerned)."""
        return self.code, self.modules

    def value(self, name: str, default: float | None = None) -> float | None:
        return dict(self.values).get(name, default)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings; within each, in the order the modules appear."""
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
