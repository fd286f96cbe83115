"""The schema of ``machining.toml``: what the workshop drills where, and how its CAM names layers.

A catalog's drilling is data, like its sizes: each rule below places holes
relative to a *reference* the program finds from the located parts (a hinge
position on a door leaf, a joint where a panel's edge meets another's face, a
shelf level of the pin grid, a runner line, a handle's centre), and the figures
(diameters, depths, setbacks, spacings) are formulas of the catalog's numbers:
the hardware items' ``drilling`` figures (``hinge.cup_depth``,
``handle.hole_spacing``), the panel's sizes and the module's names.  What each
rule's formulas may read is listed in docs/catalog-format.md ("machining.toml");
:mod:`app.domain.catalog.loader` checks every name at load time and
:mod:`app.domain.production.machining` evaluates them.

``[layers.<id>]`` are the layer-name templates of the per-part DXF files: CAM
tools read depth and tool from the layer name, each in its own convention.
"""

from __future__ import annotations

import string
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from app.domain.catalog.formulas import Formula
from app.domain.catalog.model import FormulaField, Id, NonNegative, PartRole, Strict

# Characters a DXF layer name may not hold (ezdxf refuses them) and the placeholders a template may use.
FORBIDDEN_LAYER_CHARACTERS = '<>/\\":;?*=|,`'
LAYER_FIELDS = frozenset({"diameter", "depth", "radius", "thickness"})
Face = Literal["front", "back"]


def _zero() -> Formula:
    return Formula.parse(0)


class Hole(Strict):
    """One hole of a rule's pattern, relative to the rule's reference point."""

    diameter: FormulaField = Field(description="mm")
    depth: FormulaField = Field(description="mm, for a blind hole (a through hole goes through the board)")
    through: bool = Field(default=False, description="Drilled through the board (handle screws)")
    along: FormulaField = Field(default_factory=_zero, description=(
        "Offset from the reference point along the rule's line, mm"))
    across: FormulaField = Field(default_factory=_zero, description=(
        "Distance across the rule's line: from the hinge edge (hinge cups), from the side's front edge "
        "(plates, shelf pins, runners), into the edge panel from the joint (joints), up from the line (handles)"))
    when: FormulaField | None = Field(default=None, description="Drilled only where this holds (e.g. 'count > 1')")


class JointHole(Hole):
    """A hole of a joint: in the panel whose edge meets the other (``edge``) or in the one it meets (``face``)."""

    panel: Literal["edge", "face"] = Field(description=(
        "'edge': the panel whose edge butts against the other's face (a bottom between two sides); "
        "'face': the panel it butts against (the side)"))
    bore: Literal["face", "edge"] = Field(default="face", description=(
        "For the edge panel: 'face' drills its inner face (a cam), 'edge' bores into its edge (a dowel, "
        "a connector bolt); the face panel is always drilled on the face the joint touches"))

    @model_validator(mode="after")
    def _face_panel_on_face(self) -> JointHole:
        if self.panel == "face" and self.bore == "edge":
            raise ValueError("the face panel is drilled on its face: bore = 'edge' is for panel = 'edge'")
        return self


class Row(Strict):
    """Holes repeated along the rule's line: ``count`` of them at ``at`` (``k`` = 0 .. count - 1)."""

    count: FormulaField = Field(description="How many reference points (a formula; 0 drills none)")
    at: FormulaField = Field(description="Where the k-th reference point is along the line, mm")


class HingeCups(Row):
    """Cups in each hinged front leaf: the line is the hinge edge, from the leaf's lower (first) end."""

    holes: list[Hole] = Field(min_length=1)


class HingePlates(Strict):
    """Mounting-plate screws on the carcass side a door is hinged on, at every hinge's height."""

    holes: list[Hole] = Field(min_length=1)
    plate_length: FormulaField = Field(description=(
        "Size of the plate along the side (mm), centred on the hinge: no shelf pin may lie under it"))
    plate_width: FormulaField = Field(description="Size of the plate across the side (mm), from its front edge")
    plate_setback: FormulaField = Field(description="Where the plate starts, from the side's front edge (mm)")


class ShelfPins(Strict):
    """Pin rows on the sides of a carcass that holds adjustable shelves, on the shelves' pin grid."""

    margin: FormulaField = Field(description=(
        "Levels of the pin grid closer than this to the opening's bottom or top are not drilled (mm)"))
    holes: list[Hole] = Field(min_length=1, description=(
        "Per level: 'along' from the shelf's underside (negative: below it), 'across' from the side's front edge"))


class Joints(Row):
    """Connectors and dowels at every joint of a module: where a panel's edge butts against another's face."""

    roles: list[PartRole] = Field(min_length=1, description="Part roles joined this way (not backs or loose shelves)")
    min_thickness: NonNegative = Field(default=0, description=(
        "Thinner panels are not drilled (a 3 mm back or drawer bottom is nailed or grooved)"))
    holes: list[JointHole] = Field(min_length=1)


class RunnerScrews(Row):
    """Runner screws on the carcass sides beside a drawer: the line runs from the side's front edge."""

    holes: list[Hole] = Field(min_length=1, description="'across': height above the drawer's bottom edge (mm)")


class HandleHoles(Row):
    """Holes for a front's handle: the line runs along the handle through its centre."""

    holes: list[Hole] = Field(min_length=1)


