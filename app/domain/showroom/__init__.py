"""The showroom's own data: order codes, the order store, contact details, kiosk settings.

May import: ``app.domain.design``, ``app.domain.files``.
"""
