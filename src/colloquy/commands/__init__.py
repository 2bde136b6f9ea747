"""What each ``colloquy`` subcommand does. The CLI (:mod:`colloquy.cli`) parses the command line
into typed arguments and calls these; each returns the exit status.

Each command imports what it needs when it runs: `colloquy build` with nothing to do must not
pay for Babel, markdown-it or the QA's numeral parser.
"""
