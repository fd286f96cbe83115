"""An independent check of a nesting layout, written without the nesting code's ideas.

Every layout a test produces goes through :func:`validate`: each piece placed
exactly once in a size it has, inside the usable sheet (the raw sheet minus the
trim), no two pieces closer than a saw kerf, grain kept, and the whole sheet
separable by straight edge-to-edge cuts (found by a recursive cut search over
the pieces' edges, which knows nothing of strips or free rectangles).

Rectangles are ``(x, y, along, across)`` in mm; ``x`` along the sheet's length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

Rect = tuple[float, float, float, float]
EPS = 1e-6


def guillotine(rects: Sequence[Rect], kerf: float) -> bool:
    """True when the rectangles can be separated by edge-to-edge cuts, recursively.

    A cut runs along a piece's far edge; the kerf it takes is the strip just after
    it, so every piece on the far side must start at least a kerf further on.  Any
    valid cut may be taken first: the two sides of a guillotine layout are guillotine.
    """
    if len(rects) <= 1:
        return True
    for axis in (0, 1):
        for cut in sorted({r[axis] + r[axis + 2] for r in rects}):
            before = [r for r in rects if r[axis] + r[axis + 2] <= cut + EPS]
            after = [r for r in rects if r[axis] >= cut + kerf - EPS]
            if before and after and len(before) + len(after) == len(rects):
                return guillotine(before, kerf) and guillotine(after, kerf)
    return False


def stages(rects: Sequence[Rect], kerf: float, axis: int | None = None) -> int:
    """The fewest cut stages (changes of cut direction, first cut included) that separate the rectangles.

    Used to report the stage count of layouts; -1 if they are not guillotine.
    """
    if len(rects) <= 1:
        return 0
    best = -1
    for first in ((0, 1) if axis is None else (axis,)):
        groups = _split_all(rects, first, kerf)
        if groups is None or len(groups) == 1:
            continue
        deepest = 0
        for group in groups:
            depth = stages(group, kerf, 1 - first)
            if depth < 0:
                deepest = -1
                break
            deepest = max(deepest, depth)
        if deepest >= 0 and (best < 0 or deepest + 1 < best):
            best = deepest + 1
    return best


def _split_all(rects: Sequence[Rect], axis: int, kerf: float) -> list[list[Rect]] | None:
    """The rectangles cut into groups by every parallel cut possible along ``axis``."""
    ordered = sorted(rects, key=lambda r: r[axis])
    groups: list[list[Rect]] = [[ordered[0]]]
    reach = ordered[0][axis] + ordered[0][axis + 2]
    for r in ordered[1:]:
        if r[axis] >= reach + kerf - EPS:
            groups.append([r])
        else:
            groups[-1].append(r)
        reach = max(reach, r[axis] + r[axis + 2])
    return groups


def validate(sheets: Sequence[Sequence[tuple[str, Rect, bool]]], pieces: Sequence[tuple[str, float, float, str]],
             usable: tuple[float, float, float, float], kerf: float) -> None:
    """Assert a layout is right.

    ``sheets``: per sheet, ``(key, rect, rotated)``; ``pieces``: ``(key, length, width, turn)`` with
    turn ``fixed`` (length along the sheet), ``turned`` (across) or ``free``; ``usable``: x0, y0, x1, y1
    of the sheet minus its trim.
    """
    x0, y0, x1, y1 = usable
    wanted = Counter(p[0] for p in pieces)
    placed = Counter(key for sheet in sheets for key, _r, _t in sheet)
    assert placed == wanted, f"placed {placed - wanted} too often, missing {wanted - placed}"
    size = {p[0]: p[1:] for p in pieces}
    for n, sheet in enumerate(sheets):
        assert sheet, f"sheet {n + 1} is empty"
        rects = [r for _k, r, _t in sheet]
        for key, (x, y, a, b), rotated in sheet:
            length, width, turn = size[key]
            assert x >= x0 - EPS and y >= y0 - EPS and x + a <= x1 + EPS and y + b <= y1 + EPS, (key, x, y, a, b)
            assert (a, b) == ((width, length) if rotated else (length, width)), (key, a, b, rotated)
            if turn == "fixed":
                assert not rotated, f"{key} is turned against its grain"
            if turn == "turned":
                assert rotated, f"{key} should lie across the sheet"
        for i, r in enumerate(rects):
            for s in rects[i + 1:]:
                apart = (r[0] + r[2] + kerf <= s[0] + EPS or s[0] + s[2] + kerf <= r[0] + EPS
                         or r[1] + r[3] + kerf <= s[1] + EPS or s[1] + s[3] + kerf <= r[1] + EPS)
                assert apart, f"sheet {n + 1}: {r} and {s} are closer than the kerf {kerf}"
        assert guillotine(rects, kerf), f"sheet {n + 1} cannot be cut edge to edge"
