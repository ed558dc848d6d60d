"""Reading a project: ``zine.toml``, a lone article or a folder of articles (``load``),
articles and their front matter (``articles``, ``fields``), comment threads (``comments``)
and strict YAML (``yamlio``).

Other packages import from here only: a project loaded, its settings read, comment threads
walked and counted, front matter split, a field picked.
"""

from zine.core.faces import lazy_face

__all__, __getattr__, __dir__ = lazy_face(__name__, {
    ".load": "load_project",
    ".config": "read_toml toml_line layout_clash",
    ".articles": "split_front_matter",
    ".fields": "pick_field LANGUAGE_TAG",
    ".comments": "load_comments walk walk_printed expand_pick top_count opening_words plain_text MAX_DEPTH",
    ".threads": "describe_threads comment_words count_words",
})
