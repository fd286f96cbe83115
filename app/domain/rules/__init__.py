"""Manufacturing rules: what can be made, why not, and the nearest fix (no Qt, no VTK).

``RulesEngine(catalog).check(design)`` gives a :class:`RulesReport` of
:class:`Finding` objects (errors first); ``engine.fixes(design, finding)`` the
one-click :class:`Fix` objects for one of them.  Every limit and coefficient
comes from the catalog.  See docs/rules.md.
"""

from app.domain.rules.engine import RulesEngine, RulesReport, check_design
from app.domain.rules.findings import Finding, Fix, Measure

__all__ = ["Finding", "Fix", "Measure", "RulesEngine", "RulesReport", "check_design"]
