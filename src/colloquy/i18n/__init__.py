"""Localisation through gettext catalogs, one module per concern:

``catalog``   the catalog model (entries, unit ids and kinds) on Translate Toolkit's PO store
``pofile``    reading (validated, located errors) and writing (lossless) PO/POT files
``pairing``   which unit of a new version continues which unit of the old one
``extract``   article → template (with stable unit ids); templates' strings → ``ui`` template
``update``    template + old catalog → new catalog, never losing or hiding a translation
``localise``  article + catalog → the article in that locale
``ui``        the interface strings (``ui`` domain) of the editions
``stats``     translation progress

One domain per article (``locales/<locale>/LC_MESSAGES/<slug>.po``) and one domain ``ui``.
"""
