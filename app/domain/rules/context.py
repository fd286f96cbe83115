"""What every rule reads: the design resolved against the catalog, with parts, memoised.

:class:`CheckContext` wraps one design: its :class:`~app.domain.design.layout.Layout`
(sizes, places, host geometry), the parts of each module (through a shared
:class:`~app.domain.production.parts.PartsCache`), and the names a module's formulas see.
It also builds *trial* designs for fixes: a small copy holding only a module, its
hosts and what it carries, with one record changed, so a fix is tried in well
under a millisecond however large the design is.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, MutableMapping
from typing import Any

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType, Parameter
from app.domain.design.design import Design, PlacedModule, Value
from app.domain.design.layout import Layout, LayoutError, ModuleState
from app.domain.production.parts import ModuleParts, PartsCache, PartsError
from app.domain.rules.findings import Finding, Fix

ModuleRule = Callable[["CheckContext", str], list[Finding]]   # (context, module id) -> findings
DesignRule = Callable[["CheckContext"], list[Finding]]        # (context) -> findings


class CheckContext:
    """``module_rules`` and ``design_rules`` are the engine's checks, used to judge trial designs;
    ``accepts(fix)`` is the engine's final word on a fix, tried on the whole design."""

    def __init__(self, catalog: Catalog, design: Design, layout: Layout | None = None,
                 parts_cache: PartsCache | None = None, module_rules: tuple[ModuleRule, ...] = (),
                 design_rules: tuple[DesignRule, ...] = (), accepts: Callable[[Fix], bool] | None = None):
        self.catalog = catalog
        self.design = design
        self.layout = layout if layout is not None else Layout(catalog, design)
        self.parts_cache = parts_cache if parts_cache is not None else PartsCache(catalog)
        self.module_rules = module_rules
        self.design_rules = design_rules
        # Design rules' results by what they were computed from (the engine's own).
        self.memo: MutableMapping[Hashable, Any] = {}
        self.accepts = accepts or (lambda _fix: True)

    def module_findings(self, module_id: str) -> list[Finding]:
        return [f for rule in self.module_rules for f in rule(self, module_id)]

    def local_findings(self) -> list[Finding]:
        """Every finding of this (small, trial) design."""
        found = [f for mid in self.design.ids() for f in self.module_findings(mid)]
        return found + [f for rule in self.design_rules for f in rule(self)]

    # ----------------------------------------------------------------- reading
    def state(self, module_id: str) -> ModuleState | None:
        """The resolved module, or None when it cannot be resolved (reported by the engine)."""
        try:
            return self.layout.state(module_id)
        except (LayoutError, KeyError, ValueError):
            return None

    def parts(self, module_id: str) -> ModuleParts | None:
        state = self.state(module_id)
        if state is None:
            return None
        try:
            return self.parts_cache.parts(state)
        except PartsError:
            return None

    def mtype(self, module_id: str) -> ModuleType:
        return self.catalog.module(self.design.get(module_id).type_id)

    def name(self, module_id: str) -> str:
        """The module type's name in lower case, for sentences ("the tall cabinet")."""
        mtype = self.catalog.modules.get(self.design.get(module_id).type_id)
        return mtype.name.lower() if mtype else module_id

    def host(self, module_id: str) -> str | None:
        return self.design.get(module_id).to

    def ancestors(self, module_id: str) -> list[str]:
        """Hosts from the nearest up to the root."""
        found = []
        current = self.design.get(module_id).to
        while current is not None:
            found.append(current)
            current = self.design.get(current).to
        return found

    # ------------------------------------------------------------------ trials
    def local_ids(self, module_id: str) -> list[str]:
        """The module, its hosts and everything it carries, in design order."""
        wanted = {module_id, *self.ancestors(module_id), *(m.id for m in self.design.descendants(module_id))}
        return [mid for mid in self.design.ids() if mid in wanted]

    def trial(self, changed: PlacedModule, around: str | None = None) -> CheckContext:
        """A context on a small design around ``around`` (default: the changed module) with ``changed`` in it."""
        ids = self.local_ids(around or changed.id)
        modules = [changed if mid == changed.id else self.design.get(mid) for mid in ids]
        trial = self.design.copy(modules)
        return CheckContext(self.catalog, trial, parts_cache=self.parts_cache, module_rules=self.module_rules,
                            design_rules=self.design_rules)

    def neighbourhood(self, module_id: str) -> CheckContext:
        """The small design around a module, unchanged: what trials are compared with."""
        return self.trial(self.design.get(module_id))

    def with_param(self, module_id: str, name: str, value: Value, around: str | None = None) -> CheckContext:
        module = self.design.get(module_id)
        params = dict(module.params)
        params[name] = value
        return self.trial(PlacedModule(module.id, module.type_id, params, module.finish, module.position,
                                       module.rotation, module.attach, module.to), around)


def user_params(mtype: ModuleType) -> Mapping[str, Parameter]:
    """The parameters the customer chooses (not those taken from the host)."""
    return {name: p for name, p in mtype.params.items() if not p.from_host}
