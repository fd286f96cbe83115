"""Fuzzing formulas and the catalog loader (issue 17): hostile input is refused, never a crash.

Formulas, generated from a small grammar of hostile pieces (nested powers, huge
and non-finite numbers, text where a number belongs, deep nesting) and as random
text, either parse and evaluate to a finite number within the budget or raise
:class:`FormulaError` with a short one-line message; nothing else.

The catalog loader runs on copies of ``catalogs/linea`` with one file mutated (a
value replaced by a hostile one, lines dropped or repeated, the file cut short,
deep nesting, bytes that are not UTF-8): it returns a catalog or raises
:class:`CatalogError`, every problem is one readable line, and what it lets
through lays out and builds its presets' bills of materials, or says why with
the production's own error types.

The issue's examples are seeded with ``@example`` so they always run.  A quick run
is the default; ``HYPOTHESIS_PROFILE=fuzz`` (tests/conftest.py) runs thousands of
examples per test.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from app.domain.catalog.formulas import MAX_MAGNITUDE, MAX_MESSAGE_LENGTH, Formula, FormulaError, ItemValue
from app.domain.catalog.loader import CatalogError, load_catalog
from app.domain.design.layout import Layout, LayoutError
from app.domain.design.presets import design_from_preset
from app.domain.production.bom import BomError, build_bom
from tests.conftest import MODELS, SAMPLE

# The quick run's examples take seconds; the guard only stops a hang.  A long run gets an hour a test.
LONG_RUN = settings.default.max_examples > 100
pytestmark = pytest.mark.timeout(3600 if LONG_RUN else 180)

NESTED_POWERS = "((((((((9**8)**8)**8)**8)**8)**8)**8)**8)"


def examples(quick: int) -> int:
    """``quick`` examples in the default run; the profile's count in a long one (HYPOTHESIS_PROFILE=fuzz)."""
    return settings.default.max_examples if LONG_RUN else quick


# ----------------------------------------------------------------------------------- formulas
NUMBERS = ["0", "1", "2", "8", "9", "0.5", "-1", "1e15", "1e16", "1e308", "1e400", "1e-300", "5e-324",
           "999999999999999999999", "10**8", "ceil(1e14)"]
NAMES = ["x", "y", "s", "width", "material.thickness", "material.length", "missing"]
TEXTS = ["'a'", "'left'", "''", "'x' * 9", "'" + "a" * 60 + "'"]
EXPONENTS = ["8", "2", "-8", "0.5", "-1", "0", "9"]

leaves = st.sampled_from(NUMBERS + NAMES + TEXTS)
expressions = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "//", "%"]), inner).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(inner, st.sampled_from(EXPONENTS)).map(lambda t: f"({t[0]}) ** {t[1]}"),
        st.tuples(st.sampled_from(["-", "+", "not "]), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["min", "max", "round", "ceil", "floor", "abs"]),
                  st.lists(inner, min_size=1, max_size=3)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(inner, st.sampled_from(["<", "==", "!=", ">="]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
    ),
    max_leaves=12,
)
HOSTILE_VALUES = [0, -0.0, 1, 600, 0.5, -1, 1e15, 1e15 + 1, 1e300, 1e308, float("inf"), float("-inf"),
                  float("nan"), 5e-324, 10**15, 10**20, 10**400, True, "a", "a" * 100_000, None, [1, 2]]
environments = st.fixed_dictionaries({
    "x": st.sampled_from(HOSTILE_VALUES) | st.floats() | st.integers(),
    "y": st.sampled_from(HOSTILE_VALUES),
    "s": st.sampled_from(["left", "", "a" * 1_000_000]),
    "width": st.just(600),
    "material": st.sampled_from(HOSTILE_VALUES[:13]).map(lambda v: ItemValue("mfc18", {"thickness": v})),
})


