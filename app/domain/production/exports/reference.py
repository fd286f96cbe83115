"""The order a set of workshop papers belongs to, and the id printed on each physical piece.

Papers made from a kiosk order (``modulor order CODE --bom ...``) carry an
:class:`OrderReference`: the order code, the customer's name when one was
given, and the date the order was placed.  Every writer that takes one prints
it (the PDF's cover and page headers, the XLSX's print header and Summary, the
saw lists' order-name column, every label); papers made from a design file
alone carry the design id instead.

A **piece id** names one physical piece, not a part line: a part line with
quantity 4 is four pieces, ``<ref>-<part no>-1`` to ``-4``, where ``<ref>`` is
the order code (``7K2M-Q9TX-P-17E6E3-3``) or, without an order, the design id
(``D-1A2B3C4D-P-17E6E3-3``).  Pieces are counted in design order of the modules
they come from, so piece 1 of a side is the one of the first cabinet that has
one, and the same design numbers its pieces the same way every time.  The
labels' barcodes and QR codes hold exactly this text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

CUSTOMER_LIMIT = 60   # characters a label line has room for; a longer name is cut (with an ellipsis)


class OrderReferenceError(ValueError):
    """An order reference that cannot be printed (the message says which field)."""


def _clean(text: str, field: str, limit: int) -> str:
    """One printable line: control characters (tabs, line breaks, escapes) become spaces."""
    if not isinstance(text, str):
        raise OrderReferenceError(f"order reference: {field} must be text, not {type(text).__name__}")
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class OrderReference:
    """Order code, customer name ("" when none was given) and the date the order was placed."""

    code: str
    customer: str = ""
    placed: date | None = None

    def __post_init__(self) -> None:
        code = _clean(self.code, "code", 40)
        # The code goes into piece ids, barcodes and label-printer fields, where ^ ~ _ or a space would
        # mean something else: letters, digits and dashes only (order codes and design ids are).
        if not code or not all(ch == "-" or (ch.isascii() and ch.isalnum()) for ch in code):
            raise OrderReferenceError(f"order reference: code {self.code!r} may hold only letters, digits and '-'")
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "customer", _clean(self.customer, "customer", CUSTOMER_LIMIT))

    def parts(self) -> list[str]:
        """What a paper prints, in reading order: "Order 7K2M-Q9TX", the customer, the date."""
        shown = [f"Order {self.code}"]
        if self.customer:
            shown.append(self.customer)
        if self.placed is not None:
            shown.append(self.placed.isoformat())
        return shown

    def line(self, separator: str = "  ·  ") -> str:
        return separator.join(self.parts())


def piece_prefix(design_id: str, reference: OrderReference | None) -> str:
    """What a piece id starts with: the order code, or the design id for papers without an order."""
    return reference.code if reference is not None else design_id


def piece_id(prefix: str, part_number: str, k: int) -> str:
    """The id of the k-th piece (from 1) of a part line: ``7K2M-Q9TX-P-17E6E3-3``."""
    return f"{prefix}-{part_number}-{k}"
