"""Seeing inside: fronts opened (doors swing about their hinges, drawers slide out) or see-through.

The located parts say where each front is: a module's parts with role ``front``
are its leaves, each with its box in the module's frame and, for a hinged leaf,
its hinge side (:mod:`app.domain.production.parts`).  A hinged leaf turns about
the vertical axis through its hinge edge at its back face; a front without a
hinge (a drawer front) takes its whole module out along -Y, box and all.

A module with one motion (a door, a drawer) moves with its own actors: their
matrix becomes the module's room transform times the motion, so opening costs
no geometry.  A module with leaves that move apart (a double door) is drawn, while
open, by one actor per leaf holding that leaf's triangles, edges and handles;
its own actors are hidden until the fronts close again.

Which module types are fronts is never named: any module with front parts is one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkRenderingCore import vtkPolyDataMapper

from app.domain.catalog.catalog import Catalog
from app.domain.design.layout import ModuleState
from app.domain.production.parts import PartsError, module_parts

FRONT_ROLE = "front"
MODES = ("closed", "open", "see-through")
DOOR_ANGLE = 100.0          # degrees a door swings open: past square, as a customer opens it to look in
DRAWER_OUT = 0.7            # share of a drawer's depth it slides out
SEE_THROUGH_OPACITY = 0.22  # fronts in see-through mode: the shelves behind them read clearly
SEE_THROUGH_EDGE_OPACITY = 0.6


@dataclass(frozen=True)
class Leaf:
    """One front of a module: its box (x0, y0, z0, x1, y1, z1) in the module's frame, its hinge side."""

    box: tuple[float, float, float, float, float, float]
    hinge: str | None      # 'left', 'right', or None (it slides)


def front_leaves(catalog: Catalog, state: ModuleState) -> tuple[Leaf, ...]:
    """The module's fronts from its located parts; none for a module without (or not expandable)."""
    try:
        panels = module_parts(catalog, state).panels
    except PartsError:
        return ()
    leaves = []
    for panel in panels:
        if panel.role != FRONT_ROLE:
            continue
        for index, box in enumerate(panel.boxes):
            hinge = panel.hinges[index] if index < len(panel.hinges) else None
            leaves.append(Leaf(tuple(float(v) for v in box), hinge or None))   # type: ignore[arg-type]
    return tuple(leaves)


def leaf_motion(leaf: Leaf, module_depth: float, amount: float = 1.0) -> np.ndarray:
    """4x4 matrix in the module's frame that opens ``leaf`` (``amount`` 0 closed .. 1 fully open).

    Fronts face -Y.  A left-hinged leaf turns clockwise seen from above about its left back
    edge, so its free edge comes towards the viewer; a right-hinged one the other way.
    """
    x0, _y0, _z0, x1, y1, _z1 = leaf.box
    matrix = np.eye(4)
    if leaf.hinge is None:
        matrix[1, 3] = -DRAWER_OUT * module_depth * amount
        return matrix
    angle = math.radians(DOOR_ANGLE * amount) * (-1.0 if leaf.hinge == "left" else 1.0)
    pivot = np.array([x0 if leaf.hinge == "left" else x1, y1, 0.0])
    c, s = math.cos(angle), math.sin(angle)
    matrix[:3, :3] = [[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]]
    matrix[:3, 3] = pivot - matrix[:3, :3] @ pivot
    return matrix


def _vtk_matrix(matrix: np.ndarray) -> vtkMatrix4x4:
    out = vtkMatrix4x4()
    out.DeepCopy(np.ascontiguousarray(matrix).ravel())
    return out


