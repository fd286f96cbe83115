"""The domain: catalog, design, geometry, file formats.  No Qt, no VTK, no display.

Everything here is importable and testable on a machine without a screen; the
user interface in ``app.ui`` reads it and sends it commands.
"""
