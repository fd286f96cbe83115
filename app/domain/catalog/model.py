"""The catalog's data model: what each catalog file may contain.

One class per file kind (``catalog.toml``, ``materials.toml``, ``hardware.toml``,
``modules/*.toml``, ``presets.toml``).  The classes are frozen pydantic models:
they validate a file field by field with precise messages, forbid unknown keys
(a misspelt field is an error, not silently ignored), stay immutable once
loaded, and generate the JSON Schema that editors use to complete and check the
files (see :mod:`app.domain.catalog.json_schema`).

Checks that need more than one field (min <= max, default inside the range)
live here as validators; checks that cross files (a part's material exists, a
formula only uses declared names) live in :mod:`app.domain.catalog.loader`.
All sizes are millimetres, masses kilograms, money in the catalog's currency.
"""

from __future__ import annotations

import itertools
import math
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from app.domain.catalog.formulas import Formula, FormulaError

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64,
                          description="Identifier: lower case letters, digits and _")]

# Bounds every number of a catalog stays within (docs/catalog-format.md, "Limits").  A figure
# beyond them is a slip of the keyboard, and would overflow a price, hang the cut list or make
# a size nobody can build; inf and nan are refused everywhere (Strict.model_config).
MIN_FIGURE = 1e-6          # the smallest positive figure: nothing is divided by less
MAX_FIGURE = 1e9           # the largest figure of any kind (mm, kg, N/mm2, ratios)
MAX_MM = 100_000.0         # 100 m: no sheet, part, module or position is longer
MAX_PRICE = 1_000_000.0    # per piece, metre, square metre or hour
MAX_DAYS = 3650
MAX_PARAMETER = 1_000_000.0  # a parameter's min, max, options and a module's constants
MIN_STEP = 0.001
MAX_STEPS = 1_000_000      # positions between a parameter's min and max
MAX_TRIANGLE_BUDGET = 10_000_000
# Pieces (or metres) one recipe line may give per module; the production refuses more.
MAX_QUANTITY = 1000


def _not_tiny(value: float) -> float:
    if 0 < value < MIN_FIGURE:
        raise ValueError(f"{value:g} is too small to mean anything (at least {MIN_FIGURE:g})")
    return value


Positive = Annotated[float, Field(gt=0, le=MAX_FIGURE), AfterValidator(_not_tiny)]
NonNegative = Annotated[float, Field(ge=0, le=MAX_FIGURE), AfterValidator(_not_tiny)]
Millimetres = Annotated[float, Field(gt=0, le=MAX_MM), AfterValidator(_not_tiny)]
Price = Annotated[float, Field(ge=0, le=MAX_PRICE, description=f"Money, 0 .. {MAX_PRICE:.0f}")]
Days = Annotated[int, Field(ge=0, le=MAX_DAYS, description=f"Working days, 0 .. {MAX_DAYS}")]
Coordinate = Annotated[float, Field(ge=-MAX_MM, le=MAX_MM, description=f"mm, -{MAX_MM:.0f} .. {MAX_MM:.0f}")]
ParameterValue = Annotated[float, Field(ge=-MAX_PARAMETER, le=MAX_PARAMETER)]


def _parse_formula(value: Any) -> Formula:
    if isinstance(value, Formula):
        return value
    try:
        return Formula.parse(value)
    except FormulaError as exc:
        raise ValueError(str(exc)) from None


FormulaField = Annotated[
    Formula,
    PlainValidator(_parse_formula),
    PlainSerializer(lambda f: f.source, return_type=str),
    WithJsonSchema({
        "anyOf": [{"type": "string"}, {"type": "number"}],
        "description": "A number or an arithmetic formula of the module's parameters and constants, "
                       "e.g. 'width - 2 * t'. Allowed: + - * / // % **, comparisons, and/or/not, "
                       "'a if cond else b', min max round ceil floor abs, item.attribute.",
    }),
]


