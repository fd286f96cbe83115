"""Helpers for the kiosk tests: open a kiosk window, touch it, read what it shows."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from app.domain.showroom.kiosk_settings import KioskSettings

PIN = "2468"
SCREEN = (1920, 1080)


def open_kiosk(qtbot, catalog, tmp_path, **changes):
    """A kiosk window as ``modulor kiosk`` makes it, 1920 x 1080, shown and active."""
    from app.ui.kiosk.app import create_kiosk

    settings = replace(KioskSettings(order_store=str(tmp_path / "orders.sqlite3")), **changes).with_pin(PIN)
    window = create_kiosk(catalog, settings, QApplication.instance(), tmp_path / "kiosk.toml")
    # pytest-qt closes its widgets at teardown; the kiosk refuses a close unless it is leaving.
    qtbot.addWidget(window, before_close_func=lambda w: setattr(w, "leaving", True))
    window.resize(*SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


# Touches go to the top-level window at the widget's place, as a touch screen delivers them.
# (QTest.touchEvent aimed at a child widget, with points relative to it, reached no QPushButton
# under PySide6 6.12; aimed at the window it behaves like the real thing: Qt routes the touch to the
# widget under the finger and synthesises the mouse press and release a button needs.)

def _sequence(device, widget):
    return QTest.touchEvent(widget.window(), device)


def tap(device, widget, pos: QPoint | None = None) -> None:
    """One finger down and up on ``widget`` (its centre by default)."""
    at = widget.mapTo(widget.window(), pos if pos is not None else widget.rect().center())
    _sequence(device, widget).press(0, at).commit()
    _sequence(device, widget).release(0, at).commit()


def swipe(device, widget, start: QPoint, end: QPoint, steps: int = 8) -> None:
    def at(p):
        return widget.mapTo(widget.window(), p)

    _sequence(device, widget).press(0, at(start)).commit()
    for i in range(1, steps + 1):
        _sequence(device, widget).move(0, at(start + (end - start) * i / steps)).commit()
    _sequence(device, widget).release(0, at(end)).commit()


def pinch(device, widget, centre: QPoint, start_gap: int, end_gap: int, steps: int = 8) -> None:
    def points(gap):
        return (widget.mapTo(widget.window(), centre - QPoint(gap // 2, 0)),
                widget.mapTo(widget.window(), centre + QPoint(gap // 2, 0)))

    a, b = points(start_gap)
    _sequence(device, widget).press(0, a).press(1, b).commit()
    for i in range(1, steps + 1):
        a, b = points(start_gap + (end_gap - start_gap) * i // steps)
        _sequence(device, widget).move(0, a).move(1, b).commit()
    _sequence(device, widget).release(0, a).release(1, b).commit()


def visible_texts(root) -> dict[str, str]:
    """objectName path -> text of every visible label and button under ``root``."""
    found = {}
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if widget.isVisibleTo(root) and widget.text().strip():
            path, w = [], widget
            while w is not None and w is not root:
                path.append(w.objectName() or type(w).__name__)
                w = w.parentWidget()
            found["/".join(reversed(path))] = widget.text()
    return found
