"""What the customer's quote says: a line per unit with its options and price, finishes, totals.

``customer_quote(catalog, design, extra_hardware=(), language="en", today=None,
order_code=None) -> CustomerQuote``

* the total is the live price the window and the kiosk show
  (:meth:`~app.domain.production.pricing.Quoter.quote` with the rules' extra
  hardware), with its VAT and net price and its lead time;
* each unit's price is its share of that total: the units are weighed by what
  each would sell for alone and the total is split by cumulative rounding
  (line i = round(total x weights up to i) - round(total x weights before i)),
  so the lines add up to the total to the cent whatever the rounding;
* hardware the rules add (a wall anchor kit) is listed with the unit it is for;
* finishes are those the customer sees (the modules' own), with colour and
  texture for a swatch;
* the validity date is ``today`` + the shop's ``quote_valid_days`` (30 without
  a ``[shop]`` in the catalog).

No cost, labour, margin or purchase price leaves this module: a
:class:`CustomerQuote` holds only what the customer pays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.domain.catalog.catalog import Catalog
from app.domain.catalog.model import Shop
from app.domain.catalog.texts import CatalogTexts
from app.domain.design.design import Design
from app.domain.design.layout import Layout
from app.domain.production.papers.elevation import Elevation, elevation
from app.domain.production.papers.units import Unit, unit_of, units
from app.domain.production.parts import ModuleParts, PartsCache, design_parts
from app.domain.production.pricing import Quoter, costs
from app.domain.production.quantities import money
from app.domain.production.tally import ExtraHardware, tally

DEFAULT_VALID_DAYS = 30


@dataclass(frozen=True)
class QuoteLine:
    unit: int
    name: str                          # the unit's module type, in the customer's language
    size: tuple[float, float, float]   # width, height, depth in mm
    finish: str                        # finish name
    options: tuple[str, ...]           # "Door: Hinges Left, Handle Bar handle", "2 × Shelf", an anchor kit
    price: Decimal                     # its share of the total, VAT included


@dataclass(frozen=True)
class Swatch:
    finish: str
    name: str
    colour: str                        # '#rrggbb'
    texture: Path | None               # the decor's image, when it has one and the file is there


@dataclass(frozen=True)
class CustomerQuote:
    design_name: str
    catalog_name: str
    language: str
    date: dt.date
    valid_until: dt.date
    shop: Shop | None
    currency: str
    lines: tuple[QuoteLine, ...]
    swatches: tuple[Swatch, ...]
    net: Decimal
    vat: Decimal
    vat_rate: Decimal
    gross: Decimal
    lead_time_days: int
    overall_size: tuple[float, float, float] | None   # width, height, depth
    elevation: Elevation
    order_code: str | None = None


def split_total(total: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``total`` split in proportion to ``weights``, to the cent, adding up to it exactly."""
    if not weights:
        return []
    whole = sum(weights, Decimal(0))
    if whole <= 0:
        weights, whole = [Decimal(1)] * len(weights), Decimal(len(weights))
    shares, before, running = [], Decimal(0), Decimal(0)
    for weight in weights:
        running += weight
        upto = money(total * running / whole)
        shares.append(upto - before)
        before = upto
    return shares


def _options(catalog: Catalog, texts: CatalogTexts, design: Design, module_id: str) -> str:
    """'Door (Hinges: Left, Handle: Bar handle)': the module's chosen options, not its sizes."""
    module = design.get(module_id)
    mtype = catalog.module(module.type_id)
    chosen = []
    for name, param in mtype.params.items():
        if param.options is None or param.from_host is not None:
            continue
        value = module.params.get(name, param.default)
        if value is None:
            continue
        label = texts.text(f"modules.{mtype.id}.params.{name}")
        chosen.append(f"{label}: {texts.option_text(param, value)}")
    name = texts.module_name(module.type_id)
    return f"{name} ({', '.join(chosen)})" if chosen else name


def _unit_options(catalog: Catalog, texts: CatalogTexts, design: Design, unit: Unit,
                  extra: Sequence[ExtraHardware]) -> tuple[str, ...]:
    own = _options(catalog, texts, design, unit.root)
    lines = [own.split(" (", 1)[1][:-1]] if " (" in own else []
    counted: dict[str, int] = {}
    for member in unit.inserts:
        text = _options(catalog, texts, design, member)
        counted[text] = counted.get(text, 0) + 1
    lines += [f"{n} × {text}" if n > 1 else text for text, n in counted.items()]
    for item in extra:
        lines.append(f"{Decimal(str(item.qty)).normalize():f} × {texts.hardware(item.item)}")
    return tuple(lines)


def _swatches(catalog: Catalog, texts: CatalogTexts, modules: Sequence[ModuleParts]) -> tuple[Swatch, ...]:
    seen: list[str] = []
    for parts in modules:
        if parts.finish in catalog.finishes and parts.finish not in seen:
            seen.append(parts.finish)
    found = []
    for finish_id in seen:
        finish = catalog.finishes[finish_id]
        texture = catalog.mesh_path(finish.texture) if finish.texture else None
        found.append(Swatch(finish_id, texts.finish(finish_id), finish.color,
                            texture if texture is not None and texture.is_file() else None))
    return tuple(found)


def customer_quote(catalog: Catalog, design: Design, extra_hardware: Sequence[ExtraHardware] = (),
                   language: str = "en", today: dt.date | None = None,
                   order_code: str | None = None, layout: Layout | None = None) -> CustomerQuote:
    """The quote's content (see the module docstring).  Raises PartsError like the live price."""
    layout = layout if layout is not None else Layout(catalog, design)
    texts = CatalogTexts.load(catalog, language)
    cache = PartsCache(catalog)
    shown = Quoter(catalog).quote(design, layout, extra_hardware)
    modules = design_parts(catalog, design, layout, cache)
    by_id = {m.module_id: m for m in modules}
    found = units(design)
    extras: dict[int, list[ExtraHardware]] = {u.number: [] for u in found}
    for item in extra_hardware:
        owner = unit_of(found, item.module_id) if item.module_id and item.module_id in design else found[0]
        extras[owner.number].append(item)
    weights = [costs(catalog, tally(catalog, [by_id[m] for m in u.members], extras[u.number])).gross
               for u in found]
    prices = split_total(shown.price_gross, weights)
    lines = []
    for unit, price in zip(found, prices, strict=True):
        root = design.get(unit.root)
        sx, sy, sz = layout.state(unit.root).size
        lines.append(QuoteLine(unit.number, texts.module_name(root.type_id), (sx, sz, sy),
                               texts.finish(by_id[unit.root].finish),
                               _unit_options(catalog, texts, design, unit, extras[unit.number]), price))
    bounds = layout.overall_bounds()
    size = None
    if bounds is not None:
        (x0, y0, z0), (x1, y1, z1) = bounds
        size = (float(x1 - x0), float(z1 - z0), float(y1 - y0))
    shop = catalog.info.shop
    day = today or dt.date.today()
    valid = day + dt.timedelta(days=shop.quote_valid_days if shop else DEFAULT_VALID_DAYS)
    return CustomerQuote(design.name, texts.text("catalog.name"), language, day, valid, shop, shown.currency,
                         tuple(lines), _swatches(catalog, texts, modules), shown.costs.net, shown.costs.vat,
                         shown.costs.vat_rate, shown.price_gross, shown.lead_time_days, size,
                         elevation(catalog, design, layout, modules), order_code)
