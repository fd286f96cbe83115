"""Code 128 (ISO/IEC 15417) barcodes as bar widths, for printing as vector bars.

Why our own and not python-barcode: a label needs only the symbol's bar and
space widths to draw them as rectangles in the PDF (no raster, no SVG to
embed), and that is a table and a checksum.  The decoder in the tests
(zxing-cpp) checks every label against an independent implementation.

:func:`encode` uses code set B (printable ASCII) and switches to code set C
(two digits per symbol) for runs of four or more digits, which keeps piece ids
like ``7K2M-Q9TX-P-17E6E3-3`` short enough for a 70 mm label.
:func:`modules` gives the widths, bar first, in modules (the narrowest bar);
the quiet zone (ten modules each side) is the caller's margin.
"""

from __future__ import annotations

# The 107 symbols' six widths (bar, space, bar, space, bar, space), value 0-105, and the stop (seven).
_PATTERNS = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)
START_B, START_C, CODE_B, CODE_C, STOP = 104, 105, 100, 99, 106


class Code128Error(ValueError):
    """Text that Code 128 code sets B and C cannot hold."""


def _digit_run(text: str, at: int) -> int:
    end = at
    while end < len(text) and text[end].isdigit() and text[end].isascii():
        end += 1
    return end - at


def symbols(text: str) -> list[int]:
    """The symbol values of ``text``: start, data, checksum, stop."""
    if not text:
        raise Code128Error("a barcode needs at least one character")
    bad = [ch for ch in text if not 32 <= ord(ch) <= 126]
    if bad:
        raise Code128Error(f"a Code 128 barcode holds printable ASCII only, not {bad[0]!r}")
    values: list[int] = []
    mode = ""
    i = 0
    while i < len(text):
        run = _digit_run(text, i)
        # Code C pays off for 4+ digits (the switch costs one symbol, each pair saves one); an odd run
        # leaves its first digit in B so the pairs end where the run ends.
        if run >= 4 or (run == len(text) - i and run >= 2 and run % 2 == 0 and not values):
            if run % 2:
                if not mode:
                    values.append(START_B)
                    mode = "B"
                values.append(ord(text[i]) - 32)
                i += 1
                run -= 1
            if not mode:
                values.append(START_C)
            elif mode != "C":
                values.append(CODE_C)
            mode = "C"
            for j in range(i, i + run, 2):
                values.append(int(text[j:j + 2]))
            i += run
            continue
        if not mode:
            values.append(START_B)
        elif mode != "B":
            values.append(CODE_B)
        mode = "B"
        values.append(ord(text[i]) - 32)
        i += 1
    checksum = (values[0] + sum(pos * value for pos, value in enumerate(values[1:], start=1))) % 103
    return [*values, checksum, STOP]


def modules(text: str) -> list[int]:
    """Bar and space widths in modules, bar first, ending with the stop pattern's last bar."""
    return [int(width) for value in symbols(text) for width in _PATTERNS[value]]


def bars(text: str) -> list[tuple[int, int]]:
    """The bars alone: (offset, width) in modules from the symbol's left edge (quiet zone not included)."""
    found, x = [], 0
    for n, width in enumerate(modules(text)):
        if n % 2 == 0:
            found.append((x, width))
        x += width
    return found


def width_in_modules(text: str) -> int:
    return sum(modules(text))
