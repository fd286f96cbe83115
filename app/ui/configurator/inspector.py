"""The inspector: change the selected module's sizes, options and finish.

It offers only what the catalog allows.  Numbers come as a slider (positions are
the catalog's steps) and a spin box bounded to the range; a value typed between
steps goes through :func:`~app.domain.design.solution_space.snap` and the inspector says
what it changed.  Host-bound sizes (a door's width) are shown, not offered.

Every edit is a command pushed to the :class:`~app.ui.document.DesignDocument`;
a slider drag is one undo step.  With several modules selected (Ctrl/Shift-click,
a run) the rows are the primary module's and every edit goes to all selected
modules that have that size, option or finish, as one undo step; a wider unit in
a run pushes its neighbours (:mod:`app.domain.design.runs`).  Rows are built when the selection changes and
only re-filled (signals blocked) when the design changes, so undo, redo and edits
from the 3D view show up without new commands and without destroying a slider
the customer is holding.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.catalog.model import Parameter
from app.domain.design.layout import LayoutError
from app.domain.design.solution_space import numeric_limits, snap, value_text
from app.editing import placing
from app.editing.session import DesignChange
from app.ui.document import DesignDocument

TOUCH = 44          # px: the smallest comfortable finger target
SWATCHES_PER_ROW = 5   # five 48 px swatches fit the panel's 320 px minimum width
EMPTY_TEXT = "Select a module in the view or the list to change it"
MUTED = "#666666"
# One sheet for the panel.  The slider knob is enlarged: the style's default is no finger target.
STYLE = f"""
#inspectorTitle {{ font-size: 20px; font-weight: 600; }}
#inspectorMuted {{ color: {MUTED}; }}
#inspectorEmpty {{ color: {MUTED}; font-size: 15px; padding: 24px; }}
#inspectorInfo {{ background: #FFF4CE; color: #3D3000; border-radius: 6px; padding: 8px; }}
#inspector QToolButton {{ font-size: 18px; }}
#inspector QSlider::groove:horizontal {{ height: 6px; background: #C8C8C8; border-radius: 3px; }}
#inspector QSlider::sub-page:horizontal {{ background: #1F6FEB; border-radius: 3px; }}
#inspector QSlider::handle:horizontal {{ width: 26px; margin: -10px 0; border-radius: 13px;
    background: white; border: 1px solid #8A8A8A; }}
