"""The one error every mesh reader raises: :class:`MeshLoadError`, its message naming the file.

Kept apart so the reference scan, the reader and the worker process can all raise
it without importing each other (``app.domain.mesh.loading`` re-exports it).
"""

from __future__ import annotations


class MeshLoadError(ValueError):
    """The file cannot be used as a mesh; the message says which file and why."""