class Strict(BaseModel):
    """Base for every catalog record: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


# --------------------------------------------------------------------- catalog.toml

class Workshop(Strict):
    labour_rate_per_hour: Price = Field(description="Cost of one hour of workshop labour")
    daily_capacity_minutes: Annotated[float, Field(ge=1, le=MAX_FIGURE)] = Field(
        description="Labour minutes the workshop schedules per day")
    base_production_days: Days = Field(
        description="Fixed days for every order (planning, packing, dispatch)")


class HingeRule(Strict):
    max_door_weight_kg: Positive
    max_door_height: Positive
    hinges: Annotated[int, Field(ge=1, le=8)]


class ShelfLoad(Strict):
    """What a shelf carries, as a uniform load on its area (the customer picks one per shelf)."""

    label: str = Field(min_length=1, description="What the customer reads, e.g. 'Books'")
    kg_per_m2: Positive = Field(description="Uniform design load on the shelf's area")


class ShelfLimits(Strict):
    loads: dict[Id, ShelfLoad] = Field(min_length=1, description=(
        "Load classes a shelf can be sized for; a shelf module's option parameter whose options "
        "are these ids chooses one"))
    default_load: Id = Field(description="The load class of shelves that do not choose one")
    max_deflection_ratio: Positive = Field(description=(
        "The allowed sag is span / this ratio, against the long-term sag (creep of the board included, "
        "see the materials' k_def)"))
    warning_above: Positive = Field(description=(
        "A shelf sagging more than this many times the allowed sag gets a warning (e.g. 1)"))
    error_above: Positive = Field(description=(
        "A shelf sagging more than this many times the allowed sag cannot be ordered (e.g. 2)"))

    @model_validator(mode="after")
    def _default_known(self) -> ShelfLimits:
        if self.default_load not in self.loads:
            raise ValueError(f"default_load '{self.default_load}' is not one of the loads {sorted(self.loads)}")
        if self.error_above < self.warning_above:
            raise ValueError(f"error_above {self.error_above:g} is below warning_above {self.warning_above:g}")
        return self


class DrawerLimits(Strict):
    design_load_kg_per_m2: Positive = Field(
        description="Contents a drawer is sized for, per m2 of its box floor, against its runners' load class")


class DoorLimits(Strict):
    max_leaf_width: Positive
    hinge_table: list[HingeRule] = Field(min_length=1)


class StabilityLimits(Strict):
    test_load_kg: NonNegative = Field(description="Load on the most unfavourable open drawer or door")
    max_height_to_depth_free_standing: Positive = Field(
        description="Free-standing units taller than depth x this ratio need a wall anchor")
    anchor_item: str = Field(description="Hardware item added per carcass of a unit that needs anchoring")


class Limits(Strict):
    """Manufacturing limits that are not tied to one parameter."""

    min_part_length: Positive = Field(description="Shortest part the saw and edge bander take")
    min_part_width: Positive = Field(description="Narrowest part the saw and edge bander take")
    max_assembly_height: Positive
    saw_kerf: Annotated[float, Field(ge=0, le=50)] = Field(description="Width the saw blade cuts away, mm (0 .. 50)")
    mesh_triangle_budget: Annotated[int, Field(gt=0, le=MAX_TRIANGLE_BUDGET)] = Field(
        description="Most triangles a module mesh may have (keeps the kiosk view fast)")
    mesh_size_tolerance: Positive = 0.5
    mesh_parts_tolerance: Positive = Field(default=0.5, description=(
        "mm by which a part's box (from its placement and sizes) and the mesh piece that draws it may "
        "differ on any face before the catalog check says the 3D and the cut list disagree"))
    door_clearance: Annotated[float, Field(ge=0, le=200)] = Field(default=20.0, description=(
        "mm a unit needs free on each of its two smaller sides to be carried assembled through the "
        "room's door opening (hands, blankets), 0 .. 200"))
    shelf: ShelfLimits
    doors: DoorLimits
    drawers: DrawerLimits
    stability: StabilityLimits


class CompatibilityRule(Strict):
    """A workshop rule about combinations: ``require`` must hold for every module it applies to."""

    id: Id
    modules: list[str] = Field(min_length=1, description="Module type ids the rule applies to")
    when: FormulaField | None = Field(default=None, description=(
        "Applies only where this holds; formulas see the module's names and 'finish'"))
    require: FormulaField = Field(description="Must hold, e.g. 'height <= 2000'")
    severity: Literal["error", "warning"] = "error"
    message: str = Field(min_length=1, description="What the customer reads when it does not hold")


class Pricing(Strict):
    """How board is priced: the live price on every edit, and the quote and BOM (see docs/bom-and-exports.md)."""

    board: Literal["sheets", "area"] = Field(description=(
        "The quote and the BOM: 'sheets' charges the whole sheets the nesting buys; 'area' charges the "
        "parts' cut area / the material's expected_yield. The live price never nests: with 'sheets' it "
        "counts ceil(area / (sheet area x expected_yield)) sheets per stock, with 'area' it is the quote"))
    live_price_tolerance: Annotated[float, Field(ge=0, le=1)] = Field(description=(
        "The live price may differ from the quote's gross price by at most this share of it; "
        "catalog check proves it for every preset and corner design, and a BOM beyond it warns"))


class WallUnitPlacement(Strict):
    """Where the configurator offers to hang wall units: placement habits, not manufacturing limits."""

    default_bottom: Positive = Field(default=1400, description=(
        "Height of a wall unit's underside above the floor when nothing stands below it (mm)"))
    above_worktop: list[Positive] = Field(default=[500, 600], min_length=1, description=(
        "Common gaps from the top of the floor units below (a worktop) to a wall unit's underside (mm); "
        "the first is where a new wall unit hangs, all are snap heights"))
    min_above_worktop: NonNegative = Field(default=450, description=(
        "Least gap between a worktop and a wall unit above it: room to work and to open a door (mm)"))
    height_step: Positive = Field(default=50, description=(
        "Heights between the snap heights an arrow key or a drag also stops at (mm)"))

    @model_validator(mode="after")
    def _usual_gaps_leave_room_to_work(self) -> WallUnitPlacement:
        # a usual gap under the least one would hang a new wall unit where placement.py refuses it
        tight = [gap for gap in self.above_worktop if gap < self.min_above_worktop]
        if tight:
            raise ValueError(f"above_worktop {tight} is less than min_above_worktop {self.min_above_worktop:g}")
        return self


class LayoutHabits(Strict):
    """How the configurator places and lines up modules (catalog data, so a workshop can change it)."""

    run_tolerance: NonNegative = Field(default=2, description=(
        "Modules whose sides are closer than this (mm) stand side by side in one run"))
    wall_units: WallUnitPlacement = WallUnitPlacement()


class Shop(Strict):
    """The shop that sells the catalog: what the customer's quote prints at its head."""

    name: str = Field(min_length=1, max_length=120, description="The shop's name on the customer's quote")
    address: list[Annotated[str, Field(min_length=1, max_length=120)]] = Field(
        min_length=1, max_length=6, description="Postal address, one line each (1 to 6 lines)")
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")
    quote_valid_days: Annotated[int, Field(ge=1, le=365)] = Field(
        default=30, description="A customer's quote holds its prices this many calendar days")


