"""What the customer sees after each undo step: the rules' report, the price, what the step changed.

:class:`StepFeedback` is the one place that checks the rules and quotes a
design after an edit, for the configurator's status bar and problems list and
the kiosk's price bar alike.  It runs once per undo step (the editing session
announces a step once) and both the rules engine and the quoter cache by
content, so only what the step touched is worked out again.
"""

from __future__ import annotations

from app.domain.catalog.catalog import Catalog
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.parts import PartsError
from app.domain.production.pricing import Quote, Quoter, change_text
from app.domain.rules.engine import RulesEngine, RulesReport


class StepFeedback:
    """Rules report, quote and price change of the design as it is after the last step."""

    def __init__(self, catalog: Catalog, engine: RulesEngine | None = None):
        self.engine = engine or RulesEngine(catalog)
        self.quoter = Quoter(catalog)
        self.report = RulesReport(())
        self.quote: Quote | None = None
        self.quote_error = ""     # why there is no price (a module that cannot be made)
        self.change = ""          # what the last step did to price and lead time: "+ 34.00 EUR, + 2 days"

    def update(self, design: Design, layout: Layout | None = None, report: RulesReport | None = None,
               compare: bool = True) -> None:
        """Check (unless ``report`` is the design's, already known) and quote ``design``.

        ``compare`` says what the step changed against the previous quote (False for another design).
        """
        self.report = report if report is not None else self.engine.check(design, layout)
        previous = self.quote if compare else None
        try:
            self.quote = self.quoter.quote(design, layout, self.report.required_hardware())
            self.quote_error = ""
        except PartsError as exc:
            self.quote, self.quote_error = None, str(exc)
        self.change = change_text(previous, self.quote) if previous is not None and self.quote else ""

    def clear(self) -> None:
        """Forget the last design's report and quote (a kiosk's next customer)."""
        self.report = RulesReport(())
        self.quote, self.quote_error, self.change = None, "", ""
