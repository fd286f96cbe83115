"""Proof that a catalog's prices cover cost: part of ``modulor catalog check``.

For every preset and every corner design (:mod:`app.domain.design.corner_designs`)
the design's bill of materials is built, with its nesting, and three things must
hold:

* the quote's net price covers the whole sheets its nesting buys (sheets x sheet
  area x ``price_per_m2`` x the finish's ``price_factor``) plus its hardware;
* so does the live price's (the figure the configurator and the kiosk show, and
  the kiosk's orders keep);
* the live price differs from the quote's by at most ``[pricing]
  live_price_tolerance`` of the quote's gross price.

What fails is reported where it is fixed: a board priced below the sheets it
buys names its material's ``expected_yield`` in materials.toml (a live sheet
count off the nesting's too), anything else ``margin`` or
``pricing.live_price_tolerance`` in catalog.toml.  One line per place to fix,
naming the first design that fails and how many more do.  A design that cannot
be built at all is named with its module type (or preset).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from app.domain.catalog.catalog import Catalog
from app.domain.design.corner_designs import CornerError, corner_design, corner_label, corners
from app.domain.design.design import Design
from app.domain.design.layout import LayoutError
from app.domain.design.presets import design_from_preset
from app.domain.problems import Problem, display_path
from app.domain.production.bom import Bom, BomError, BomStock, build_bom, live_difference
from app.domain.production.parts import PartsCache
from app.domain.production.pricing import Quote, per_m2, sheet_mm2
from app.domain.production.quantities import MM2_PER_M2, dec


@dataclass(frozen=True)
class PriceProof:
    designs: int                  # designs proved (built, nested and priced)
    seconds: float
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class _Failure:
    file: str
    entry: str
    field: str
    design: str
    message: str


def proof_designs(catalog: Catalog, root: Path) -> Iterator[tuple[str, Problem, Design | None]]:
    """Every preset and corner design: (label, where it comes from, the design or None when it cannot be made).

    "Where" is a Problem naming the file and entry to blame (its message says why, when the design is None).
    """
    presets = display_path(root / "presets.toml")
    for pid in catalog.presets:
        label, where = f"preset '{pid}'", Problem(presets, f"preset '{pid}'", "modules", "")
        try:
            yield label, where, design_from_preset(catalog, pid)
        except KeyError as exc:
            yield label, replace(where, message=f"{label} cannot be made: {exc}"), None
    for type_id, mtype in catalog.modules.items():
        where = Problem(display_path(root / "modules" / f"{type_id}.toml"), f"module '{type_id}'", "params", "")
        for values in corners(mtype):
            label = f"corner design '{corner_label(type_id, values)}'"
            try:
                yield label, where, corner_design(catalog, type_id, values)
            except (CornerError, LayoutError, KeyError, ValueError) as exc:
                yield label, replace(where, message=f"{label} cannot be placed: {exc}"), None


def sheets_cost(catalog: Catalog, stock: BomStock) -> Decimal:
    """What the sheets the nesting buys for one stock cost the workshop (exact, not rounded)."""
    return stock.cut.sheet_count * sheet_mm2(catalog, stock.material) / MM2_PER_M2 * per_m2(catalog, stock.key)


def whole_sheets_cost(catalog: Catalog, bom: Bom) -> Decimal:
    """What all the sheets the nesting buys cost the workshop (exact, not rounded)."""
    return sum((sheets_cost(catalog, s) for s in bom.stocks), Decimal(0))


def _below_cost(catalog: Catalog, files: dict[str, str], label: str, bom: Bom, quote: Quote,
                which: str) -> _Failure | None:
    sheets, hardware = whole_sheets_cost(catalog, bom), quote.costs.hardware_total
    if quote.price_net >= sheets + hardware:
        return None
    cur = quote.currency
    message = (f"{label}: {which} net price {quote.price_net:.2f} {cur} is below the {sheets + hardware:.2f} {cur} "
               f"its whole sheets ({sheets:.2f}) and hardware ({hardware:.2f}) cost")
    short = []
    for stock, line in zip(bom.stocks, quote.costs.board, strict=True):
        bought = sheets_cost(catalog, stock)
        short.append((bought - line.amount, stock, bought, line))
    if not short or max(s[0] for s in short) <= 0:
        return _Failure(files["catalog"], "", "margin", label, message)
    _, stock, bought, line = max(short, key=lambda s: s[0])
    rate = f"{catalog.materials[stock.material].expected_yield:g}"
    how = (f"cut area / {rate} yield" if line.unit == "m2" else f"{line.quantity:g} sheet(s) counted at yield {rate}")
    return _Failure(files["materials"], f"material '{stock.material}'", f"materials.{stock.material}.expected_yield",
                    label, f"{message}; {stock.name} buys {stock.cut.sheet_count} sheet(s) for {bought:.2f} {cur} "
                           f"and is priced {line.amount:.2f} {cur} ({how}; catalog.toml [pricing] board = "
                           f"\"{catalog.info.pricing.board}\")")


def _beyond_tolerance(catalog: Catalog, files: dict[str, str], label: str, bom: Bom) -> _Failure | None:
    tolerance = dec(catalog.info.pricing.live_price_tolerance)
    quote, live = bom.quote, bom.live_quote
    difference = live_difference(quote, live)
    if difference <= tolerance:
        return None
    cur = quote.currency
    message = (f"{label}: the live price {live.price_gross:.2f} {cur} is {difference:.1%} from the quote's "
               f"{quote.price_gross:.2f} {cur}, more than the {tolerance:.0%} of [pricing] live_price_tolerance")
    off = [(abs(a.amount - b.amount), stock, a, b)
           for stock, a, b in zip(bom.stocks, live.costs.board, quote.costs.board, strict=True)
           if a.quantity != b.quantity and a.unit == "sheets"]
    if not off:
        return _Failure(files["catalog"], "", "pricing.live_price_tolerance", label, message)
    _, stock, a, b = max(off, key=lambda o: o[0])
    return _Failure(files["materials"], f"material '{stock.material}'", f"materials.{stock.material}.expected_yield",
                    label, f"{message}; {stock.name}: the live price counts {a.quantity:g} sheet(s) at yield "
                           f"{catalog.materials[stock.material].expected_yield:g}, the nesting buys {b.quantity:g}")


def prove_prices(catalog: Catalog, root: Path) -> PriceProof:
    """Build, nest and price every preset and corner design of ``catalog`` (loaded from ``root``)."""
    start = time.perf_counter()
    files = {"catalog": display_path(root / "catalog.toml"), "materials": display_path(root / "materials.toml")}
    cache = PartsCache(catalog)
    problems: list[Problem] = []
    failures: list[_Failure] = []
    proved = 0
    for label, where, made in proof_designs(catalog, root):
        if made is None:
            problems.append(where)
            continue
        try:
            bom = build_bom(catalog, made, cache=cache)
        except (BomError, LayoutError) as exc:
            problems.append(replace(where, message=f"{label} cannot be priced: {exc}"))
            continue
        proved += 1
        found = [_below_cost(catalog, files, label, bom, bom.quote, "the quote's"),
                 _below_cost(catalog, files, label, bom, bom.live_quote, "the live"),
                 _beyond_tolerance(catalog, files, label, bom)]
        failures += [f for f in found if f is not None]
    grouped: dict[tuple[str, str, str], list[_Failure]] = {}
    for failure in failures:
        grouped.setdefault((failure.file, failure.entry, failure.field), []).append(failure)
    for (file, entry, field), group in grouped.items():
        designs = list(dict.fromkeys(f.design for f in group))
        more = f" (and {len(designs) - 1} more design(s): {', '.join(designs[1:4])}" \
               f"{', ...' if len(designs) > 4 else ''})" if len(designs) > 1 else ""
        problems.append(Problem(file, entry, field, group[0].message + more))
    return PriceProof(proved, time.perf_counter() - start, tuple(problems))