class CatalogFile(Strict):
    """``catalog.toml``: identity, money and the workshop's limits."""

    id: Id
    name: str = Field(min_length=1)
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$")
    description: str = ""
    units: Literal["mm"] = "mm"
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    vat_rate: Annotated[float, Field(ge=0, lt=1)]
    margin: Annotated[float, Field(ge=0, le=5)] = Field(description="Added on cost: price = cost x (1 + margin)")
    pricing: Pricing
    workshop: Workshop
    limits: Limits
    placement: LayoutHabits = Field(default_factory=LayoutHabits, description=(
        "How the configurator lines modules up in runs and hangs wall units"))
    compatibility: list[CompatibilityRule] = Field(default=[], description="Combinations the workshop "
                                                   "does not make, checked on every design")
    shop: Shop | None = Field(default=None, description=(
        "Name and address printed on the customer's quote, and how long a quote holds"))


# ------------------------------------------------------------------- materials.toml

class Material(Strict):
    name: str = Field(min_length=1)
    kind: Literal["chipboard", "mfc", "mdf", "hdf", "plywood", "solid_wood", "glass"]
    thickness: Positive
    sheet: tuple[Millimetres, Millimetres] = Field(description="Stock sheet length x width (length along the grain)")
    trim: NonNegative = Field(default=10, description="Trimmed off each sheet edge before cutting")
    density: Positive = Field(description="kg/m3")
    elastic_modulus: Positive = Field(description="N/mm2 (MPa), for shelf sag")
    k_def: NonNegative = Field(description=(
        "Creep factor for deflection (EN 1995-1-1 Table 3.2): a shelf's long-term sag is its "
        "instant sag x (1 + k_def)"))
    price_per_m2: Price
    expected_yield: Annotated[float, Field(gt=0, le=1)] = Field(description=(
        "Share of a whole sheet (trim included) the workshop expects to fill with parts before it "
        "opens the next one: the live price's sheet count, or the divisor of the cut area where "
        "the catalog prices board by area ([pricing] board)"))
    grain: bool = Field(description="Parts must keep the sheet's grain/decor direction")
    lead_time_days: Days
    offcut_stock: tuple[Millimetres, Millimetres] | None = Field(default=None, description=(
        "Smallest offcut kept as stock, length x width in mm (either way round): the cutting "
        "diagrams list larger offcuts as stock to store, smaller ones as waste; none: all waste"))

    @model_validator(mode="after")
    def _usable_sheet(self) -> Material:
        if min(self.sheet) <= 2 * self.trim:
            raise ValueError(f"sheet {self.sheet[0]:g} x {self.sheet[1]:g} leaves nothing after {self.trim:g} mm trim")
        if self.offcut_stock is not None and (max(self.offcut_stock) > max(self.sheet)
                                              or min(self.offcut_stock) > min(self.sheet)):
            raise ValueError(f"offcut_stock {self.offcut_stock[0]:g} x {self.offcut_stock[1]:g} is larger than "
                             f"the sheet {self.sheet[0]:g} x {self.sheet[1]:g}")
        return self


