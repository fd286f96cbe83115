"""The central order database's schema, as versioned SQL files applied in order.

``NNNN_name.sql``: each file is applied once, in its own transaction, and
recorded in ``modulor.schema_migrations`` (:func:`app.domain.showroom.central_db.migrate`).
A schema change is a new file with the next number; a file already applied is never edited.
"""