"""


def _number(value: float) -> float | int:
    """Whole numbers stay ints, so design files read 650, not 650.0."""
    return round(value) if abs(value - round(value)) < 1e-9 else value


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class SnapSpinBox(QDoubleSpinBox):
    """A spin box that lets any typed number through to ``snap()`` instead of rounding it.

    Qt would silently round 637 to the spin box's decimals and clamp 1300 to the
    maximum; we accept the raw text and keep the typed number in ``typed`` so the
    inspector can snap it and tell the customer what it did.
    """

    def __init__(self, parent=None, **properties):
        super().__init__(parent, **properties)
        self.typed: float | None = None

    def _core(self, text: str) -> str:
        return text.removesuffix(self.suffix()).strip().replace(",", ".")

    def validate(self, text: str, pos: int):
        core = self._core(text)
        try:
            float(core)
            state = QValidator.State.Acceptable   # out of range too: snap() clamps it and says so
        except ValueError:   # "" or "-" may still become a number; letters never will
            state = QValidator.State.Intermediate if core in ("", "-", "+", ".") else QValidator.State.Invalid
        return state, text, pos

    def valueFromText(self, text: str) -> float:
        self.typed = float(self._core(text))
        return self.typed

    def take_typed(self) -> float | None:
        typed, self.typed = self.typed, None
        return typed


class Inspector(QWidget):
    message = Signal(str)   # a note for the customer, e.g. how a typed value was snapped

    def __init__(self, document: DesignDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(320)
        self.document = document
        self.module_id: str | None = None
        self._numeric: dict[str, tuple[Parameter, QSlider, SnapSpinBox, float]] = {}
        self.combos: dict[str, QComboBox] = {}   # option parameters by name
        self.bound: dict[str, QLabel] = {}       # host-bound parameters by name
        self.hang_spin: SnapSpinBox | None = None   # a wall unit's height above the floor
        self._swatches = QButtonGroup(self)

        self.empty_label = _label(EMPTY_TEXT, "inspectorEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = _label("", "inspectorTitle")
        self.subtitle = _label("", "inspectorMuted")
        self.scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame,
                                  horizontalScrollBarPolicy=Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Outside the scroll area: the note stays in sight however far the rows are scrolled.
        self.info = _label("", "inspectorInfo")
        self.info.hide()

        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(12, 12, 12, 12)
        for widget in (self.title, self.subtitle, self.scroll, self.info):
            column.addWidget(widget)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)
        self.layout().setContentsMargins(0, 0, 0, 0)

        document.selection_changed.connect(self._show)
        document.design_changed.connect(self._on_design_changed)
        self._show(document.selected)

    # ----------------------------------------------------------------- reading (tests, other views)
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def spin_box(self, name: str) -> SnapSpinBox:
        return self._numeric[name][2]

    def slider(self, name: str) -> QSlider:
        return self._numeric[name][1]

    def swatch(self, finish_id: str) -> QToolButton:
        return next(b for b in self._swatches.buttons() if b.property("finish") == finish_id)

    # ----------------------------------------------------------------- building
    def _show(self, module_id: str | None) -> None:
        """Build the rows for a module (or the empty state); done once per selection."""
        self.module_id = module_id if module_id in self.document.design else None
        self._numeric.clear()
        self.hang_spin = None
        self.combos.clear()
        self.bound.clear()
        for button in self._swatches.buttons():
            self._swatches.removeButton(button)
        self._set_info("")
        old = self.scroll.takeWidget()
        if old is not None:   # parented and deleted later: we may be inside one of its signals
            old.hide()
            old.setParent(self)
            old.deleteLater()
        if self.module_id is None:
            self.stack.setCurrentWidget(self.empty_label)
            return
        module = self.document.design.get(self.module_id)
        mtype = self.document.catalog.modules.get(module.type_id)
        if mtype is None:   # a file from another catalog: nothing we can offer
            self.module_id = None
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.title.setText(mtype.name)
        self.subtitle.setText(f"{mtype.category.replace('_', ' ').capitalize()} · {module.id}")
        others = len(self._targets()) - 1
        if others > 0:   # the rows are the primary module's; edits go to every selected module
            self.subtitle.setText(self.subtitle.text() + f" · and {others} more selected: edits apply to all")
        form = QWidget()
        rows = QVBoxLayout(form)
        rows.setContentsMargins(0, 4, 4, 0)
        rows.setSpacing(6)
        for name, param in mtype.params.items():
            if param.from_host:
                self.bound[name] = _label("", f"bound_{name}")
                rows.addWidget(self.bound[name])
            elif param.options is not None:
                rows.addWidget(QLabel(param.label))
                rows.addWidget(self._make_combo(name, param))
            else:
                rows.addLayout(self._make_numeric(name, param))
            rows.addSpacing(6)
        if module.attach == "wall":   # the height it hangs at is a placement, snapped like any other
            rows.addLayout(self._make_hang_row())
            rows.addSpacing(6)
        self.finish_label = QLabel()
        rows.addWidget(self.finish_label)
        rows.addLayout(self._make_swatches(mtype.finishes))
        rows.addStretch(1)
        self.scroll.setWidget(form)
        self.stack.setCurrentIndex(1)
        self._sync()

    def _make_numeric(self, name: str, param: Parameter) -> QVBoxLayout:
        lo, hi, step = numeric_limits(param)
        step = step or 1.0   # no step in the catalog: move by one unit
        head = QHBoxLayout()
        head.addWidget(QLabel(param.label))
        head.addWidget(_label(f"{lo:g} – {hi:g} {param.unit}".strip(), "inspectorMuted"), 0,
                       Qt.AlignmentFlag.AlignRight)
        # pageStep 1: a tap on the track moves one step, like the - and + buttons.
        slider = QSlider(Qt.Orientation.Horizontal, objectName=f"slider_{name}", minimum=0,
                         maximum=round((hi - lo) / step), pageStep=1, minimumHeight=TOUCH)
        # Commit on Enter or focus out, not per keystroke; big - and + buttons replace the tiny arrows.
        spin = SnapSpinBox(objectName=f"spin_{name}", keyboardTracking=False, suffix=f" {param.unit}".rstrip(),
                           buttonSymbols=QAbstractSpinBox.ButtonSymbols.NoButtons,
                           alignment=Qt.AlignmentFlag.AlignCenter)
        spin.setDecimals(0 if all(float(v).is_integer() for v in (lo, hi, step)) else 2)
        spin.setRange(lo, hi)
        spin.setSingleStep(step)
        spin.setFixedSize(96, TOUCH)
        line = QHBoxLayout()
        line.addWidget(slider, 1)
        for text, steps in (("−", -1), (None, 0), ("+", 1)):
            button = spin if steps == 0 else QToolButton(text=text, accessibleName=f"{param.label} {text}")
            if steps:   # each tap is one step and one undo step, through the spin box like the keyboard
                button.setFixedSize(TOUCH, TOUCH)
                button.clicked.connect(lambda _=False, n=steps: spin.stepBy(n))
            line.addWidget(button)
        slider.valueChanged.connect(lambda pos, n=name: self._on_slider(n, pos))
        slider.sliderPressed.connect(self.document.end_merge)   # a new drag never joins an older one
        slider.sliderReleased.connect(self.document.end_merge)  # the drag is over: one undo step
        spin.valueChanged.connect(lambda _v, n=name: self._on_spin(n, typed_only=False))
        # Typing a number the spin box already shows (1300 clamped to 1200) emits no valueChanged.
        spin.editingFinished.connect(lambda n=name: self._on_spin(n, typed_only=True))
        self._numeric[name] = (param, slider, spin, step)
        box = QVBoxLayout()
        box.addLayout(head)
        box.addLayout(line)
        return box

    def _make_hang_row(self) -> QVBoxLayout:
        """'Hangs at': the wall unit's underside above the floor; typed heights snap, - and + step."""
        head = QHBoxLayout()
        head.addWidget(QLabel("Hangs at"))
        head.addWidget(_label("underside above the floor", "inspectorMuted"), 0, Qt.AlignmentFlag.AlignRight)
        spin = SnapSpinBox(objectName="spin_hang", keyboardTracking=False, suffix=" mm", decimals=0,
                           buttonSymbols=QAbstractSpinBox.ButtonSymbols.NoButtons,
                           alignment=Qt.AlignmentFlag.AlignCenter, minimum=0, maximum=10000)
        spin.setFixedSize(96, TOUCH)
        spin.editingFinished.connect(self._commit_hang)
        line = QHBoxLayout()
        line.addStretch(1)
        for text, steps in (("−", -1), (None, 0), ("+", 1)):
            if steps == 0:
                line.addWidget(spin)
                continue
            button = QToolButton(text=text, accessibleName=f"Hang {'lower' if steps < 0 else 'higher'}")
            button.setFixedSize(TOUCH, TOUCH)
            button.clicked.connect(lambda _=False, d=steps: self._step_hang(d))
            line.addWidget(button)
        self.hang_spin = spin
        box = QVBoxLayout()
        box.addLayout(head)
        box.addLayout(line)
        return box

    def _commit_hang(self) -> None:
        if self.hang_spin is None or self.module_id is None:
            return
        raw = self.hang_spin.take_typed()
        wanted = self.hang_spin.value() if raw is None else raw
        proposal = placing.hang_at(self.document.catalog, self.document.design, self.module_id, wanted)
        self._set_info(proposal.message)
        if proposal.command is not None:
            self.document.push(proposal.command)
        self._sync()

    def _step_hang(self, direction: int) -> None:
        proposal = placing.step(self.document.catalog, self.document.design, self.module_id, 2, direction)
        if proposal.command is not None:
            self.document.push(proposal.command)
        else:
            self._set_info(proposal.message)
        self._sync()

    def _make_combo(self, name: str, param: Parameter) -> QComboBox:
        # Long hardware names must not widen the panel; the open list and the tooltips show them whole.
        combo = QComboBox(objectName=f"combo_{name}", minimumHeight=TOUCH, minimumContentsLength=12,
                          sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        for option in param.options:
            text = value_text(self.document.catalog, param, option)
            combo.addItem(text, option)
            combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.currentIndexChanged.connect(lambda i, n=name, c=combo: self._commit(n, c.itemData(i)))
        self.combos[name] = combo
        return combo

    def _make_swatches(self, finishes: list[str]) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        for i, finish_id in enumerate(finishes):
            finish = self.document.catalog.finishes[finish_id]
            button = QToolButton(checkable=True, toolTip=finish.name, accessibleName=finish.name)
            button.setFixedSize(TOUCH + 4, TOUCH + 4)
            button.setProperty("finish", finish_id)
            # A dark ring marks the choice; it reads on light and dark decors alike.
            button.setStyleSheet(f"QToolButton {{ background: {finish.color}; border: 1px solid #8A8A8A;"
                                 " border-radius: 8px; } QToolButton:checked { border: 4px solid #1F6FEB; }")
            button.clicked.connect(lambda _=False, f=finish_id: self._commit_finish(f))
            self._swatches.addButton(button)
            grid.addWidget(button, i // SWATCHES_PER_ROW, i % SWATCHES_PER_ROW)
        grid.setColumnStretch(SWATCHES_PER_ROW, 1)
        return grid

    # ----------------------------------------------------------------- editing
    def _on_slider(self, name: str, pos: int) -> None:
        param, slider, _spin, step = self._numeric[name]
        value = min(numeric_limits(param)[0] + pos * step, numeric_limits(param)[1])
        self._commit(name, value, merge=slider.isSliderDown())

    def _on_spin(self, name: str, typed_only: bool) -> None:
        spin = self._numeric[name][2]
        raw = spin.take_typed()
        if raw is None and typed_only:
            return
        self._commit(name, spin.value() if raw is None else raw)

    def _commit(self, name: str, value, merge: bool = False) -> None:
        """Snap the value, say so if it moved, push it if it differs from the module's."""
        mtype = self.document.catalog.module(self.document.design.get(self.module_id).type_id)
        param = mtype.params[name]
        snapped = snap(param, value)
        self._set_info(snapped.message if snapped.changed else "")
        new = _number(snapped.value) if isinstance(snapped.value, float) else snapped.value
        proposal = placing.resize(self.document.catalog, self.document.design, self._targets(), name, new,
                                  label=f"Change {param.label.lower()}")
        if proposal.command is not None:
            self.document.push(proposal.command, merge=merge)
        self._sync()   # show the snapped value even when nothing was pushed

    def _commit_finish(self, finish_id: str) -> None:
        proposal = placing.refinish(self.document.catalog, self.document.design, self._targets(), finish_id)
        if proposal.command is not None:
            self.document.push(proposal.command)
        self._sync()

    def _targets(self) -> list[str]:
        """The modules an edit goes to: every selected one when the shown module is among them."""
        selection = list(self.document.selection)
        return selection if self.module_id in selection else [self.module_id]

    def _set_info(self, text: str) -> None:
        self.info.setText(text)
        self.info.setVisible(bool(text))
        if text:
            self.message.emit(text)

    # ----------------------------------------------------------------- following the design
    def _on_design_changed(self, change: DesignChange) -> None:
        if change.reset:
            self._show(self.document.selected)
        elif self.module_id is not None and self.module_id in self.document.design \
                and change.kinds() & {"params", "finish", "moved"}:
            self._sync()   # also for the host: a door's width follows its carcass

    def _values(self) -> dict:
        try:
            return dict(self.document.layout.state(self.module_id).params)
        except LayoutError:   # a broken design still shows what it holds
            return dict(self.document.design.get(self.module_id).params)

    def _sync(self) -> None:
        """Put the module's current values into the rows without emitting edits."""
        module = self.document.design.get(self.module_id)
        values = self._values()
        for name, (param, slider, spin, step) in self._numeric.items():
            value = float(values.get(name, param.default))
            for widget, shown in ((slider, round((value - numeric_limits(param)[0]) / step)), (spin, value)):
                widget.blockSignals(True)
                widget.setValue(shown)
                widget.blockSignals(False)
        for name, combo in self.combos.items():
            combo.blockSignals(True)
            # Compare in Python: 100 (from a file) must find the option 100.0.
            found = (i for i in range(combo.count()) if combo.itemData(i) == values.get(name))
            combo.setCurrentIndex(next(found, -1))
            combo.blockSignals(False)
        parent = self.document.design.get(module.to) if module.to else None
        host = self.document.catalog.modules.get(parent.type_id) if parent else None
        host_name = "carcass" if host is None or host.category == "carcass" else host.name.lower()
        mtype = self.document.catalog.module(module.type_id)
        for name, label in self.bound.items():
            param = mtype.params[name]
            shown = f"{float(values.get(name, param.min)):g} {param.unit}".strip()
            label.setText(f"{param.label}: {shown} <span style='color:{MUTED}'>(follows the {host_name})</span>")
        if self.hang_spin is not None:
            self.hang_spin.blockSignals(True)
            self.hang_spin.setValue(module.position[2])
            self.hang_spin.blockSignals(False)
        for button in self._swatches.buttons():
            button.setChecked(button.property("finish") == module.finish)
        finish = self.document.catalog.finishes.get(module.finish)
        self.finish_label.setText(f"Finish: {finish.name if finish else module.finish}")