class Finish(Strict):
    name: str = Field(min_length=1)
    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    texture: str | None = Field(default=None, description="Image in models3d/, optional (one repeat of the decor, "
                                                          "grain along the image's height)")
    texture_size: Positive = Field(default=600, description="Millimetres one repeat of the texture covers")
    price_factor: Positive = 1.0
    extra_lead_days: Days = 0
    materials: list[str] | None = Field(default=None, description="Materials this finish exists on (all if absent)")
    grain: bool = Field(default=False, description=(
        "The decor has a direction (a wood grain): parts in it keep their grain along the sheet, as on a "
        "material with grain, and the 3D view runs the texture along each part's grain"))
    # How the finish looks in 3D (issue 19: glass must look like glass); boards keep the defaults.
    opacity: Annotated[float, Field(ge=0.05, le=1)] = Field(default=1.0, description=(
        "1 opaque (boards), lower for glass: the share of light the surface stops, 0.05 .. 1"))
    specular: Annotated[float, Field(ge=0, le=1)] | None = Field(default=None, description=(
        "Highlight strength 0 (matt) .. 1 (glass, polished metal); absent: the view's matt board look"))
    reflection: Annotated[float, Field(ge=0, le=1)] = Field(default=0.0, description=(
        "How strongly the surface mirrors a window on the high-quality render path (a sheen of light "
        "across the pane), 0 .. 1; 0.5 and above at full strength (glass)"))


class MaterialSlot(Strict):
    """``[slots.<id>]`` in materials.toml: a kind of mesh piece (carcass, front, back, glass, metal ...) and
    the finish it is drawn in; a module's ``slots`` puts each of its mesh pieces into one."""

    name: str = Field(min_length=1)
    finish: str = Field(default="module", description=(
        "'module': the finish the customer chose for the module; or a finish id, always that finish "
        "(a white back, clear glass, brushed steel)"))
    role: PartRole | None = Field(default=None, description=(
        "The role a board of this slot has in the cut list (a derived part's role); absent: from where it is"))
    kinds: list[Literal["chipboard", "mfc", "mdf", "hdf", "plywood", "solid_wood", "glass"]] = Field(
        default=[], description="Kinds of board preferred for a derived part of this slot, best first")
    board: bool = Field(default=True, description=(
        "false: pieces of this slot are no board of the cut list (glass, metal): no part is derived from them"))
    words: list[str] = Field(default=[], description=(
        "Words in a mesh piece's name or material's name that put it in this slot when the designer "
        "imports a mesh ('glass', 'pane')"))


