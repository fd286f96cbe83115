"""The 3D view and the pictures made from it, shared by the configurator, the designer and the kiosk.

``scene`` (one record per placed module, reconciled with the design),
``scene_geometry`` (meshes from a module's state), ``scene_overlays`` (floor,
dimension lines, notes), ``camera``, ``offscreen_render`` and ``thumbnails``
(pictures without a window), ``details`` (HTML about a module type).

May import: the domain and ``app.ui.document``; never a window package.
"""
