"""Foundations every stage may use: the exception tree, the data model, files in and out,
paper sizes and units, content digests, wording, the sandbox for paths, bundled resources
and the guarded patches to other libraries (``compat``). Imports nothing else of zine.
"""
