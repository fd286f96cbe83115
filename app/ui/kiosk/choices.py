"""The customer's choices for the furniture: size, inside, fronts, parts added or removed, finishes,
handle, legs.

One panel, rebuilt in place after every change (widgets are kept).  Every
button offers a kiosk command (:class:`~app.editing.kiosk_choices.KioskEditor`).
Values and visibility follow the design in the same turn as the edit; which
steps the rules would refuse is worked out afterwards, a few trial edits per
event-loop turn (:class:`Verdicts`), so a tap shows its result at once and the
buttons grey out a moment later.  A tap on a button whose verdict is still open
is safe: the session tries every command before it applies it and says why it
refused.  A greyed-out button keeps the reason it was refused (the rules' finding,
or the catalog's range it would leave) and says it when tapped (``explained``).
Sizes step by the catalog's steps; everything else is a row of big buttons.
"Add beside this part" offers the catalog's kiosk units (``kiosk = true``) that can
stand where the chosen part stands, on its left and on its right, each with its
price difference; "Remove this part" closes the gap.  Both are one undo step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.catalog.texts import CatalogTexts
from app.domain.design.commands import fresh
from app.domain.production.parts import PartsError
from app.domain.production.pricing import Quoter
from app.editing.kiosk_choices import KioskEditor
from app.ui.kiosk.feedback import finding_text
from app.ui.kiosk.i18n import millimetres, price_change_text
from app.ui.kiosk.session import KioskSession
from app.ui.kiosk.swatches import Swatches
from app.ui.kiosk.widgets import Choices, Stepper, is_available, set_available

SIZES = ("width", "height", "depth")
FRONT_LABELS = ("open", "door", "double_door", "drawers")
TURN_BUDGET_S = 0.012   # trial edits per event-loop turn stop after this, so taps and frames come first


class Verdicts(QObject):
    """Which buttons the rules allow, worked out a few trial edits per event-loop turn.

    Each job builds a command (or a few alternatives) and enables its button when one of them
    is accepted.  The trials run on a scratch rules engine: they neither count as the edit's
    rules run nor fill the real engine's caches.  A new design state drops the open jobs.
    ``reasons`` keeps why each greyed-out button was refused: the errors its command would
    bring, or a sentence (a step beyond the catalog's range is refused without a trial).
    """

    settled = Signal()

    def __init__(self, session: KioskSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.trials = 0            # trial edits tried since the panel was made (benchmarks count them)
        self.language = "en"       # of the price differences
        self._jobs: list[tuple[Callable[[], list], QPushButton, Callable[[str], None] | None]] = []
        self.reasons: dict[QPushButton, tuple | str] = {}
        self._engine = None
        self._quoter: Quoter | None = None
        self._errors: set | None = None
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._run)

    @property
    def pending(self) -> int:
        return len(self._jobs)

    def restart(self) -> None:
        """Forget the open jobs: the design changed."""
        self._jobs.clear()
        self.reasons.clear()
        report = self.session.report
        self._engine = self.session.editor.engine.scratch()
        if self._quoter is None or self._quoter.catalog is not self.session.catalog:
            # The price hints' own quoter, as the trials' own engine: they are not the step's quote.
            self._quoter = Quoter(self.session.catalog)
        self._errors = {f.key for f in report.errors} if report is not None else None

    def ask(self, button: QPushButton, commands: Callable[[], list],
            priced: Callable[[str], None] | None = None) -> None:
        """Enable ``button`` once one of the commands ``commands()`` builds is accepted; ``priced``
        is then told what the accepted command does to the price ("+120,00 €")."""
        self._jobs.append((commands, button, priced))
        self._timer.start()

    def _price_change(self, design, command, outcome) -> str:
        """The price after ``command`` against the price now, as the customer reads it."""
        now = self.session.quote
        if now is None or outcome.report is None:
            return ""
        trial = design.copy()
        fresh(command).apply(trial)
        try:
            after = self._quoter.quote(trial, None, outcome.report.required_hardware())
        except (PartsError, ValueError, KeyError):
            return ""
        return price_change_text(after.price_gross - now.price_gross, now.currency, self.language)

    def refuse(self, button: QPushButton, reason: str) -> None:
        """Grey ``button`` out now, for ``reason`` (no trial needed)."""
        self.reasons[button] = reason
        set_available(button, False)

    def finish_now(self) -> None:
        """Work out every open verdict in this turn (tests, and a screen about to be captured)."""
        while self._jobs:
            self._one()
        self.settled.emit()

    def _run(self) -> None:
        end = time.perf_counter() + TURN_BUDGET_S
        while self._jobs and time.perf_counter() < end:
            self._one()
        if self._jobs:
            self._timer.start()
        else:
            self.settled.emit()

    def _one(self) -> None:
        build, button, priced = self._jobs.pop(0)
        design = self.session.design
        if design is None:
            self._jobs.clear()
            return
        ok = False
        errors: tuple = ()
        for command in build():
            if command is None:
                continue
            self.trials += 1
            outcome = self.session.editor.attempt(design, command, self._engine, self._errors)
            if outcome.ok:
                ok = True
                if priced is not None:
                    priced(self._price_change(design, command, outcome))
                break
            errors = errors or outcome.errors   # the first alternative's reason reads best
        ok = ok or bool(button.property("current"))
        if not ok:
            self.reasons[button] = errors
        set_available(button, ok)


class ChoicePanel(QWidget):
    """Choices for the selected unit (and the whole design's finishes and hardware)."""

    unit_selected = Signal(str)
    explained = Signal(str)   # why a greyed-out choice the customer tapped is not available
    reframe = Signal()        # a part was added or removed: the view shows the whole furniture again

    def __init__(self, session: KioskSession, target: int, parent=None):
        super().__init__(parent, objectName="choices")
        self.session = session
        self.editor: KioskEditor = session.editor
        self.texts: CatalogTexts | None = None
        self.language = "en"
        self.unit: str | None = None
        self.verdicts = Verdicts(session, self)
        self.swatches = Swatches(session.catalog, target)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 8, 18, 8)
        column.setSpacing(10)

        def heading(name: str) -> QLabel:
            label = QLabel(objectName=name)
            label.setProperty("role", "heading")
            column.addWidget(label)
            return label

        self.unit_heading = heading("unitHeading")
        self.units = Choices("unit", target, columns=4)
        self.units.chosen.connect(self.select_unit)
        column.addWidget(self.units)
        self.size_heading = heading("sizeHeading")
        self.steppers = {name: Stepper(name, target) for name in SIZES}
        for name, stepper in self.steppers.items():
            stepper.stepped.connect(lambda d, n=name: self._resize(n, d))
            stepper.explain.connect(self._explain)
            column.addWidget(stepper)
        self.inside_heading = heading("insideHeading")
        self.shelves = Stepper("shelves", target)
        self.shelves.stepped.connect(self._shelves)
        self.shelves.explain.connect(self._explain)
        column.addWidget(self.shelves)
        self.fronts_heading = heading("frontsHeading")
        self.fronts = Choices("fronts", target, columns=2)
        self.fronts.chosen.connect(self._fronts)
        self.fronts.explain.connect(self._explain)
        column.addWidget(self.fronts)
        self.drawers = Stepper("drawers", target)
        self.drawers.stepped.connect(self._drawers)
        self.drawers.explain.connect(self._explain)
        column.addWidget(self.drawers)
        # Below the part's own choices: what the customer changes most comes first.
        self.parts_heading = heading("partsHeading")
        self.add_box = QWidget(objectName="addUnits")
        self.add_grid = QGridLayout(self.add_box)
        self.add_grid.setContentsMargins(0, 0, 0, 0)
        self.add_grid.setSpacing(10)
        self.add_buttons: dict[tuple[str, str], QPushButton] = {}
        column.addWidget(self.add_box)
        self.remove = QPushButton(objectName="removeUnit")
        self.remove.setMinimumHeight(round(target * 1.2))
        self.remove.clicked.connect(lambda: self._remove())
        column.addWidget(self.remove)
        self._target = target
        self.finish_headings: dict[str, QLabel] = {}
        self.finishes: dict[str, Choices] = {}
        for group in ("body", "fronts", "top", "base"):
            self.finish_headings[group] = heading(f"finishHeading_{group}")
            self.finishes[group] = Choices(f"finish_{group}", target, columns=2)
            self.finishes[group].chosen.connect(lambda f, g=group: self.session.apply(
                self.editor.set_finish(self.session.design, g, f)))
            self.finishes[group].explain.connect(self._explain)
            column.addWidget(self.finishes[group])
        self.option_headings: dict[str, QLabel] = {}
        self.options: dict[str, Choices] = {}
        for name in ("handle", "leg", "height"):
            self.option_headings[name] = heading(f"optionHeading_{name}")
            self.options[name] = Choices(f"option_{name}", target, columns=1 if name in ("handle", "leg") else 3)
            self.options[name].chosen.connect(lambda v, n=name: self.session.apply(
                self.editor.set_option(self.session.design, n, v)))
            self.options[name].explain.connect(self._explain)
            column.addWidget(self.options[name])
        column.addStretch(1)

    # ------------------------------------------------------------------ actions
    def select_unit(self, unit_id: str) -> None:
        if self.session.design is not None and unit_id in self.editor.units(self.session.design):
            self.unit = unit_id
            self.unit_selected.emit(unit_id)
            self.refresh()

    def _resize(self, name: str, direction: int) -> None:
        command = self._size_command(name, direction)
        if command is not None:
            self.session.apply(command)

    def _size_command(self, name: str, direction: int):
        choice = self.editor.size_choice(self.session.design, self.unit, name)
        if choice is None:
            return None
        current, lo, hi, step = choice
        value = current + direction * step
        if not lo <= value <= hi:
            return None
        return self.editor.resize(self.session.design, self.unit, name, value)

    def _add(self, type_id: str, side: str) -> None:
        button = self.add_buttons[(type_id, side)]
        if not is_available(button):
            self._explain(button)
            return
        design = self.session.design
        command = self.editor.add_unit(design, self.unit, type_id, side)
        new = next((c.module.id for c in reversed(command.commands) if hasattr(c, "module")), None) \
            if command is not None else None
        if self.session.apply(command).ok and new is not None:
            self.unit = new   # the new part is the one the customer goes on with (its width, its fronts)
            self.unit_selected.emit(new)
            self.refresh()
            self.reframe.emit()

    def _remove(self) -> None:
        if not is_available(self.remove):
            self._explain(self.remove)
            return
        design = self.session.design
        units = self.editor.units(design)
        neighbour = units[units.index(self.unit) - 1] if units.index(self.unit) > 0 else units[1]
        if self.session.apply(self.editor.remove_unit(design, self.unit)).ok:
            self.select_unit(neighbour)
            self.reframe.emit()

    def _shelves(self, direction: int) -> None:
        count = len(self.editor.inserts(self.session.design, self.unit, "shelves")) + direction
        self.session.apply(self.editor.set_shelves(self.session.design, self.unit, count))

    def _fronts(self, kind: str) -> None:
        count = 3 if kind == "drawers" else 1
        design = self.session.design
        for n in (count, 2, 1, 4):   # three drawers if they fit, else what does
            command = self.editor.set_fronts(design, self.unit, kind, n)
            if self.editor.attempt(design, command, self.editor.engine.scratch()).ok:
                self.session.apply(command)
                return
        self.session.apply(self.editor.set_fronts(design, self.unit, kind, count))   # says why not

    def _drawers(self, direction: int) -> None:
        _kind, count = self.editor.front_kind(self.session.design, self.unit)
        self.session.apply(self.editor.set_fronts(self.session.design, self.unit, "drawers", count + direction))

    def _explain(self, button: QPushButton) -> None:
        """Say why the greyed-out ``button`` the customer tapped is not available."""
        self.explained.emit(self.reason_text(button))

    def reason_text(self, button: QPushButton) -> str:
        """'Not available: ...' for a greyed-out button, in the customer's language."""
        reason = self.verdicts.reasons.get(button, "")
        if not isinstance(reason, str):
            first = reason[0] if reason else None
            design = self.session.design
            reason = finding_text(first, design, self.texts, self.language) \
                if hasattr(first, "code") and design is not None and self.texts is not None else ""
        if not reason:
            reason = self.tr("the workshop cannot make the design with this choice.")
        return self.tr("Not available: %1").replace("%1", reason)

    def _range_text(self, name: str, lo: float, hi: float) -> str:
        sizes = {"width": self.tr("We make this unit from %1 to %2 wide."),
                 "height": self.tr("We make this unit from %1 to %2 tall."),
                 "depth": self.tr("We make this unit from %1 to %2 deep.")}
        return sizes[name].replace("%1", millimetres(lo, self.language)).replace(
            "%2", millimetres(hi, self.language))

    # ------------------------------------------------------------------ showing
    def _ask(self, button: QPushButton, *builds: Callable[[], object],
             priced: Callable[[str], None] | None = None) -> None:
        """Grey ``button`` out unless one of the commands is accepted (worked out in a later turn);
        ``priced`` gets the price difference of the accepted command."""
        self.verdicts.ask(button, lambda: [build() for build in builds], priced)

    def retranslate(self, texts: CatalogTexts, language: str) -> None:
        self.texts, self.language = texts, language
        self.verdicts.language = language
        self.unit_heading.setText(self.tr("Which part?"))
        self.size_heading.setText(self.tr("Size"))
        self.inside_heading.setText(self.tr("Inside"))
        self.fronts_heading.setText(self.tr("Fronts"))
        titles = {"body": self.tr("Colour of the cabinets"), "fronts": self.tr("Colour of the fronts"),
                  "top": self.tr("Colour of the top"), "base": self.tr("Colour of the base")}
        for group, label in self.finish_headings.items():
            label.setText(titles[group])
        self.option_headings["handle"].setText(self.tr("Handles"))
        self.option_headings["leg"].setText(self.tr("Legs"))
        self.option_headings["height"].setText(self.tr("Plinth height"))
        self.steppers["width"].label.setText(self.tr("Width"))
        self.steppers["height"].label.setText(self.tr("Height"))
        self.steppers["depth"].label.setText(self.tr("Depth"))
        self.parts_heading.setText(self.tr("Add beside this part"))
        self.remove.setText(self.tr("Remove this part"))
        self.shelves.label.setText(self.tr("Shelves"))
        self.drawers.label.setText(self.tr("Drawers"))
        self.refresh()

    def refresh(self) -> None:
        design = self.session.design
        if design is None or self.texts is None:
            return
        self.verdicts.restart()
        units = self.editor.units(design)
        if self.unit not in units:
            self.unit = units[0] if units else None
        self.units.set_options([(u, self.tr("Part %1").replace("%1", str(i + 1))) for i, u in enumerate(units)],
                               self.unit)
        self.units.setVisible(len(units) > 1)
        self.unit_heading.setVisible(len(units) > 1)
        if self.unit is None:
            return
        unit_type = design.get(self.unit).type_id
        self.unit_heading.setText(self.tr("Which part? Now: %1").replace("%1", self.texts.module_name(unit_type)))
        for name, stepper in self.steppers.items():
            choice = self.editor.size_choice(design, self.unit, name)
            stepper.setVisible(choice is not None)
            if choice is not None:
                current, lo, hi, step = choice
                stepper.show_value(millimetres(current, self.language), True, True)
                for direction in (-1, +1):
                    if lo <= current + direction * step <= hi:
                        self._ask(stepper.button(direction), lambda n=name, d=direction: self._size_command(n, d))
                    else:
                        self.verdicts.refuse(stepper.button(direction), self._range_text(name, lo, hi))
        self._refresh_parts(design)
        self._refresh_inside(design)
        self._refresh_finishes(design)
        self._refresh_options(design)
        # Lay the panel out now, not in a later turn: rows shown or rebuilt above (the handles after a
        # choice of doors) must not leave the buttons below at their old places, under a finger or a
        # scroll to them, until the event loop comes round.  The scroll area resizes the panel on the
        # layout requests, so they are delivered here (a second round for the sizes they change).
        for _ in range(2):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _refresh_parts(self, design) -> None:
        """A button each side for every kiosk unit that can stand beside the part, and Remove."""
        types = self.editor.addable(design, self.unit)
        wanted = [(t, side) for t in types for side in ("left", "right")]
        if wanted != list(self.add_buttons):
            for button in self.add_buttons.values():
                # Out of the grid and out of sight now: left there until deleted, the old rows would keep
                # Remove below them at its old place for a turn, under the finger that taps it.
                self.add_grid.removeWidget(button)
                button.hide()
                button.deleteLater()
            self.add_buttons = {}
            for i, (type_id, side) in enumerate(wanted):
                button = QPushButton(objectName=f"add_{type_id}_{side}")
                button.setMinimumHeight(round(self._target * 1.2))
                button.clicked.connect(lambda _=False, t=type_id, s=side: self._add(t, s))
                self.add_grid.addWidget(button, i // 2, i % 2)
                button.show()   # now, not in a later turn: the panel lays itself out in this one
                self.add_buttons[(type_id, side)] = button
        self.parts_heading.setVisible(bool(wanted))
        self.add_box.setVisible(bool(wanted))
        for (type_id, side), button in self.add_buttons.items():
            name = self.texts.module_name(type_id)
            label = self.tr("◀ %1") if side == "left" else self.tr("%1 ▶")
            button.setProperty("label", label.replace("%1", name))
            self._show_price(button, "")
            set_available(button, True)
            self._ask(button, lambda t=type_id, s=side: self.editor.add_unit(design, self.unit, t, s),
                      priced=lambda text, b=button: self._show_price(b, text))
        set_available(self.remove, True)
        if self.editor.can_remove(design, self.unit):
            self._ask(self.remove, lambda: self.editor.remove_unit(design, self.unit))
        else:
            self.verdicts.refuse(self.remove, self.tr("The furniture needs at least one part."))

    @staticmethod
    def _show_price(button: QPushButton, text: str) -> None:
        """The button's name over its price difference (a blank second line until it is known)."""
        button.setText(f"{button.property('label')}\n{text or ' '}")

    def _refresh_inside(self, design) -> None:
        kind, count = self.editor.front_kind(design, self.unit)
        shelves = len(self.editor.inserts(design, self.unit, "shelves"))
        has_shelves = self.editor.shelf_type(design, self.unit) is not None
        self.shelves.setVisible(has_shelves)
        self.inside_heading.setVisible(has_shelves)
        if has_shelves:
            limit = self.editor.max_shelves(design, self.unit)
            self.shelves.show_value(str(shelves), True, True)
            if shelves > 0:
                self._ask(self.shelves.minus, lambda n=shelves - 1: self.editor.set_shelves(design, self.unit, n))
            else:
                self.verdicts.refuse(self.shelves.minus, self.tr("There are no shelves to take out."))
            if shelves < limit:
                self._ask(self.shelves.plus, lambda n=shelves + 1: self.editor.set_shelves(design, self.unit, n))
            else:
                self.verdicts.refuse(self.shelves.plus, self.tr("At most %1 shelves fit in this unit.").replace(
                    "%1", str(limit)))
        names = {"open": self.tr("Open"), "door": self.tr("One door"), "double_door": self.tr("Two doors"),
                 "drawers": self.tr("Drawers")}
        self.fronts.set_options([(k, names[k]) for k in FRONT_LABELS], kind)
        for k in FRONT_LABELS:
            if k != kind:
                self._ask(self.fronts.buttons[k], *(lambda k=k, n=n: self.editor.set_fronts(design, self.unit, k, n)
                                                    for n in (3, 2, 1)))
        self.drawers.setVisible(kind == "drawers")
        if kind == "drawers":
            self.drawers.show_value(str(count), True, True)
            for direction in (-1, +1):
                if count + direction >= 1:
                    self._ask(self.drawers.button(direction), lambda n=count + direction: self.editor.set_fronts(
                        design, self.unit, "drawers", n))
                else:
                    self.verdicts.refuse(self.drawers.minus, self.tr(
                        "One drawer is the fewest. For none, choose Open or a door."))

    def _refresh_finishes(self, design) -> None:
        if self.swatches.catalog is not self.session.catalog:   # a reloaded catalog: its own decors
            self.swatches = Swatches(self.session.catalog, self.swatches.size)
        groups = self.editor.finish_groups(design)
        for group, choices in self.finishes.items():
            shown = group in groups
            choices.setVisible(shown)
            self.finish_headings[group].setVisible(shown)
            if not shown:
                continue
            offered, current = groups[group]
            choices.set_options([(f, self.texts.finish(f)) for f in offered], current, None,
                                {f: self.swatches.decor(f) for f in offered}, priced=True)
            for f in offered:
                if f != current:
                    self._ask(choices.buttons[f], lambda g=group, f=f: self.editor.set_finish(design, g, f),
                              priced=lambda text, c=choices, f=f: c.set_price(f, text))

    def _refresh_options(self, design) -> None:
        for name, choices in self.options.items():
            choice = self.editor.option_choice(design, name)
            shown = choice is not None and len(choice[0]) > 1
            choices.setVisible(shown)
            self.option_headings[name].setVisible(shown)
            if not shown:
                continue
            options, current = choice
            module = self.editor.option_modules(design, name)[0]
            param = self.session.catalog.module(module.type_id).params[name]
            texts = [(o, self.texts.option_text(param, o) if isinstance(o, str) else millimetres(o, self.language))
                     for o in options]
            # Options that are hardware with a mesh (handles, legs) show a picture of the real thing.
            pictures = self.swatches.items([o for o in options if isinstance(o, str)])
            choices.set_options(texts, current, None, pictures, priced=True)
            for o in options:
                if o != current:
                    self._ask(choices.buttons[o], lambda n=name, o=o: self.editor.set_option(design, n, o),
                              priced=lambda text, c=choices, o=o: c.set_price(o, text))
