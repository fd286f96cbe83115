"""The editing layer: every edit a person makes, for the configurator and the kiosk alike.

No Qt, no VTK.  Widgets turn input (a click, a drop, a tap) into calls here and
show the result; what an edit does to the design (where a module goes, which
host it lands in, what a duplicate is called, whether a trial edit is
accepted) is decided here, once, for both windows.

May import: ``app.domain``.  Never Qt, VTK or ``app.ui``.
"""
