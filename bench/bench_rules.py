"""How long the manufacturing rules take: a full check, and the check after one edit.

    .venv/bin/python bench/bench_rules.py

For designs of 100 and 500 modules (bench/designs.py) it prints the median time
of a full check by a fresh engine (nothing cached), and of the check that follows
one edit (move, resize, finish) with a warm engine and the window's layout
invalidated as the document does it.  Target: well under 50 ms after one edit.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.catalog.loader import load_catalog  # noqa: E402
from app.domain.design.commands import MoveModule, SetFinish, SetParameter  # noqa: E402
from app.domain.design.layout import Layout  # noqa: E402
from app.domain.rules import RulesEngine  # noqa: E402
from bench.designs import grid_design  # noqa: E402


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


def main() -> None:
    catalog = load_catalog(ROOT / "catalogs" / "linea")
    print(f"{'modules':>8} {'full check':>11} {'after move':>11} {'after resize':>13} {'after finish':>13} "
          f"{'findings':>9}")
    for n in (100, 500):
        design = grid_design(catalog, n)
        full = []
        for _ in range(5):
            start = time.perf_counter()
            report = RulesEngine(catalog).check(design)
            full.append(time.perf_counter() - start)
        engine = RulesEngine(catalog)
        layout = Layout(catalog, design)
        engine.check(design, layout)
        edits = {"move": [], "resize": [], "finish": []}
        for i in range(20):
            unit = i % (n // 5)
            cabinet, wall, door = f"c{unit}", f"w{unit}", f"c{unit}d"
            x, y, z = design.get(wall).position
            commands = {
                "move": MoveModule(wall, position=(x, y, z + (10 if i % 2 else -10))),
                "resize": SetParameter(cabinet, name="height", value=700 if i % 2 else 720),
                "finish": SetFinish(door, finish="walnut" if i % 2 else "oak"),
            }
            for kind, command in commands.items():
                command.apply(design)
                layout.invalidate(command.module_id)   # what the window's document does on an edit
                start = time.perf_counter()
                engine.check(design, layout)
                edits[kind].append(time.perf_counter() - start)
        print(f"{n:>8} {ms(statistics.median(full)):>11} {ms(statistics.median(edits['move'])):>11} "
              f"{ms(statistics.median(edits['resize'])):>13} {ms(statistics.median(edits['finish'])):>13} "
              f"{len(report.findings):>9}")


if __name__ == "__main__":
    main()
