"""The module designer window: import a mesh, check it, set its stretch zones, publish it.

May import: the domain, ``app.ui.view``, ``app.ui.startup``.  Never the configurator or the kiosk.
"""
