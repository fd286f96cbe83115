"""Fonts for every PDF the program writes: DejaVu for Latin, Greek and Cyrillic, a CJK fallback
for Chinese names and papers, and the PDF core font where neither is installed.

One place that knows where Debian (and macOS, Windows) keep these fonts, so the
workshop papers, the labels and the customer's papers print the same characters.
WenQuanYi Micro Hei (``scripts/setup-env.sh`` installs it for the kiosk's
Chinese) or Noto Sans CJK fills in the glyphs DejaVu lacks; it is 5 MB and
parsing it costs about a second, so it is registered only when the text needs it.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"),
             Path("/Library/Fonts"), Path("C:/Windows/Fonts"))
CJK_FONTS = (Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
             Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
             Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
             Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"))


def find_font(name: str) -> Path | None:
    """The installed file of font ``name`` (e.g. ``DejaVuSans.ttf``), or None."""
    return next((folder / name for folder in FONT_DIRS if (folder / name).is_file()), None)


def needs_cjk(*texts: str) -> bool:
    """Whether any of ``texts`` has a character of the CJK blocks (DejaVu has none of them)."""
    return any(ord(c) >= 0x2E80 for text in texts for c in text)


def register_fonts(pdf: FPDF, family: str, regular: str = "DejaVuSans.ttf", bold: str = "DejaVuSans-Bold.ttf",
                   cjk: bool = False) -> bool:
    """Register ``family`` (regular and bold) on ``pdf``, with the CJK fallback when ``cjk``.

    Returns False when the fonts are not installed: the caller then uses the core Helvetica and
    replaces what Latin-1 cannot print.
    """
    regular_file, bold_file = find_font(regular), find_font(bold)
    if regular_file is None or bold_file is None:
        return False
    pdf.add_font(family, "", str(regular_file))
    pdf.add_font(family, "B", str(bold_file))
    found = next((path for path in CJK_FONTS if path.is_file()), None) if cjk else None
    if found is not None:
        fallback = f"{family}CJK"
        pdf.add_font(fallback, "", str(found), collection_font_number=0)
        pdf.add_font(fallback, "B", str(found), collection_font_number=0)
        pdf.set_fallback_fonts([fallback], exact_match=False)
    return True
