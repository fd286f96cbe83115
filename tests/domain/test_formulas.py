"""Catalog formulas: arithmetic only, never eval, clear errors."""

from __future__ import annotations

import re

import pytest

from app.domain.catalog.formulas import MAX_MESSAGE_LENGTH, Formula, FormulaError, ItemValue


@pytest.mark.parametrize("source, env, expected", [
    ("width - 2 * t", {"width": 600, "t": 18}, 564),
    ("(width - 7) / 2", {"width": 1000}, 496.5),
    ("2 if height <= 1000 else (3 if height <= 1600 else 4)", {"height": 1000}, 2),
    ("2 if height <= 1000 else (3 if height <= 1600 else 4)", {"height": 1001}, 3),
    ("2 if height <= 1000 else (3 if height <= 1600 else 4)", {"height": 2200}, 4),
    ("4 + 2 * floor(width / 800)", {"width": 1600}, 8),
    ("ceil(height / 1000)", {"height": 1001}, 2),
    ("min(a, b) + max(a, b) + abs(-a) + round(2.6)", {"a": 1, "b": 5}, 1 + 5 + 1 + 3),
    ("width ** 2 % 7 // 1", {"width": 10}, 2),
    ("1 if handle != 'push_latch' else 0", {"handle": "push_latch"}, 0),
    ("0 < x <= 3 and not x == 2", {"x": 3}, True),
    ("t + runner.length", {"t": 19, "runner": ItemValue("runner_450", {"length": 450.0})}, 469),
    (18, {}, 18),
    (2.5, {}, 2.5),
])
def test_evaluates_arithmetic(source, env, expected):
    assert Formula.parse(source).evaluate(env) == expected


def test_item_value_compares_as_its_id():
    runner = ItemValue("runner_450", {"length": 450.0})
    assert Formula.parse("runner == 'runner_450'").evaluate({"runner": runner}) is True


def test_collects_names_and_attributes():
    formula = Formula.parse("width - 2 * t + material.thickness")
    assert formula.names == {"width", "t", "material"}
    assert formula.attributes == {("material", "thickness")}


@pytest.mark.parametrize("source, message", [
    ("__import__('os').system('rm -rf /')", "only the functions"),
    ("open('/etc/passwd')", "only the functions"),
    ("width.__class__", "not allowed"),
    ("(lambda: 1)()", "only the functions"),
    ("[1, 2]", "List is not allowed"),
    ("x[0]", "Subscript is not allowed"),
    ("width if", "not a valid expression"),
    ("9 ** 9 ** 9", "constant exponent"),
    ("a ** b", "constant exponent"),
    ("f'{x}'", "JoinedStr is not allowed"),
    ("x := 3", "not a valid expression"),
    ("min", "is a function"),
    ("max(a, key=b)", "plain arguments"),
    ("True", "only numbers"),
    ("", "empty"),
    ("1 is 1", "comparisons"),
    ("x" * 600, "at most"),
])
def test_refuses_anything_but_arithmetic(source, message):
    with pytest.raises(FormulaError, match=message):
        Formula.parse(source)


def test_never_calls_eval(monkeypatch):
    import builtins

    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec must never be used on catalog text")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert Formula.parse("1 + 2 * width").evaluate({"width": 3}) == 7


@pytest.mark.parametrize("source, env, message", [
    ("width / depth", {"width": 1, "depth": 0}, "division by zero"),
    ("widht + 1", {"width": 1}, "unknown name 'widht'"),
    ("material.thickness", {"material": "mfc18"}, "has no attribute"),
    ("width + 'a'", {"width": 1}, "'width \\+ 'a''"),
])
def test_evaluation_errors_name_the_formula(source, env, message):
    with pytest.raises(FormulaError, match=message):
        Formula.parse(source).evaluate(env)


def test_number_insists_on_a_number():
    with pytest.raises(FormulaError, match="expected a number"):
        Formula.parse("'left'").number({})
    assert Formula.parse("1 < 2").number({}) == 1.0


@pytest.mark.parametrize("source, env, message", [
    ("((((((((9**8)**8)**8)**8)**8)**8)**8)**8)", {}, "a step gives 1.18e+61, larger than the 1e15"),
    ("ceil(x) ** 8", {"x": 1e14}, "a step gives 1e+112"),
    ("ceil(x) ** 8", {"x": 1e300}, "'x' is 1e+300, not a finite number up to 1e15"),
    ("s * x", {"s": "a", "x": 10**15}, "* needs numbers, not 'a'"),
    ("x * 10", {"x": 1e308}, "'x' is 1e+308"),
    ("x + 1", {"x": float("nan")}, "'x' is nan"),
    ("x", {"x": 10**400}, "'x' is a 401-digit number"),
    ("round(x, -100)", {"x": 5}, "round() takes at most 15 digits"),
    ("(-8) ** 0.5", {}, "not a real number"),
    ("x + 1", {"x": [1, 2]}, "'x' is a list, which a formula cannot use"),
])
def test_the_budget_refuses_with_a_short_message(source, env, message):
    with pytest.raises(FormulaError, match=re.escape(message)) as refused:
        Formula.parse(source).number(env)
    assert len(str(refused.value)) <= MAX_MESSAGE_LENGTH and "\n" not in str(refused.value)


@pytest.mark.parametrize("source, message", [
    ("1e400", "inf is not a finite number"),
    (float("inf"), "inf is not a finite number"),
    ("99999999999999999999", "1e+20 is larger than the 1e15 a formula may use"),
    (10**20, "1e+20 is larger than the 1e15"),
    ("1\n+ 1", "'1\\n+ 1' is not a valid expression"),
])
def test_numbers_beyond_the_budget_are_refused_when_parsed(source, message):
    with pytest.raises(FormulaError, match=re.escape(message)):
        Formula.parse(source)


def test_a_long_formula_or_value_is_shown_cut():
    formula = Formula.parse("'" + "a" * 400 + "' + 1")
    with pytest.raises(FormulaError) as refused:
        formula.number({})
    assert len(str(refused.value)) <= MAX_MESSAGE_LENGTH and "…" in str(refused.value)
    with pytest.raises(FormulaError) as refused:
        Formula.parse("s").number({"s": "a" * 45_000_000})
    assert len(str(refused.value)) <= MAX_MESSAGE_LENGTH


def test_values_within_the_budget_still_work():
    assert Formula.parse("x * 1000").number({"x": 1e12}) == 1e15
    assert Formula.parse("2 * (x > 3)").number({"x": 4}) == 2
    assert Formula.parse("'left' if i == 0 else 'right'").evaluate({"i": 1}) == "right"
