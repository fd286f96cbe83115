"""The customer's papers of every preset: the quote's units and total, nothing of cost in it, and the
assembly instructions naming every board and fitting of the BOM, each step with a free straight path.

Texts are read back from the PDFs with pypdf (an independent reader), not from the code's own data.
The insertion check below is written again here, on the boxes alone, so it does not trust the planner.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.catalog.loader import load_catalog
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import assembly_pdf, quote_pdf
from app.domain.production.papers.assembly_plan import assembly_plan
from app.domain.production.papers.customer_quote import customer_quote, split_total
from app.domain.production.papers.words import WORDS
from app.domain.production.pricing import Quoter
from app.domain.rules import RulesEngine

CATALOG = Path(__file__).resolve().parents[2] / "catalogs" / "linea"
PRESETS = ("bookcase", "sideboard", "wardrobe", "tv_bench")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CATALOG)


def _text(data: bytes) -> str:
    import io

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def _checked(catalog, preset):
    design = design_from_preset(catalog, preset)
    return design, RulesEngine(catalog).check(design).required_hardware()


@pytest.mark.parametrize("preset", PRESETS)
def test_quote_lists_every_unit_and_the_price_shown(catalog, preset):
    design, extra = _checked(catalog, preset)
    shown = Quoter(catalog).quote(design, None, extra)   # what the status bar and the kiosk show
    quote = customer_quote(catalog, design, extra, today=dt.date(2026, 12, 4))
    roots = [m for m in design if m.attach != "in"]
    assert len(quote.lines) == len(roots)
    assert sum(line.price for line in quote.lines) == shown.price_gross == quote.gross
    text = _text(quote_pdf.render(quote))
    for n in range(1, len(roots) + 1):
        assert f"Unit {n}" in text
    total = f"{shown.price_gross:,.2f} EUR"
    assert f"Total including VAT {total}" in text
    assert "Valid until 03 Jan 2027" in text   # 30 days of the bundled [shop]
    assert "Linea Möbelwerkstatt" in text and "10179 Berlin" in text


def test_split_total_adds_up_to_the_cent():
    shares = split_total(Decimal("100.00"), [Decimal(1), Decimal(1), Decimal(1)])
    assert shares == [Decimal("33.33"), Decimal("33.34"), Decimal("33.33")]
    assert sum(shares) == Decimal("100.00")


def test_quote_of_an_order_prints_its_code(catalog):
    design, extra = _checked(catalog, "sideboard")
    text = _text(quote_pdf.render(customer_quote(catalog, design, extra, order_code="93NV-QJ30")))
    assert "Order code 93NV-QJ30" in text


def test_quote_in_swedish(catalog):
    design, extra = _checked(catalog, "sideboard")
    text = _text(quote_pdf.render(customer_quote(catalog, design, extra, language="sv")))
    assert "Din offert" in text and "Underskåp" in text and "Totalt inklusive moms" in text


def test_quote_in_chinese_prints_its_words_and_figures(catalog):
    design, extra = _checked(catalog, "sideboard")
    quote = customer_quote(catalog, design, extra, language="zh_CN")
    text = _text(quote_pdf.render(quote))
    assert "您的报价" in text and "含增值税总价" in text
    assert f"{quote.gross:,.2f} EUR" in text     # Latin figures after Chinese words, not garbage


def test_assembly_in_swedish(catalog):
    design, extra = _checked(catalog, "tv_bench")
    bom = build_bom(catalog, design, extra)
    text = _text(assembly_pdf.render(assembly_plan(catalog, design, bom, extra, "sv"), bom))
    assert "Monteringsanvisning" in text and "Steg 1" in text and "Beslag" in text


def test_quote_shows_no_cost_labour_or_margin(tmp_path, catalog):
    planted = tmp_path / "catalogs" / "linea"
    shutil.copytree(CATALOG, planted)
    head = planted / "catalog.toml"
    toml = head.read_text(encoding="utf-8")
    toml = re.sub(r"^margin = [0-9.]+", "margin = 0.4173", toml, flags=re.M)
    toml = re.sub(r"^labour_rate_per_hour = [0-9.]+", "labour_rate_per_hour = 61.37", toml, flags=re.M)
    head.write_text(toml, encoding="utf-8")
    (tmp_path / "models3d").symlink_to(CATALOG.parent.parent / "models3d")   # meshes beside catalogs/
    test_catalog = load_catalog(planted)
    assert test_catalog.info.margin == pytest.approx(0.4173)
    assert test_catalog.info.workshop.labour_rate_per_hour == pytest.approx(61.37)
    for preset in PRESETS:
        design, extra = _checked(test_catalog, preset)
        text = _text(quote_pdf.render(customer_quote(test_catalog, design, extra))).lower()
        for figure in ("0.4173", "41.73", "41,73", "61.37", "61,37", "1.4173"):
            assert figure not in text
        for word in ("cost", "labour", "labor", "margin"):
            assert word not in text, f"{preset}: '{word}' in the quote"


def _blocks(moving, direction, placed) -> bool:
    """Independent sweep test: does ``placed`` lie in ``moving``'s straight path (touching is fine)?"""
    axis = "xyz".index(direction[1])
    for i in range(3):
        if i != axis and min(moving[i + 3], placed[i + 3]) - max(moving[i], placed[i]) <= 0.05:
            return False
    if direction[0] == "+":
        return placed[axis] < moving[axis + 3] - 0.05
    return placed[axis + 3] > moving[axis] + 0.05