class EdgeBanding(Strict):
    name: str = Field(min_length=1)
    thickness: Positive
    width: Positive
    price_per_m: Price
    overlength_per_edge: NonNegative = Field(description="Extra length ordered per banded edge, mm")


class MaterialsFile(Strict):
    materials: dict[Id, Material] = Field(min_length=1)
    finishes: dict[Id, Finish] = Field(min_length=1)
    edgebands: dict[Id, EdgeBanding] = {}
    slots: dict[Id, MaterialSlot] = Field(default={}, description=(
        "Material slots: the kinds of mesh piece a module's pieces are put in, each drawn in its finish"))


# -------------------------------------------------------------------- hardware.toml

HardwareKind = Literal["hinge", "runner", "handle", "shelf_pin", "connector", "leg", "wall_anchor",
                       "hanging_rail", "hanging_bracket", "rail_support", "plinth_foot", "latch"]


class HardwareItem(Strict):
    name: str = Field(min_length=1)
    kind: HardwareKind
    unit: Literal["pcs", "m"] = "pcs"
    unit_price: Price
    mass_kg: NonNegative = 0
    length: Positive | None = Field(default=None, description="Nominal length (runners), mm")
    load_kg: Positive | None = Field(default=None, description="Load class (runners, brackets)")
    mesh: str | None = Field(default=None, description="Visible hardware: mesh in models3d/")
    reference_size: tuple[Millimetres, Millimetres, Millimetres] | None = None
    finish: str | None = Field(default=None, description=(
        "The finish id the item is made in, when it has one of the catalog's finishes (the BOM orders it "
        "so); a module's [[hardware]] line may choose another"))
    drilling: dict[Id, Coordinate] = Field(default={}, description=(
        "Figures the drilling rules of machining.toml read as item.<name> (mm): a hinge's cup_diameter, "
        "cup_depth, boring_distance; a handle's hole_spacing; a runner's screw positions"))

    @model_validator(mode="after")
    def _mesh_has_size(self) -> HardwareItem:
        if self.mesh and self.reference_size is None:
            raise ValueError("an item with a mesh needs its reference_size [x, y, z]")
        return self


class HardwareFile(Strict):
    hardware: dict[Id, HardwareItem] = Field(min_length=1)


# ---------------------------------------------------------------- modules/*.toml

HostName = Literal["host_width", "host_height", "host_depth", "opening_x", "opening_y", "opening_z",
                   "opening_width", "opening_height", "opening_depth"]


class Parameter(Strict):
    """One choice of a module and its solution space: a range with a step, or options."""

    label: str = Field(min_length=1)
    unit: str = "mm"
    min: ParameterValue | None = None
    max: ParameterValue | None = None
    step: Annotated[float, Field(ge=MIN_STEP, le=MAX_PARAMETER)] | None = Field(
        default=None, description=f"Allowed values are min + a whole number of steps (at least {MIN_STEP:g}; "
                                  f"at most {MAX_STEPS} steps from min to max)")
    options: list[str | ParameterValue] | None = None
    default: float | str | None = None
    from_host: HostName | None = Field(
        default=None, description="Inserts: the value is taken from the host carcass, not chosen")

    @model_validator(mode="after")
    def _solution_space(self) -> Parameter:
        if self.options is not None:
            if self.min is not None or self.max is not None or self.step is not None:
                raise ValueError("give either options or min/max/step, not both")
            if not self.options:
                raise ValueError("options is empty")
            if len(set(map(str, self.options))) != len(self.options):
                raise ValueError("options are not unique")
            if self.default is None:
                raise ValueError("default is missing")
            if self.default not in self.options:
                raise ValueError(f"default {self.default!r} is not one of the options {self.options}")
            return self
        if self.min is None or self.max is None:
            raise ValueError("a numeric parameter needs min and max (or give options)")
        if self.min > self.max:
            raise ValueError(f"min ({self.min:g}) is greater than max ({self.max:g})")
        if self.step is not None and (self.max - self.min) / self.step > MAX_STEPS:
            raise ValueError(f"step {self.step:g} makes more than {MAX_STEPS} values from {self.min:g} to "
                             f"{self.max:g}")
        if self.from_host is not None:
            return self
        if self.default is None:
            raise ValueError("default is missing")
        if isinstance(self.default, str):
            raise ValueError(f"default {self.default!r} must be a number")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"default {self.default:g} is outside min {self.min:g} .. max {self.max:g}")
        if self.step is not None and not on_step(self.default, self.min, self.step):
            raise ValueError(f"default {self.default:g} is not on the step {self.step:g} from min {self.min:g}")
        return self

    @property
    def is_numeric(self) -> bool:
        return self.options is None


