"""Foundations every stage may use: the exception tree, the data model, files in and out,
paper sizes and units, content digests, limits, wording, the sandbox for paths and bundled
resources. Imports nothing else of zine.
"""