@pytest.mark.parametrize("preset", PRESETS)
def test_assembly_steps_have_a_free_path_and_need_nothing_later(catalog, preset):
    design, extra = _checked(catalog, preset)
    _check_plan(catalog, design, extra, preset)


def test_every_corner_design_can_be_assembled(catalog):
    """Each module type at the corners of its ranges, on its usual hosts (as catalog check builds them)."""
    from app.domain.design.corner_designs import corner_designs

    checked = 0
    for corner in corner_designs(catalog):
        extra = RulesEngine(catalog).check(corner.design).required_hardware()
        _check_plan(catalog, corner.design, extra, corner.label)
        checked += 1
    assert checked > 40


def _check_plan(catalog, design, extra, preset):
    bom = build_bom(catalog, design, extra)
    plan = assembly_plan(catalog, design, bom, extra)
    there: dict[str, list] = {}          # frame -> boxes placed so far, built from the steps alone
    numbers = [s.number for s in plan.steps]
    assert numbers == list(range(1, len(numbers) + 1))
    for step in plan.steps:
        before = there.setdefault(step.frame, [])
        # The picture's grey boards are exactly what earlier steps put in this frame: nothing from later.
        assert sorted(p.box for p in step.placed) == sorted(before), f"step {step.number}"
        for move in step.moves:
            for piece in move.pieces:
                for box in before:
                    assert not _blocks(piece.box, move.direction, box), \
                        f"{preset} step {step.number}: {piece.label} {move.direction} blocked by {box}"
        before.extend(p.box for move in step.moves for p in move.pieces)
    # Every board piece of the design is fitted exactly once as a loose board.
    loose = sorted(p.number for s in plan.steps for m in s.moves if not m.name for p in m.pieces)
    expected = sorted(part.number for part in bom.parts for _ in range(part.qty))
    assert loose == expected


@pytest.mark.parametrize("preset", PRESETS)
def test_assembly_pdf_names_every_part_and_fitting_of_the_bom(catalog, preset):
    design, extra = _checked(catalog, preset)
    bom = build_bom(catalog, design, extra)
    plan = assembly_plan(catalog, design, bom, extra)
    text = _text(assembly_pdf.render(plan, bom))
    body = text[text.index("Build unit 1"):]     # the steps, not the contents list on page 1
    for part in bom.parts:
        assert part.number in body and part.label in body, part.number
    for row in bom.hardware:
        assert " ".join(row.label.split()) in body, row.label
    # The counts in the steps add up to the BOM's (pieces per board, pieces per fitting).
    for part in bom.parts:
        counted = sum(int(n) for n in re.findall(rf"(\d+) × {part.number} ", body))
        assert counted == part.qty, part.number
    for row in bom.hardware:
        if row.unit == "pcs":
            counted = sum(int(f.qty) for s in plan.steps for f in s.fittings if f.item == row.item
                          and f.label == row.label)
            assert counted == row.qty, row.label


def test_wall_anchor_step_warns(catalog):
    design, extra = _checked(catalog, "wardrobe")
    bom = build_bom(catalog, design, extra)
    text = _text(assembly_pdf.render(assembly_plan(catalog, design, bom, extra), bom))
    assert "WARNING:" in text and "Anti-tip wall anchor kit" in text
    assert "Hanging and adjusting the doors" in text and "Adjust the doors" in text


def test_every_language_has_every_word():
    for language, table in WORDS.items():
        assert set(table) == set(WORDS["en"]), language
