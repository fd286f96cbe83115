"""Guillotine nesting: every layout fits, keeps the kerf, respects grain and can be cut edge to edge."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from app.domain.production.nesting import Nesting, Piece, lower_bound, nest
from tests.domain.nesting_validator import guillotine, stages, validate

L, W, KERF = 2780.0, 2050.0, 4.4


# Two instances copied into tests/data (the whole set, for the benchmark, is in ../shared/data).
BW = Path(__file__).resolve().parents[1] / "data" / "nesting-berkey-wang"


def check_layout(result: Nesting, pieces: list[Piece], length: float, width: float, kerf: float) -> None:
    """Every placed piece through the independent validator (oversize pieces excepted)."""
    placed = [p for p in pieces if p not in result.oversize]
    sheets = [[(p.key, (p.x, p.y, p.along, p.across), p.rotated) for p in sheet] for sheet in result.sheets]
    validate(sheets, [(p.key, p.length, p.width, p.turn) for p in placed], (0.0, 0.0, length, width), kerf)


def _bw(name: str) -> tuple[list[Piece], float, float]:
    """A Berkey-Wang instance as stored (PackingSolver's CSV layout): items keep their orientation."""
    with open(BW / f"{name}_bins.csv", newline="") as f:
        _id, length, width = next(r for i, r in enumerate(csv.reader(f)) if i == 1)[:3]
    with open(BW / f"{name}_items.csv", newline="") as f:
        rows = list(csv.reader(f))[1:]
    pieces = [Piece(f"{row[0]}.{k}", float(row[1]), float(row[2]), "fixed")
              for row in rows for k in range(int(row[3]) if len(row) > 3 and row[3] else 1)]
    return pieces, float(length), float(width)


def test_four_quarter_sheets_fill_one_sheet_exactly_with_kerf():
    # Quarter sheets that leave exactly one kerf between them: (2780 - 4.4) / 2 = 1387.8, (2050 - 4.4) / 2 = 1022.8
    pieces = [Piece(f"q{i}", 1387.8, 1022.8) for i in range(4)]
    result = nest(pieces, L, W, KERF)
    assert (result.sheet_count, result.lower_bound) == (1, 1)
    check_layout(result, pieces, L, W, KERF)
    # A hair wider and the fourth no longer fits beside the kerf: a second sheet.
    wider = [Piece(f"q{i}", 1387.9, 1022.8, "fixed") for i in range(4)]
    result = nest(wider, L, W, KERF, optimise_s=2.0)    # the column generation cannot squeeze it either
    assert result.sheet_count == 2
    check_layout(result, wider, L, W, KERF)


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
    result = nest(along, L, W, KERF)
    assert result.sheet_count == 1
    check_layout(result, along, L, W, KERF)
    result = nest(across, L, W, KERF)
    assert result.sheet_count == 0 and len(result.oversize) == 2   # 2500 across a 2050 sheet: impossible


def test_oversize_pieces_are_reported_not_placed():
    pieces = [Piece("big", 3000, 500), Piece("ok", 500, 500)]
    result = nest(pieces, L, W, KERF)
    assert [p.key for p in result.oversize] == ["big"]
    assert result.sheet_count == 1 and result.lower_bound == 1
    check_layout(result, pieces, L, W, KERF)


def test_same_input_same_layout():
    pieces = [Piece(f"p{i}", 300 + 37 * i % 900, 150 + 53 * i % 500) for i in range(60)]
    first, second = nest(pieces, L, W, KERF), nest(list(pieces), L, W, KERF)
    assert first == second
    check_layout(first, pieces, L, W, KERF)


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


def test_the_validator_rejects_what_is_wrong():
    pieces = [("a", 100.0, 50.0, "fixed"), ("b", 100.0, 50.0, "free")]
    ok = [[("a", (0.0, 0.0, 100.0, 50.0), False), ("b", (104.4, 0.0, 100.0, 50.0), False)]]
    validate(ok, pieces, (0.0, 0.0, 300.0, 100.0), 4.4)
    wrong = {
        "closer than the kerf": [[("a", (0, 0, 100, 50), False), ("b", (104, 0, 100, 50), False)]],
        "turned against its grain": [[("a", (0, 0, 50, 100), True), ("b", (60, 0, 100, 50), False)]],
        "placed": [[("a", (0, 0, 100, 50), False)]],
        r"\('b', 250": [[("a", (0, 0, 100, 50), False), ("b", (250, 0, 100, 50), False)]],   # beyond the sheet
    }
    for message, sheets in wrong.items():
        with pytest.raises(AssertionError, match=message):
            validate(sheets, pieces, (0.0, 0.0, 300.0, 100.0), 4.4)


def test_stage_count_of_strips_and_of_a_nested_layout():
    strips = [(0, 0, 2, 1), (2, 0, 1, 1), (0, 1, 3, 1)]          # two strips, the first cut in two: 2 stages
    assert stages(strips, 0.0) == 2
    three = [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 2, 2), (0, 2, 3, 1)]   # a stack inside a strip: 3
    assert stages(three, 0.0) == 3
    pinwheel = [(0, 0, 2, 1), (2, 0, 1, 2), (1, 2, 2, 1), (0, 1, 1, 2), (1, 1, 1, 1)]
    assert stages(pinwheel, 0.0) == -1


