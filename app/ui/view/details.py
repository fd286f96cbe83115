"""HTML for the details panel: what a module type offers, what a preset holds.

Pure functions of the catalog (no widgets), so the texts are testable without a
display and the window only has to put them into a ``QTextBrowser``.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import ModuleType, Parameter
from app.domain.design.design import Design, PlacedModule
from app.domain.design.layout import Layout
from app.domain.design.presets import design_from_preset
from app.domain.problems import Problem

CATEGORY_LABELS = {  # tree group titles, in the order a customer thinks about a cabinet
    "carcass": "Carcasses",
    "open_shelf": "Open shelves",
    "front": "Fronts",
    "insert": "Inserts",
    "base": "Bases",
    "top": "Tops",
}

SUPPORT_LABELS = {"floor": "on the floor", "wall": "on the wall", "on": "on top of", "in": "inside"}

_STYLE = ("<style>h2{margin:0 0 4px 0} h3{margin:14px 0 4px 0} td,th{padding:2px 8px 2px 0}"
          " th{text-align:left;color:#555} p{margin:2px 0 4px 0} ul{margin:0 0 4px 0}"
          " .muted{color:#666} .bad{color:#B00020}</style>")


def _mm(value: float) -> str:
    return f"{value:g}"


def size_text(lo, hi) -> str:
    """W x H x D in mm from room bounds: W along x, D along y (depth), H along z."""
    w, d, h = (hi[i] - lo[i] for i in range(3))
    return f"{_mm(round(w, 1))} x {_mm(round(h, 1))} x {_mm(round(d, 1))} mm"


def module_design(catalog: Catalog, type_id: str) -> Design:
    """A design of one module of this type at its default size and finish, for showing it alone.

    Inserts and fronts take some sizes from their host; alone they would fall to their
    minimum (a 196 x 246 mm door).  They get the sizes the first host type they fit
    offers at its own defaults instead, which is what a customer would first see.
    """
    mtype = catalog.module(type_id)
    support = mtype.attach.support
    attach = "wall" if "wall" in support and "floor" not in support else "floor"
    params = _host_defaults(catalog, mtype)
    placed = PlacedModule(id=type_id, type_id=type_id, params=params, finish=mtype.default_finish, attach=attach)
    return Design(catalog.id, catalog.version, mtype.name, [placed])


def _host_defaults(catalog: Catalog, mtype: ModuleType) -> dict[str, float]:
    bound = {name: p.from_host for name, p in mtype.params.items() if p.from_host}
    host_type = next((m for m in catalog.modules.values() if m.category in mtype.attach.hosts
                      and not any(p.from_host for p in m.params.values())), None)
    if not bound or host_type is None:
        return {}
    try:
        host = Layout(catalog, module_design(catalog, host_type.id)).state(host_type.id)
    except (ValueError, KeyError):
        return {}
    names = host.host_geometry().names()
    return {name: names[source] for name, source in bound.items()}


def _range(param: Parameter) -> str:
    unit = f" {escape(param.unit)}" if param.unit else ""
    text = f"{_mm(param.min)} – {_mm(param.max)}{unit}"
    if param.step:
        text += f", step {_mm(param.step)}"
    if param.from_host:
        text += f" <span class='muted'>(from the host: {param.from_host.replace('_', ' ')})</span>"
    return text


def _item_name(catalog: Catalog, value) -> str:
    """Options that name catalog items read better with the item's name."""
    for table in (catalog.materials, catalog.hardware, catalog.finishes):
        if isinstance(value, str) and value in table:
            return f"{escape(table[value].name)}"
    return escape(_mm(value) if isinstance(value, (int, float)) else str(value))


def _swatch(color: str) -> str:
    return (f"<span style='background-color:{color};color:{color};"
            f"border:1px solid #888'>&nbsp;&nbsp;&nbsp;&nbsp;</span>")


