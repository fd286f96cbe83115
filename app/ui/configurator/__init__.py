"""The configurator window and its panels (library, inspector, placed list, problems, status).

May import: the domain, ``app.editing``, ``app.ui.view``, ``app.ui.document``,
and ``app.ui.designer.main`` to open the designer.  Never ``app.ui.kiosk``.
"""
