"""Which catalog edge is the front, back, left or right of a part on a saw list or a label.

A part lies as a saw operator and an edgebander see it: its length (the
catalog's ``length``, along the grain) runs left to right, its width away from
the operator.  The catalog names the edges ``L1 L2`` (the two long edges, each
as long as the part) and ``W1 W2`` (the two short edges, each as long as its
width), so:

======  ======  ==========================================
edge    side    what the label's sketch shows
======  ======  ==========================================
``L1``  front   the bottom edge of the drawn rectangle
``L2``  back    the top edge
``W1``  left    the left edge
``W2``  right   the right edge
======  ======  ==========================================

This is the convention of saw optimisers' part imports (HOMAG intelliDivide's
``EdgeFront``/``EdgeBack`` run along the part's length, ``EdgeLeft``/``EdgeRight``
along its width).  A label and a saw list of the same part always agree.
"""

from __future__ import annotations

SIDES = (("L1", "front"), ("L2", "back"), ("W1", "left"), ("W2", "right"))   # (catalog edge, side)
