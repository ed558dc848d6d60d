"""HTML nested deeper than any page needs, made shallow before it is parsed.

Beautiful Soup, and the Markdown converter after it, take time that grows faster
than the depth of nesting (and recurse through it): a post of 60,000 ``<div>``s one
inside another takes minutes. Such nesting is layout wrapping, never meaning, so past
``MAX_DEPTH`` the wrappers that carry none (``div``, ``span``, ``section`` ...) are
dropped in one linear pass; HTML still nested too deep after that is refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from zine.core.limits import enforce

MAX_DEPTH = 400  # elements one inside another; WordPress themes nest a few dozen
WRAPPERS = {"div", "span", "section", "article", "main", "aside", "header", "footer", "font", "center", "nav"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(/?)>")


def deepest(html: str) -> int:
    """How deep elements nest (a rough count: void and self-closed tags add nothing)."""
    depth = most = 0
    for closing, name, self_closed in TAG.findall(html):
        name = name.lower()
        if name in VOID or self_closed:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        most = max(most, depth)
    return most


def shallow(html: str, where: Path | str | None = None) -> str:
    """``html`` as it is when it nests at most MAX_DEPTH deep; else without its wrapper tags;
    a LimitError naming ``where`` when even that nests too deep."""
    if deepest(html) <= MAX_DEPTH:
        return html
    flat = TAG.sub(lambda m: "" if m.group(2).lower() in WRAPPERS else m.group(0), html)
    enforce(deepest(flat), MAX_DEPTH, "elements nested one inside another", where,
            advice="the HTML is not a page a browser saved or a blog wrote")
    return flat