def on_step(value: float, start: float, step: float) -> bool:
    """True when ``value`` is ``start`` plus a whole number of ``step`` (to 1e-6)."""
    n = (value - start) / step
    return math.isfinite(n) and math.isclose(n, round(n), abs_tol=1e-6)


class Size(Strict):
    x: FormulaField
    y: FormulaField
    z: FormulaField


class Opening(Strict):
    """The inner box a host offers to inserts, in the host's own coordinates.

    (x, y, z) is the opening's back-left-bottom corner; it extends +x, -y, +z.
    """

    x: FormulaField
    y: FormulaField
    z: FormulaField
    width: FormulaField
    height: FormulaField
    depth: FormulaField


Interval = tuple[Coordinate, Coordinate]


class Stretch(Strict):
    """Per axis, the intervals of the reference mesh that stretch; the rest keeps its size."""

    x: list[Interval] = []
    y: list[Interval] = []
    z: list[Interval] = []

    @model_validator(mode="after")
    def _ordered(self) -> Stretch:
        for axis in "xyz":
            zones = getattr(self, axis)
            for a, b in zones:
                if not a < b:
                    raise ValueError(f"{axis}: zone [{a:g}, {b:g}] must go from low to high")
            for (_, b), (c, _) in itertools.pairwise(zones):
                if c < b:
                    raise ValueError(f"{axis}: zones overlap or are not in order")
        return self


Support = Literal["floor", "wall", "on", "in"]


class Placement(Strict):
    """Where an insert sits in its host, formulas of the host's names and its own parameters."""

    x: FormulaField
    y: FormulaField
    z: FormulaField


class Attach(Strict):
    support: list[Support] = Field(min_length=1, description=(
        "How it is held: floor (stands on the floor), wall (hangs), "
        "on (stacked on a host), in (inserted into a host)"))
    hosts: list[str] = Field(default=[], description="Module categories it can stand on or go into")
    side_by_side: bool = True
    place: Placement | None = Field(default=None, description="Position inside/on the host")
    z_step: Annotated[float, Field(ge=0, le=MAX_MM)] = Field(
        default=0, description="Inserts: height positions in steps of this, mm (0: fixed; else at least 1)")
    anchorable: bool = Field(default=True, description="A wall anchor can be fitted when the unit could tip")

    @model_validator(mode="after")
    def _hosted_needs_hosts(self) -> Attach:
        if ("on" in self.support or "in" in self.support) and not self.hosts:
            raise ValueError("support 'on' or 'in' needs the host categories in 'hosts'")
        if "in" in self.support and self.place is None:
            raise ValueError("support 'in' needs 'place' (x, y, z in the host)")
        if 0 < self.z_step < 1:
            raise ValueError(f"z_step {self.z_step:g} is too fine: 0 (fixed) or at least 1 mm")
        return self


