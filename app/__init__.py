"""Modulor: a visual configurator for modular case furniture.

``app.domain`` holds the catalog, designs, rules, pricing and file formats and
imports neither Qt nor VTK; ``app.ui`` holds the PySide6 widgets and the 3D view.
"""

__version__ = "0.1.0"