def _evaluates_or_refuses(source: object, env: dict) -> None:
    try:
        formula = Formula.parse(source)  # type: ignore[arg-type]
    except FormulaError as exc:
        _readable(exc)
        event("refused when parsed")
        return
    for evaluate in (formula.evaluate, formula.number):
        try:
            value = evaluate(env)
        except FormulaError as exc:
            _readable(exc)
            event("refused when evaluated")
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            assert math.isfinite(value) and abs(value) <= MAX_MAGNITUDE, (source, value)
        else:
            assert isinstance(value, (bool, str)), (source, type(value))
        event("evaluated")


def _readable(exc: FormulaError) -> None:
    message = str(exc)
    assert message and len(message) <= MAX_MESSAGE_LENGTH and "\n" not in message, message[:200]


@settings(max_examples=examples(1000))
@given(expressions, environments)
@example(NESTED_POWERS, {})
@example(f"({NESTED_POWERS})**8", {})                           # one level more: did not finish in 2 minutes
@example("ceil(x)**8", {"x": 1e300})                           # ceil(huge)**8: OverflowError
@example("ceil(x)**8", {"x": 1e14})
@example("s * x", {"s": "a", "x": 10**15})                     # a string times a huge integer: MemoryError
@example("'a' * 10**8", {})
@example("x * 10", {"x": 1e308})                               # too big for a float
@example("x", {"x": 10**400})
@example("x", {"x": float("nan")})
@example("s", {"s": "a" * 45_000_000})                          # the 43 MB error line
@example("round(x, -10**15)", {"x": 5})
@example("round(x, -100)", {"x": 5})
@example("(-8) ** 0.5", {})
@example("x ** -8", {"x": 1e-300})
@example("0 ** -1", {})
@example("-" * 498 + "1", {})
@example("(" * 240 + "1" + ")" * 240, {})
@example("y + 1", {"y": [1, 2]})
def test_a_formula_evaluates_to_a_bounded_number_or_says_why(source, env):
    _evaluates_or_refuses(source, env)


@settings(max_examples=examples(500))
@given(st.text(max_size=80) | st.integers() | st.floats() | st.booleans(), environments)
@example(10**400, {})
@example(float("inf"), {})
@example("\x00", {})
@example("1" * 600, {})
def test_any_text_parses_or_is_refused(source, env):
    _evaluates_or_refuses(source, env)


# ------------------------------------------------------------------------------ the catalog loader
FILES = sorted(str(p.relative_to(SAMPLE)) for p in SAMPLE.rglob("*.toml") if "translations" not in p.parts)
HOSTILE_TOML = [
    "inf", "-inf", "nan", "1e308", "-1e308", "5e-324", "1e15", "0", "-1", "-600", "0.5", "9223372036854775807",
    '"wide"', '""', "true", "[]", "{}", "[1, 2, 3]", "{ x = 1 }", "[[[[[[1]]]]]]", '"\\u0000"', '"a\\u0000b.glb"',
    f'"{NESTED_POWERS}"', '"ceil(1e14) ** 8"', "\"'a' * 10 ** 8\"", '"1 / 0"', '"width ** 8"', '"x"',
    '"' + "x" * 300 + '"', '"../../../../etc/passwd"', '"/etc/passwd"', '"linea/shelf.glb"',
]
ASSIGNMENT = re.compile(r"^(\s*[\w.\"-]+\s*=\s*)(.+)$", re.MULTILINE)


@st.composite
def mutated_files(draw) -> tuple[str, bytes]:
    """One catalog file of linea and its mutated content."""
    name = draw(st.sampled_from(FILES))
    text = (SAMPLE / name).read_text(encoding="utf-8")
    kind = draw(st.sampled_from(["value"] * 6 + ["drop line", "repeat line", "cut", "nesting", "bytes"]))
    event(kind)
    lines = text.splitlines(keepends=True)
    if kind == "value":
        matches = list(ASSIGNMENT.finditer(text))
        match = draw(st.sampled_from(matches))
        value = draw(st.sampled_from(HOSTILE_TOML))
        text = text[:match.start(2)] + value + text[match.end(2):]
    elif kind in ("drop line", "repeat line"):
        i = draw(st.integers(0, len(lines) - 1))
        lines[i:i + 1] = [] if kind == "drop line" else [lines[i], lines[i]]
        text = "".join(lines)
    elif kind == "cut":
        text = text[:draw(st.integers(0, len(text)))]
    elif kind == "nesting":
        depth = draw(st.sampled_from([3, 31, 33, 200, 5000]))
        text += f"\nnested = {'[' * depth}{']' * depth}\n"
    else:
        at = draw(st.integers(0, len(text)))
        return name, text[:at].encode() + draw(st.binary(min_size=1, max_size=8)) + text[at:].encode()
    return name, text.encode("utf-8")