EdgeName = Literal["L1", "L2", "W1", "W2"]
PartRole = Literal["carcass", "shelf", "front", "back", "base", "top", "drawer_box"]
Axis = Literal["x", "y", "z"]
# The name a placement formula reads for the piece it places: 0 for the first of ``qty``, 1 for the next.
PIECE_INDEX = "i"


class PartPlacement(Strict):
    """Where each piece of a part sits in its module: the corner and the axes its sizes run along.

    ``x``, ``y``, ``z`` are the smallest corner of the piece's box in the module's frame (mm; the
    back of the module is y = 0, its front y = -depth), as formulas of the module's names and
    ``i``, the piece's index (0 .. qty - 1).  The part's finished length runs along ``length``,
    its width along ``width``, and the material's thickness along the remaining axis.
    """

    x: FormulaField
    y: FormulaField
    z: FormulaField
    length: Axis = Field(description="The axis the part's length (along the grain) runs along")
    width: Axis = Field(description="The axis the part's width runs along")

    @model_validator(mode="after")
    def _two_axes(self) -> PartPlacement:
        if self.length == self.width:
            raise ValueError(f"length and width both run along {self.length}; they need two different axes")
        return self

    @property
    def thickness(self) -> Axis:
        return next(a for a in ("x", "y", "z") if a not in (self.length, self.width))


class Part(Strict):
    """A panel: finished length (along the grain) x width, from one sheet material."""

    name: str = Field(min_length=1)
    role: PartRole
    qty: FormulaField = Field(default_factory=lambda: Formula.parse(1))
    length: FormulaField
    width: FormulaField
    material: str = Field(description="A material id, or the name of an option parameter choosing one")
    finish: str = Field(default="module", description="'module' (the module's finish), 'none', or a finish id")
    grain: Literal["length", "width", "none"] = Field(default="none", description=(
        "Which of the part's sizes the grain runs along, where its material or its finish has a grain "
        "(the cut list keeps it along the sheet, the 3D view runs the texture along it)"))
    edges: dict[EdgeName, str] = Field(default={}, description="Edge banding per edge: L1/L2 long, W1/W2 short")
    finished_size: bool = Field(default=True, description="Sizes include the banding (cut size is smaller)")
    at: PartPlacement | None = Field(default=None, description=(
        "Where each piece sits in the module (corner formulas with i = piece index, and the axes of "
        "length and width): the 3D view, the cut list and the drilling all follow from it"))
    hinge: FormulaField | None = Field(default=None, description=(
        "Fronts on hinges: which side each piece is hinged on, a formula giving 'left' or 'right' "
        "(e.g. the hinge_side parameter, or \"'left' if i == 0 else 'right'\" for a pair)"))


class HardwareUse(Strict):
    item: str = Field(description="A hardware id, or the name of an option parameter choosing one")
    qty: FormulaField
    when: FormulaField | None = None
    finish: str | None = Field(default=None, description=(
        "The finish the item is ordered in: 'module' (the module's finish, as the 3D view draws it, e.g. "
        "legs), a finish id, or absent: the item's own finish (none if it has none)"))


class Fitting(Strict):
    """Visible hardware (a handle) drawn at a position on the module."""

    item: str
    x: FormulaField
    y: FormulaField
    z: FormulaField
    vertical: bool = False
    when: FormulaField | None = None


class ModuleDrilling(Strict):
    """Holes one module type needs beyond the catalog's shared rules (machining.toml): ``count`` holes
    entering a part of this module (or, with ``host``, of its host) at x, y, z of this module's frame."""

    part: str = Field(min_length=1, description=(
        "The part drilled, by name: this module's, or its host's with host = true (a rail's supports "
        "screw into the cabinet's sides); of its pieces the one nearest the point, on its face nearest it"))
    host: bool = False
    count: FormulaField = Field(default_factory=lambda: Formula.parse(1), description="Holes (k = 0 .. count - 1)")
    x: FormulaField
    y: FormulaField
    z: FormulaField
    diameter: FormulaField
    depth: FormulaField
    through: bool = False


