"""The command line's commands, one module each, loaded lazily by ``zine.cli``.

Each parses its options and calls one library function. Shared option values live in
``options``. No library module imports this package.
"""
