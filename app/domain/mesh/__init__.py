"""Module meshes: safe reading, the designer's checks, cleaning, stretching, publishing.

``loading`` (size limit, references kept in the file's folder), ``sandbox`` (a
worker process with a time limit), ``inspection``, ``topology``, ``units``,
``clean``, ``stretch``, ``report``, ``publish`` and ``entry_toml`` (the catalog
entry a publish writes), ``designer_session`` (one designer's work on one mesh).

May import: ``app.domain.catalog``, ``app.domain.design``, ``app.domain.files``.
"""
