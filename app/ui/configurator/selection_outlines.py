"""Outlines of the other selected modules when several are selected (Ctrl/Shift-click, Select run).

The scene outlines the primary selection (the module the inspector shows); the
rest of the selection gets thinner boxes in the same accent colour here, so a
run or a handful of doors chosen for one edit can be seen at a glance.  Boxes
follow the modules when they move or change size; they only draw, never edit.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from app.domain.design.layout import LayoutError
from app.editing.session import DesignChange
from app.ui.document import DesignDocument
from app.ui.view.scene import SceneView
from app.ui.view.scene_overlays import SELECTION_COLOR, SELECTION_PAD

OUTLINE_WIDTH = 2.0   # px: thinner than the primary outline, which stays the one being edited
NAME = "multi-selection"


class SelectionOutlines:
    def __init__(self, document: DesignDocument, scene: SceneView):
        self.document = document
        self.scene = scene
        self._actor: pv.Actor | None = None
        self.boxes: list[tuple[np.ndarray, np.ndarray]] = []   # what is drawn (tests read it)
        document.selection_changed.connect(lambda _primary: self.update())
        document.design_changed.connect(self._on_design_changed)

    def _on_design_changed(self, change: DesignChange) -> None:
        if change.reset and self._actor is not None:   # the scene may have been rebuilt: start afresh
            self.scene.plotter.remove_actor(self._actor, render=False)
            self._actor = None
        if len(self.document.selection) > 1 or change.reset:
            self.update()

    def update(self) -> None:
        others = [m for m in self.document.selection if m != self.document.selected and m in self.document.design]
        self.boxes = [box for m in others if (box := self._box(m)) is not None]
        plotter = self.scene.plotter
        if not self.boxes:
            if self._actor is not None:
                self._actor.SetVisibility(False)
                self.scene.request_render()
            return
        edges = pv.merge([pv.Box(bounds=(lo[0], hi[0], lo[1], hi[1], lo[2], hi[2]), level=0).extract_all_edges()
                          for lo, hi in self.boxes])
        if self._actor is None:
            self._actor = plotter.add_mesh(edges, color=SELECTION_COLOR, line_width=OUTLINE_WIDTH, lighting=False,
                                           pickable=False, name=NAME, reset_camera=False, render=False)
        else:
            self._actor.mapper.dataset.copy_from(edges)
        self._actor.SetVisibility(True)
        self.scene.request_render()

    def _box(self, module_id: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The module's box with its inserts (a door on a cabinet), padded like the primary outline."""
        design = self.document.design
        members = [module_id] + [c.id for c in design.descendants(module_id) if c.attach == "in"]
        try:
            boxes = [self.document.layout.state(m).world_bounds for m in members]
        except (LayoutError, KeyError, ValueError):
            return None
        lo = np.min([b[0] for b in boxes], axis=0) - SELECTION_PAD
        hi = np.max([b[1] for b in boxes], axis=0) + SELECTION_PAD
        return lo, hi
