"""Imported once by the build's fork server: every worker forked from it starts with WeasyPrint
and the rest of the PDF pipeline already imported. Not python-docx (0.04–0.08 s): the fork server
is on the cold build's critical path, and while it starts the main process writes the DOCX of the
articles it prepared; a worker that writes a DOCX imports it then, once."""

import colloquy.build.execute
import colloquy.i18n.localise
import colloquy.reader
import colloquy.writers.html
import colloquy.writers.pdf

colloquy.writers.pdf.load_weasyprint()
