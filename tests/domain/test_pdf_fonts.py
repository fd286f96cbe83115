"""Every PDF prints a Chinese customer's name: the workshop papers as well as the labels and quotes."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader

from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import write_export
from app.domain.production.exports.pdf_fonts import CJK_FONTS, needs_cjk
from app.domain.production.exports.reference import OrderReference


def test_needs_cjk_sees_chinese_and_only_chinese():
    assert needs_cjk("王小明") and needs_cjk("Order", "李")
    assert not needs_cjk("Ångström Müller", "Παπαδόπουλος", "Иванов", "")


def test_the_workshop_papers_print_a_chinese_customer_name(catalog, tmp_path):
    if not any(path.is_file() for path in CJK_FONTS):
        pytest.fail("no CJK font installed (scripts/setup-env.sh installs fonts-wqy-microhei)")
    design = design_from_preset(catalog, "sideboard")
    bom = build_bom(catalog, design)
    order = OrderReference("7K2M-Q9TX", "王小明", date(2026, 12, 4))
    (path,) = write_export("pdf", tmp_path / "papers.pdf", catalog, design, bom, reference=order)
    text = PdfReader(path).pages[0].extract_text()
    assert "王小明" in text and "7K2M-Q9TX" in text
