"""The showroom kiosk: full screen, touch first, one customer at a time (docs/kiosk.md).

One file per screen (welcome, editor, summary, done, attract, settings) plus the
pieces they share: the customer's session, translations and formatting, touch
widgets, the touch-driven 3D view, idle handling and the lock-down.
"""
