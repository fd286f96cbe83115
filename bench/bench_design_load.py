"""How long a design file takes to load, and that the time grows linearly with its modules.

    .venv/bin/python bench/bench_design_load.py [--repeat 5]

Writes compact design files (as a program other than Modulor might) of 1,000,
5,000 and 10,000 modules (the cap, ``MAX_MODULES``) and loads each ``--repeat``
times with the sample catalog: median, fastest and slowest time, microseconds
per module, and the ratio to the 1,000-module file (linear time: about 5 and
10).  A file of 100,000 modules (about 16 MB, under the 20 MB size cap) is
refused by the module cap: the time to the refusal is printed.  To show that
the loader itself is linear past the cap, the 100,000-module file is also loaded
once more with the cap lifted in this process only ("uncapped"): its ratio to
10,000 should be about 10 (before issue 17 the duplicate-id check was quadratic
and this load did not finish in 2 minutes).  A benchmark, not a test: nothing
is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import bench.designs as designs  # noqa: E402
from app.domain.catalog.loader import load_catalog  # noqa: E402
from app.domain.design import files  # noqa: E402
from app.domain.design.files import DesignFileError, design_to_dict, load_design  # noqa: E402

# 160 units of 600 mm a row, rows 650 mm apart: 100,000 modules stay inside the +-100 m a position may have.
designs.UNITS_PER_ROW = 160
designs.ROW_PITCH = 650.0


def _timed(path: Path, catalog, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        load_design(path, catalog)
        times.append(time.perf_counter() - start)
    return times


def _refusal(path: Path, catalog, repeat: int) -> tuple[list[float], str]:
    times, message = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            load_design(path, catalog)
        except DesignFileError as exc:
            message = str(exc)
        times.append(time.perf_counter() - start)
    return times, message


def _row(label: str, n: int, size: int, times: list[float], base: float | None) -> str:
    median = statistics.median(times)
    ratio = f"{median / base:6.1f}" if base else "     -"
    return (f"{label:<22} {n:>8,} {size / 1e6:7.1f} {median * 1000:9.1f} {min(times) * 1000:9.1f} "
            f"{max(times) * 1000:9.1f} {median / n * 1e6:8.1f} {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="loads per file (default 5)")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "catalogs" / "linea")
    print(f"design files loaded {args.repeat} times each; module cap {files.MAX_MODULES:,}, "
          f"size cap {files.MAX_DESIGN_BYTES / 2**20:.0f} MiB")
    print(f"{'':<22} {'modules':>8} {'MB':>7} {'median ms':>9} {'min ms':>9} {'max ms':>9} {'us/mod':>8} "
          f"{'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="bench-design-load-") as folder:
        paths = {}
        for n in (1_000, 5_000, 10_000, 100_000):
            path = Path(folder) / f"d{n}.modulor.json"
            path.write_text(json.dumps(design_to_dict(designs.grid_design(catalog, n))), encoding="utf-8")
            paths[n] = path
        base = None
        medians = {}
        for n in (1_000, 5_000, 10_000):
            times = _timed(paths[n], catalog, args.repeat)
            medians[n] = statistics.median(times)
            base = base or medians[n]
            print(_row("loaded", n, paths[n].stat().st_size, times, base))
        times, message = _refusal(paths[100_000], catalog, args.repeat)
        print(_row("refused by the cap", 100_000, paths[100_000].stat().st_size, times, base))
        print(f"  {message}")
        cap = files.MAX_MODULES
        files.MAX_MODULES = 100_000   # this process only: is the loader linear past the cap?
        try:
            times = _timed(paths[100_000], catalog, max(1, args.repeat // 2))
        finally:
            files.MAX_MODULES = cap
        print(_row("uncapped (linearity)", 100_000, paths[100_000].stat().st_size, times, base))
        print(f"  100,000 / 10,000 modules: {statistics.median(times) / medians[10_000]:.1f} times as long "
              "(linear: about 10)")


if __name__ == "__main__":
    main()