@pytest.fixture(scope="module")
def linea_copy(tmp_path_factory) -> Path:
    """One copy of linea for every example (each example restores the file it mutated)."""
    root = tmp_path_factory.mktemp("fuzz") / "catalogs" / "linea"
    shutil.copytree(SAMPLE, root)
    return root


def _load_or_refuse(root: Path):
    try:
        catalog = load_catalog(root, MODELS)
    except CatalogError as exc:
        assert exc.problems
        problems = exc.problems
        catalog = None
    else:
        problems = list(catalog.problems)
    for problem in problems:
        line = str(problem)
        assert "\n" not in line and len(line) <= 1200, line[:300]
    return catalog


def _presets_build_or_say_why(catalog) -> None:
    """Presets of a loaded catalog lay out and give a bill of materials, or a documented error."""
    for pid in catalog.presets:
        try:
            design = design_from_preset(catalog, pid)
            layout = Layout(catalog, design)
            layout.states()
            build_bom(catalog, design, layout=layout, nesting_budget_s=0.2)
        except (LayoutError, BomError) as exc:
            assert str(exc)
            event("a preset refused by the production")


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(mutated_files())
@example(("modules/base_cabinet.toml", SAMPLE.joinpath("modules/base_cabinet.toml").read_bytes().replace(
    b'labour_minutes = "30 + width / 100"', f'labour_minutes = "{NESTED_POWERS}"'.encode())))
@example(("modules/base_cabinet.toml", SAMPLE.joinpath("modules/base_cabinet.toml").read_bytes()
          + b"\nnested = " + b"[" * 5000 + b"]" * 5000 + b"\n"))
@example(("modules/base_cabinet.toml", SAMPLE.joinpath("modules/base_cabinet.toml").read_bytes().replace(
    b"qty = 2\n", b"qty = 1e15\n", 1)))
@example(("modules/base_cabinet.toml", SAMPLE.joinpath("modules/base_cabinet.toml").read_bytes().replace(
    b"max = 1200", b"max = inf", 1)))
@example(("modules/base_cabinet.toml", SAMPLE.joinpath("modules/base_cabinet.toml").read_bytes().replace(
    b"step = 50", b"step = 5e-324", 1)))
@example(("hardware.toml", re.sub(rb"unit_price = [0-9.]+", b"unit_price = 1e308",
                                  SAMPLE.joinpath("hardware.toml").read_bytes(), count=1)))
@example(("catalog.toml", SAMPLE.joinpath("catalog.toml").read_bytes().replace(b"saw_kerf = 4.4", b"saw_kerf = inf")))
@example(("modules/shelf.toml", SAMPLE.joinpath("modules/shelf.toml").read_bytes().replace(
    b'mesh = "linea/shelf.glb"', b'mesh = "linea/shelf\\u0000.glb"')))
def test_a_mutated_catalog_loads_or_is_refused_and_what_loads_builds(linea_copy, mutated):
    name, content = mutated
    path = linea_copy / name
    original = (SAMPLE / name).read_bytes()
    path.write_bytes(content)
    try:
        catalog = _load_or_refuse(linea_copy)
        if catalog is not None:
            event("loaded" if not catalog.problems else "loaded with entries left out")
            _presets_build_or_say_why(catalog)
    finally:
        path.write_bytes(original)
