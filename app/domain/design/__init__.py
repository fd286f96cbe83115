"""A design: the placed modules, the only ways to change them, and where they are.

``design`` (placed modules, typed events), ``commands`` (undoable edits),
``files`` (versioned design files), ``presets``, ``recovery`` (autosave files),
``layout`` (each module's size and room transform), ``placement`` (next free
spot, snap steps, wall-unit heights), ``runs`` (units side by side: widening
pushes the neighbours, deleting closes the gap, a new unit joins), ``picking``
(rays against boxes), ``solution_space`` (the values a parameter allows),
``corner_designs`` (each module type at the corners of its ranges, on its usual hosts).

May import: ``app.domain.catalog``, ``app.domain.problems``, ``app.domain.files``.
"""
