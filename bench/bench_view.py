"""How fast the configurator's 3D view follows an edit: the real window, under Xvfb.

    .venv/bin/python bench/bench_view.py            # all figures (about 3 minutes)
    .venv/bin/python bench/bench_view.py --quick    # fewer repetitions

For designs of 10, 100 and 500 placed modules (bench/designs.py, the sample
catalog's real meshes) it prints, per kind of edit (move, resize, finish, add,
delete, undo), the median and 95th percentile of the time from the edit to the
end of the frame that shows it, next to one bare render of the same scene (the
renderer's own cost), and how many frames each edit drew.  Then: the cold start
from process start to the first rendered frame, the CPU used while the window
sits idle, and the resident memory after 1,000 edits against after 10.

Edits go through the same path as the inspector and the keyboard: a domain
command pushed to the window's DesignDocument.  A frame is timed by an observer
on the render window's EndEvent.  Without a display the script restarts itself
under ``xvfb-run`` with Mesa's software OpenGL, as the tests do.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = (10, 100, 500)
EDIT_KINDS = ("move", "resize", "finish", "add", "delete", "undo")
WINDOW = (1280, 860)


def ensure_display() -> None:
    """Re-run this script on a virtual screen when there is no display."""
    if os.environ.get("DISPLAY"):
        return
    if os.environ.get("MODULOR_BENCH_XVFB"):
        sys.exit("bench: xvfb-run started but DISPLAY is still not set")
    os.environ["MODULOR_BENCH_XVFB"] = "1"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable, *sys.argv]
    os.execvp("xvfb-run", command)


class FrameClock:
    """Counts the frames a render window draws; notes when the last one started and ended."""

    def __init__(self, render_window):
        self.frames = 0
        self.last_start = 0.0
        self.last_end = 0.0
        render_window.AddObserver("StartEvent", self._on_start)
        render_window.AddObserver("EndEvent", self._on_end)

    def _on_start(self, *_args) -> None:
        self.last_start = time.perf_counter()

    def _on_end(self, *_args) -> None:
        self.frames += 1
        self.last_end = time.perf_counter()


def frame_after(app, clock: FrameClock, action) -> tuple[float, float]:
    """(ms from ``action`` to the end of the frame it caused, ms to the start of that frame's render)."""
    frames = clock.frames
    start = time.perf_counter()
    action()
    deadline = start + 10.0
    while clock.frames == frames and time.perf_counter() < deadline:
        app.processEvents()
    return (clock.last_end - start) * 1000, (clock.last_start - start) * 1000


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Bench:
    def __init__(self, app, catalog):
        self.app = app
        self.catalog = catalog

    def open(self, n: int):
        from app.ui.configurator.window import ConfiguratorWindow
        from bench.designs import grid_design

        window = ConfiguratorWindow(self.catalog, design=grid_design(self.catalog, n))
        window.resize(*WINDOW)
        window.show()
        self.clock = FrameClock(window.plotter.ren_win)
        self.settle(1.0)
        window.scene.frame_all()
        self.settle(0.3)
        return window

    def close(self, window) -> None:
        window.document.undo_stack.set_clean()
        window.close()
        window.deleteLater()
        self.settle(0.2)

    def settle(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def timed(self, action) -> tuple[float, int]:
        """(ms from the action to the end of its frame, frames drawn for it)."""
        elapsed, _overhead, frames = self.timed_parts(action)
        return elapsed, frames

    def timed_parts(self, action) -> tuple[float, float, int]:
        """(ms to the end of the frame, ms to the start of its render, frames drawn for the action)."""
        frames = self.clock.frames
        elapsed, overhead = frame_after(self.app, self.clock, action)
        self.settle(0.03)   # a second frame for the same edit would land here
        return elapsed, overhead, self.clock.frames - frames

    def bare_frame(self, window, shadow: bool = False) -> float:
        """One frame of the unchanged scene through the window's own paint, ms.

        Without ``shadow`` the contact shadow is switched off for that frame only: the edits
        are drawn with it, so the ratio of an edit to a bare frame includes its cost.
        """
        from PySide6.QtOpenGLWidgets import QOpenGLWidget

        scene = window.scene
        scene.shadow.set_enabled(shadow)
        try:
            return self.timed(lambda: QOpenGLWidget.update(window.plotter))[0]
        finally:
            scene.shadow.set_enabled(True)

    def shadow_cost(self, window, frames: int) -> tuple[float, float]:
        """(median bare frame with the contact shadow, without it), ms, alternating."""
        with_shadow, without = [], []
        for _ in range(frames):
            with_shadow.append(self.bare_frame(window, shadow=True))
            without.append(self.bare_frame(window, shadow=False))
        return statistics.median(with_shadow), statistics.median(without)

    def edit_cycle(self, window, i: int, bare: list | None = None) -> dict:
        """One edit of each kind on unit ``i``; returns {kind: (ms, ms before the render, frames)}.

        With ``bare``, a bare frame of the same scene is drawn before each edit and its time
        appended there: bare and edit frames alternate, so both see the machine as it is.
        """
        from app.domain.design.commands import AddModule, MoveModule, RemoveModule, SetFinish, SetParameter
        from app.domain.design.design import PlacedModule

        doc = window.document
        design = doc.design
        cabinets = [m.id for m in design if m.type_id == "base_cabinet"]
        walls = [m.id for m in design if m.type_id == "wall_cabinet"] or cabinets
        cabinet = cabinets[i % len(cabinets)]
        wall = walls[i % len(walls)]
        door = next((c.id for c in design.children(cabinet) if c.type_id == "door"), cabinet)
        x, y, z = design.get(wall).position
        width = design.get(cabinet).params.get("width", 600)
        finish = "walnut" if design.get(door).finish != "walnut" else "oak"
        new_id = design.new_id("b")
        shelf = PlacedModule(new_id, "shelf", {}, "white", (19, -3, 594), attach="in", to=cabinet)
        steps = {
            "move": lambda: doc.push(MoveModule(wall, position=(x, y, z + (50 if i % 2 == 0 else -50)))),
            "resize": lambda: doc.push(SetParameter(cabinet, name="width", value=650 if width == 600 else 600)),
            "finish": lambda: doc.push(SetFinish(door, finish=finish)),
            "add": lambda: doc.push(AddModule(shelf)),
            "delete": lambda: doc.push(RemoveModule(new_id)),
            "undo": doc.undo,
        }
        timings = {}
        for kind in EDIT_KINDS:
            if bare is not None:
                bare.append(self.bare_frame(window))
            timings[kind] = self.timed_parts(steps[kind])
        return timings


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def edits_table(bench: Bench, sizes, repeats: int, rounds: int) -> None:
    print(f"\nEdit to frame, window {WINDOW[0]}x{WINDOW[1]}, ms (median / 95th percentile), frames per edit;")
    print("bare render: one frame of the unchanged scene through the window's paint, drawn before every edit,")
    print("without the contact shadow (edits draw it: the ratio includes its cost; bare and edit frames")
    print("alternate in one run); ratio: median edit / median bare render; shadow: a bare frame with the")
    print("shadow over one without, alternating, median of the rounds (range);")
    print("overhead: median time from the edit to the start of its render, as a fraction of the bare render.")
    print(f"Each size is measured in {rounds} rounds; the ratio and overhead columns give the median of the")
    print("rounds and, in brackets, their lowest and highest.")
    header = f"{'modules':>8} {'bare':>6} " + " ".join(f"{k:>14}" for k in EDIT_KINDS) + \
             f" {'all edits':>14} {'ratio':>17} {'overhead':>17} {'shadow':>17} {'frames':>7}"
    print(header)
    for n in sizes:
        ratios, overheads, shadows = [], [], []
        bare: list[float] = []
        samples: dict[str, list[float]] = {k: [] for k in EDIT_KINDS}
        before: list[float] = []
        frames = []
        for _round in range(rounds):
            window = bench.open(n)
            round_bare: list[float] = []
            round_edits: list[float] = []
            round_before: list[float] = []
            for i in range(repeats):
                for kind, (ms, pre, count) in bench.edit_cycle(window, i, round_bare).items():
                    samples[kind].append(ms)
                    round_edits.append(ms)
                    round_before.append(pre)
                    frames.append(count)
            on, off = bench.shadow_cost(window, max(4, repeats // 2))
            shadows.append(on / off)
            bench.close(window)
            ratios.append(statistics.median(round_edits) / statistics.median(round_bare))
            overheads.append(statistics.median(round_before) / statistics.median(round_bare))
            bare += round_bare
            before += round_before
        every = [v for values in samples.values() for v in values]
        cells = " ".join(f"{statistics.median(samples[k]):6.1f}/{percentile(samples[k], 0.95):<7.1f}"
                         for k in EDIT_KINDS)
        all_cell = f"{statistics.median(every):6.1f}/{percentile(every, 0.95):<7.1f}"

        def spread(values: list[float]) -> str:
            return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"

        print(f"{n:>8} {statistics.median(bare):>6.1f} {cells} {all_cell} {spread(ratios):>17} "
              f"{spread(overheads):>17} {spread(shadows):>17} {max(frames):>4} max")


def idle_and_memory(bench: Bench, n: int, edits: int) -> None:
    window = bench.open(n)
    cycles = []
    for i in range(2):   # 12 edits: the "after 10" point, and everything is warmed up
        cycles.append(bench.edit_cycle(window, i))
    after_10 = rss_mb()
    done = 12
    i = 2
    while done < edits:
        bench.edit_cycle(window, i)
        done += len(EDIT_KINDS)
        i += 1
    after_1000 = rss_mb()
    print(f"\nMemory, {n} modules: {after_10:.1f} MB after 12 edits, {after_1000:.1f} MB after {done} edits "
          f"({(after_1000 / after_10 - 1) * 100:+.1f} %)")
    # Let the work that follows the last edit finish (the problems list works out its fixes a row per
    # turn), then measure the window at rest: what a kiosk does all day between customers.
    bench.settle(8.0)
    frames = bench.clock.frames
    wall_start, cpu_start = time.perf_counter(), cpu_seconds()
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(10_000, loop.quit)
    loop.exec()   # the real event loop, idle: timers (autosave) run as they would
    cpu = cpu_seconds() - cpu_start
    wall = time.perf_counter() - wall_start
    print(f"Idle, {n} modules: {cpu / wall * 100:.2f} % CPU over {wall:.0f} s, "
          f"{bench.clock.frames - frames} frames drawn")
    bench.close(window)


COLD_CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
from app.ui.configurator import window as cw
init = cw.ConfiguratorWindow.__init__
def hooked(self, *args, **kwargs):
    init(self, *args, **kwargs)
    def first_frame(*_):
        print(time.time(), flush=True)
        os._exit(0)
    self.plotter.ren_win.AddObserver("EndEvent", first_frame)
cw.ConfiguratorWindow.__init__ = hooked
from app.ui.app_main import run_app
sys.exit(run_app(__import__("pathlib").Path({catalog!r}), []))
"""


def cold_start(runs: int) -> None:
    """Process start (python interpreter included) to the first frame, via the real run_app."""
    child = COLD_CHILD.format(root=str(ROOT), catalog=str(ROOT / "catalogs" / "linea"))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, MODULOR_DATA_DIR=f"{home}/data", MODULOR_CACHE_DIR=f"{home}/cache")
        times = []
        for i in range(runs):
            start = time.time()
            out = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True,
                                 timeout=120)
            stamps = [line for line in out.stdout.split() if line.replace(".", "").isdigit()]
            if not stamps:
                print(f"cold start run {i + 1} failed:\n{out.stderr[-2000:]}")
                return
            times.append(float(stamps[-1]) - start)
    print(f"\nCold start to the first frame: first run (empty thumbnail cache) {times[0]:.2f} s, "
          f"then median {statistics.median(times[1:] or times):.2f} s over {max(1, runs - 1)} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    args = parser.parse_args()
    ensure_display()
    os.environ.setdefault("QT_API", "pyside6")
    os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
    scratch = tempfile.mkdtemp(prefix="modulor-bench-")
    os.environ["MODULOR_DATA_DIR"] = f"{scratch}/data"
    os.environ["MODULOR_CACHE_DIR"] = f"{scratch}/cache"

    from PySide6.QtWidgets import QApplication

    from app.domain.catalog.loader import load_catalog

    app = QApplication.instance() or QApplication(sys.argv)
    bench = Bench(app, load_catalog(ROOT / "catalogs" / "linea"))
    import vtk

    print(f"Modulor view benchmark: {os.cpu_count()} cores, VTK {vtk.vtkVersion.GetVTKVersion()}, "
          f"GL {os.environ.get('LIBGL_ALWAYS_SOFTWARE') and 'software (llvmpipe)'}")
    edits_table(bench, args.sizes, 4 if args.quick else 15, 1 if args.quick else 3)
    idle_and_memory(bench, 100, 60 if args.quick else 1000)
    cold_start(2 if args.quick else 4)


if __name__ == "__main__":
    main()
