"""Every kiosk screen in every language: nothing left in English, targets a finger can hit, CJK glyphs present."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.ui.kiosk.tour import SCREENS, show
from tests.ui.kiosk_helpers import open_kiosk, visible_texts

# What reads the same in every language: the brand, the languages' own names, symbols and numbers.
SAME_EVERYWHERE = {"Modulor", "English", "Svenska", "简体中文", "−", "+", "⌫", "OK"}


def _is_language_neutral(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return text in SAME_EVERYWHERE or not letters or all(c in "mmsx×WHD" for c in letters) \
        or (len(text.replace("-", "")) == 8 and text.isupper())   # an order code


@pytest.fixture
def kiosk(qtbot, catalog, tmp_path):
    return open_kiosk(qtbot, catalog, tmp_path)


def _screen_texts(window, qtbot, screen: str, language: str) -> dict[str, str]:
    show(window, screen, language)
    qtbot.wait(30)
    return visible_texts(window)


@pytest.mark.parametrize("language", ["sv", "zh_CN"])
def test_no_visible_text_is_left_in_english(qtbot, kiosk, language):
    untranslated = []
    for screen in SCREENS:
        english = _screen_texts(kiosk, qtbot, screen, "en")
        translated = _screen_texts(kiosk, qtbot, screen, language)
        assert translated, screen
        for path, text in translated.items():
            if "screenKeyboard/key_" in path:   # the keys type Latin letters whatever the language
                continue
            if path in english and english[path] == text and not _is_language_neutral(text):
                untranslated.append((screen, path, text))
    assert untranslated == []


def test_every_visible_button_is_a_finger_target_and_every_screen_fits(qtbot, kiosk):
    small = []
    for screen in SCREENS:
        show(kiosk, screen, "sv")
        qtbot.wait(30)
        assert (kiosk.width(), kiosk.height()) == (1920, 1080), screen   # nothing pushed off the screen
        for button in kiosk.findChildren(QAbstractButton):
            if button.isVisibleTo(kiosk) and min(button.width(), button.height()) < 48:
                small.append((screen, button.objectName(), button.width(), button.height()))
    assert small == []


def test_chinese_glyphs_are_in_the_kiosk_font(qtbot, kiosk):
    show(kiosk, "editor", "zh_CN")
    metrics = QFontMetrics(QApplication.font())
    text = kiosk.editor.finish.text() + kiosk.welcome.title.text()
    assert any("\u4e00" <= c <= "\u9fff" for c in text)
    assert all(metrics.inFontUcs4(ord(c)) for c in text if "\u4e00" <= c <= "\u9fff"), QApplication.font().families()


def test_the_attract_mode_turns_and_stops(qtbot, kiosk):
    show(kiosk, "attract", "en")
    before = kiosk.attract.plotter.camera.position
    frames = kiosk.attract.frames
    qtbot.waitUntil(lambda: kiosk.attract.frames >= frames + 2, timeout=3000)
    assert kiosk.attract.plotter.camera.position != before
    qtbot.mouseClick(kiosk.attract.banner, Qt.MouseButton.LeftButton)
    assert kiosk.stack.currentWidget() is kiosk.welcome and not kiosk.attract.timer.isActive()
