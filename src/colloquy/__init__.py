"""Colloquy: the bilingual publishing pipeline for Oncology Frontier's expert interviews.

The pipeline, one package per stage::

    reader/   article.md  ->  model (one typed Article)
    i18n/     Article <-> gettext catalogs (extract, update, localise, stats)
    qa/       translation checks over the catalogs
    writers/  localised Article -> HTML, PDF, DOCX
"""

__version__ = "0.1.0"
