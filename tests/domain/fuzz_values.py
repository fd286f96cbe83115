"""Hypothesis strategies for hostile file content, shared by the fuzz tests (issue 17).

``json_values`` is anything a JSON file (as Python's reader accepts it: NaN and
Infinity too) can hold: null, booleans, integers of any size a file can carry,
floats including NaN, infinities, huge and subnormal ones, text with control
characters, escape sequences and lone surrogates, and lists and objects of them.
``nasty_texts`` are texts an attacker picks on purpose.
"""

from __future__ import annotations

import os

from hypothesis import strategies as st

# The pytest-timeout guard of one fuzz test: a few minutes for the quick profile, hours for the long one.
FUZZ_TIMEOUT_S = 4 * 3600 if os.environ.get("HYPOTHESIS_PROFILE") == "fuzz" else 240

NASTY_TEXTS = [
    "", " ", "\x00", "\x1b[2J\x1b[H", "\x1b]0;pwned\x07", "\x9b31m", "\r", "line\nbreak", "\ud800", "\u202e",
    "p1", "c1", "on", "in", "floor", "wall", "white", "wide", "600", "nan", "1e400", "x" * 300,
    "base_cabinet", "plinth", "door", "shelf", "width", "height", "hinge_side", "left",
]
NASTY_NUMBERS = [
    float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 5e-324, 0, -0.0, -1, -600,
    0.5, 1.0, 2, 3, 4, 600, 1e6, 1e6 + 1, 100_000, 100_001, 2**53 + 1, 10**30, -10**30, 10**400,
]

nasty_texts = st.sampled_from(NASTY_TEXTS) | st.text(max_size=20)
numbers = (st.sampled_from(NASTY_NUMBERS) | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.integers(min_value=-(10**400), max_value=10**400))
scalars = st.none() | st.booleans() | numbers | nasty_texts
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(nasty_texts, inner, max_size=4),
    max_leaves=12,
)


def mostly(good: st.SearchStrategy, bad: st.SearchStrategy, odds: int = 6) -> st.SearchStrategy:
    """``good`` about ``odds`` times in ``odds + 1``, else ``bad``: most examples get past the first check."""
    return st.sampled_from([True] * odds + [False]).flatmap(lambda ok: good if ok else bad)  # one_of would
    # merge the repeated branches and draw ``bad`` half the time


# Values that pass the type checks, to reach the catalog's ranges, the layout and the rules.
plausible_numbers = st.integers(-3000, 3000) | st.floats(-120_000, 120_000) | st.sampled_from(
    [0, 100, 300, 450, 600, 720, 1200, 2400, 99_999.5, 100_000, -100_000])
plausible = plausible_numbers | st.sampled_from(NASTY_TEXTS) | st.lists(plausible_numbers, min_size=3, max_size=3)

