"""Lock-down: the escape keys do not leave the kiosk; the PIN guards the settings and the way out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain.showroom.kiosk_settings import load_settings
from app.ui.kiosk.window import LEAVE_EXIT_CODE
from tests.ui.kiosk_helpers import PIN, open_kiosk, tap

ESCAPES = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.NoModifier),   # VTK's "quit" key in the 3D view
    (Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier),   # VTK's "exit"
    (Qt.Key.Key_W, Qt.KeyboardModifier.NoModifier),   # VTK's wireframe
]


@pytest.fixture
def device(qapp):
    return QTest.createTouchDevice()


def test_escape_keys_do_not_leave_the_kiosk(qtbot, catalog, tmp_path, device):
    window = open_kiosk(qtbot, catalog, tmp_path)
    tap(device, window.welcome.cards["tv_bench"])
    editor = window.editor
    design_before = window.session.design.snapshot()
    for target in (window, editor.plotter, editor.panel.steppers["width"].plus):
        for key, modifiers in ESCAPES:
            QTest.keyClick(target, key, modifiers)
            assert window.isVisible() and window.stack.currentWidget() is editor, (target, key, modifiers)
    assert window.lockdown.blocked >= len(ESCAPES) * 3
    assert window.session.design.snapshot() == design_before
    # The window manager's close (Alt+F4 on a desktop) is refused too.
    assert window.close() is False and window.isVisible()
    # No context menu anywhere (it would show Qt's or VTK's insides).
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(10, 10),
                              editor.plotter.mapToGlobal(QPoint(10, 10)))
    QApplication.sendEvent(editor.plotter, event)
    assert window.lockdown.blocked > len(ESCAPES) * 3
    # A customer's tap on the Modulor mark does nothing; only a long press asks for the PIN.
    tap(device, window.mark)
    assert not window.pin_pad.isVisible()


def test_wrong_pin_is_refused_and_the_right_one_opens_settings(qtbot, catalog, tmp_path, device, monkeypatch):
    window = open_kiosk(qtbot, catalog, tmp_path)
    qtbot.mousePress(window.mark, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(window.pin_pad.isVisible, timeout=4000)   # held for two seconds
    qtbot.mouseRelease(window.mark, Qt.MouseButton.LeftButton)
    pad = window.pin_pad
    for digit in "1357":
        tap(device, pad.keys[digit])
    tap(device, pad.ok_button)
    assert pad.isVisible() and pad.message.text() == "Wrong PIN."
    assert window.stack.currentWidget() is window.welcome
    for digit in PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    assert pad.dots.text() == "●" * len(PIN) and PIN not in pad.dots.text()
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert not pad.isVisible() and window.stack.currentWidget() is window.settings_page

    # Settings: a shorter idle time and contact details on, saved to the settings file.
    page = window.settings_page
    qtbot.mouseClick(page.idle.minus, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.contact.buttons[True], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    saved = load_settings(tmp_path / "kiosk.toml")
    assert saved.idle_timeout_s == 75 and saved.collect_contact and saved.check_pin(PIN)
    assert window.stack.currentWidget() is window.welcome

    # Leaving kiosk mode: only from the settings, and with the exit code the service manager lets be.
    exits = []
    monkeypatch.setattr(window.app, "exit", lambda code=0: exits.append(code))
    window.ask_pin()
    for digit in PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.leave, Qt.MouseButton.LeftButton)
    assert exits == [LEAVE_EXIT_CODE] and not window.isVisible()


def test_repeated_wrong_pins_lock_the_pad_for_a_while(qtbot, catalog, tmp_path):
    window = open_kiosk(qtbot, catalog, tmp_path)
    window.ask_pin()
    pad = window.pin_pad
    for _ in range(5):
        for digit in "0000":
            qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    for digit in PIN:
        qtbot.mouseClick(pad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.welcome and "Wait a minute" in pad.message.text()


@pytest.mark.qt_no_exception_capture
def test_an_error_is_logged_and_the_kiosk_goes_on_at_the_welcome_screen(qtbot, catalog, tmp_path, device,
                                                                         monkeypatch):
    window = open_kiosk(qtbot, catalog, tmp_path)
    tap(device, window.welcome.cards["bookcase"])

    def broken(*_args):
        raise RuntimeError("a bug in an edit")

    monkeypatch.setattr(window.session, "apply", broken)
    tap(device, window.editor.panel.steppers["height"].plus)   # the slot raises inside Qt's event loop
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.welcome)
    from app.domain.design.recovery import data_dir

    log = (data_dir() / "kiosk.log").read_text(encoding="utf-8")
    assert "a bug in an edit" in log and "Traceback" in log
    assert window.isVisible() and window.session.document is None
