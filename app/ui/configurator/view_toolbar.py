"""The view's own toolbar: reset the camera, and see inside (fronts closed, opened or see-through).

Only view state: nothing here edits the design.  The camera moves through the
scene's :class:`~app.ui.view.camera.TurntableCamera` (the kiosk uses the same
entry points), the fronts through :meth:`~app.ui.view.scene.SceneView.set_fronts_mode`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QToolBar, QWidget

from app.ui.view.scene import SceneView

FRONT_MODES = (("closed", "Fronts closed", "Doors and drawers shut, as the furniture will stand"),
               ("open", "Open fronts", "Doors swing open on their hinges, drawers slide out: see inside"),
               ("see-through", "See-through fronts", "Fronts drawn translucent: see inside with the doors shut"))


class ViewToolbar(QToolBar):
    """Reset view and the three see-inside modes (one checked at a time)."""

    def __init__(self, scene: SceneView, parent: QWidget | None = None):
        super().__init__("View", parent)
        self.setObjectName("viewToolbar")
        self.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.setMovable(False)
        self.scene = scene
        self.act_reset = QAction("Reset view", self)
        self.act_reset.setToolTip("Back to the three-quarter view of the whole design (Home)")
        self.act_reset.setShortcut("Home")
        self.act_reset.triggered.connect(lambda _=False: scene.camera_control.reset())
        self.addAction(self.act_reset)
        self.addSeparator()
        self.front_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for mode, text, tip in FRONT_MODES:
            action = QAction(text, self)
            action.setCheckable(True)
            action.setToolTip(tip)
            action.setChecked(mode == scene.fronts.mode)
            action.triggered.connect(lambda _=False, m=mode: self.scene.set_fronts_mode(m))
            group.addAction(action)
            self.addAction(action)
            self.front_actions[mode] = action
