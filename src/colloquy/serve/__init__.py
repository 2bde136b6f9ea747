"""``colloquy serve``: a live preview of the HTML editions.

``preview.py`` builds the pages of the articles a change affects into a folder of its own
(``build/preview/``, never ``dist/``), each page with a small reload script that only preview
pages carry; an article that cannot be read gets a page that lists its problems with their
``file:line``. ``server.py`` serves that folder on 127.0.0.1, pushes a ``reload`` event to the
open pages (server-sent events) after each rebuild, builds a PDF or DOCX when its link is
followed, and watches ``articles/``, ``locales/`` and ``templates/`` with watchfiles.
"""
