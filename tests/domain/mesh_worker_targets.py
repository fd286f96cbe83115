"""Reader functions for the worker-process tests: one that never returns, one that dies.

They stand in for a parser that hangs or crashes on a hostile file; the worker imports
them by name (``tests.domain.mesh_worker_targets:hang``).
"""

from __future__ import annotations

import os
import time


def hang(path: str, *_args) -> None:
    if path.endswith(".quick"):
        return None
    while True:  # a parser stuck in a loop
        time.sleep(0.05)


def crash(path: str, *_args) -> None:
    os._exit(3)  # a parser that takes the process down (a segfault in C code looks the same)
