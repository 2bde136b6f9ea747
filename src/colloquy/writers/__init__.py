"""Writers: one per output format, all fed by one :class:`~colloquy.writers.edition.EditionDoc`.

``edition``  the localised, format-neutral document (rows of aligned cells, labels, dates)
``labels``   the interface strings (the ``ui`` catalog) and each locale's house style
``html``     Jinja2 templates → HTML (also the input of ``pdf``)
``pdf``      WeasyPrint, with a URL fetcher that stays inside the project
``docx``     python-docx, named styles, East Asian fonts
"""
