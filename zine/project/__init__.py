"""Reading a project: ``zine.toml``, a lone article or a folder of articles (``load``),
articles and their front matter (``articles``, ``fields``), comment threads (``comments``)
and strict YAML (``yamlio``).
"""
