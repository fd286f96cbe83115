"""Problems found in input files, each naming the file, the entry and the field.

A catalog author or a designer must be able to go straight to the line to fix,
so every message says where (file, entry, field), what was found and what was
expected.  Problems are values: loaders collect them instead of stopping at the
first one, so one broken entry never hides the others.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    entry: str
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = ", ".join(p for p in (self.entry, f"field '{self.field}'" if self.field else "") if p)
        return f"{self.file}: {where}: {self.message}" if where else f"{self.file}: {self.message}"


def display_path(path: Path | str) -> str:
    """A path relative to the working folder when it lies below it, else absolute."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def problems_from_validation(exc: ValidationError, file: str, entry: str, known_fields: Iterable[str] = (),
                             prefix: str = "") -> list[Problem]:
    """Turn pydantic's errors into problems with a field path (:func:`field_path`) and a plain message."""
    known = sorted(set(known_fields))
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = [_cut(str(part)) for part in error["loc"]]
        field = field_path(prefix, error["loc"])
        kind = error["type"]
        if kind == "extra_forbidden":
            name = loc[-1] if loc else "?"
            message = f"unknown field '{name}'"
            close = difflib.get_close_matches(name, known, n=1)
            if close:
                message += f" (did you mean '{close[0]}'?)"
        elif kind == "missing":
            message = "required field is missing"
        else:
            message = error["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            if "input" in error and kind not in ("value_error", "assertion_error") and not isinstance(
                    error["input"], (dict, list)):
                found_value = error["input"]
                shown = repr(_cut(found_value)) if isinstance(found_value, str) else _cut(repr(found_value))
                message += f" (found {shown})"
        found.append(Problem(file, entry, field, _cut(message, 400)))
    return found


def field_path(prefix: str, loc: Iterable[object]) -> str:
    """One style of field path everywhere (issue 19): names joined by dots, list positions in brackets,
    as the checks written by hand name them: ``parts[3].material``, ``reference_size[1]``."""
    path = prefix
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + _cut(str(part))
    return path


def _cut(value: str, limit: int = 80) -> str:
    """Text from a file, short enough for a message line (a 40 MB key or value is shown cut)."""
    return value if len(value) <= limit else f"{value[:limit - 20]}…{value[-19:]}"


def format_problems(problems: Iterable[Problem]) -> str:
    return "\n".join(str(p) for p in problems)
