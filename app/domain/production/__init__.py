"""What the workshop builds and what it costs: parts, hardware, price, BOM, cut list, exports.

``recipe`` and ``hinges`` read a module's recipe, ``parts`` expands it, ``tally``
adds it up, ``pricing`` quotes on every edit, ``part_list`` merges identical
panels, ``nesting`` and ``cutlist`` put them on sheets, ``bom`` gathers it all,
``price_proof`` proves presets and corner designs sell above their sheets and
hardware, ``exports/`` writes it (CSV, XLSX, PDF, JSON, GLB).

May import: ``app.domain.catalog``, ``app.domain.design``, ``app.domain.files``.
"""