class Clearances(Strict):
    """What the clash rule holds every hole to (docs/rules.md, 'Drilling')."""

    min_edge_distance: NonNegative = Field(description="Board left between a hole's rim and the part's edge, mm")
    min_hole_gap: NonNegative = Field(description="Board left between two holes' rims on one face, mm")
    min_remaining: NonNegative = Field(description="Board left under a blind hole (depth <= thickness - this), mm")
    handle_joint_clearance: NonNegative = Field(description=(
        "A handle hole must stay this far from a box panel standing edge-on behind its front (a drawer-box joint), mm"))
    severity: Literal["error", "warning"] = Field(default="error", description=(
        "Holes that overlap, reach an edge or go too deep: a catalog's rule that cannot be drilled"))
    placement_severity: Literal["error", "warning"] = Field(default="warning", description=(
        "A shelf pin under a hinge plate, a handle screw over a drawer-box joint: the design's placement"))


def _layer_text(text: str) -> str:
    """A layer name (or part of one) a DXF file can hold, with only the placeholders a template knows."""
    bad = sorted({c for c in text if c in FORBIDDEN_LAYER_CHARACTERS or ord(c) < 32})
    if bad:
        raise ValueError(f"'{text}' holds {''.join(bad)!r}, which DXF layer names cannot hold")
    try:
        fields = [(name, spec, conversion) for _, name, spec, conversion in string.Formatter().parse(text)
                  if name is not None]
    except ValueError as exc:
        raise ValueError(f"'{text}': {exc}") from None
    if any(spec or conversion for _, spec, conversion in fields):
        # "{depth:>999999}" would pad a name to any length: the figures are written as they are
        raise ValueError(f"'{text}': a placeholder takes no format ({{depth}}, not {{depth:...}})")
    names = {name for name, _, _ in fields}
    unknown = sorted(names - LAYER_FIELDS)
    if unknown:
        raise ValueError(f"'{text}' uses {unknown}; a template may use {sorted(LAYER_FIELDS)}")
    return text


LayerText = Annotated[str, Field(min_length=1), AfterValidator(_layer_text)]


class LayerTemplate(Strict):
    """How one CAM tool reads machining from layer names; ``{diameter}``, ``{depth}``, ``{radius}``,
    ``{thickness}`` are replaced by the hole's figures (mm, the decimal point written as ``decimal``)."""

    name: str = Field(min_length=1, description="What the workshop reads in a menu")
    outline: LayerText = Field(description="The part's contour (cut through)")
    drill: LayerText = Field(description="A blind hole on the drawn (front) face")
    through: LayerText = Field(description="A hole through the board")
    edge: LayerText = Field(description="A horizontal boring into an edge (drawn as a line of its depth)")
    back_prefix: Annotated[str, AfterValidator(_layer_text)] = Field(default="", description=(
        "Put before drill layer names of holes on the back face (the other side of the board)"))
    decimal: Annotated[str, AfterValidator(_layer_text)] = Field(default=".", max_length=1, description=(
        "What stands for the decimal point ('p': 12p5)"))


class MachiningFile(Strict):
    """``machining.toml``: the catalog's drilling rules and the DXF layer templates."""

    layer_template: Id = Field(description="The [layers] template the DXF export uses unless told otherwise")
    hinge_cups: HingeCups | None = None
    hinge_plates: HingePlates | None = None
    shelf_pins: ShelfPins | None = None
    joints: Joints | None = None
    runner_screws: RunnerScrews | None = None
    handle_holes: HandleHoles | None = None
    clearances: Clearances
    layers: dict[Id, LayerTemplate] = Field(min_length=1)

    @model_validator(mode="after")
    def _template_known(self) -> MachiningFile:
        if self.layer_template not in self.layers:
            raise ValueError(f"layer_template '{self.layer_template}' is not one of the [layers] "
                             f"{sorted(self.layers)}")
        return self


# What each rule's formulas may read (checked at load; evaluated by app.domain.production.machining):
# plain names, and the hardware kind whose items' fields and drilling figures it reads as kind.<name>.
INDEX = "k"
COUNT = "count"
RULE_NAMES: dict[str, frozenset[str]] = {
    "hinge_cups": frozenset({"length", "width", "thickness", "hinges", INDEX, COUNT}),
    "hinge_plates": frozenset({"width", "thickness"}),
    "shelf_pins": frozenset({"width", "thickness", "step"}),
    "joints": frozenset({"length", "thickness", "face_thickness", "connectors", "joints", INDEX, COUNT}),
    "runner_screws": frozenset({"width", "thickness", INDEX, COUNT}),
    "handle_holes": frozenset({"width", "thickness", INDEX, COUNT}),
}
RULE_ITEM: dict[str, str] = {
    "hinge_cups": "hinge", "hinge_plates": "hinge", "shelf_pins": "shelf_pin", "runner_screws": "runner",
    "handle_holes": "handle",
}


def rule_formulas(name: str, rule: Strict) -> list[tuple[str, Formula]]:
    """Every formula of one rule with its dotted field path (``hinge_cups.holes[0].depth``)."""
    found: list[tuple[str, Formula]] = []
    for field in type(rule).model_fields:
        value = getattr(rule, field)
        if isinstance(value, Formula):
            found.append((f"{name}.{field}", value))
        elif isinstance(value, list):
            for i, hole in enumerate(value):
                if isinstance(hole, Hole):
                    found += [(f"{name}.{field}[{i}].{key}", getattr(hole, key))
                              for key in ("diameter", "depth", "along", "across")]
    return found