# Berkey-Wang instances the column generation solves to the best known figure (3-stage, items
# oriented) well inside its budget, where the greedy needs one sheet more: small enough for the
# default test run (the whole set is bench/bench_bom.py's).
@pytest.mark.parametrize(("name", "greedy", "best_known"), [("C01_40_4", 15, 14), ("C05_40_5", 15, 14)])
def test_column_generation_reaches_the_best_known_on_berkey_wang(name, greedy, best_known):
    pieces, length, width = _bw(name)
    quick = nest(pieces, length, width, 0.0)
    assert quick.sheet_count == greedy
    check_layout(quick, pieces, length, width, 0.0)
    thorough = nest(pieces, length, width, 0.0, optimise_s=30.0)
    assert thorough.sheet_count == best_known and thorough.strategy.startswith("column generation")
    check_layout(thorough, pieces, length, width, 0.0)
    assert nest(pieces, length, width, 0.0, optimise_s=30.0) == thorough   # the same layout again


def test_column_generation_with_kerf_and_turning_backs_of_the_grid():
    # The grid's hdf3 backs: 50 of 718 x 598 and 50 of 398 x 598, free to turn, 4.4 mm kerf.
    # The greedy needs 8 sheets; 7 is the best possible in practice: 6 would need 98.7 % of every
    # sheet (pieces with their kerf: 50 x 722.4 x 602.4 + 50 x 402.4 x 602.4 = 33.88 m2 against
    # 6 x 2784.4 x 2054.4 = 34.32 m2), and a 602.4 mm strip fills at most 2734.4 of 2784.4 along.
    pieces = [Piece(f"a{i}", 718, 598) for i in range(50)] + [Piece(f"b{i}", 398, 598) for i in range(50)]
    quick = nest(pieces, L, W, KERF)
    thorough = nest(pieces, L, W, KERF, optimise_s=2.0)   # 7 comes from the first sheet-by-sheet fill
    assert (quick.sheet_count, thorough.sheet_count, thorough.lower_bound) == (8, 7, 6)
    check_layout(thorough, pieces, L, W, KERF)
    assert any(p.rotated for sheet in thorough.sheets for p in sheet)   # turned where it helps


def test_optimising_keeps_grain_and_reports_oversize():
    pieces = ([Piece(f"f{i}", 1500, 700, "fixed") for i in range(5)]
              + [Piece(f"t{i}", 1200, 500, "turned") for i in range(7)] + [Piece("big", 3000, 100)])
    result = nest(pieces, L, W, KERF, optimise_s=5.0)
    assert [p.key for p in result.oversize] == ["big"]
    check_layout(result, pieces, L, W, KERF)
