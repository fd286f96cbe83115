"""Safe arithmetic formulas for catalog data.

Catalog files describe part sizes, hardware quantities and module sizes as small
expressions of the module's parameters, e.g. ``width - 2 * 18`` or
``2 if height <= 900 else 3``.  Catalog text is data written by people outside
the programming team, so it is never handed to ``eval``/``exec``.  Instead the
expression is parsed with :mod:`ast`, every node is checked against a short
whitelist, and a tiny interpreter walks the tree.

Allowed: numbers, strings (only to compare with option parameters), the declared
names, ``+ - * / // % **`` (small constant exponents), comparisons, ``and/or/not``,
``a if cond else b``, calls of ``min max round ceil floor abs`` and attribute
access ``name.attr`` for option parameters whose options are catalog items
(``material.thickness``, ``runner.length``).
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

MAX_FORMULA_LENGTH = 500
MAX_EXPONENT = 8

FUNCTIONS: dict[str, Callable[..., float]] = {
    "min": min,
    "max": max,
    "round": round,
    "ceil": math.ceil,
    "floor": math.floor,
    "abs": abs,
}

_BINARY: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[Any], Any]] = {
    ast.USub: operator.neg, ast.UAdd: operator.pos, ast.Not: operator.not_}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}


class FormulaError(ValueError):
    """A formula that cannot be parsed, uses something not allowed, or fails to evaluate."""


class ItemValue(str):
    """An option value that names a catalog item (a material, a hardware item).

    It compares equal to the item id (``handle == "knob_30"``) and exposes the
    item's numeric fields to ``name.attr`` (``material.thickness``).
    """

    fields: dict[str, float]

    def __new__(cls, item_id: str, fields: Mapping[str, float]) -> ItemValue:
        value = super().__new__(cls, item_id)
        value.fields = dict(fields)
        return value


@dataclass(frozen=True)
class Formula:
    """A parsed, validated formula.  Immutable and cheap to evaluate many times."""

    source: str
    _tree: ast.Expression = field(repr=False, compare=False)
    names: frozenset[str] = frozenset()
    attributes: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def parse(cls, source: str | int | float) -> Formula:
        """Parse ``source`` and check it only uses allowed syntax.

        Names are collected but not resolved here: the catalog loader checks them
        against the module's declared parameters and constants.
        """
        if isinstance(source, bool):
            raise FormulaError("a formula must be a number or an expression, not true/false")
        if isinstance(source, (int, float)):
            source = repr(source)
        if not isinstance(source, str):
            raise FormulaError(f"a formula must be text or a number, got {type(source).__name__}")
        text = source.strip()
        if not text:
            raise FormulaError("the formula is empty")
        if len(text) > MAX_FORMULA_LENGTH:
            raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_FORMULA_LENGTH} are allowed")
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise FormulaError(f"'{text}' is not a valid expression ({exc.msg})") from None
        names: set[str] = set()
        attributes: set[tuple[str, str]] = set()
        _check(tree.body, text, names, attributes)
        return cls(text, tree, frozenset(names), frozenset(attributes))

    def evaluate(self, env: Mapping[str, Any]) -> Any:
        """Evaluate with ``env`` mapping names to numbers, strings or :class:`ItemValue`."""
        try:
            return _eval(self._tree.body, env)
        except FormulaError as exc:
            raise FormulaError(f"'{self.source}': {exc}") from None
        except ZeroDivisionError:
            raise FormulaError(f"'{self.source}': division by zero") from None
        except (TypeError, ValueError, OverflowError) as exc:
            raise FormulaError(f"'{self.source}': {exc}") from None

    def number(self, env: Mapping[str, Any]) -> float:
        """Evaluate and insist on a numeric result (booleans count as 0/1)."""
        value = self.evaluate(env)
        if isinstance(value, bool):
            return float(value)
        if not isinstance(value, (int, float)):
            raise FormulaError(f"'{self.source}' gives {value!r}, expected a number")
        if math.isnan(value) or math.isinf(value):
            raise FormulaError(f"'{self.source}' gives {value}, expected a finite number")
        return float(value)


def _check(node: ast.AST, text: str, names: set[str], attributes: set[tuple[str, str]]) -> None:
    """Reject every node type that is not explicitly allowed."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float, str)):
            raise FormulaError(f"'{text}': only numbers and quoted option values are allowed, not {node.value!r}")
        return
    if isinstance(node, ast.Name):
        if node.id in FUNCTIONS:
            raise FormulaError(f"'{text}': '{node.id}' is a function; call it like {node.id}(a, b)")
        names.add(node.id)
        return
    if isinstance(node, ast.Attribute):
        if not isinstance(node.value, ast.Name):
            raise FormulaError(f"'{text}': only name.attribute is allowed (e.g. material.thickness)")
        if node.attr.startswith("_"):
            raise FormulaError(f"'{text}': attribute '{node.attr}' is not allowed")
        names.add(node.value.id)
        attributes.add((node.value.id, node.attr))
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise FormulaError(f"'{text}': operator {type(node.op).__name__} is not allowed")
        if isinstance(node.op, ast.Pow):
            exponent = node.right
            if not (isinstance(exponent, ast.Constant) and isinstance(exponent.value, (int, float))
                    and not isinstance(exponent.value, bool) and abs(exponent.value) <= MAX_EXPONENT):
                raise FormulaError(f"'{text}': ** needs a constant exponent of at most {MAX_EXPONENT}")
        _check(node.left, text, names, attributes)
        _check(node.right, text, names, attributes)
        return
    if isinstance(node, ast.UnaryOp):
        if type(node.op) not in _UNARY:
            raise FormulaError(f"'{text}': operator {type(node.op).__name__} is not allowed")
        _check(node.operand, text, names, attributes)
        return
    if isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, text, names, attributes)
        return
    if isinstance(node, ast.Compare):
        if any(type(op) not in _COMPARE for op in node.ops):
            raise FormulaError(f"'{text}': only == != < <= > >= comparisons are allowed")
        _check(node.left, text, names, attributes)
        for comparator in node.comparators:
            _check(comparator, text, names, attributes)
        return
    if isinstance(node, ast.IfExp):
        for part in (node.test, node.body, node.orelse):
            _check(part, text, names, attributes)
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            allowed = ", ".join(sorted(FUNCTIONS))
            raise FormulaError(f"'{text}': only the functions {allowed} may be called")
        if node.keywords or not node.args:
            raise FormulaError(f"'{text}': {node.func.id}() takes plain arguments")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise FormulaError(f"'{text}': *arguments are not allowed")
            _check(arg, text, names, attributes)
        return
    raise FormulaError(f"'{text}': {type(node).__name__} is not allowed in a formula (only arithmetic)")


def _eval(node: ast.AST, env: Mapping[str, Any]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise FormulaError(f"unknown name '{node.id}'")
        return env[node.id]
    if isinstance(node, ast.Attribute):
        item = _eval(node.value, env)
        if not isinstance(item, ItemValue) or node.attr not in item.fields:
            raise FormulaError(f"'{ast.unparse(node.value)}' has no attribute '{node.attr}'")
        return item.fields[node.attr]
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_eval(node.operand, env))
    if isinstance(node, ast.BoolOp):
        if isinstance(node.op, ast.And):
            result: Any = True
            for value in node.values:
                result = _eval(value, env)
                if not result:
                    return result
            return result
        result = False
        for value in node.values:
            result = _eval(value, env)
            if result:
                return result
        return result
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, env)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.IfExp):
        return _eval(node.body, env) if _eval(node.test, env) else _eval(node.orelse, env)
    if isinstance(node, ast.Call):
        args = [_eval(arg, env) for arg in node.args]
        return FUNCTIONS[cast(ast.Name, node.func).id](*args)  # _check lets only a plain name be called
    raise FormulaError(f"{type(node).__name__} is not allowed")  # unreachable after _check
