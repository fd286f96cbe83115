"""What the command line prints of text that came from a file: control characters made visible.

A design name, a module id, a catalog text, an order field or a problem message
quoting any of them is the file author's text, and a terminal obeys the control
characters in it: ``\\x1b[2J`` clears the screen, others recolour the terminal,
move the cursor, set the window title or (``\\r``) overwrite what was printed.
Every command prints such text through :func:`say` (or :func:`visible`), which
shows each C0 control, DEL and each C1 control as an escape (``\\x1b``,
``\\x9b``, ``\\n``, ``\\t``), so output holds no control character but the line
ends the CLI itself prints.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0 controls, DEL, C1 controls; and lone surrogates (from a JSON "\\ud800"), which no terminal can be sent.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROLS_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: object, *, lines: bool = False) -> str:
    """``text`` with every control character shown as an escape; ``lines=True`` keeps newlines (for a
    message the CLI itself breaks into lines, such as a list of catalog problems)."""
    return (_CONTROLS_BUT_NEWLINE if lines else _CONTROLS).sub(_escape, str(text))


def say(text: object = "", *, file: TextIO | None = None, lines: bool = False) -> None:
    """``print`` for any line holding file-supplied text (see :func:`visible`)."""
    print(visible(text, lines=lines), file=file if file is not None else sys.stdout)
