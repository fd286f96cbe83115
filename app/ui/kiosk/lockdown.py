"""Lock-down: keys and menus that would leave the kiosk or show its insides do nothing.

An application event filter swallows Escape, Alt+F4, Alt+Tab (when the window
system lets the application see it), Ctrl+Q, Ctrl+W, F11 and the Super/Meta
key, and every key meant for the 3D view (VTK's own keys would quit or turn it
into wireframe); plain typing still reaches a text field.  Context menus are
swallowed everywhere.  Closing the window is refused by the window itself
unless the administrator chose to leave (see window.py).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit

ALWAYS_BLOCKED = {Qt.Key.Key_Escape, Qt.Key.Key_F4, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Q,
                  Qt.Key.Key_W, Qt.Key.Key_F11, Qt.Key.Key_Meta, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
                  Qt.Key.Key_Menu, Qt.Key.Key_Alt, Qt.Key.Key_Control}
KEY_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut}


class Lockdown(QObject):
    def __init__(self, app, parent: QObject | None = None):
        super().__init__(parent)
        self.blocked = 0   # swallowed events, for the tests and the log
        app.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ContextMenu:
            self.blocked += 1
            return True
        if kind in KEY_EVENTS and hasattr(event, "key"):
            modifiers = event.modifiers()
            plain_typing = isinstance(obj, QLineEdit) and not modifiers & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier) and event.key() not in ALWAYS_BLOCKED
            if not plain_typing:
                self.blocked += 1
                return True
        return False
