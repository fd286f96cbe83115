"""The customer's papers: the quote to take home and the assembly instructions, as data.

``units`` groups a design into the units a customer recognises, ``customer_quote``
makes the quote's content (lines per unit, finishes, totals, validity, shop),
``elevation`` the front view with its dimensions, ``sweep`` the straight-path
test, ``assembly_plan`` the ordered steps with their parts and fittings, and
``words`` the papers' own words in the kiosk's languages.  The PDF writers are
``production/exports/quote_pdf.py`` and ``assembly_pdf.py``; pictures come from
the rendering layer (``app/ui/view``), handed in as PNG bytes.

May import: ``app.domain.catalog``, ``app.domain.design``, ``app.domain.production``.
Never the rules (their findings are handed in as data) and never an export.
"""
