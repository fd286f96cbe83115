"""Assembly instructions as a PDF: every step with its picture, its boards, its fittings and their counts.

``render(plan, bom, pictures={}) -> bytes`` and ``write(path, plan, bom, pictures)``
lay out an :class:`~app.domain.production.papers.assembly_plan.AssemblyPlan`:
a first page with what the order ships (every board with its part number and
label as on the workshop's labels, every fitting with its count), then one
block per step: its number and title, the exploded picture (PNG bytes per step
number from ``app/ui/view/assembly_pictures.py``; a step without one is
printed without), the boards it adds with their numbers, labels and counts,
the direction each goes in, the fittings and their counts, notes, and a
warning box where the rules require one (the wall anchor).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from app.domain.production.bom import Bom
from app.domain.production.exports import write_atomic
from app.domain.production.exports.customer_pdf import ACCENT, INK, MUTED, RULE, CustomerPdf
from app.domain.production.papers.assembly_plan import AssemblyPlan, Fitting, Step
from app.domain.production.papers.words import Words

PICTURE_W = 92.0
PICTURE_H = PICTURE_W * 520 / 760


def _qty(fitting: Fitting) -> str:
    if fitting.unit == "m":
        return f"{fitting.qty.normalize():f} m"
    return f"{int(fitting.qty)} ×"


def _contents(pdf: CustomerPdf, plan: AssemblyPlan, bom: Bom, words: Words) -> None:
    pdf.line_text(words.get("contents", parts=sum(p.qty for p in bom.parts),
                            fittings=sum(int(h.qty) if h.unit != "m" else 1 for h in bom.hardware)), 10, True)
    pdf.ln(1)
    pdf.font(8)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(*RULE)
    from fpdf.fonts import FontFace

    with pdf.table(col_widths=(24, 80, 14), text_align=("L", "L", "R"), line_height=4,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(236, 237, 240)),
                   borders_layout="HORIZONTAL_LINES", width=118, align="LEFT") as table:
        head = table.row()
        for title in ("", words.get("parts"), words.get("qty")):
            head.cell(pdf.text_of(title))
        for part in bom.parts:
            row = table.row()
            for value in (part.number, part.label, str(part.qty)):
                row.cell(pdf.text_of(value))
    pdf.ln(3)
    totals: dict[str, tuple[Fitting, Decimal]] = {}
    for step in plan.steps:
        for fitting in step.fittings:
            known = totals.get(fitting.label)
            totals[fitting.label] = (fitting, fitting.qty + (known[1] if known else Decimal(0)))
    with pdf.table(col_widths=(120, 22), text_align=("L", "R"), line_height=4,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(236, 237, 240)),
                   borders_layout="HORIZONTAL_LINES", width=142, align="LEFT") as table:
        head = table.row()
        for title in (words.get("fittings"), words.get("qty")):
            head.cell(pdf.text_of(title))
        for label, (fitting, qty) in totals.items():
            row = table.row()
            row.cell(pdf.text_of(label))
            row.cell(pdf.text_of(f"{qty.normalize():f} m" if fitting.unit == "m" else str(int(qty))))


def _step(pdf: CustomerPdf, step: Step, words: Words, picture: bytes | None) -> None:
    text_lines = len(step.part_counts()) + len(step.fittings) + len(step.notes) * 2 + 6
    need = max(PICTURE_H if picture else 0, text_lines * 4.2) + 12
    if pdf.get_y() + need > pdf.h - pdf.b_margin:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, top, pdf.w - pdf.r_margin, top)
    pdf.set_y(top + 1.5)
    pdf.font(11, True)
    pdf.multi_cell(0, 5.5, pdf.text_of(f"{words.get('step', n=step.number)}   {step.title}"),
                   new_x="LMARGIN", new_y="NEXT")
    body = pdf.get_y() + 1
    text_x = pdf.l_margin
    if picture:
        pdf.image(io.BytesIO(picture), x=pdf.l_margin, y=body, w=PICTURE_W, h=PICTURE_H, keep_aspect_ratio=True)
        text_x = pdf.l_margin + PICTURE_W + 4
    width = pdf.w - pdf.r_margin - text_x
    pdf.set_xy(text_x, body)
    counts = step.part_counts()
    groups = [m for m in step.moves if m.name]
    if counts or groups:
        pdf.font(8.5, True)
        pdf.cell(width, 4.5, pdf.text_of(words.get("parts")), new_x="LEFT", new_y="NEXT", align="L")
        pdf.font(8.5)
        directions: dict[str, list[str]] = {}
        for move in step.moves:
            for piece in move.pieces:
                directions.setdefault(piece.number, []).append(words.get(f"dir_{move.direction}"))
        for number, label, n in counts:
            where = ", ".join(dict.fromkeys(directions.get(number, [])))
            pdf.set_x(text_x)
            pdf.set_text_color(*ACCENT)
            pdf.cell(8, 4.2, f"{n} ×")
            pdf.set_text_color(*INK)
            pdf.multi_cell(width - 8, 4.2, pdf.text_of(f"{number}  {label}  ({where})"), new_x="LEFT",
                           new_y="NEXT", align="L")
        for move in groups:
            pdf.set_x(text_x)
            pdf.multi_cell(width, 4.2, pdf.text_of(f"{move.name}  ({words.get(f'dir_{move.direction}')})"),
                           new_x="LEFT", new_y="NEXT", align="L")
        pdf.ln(1)
    elif not step.fittings and not step.notes and not step.warning:
        pdf.font(8.5, colour=MUTED)
        pdf.multi_cell(width, 4.2, pdf.text_of(words.get("no_parts")), new_x="LEFT", new_y="NEXT", align="L")
    if step.fittings:
        pdf.set_x(text_x)
        pdf.font(8.5, True)
        pdf.cell(width, 4.5, pdf.text_of(words.get("fittings")), new_x="LEFT", new_y="NEXT", align="L")
        pdf.font(8.5)
        for fitting in step.fittings:
            pdf.set_x(text_x)
            pdf.set_text_color(*ACCENT)
            pdf.cell(14, 4.2, pdf.text_of(_qty(fitting)))
            pdf.set_text_color(*INK)
            pdf.multi_cell(width - 14, 4.2, pdf.text_of(fitting.label), new_x="LEFT", new_y="NEXT", align="L")
        pdf.ln(1)
    for note in step.notes:
        pdf.set_x(text_x)
        pdf.font(8.5)
        pdf.multi_cell(width, 4.2, pdf.text_of(note), new_x="LEFT", new_y="NEXT", align="L")
    if step.warning:
        pdf.set_x(text_x)
        pdf.font(9, True, (160, 30, 20))
        pdf.set_draw_color(160, 30, 20)
        pdf.multi_cell(width, 4.6, pdf.text_of(step.warning), border=1, new_x="LEFT", new_y="NEXT", padding=1)
        pdf.set_text_color(*INK)
    end = max(pdf.get_y(), body + (PICTURE_H if picture else 0))
    pdf.set_xy(pdf.l_margin, end + 3)


def render(plan: AssemblyPlan, bom: Bom, pictures: Mapping[int, bytes] | None = None) -> bytes:
    words = Words(plan.language)
    pictures = pictures or {}
    pdf = CustomerPdf(f"{words.get('assembly')}: {plan.design_name}",
                      f"{plan.design_name}  ·  {plan.design_id}", words.get("page", n="{n}", total="{total}"),
                      cjk=plan.language == "zh_CN")
    pdf.set_subject(words.get("assembly"))
    pdf.add_page()
    pdf.line_text(words.get("assembly"), 20, True, height=9)
    pdf.line_text(f"{plan.design_name}  ·  {plan.design_id}", 11)
    pdf.ln(1)
    pdf.line_text(words.get("assembly_intro"), 9, colour=MUTED)
    pdf.ln(2)
    _contents(pdf, plan, bom, words)
    for section in plan.sections:
        pdf.add_page()
        pdf.line_text(section.title, 15, True, height=8)
        pdf.ln(1)
        for step in section.steps:
            _step(pdf, step, words, pictures.get(step.number))
    return bytes(pdf.output())


def write(path: Path, plan: AssemblyPlan, bom: Bom, pictures: Mapping[int, bytes] | None = None) -> Path:
    write_atomic(path, render(plan, bom, pictures))
    return path
