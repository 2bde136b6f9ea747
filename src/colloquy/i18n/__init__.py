"""Localisation through gettext catalogs: extraction, lossless update, statistics, localisation.

One domain per article (``locales/<locale>/LC_MESSAGES/<slug>.po``) and one domain
``ui`` for the templates' strings. Catalogs are Babel :class:`~babel.messages.catalog.Catalog`
objects; :mod:`colloquy.i18n.pofile` is the one place that reads and writes PO files.
"""
