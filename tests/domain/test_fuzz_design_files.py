"""Fuzzing the design loader (issue 17): mutated and generated design files load or are refused.

Any exception but :class:`DesignFileError` fails.  What loads must hold only
what it promises (finite positions within +-100 m, quarter turns 0-3, unique
text ids, finite parameters), save and load back equal, and, when the load
reported no error, go through the manufacturing rules without an exception.
``modulor design check`` on a damaged text exits 0 or 1 and prints no control
character.  The issue's examples are seeded as ``@example`` so they always run.
Run longer with ``HYPOTHESIS_PROFILE=fuzz`` (tests/conftest.py).
"""

from __future__ import annotations

import copy
import json
import math
import re

import pytest
from hypothesis import event, example, given
from hypothesis import strategies as st

from app.cli.main import main
from app.domain.design.files import (
    MAX_NESTING_DEPTH,
    POSITION_LIMIT_MM,
    DesignFileError,
    design_to_dict,
    load_design,
    save_design,
)
from app.domain.design.presets import design_from_preset
from app.domain.rules import RulesEngine
from tests.domain.fuzz_values import (
    FUZZ_TIMEOUT_S,
    json_values,
    mostly,
    nasty_texts,
    numbers,
    plausible,
    plausible_numbers,
    scalars,
)

pytestmark = pytest.mark.timeout(FUZZ_TIMEOUT_S)

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
NAN, INF = float("nan"), float("inf")


@pytest.fixture(scope="module")
def base(catalog) -> dict:
    """The sideboard: modules[0] is the plinth 'p1', modules[1] the cabinet 'c1' on it, then doors ..."""
    return design_to_dict(design_from_preset(catalog, "sideboard"))


def _load(catalog, path):
    """The load result, or None when the file was refused as it should be."""
    try:
        result = load_design(path, catalog)
    except DesignFileError as exc:
        assert str(exc) and "\n" not in str(exc)
        event("refused")
        return None
    event("loaded with an error" if any(p.severity == "error" for p in result.problems) else "loaded")
    return result


def _holds_what_it_promises(catalog, result, folder) -> None:
    design = result.design
    assert isinstance(design.name, str)
    assert len(set(design.ids())) == len(design)
    for module in design:
        assert isinstance(module.id, str) and module.id
        assert all(math.isfinite(v) and abs(v) <= POSITION_LIMIT_MM for v in module.position)
        assert module.rotation in (0, 1, 2, 3) and module.attach in ("floor", "wall", "on", "in")
        for value in module.params.values():
            assert isinstance(value, str) or (not isinstance(value, bool) and math.isfinite(value))
    again = load_design(save_design(design, folder / "again.modulor.json"), catalog)
    assert again.design == design
    if not any(p.severity == "error" for p in result.problems):
        RulesEngine(catalog).check(design)   # whatever the rules find, they find it without an exception


TOP = ["format_version", "catalog", "catalog.id", "catalog.version", "name", "room_height", "modules", "extra"]
MODULE = ["", "id", "type", "params", "finish", "position", "rotation", "attach", "to", "extra",
          "params.width", "params.height", "params.depth", "params.hinge_side", "params.handle",
          "position.0", "position.2"]
TARGETS = TOP + [f"module.{m}" if m else "module" for m in MODULE]


def _mutate(data: dict, target: str, index: int, value: object) -> dict:
    data = copy.deepcopy(data)
    if target == "module":
        data["modules"][index % len(data["modules"])] = value
        return data
    keys = target.split(".")
    node: object = data
    if keys[0] == "module":
        node = data["modules"][index % len(data["modules"])]
        keys = keys[1:]
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node.setdefault(key, {})   # type: ignore[index]
        if not isinstance(node, (dict, list)):
            return data
    if isinstance(node, list):
        node[int(keys[-1])] = value
    elif isinstance(node, dict):
        node[keys[-1]] = value
    return data


@given(target=st.sampled_from(TARGETS), index=st.integers(0, 11), value=mostly(plausible, json_values, 2))
@example(target="module.position", index=0, value=[NAN, 0, 0])      # the examples
@example(target="module.position", index=0, value=[INF, 0, 0])      # 1e400 reads as infinity
@example(target="module.params.width", index=1, value=NAN)
@example(target="module.params.width", index=1, value=-600)
@example(target="module.params.width", index=1, value="wide")
@example(target="module.params.width", index=1, value=1e308)
@example(target="module.to", index=1, value=["p1"])
@example(target="module.id", index=0, value=5)
@example(target="module.rotation", index=1, value=1.5)
@example(target="module.rotation", index=1, value="1")
@example(target="module.rotation", index=1, value=True)
@example(target="room_height", index=0, value=1e300)
@example(target="name", index=0, value="\x1b[2J\x1b[31m")
@example(target="name", index=0, value="\ud800")
@example(target="module.params", index=1, value={"width": 10**400})
@example(target="module.type", index=4, value="plinth")          # a base stacked on a cabinet (a run check crashed)
def test_a_design_with_one_field_changed_loads_or_is_refused(catalog, base, tmp_path, target, index, value):
    path = tmp_path / "fuzz.modulor.json"
    path.write_text(json.dumps(_mutate(base, target, index, value)), encoding="utf-8")
    result = _load(catalog, path)
    if result is not None:
        _holds_what_it_promises(catalog, result, tmp_path)


