"""Undo and redo from wherever the keyboard focus is, a field of the inspector included.

A line edit (the inspector's number fields are spin boxes around one) claims
Ctrl+Z and Ctrl+Shift+Z for its own text history, so the window's undo did
nothing while a field had focus.  :class:`ShortcutGuard` watches the window's
shortcut overrides: for the window's undo and redo keys it lets the window's
action have them.  The action first commits the field's typed value
(:func:`commit_focused_field`), so undo takes back that value and redo brings it
back, like any other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget


def commit_focused_field() -> None:
    """Make a spin box that has focus take the number typed into it (as Enter would)."""
    widget = QApplication.focusWidget()
    while widget is not None and not isinstance(widget, QAbstractSpinBox):
        widget = widget.parentWidget()
    if isinstance(widget, QAbstractSpinBox):
        widget.interpretText()
        widget.editingFinished.emit()


class ShortcutGuard(QObject):
    """Keeps ``actions``' shortcuts for the window whatever widget of it has focus."""

    def __init__(self, window: QWidget, actions: list[QAction]):
        super().__init__(window)
        self.window = window
        self.actions = actions
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def _keys(self) -> list[QKeySequence]:
        return [key for action in self.actions for key in action.shortcuts()]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(obj, QWidget):
            return False
        if obj.window() is not self.window or not isinstance(event, QKeyEvent):
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in self._keys()):
            event.ignore()   # not the field's: the window's shortcut runs
            return True
        return False

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
