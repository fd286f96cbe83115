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


def strict_check(path: str, *_args) -> tuple[str, str]:
    """What ``mesh check`` and ``catalog check`` do with a file, in the worker; an exception other than
    the documented refusal comes back as ``("bug", traceback)`` instead of a :class:`MeshLoadError`."""
    import traceback

    from app.domain.mesh.errors import MeshLoadError
    from app.domain.mesh.loading import measure_file
    from app.domain.mesh.report import CheckContext, check_file

    try:
        checked = check_file(path, CheckContext(triangle_budget=5000, tolerance_mm=0.5, typical_mm=600))
        measure_file(path)
    except MeshLoadError as exc:
        return "refused", str(exc)
    except Exception:
        return "bug", traceback.format_exc()
    return "fit" if checked.fit else "unfit", checked.text.splitlines()[0]
