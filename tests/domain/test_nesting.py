"""Guillotine nesting: every layout fits, keeps the kerf, respects grain and can be cut edge to edge."""

from __future__ import annotations

import random

import pytest

from app.domain.production.nesting import Nesting, Piece, lower_bound, nest

L, W, KERF = 2780.0, 2050.0, 4.4


def _rects(sheet) -> list[tuple[float, float, float, float]]:
    return [(p.x, p.y, p.along, p.across) for p in sheet]


def guillotine(rects: list[tuple[float, float, float, float]], kerf: float) -> bool:
    """True when the rectangles can be separated by edge-to-edge cuts, recursively.

    A cut may run along a piece's far edge (through the kerf gap after it) as long
    as it crosses no piece.
    """
    if len(rects) <= 1:
        return True
    for axis in (0, 1):
        for cut in sorted({r[axis] + r[axis + 2] for r in rects}):
            before = [r for r in rects if r[axis] + r[axis + 2] <= cut + 1e-6]
            after = [r for r in rects if r[axis] >= cut + kerf - 1e-6]
            if before and after and len(before) + len(after) == len(rects):
                return guillotine(before, kerf) and guillotine(after, kerf)
    return False


def check_layout(result: Nesting, pieces: list[Piece], length: float, width: float, kerf: float) -> None:
    placed = [p for sheet in result.sheets for p in sheet]
    assert sorted(p.key for p in placed) == sorted(p.key for p in pieces if p not in result.oversize)
    by_key = {p.key: p for p in pieces}
    for sheet in result.sheets:
        rects = _rects(sheet)
        for x, y, a, b in rects:
            assert x >= -1e-6 and y >= -1e-6 and x + a <= length + 1e-6 and y + b <= width + 1e-6
        for i, r in enumerate(rects):   # no two pieces closer than a kerf
            for s in rects[i + 1:]:
                apart = (r[0] + r[2] + kerf <= s[0] + 1e-6 or s[0] + s[2] + kerf <= r[0] + 1e-6
                         or r[1] + r[3] + kerf <= s[1] + 1e-6 or s[1] + s[3] + kerf <= r[1] + 1e-6)
                assert apart, (r, s)
        assert guillotine(rects, kerf)
        for p in sheet:
            piece = by_key[p.key]
            assert sorted((p.along, p.across)) == sorted((piece.length, piece.width))
            if piece.turn == "fixed":
                assert (p.along, p.across, p.rotated) == (piece.length, piece.width, False)
            if piece.turn == "turned":
                assert (p.along, p.across, p.rotated) == (piece.width, piece.length, True)


def test_four_quarter_sheets_fill_one_sheet_exactly_with_kerf():
    # Quarter sheets that leave exactly one kerf between them: (2780 - 4.4) / 2 = 1387.8, (2050 - 4.4) / 2 = 1022.8
    pieces = [Piece(f"q{i}", 1387.8, 1022.8) for i in range(4)]
    result = nest(pieces, L, W, KERF)
    assert (result.sheet_count, result.lower_bound) == (1, 1)
    check_layout(result, pieces, L, W, KERF)
    # A hair wider and the fourth no longer fits beside the kerf: a second sheet.
    wider = [Piece(f"q{i}", 1387.9, 1022.8, "fixed") for i in range(4)]
    assert nest(wider, L, W, KERF).sheet_count == 2


def test_random_cabinet_parts_are_valid_and_near_the_bound():
    rng = random.Random(7)
    pieces = [Piece(f"p{i}", rng.choice([2196, 2000, 720, 564, 1796, 400]), rng.choice([557, 447, 332, 180, 99.6]),
                    rng.choice(["free", "fixed", "turned"]) if i % 3 else "free") for i in range(120)]
    pieces = [p for p in pieces if p.turn != "turned" or p.length <= W]
    result = nest(pieces, L, W, KERF)
    check_layout(result, pieces, L, W, KERF)
    assert result.lower_bound == lower_bound(pieces, L, W)
    assert result.lower_bound <= result.sheet_count <= result.lower_bound + 1


def test_grain_keeps_direction_even_when_turning_would_save_a_sheet():
    # 1000 x 2000 pieces: turned (2000 along, 1000 across) two fit a sheet; kept with the grain
    # (1000 along, 2000 across) two fit as well. But 2500 x 1000 pieces only fit along the sheet.
    along = [Piece(f"a{i}", 2500, 1000, "fixed") for i in range(2)]
    across = [Piece(f"c{i}", 2500, 1000, "turned") for i in range(2)]
    assert nest(along, L, W, KERF).sheet_count == 1
    result = nest(across, L, W, KERF)
    assert result.sheet_count == 0 and len(result.oversize) == 2   # 2500 across a 2050 sheet: impossible


def test_oversize_pieces_are_reported_not_placed():
    pieces = [Piece("big", 3000, 500), Piece("ok", 500, 500)]
    result = nest(pieces, L, W, KERF)
    assert [p.key for p in result.oversize] == ["big"]
    assert result.sheet_count == 1 and result.lower_bound == 1


def test_same_input_same_layout():
    pieces = [Piece(f"p{i}", 300 + 37 * i % 900, 150 + 53 * i % 500) for i in range(60)]
    first, second = nest(pieces, L, W, KERF), nest(list(pieces), L, W, KERF)
    assert first == second


def test_nothing_to_place():
    result = nest([], L, W, KERF)
    assert (result.sheet_count, result.lower_bound, result.oversize) == (0, 0, ())


@pytest.mark.parametrize("count", [1, 2, 3, 7])
def test_lower_bound_is_area_over_usable_sheet(count):
    pieces = [Piece(str(i), 2000, 1000) for i in range(count)]
    # 2 000 000 mm2 each against 2780 x 2050 = 5 699 000 mm2: 2 per sheet by area.
    assert lower_bound(pieces, L, W) == -(-count * 2_000_000 // 5_699_000)


def test_the_guillotine_check_itself_rejects_a_pinwheel():
    # Four 2 x 1 bricks around a 1 x 1 centre in a 3 x 3 square: no straight cut crosses it.
    pinwheel = [(0, 0, 2, 1), (2, 0, 1, 2), (1, 2, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1)]
    assert not guillotine(pinwheel, 0.0)
    assert guillotine([(0, 0, 3, 1), (0, 1, 1, 2), (1, 1, 2, 2)], 0.0)
