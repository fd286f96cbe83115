"""The rules' findings in the customer's language.

The rules engine words its messages in English; the kiosk words them again from
each finding's stable ``code``, its measured value and limit, and the module's
translated name (:class:`~app.domain.catalog.texts.CatalogTexts`).  A catalog's
own compatibility rules are translated by the catalog's translation files.  A
code the kiosk does not know yet gets a general sentence in the customer's
language rather than English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.catalog.texts import CatalogTexts
from app.domain.design.design import Design, DesignError
from app.domain.rules.engine import RulesReport
from app.domain.rules.findings import Finding
from app.ui.kiosk.i18n import number


def _fill(template: str, *values: str) -> str:
    for i, value in enumerate(values, start=1):
        template = template.replace(f"%{i}", value)
    return template


def finding_text(finding: Finding, design: Design, texts: CatalogTexts, language: str) -> str:
    try:
        module = design.get(finding.modules[0]) if finding.modules else None
    except DesignError:
        module = None
    name = texts.module_name(module.type_id) if module is not None else ""
    m = finding.measure
    value = number(m.value, language, 1 if m and m.value % 1 else 0) if m else ""
    limit = number(m.limit, language, 1 if m and m.limit % 1 else 0) if m else ""
    code = finding.code
    if code.startswith("compat."):
        return texts.rule_message(code.removeprefix("compat."))
    if code == "shelf.sag":
        return _fill(QCoreApplication.translate("Feedback", "This shelf would sag %1 mm under its load; we allow %2 mm. A thicker board or a "  # noqa: E501 (one literal: lupdate extracts it whole)
                        "narrower unit helps."), value, limit)
    if code == "stability.anchor":
        return QCoreApplication.translate("Feedback", "This unit is fixed to the wall so it cannot tip over. The wall anchor kit is included.")  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "stability.cannot_anchor":
        return QCoreApplication.translate("Feedback", "This unit would need fixing to the wall, but it cannot be anchored.")  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "door.leaf_width":
        return _fill(QCoreApplication.translate("Feedback", "A door %1 mm wide is wider than our hinges hold (%2 mm): choose two doors."), value, limit)  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "door.hinges":
        return QCoreApplication.translate("Feedback", "This door is too heavy or too tall for our hinges: choose two doors or a lower unit.")  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "drawer.runner_depth":
        return QCoreApplication.translate("Feedback", "The drawer runners do not fit this unit's depth.")
    if code == "drawer.load":
        return _fill(QCoreApplication.translate("Feedback", "A full drawer this size holds about %1 kg; its runners carry %2 kg."), value, limit)  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "assembly.overlap":
        return _fill(QCoreApplication.translate("Feedback", "Two parts would be in the same place (%1)."), name)
    if code in ("assembly.height", "assembly.room_height"):
        return _fill(QCoreApplication.translate("Feedback", "This unit would be %1 mm tall; we build up to %2 mm."), value, limit)  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "assembly.tilt_up":
        return QCoreApplication.translate("Feedback", "This unit will be assembled upright in your room.")
    if code.startswith(("param.", "part.")):
        return _fill(QCoreApplication.translate("Feedback", "The %1 cannot be made at this size."), name)
    return _fill(QCoreApplication.translate("Feedback", "The workshop has to look at this design (%1)."), code)


def summary_text(report: RulesReport | None) -> tuple[str, str]:
    """(text, tone) for the status line: 'Ready to order' or how many problems."""
    if report is None:
        return "", "ok"
    errors = len(report.errors)
    if errors:
        return QCoreApplication.translate("Feedback", "%n problem(s) to solve", None, errors), "error"
    return QCoreApplication.translate("Feedback", "Ready to order"), "warning" if report.warnings else "ok"
