"""The catalog: one furniture system read from its files, immutable once loaded.

Holds the files' schema (``model``), the loader that collects every problem
(``loader``), safe formulas (``formulas``) and a module's formula names
(``module_eval``), the catalog check (``check``), JSON Schemas for editors
(``json_schema``) and translated texts (``texts``).

May import: ``app.domain.problems``, ``app.domain.production.hinges`` (the hinge
table's derived names), and, in ``check`` only, the design and mesh packages it
proves the catalog against.  Never Qt, VTK or anything above the domain.
"""
