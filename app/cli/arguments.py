"""argparse value types the commands share: what a command-line value must be before any work starts."""

from __future__ import annotations

import argparse
from pathlib import Path


def out_path(text: str) -> Path:
    """``-o OUT``: a path with a name; ``Path("")`` is ``.``, so an empty OUT would write into the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("give the file (or folder) to write; it is empty")
    return Path(text)
