"""How long the customer's papers take for every preset, with no display (EGL/OSMesa offscreen).

    env -u DISPLAY .venv/bin/python bench/bench_papers.py          # a minute or two on 2 cores
    env -u DISPLAY .venv/bin/python bench/bench_papers.py --no-hq  # without the high-quality picture

Per preset it prints: the quote's content, the quote PDF, the quote's picture
(the renderer's high-quality path where it has one), the BOM and the assembly
plan, the step pictures (how many steps, how many pictures actually drawn: equal
scenes are drawn once) and the instructions PDF; each the median of ``-r`` runs
(pictures: one run).  A measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.domain.catalog.loader import load_catalog
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import build_bom
from app.domain.production.exports import assembly_pdf, quote_pdf
from app.domain.production.papers.assembly_plan import assembly_plan
from app.domain.production.papers.customer_quote import customer_quote
from app.domain.rules import RulesEngine

CATALOG = Path(__file__).resolve().parents[1] / "catalogs" / "linea"


def timed(work, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-r", "--repeats", type=int, default=3)
    parser.add_argument("--no-hq", action="store_true")
    args = parser.parse_args()
    from app.ui.view.assembly_pictures import best_design_png, render_step_pictures
    from app.ui.view.offscreen_render import render_design_png

    catalog = load_catalog(CATALOG)
    print(f"{'preset':10} {'quote':>7} {'q.pdf':>7} {'picture':>8} {'plan':>7} {'steps':>5} {'pics':>7} "
          f"{'a.pdf':>7}  (seconds)")
    for preset in catalog.presets:
        print(measure(catalog, preset, args.repeats, render_design_png if args.no_hq else best_design_png,
                      render_step_pictures))


def measure(catalog, preset: str, repeats: int, picture, step_pictures) -> str:
    design = design_from_preset(catalog, preset)
    extra = RulesEngine(catalog).check(design).required_hardware()
    t_quote, quote = timed(lambda: customer_quote(catalog, design, extra), repeats)
    t_qpdf, _ = timed(lambda: quote_pdf.render(quote), repeats)
    t_pic, _ = timed(lambda: picture(catalog, design, 1200, 675), 1)
    bom = build_bom(catalog, design, extra)
    t_plan, plan = timed(lambda: assembly_plan(catalog, design, bom, extra), repeats)
    t_pics, pictures = timed(lambda: step_pictures(plan), 1)
    t_apdf, _ = timed(lambda: assembly_pdf.render(plan, bom, pictures), 1)
    return (f"{preset:10} {t_quote:7.3f} {t_qpdf:7.3f} {t_pic:8.2f} {t_plan:7.3f} {len(plan.steps):5d} "
            f"{t_pics:7.2f} {t_apdf:7.3f}   ({len(set(pictures.values()))} pictures drawn)")

if __name__ == "__main__":
    main()
