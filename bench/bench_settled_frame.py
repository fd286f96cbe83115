"""What the live view's settled frame costs: one SSAA frame against one FXAA frame, side by side.

    .venv/bin/python bench/bench_settled_frame.py           # 3 runs x 7 pairs per preset
    .venv/bin/python bench/bench_settled_frame.py --runs 5

The settled frame (app/ui/view/settled_frame.py) is drawn once when the view comes to
rest.  For each preset in the real configurator window (1280 x 860) it draws pairs of
frames, one FXAA and one SSAA, alternating so both see the same machine load, and prints
per run the median ratio SSAA / FXAA, then the median over runs with the spread (min to
max).  The first FXAA frame after the SSAA one is timed apart, against a plain FXAA frame:
that is the first frame of the customer's next change (the pass chain is set up again).
Absolute times are printed for orientation only: machines of the same kind differ 2-3x.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_view import WINDOW, ensure_display  # noqa: E402

PRESETS = ("sideboard", "wardrobe", "tv_bench")


def timed_render(window) -> float:
    start = time.perf_counter()
    window.plotter.ren_win.Render()
    return time.perf_counter() - start


def use(renderer, supersampled: bool) -> None:
    """The two passes the settled frame switches between (as SettledFrame does)."""
    renderer.disable_anti_aliasing()
    if supersampled:
        renderer.enable_anti_aliasing("ssaa")
    else:
        renderer.SetUseFXAA(True)


def measure(window, pairs: int) -> tuple[float, float, float, float]:
    """Medians of (SSAA / FXAA, first FXAA frame after SSAA / FXAA, FXAA ms, SSAA ms): each pair of
    frames is timed right after one another, so both see the same load."""
    renderer = window.plotter.renderer
    ratios, back, fxaa, ssaa = [], [], [], []
    for _ in range(pairs):
        use(renderer, True)
        timed_render(window)                 # the switch to SSAA: the settled frame, its pass set up
        sharp = timed_render(window)
        use(renderer, False)
        first = timed_render(window)         # the first frame of the next change: back to FXAA
        soft = timed_render(window)
        ratios.append(sharp / soft)
        back.append(first / soft)
        fxaa.append(soft)
        ssaa.append(sharp)
    use(renderer, False)
    return (statistics.median(ratios), statistics.median(back), 1000 * statistics.median(fxaa),
            1000 * statistics.median(ssaa))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()
    ensure_display()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    from app.domain.catalog.loader import load_catalog
    from app.domain.design.presets import design_from_preset
    from app.ui.configurator.window import ConfiguratorWindow

    catalog = load_catalog(ROOT / "catalogs" / "linea")
    print(f"settled frame (SSAA) against a moving frame (FXAA), window {WINDOW[0]} x {WINDOW[1]}, "
          f"{args.runs} runs x {args.pairs} pairs")
    for preset in PRESETS:
        window = ConfiguratorWindow(catalog, design=design_from_preset(catalog, preset))
        window.resize(*WINDOW)
        window.show()
        for _ in range(20):
            app.processEvents()
            time.sleep(0.02)
        window.scene.settled.set_enabled(False)   # this script switches the passes itself
        runs = [measure(window, args.pairs) for _ in range(args.runs)]
        ratios, back = [r[0] for r in runs], [r[1] for r in runs]
        print(f"  {preset:10s} SSAA / FXAA {statistics.median(ratios):.2f} x (runs "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; spread {min(ratios):.2f}-{max(ratios):.2f}); "
              f"first FXAA frame after it {statistics.median(back):.2f} x (spread {min(back):.2f}-{max(back):.2f}); "
              f"FXAA {statistics.median(r[2] for r in runs):.0f} ms, "
              f"SSAA {statistics.median(r[3] for r in runs):.0f} ms")
        window.document.undo_stack.set_clean()
        window.close()


if __name__ == "__main__":
    main()