class Fronts:
    """The see-inside mode of one view and what it did to the modules' actors.

    The scene calls :meth:`apply` after it has built or moved a module (with the module's
    record and state) and :meth:`forget` when it drops one; :meth:`set_mode` re-applies
    to every module the scene hands it.
    """

    def __init__(self, plotter: pv.BasePlotter):
        self.plotter = plotter
        self.mode = "closed"
        self._leaves: dict[tuple, tuple[Leaf, ...]] = {}     # by the module's content: leaves in its frame
        self._split: dict[str, list[pv.Actor]] = {}          # module id -> its per-leaf actors while open
        self.motions: dict[str, list[np.ndarray]] = {}       # module id -> motion per leaf, while open

    def leaves(self, catalog: Catalog, state: ModuleState) -> tuple[Leaf, ...]:
        key = state.content_key
        found = self._leaves.get(key)
        if found is None:
            if len(self._leaves) > 5000:
                self._leaves.clear()
            found = self._leaves[key] = front_leaves(catalog, state)
        return found

    def is_front(self, catalog: Catalog, state: ModuleState) -> bool:
        return bool(self.leaves(catalog, state))

    def apply(self, catalog: Catalog, module_id: str, state: ModuleState, record) -> None:
        """Show the module's fronts as the mode wants (its actors already carry ``state.transform``)."""
        self._drop_split(module_id)
        self.motions.pop(module_id, None)
        leaves = self.leaves(catalog, state)
        if not leaves:
            return
        see_through = self.mode == "see-through"
        for actor, kind in zip(record.actors, record.kinds):
            if kind == "body":
                actor.prop.opacity = SEE_THROUGH_OPACITY if see_through else 1.0
            elif kind == "outline":
                actor.prop.opacity = SEE_THROUGH_EDGE_OPACITY if see_through else 1.0
            elif kind == "fitting":
                actor.prop.opacity = SEE_THROUGH_OPACITY if see_through else 1.0
        if self.mode != "open":
            for actor in record.actors:
                actor.SetVisibility(True)
            return
        motions = [leaf_motion(leaf, state.size[1]) for leaf in leaves]
        self.motions[module_id] = motions
        if len({m.tobytes() for m in motions}) == 1:   # one motion: the module's own actors move
            matrix = _vtk_matrix(state.transform @ motions[0])
            for actor in record.actors:
                actor.SetUserMatrix(matrix)
                actor.SetVisibility(True)
            return
        self._split[module_id] = self._leaf_actors(state, record, leaves, motions)
        for actor in record.actors:
            actor.SetVisibility(False)

    def forget(self, module_id: str) -> None:
        self._drop_split(module_id)
        self.motions.pop(module_id, None)

    def split_actors(self, module_id: str) -> list[pv.Actor]:
        """The per-leaf actors drawing a module with leaves that move apart, while open."""
        return list(self._split.get(module_id, ()))

    def _drop_split(self, module_id: str) -> None:
        for actor in self._split.pop(module_id, ()):
            self.plotter.renderer.RemoveActor(actor)

    def _leaf_actors(self, state: ModuleState, record, leaves, motions) -> list[pv.Actor]:
        """One actor per leaf and piece, holding what lies in the leaf's x range (its boards, its handle)."""
        spans = np.array([(leaf.box[0], leaf.box[3]) for leaf in leaves])
        mids = spans.mean(axis=1)
        actors = []
        for mesh, source, kind in zip(record.meshes, record.actors, record.kinds):
            owner = self._owners(mesh, kind, mids)
            for index, motion in enumerate(motions):
                part = self._subset(mesh, kind, owner == index)
                if part is None:
                    continue
                mapper = vtkPolyDataMapper()
                mapper.SetInputData(part)
                mapper.ScalarVisibilityOff()
                actor = pv.Actor(mapper=mapper)
                actor.prop.DeepCopy(source.GetProperty())
                if source.texture is not None:
                    actor.texture = source.texture
                actor.SetUserMatrix(_vtk_matrix(state.transform @ motion))
                actor.SetPickable(False)
                self.plotter.renderer.AddActor(actor)
                actors.append(actor)
        return actors

    @staticmethod
    def _owners(mesh: pv.PolyData, kind: str, mids: np.ndarray) -> np.ndarray:
        """Per cell (triangle or edge; a fitting as a whole), the index of the leaf nearest to it along x."""
        points = np.asarray(mesh.points)
        if kind == "fitting":
            centre = np.array([points[:, 0].mean()])
            return np.full(mesh.n_cells, int(np.argmin(np.abs(mids - centre[0]))))
        cells = mesh.lines.reshape(-1, 3)[:, 1:] if kind == "outline" else mesh.regular_faces
        x = points[cells, 0].mean(axis=1)
        return np.argmin(np.abs(x[:, None] - mids[None, :]), axis=1)

    @staticmethod
    def _subset(mesh: pv.PolyData, kind: str, keep: np.ndarray) -> pv.PolyData | None:
        if not keep.any():
            return None
        if kind == "outline":
            lines = mesh.lines.reshape(-1, 3)[keep]
            return pv.PolyData(np.asarray(mesh.points), lines=lines.ravel())
        faces = mesh.regular_faces[keep]
        part = pv.PolyData.from_regular_faces(np.asarray(mesh.points), faces)
        tcoords = mesh.active_texture_coordinates
        if tcoords is not None:
            part.active_texture_coordinates = np.asarray(tcoords)
        return part
