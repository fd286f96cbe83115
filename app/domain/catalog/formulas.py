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

Every formula runs on a budget, so no catalog text can make it slow or crash it:
at most :data:`MAX_FORMULA_LENGTH` characters; every number it reads (a constant,
a parameter value, an item's field) and every step's result is finite and at most
:data:`MAX_MAGNITUDE` in size (checked before a power is taken, so nested powers
cannot grow); arithmetic and the functions take numbers only (text is for
comparing); ``round`` takes at most :data:`MAX_ROUND_DIGITS` digits.  Whatever
goes wrong is a :class:`FormulaError` whose message is at most
:data:`MAX_MESSAGE_LENGTH` characters.
"""

from __future__ import annotations

import ast
import math
import numbers
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

MAX_FORMULA_LENGTH = 500
MAX_EXPONENT = 8
# Largest absolute value a formula may read or produce at any step.  Millimetres, minutes and
# pieces stay far below it, and every integer up to it is exact as a float (2**53 is about 9e15).
MAX_MAGNITUDE = 1e15
_LIMIT = "1e15"  # MAX_MAGNITUDE as the messages say it
MAX_ROUND_DIGITS = 15
# Error messages are for people: a formula or a value longer than this is shown cut.
MAX_MESSAGE_LENGTH = 300
_SHOWN = 80

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
    """A formula that cannot be parsed, uses something not allowed, or fails to evaluate.

    The message is cut to :data:`MAX_MESSAGE_LENGTH` characters.
    """

    def __init__(self, message: str):
        super().__init__(shorten(_CONTROL.sub(lambda m: repr(m.group())[1:-1], message), MAX_MESSAGE_LENGTH))


# Line breaks, tabs and terminal escapes in a formula's text are shown escaped: a message is one line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shorten(text: str, limit: int = _SHOWN) -> str:
    """``text`` itself when short, else its start and end around an ellipsis, ``limit`` characters in all."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head):]}"


def _show(value: Any) -> str:
    """A value for a message: its repr, cut to a readable length (never a 40 MB line)."""
    if isinstance(value, str):
        return repr(shorten(value, _SHOWN))
    if isinstance(value, (int, float)):
        return _magnitude(value) if abs(value) > MAX_MAGNITUDE else repr(value)
    if isinstance(value, complex):
        return shorten(repr(value), _SHOWN)
    return f"a {type(value).__name__}"  # never the repr of what may be a huge container


def _magnitude(value: float) -> str:
    """A large number, short: 1.18e+61, or 'a 400-digit number' beyond what a float holds."""
    try:
        return f"{float(value):.3g}"
    except OverflowError:
        return f"a {int(int(value).bit_length() * 0.30103) + 1}-digit number"


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
            _check_number(source)
            source = repr(source)
        if not isinstance(source, str):
            raise FormulaError(f"a formula must be text or a number, got {type(source).__name__}")
        text = source.strip()
        if not text:
            raise FormulaError("the formula is empty")
        if len(text) > MAX_FORMULA_LENGTH:
            raise FormulaError(f"the formula is {len(text)} characters long; at most {MAX_FORMULA_LENGTH} are allowed")
        shown = shorten(text)
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise FormulaError(f"'{shown}' is not a valid expression ({exc.msg})") from None
        except (ValueError, RecursionError, MemoryError):  # a NUL byte; nesting the parser refuses
            raise FormulaError(f"'{shown}' is not a valid expression (nested too deeply, or a NUL byte)") from None
        names: set[str] = set()
        attributes: set[tuple[str, str]] = set()
        try:
            _check(tree.body, shown, names, attributes)
        except RecursionError:
            raise FormulaError(f"'{shown}' is nested too deeply") from None
        return cls(text, tree, frozenset(names), frozenset(attributes))

    def evaluate(self, env: Mapping[str, Any]) -> Any:
        """Evaluate with ``env`` mapping names to numbers, strings or :class:`ItemValue`.

        Every failure, whatever the values, is a :class:`FormulaError` naming the formula.
        """
        try:
            return _eval(self._tree.body, env)
        except FormulaError as exc:
            raise FormulaError(f"'{shorten(self.source)}': {exc}") from None
        except ZeroDivisionError:
            raise FormulaError(f"'{shorten(self.source)}': division by zero") from None
        except (OverflowError, MemoryError):
            raise FormulaError(f"'{shorten(self.source)}': a step gives a number larger than the "
                               f"{_LIMIT} a formula may reach") from None
        except RecursionError:
            raise FormulaError(f"'{shorten(self.source)}' is nested too deeply") from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise FormulaError(f"'{shorten(self.source)}': {exc}") from None

    def number(self, env: Mapping[str, Any]) -> float:
        """Evaluate and insist on a numeric result (booleans count as 0/1)."""
        value = self.evaluate(env)
        if isinstance(value, bool):
            return float(value)
        if not isinstance(value, (int, float)):
            raise FormulaError(f"'{shorten(self.source)}' gives {_show(value)}, expected a number")
        if math.isnan(value) or math.isinf(value):  # unreachable: every step is checked
            raise FormulaError(f"'{shorten(self.source)}' gives {value}, expected a finite number")
        return float(value)


def _check_number(value: float) -> None:
    """A number a formula states must be finite and within :data:`MAX_MAGNITUDE`."""
    if isinstance(value, float) and not math.isfinite(value):
        raise FormulaError(f"{value} is not a finite number")
    if abs(value) > MAX_MAGNITUDE:
        raise FormulaError(f"{_show(value)} is larger than the {_LIMIT} a formula may use")


def _check(node: ast.AST, text: str, names: set[str], attributes: set[tuple[str, str]]) -> None:
    """Reject every node type that is not explicitly allowed."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float, str)):
            raise FormulaError(f"'{text}': only numbers and quoted option values are allowed, "
                               f"not {_show(node.value)}")
        if not isinstance(node.value, str):
            try:
                _check_number(node.value)
            except FormulaError as exc:
                raise FormulaError(f"'{text}': {exc}") from None
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
        return node.value  # _check bounded the numbers
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise FormulaError(f"unknown name '{node.id}'")
        return _read(node.id, env[node.id])
    if isinstance(node, ast.Attribute):
        item = _eval(node.value, env)
        if not isinstance(item, ItemValue) or node.attr not in item.fields:
            raise FormulaError(f"'{shorten(ast.unparse(node.value))}' has no attribute '{node.attr}'")
        return _read(f"{ast.unparse(node.value)}.{node.attr}", item.fields[node.attr])
    if isinstance(node, ast.BinOp):
        symbol = _SYMBOLS[type(node.op)]
        left = _operand(_eval(node.left, env), symbol)
        right = _operand(_eval(node.right, env), symbol)
        if isinstance(node.op, ast.Pow) and abs(right) > MAX_EXPONENT:  # _check allows constants only
            raise FormulaError(f"** needs an exponent of at most {MAX_EXPONENT}")
        return _bounded(_BINARY[type(node.op)](left, right))
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, env)
        if isinstance(node.op, ast.Not):
            return not operand
        return _bounded(_UNARY[type(node.op)](_operand(operand, "-" if isinstance(node.op, ast.USub) else "+")))
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
        name = cast(ast.Name, node.func).id  # _check lets only a plain name be called
        args = [_operand(_eval(arg, env), f"{name}()") for arg in node.args]
        if name == "round" and len(args) == 2 and abs(args[1]) > MAX_ROUND_DIGITS:
            raise FormulaError(f"round() takes at most {MAX_ROUND_DIGITS} digits")
        return _bounded(FUNCTIONS[name](*args))
    raise FormulaError(f"{type(node).__name__} is not allowed")  # unreachable after _check


_SYMBOLS: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**"}


def _read(name: str, value: Any) -> Any:
    """A value from the names a formula sees: text as it is, a number checked against the budget."""
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, float)):
        if (isinstance(value, float) and not math.isfinite(value)) or abs(value) > MAX_MAGNITUDE:
            raise FormulaError(f"'{shorten(name)}' is {_show(value)}, not a finite number up to {_LIMIT}")
        return value
    if isinstance(value, numbers.Real):  # numpy scalars, Fraction: as a plain float
        return _read(name, float(value))
    raise FormulaError(f"'{shorten(name)}' is {_show(value)}, which a formula cannot use")


def _operand(value: Any, symbol: str) -> int | float:
    """Arithmetic and the functions take numbers (and true/false as 1/0), never text."""
    if isinstance(value, (int, float)):
        return value
    raise FormulaError(f"{symbol} needs numbers, not {_show(value)}")


def _bounded(value: Any) -> Any:
    """The result of one step, refused when it is not a finite real number within the budget."""
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise FormulaError(f"a step gives {value}, not a finite number")
        if abs(value) > MAX_MAGNITUDE:
            raise FormulaError(f"a step gives {_magnitude(value)}, larger than the {_LIMIT} "
                               "a formula may reach")
        return value
    raise FormulaError(f"a step gives {_show(value)}, not a real number")

