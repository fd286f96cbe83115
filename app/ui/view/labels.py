"""Keeping notes off the dimension labels: a screen-space nudge, redone when the camera moves.

Notes (a shelf's sag) are pinned to room points, dimension labels too; seen from some
angles a note would sit on a dimension's figure.  :func:`declutter` measures where
each label lands on screen (its text's bounding box, from VTK) and moves each note up
by whole label heights until it covers no dimension label and no earlier note.  A
note's position is a pixel offset from its room point (a ``vtkCoordinate`` with a
world reference), so the nudge holds at every zoom until the camera moves again.
Costs a few projections per label: fine on every camera move.
"""

from __future__ import annotations

GAP_PX = 4          # pixels kept free between two labels
MAX_STEPS = 8       # a note moves up at most this many label heights


def _box(renderer, actor) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) display pixels of a text actor as it will be drawn."""
    bounds = [0.0, 0.0, 0.0, 0.0]
    actor.GetBoundingBox(renderer, bounds)   # x0, x1, y0, y1 around the text's own anchor
    x, y = actor.GetPositionCoordinate().GetComputedDisplayValue(renderer)
    return x + bounds[0], y + bounds[2], x + bounds[1], y + bounds[3]


def _overlap(a, b) -> bool:
    return a[0] < b[2] + GAP_PX and b[0] < a[2] + GAP_PX and a[1] < b[3] + GAP_PX and b[1] < a[3] + GAP_PX


def declutter(renderer, notes: list, fixed: list) -> int:
    """Nudge ``notes`` (text actors positioned as pixel offsets) off ``fixed`` labels and off each other.

    Returns how many notes were moved.  Needs a render window with a size (an unsized
    offscreen one is left alone).
    """
    window = renderer.GetRenderWindow()
    if window is None or min(window.GetSize()) <= 0 or not notes:
        return 0
    taken = []
    for actor in fixed:
        x0, y0, x1, y1 = _box(renderer, actor)
        if x1 > x0:
            taken.append((x0, y0, x1, y1))
    moved = 0
    for actor in notes:
        position = actor.GetPositionCoordinate()
        position.SetValue(0.0, 0.0)
        box = _box(renderer, actor)
        height = max(box[3] - box[1], 1.0) + GAP_PX
        step = 0
        while step < MAX_STEPS and any(_overlap(box, other) for other in taken):
            step += 1
            position.SetValue(0.0, step * height)
            box = (box[0], box[1] + height, box[2], box[3] + height)
        moved += step > 0
        taken.append(box)
    return moved