JSON_CHARS = st.text(alphabet='[]{}",:0123456789.eE-+ \\ntrufalsNIy\x00\x1b\u00e9\ud7ff', max_size=12)
edits = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 60), JSON_CHARS), min_size=1, max_size=4)
DEEP = '{"format": "modulor-design", "format_version": 2, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"


def _edited(text: str, changes: list[tuple[float, int, str]]) -> str:
    for where, cut, insert in changes:
        at = min(len(text), int(where * len(text)))
        text = text[:at] + insert + text[at + cut:]
    return text


@given(changes=edits)
@example(changes=[(0.0, 10**9, DEEP)])                                     # 100,000 nested brackets
@example(changes=[(0.0, 10**9, DEEP.replace("100_000", "5_000"))])
@example(changes=[(0.0, 10**9, '{"format": "modulor-design", "format_version": 2, "x": '
                   + "[" * (MAX_NESTING_DEPTH + 1) + "]" * (MAX_NESTING_DEPTH + 1) + "}")])
@example(changes=[(0.0, 10**9, "[" + "1" * 5000 + "]")])                  # more digits than Python converts
@example(changes=[(0.5, 0, "\x00\x1b[2J")])
@example(changes=[(0.0, 10**9, "")])
def test_a_damaged_text_is_refused_or_loaded_and_design_check_says_so_in_one_plain_line(
        catalog, base, tmp_path, capsys, changes):
    path = tmp_path / "damaged.modulor.json"
    path.write_text(_edited(json.dumps(base, indent=1), changes), encoding="utf-8", errors="surrogatepass")
    result = _load(catalog, path)
    if result is not None:
        _holds_what_it_promises(catalog, result, tmp_path)
    code = main(["design", "check", str(path)])
    out = capsys.readouterr().out
    assert code in (0, 1) and not CONTROL.search(out), out
    if result is None:
        assert code == 1 and out.startswith("error: ") and out.count("\n") == 1, out


@given(data=st.binary(max_size=200))
@example(data=b"\xff\xfe{}")
@example(data=b'{"format": "modulor-design", "format_version": 2, "name": "\xc3"}')
def test_bytes_that_are_not_text_are_refused(catalog, tmp_path, data):
    path = tmp_path / "bytes.modulor.json"
    path.write_bytes(data)
    assert _load(catalog, path) is None


TYPES = ["base_cabinet", "plinth", "door", "shelf", "drawer", "top_panel", "wall_cabinet", "legs"]
PARAMS = ["width", "height", "depth", "hinge_side", "handle", "leg", "front_height", "runner", "material", "load"]
VALUES = [300, 600, 720, 450, 100, "left", "right", "handle_knob", "leg_120", "runner_400", "mfc18", "books"]
module_dicts = st.fixed_dictionaries(
    {"type": mostly(st.sampled_from(TYPES), nasty_texts, 12)},
    optional={"params": mostly(st.dictionaries(mostly(st.sampled_from(PARAMS), nasty_texts),
                                               mostly(st.sampled_from(VALUES) | plausible_numbers, scalars),
                                               max_size=5), json_values, 12),
              "finish": mostly(st.sampled_from(["white", "oak", "walnut"]), nasty_texts | scalars),
              "position": mostly(st.lists(plausible_numbers, min_size=3, max_size=3), json_values, 12),
              "rotation": mostly(st.integers(0, 3), st.integers(-1, 4) | scalars, 12),
              "attach": mostly(st.sampled_from(["floor", "wall"]), nasty_texts | scalars, 12)})

@st.composite
def module_lists(draw: st.DrawFn) -> list[dict]:
    """Up to 6 modules, mostly well formed: unique ids, on/in modules attached to an earlier one."""
    modules: list[dict] = []
    for i in range(draw(st.integers(0, 6))):
        module = draw(module_dicts)
        module["id"] = draw(mostly(st.just(f"m{i}"), nasty_texts | scalars, 12))
        if draw(mostly(st.booleans(), st.none(), 12)) and modules:
            module.update(attach=draw(st.sampled_from(["on", "in"])), to=draw(st.sampled_from(modules))["id"])
        modules.append(module)
    return modules


designs = st.fixed_dictionaries(
    {"format": st.just("modulor-design"),
     "format_version": mostly(st.sampled_from([1, 2, 2, 2]), scalars),
     "catalog": mostly(st.fixed_dictionaries({"id": st.just("linea")},
                                             optional={"version": mostly(st.just("1.0.0"), scalars)}), json_values),
     "modules": module_lists()},
    optional={"name": mostly(nasty_texts, scalars), "room_height": mostly(st.integers(1000, 4000), numbers)})


@given(data=designs)
@example(data={"format": "modulor-design", "format_version": 2, "catalog": {"id": "linea"},
               "modules": [{"id": "m0", "type": "plinth"}, {"id": "m1", "type": "base_cabinet", "attach": "on",
                                                            "to": ["m0"]}]})
@example(data={"format": "modulor-design", "format_version": 1, "catalog_id": "linea",
               "modules": [{"id": "m0", "type": "plinth", "x": "nan", "rotation_deg": "inf"}]})
def test_a_generated_design_loads_or_is_refused(catalog, tmp_path, data):
    if data.get("format_version") == 1 and isinstance(data.get("catalog"), dict):   # the draft format's fields
        data = dict(data, catalog_id=data["catalog"].get("id"), catalog_version=data["catalog"].get("version"))
    path = tmp_path / "generated.modulor.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _load(catalog, path)
    if result is not None:
        _holds_what_it_promises(catalog, result, tmp_path)
