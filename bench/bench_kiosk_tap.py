"""How fast the kiosk answers a tap: from the tap to the kiosk idle again, on every preset.

    .venv/bin/python bench/bench_kiosk_tap.py            # 3 rounds of 8 taps of each kind per preset
    .venv/bin/python bench/bench_kiosk_tap.py --quick    # 1 round of 3

The real kiosk window at 1920 x 1080 (under xvfb-run with Mesa's software
OpenGL when there is no display, as bench_view.py does).  For each preset and
each kind of tap (a height step, a width step, a finish, one shelf more, undo)
it measures the time from the button's click to the end of the frame that shows
it (the choice panel, the price and the feedback are refreshed in that same
turn, before the frame), next to a bare render of the editor's unchanged scene
drawn right before each tap, so both see the machine as it is.  It counts the
rules runs and quotes per tap (one each is the target), and, apart from them,
the trial edits that grey out the choices a customer cannot take, which run in
later event-loop turns, and the time until they are all known.
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

from bench_kiosk import open_kiosk  # noqa: E402
from bench_view import FrameClock, frame_after  # noqa: E402

from app.ui.kiosk.widgets import is_available  # noqa: E402

TAPS = ("height", "width", "finish", "shelf", "undo")


class Count:
    """Counts the calls of one method of one object (the real method still runs)."""

    def __init__(self, owner, name: str):
        self.calls = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            self.calls += 1
            return original(*args, **kwargs)

        setattr(owner, name, counted)


class TapBench:
    def __init__(self, app, window):
        self.app, self.window = app, window
        self.editor = window.editor
        self.panel = window.editor.panel
        self.clock = FrameClock(self.editor.plotter.ren_win)

    def settle(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def frame_after(self, action) -> float:
        """ms from ``action`` to the end of the frame it caused."""
        return frame_after(self.app, self.clock, action)[0]

    def bare(self) -> float:
        from PySide6.QtOpenGLWidgets import QOpenGLWidget

        ms = self.frame_after(lambda: QOpenGLWidget.update(self.editor.plotter))
        self.settle(0.02)
        return ms

    def button(self, kind: str):
        """The button a customer would tap for ``kind`` now, or None when that tap is not offered."""
        panel, editor = self.panel, self.editor
        if kind == "undo":
            return editor.undo if editor.undo.isEnabled() else None
        if kind == "shelf":
            candidates = [panel.shelves.plus, panel.shelves.minus] if panel.shelves.isVisible() else []
        elif kind == "finish":
            group = next((g for g, c in panel.finishes.items() if c.isVisible()), None)
            candidates = [b for b in panel.finishes[group].buttons.values() if not b.isChecked()] if group else []
        else:
            stepper = panel.steppers[kind]
            candidates = [stepper.plus, stepper.minus] if stepper.isVisible() else []
        # Greyed-out choices stay enabled (a tap explains them): offered is what is available.
        return next((b for b in candidates if is_available(b)), None)

    def tap(self, kind: str) -> dict | None:
        """One tap of ``kind``: its timings and counts, or None when the panel offers no such tap."""
        self.panel.verdicts.finish_now()   # the state a customer sees after a pause
        self.settle(0.05)
        button = self.button(kind)
        if button is None:
            return None
        bare = self.bare()
        session = self.window.session
        rules = Count(session.editor.engine, "check")   # a trial on a copy is a check too
        quotes = Count(session.quoter, "quote")
        trials_before = self.panel.verdicts.trials
        start = time.perf_counter()
        ms = self.frame_after(button.click)
        runs, quoted = rules.calls, quotes.calls
        while self.panel.verdicts.pending:
            self.app.processEvents()
        settled = (time.perf_counter() - start) * 1000
        del session.editor.engine.__dict__["check"]
        del session.quoter.__dict__["quote"]
        return {"ms": ms, "bare": bare, "rules": runs, "quotes": quoted, "settled": settled,
                "trials": self.panel.verdicts.trials - trials_before}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    app, catalog, window = open_kiosk("kiosk-tap-bench-")
    bench = TapBench(app, window)
    rounds, taps = (1, 3) if args.quick else (3, 8)
    print(f"Kiosk tap to idle, 1920x1080, software GL; {rounds} round(s) of {taps} taps of each kind per preset.")
    print("ms: median tap to the end of its frame (panels refreshed before it) / median bare render drawn")
    print("before each tap; ratio per round, median (lowest-highest); rules runs and quotes per tap (max);")
    print("trials: trial edits per tap that grey out choices, run in later turns; settled: ms until they are done.")
    print(f"{'preset':<12} {'tap':<8} {'ms':>7} {'bare':>7} {'ratio':>17} {'rules':>6} {'quotes':>7} "
          f"{'trials':>7} {'settled':>8}")
    everything: list[float] = []
    bares: list[float] = []
    for preset in catalog.presets:
        for kind in TAPS:
            ratios, results = [], []
            for _round in range(rounds):
                window.start(preset)
                bench.settle(0.5)
                round_results = []
                for _ in range(taps):
                    if kind == "undo":   # something to undo first: a finish, untimed
                        prepared = bench.button("finish") or bench.button("width")
                        if prepared is not None:
                            prepared.click()
                            bench.settle(0.05)
                    result = bench.tap(kind)
                    if result is None:
                        break
                    round_results.append(result)
                if round_results:
                    ratios.append(statistics.median(r["ms"] for r in round_results)
                                  / statistics.median(r["bare"] for r in round_results))
                results += round_results
            if not results:
                print(f"{preset:<12} {kind:<8} (not offered)")
                continue
            ms = statistics.median(r["ms"] for r in results)
            bare = statistics.median(r["bare"] for r in results)
            everything += [r["ms"] for r in results]
            bares += [r["bare"] for r in results]
            spread = f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})"
            print(f"{preset:<12} {kind:<8} {ms:7.1f} {bare:7.1f} {spread:>17} "
                  f"{max(r['rules'] for r in results):>6} {max(r['quotes'] for r in results):>7} "
                  f"{statistics.median(r['trials'] for r in results):>7.0f} "
                  f"{statistics.median(r['settled'] for r in results):>8.0f}")
    print(f"all taps: median {statistics.median(everything):.1f} ms against a bare render of "
          f"{statistics.median(bares):.1f} ms: ratio {statistics.median(everything) / statistics.median(bares):.2f}")
    window.leaving = True
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
