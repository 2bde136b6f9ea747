"""Imported once by the build's fork server: every worker forked from it starts with WeasyPrint,
python-docx and the rest of the pipeline already imported."""

import colloquy.build.execute
import colloquy.i18n.localise
import colloquy.reader
import colloquy.writers.docx
import colloquy.writers.html
import colloquy.writers.pdf

colloquy.writers.pdf.load_weasyprint()
