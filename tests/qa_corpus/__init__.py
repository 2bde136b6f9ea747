"""The labelled translation-QA corpus (issue 13): known-good pairs, planted errors, the scorer."""
