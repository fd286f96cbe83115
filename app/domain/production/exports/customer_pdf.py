"""What the customer's two PDFs share: fonts for every language, money and sizes as the customer reads them.

DejaVu Sans prints Latin, Greek and Cyrillic; for Chinese papers (``cjk=True``)
WenQuanYi Micro Hei or Noto Sans CJK is registered as a fallback font, so a
Chinese quote prints its characters instead of empty boxes.  Without DejaVu
the PDF core font is used and characters outside Latin-1 are replaced (as in
the workshop PDF).  No figure of cost, labour or margin is ever passed here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fpdf import FPDF

from app.domain.production.exports.pdf_fonts import register_fonts

INK = (34, 38, 46)
MUTED = (110, 114, 122)
RULE = (200, 202, 206)
ACCENT = (216, 120, 40)        # the step's parts and the arrows
PLACED = (205, 207, 211)       # boards already in place


class CustomerPdf(FPDF):
    """A4 portrait with the customer's fonts; ``footer_text`` repeats on every page."""

    def __init__(self, title: str, footer_text: str, page_words: str = "page {n} / {total}", cjk: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.page_words = page_words
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(14, 14, 14)
        # The CJK fallback only for Chinese papers: it is 5 MB, and parsing it costs a second per PDF.
        if register_fonts(self, "Body", cjk=cjk):
            self.family, self.unicode = "Body", True
        else:
            self.family, self.unicode = "Helvetica", False
        self.set_title(title)
        self.set_creator("Modulor")
        self.alias_nb_pages("{nb}")

    def text_of(self, value: Any) -> str:
        text = str(value)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(self.family, "", 7)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.text_of(self.footer_text), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, self.text_of(self.page_words.format(n=self.page_no(), total="{nb}")), align="R")
        self.set_text_color(*INK)

    def font(self, size: float, bold: bool = False, colour: tuple[int, int, int] = INK) -> None:
        # Set afresh every time: after a cell that needed the fallback (Chinese) font fpdf2 keeps it as
        # the current font, and an unchanged set_font would print Latin figures in its glyph numbers.
        self.set_font(self.family, "", 1)
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def line_text(self, text: str, size: float = 10, bold: bool = False, colour: tuple[int, int, int] = INK,
                  height: float | None = None, align: str = "L") -> None:
        self.font(size, bold, colour)
        self.multi_cell(0, height or size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT", align=align)


def money_text(amount: Decimal, currency: str, language: str) -> str:
    """'1,514.87 EUR' in English and Chinese, '1 514,87 EUR' in Swedish."""
    text = f"{amount:,.2f}"
    if language == "sv":
        text = text.replace(",", " ").replace(".", ",")
    return f"{text} {currency}"


def mm_text(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"