Category = Literal["carcass", "open_shelf", "insert", "front", "base", "top"]
# What a module is to the editors (the kiosk's whole-choice edits, the configurator's defaults):
# the catalog names the module types that play each role, so no code names a catalog id.
Role = Literal["shelf", "door", "double_door", "drawer"]
ROLE_CATEGORY: dict[str, str] = {"shelf": "insert", "door": "front", "double_door": "front", "drawer": "front"}
# What a customer may add beside a unit at the kiosk: units themselves (``kiosk = true``).
KIOSK_CATEGORIES = ("carcass", "open_shelf")


class ModuleType(Strict):
    """``modules/<id>.toml``: one module type of the library."""

    id: Id
    name: str = Field(min_length=1)
    description: str = ""
    category: Category
    role: Role | None = Field(default=None, description=(
        "What the module is to the editors: a loose shelf (on a pin grid, with a load class), "
        "a door, a double door, or a drawer (with a front_height parameter)"))
    mesh: str = Field(description="glTF/GLB file, relative to models3d/")
    reference_size: tuple[Millimetres, Millimetres, Millimetres] = Field(
        description="Size x y z (mm) the mesh was made at")
    size: Size = Field(description="The placed module's size from its parameters")
    stretch: Stretch = Stretch()
    constants: dict[Id, ParameterValue] = {}
    params: dict[Id, Parameter] = {}
    finishes: list[str] = Field(min_length=1)
    default_finish: str
    opening: Opening | None = None
    attach: Attach
    parts: list[Part] = []
    hardware: list[HardwareUse] = []
    fittings: list[Fitting] = []
    drilling: list[ModuleDrilling] = Field(default=[], description=(
        "Holes beyond machining.toml's shared rules, as formulas of this module's names and k"))
    labour_minutes: FormulaField
    slots: dict[str, Id] = Field(default={}, description=(
        "Mesh piece (glTF node) -> material slot id: the finish each piece is drawn in; pieces not "
        "listed are drawn in the module's finish"))
    kiosk: bool = Field(default=False, description=(
        "Offered by the showroom kiosk's 'Add a unit beside' (a unit: category carcass or open_shelf); "
        "the kiosk adds only the units its catalog marks so"))

    @model_validator(mode="after")
    def _finish_listed(self) -> ModuleType:
        if self.kiosk and self.category not in KIOSK_CATEGORIES:
            raise ValueError(f"kiosk = true is for units (category {' or '.join(KIOSK_CATEGORIES)}), "
                             f"not for category '{self.category}'")
        if self.default_finish not in self.finishes:
            raise ValueError(f"default_finish '{self.default_finish}' is not in finishes {self.finishes}")
        clash = set(self.constants) & set(self.params)
        if clash:
            raise ValueError(f"{sorted(clash)} are both constants and parameters")
        if self.role is not None and ROLE_CATEGORY[self.role] != self.category:
            raise ValueError(f"role '{self.role}' needs category '{ROLE_CATEGORY[self.role]}', not '{self.category}'")
        if self.role == "drawer" and "front_height" not in self.params:
            raise ValueError("role 'drawer' needs a 'front_height' parameter (the drawers re-stack by it)")
        if self.role == "shelf" and (not self.attach.z_step or "load" not in self.params):
            raise ValueError("role 'shelf' needs attach.z_step (its pin grid) and a 'load' parameter")
        return self


# ------------------------------------------------------------------- presets.toml

class PresetModule(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    type: str
    params: dict[str, ParameterValue | str] = {}
    finish: str | None = None
    position: tuple[Coordinate, Coordinate, Coordinate] = (0, 0, 0)
    rotation: Annotated[int, Field(ge=0, le=3)] = 0
    attach: Support = "floor"
    to: str | None = None


class Preset(Strict):
    name: str = Field(min_length=1)
    need: str = Field(description="What the customer wants to do, for grouping (e.g. 'store books')")
    description: str = ""
    modules: list[PresetModule] = Field(min_length=1)


class PresetsFile(Strict):
    presets: dict[Id, Preset] = {}


FILE_MODELS: dict[str, type[Strict]] = {
    "catalog": CatalogFile,
    "materials": MaterialsFile,
    "hardware": HardwareFile,
    "module": ModuleType,
    "presets": PresetsFile,
}
