"""The one error every mesh reader raises: :class:`MeshLoadError`, its message naming the file.

Kept apart so the reference scan, the reader and the worker process can all raise
it without importing each other (``app.domain.mesh.loading`` re-exports it).
"""

from __future__ import annotations


class MeshLoadError(ValueError):
    """The file cannot be used as a mesh; the message says which file and why.

    A file name that is not valid UTF-8 reaches Python with its odd bytes as lone
    surrogates, which no terminal can print: the message shows them as ``\\xff``.
    """

    def __init__(self, message: str):
        super().__init__(readable(message))


def readable(text: str) -> str:
    """``text`` with the undecodable bytes of a file name (lone surrogates) written as ``\\xNN``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(_escaped(c) if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
