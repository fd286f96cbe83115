"""Greyed-out choices at the kiosk: the rules decide which, and a tap on one says why.

Expected verdicts are worked out here on the kiosk editor directly (each
alternative command tried on the design), not read from the panel, so a kiosk
that stops greying out what the workshop cannot make fails these tests.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.ui.kiosk.choices import FRONT_LABELS
from app.ui.kiosk.feedback import finding_text
from app.ui.kiosk.widgets import is_available
from app.ui.view.scene_overlays import world_label
from tests.ui.kiosk_helpers import open_kiosk, swipe, tap


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


def _editor_on(window, qtbot, preset: str, language: str = "en"):
    qtbot.mouseClick(window.welcome.language_buttons[language], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.welcome.cards[preset], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    window.editor.panel.verdicts.finish_now()
    return window.session, window.editor.panel


def _fronts_allowed(session, unit: str) -> dict[str, bool]:
    """For each kind of front: does any count of it (3, 2, 1) pass the rules?  Tried independently."""
    editor, design = session.editor, session.design
    return {kind: any(editor.attempt(design, editor.set_fronts(design, unit, kind, n)).ok for n in (3, 2, 1))
            for kind in FRONT_LABELS}


def test_front_choices_grey_out_exactly_what_the_rules_refuse(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, panel = _editor_on(window, qtbot, "wardrobe")
    current, _ = session.editor.front_kind(session.design, panel.unit)
    allowed = _fronts_allowed(session, panel.unit)
    assert not allowed["door"], "test premise: one door 1000 mm wide is too wide for the hinges"
    for kind in FRONT_LABELS:
        expected = allowed[kind] or kind == current
        assert is_available(panel.fronts.buttons[kind]) == expected, kind


def test_a_tapped_greyed_out_choice_says_why_and_changes_nothing(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, panel = _editor_on(window, qtbot, "wardrobe")
    before = session.design.copy()
    history = session.can_undo
    door = panel.fronts.buttons["door"]
    # The reason the rules give for one door, worked out independently of the panel.
    trial = session.editor.attempt(session.design, session.editor.set_fronts(session.design, panel.unit, "door", 3))
    expected = finding_text(trial.errors[0], session.design, panel.texts, "en")
    tap(device, door)
    feedback = window.editor.feedback.text()
    assert feedback.splitlines()[0] == f"Not available: {expected}"
    assert "hinges" in feedback
    assert window.editor.feedback.property("tone") == "error"
    assert [m.params for m in session.design] == [m.params for m in before]
    assert session.can_undo == history
    # The current choice stays checked, the greyed-out one is not.
    current, _ = session.editor.front_kind(session.design, panel.unit)
    assert panel.fronts.buttons[current].isChecked() and not door.isChecked()


def test_a_step_beyond_the_catalogs_range_says_the_range(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, panel = _editor_on(window, qtbot, "wardrobe")
    current, lo, hi, _step = session.editor.size_choice(session.design, panel.unit, "width")
    assert current == hi == 1000 and lo == 400   # the wardrobe's units are as wide as the catalog makes them
    plus = panel.steppers["width"].plus
    assert not is_available(plus)
    tap(device, plus)
    assert window.editor.feedback.text().splitlines()[0] == \
        "Not available: We make this unit from 400 mm to 1,000 mm wide."
    assert session.design.get(panel.unit).params.get("width", current) == current


def test_reasons_are_in_the_customers_language(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _session, panel = _editor_on(window, qtbot, "wardrobe", "sv")
    tap(device, panel.steppers["width"].plus)
    first = window.editor.feedback.text().splitlines()[0]
    assert first.startswith("Inte tillgängligt: ") and "400 mm" in first and "wide" not in first
    tap(device, panel.fronts.buttons["door"])
    first = window.editor.feedback.text().splitlines()[0]
    assert first.startswith("Inte tillgängligt: ") and "hinges" not in first


def test_dragging_the_options_list_scrolls_it_without_pressing_a_button(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    session, panel = _editor_on(window, qtbot, "sideboard")
    bar = window.editor.scroll.verticalScrollBar()
    assert bar.maximum() > 300, "test premise: the sideboard's options are longer than the screen"
    assert bar.value() == 0
    before = [dict(m.params) for m in session.design]
    # Start the drag on a button (Two doors): it must scroll, not choose.
    button = panel.fronts.buttons["double_door"]
    start = button.mapTo(window, button.rect().center())   # a finger moves over the screen, not the panel
    swipe(device, window, start, start - QPoint(0, 300), steps=12)
    assert bar.value() == pytest.approx(300, abs=2)
    assert [dict(m.params) for m in session.design] == before
    assert not button.isDown()
    # A tap is still a tap after a drag.
    panel.verdicts.finish_now()
    tap(device, panel.fronts.buttons["double_door"])
    kind, _count = session.editor.front_kind(session.design, panel.unit)
    assert kind == "double_door"


def test_3d_labels_are_readable_at_arms_length(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _editor_on(window, qtbot, "sideboard")
    scene = window.editor.scene
    labels = [a for a in scene.overlay_actors() if hasattr(a, "GetTextProperty")]
    assert labels, "the kiosk's view shows dimension labels"
    assert min(a.GetTextProperty().GetFontSize() for a in labels) >= 24
    # The configurator's stay as they were: the kiosk's size is its own.
    assert world_label(window.editor.plotter, "probe", "black", "white", 0.0).GetTextProperty().GetFontSize() < 24
    window.editor.plotter.remove_actor("probe")