def module_html(catalog: Catalog, mtype: ModuleType) -> str:
    parts = [_STYLE, f"<h2>{escape(mtype.name)}</h2>",
             f"<p class='muted'>{escape(CATEGORY_LABELS.get(mtype.category, mtype.category))}"
             f" · <code>{escape(mtype.id)}</code></p>"]
    if mtype.description:
        parts.append(f"<p>{escape(mtype.description)}</p>")
    try:
        lo, hi = Layout(catalog, module_design(catalog, mtype.id)).overall_bounds()
        parts.append(f"<p><b>Default size</b> (W x H x D): {size_text(lo, hi)}</p>")
    except (ValueError, KeyError) as exc:
        parts.append(f"<p class='bad'>Cannot size at defaults: {escape(str(exc))}</p>")
    hosts = ", ".join(CATEGORY_LABELS.get(h, h).lower() for h in mtype.attach.hosts)
    where = [SUPPORT_LABELS[s] + (f" {hosts}" if s in ("on", "in") and hosts else "") for s in mtype.attach.support]
    parts.append(f"<p><b>Placed</b> {escape(', '.join(where))}</p>")
    if mtype.params:
        # One block per parameter rather than a table: option names are long and the panel is narrow.
        blocks = []
        for param in mtype.params.values():
            if param.options is not None:
                options = "".join(
                    f"<li>{_item_name(catalog, o)}"
                    f"{' <span class=muted>(default)</span>' if o == param.default else ''}</li>"
                    for o in param.options)
                blocks.append(f"<p><b>{escape(param.label)}</b></p><ul>{options}</ul>")
            else:
                default = "" if param.default is None else f" · default {_mm(param.default)}"
                blocks.append(f"<p><b>{escape(param.label)}</b>: {_range(param)}{default}</p>")
        parts.append("<h3>Parameters</h3>" + "".join(blocks))
    finishes = []
    for finish_id in mtype.finishes:
        finish = catalog.finishes.get(finish_id)
        if finish is None:
            continue
        mark = " <span class='muted'>(default)</span>" if finish_id == mtype.default_finish else ""
        finishes.append(f"<tr><td>{_swatch(finish.color)}</td><td>{escape(finish.name)}{mark}</td></tr>")
    parts.append("<h3>Finishes</h3><table>" + "".join(finishes) + "</table>")
    return "".join(parts)


def preset_html(catalog: Catalog, preset_id: str) -> str:
    preset = catalog.presets[preset_id]
    intro = f"<p class='muted'>Preset · {escape(preset.need)}</p>"
    if preset.description:
        intro += f"<p>{escape(preset.description)}</p>"
    return design_html(catalog, design_from_preset(catalog, preset_id), preset.name, intro)


def design_html(catalog: Catalog, design: Design, title: str | None = None, intro: str = "") -> str:
    """Module count, overall size and contents of a design."""
    parts = [_STYLE, f"<h2>{escape(title or design.name)}</h2>", intro]
    parts.append(f"<p><b>Modules:</b> {len(design)}</p>")
    try:
        bounds = Layout(catalog, design).overall_bounds()
        if bounds is not None:
            parts.append(f"<p><b>Overall size</b> (W x H x D): {size_text(*bounds)}</p>")
    except (ValueError, KeyError) as exc:
        parts.append(f"<p class='bad'>Cannot lay out: {escape(str(exc))}</p>")
    counts = Counter(m.type_id for m in design)
    names = {t: catalog.modules[t].name if t in catalog.modules else t for t in counts}
    rows = "".join(f"<tr><td>{n} ×</td><td>{escape(names[t])}</td></tr>" for t, n in counts.items())
    parts.append(f"<h3>Contents</h3><table>{rows}</table>")
    return "".join(parts)


def skipped_html(entry: str, problems: tuple[Problem, ...] | list[Problem]) -> str:
    items = "".join(f"<li>{escape(str(p))}</li>" for p in problems)
    return (f"{_STYLE}<h2 class='bad'>Left out: {escape(entry)}</h2>"
            f"<p>This entry has errors and is not offered until they are fixed:</p><ul>{items}</ul>")
