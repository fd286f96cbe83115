"""Every reset gives the next customer a clean kiosk; "Start over" asks first when there is something to lose.

Idle countdown and "Done" (an order placed) end a visit: the next customer is
someone else, so the kiosk's default language comes back.  "Start over" is the
same customer: the language they chose stays.  In all three the options
panel is scrolled back to the top, the camera frames the next design as a
fresh kiosk does, and no unit of the last visit is selected.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea

from tests.ui.kiosk_helpers import open_kiosk, pinch, swipe, tap

SHOTS = os.environ.get("MODULOR_KIOSK_SHOTS")   # a folder: the question's screenshots are written there


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


def _camera(window):
    camera = window.editor.plotter.camera
    return np.array([*camera.position, *camera.focal_point, *camera.up])


def _scroll_values(window) -> dict[str, int]:
    """Every scroll area of the kiosk (the editor's options panel; any other screen that gets one)."""
    return {f"{area.parentWidget().objectName()}/{area.objectName()}": area.verticalScrollBar().value()
            for area in window.findChildren(QAbstractScrollArea)}


def _fresh_start(window, qtbot, device):
    """What a brand-new customer sees on the bookcase: camera, selected unit (then back to welcome)."""
    tap(device, window.welcome.cards["bookcase"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    fresh = _camera(window), window.editor.panel.unit
    tap(device, window.start_over)   # unchanged: no question
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome)
    return fresh


def _busy_visit(window, qtbot, device, language: str) -> None:
    """A customer in ``language`` who picks the second unit, turns and zooms the view, changes the
    design and scrolls the options panel down."""
    tap(device, window.welcome.language_buttons[language])
    assert window.language == language
    tap(device, window.welcome.cards["bookcase"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    editor, panel = window.editor, window.editor.panel
    tap(device, panel.units.buttons["c2"])
    assert panel.unit == "c2"
    centre = editor.plotter.rect().center()
    swipe(device, editor.plotter, centre, centre + QPoint(220, 60))
    pinch(device, editor.plotter, centre, 100, 260)
    tap(device, panel.steppers["width"].plus)
    assert window.session.edited
    bar = editor.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0, "the options panel must be long enough to scroll at 1920 x 1080"


def _assert_clean_next_visit(window, qtbot, device, fresh, language: str) -> None:
    assert window.stack.currentWidget() is window.welcome
    assert window.language == language
    assert window.welcome.language_buttons[language].isChecked()
    assert window.editor.panel.unit is None and window.editor.scene._selected is None
    assert set(_scroll_values(window).values()) <= {0}
    tap(device, window.welcome.cards["bookcase"])   # the next customer
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    assert window.editor.scroll.verticalScrollBar().value() == 0
    assert all(v == 0 for v in _scroll_values(window).values()), _scroll_values(window)
    camera, unit = fresh
    assert _camera(window) == pytest.approx(camera, rel=1e-6, abs=1e-6)   # the preset's framing
    assert window.editor.panel.unit == unit and window.editor.panel.units.buttons[unit].isChecked()
    assert not window.session.edited and not window.editor.undo.isEnabled()
    tap(device, window.editor.finish)   # the summary of the next visit starts at the top too
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    assert all(v == 0 for v in _scroll_values(window).values()), _scroll_values(window)


def test_idle_reset_gives_the_next_customer_a_clean_kiosk_in_the_default_language(qtbot, catalog, tmp_path,
                                                                                  device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    fresh = _fresh_start(window, qtbot, device)
    _busy_visit(window, qtbot, device, "sv")
    window.apply_settings(replace(window.settings, idle_timeout_s=1, countdown_s=1))
    qtbot.waitUntil(window.still_there.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=5000)
    window.apply_settings(replace(window.settings, idle_timeout_s=600, attract_after_s=600))
    assert window.settings.default_language == "en"
    _assert_clean_next_visit(window, qtbot, device, fresh, "en")


def test_order_done_reset_gives_the_next_customer_a_clean_kiosk_in_the_default_language(qtbot, catalog, tmp_path,
                                                                                        device):
    window = open_kiosk(qtbot, catalog, tmp_path, default_language="sv")
    assert window.language == "sv"
    fresh = _fresh_start(window, qtbot, device)
    _busy_visit(window, qtbot, device, "zh_CN")
    tap(device, window.editor.finish)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary)
    tap(device, window.summary.order)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.done)
    tap(device, window.done.again)
    assert not window.start_over_question.isVisible()   # an order placed is nothing lost: no question
    _assert_clean_next_visit(window, qtbot, device, fresh, "sv")


def test_start_over_on_an_unchanged_design_goes_straight_back_and_keeps_the_language(qtbot, catalog, tmp_path,
                                                                                    device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    fresh = _fresh_start(window, qtbot, device)
    tap(device, window.welcome.language_buttons["sv"])
    tap(device, window.welcome.cards["bookcase"])
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.editor)
    panel = window.editor.panel
    tap(device, panel.steppers["width"].plus)
    tap(device, window.editor.undo)   # changed and changed back: nothing to lose
    tap(device, panel.units.buttons["c2"])   # looking around is no change either
    window.editor.scroll.verticalScrollBar().setValue(window.editor.scroll.verticalScrollBar().maximum())
    assert not window.session.edited
    tap(device, window.start_over)
    assert not window.start_over_question.isVisible()
    assert window.stack.currentWidget() is window.welcome and window.session.document is None
    _assert_clean_next_visit(window, qtbot, device, fresh, "sv")   # the same customer, still in Swedish


@pytest.mark.parametrize(("language", "title", "no", "yes"), [
    ("en", "Start over?", "No, keep my design", "Yes, start over"),
    ("sv", "Börja om?", "Nej, behåll min design", "Ja, börja om"),
    ("zh_CN", "重新开始\uff1f", "不\uff0c保留我的设计", "是\uff0c重新开始"),   # full-width ? and ,
])
def test_start_over_on_a_changed_design_asks_first(qtbot, catalog, tmp_path, device, language, title, no, yes):
    window = open_kiosk(qtbot, catalog, tmp_path)
    fresh = _fresh_start(window, qtbot, device)
    _busy_visit(window, qtbot, device, language)
    changed = window.session.design.copy()
    question = window.start_over_question
    tap(device, window.start_over)
    assert question.isVisible() and question.geometry() == window.rect()
    assert (question.question.text(), question.no.text(), question.yes.text()) == (title, no, yes)
    assert not question.picture.pixmap().isNull()   # the design that would be lost
    for button in (question.no, question.yes):   # finger-sized
        assert button.width() >= window.target * 4 and button.height() >= window.target
    assert question.card.geometry().top() >= 0 and question.card.geometry().bottom() <= window.height()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / f"startover_{language}.png"))

    tap(device, question.no)   # No: everything stays as it was
    assert not question.isVisible() and question.picture.pixmap().isNull()
    assert window.stack.currentWidget() is window.editor
    assert window.session.design == changed and window.editor.panel.unit == "c2"
    assert window.language == language

    tap(device, window.start_over)
    assert question.isVisible()
    tap(device, question.yes)   # Yes: the reset, in the customer's language
    assert not question.isVisible()
    assert window.session.document is None
    _assert_clean_next_visit(window, qtbot, device, fresh, language)


def test_the_idle_reset_takes_the_start_over_question_away(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    _busy_visit(window, qtbot, device, "sv")
    tap(device, window.start_over)
    assert window.start_over_question.isVisible()
    window.apply_settings(replace(window.settings, idle_timeout_s=1, countdown_s=1))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome, timeout=6000)
    window.apply_settings(replace(window.settings, idle_timeout_s=600, attract_after_s=600))
    assert not window.start_over_question.isVisible() and window.start_over_question.picture.pixmap().isNull()
    assert window.language == "en"
