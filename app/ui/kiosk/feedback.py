"""The rules' findings in the customer's language.

The rules engine words its messages in English; the kiosk words them again from
each finding's stable ``code``, its measured value and limit, and the module's
translated name (:class:`~app.domain.catalog.texts.CatalogTexts`).  A catalog's
own compatibility rules are translated by the catalog's translation files.  A
code the kiosk does not know yet gets a general sentence in the customer's
language rather than English.

:func:`feedback_lines` turns a whole report into the lines the customer reads:
each names the unit it speaks of ("Part 2: ...", the number of the kiosk's unit
button), findings that read the same are merged into one line naming all their
units ("Parts 1 and 2: ..."), and no line is ever shown twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from app.domain.catalog.texts import CatalogTexts
from app.domain.design.design import Design, DesignError
from app.domain.rules.engine import RulesReport
from app.domain.rules.findings import Finding
from app.ui.kiosk.i18n import number


class UnitsOf(Protocol):
    """What :func:`feedback_lines` needs of :class:`~app.editing.kiosk_choices.KioskEditor`."""

    def units(self, design: Design) -> list[str]: ...

    def unit_of(self, design: Design, module_id: str) -> str | None: ...


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
        # A part being added is not in the design yet: name the parts that are, never an empty "()".
        names = list(dict.fromkeys(texts.module_name(design.get(m).type_id) for m in finding.modules if m in design))
        if not names:
            return QCoreApplication.translate("Feedback", "Two parts would be in the same place.")
        return _fill(QCoreApplication.translate("Feedback", "Two parts would be in the same place (%1)."),
                     ", ".join(names))
    if code in ("assembly.height", "assembly.room_height"):
        return _fill(QCoreApplication.translate("Feedback", "This unit would be %1 mm tall; we build up to %2 mm."), value, limit)  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "assembly.tilt_up":
        return QCoreApplication.translate("Feedback", "This unit will be assembled upright in your room.")
    if code == "drilling.pin_under_plate":
        return QCoreApplication.translate("Feedback", "A shelf is at the height of a door hinge: the workshop sets it one hole higher or lower.")  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "drilling.pin_not_drilled":
        return QCoreApplication.translate("Feedback", "A shelf is between the holes for its pins: it will sit on the nearest hole.")  # noqa: E501 (one literal: lupdate extracts it whole)
    if code == "drilling.handle_over_joint":
        return QCoreApplication.translate("Feedback", "The handle would be screwed into the drawer's side: the workshop moves it a little.")  # noqa: E501 (one literal: lupdate extracts it whole)
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


def _finding_units(finding: Finding, design: Design, editor: UnitsOf, units: Sequence[str]) -> list[str]:
    """The units a finding speaks of: each module's unit (``editor.unit_of``), except that a
    finding about a base (a plinth, legs) speaks of every unit standing on it, not only the first."""
    found: list[str] = []
    for module_id in finding.modules:
        try:
            chain = [module_id, *_ancestors(design, module_id)]
            owner = next((m for m in chain if m in units), None)
            carried = [u for u in units if module_id in _ancestors(design, u)] if owner is None else []
            if owner is None and not carried:
                owner = editor.unit_of(design, module_id)
        except DesignError:
            continue
        for unit in carried or ([owner] if owner is not None else []):
            if unit not in found:
                found.append(unit)
    return found


def _ancestors(design: Design, module_id: str) -> list[str]:
    """The modules ``module_id`` stands on or sits in, nearest first."""
    chain: list[str] = []
    module = design.get(module_id)
    while module.to is not None and module.to not in chain:
        chain.append(module.to)
        module = design.get(module.to)
    return chain


def parts_text(numbers: Sequence[int]) -> str:
    """'Part 2', 'Parts 1 and 2', 'Parts 1, 2 and 3' (numbers as on the kiosk's unit buttons)."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return QCoreApplication.translate("Feedback", "Part %1").replace("%1", shown[0])
    separator = QCoreApplication.translate("Feedback", ", ")   # between part numbers: "1, 2 and 3"
    return _fill(QCoreApplication.translate("Feedback", "Parts %1 and %2"), separator.join(shown[:-1]), shown[-1])


def feedback_lines(report: RulesReport | None, design: Design, texts: CatalogTexts, language: str,
                   editor: UnitsOf) -> list[str]:
    """The report's findings as the lines the customer reads, in the report's order.

    Each line names the units it speaks of by their number on the kiosk's unit buttons
    ("Part %1": the unit's place in ``editor.units(design)``, a module's unit by
    ``editor.unit_of``); findings that read the same become one line naming all their
    units; no line appears twice.  A design of one unit shows no unit buttons, so its
    lines name no part either; a finding about no unit at all is shown as it is.
    """
    if report is None:
        return []
    units = editor.units(design)
    merged: dict[str, list[int]] = {}   # text -> unit numbers (dicts keep the first finding's order)
    for finding in report.findings:
        numbers = merged.setdefault(finding_text(finding, design, texts, language), [])
        for unit in _finding_units(finding, design, editor, units):
            number_ = units.index(unit) + 1
            if number_ not in numbers:
                numbers.append(number_)
    lines: list[str] = []
    for text, numbers in merged.items():
        line = text
        if numbers and len(units) > 1:
            line = _fill(QCoreApplication.translate("Feedback", "%1: %2"),
                         parts_text(sorted(numbers)), text)
        if line not in lines:
            lines.append(line)
    return lines
